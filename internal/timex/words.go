package timex

import "strings"

// months maps month names and abbreviations (with their period) to 1..12.
var months = map[string]int{
	"january": 1, "jan.": 1, "jan": 1, "february": 2, "feb.": 2, "feb": 2,
	"march": 3, "mar.": 3, "april": 4, "apr.": 4, "apr": 4, "may": 5,
	"june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8, "aug": 8,
	"september": 9, "sept.": 9, "sep.": 9, "sept": 9, "october": 10, "oct.": 10, "oct": 10,
	"november": 11, "nov.": 11, "nov": 11, "december": 12, "dec.": 12, "dec": 12,
}

// weekdays maps day names to ISO weekday numbers (Monday 1 .. Sunday 7).
var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
	"mon.": 1, "tue.": 2, "tues.": 2, "wed.": 3, "thu.": 4, "thur.": 4, "thurs.": 4, "fri.": 5, "sat.": 6, "sun.": 7,
}

// pluralWeekdays are weekday plurals ("on Tuesdays"): sets.
var pluralWeekdays = map[string]int{
	"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
}

// units maps calendar units (singular and plural) to their TIMEX3 letters.
var units = map[string]string{
	"second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
	"day": "D", "days": "D", "week": "W", "weeks": "W", "fortnight": "FN", "fortnights": "FN",
	"month": "M", "months": "M", "quarter": "Q", "quarters": "Q",
	"year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE",
	"weekend": "WE", "weekends": "WE",
}

// seasons maps season names to TIMEX3 season codes.
var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
	"springs": "SP", "summers": "SU", "autumns": "FA", "winters": "WI",
}

// dayParts maps parts of the day to TIMEX3 codes.
var dayParts = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

// numberWords maps spelled-out numbers to their values.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1, "dozen": 12,
}

// ordinals maps ordinal words to their values.
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30, "thirty-first": 31,
}

// vagueCounts are quantities that make a duration's count unknown ("several
// years": PXY).
var vagueCounts = map[string]bool{
	"several": true, "few": true, "many": true, "some": true, "couple": true, "numerous": true,
	"recent": true, "coming": true, "past": true, "ensuing": true,
}

// approximators may open a duration or a date and belong to its extent
// ("nearly two years", "about a decade").
var approximators = []string{
	"at least", "at most", "more than", "less than", "fewer than", "no more than", "no less than",
	"up to", "about", "around", "nearly", "almost", "some", "roughly", "approximately",
	"only", "just", "barely", "another", "an additional", "more than a", "over a", "over an", "sometime", "some time",
}

// positions are modifiers that narrow a date without changing its value in
// TempEval-3 annotation ("early next year", "the end of 1990").
var positions = []string{
	"the end of", "the beginning of", "the start of", "the middle of", "the close of", "the turn of",
	"the rest of", "the remainder of", "the balance of",
	"end of", "beginning of", "middle of", "start of",
	"early", "late", "mid", "earlier", "later", "the early", "the late", "the mid",
}

// vagueRefs are single words or phrases with a fixed vague value.
var vagueRefs = map[string][2]string{
	"now":                 {"DATE", "PRESENT_REF"},
	"currently":           {"DATE", "PRESENT_REF"},
	"current":             {"DATE", "PRESENT_REF"},
	"nowadays":            {"DATE", "PRESENT_REF"},
	"these days":          {"DATE", "PRESENT_REF"},
	"at present":          {"DATE", "PRESENT_REF"},
	"at the moment":       {"DATE", "PRESENT_REF"},
	"right now":           {"DATE", "PRESENT_REF"},
	"recently":            {"DATE", "PAST_REF"},
	"lately":              {"DATE", "PAST_REF"},
	"the past":            {"DATE", "PAST_REF"},
	"soon":                {"DATE", "FUTURE_REF"},
	"the future":          {"DATE", "FUTURE_REF"},
	"the near future":     {"DATE", "FUTURE_REF"},
	"the near term":       {"DATE", "FUTURE_REF"},
	"the short term":      {"DATE", "FUTURE_REF"},
	"a later date":        {"DATE", "FUTURE_REF"},
	"shortly":             {"DATE", "FUTURE_REF"},
	"as soon as possible": {"DATE", "FUTURE_REF"},
	"recent years":        {"DATE", "PAST_REF"},
	"recent months":       {"DURATION", "PXM"},
	"recent weeks":        {"DURATION", "PXW"},
	"recent days":         {"DURATION", "PXD"},
	"the coming weeks":    {"DURATION", "PXW"},
	"the coming months":   {"DURATION", "PXM"},
	"the coming years":    {"DURATION", "PXY"},
	"the coming days":     {"DURATION", "PXD"},
	"coming weeks":        {"DURATION", "PXW"},
	"coming months":       {"DURATION", "PXM"},
	"coming years":        {"DURATION", "PXY"},
	"coming days":         {"DURATION", "PXD"},
	"the years":           {"DURATION", "PXY"},
	"a while":             {"DURATION", "PXX"},
}

// numberWord returns the value of a spelled number, including hyphenated
// compounds ("twenty-four"), or -1.
func numberWord(s string) int {
	if v, ok := numberWords[s]; ok {
		return v
	}
	if a, b, ok := strings.Cut(s, "-"); ok {
		t, u := numberWords[a], numberWords[b]
		if t >= 20 && t < 100 && t%10 == 0 && u > 0 && u < 10 {
			return t + u
		}
	}
	return -1
}

// Phrase lists indexed by their first word.
var (
	approxIndex   = byFirst(approximators)
	positionIndex = byFirst(positions)
	halves        = byFirst([]string{"the first half", "the second half", "the last half", "the latter half", "first half", "second half", "the first six months"})
)

func byFirst(ps []string) map[string][]string {
	out := map[string][]string{}
	for _, p := range ps {
		first, _, _ := strings.Cut(p, " ")
		out[first] = append(out[first], p)
	}
	return out
}

// vagueByFirst indexes vagueRefs by their first word.
var vagueByFirst = map[string][]string{}

// triggers are the words an expression may start with; expr skips others
// (numbers, quotes and hyphenated words are always tried).
var triggers = map[string]bool{}

func init() {
	for p := range vagueRefs {
		first, _, _ := strings.Cut(p, " ")
		vagueByFirst[first] = append(vagueByFirst[first], p)
	}
	add := func(w string) {
		first, _, _ := strings.Cut(w, " ")
		triggers[first] = true
	}
	for _, m := range []map[string]int{months, weekdays, pluralWeekdays, numberWords, ordinals} {
		for w := range m {
			add(w)
		}
	}
	for _, m := range []map[string]string{units, seasons, dayParts, decadeWords} {
		for w := range m {
			add(w)
		}
	}
	for w := range vagueCounts {
		add(w)
	}
	for w := range vagueRefs {
		add(w)
	}
	for w := range relWords {
		add(w)
	}
	for _, l := range [][]string{approximators, positions} {
		for _, w := range l {
			add(w)
		}
	}
	for _, w := range []string{
		"the", "today", "yesterday", "tomorrow", "tonight", "noon", "midday", "midnight", "fiscal", "calendar",
		"model", "every", "each", "per", "annually", "yearly", "daily", "nightly", "latest", "most", "full",
		"its", "year", "q1", "q2", "q3", "q4", "two", "first", "second", "half",
		"christmas", "boxing", "new", "halloween", "valentine",
	} {
		add(w)
	}
}
