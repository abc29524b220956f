package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Types of time expressions (TIMEX3 type attribute).
const (
	TypeDate     = "DATE"
	TypeTime     = "TIME"
	TypeDuration = "DURATION"
	TypeSet      = "SET"
)

// maxSentence bounds the bytes of one sentence the finder reads: longer
// "sentences" (tables, run-on lists) are read in pieces of this size.
const maxSentence = 4096

// Find returns the time expressions of text in order, each with its TIMEX3
// type and value. sentences are the sentence spans of text (nil: the whole
// text is one sentence); the tense of each sentence decides which way a
// relative expression resolves ("on Wednesday" in a past-tense sentence is
// the Wednesday on or before dct, in a future one the Wednesday on or
// after). dct is the document creation time, the publication date; zero
// means unknown, and relative expressions then get underspecified values
// (PAST_REF, "XXXX-09", "XXXX-WXX-3") instead of an invented date.
//
// Spans are ordered, non-empty, non-overlapping and within text. Find never
// fails; it returns nil when text holds no time expression.
func Find(text string, sentences []news.Span, dct time.Time) []news.TimeRef {
	if sentences == nil {
		sentences = []news.Span{{Start: 0, End: len(text)}}
	}
	a := anchor{known: !dct.IsZero()}
	if a.known {
		a.dct = dct.UTC()
	}
	// Financial reports speak of quarters: there "a year ago" is the same
	// quarter a year before.
	a.quarterly = strings.Contains(text, "quarter") || strings.Contains(text, "Quarter")
	var out []news.TimeRef
	prev := 0
	for _, s := range sentences {
		start, end := max(s.Start, prev, 0), min(s.End, len(text))
		for start < end {
			stop := end
			if stop-start > maxSentence {
				stop = cutAt(text, start+maxSentence)
			}
			out = findIn(text, start, stop, a, out)
			start = stop
		}
		prev = max(prev, end)
	}
	return out
}

// cutAt returns a rune boundary at or before i, after a space if one is near.
func cutAt(text string, i int) int {
	for j := i; j > i-64 && j > 0; j-- {
		if text[j] == ' ' || text[j] == '\n' {
			return j + 1
		}
	}
	for i > 0 && i < len(text) && text[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// findIn appends the expressions of text[start:end] to out.
func findIn(text string, start, end int, a anchor, out []news.TimeRef) []news.TimeRef {
	toks := tokenize(text, start, end)
	if len(toks) == 0 {
		return out
	}
	m := &matcher{toks: toks, a: a}
	m.a.dir = tense(toks)
	m.quarterly = a.quarterly
	for i := 0; i < len(toks); {
		r, ok := m.expr(i)
		if !ok || r.j <= i {
			i++
			continue
		}
		if r.typ == TypeTime && strings.HasPrefix(r.val, "XXXX-XX-XXT") && a.known {
			r.val = fmtDay(a.dct) + strings.TrimPrefix(r.val, "XXXX-XX-XX")
		}
		s, e := toks[i].start, toks[r.j-1].end
		out = append(out, news.TimeRef{Text: text[s:e], Value: r.val, Type: r.typ, Start: s, End: e})
		i = r.j
	}
	return out
}

// tense guesses which way the sentence looks from its auxiliaries and verbs.
func tense(toks []token) int {
	pastSeen, intent := false, false
	for i, t := range toks {
		switch t.low {
		case "will", "shall", "wo", "'ll", "won't", "upcoming", "tomorrow":
			return future
		case "going", "expected", "expects", "plans", "planned", "scheduled", "set", "due", "intends", "hopes":
			if i+1 < len(toks) && toks[i+1].low == "to" {
				intent = true
			}
		case "'", "’":
			if i+1 < len(toks) && toks[i+1].low == "ll" {
				return future
			}
		case "said", "was", "were", "had", "did", "ago", "yesterday", "last", "earlier", "told", "reported", "announced",
			"fell", "rose", "took", "made", "came", "went", "gave", "won", "lost", "paid", "sold", "bought", "left",
			"met", "began", "held", "led", "sent", "spent", "became", "found", "got", "saw", "struck", "shot", "hit",
			"knew", "thought", "brought", "kept", "ran", "cut", "put", "quit", "wrote", "spoke", "broke":
			if t.low == "cut" || t.low == "put" || t.low == "hit" || t.low == "quit" {
				// present and past alike: past only after a subject pronoun or noun
				if i == 0 || toks[i-1].low == "to" || toks[i-1].low == "will" || toks[i-1].low == "would" {
					continue
				}
			}
			pastSeen = true
		default:
			if len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && !t.upper {
				pastSeen = true
			}
		}
	}
	switch {
	case intent && !pastSeen:
		return future
	case pastSeen:
		return past
	}
	return nearest
}

// matcher holds one sentence's tokens and anchor.
type matcher struct {
	toks      []token
	a         anchor
	quarterly bool // the sentence speaks of quarters (financial results)
}

// result is an expression ending before token j.
type result struct {
	j        int
	typ, val string
}

func (m *matcher) low(i int) string { return m.tok(i).low }

// tok returns token i, or an empty token outside the sentence.
func (m *matcher) tok(i int) token {
	if i < 0 || i >= len(m.toks) {
		return token{}
	}
	return m.toks[i]
}

// phrase matches the words of p at token i and returns the token after it.
func (m *matcher) phrase(i int, p string) (int, bool) {
	for {
		w, rest, _ := strings.Cut(p, " ")
		if m.low(i) != w {
			return 0, false
		}
		i++
		if rest == "" {
			return i, true
		}
		p = rest
	}
}

// longestPhrase matches the longest of ps (indexed by first word) at i.
func (m *matcher) longestPhrase(i int, ps map[string][]string) (int, string) {
	best, which := i, ""
	for _, p := range ps[m.low(i)] {
		if j, ok := m.phrase(i, p); ok && j > best {
			best, which = j, p
		}
	}
	return best, which
}

// expr finds the longest expression starting at token i, with its leading
// modifiers ("nearly", "early", "the end of").
func (m *matcher) expr(i int) (result, bool) {
	t := m.low(i)
	if t == "" || !m.tok(i).digits && t[0] != '\'' && t[0] != 0xE2 && !triggers[t] && !strings.Contains(t, "-") {
		return result{}, false
	}
	best, ok := m.core(i)
	// Halves: "the first half of 1989", "the second half".
	if j, p := m.longestPhrase(i, halves); j > i {
		h := "H1"
		if !strings.Contains(p, "first") {
			h = "H2"
		}
		y, j2 := m.yearOf(j)
		if y == "" {
			y = m.a.year(0)
			if !m.a.known {
				y = "XXXX"
			}
		}
		if strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20") || y == "XXXX" {
			if len(y) == 4 {
				if r := (result{j2, TypeDate, y + "-" + h}); !ok || r.j > best.j {
					best, ok = r, true
				}
			} else if r := (result{j2, TypeDate, y}); !ok || r.j > best.j {
				best, ok = r, true
			}
		}
	}
	for _, mods := range []map[string][]string{approxIndex, positionIndex} {
		j, p := m.longestPhrase(i, mods)
		if j == i {
			continue
		}
		if p == "mid" && m.low(j) == "-" {
			j++
		}
		if r, ok2 := m.core(j); ok2 && (!ok || r.j > best.j) {
			best, ok = r, true
		}
	}
	// Time and date together: "10 p.m. Wednesday", "Friday at 2:30 p.m.".
	if ok {
		best = m.combine(best)
	}
	return best, ok
}

// combine joins a time of day and a date that follow each other.
func (m *matcher) combine(r result) result {
	j := r.j
	k := j
	if m.low(k) == "," || m.low(k) == "at" || m.low(k) == "on" {
		k++
	}
	next, ok := m.core(k)
	if !ok {
		return r
	}
	clock, date := "", ""
	switch {
	case r.typ == TypeTime && strings.HasPrefix(r.val, "XXXX-XX-XXT") && next.typ == TypeDate && isDay(next.val):
		clock, date = strings.TrimPrefix(r.val, "XXXX-XX-XX"), next.val
	case r.typ == TypeDate && isDay(r.val) && next.typ == TypeTime && strings.HasPrefix(next.val, "XXXX-XX-XXT"):
		clock, date = strings.TrimPrefix(next.val, "XXXX-XX-XX"), r.val
	case r.typ == TypeTime && strings.HasPrefix(r.val, "XXXX-XX-XXT") && next.typ == TypeTime && !strings.HasPrefix(next.val, "XXXX-XX-XXT") && strings.Contains(next.val, "T"):
		d, _, _ := strings.Cut(next.val, "T")
		clock, date = strings.TrimPrefix(r.val, "XXXX-XX-XX"), d
	default:
		return r
	}
	if date == "PRESENT_REF" || date == "PAST_REF" || date == "FUTURE_REF" {
		date = "XXXX-XX-XX"
	}
	return result{next.j, TypeTime, date + clock}
}

// isDay reports whether v is a (possibly underspecified) calendar day.
func isDay(v string) bool {
	return len(v) == 10 && v[4] == '-' && v[7] == '-' || strings.HasPrefix(v, "XXXX-WXX-") && len(v) == 10
}

// core is the longest expression at token i without leading modifiers.
func (m *matcher) core(i int) (result, bool) {
	var best result
	ok := false
	for _, f := range []func(int) (result, bool){
		m.vague, m.deictic, m.weekday, m.monthDate, m.year, m.numeric, m.quarter, m.relative, m.set, m.duration, m.holiday,
	} {
		if r, o := f(i); o && r.j > i && (!ok || r.j > best.j) {
			best, ok = r, true
		}
	}
	if !ok && m.low(i) == "the" {
		// "the 1990s", "the third quarter", "the past two years"; not "the
		// 2015 election", where the year alone is the expression.
		for _, f := range []func(int) (result, bool){m.year, m.quarter, m.duration} {
			if r, o := f(i + 1); o && (!ok || r.j > best.j) && !(len(r.val) == 4 && r.j == i+2) {
				best, ok = r, true
			}
		}
	}
	return best, ok
}

// vague matches the fixed phrases of vagueRefs.
func (m *matcher) vague(i int) (result, bool) {
	best := result{}
	for _, p := range vagueByFirst[m.low(i)] {
		if j, ok := m.phrase(i, p); ok && j > best.j {
			tv := vagueRefs[p]
			best = result{j, tv[0], tv[1]}
		}
	}
	if best.j == 0 {
		return best, false
	}
	if m.low(i) == "soon" && (m.low(i+1) == "as" || m.low(i+1) == "after" || m.low(i-1) == "as") {
		return result{}, false
	}
	// "current" and "recent" are references only as bare adjectives of
	// things in time, not in "current account" or "recent data"; keep them
	// where TimeML does: before a noun, which is most uses.
	return best, true
}

// deictic matches today, yesterday, tomorrow, tonight and their parts of day.
func (m *matcher) deictic(i int) (result, bool) {
	off := 0
	switch m.low(i) {
	case "today":
		off = 0
	case "yesterday":
		off = -1
	case "tomorrow":
		off = 1
	case "tonight":
		return result{i + 1, TypeTime, m.dayWith(m.a.day(0), "NI")}, true
	default:
		return result{}, false
	}
	if p, ok := dayParts[m.low(i+1)]; ok {
		return result{i + 2, TypeTime, m.dayWith(m.a.day(off), p)}, true
	}
	return result{i + 1, TypeDate, m.a.day(off)}, true
}

// holidays are fixed-date holidays: (month, day) by name.
var holidays = map[string][2]int{
	"christmas": {12, 25}, "christmas day": {12, 25}, "christmas eve": {12, 24}, "boxing day": {12, 26},
	"new year's day": {1, 1}, "new year's eve": {12, 31}, "halloween": {10, 31}, "valentine's day": {2, 14},
}

// holiday matches fixed-date holidays ("Christmas", "New Year's Eve"),
// capitalised, with an optional year ("Christmas 2014").
func (m *matcher) holiday(i int) (result, bool) {
	if !m.tok(i).upper {
		return result{}, false
	}
	best, md := i, [2]int{}
	for name, d := range holidays {
		j, ok := i, true
		for w := range strings.SplitSeq(name, " ") {
			w, s, poss := strings.Cut(w, "'")
			if m.low(j) != w {
				ok = false
				break
			}
			j++
			if poss {
				if (m.low(j) != "'" && m.low(j) != "’") || m.low(j+1) != s {
					ok = false
					break
				}
				j += 2
			}
		}
		if ok && j > best {
			best, md = j, d
		}
	}
	if best == i {
		return result{}, false
	}
	if y, ok := m.yearNumber(best); ok {
		return result{best + 1, TypeDate, fmtDate(y, md[0], md[1])}, true
	}
	return result{best, TypeDate, fmtDate(m.a.monthYear(md[0], md[1], ""), md[0], md[1])}, true
}

// dayWith appends a part of day or clock time to a date value.
func (m *matcher) dayWith(day, part string) string {
	if day == "PRESENT_REF" || day == "PAST_REF" || day == "FUTURE_REF" {
		day = "XXXX-XX-XX"
	}
	return day + "T" + part
}

// relWords are the words that place a unit relative to the DCT.
var relWords = map[string]int{
	"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "prior": -1,
	"next": 1, "coming": 1, "following": 1, "upcoming": 1,
}

// weekday matches "Friday", "last Friday", "Friday morning", "Friday, Nov. 6".
func (m *matcher) weekday(i int) (result, bool) {
	rel := ""
	k := i
	if _, ok := relWords[m.low(i)]; ok {
		rel = m.low(i)
		k++
	}
	if wd, ok := pluralWeekdays[m.low(k)]; ok && m.tok(k).upper {
		v := fmt.Sprintf("XXXX-WXX-%d", wd)
		if p, ok := dayParts[strings.TrimSuffix(m.low(k+1), "s")]; ok {
			return result{k + 2, TypeSet, v + "T" + p}, true
		}
		return result{k + 1, TypeSet, v}, true
	}
	wd, ok := weekdays[m.low(k)]
	if !ok || !m.tok(k).upper {
		return result{}, false
	}
	j := k + 1
	v := m.a.weekday(wd, rel)
	// "Friday, Nov. 6" or "Friday Nov. 6, 2015": the date is explicit.
	d := j
	if m.low(d) == "," {
		d++
	}
	if r, ok := m.monthDate(d); ok && isDay(r.val) {
		return r, true
	}
	if p, ok := dayParts[m.low(j)]; ok {
		return result{j + 1, TypeTime, m.dayWith(v, p)}, true
	}
	return result{j, TypeDate, v}, true
}

// dayNumber reads a day of the month ("30", "30th", "1st").
func (m *matcher) dayNumber(i int) (int, bool) {
	t := m.low(i)
	if t == "" || !m.tok(i).digits {
		if v, ok := ordinals[t]; ok && v <= 31 {
			return v, true
		}
		return 0, false
	}
	t = strings.TrimRight(t, "stndrh")
	n, err := strconv.Atoi(t)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// monthName reads a month at token i; a bare "May" or "March" must look
// like a date from its neighbours.
func (m *matcher) monthName(i int) (int, bool) {
	t := m.low(i)
	mon, ok := months[t]
	if !ok || !m.tok(i).upper {
		return 0, false
	}
	return mon, true
}

// monthAlone reports whether an ambiguous month word stands as a month.
func (m *matcher) monthAlone(i int) bool {
	switch m.low(i) {
	case "may", "march", "mar", "jan", "aug", "sept", "dec", "oct", "nov", "feb", "apr", "jun", "jul":
		switch m.low(i - 1) {
		case "in", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this", "of", "through", "from", "to", "during", "before", "after", "-", "between", "and", "or", "end", "beginning", "middle", "past", "coming":
			return true
		}
		return false
	}
	return true
}

// monthDate matches dates built on a month name: "Sept. 30", "Nov. 2,
// 2015", "2 November 2015", "November 2015", "last April", "June last year",
// "mid-November".
func (m *matcher) monthDate(i int) (result, bool) {
	rel := ""
	k := i
	if r, ok := relWords[m.low(i)]; ok && r != 0 || m.low(i) == "this" {
		rel = m.low(i)
		k++
	}
	if after, ok := strings.CutPrefix(m.low(k), "mid-"); ok {
		if mon, ok := months[after]; ok {
			y := m.a.monthYear(mon, 0, rel)
			if yy, j := m.yearOf(k + 1); yy != "" && len(yy) == 4 {
				return result{j, TypeDate, yy + fmt.Sprintf("-%02d", mon)}, true
			}
			return result{k + 1, TypeDate, fmtMonth(y, mon)}, true
		}
	}
	// Day first: "2 November 2015".
	if d, ok := m.dayNumber(k); ok && rel == "" {
		off := 1
		if m.low(k+1) == "of" {
			off = 2
		}
		if mon, ok := m.monthName(k + off); ok {
			j := k + off + 1
			if y, ok := m.yearNumber(j); ok {
				return result{j + 1, TypeDate, fmtDate(y, mon, d)}, true
			}
			return result{j, TypeDate, fmtDate(m.a.monthYear(mon, d, ""), mon, d)}, true
		}
	}
	mon, ok := m.monthName(k)
	if !ok {
		return result{}, false
	}
	j := k + 1
	if d, ok := m.dayNumber(j); ok && (m.tok(j).digits || m.low(j-1) != "may") {
		j++
		c := j
		if m.low(c) == "," {
			c++
		}
		if y, ok := m.yearNumber(c); ok {
			return result{c + 1, TypeDate, fmtDate(y, mon, d)}, true
		}
		return result{j, TypeDate, fmtDate(m.a.monthYear(mon, d, rel), mon, d)}, true
	}
	if yy, j2 := m.yearOf(j); yy != "" && len(yy) == 4 && rel == "" {
		return result{j2, TypeDate, fmt.Sprintf("%s-%02d", yy, mon)}, true
	}
	if rel == "" && !m.monthAlone(k) {
		return result{}, false
	}
	return result{j, TypeDate, fmtMonth(m.a.monthYear(mon, 0, rel), mon)}, true
}

// yearNumber reads a four-digit year (or "'98") at token i.
func (m *matcher) yearNumber(i int) (int, bool) {
	t := m.low(i)
	if len(t) == 4 && m.tok(i).digits {
		n, err := strconv.Atoi(t)
		if err == nil && n >= 1000 && n <= 2199 {
			return n, true
		}
	}
	return 0, false
}

// yearOf reads the year that may follow a month, a quarter or a season:
// "1989", ", 1989", "of 1989", "last year", "of this year", "'s" forms.
// It returns the year value and the token after it, or "".
func (m *matcher) yearOf(i int) (string, int) {
	k := i
	if m.low(k) == "," || m.low(k) == "of" {
		k++
	}
	if y, ok := m.yearNumber(k); ok {
		return strconv.Itoa(y), k + 1
	}
	if r, ok := m.spelledYear(k); ok {
		return r.val, r.j
	}
	if m.low(k) == "the" && m.low(k+1) == "year" {
		k++
		if m.low(k+1) == "before" {
			return m.a.year(-1), k + 2
		}
	}
	if off, ok := relWords[m.low(k)]; ok && m.low(k+1) == "year" {
		if m.low(k) == "past" || m.low(k) == "coming" {
			return "", i
		}
		return m.a.year(off), k + 2
	}
	if m.low(k) == "the" && strings.HasPrefix(m.low(k+1), "'") && strings.HasSuffix(m.low(k+1), "s") {
		if d, ok := decadeValue(m.low(k + 1)); ok {
			return d, k + 2
		}
	}
	return "", i
}

// year matches years ("1998", "fiscal 1989", "the year 2000"), decades
// ("the 1990s", "the '80s", "mid-1990s") and centuries ("the 20th century").
func (m *matcher) year(i int) (result, bool) {
	t := m.low(i)
	k := i
	if t == "the" && m.low(i+1) == "year" {
		k += 2
		t = m.low(k)
	} else if t == "fiscal" || t == "calendar" || t == "model" {
		k++
		t = m.low(k)
	}
	t = strings.TrimPrefix(t, "mid-")
	if y, ok := m.yearNumber(k); ok && m.tok(k).end-m.tok(k).start == 4 {
		if k == i && !m.yearContext(k) {
			return result{}, false
		}
		return result{k + 1, TypeDate, strconv.Itoa(y)}, true
	}
	if strings.HasPrefix(t, "mid-") || k != i && strings.HasPrefix(m.low(k), "mid-") {
		t = strings.TrimPrefix(t, "mid-")
	}
	if d, ok := decadeValue(t); ok {
		return result{k + 1, TypeDate, d}, true
	}
	if d, ok := decadeWords[t]; ok && (k != i || m.low(i-1) == "the") {
		return result{k + 1, TypeDate, d}, true
	}
	if after, ok := strings.CutPrefix(m.low(k), "mid-"); ok {
		if y, err := strconv.Atoi(after); err == nil && y >= 1000 && y < 2200 {
			return result{k + 1, TypeDate, strconv.Itoa(y)}, true
		}
	}
	if r, ok := m.spelledYear(k); ok && (k != i || r.j-k > 1) {
		return r, true
	}
	// Centuries.
	if m.low(k+1) == "century" {
		n := 0
		if v, ok := ordinals[t]; ok {
			n = v
		} else if v, err := strconv.Atoi(strings.TrimRight(t, "stndrh")); err == nil && m.tok(k).digits {
			n = v
		}
		if n > 0 && n < 30 {
			return result{k + 2, TypeDate, fmt.Sprintf("%02d", n-1)}, true
		}
	}
	return result{}, false
}

// spelledYear reads a year in words: "nineteen ninety-six", "two thousand
// (and) one".
func (m *matcher) spelledYear(k int) (result, bool) {
	t := m.low(k)
	if a := numberWord(t); a >= 11 && a <= 20 {
		if b := numberWord(m.low(k + 1)); b >= 10 && b < 100 {
			return result{k + 2, TypeDate, fmt.Sprintf("%02d%02d", a, b)}, true
		}
	}
	if t == "two" && m.low(k+1) == "thousand" {
		j := k + 2
		if m.low(j) == "and" {
			j++
		}
		if b := numberWord(m.low(j)); b > 0 && b < 100 && m.low(j) != "a" && m.low(j) != "an" {
			return result{j + 1, TypeDate, fmt.Sprintf("20%02d", b)}, true
		}
		return result{k + 2, TypeDate, "2000"}, true
	}
	return result{}, false
}

// decadeWords are the decades of the last century in words.
var decadeWords = map[string]string{
	"twenties": "192", "thirties": "193", "forties": "194", "fifties": "195",
	"sixties": "196", "seventies": "197", "eighties": "198", "nineties": "199",
}

// decadeValue reads "1990s", "'80s" or "80s" as a decade ("199").
func decadeValue(t string) (string, bool) {
	t = strings.TrimPrefix(strings.TrimPrefix(t, "'"), "’")
	if !strings.HasSuffix(t, "s") {
		return "", false
	}
	d := strings.TrimSuffix(t, "s")
	if len(d) == 4 && strings.HasSuffix(d, "0") {
		if n, err := strconv.Atoi(d); err == nil && n >= 1000 && n < 2200 {
			return d[:3], true
		}
	}
	if len(d) == 2 && strings.HasSuffix(d, "0") {
		if n, err := strconv.Atoi(d); err == nil {
			if n >= 20 {
				return "19" + d[:1], true
			}
			return "20" + d[:1], true
		}
	}
	return "", false
}

// yearContext reports whether a bare four-digit number at k reads as a year.
func (m *matcher) yearContext(k int) bool {
	switch m.low(k - 1) {
	case "$", "£", "€", "#", "no.", "number", "route", "flight", "about", "some", "nearly", "than", "of", "over", "under", "to", "and":
		if m.low(k-1) == "of" || m.low(k-1) == "to" || m.low(k-1) == "and" {
			break
		}
		return false
	}
	n := m.low(k + 1)
	if n == "" || !isAlnumByte(n[0]) {
		return n != "%"
	}
	if _, unit := units[n]; unit {
		return false
	}
	switch n {
	case "percent", "per", "people", "persons", "men", "women", "troops", "soldiers", "points", "shares", "jobs", "employees", "miles", "feet", "meters", "metres", "tons", "dollars", "votes", "cases", "members", "residents", "students", "deaths":
		return false
	}
	return true
}

// numeric matches dates and times written in digits: "2015-11-02",
// "11/2/2015", "14:05", "2:30 p.m.", "10 a.m.", "noon", "midnight".
func (m *matcher) numeric(i int) (result, bool) {
	t := m.low(i)
	switch t {
	case "noon", "midday":
		return result{i + 1, TypeTime, "XXXX-XX-XXT12:00"}, true
	case "midnight":
		return result{i + 1, TypeTime, "XXXX-XX-XXT24:00"}, true
	}
	if !m.tok(i).digits {
		return result{}, false
	}
	if y, mo, d, ok := isoDate(t); ok {
		return result{i + 1, TypeDate, fmtDate(y, mo, d)}, true
	}
	if mo, d, y, ok := slashDate(t); ok {
		return result{i + 1, TypeDate, fmtDate(y, mo, d)}, true
	}
	h, mi := -1, 0
	j := i + 1
	if a, b, ok := strings.Cut(t, ":"); ok {
		hh, err1 := strconv.Atoi(a)
		mm, err2 := strconv.Atoi(b[:min(2, len(b))])
		if err1 != nil || err2 != nil || hh > 24 || mm > 59 || len(b) < 2 {
			return result{}, false
		}
		h, mi = hh, mm
		if strings.HasSuffix(t, "am") || strings.HasSuffix(t, "pm") {
			h = ampm(h, t[len(t)-2:])
		}
	} else if hh, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(t, "am"), "pm")); err == nil && hh >= 1 && hh <= 12 && (strings.HasSuffix(t, "am") || strings.HasSuffix(t, "pm")) {
		h = ampm(hh, t[len(t)-2:])
	} else if hh, err := strconv.Atoi(t); err == nil && hh >= 1 && hh <= 12 && isAMPM(m.low(j)) {
		h = hh
	} else if hh, err := strconv.Atoi(t); err == nil && hh >= 1 && hh <= 12 && m.low(j) == "o" && m.low(j+1) == "'" && m.low(j+2) == "clock" {
		h, j = hh, j+3
	}
	if h < 0 {
		return result{}, false
	}
	if isAMPM(m.low(j)) {
		h = ampm(h, m.low(j))
		j++
	}
	if zones[m.low(j)] {
		j++
	}
	return result{j, TypeTime, fmt.Sprintf("XXXX-XX-XXT%02d:%02d", h, mi)}, true
}

var zones = map[string]bool{"gmt": true, "utc": true, "est": true, "edt": true, "et": true, "pst": true, "pdt": true, "pt": true, "cst": true, "cdt": true, "bst": true, "cet": true, "cest": true, "msk": true}

func isAMPM(s string) bool {
	switch s {
	case "a.m.", "p.m.", "am", "pm", "a.m", "p.m":
		return true
	}
	return false
}

func ampm(h int, s string) int {
	if s[0] == 'p' && h < 12 {
		return h + 12
	}
	if s[0] == 'a' && h == 12 {
		return 0
	}
	return h
}

// isoDate reads YYYY-MM-DD.
func isoDate(t string) (y, m, d int, ok bool) {
	p := strings.Split(t, "-")
	if len(p) != 3 || len(p[0]) != 4 {
		return 0, 0, 0, false
	}
	return validDate(p[0], p[1], p[2])
}

// slashDate reads M/D/YYYY (American order, as in US news) or YYYY/MM/DD.
func slashDate(t string) (mo, d, y int, ok bool) {
	p := strings.Split(t, "/")
	if len(p) != 3 {
		return 0, 0, 0, false
	}
	if len(p[0]) == 4 {
		y, mo, d, ok = validDate(p[0], p[1], p[2])
		return mo, d, y, ok
	}
	if len(p[2]) != 4 {
		return 0, 0, 0, false
	}
	y, mo, d, ok = validDate(p[2], p[0], p[1])
	return mo, d, y, ok
}

func validDate(ys, ms, ds string) (y, m, d int, ok bool) {
	y, e1 := strconv.Atoi(ys)
	m, e2 := strconv.Atoi(ms)
	d, e3 := strconv.Atoi(ds)
	if e1 != nil || e2 != nil || e3 != nil || y < 1000 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// quarter matches quarters and fiscal periods: "the third quarter",
// "third-quarter", "Q3", "the fiscal first quarter", "the latest quarter",
// "the year-ago quarter".
func (m *matcher) quarter(i int) (result, bool) {
	k := i
	if m.low(k) == "its" {
		k++
	}
	prefix := ""
	if y, ok := m.yearNumber(k); ok {
		prefix, k = strconv.Itoa(y), k+1
	} else if off, ok := relWords[m.low(k)]; ok && m.low(k+1) == "year" && (m.low(k+2) == "'" || m.low(k+2) == "’") && m.low(k+3) == "s" {
		prefix, k = m.a.year(off), k+4
	}
	if m.low(k) == "fiscal" {
		k++
	}
	t := m.low(k)
	n := 0
	j := 0
	if strings.HasPrefix(t, "fiscal-") && m.low(k+1) == "quarter" {
		if v := ordinals[strings.TrimPrefix(t, "fiscal-")]; v >= 1 && v <= 4 {
			n, j = v, k+2
		}
	} else if a, b, ok := strings.Cut(t, "-"); ok && b == "quarter" {
		n, j = ordinals[strings.TrimPrefix(a, "fiscal-")], k+1
	} else if v, ok := ordinals[t]; ok && v <= 4 {
		k2 := k + 1
		if m.low(k2) == "fiscal" {
			k2++
		}
		if m.low(k2) == "quarter" {
			n, j = v, k2+1
		}
	} else if len(t) == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '4' {
		n, j = int(t[1]-'0'), k+1
	}
	if n == 0 && len(prefix) == 4 && (t == "quarter" || t == "period") && m.a.known {
		q := m.a.quarter(-1)
		return result{k + 1, TypeDate, prefix + q[4:]}, true
	}
	if n < 1 || n > 4 {
		return result{}, false
	}
	if len(prefix) == 4 {
		return result{j, TypeDate, fmt.Sprintf("%s-Q%d", prefix, n)}, true
	}
	if y, j2 := m.yearOf(j); y != "" && len(y) == 4 {
		return result{j2, TypeDate, fmt.Sprintf("%s-Q%d", y, n)}, true
	}
	if !m.a.known {
		return result{j, TypeDate, fmt.Sprintf("XXXX-Q%d", n)}, true
	}
	y := m.a.dct.Year()
	cur := (int(m.a.dct.Month())-1)/3 + 1
	if n > cur && m.a.dir != future {
		y--
	}
	return result{j, TypeDate, fmt.Sprintf("%04d-Q%d", y, n)}, true
}

// relative matches "last week", "this month", "next year", "the year",
// "the weekend", "this summer", "last night", "the latest quarter",
// "year-ago", "the year-earlier period".
func (m *matcher) relative(i int) (result, bool) {
	k := i
	the := m.low(k) == "the"
	if the {
		k++
	}
	w := m.low(k)
	switch w {
	case "year-ago", "year-earlier", "comparable", "corresponding", "same", "prior-year", "year-before":
		j := k + 1
		if m.low(j) == "year-ago" || m.low(j) == "year-earlier" {
			j++
		}
		if m.low(j) == "fiscal" {
			j++
		}
		if _, ok := ordinals[m.low(j)]; ok && m.low(j+1) == "quarter" {
			r, _ := m.quarter(j)
			return result{r.j, TypeDate, shiftYear(r.val, -1)}, true
		}
		switch m.low(j) {
		case "quarter", "period":
			if w == "same" || w == "comparable" || w == "corresponding" {
				if m.low(j+1) != "last" && m.low(j+1) != "a" && w != "comparable" {
					return result{}, false
				}
			}
			end := j + 1
			if m.low(end) == "last" && m.low(end+1) == "year" || m.low(end) == "a" && m.low(end+1) == "year" && m.low(end+2) == "ago" {
				end += 2
				if m.low(end) == "ago" {
					end++
				}
			}
			return result{end, TypeDate, shiftYear(m.a.quarter(-1), -1)}, true
		}
		if w == "year-ago" || w == "year-earlier" {
			if m.quarterly {
				return result{k + 1, TypeDate, shiftYear(m.a.quarter(-1), -1)}, true
			}
			return result{k + 1, TypeDate, m.a.year(-1)}, true
		}
		return result{}, false
	case "year-end", "year-ago-period":
		return result{k + 1, TypeDate, m.a.year(0)}, true
	case "full":
		if the && m.low(k+1) == "year" {
			return result{k + 2, TypeDate, m.a.year(0)}, true
		}
		return result{}, false
	case "latest", "most":
		j := k + 1
		if w == "most" {
			if m.low(j) != "recent" {
				return result{}, false
			}
			j++
		}
		if m.low(j) == "fiscal" {
			j++
		}
		switch m.low(j) {
		case "quarter", "period":
			if !the {
				return result{}, false
			}
			return result{j + 1, TypeDate, m.a.quarter(-1)}, true
		case "year":
			return result{j + 1, TypeDate, m.a.year(-1)}, true
		}
		return result{}, false
	}
	if w == "year" && m.low(k+1) == "end" && !the {
		return result{k + 2, TypeDate, m.a.year(0)}, true
	}
	if w == "year" && (m.low(k+1) == "'" || m.low(k+1) == "’") && m.low(k+2) == "s" && m.low(k+3) == "end" {
		return result{k + 4, TypeDate, m.a.year(0)}, true
	}
	off, rel := 0, false
	if o, ok := relWords[w]; ok {
		off, rel = o, true
		k++
		if w == "this" && (m.low(k) == "past" || m.low(k) == "coming") {
			// "this past weekend", "this coming week"
			off = relWords[m.low(k)]
			if off < 0 {
				w = "last"
			} else {
				w = "next"
			}
			k++
		}
	}
	if m.low(k) == "fiscal" {
		k++
	}
	u := m.low(k)
	if u == "year" && the && !rel && m.low(k+1) == "before" {
		return result{k + 2, TypeDate, m.a.year(-1)}, true
	}
	if rel && the && (w == "past" || w == "last" || w == "next" || w == "coming" || w == "following" || w == "previous") {
		// "the past year", "the next month": a duration, except the decade.
		if code, ok := units[u]; ok && !strings.HasSuffix(u, "s") {
			if code == "DE" && (w == "last" || w == "past") {
				return result{k + 1, TypeDate, m.a.decade(-1)}, true
			}
			if w == "previous" || w == "following" {
				return result{k + 1, TypeDate, m.a.unitAgo(code, -off)}, true
			}
			return result{k + 1, TypeDuration, durValue(1, code)}, true
		}
		return result{}, false
	}
	if the && rel && w != "current" {
		return result{}, false
	}
	if s, ok := seasons[u]; ok && !strings.HasSuffix(u, "s") {
		if !rel && !the && !m.tok(k).upper && !m.seasonContext(k) {
			return result{}, false
		}
		r := ""
		if rel {
			r = w
			if w == "current" {
				r = "this"
			}
		}
		if y, j2 := m.yearOf(k + 1); y != "" && len(y) == 4 {
			return result{j2, TypeDate, y + "-" + s}, true
		}
		return result{k + 1, TypeDate, m.a.season(s, r)}, true
	}
	if p, ok := dayParts[u]; ok && rel && u != "overnight" {
		switch {
		case w == "this":
			return result{k + 1, TypeTime, m.dayWith(m.a.day(0), p)}, true
		case w == "last" && u == "night":
			return result{k + 1, TypeTime, m.dayWith(m.a.day(-1), p)}, true
		}
		return result{}, false
	}
	code, ok := units[u]
	if !ok || strings.HasSuffix(u, "s") && u != "decades" {
		return result{}, false
	}
	if !rel && !the {
		return result{}, false
	}
	if !rel { // "the year", "the week", "the weekend", "the quarter"
		switch code {
		case "Y":
			switch m.low(i - 1) {
			case "for", "during", "over", "throughout":
				return result{k + 1, TypeDuration, "P1Y"}, true
			}
			return result{k + 1, TypeDate, m.a.year(0)}, true
		case "W":
			return result{k + 1, TypeDate, m.a.week(0)}, true
		case "Q":
			return result{k + 1, TypeDate, m.a.quarter(-1)}, true
		case "WE":
			return result{k + 1, TypeDate, m.weekend(0)}, true
		case "M":
			if m.low(i-1) == "of" {
				return result{k + 1, TypeDate, m.a.month(0)}, true
			}
		}
		return result{}, false
	}
	if w == "past" || w == "coming" {
		return result{}, false // "past week" without "the" is rare and vague
	}
	switch code {
	case "D":
		return result{}, false
	case "WE":
		return result{k + 1, TypeDate, m.weekend(off)}, true
	}
	return result{k + 1, TypeDate, m.a.unitAgo(code, -off)}, true
}

// weekend returns the weekend off weekends from the DCT's ("1998-W08-WE").
func (m *matcher) weekend(off int) string {
	if !m.a.known {
		return refFor(off)
	}
	wd := m.a.dct.Weekday()
	t := m.a.dct
	if off == 0 && wd != time.Saturday && wd != time.Sunday && m.a.dir != future {
		off = -1
	}
	return fmtWeek(t.AddDate(0, 0, 7*off)) + "-WE"
}

// seasonContext reports whether a lower-case season word names a season.
func (m *matcher) seasonContext(k int) bool {
	switch m.low(k - 1) {
	case "in", "this", "last", "next", "since", "until", "by", "during", "early", "late", "through", "mid":
		return true
	case "the", "of":
		// "the fall of the dollar", "the spring of the engine": a verb's
		// noun unless the season ends the phrase or a year follows.
		if m.low(k) != "fall" && m.low(k) != "spring" {
			return true
		}
		n := m.low(k + 1)
		if n == "of" {
			_, ok := m.yearNumber(k + 2)
			return ok
		}
		return n == "" || !isAlnumByte(n[0])
	}
	return false
}

// shiftYear moves a "YYYY..." value by off years.
func shiftYear(v string, off int) string {
	if len(v) < 4 {
		return v
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil {
		return v
	}
	return fmt.Sprintf("%04d", y+off) + v[4:]
}

// durValue formats a duration of n units ("P3Y", "PT2H"); n < 0 is unknown.
func durValue(n int, code string) string {
	c := strconv.Itoa(n)
	if n < 0 {
		c = "X"
	}
	switch code {
	case "S":
		return "PT" + c + "S"
	case "MIN":
		return "PT" + c + "M"
	case "H":
		return "PT" + c + "H"
	case "DE":
		if n < 0 {
			return "PXDE"
		}
		return "P" + strconv.Itoa(10*n) + "Y"
	case "CE":
		if n < 0 {
			return "PXCE"
		}
		return "P" + strconv.Itoa(100*n) + "Y"
	case "FN":
		if n < 0 {
			return "PXW"
		}
		return "P" + strconv.Itoa(2*n) + "W"
	}
	return "P" + c + code
}

// count reads a number of units at token i: digits, words ("twenty four",
// "a", "several", "a few", "a couple of"); n < 0 is a vague count.
func (m *matcher) count(i int) (n, j int, ok bool) {
	t := m.low(i)
	if t == "" {
		return 0, i, false
	}
	if m.tok(i).digits {
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
		if err != nil || v <= 0 || v > 10000 {
			return 0, i, false
		}
		if v != float64(int(v)) {
			return 0, i, false
		}
		return int(v), i + 1, true
	}
	if t == "a" || t == "an" {
		switch m.low(i + 1) {
		case "few", "couple":
			j := i + 2
			if m.low(j) == "of" {
				j++
			}
			if t == "a" && m.low(i+1) == "couple" {
				return 2, j, true
			}
			return -1, j, true
		case "half":
			return 0, i, false
		}
		return 1, i + 1, true
	}
	if t == "couple" && m.low(i+1) == "of" {
		return 2, i + 2, true
	}
	if vagueCounts[t] && t != "recent" && t != "coming" && t != "past" && t != "ensuing" {
		return -1, i + 1, true
	}
	if v := numberWord(t); v > 0 {
		j := i + 1
		if v >= 20 && v%10 == 0 && v < 100 {
			if u := numberWord(m.low(j)); u > 0 && u < 10 && m.low(j) != "a" {
				v += u
				j++
			}
		}
		if m.low(j) == "hundred" {
			v *= 100
			j++
		}
		if m.low(j) == "thousand" {
			v *= 1000
			j++
		}
		return v, j, true
	}
	return 0, i, false
}

// duration matches durations and the dates they measure back to: "three
// days", "the past two years", "two-year", "five years ago", "a week or so
// ago", "the first nine months", "several years".
func (m *matcher) duration(i int) (result, bool) {
	k := i
	the := m.low(k) == "the"
	if the {
		k++
	}
	lead := m.low(k)
	switch lead {
	case "past", "last", "next", "first", "coming", "previous", "final", "latest", "remaining", "following", "initial", "same", "ensuing", "prior", "recent":
		k++
	default:
		lead = ""
	}
	// Hyphenated: "two-year", "10-year", "52-week", "three-month".
	if a, b, ok := strings.Cut(m.low(k), "-"); ok {
		b = strings.TrimSuffix(b, "-long")
		if strings.HasSuffix(b, "-old") {
			return result{}, false // ages are not time expressions
		}
		if code, ok := units[b]; ok && !strings.HasSuffix(b, "s") {
			n := numberWord(a)
			if m.tok(k).digits {
				if v, err := strconv.Atoi(a); err == nil {
					n = v
				}
			}
			if vagueCounts[a] {
				n = -1
			}
			if n > 0 || n == -1 && vagueCounts[a] {
				return result{k + 1, TypeDuration, durValue(n, code)}, true
			}
		}
	}
	if !the && lead == "" {
		switch m.low(i - 1) {
		case "for", "within", "in", "over":
			if code, ok := units[m.low(i)]; ok && strings.HasSuffix(m.low(i), "s") && code != "WE" && code != "Q" && code != "S" {
				j := i + 1
				if m.low(j) == "or" {
					if _, ok := units[m.low(j+1)]; ok {
						j += 2
					}
				}
				return result{j, TypeDuration, durValue(-1, code)}, true
			}
		}
	}
	n, j, ok := m.count(k)
	if !ok {
		if lead == "" && !the {
			return result{}, false
		}
		// "the past few weeks" is read by count; "the weeks ahead":
		n, j = -1, k
	}
	// "two to three weeks", "one or two days"
	if (m.low(j) == "to" || m.low(j) == "or") && ok {
		if _, j2, ok2 := m.count(j + 1); ok2 {
			if _, isUnit := units[m.low(j2)]; isUnit {
				j = j2
			}
		}
	}
	for m.low(j) == "more" || m.low(j) == "additional" || m.low(j) == "full" || m.low(j) == "long" || m.low(j) == "straight" || m.low(j) == "consecutive" || m.low(j) == "fiscal" {
		j++
	}
	u := m.low(j)
	code, isUnit := units[u]
	if !isUnit {
		return result{}, false
	}
	plural := strings.HasSuffix(u, "s") && u != "months" || u == "months" || u == "centuries"
	if plural && n == 1 && m.tok(k).low != "1" {
		return result{}, false
	}
	if !plural && n != 1 && n >= 0 {
		// "a five year low", "a two day rally": an adjective before a noun.
		if nx := m.low(j + 1); nx == "" || !isLetterByte(nx[0]) || m.tok(j+1).upper {
			return result{}, false
		}
	}
	if (m.low(k) == "a" || m.low(k) == "an") && !the && lead == "" {
		// "$500 million a year" is a rate, "a quarter of" a fraction.
		switch p, nx := m.low(k-1), m.low(j+1); {
		case nx == "ago" || nx == "earlier" || nx == "before" || nx == "later" || nx == "back":
		case p == "million" || p == "billion" || p == "%" || p == "percent" || m.tok(k-1).digits:
			return result{}, false
		}
		if code == "Q" && m.low(j+1) == "of" {
			return result{}, false
		}
	}
	if u == "second" && (m.low(k) == "a" || m.low(j+1) == "quarter" || m.low(j+1) == "half" || n > 1000) {
		return result{}, false // "a second time", "the 1988 second quarter"
	}
	if !ok && !plural {
		return result{}, false
	}
	if !ok && !the {
		return result{}, false
	}
	if !ok && !(m.low(j+1) == "ahead") {
		if lead == "" {
			return result{}, false
		}
	}
	j++
	if m.low(j) == "ahead" && !ok {
		j++
	}
	// "a UNIT or so", "a year or two"
	if m.low(j) == "or" && m.low(j+1) == "so" {
		j += 2
	}
	if m.low(j) == "or" && numberWord(m.low(j+1)) > 0 && m.low(j+2) != "more" {
		j += 2
	}
	switch m.low(j) {
	case "ago", "earlier", "before", "back":
		if m.low(j) == "before" || m.low(j) == "back" {
			if m.low(j+1) != "" && isAlnumByte(m.low(j + 1)[0]) && m.low(j) == "before" {
				break
			}
		}
		if lead != "" || the {
			break
		}
		if n < 0 {
			return result{j + 1, TypeDate, "PAST_REF"}, true
		}
		if code == "Y" && n == 1 && m.quarterly && m.low(j) != "before" {
			return result{j + 1, TypeDate, shiftYear(m.a.quarter(-1), -1)}, true
		}
		return result{j + 1, TypeDate, m.a.unitAgo(code, n)}, true
	case "hence":
		if lead != "" || the || n < 0 {
			break
		}
		return result{j + 1, TypeDate, m.a.unitAgo(code, -n)}, true
	case "from":
		if m.low(j+1) == "now" && lead == "" && !the && n >= 0 {
			return result{j + 2, TypeDate, m.a.unitAgo(code, -n)}, true
		}
	}
	if code == "WE" || m.low(j) == "old" || m.low(j) == "of" && m.low(j+1) == "age" {
		return result{}, false // ages are not time expressions
	}
	return result{j, TypeDuration, durValue(n, code)}, true
}

// set matches recurring times: "every year", "each Monday", "twice a
// week", "annually", "$5 a year".
func (m *matcher) set(i int) (result, bool) {
	t := m.low(i)
	switch t {
	case "daily", "nightly":
		if n := m.low(i + 1); n == "" || !isAlnumByte(n[0]) {
			return result{i + 1, TypeSet, "P1D"}, true
		}
	case "every", "each", "per":
		k := i + 1
		if m.low(k) == "other" {
			k++
		}
		if wd, ok := weekdays[m.low(k)]; ok {
			return result{k + 1, TypeSet, fmt.Sprintf("XXXX-WXX-%d", wd)}, true
		}
		if s, ok := seasons[m.low(k)]; ok && t != "per" {
			return result{k + 1, TypeSet, "XXXX-" + s}, true
		}
		if p, ok := dayParts[m.low(k)]; ok && t != "per" {
			return result{k + 1, TypeSet, "XXXX-XX-XXT" + p}, true
		}
		n := 1
		if c, j, ok := m.count(k); ok && c > 0 && m.low(k) != "a" {
			n, k = c, j
		}
		if code, ok := units[m.low(k)]; ok && code != "WE" {
			if t == "per" && m.low(i-1) == "" {
				return result{}, false
			}
			return result{k + 1, TypeSet, durValue(n, code)}, true
		}
	case "a":
		// "twice a year", "10% a year", "$5 a month": after a number or "times".
		p := m.low(i - 1)
		if p == "times" || p == "twice" || p == "once" || p == "%" || p == "percent" || p == "thrice" {
			if code, ok := units[m.low(i+1)]; ok && !strings.HasSuffix(m.low(i+1), "s") && code != "WE" {
				return result{i + 2, TypeSet, durValue(1, code)}, true
			}
		}
	}
	return result{}, false
}
