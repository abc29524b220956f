package timex

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// found is a time expression as the tests compare it.
type found struct{ Text, Value, Type string }

func find(text string, dct time.Time) []found {
	var out []found
	for _, r := range Find(text, nil, dct) {
		out = append(out, found{r.Text, r.Value, r.Type})
	}
	return out
}

// nov2 is a Monday: 2015-11-02, ISO week 45.
var nov2 = time.Date(2015, 11, 2, 0, 0, 0, 0, time.UTC)

func TestFind_patterns(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []found
	}{
		{"abbreviated month and day", "The strikes began on Sept. 30 near the coast.", []found{{"Sept. 30", "2015-09-30", "DATE"}}},
		{"month day year", "The deal closed Nov. 2, 2014, after a vote.", []found{{"Nov. 2, 2014", "2014-11-02", "DATE"}}},
		{"day month year", "The ferry sank on 4 March 2012.", []found{{"4 March 2012", "2012-03-04", "DATE"}}},
		{"month and year", "Prices peaked in August 2013.", []found{{"August 2013", "2013-08", "DATE"}}},
		{"iso date", "The filing is dated 2015-10-28.", []found{{"2015-10-28", "2015-10-28", "DATE"}}},
		{"year", "The mill closed in 1998.", []found{{"1998", "1998", "DATE"}}},
		{"decade", "The town grew in the 1990s.", []found{{"the 1990s", "199", "DATE"}}},
		{"century", "A bridge from the 19th century stands there.", []found{{"the 19th century", "18", "DATE"}}},
		{"quarter", "Profits rose in the third quarter.", []found{{"the third quarter", "2015-Q3", "DATE"}}},
		{"yesterday", "The mayor resigned yesterday.", []found{{"yesterday", "2015-11-01", "DATE"}}},
		{"today and tomorrow", "Talks end today and resume tomorrow.", []found{{"today", "2015-11-02", "DATE"}, {"tomorrow", "2015-11-03", "DATE"}}},
		{"last month", "Sales fell last month.", []found{{"last month", "2015-10", "DATE"}}},
		{"this week", "The council meets this week.", []found{{"this week", "2015-W45", "DATE"}}},
		{"next year", "Elections will be held next year.", []found{{"next year", "2016", "DATE"}}},
		{"years ago", "The plant opened two years ago.", []found{{"two years ago", "2013", "DATE"}}},
		{"days ago", "She arrived three days ago.", []found{{"three days ago", "2015-10-30", "DATE"}}},
		{"duration", "The trial lasted three days.", []found{{"three days", "P3D", "DURATION"}}},
		{"the past n units", "Rents rose over the past two years.", []found{{"the past two years", "P2Y", "DURATION"}}},
		{"vague duration", "It took several months to rebuild.", []found{{"several months", "PXM", "DURATION"}}},
		{"hyphenated duration", "He signed a five-year contract.", []found{{"five-year", "P5Y", "DURATION"}}},
		{"hours", "The siege lasted 36 hours.", []found{{"36 hours", "PT36H", "DURATION"}}},
		{"set every", "The fair is held every year.", []found{{"every year", "P1Y", "SET"}}},
		{"set each weekday", "The market opens each Monday.", []found{{"each Monday", "XXXX-WXX-1", "SET"}}},
		{"set per unit", "The ferry sails twice a week.", []found{{"a week", "P1W", "SET"}}},
		{"clock time", "The blast came at 2:40 p.m. near the port.", []found{{"2:40 p.m.", "2015-11-02T14:40", "TIME"}}},
		{"weekday and part of day", "The vote was held Friday morning.", []found{{"Friday morning", "2015-10-30TMO", "TIME"}}},
		{"time then weekday", "Polls closed at 10 p.m. Sunday.", []found{{"10 p.m. Sunday", "2015-11-01T22:00", "TIME"}}},
		{"now", "The port is now closed.", []found{{"now", "PRESENT_REF", "DATE"}}},
		{"recently", "He recently moved to Oslo.", []found{{"recently", "PAST_REF", "DATE"}}},
		{"the future", "Nobody knows what the future holds.", []found{{"the future", "FUTURE_REF", "DATE"}}},
		{"season", "The dam was finished last summer.", []found{{"last summer", "2015-SU", "DATE"}}},
		{"month with last year", "The law passed in June last year.", []found{{"June last year", "2014-06", "DATE"}}},
		{"half of a year", "Output fell in the first half of 2014.", []found{{"the first half of 2014", "2014-H1", "DATE"}}},
		{"position modifier", "The plant will reopen early next year.", []found{{"early next year", "2016", "DATE"}}},
		{"approximate duration", "The strike lasted nearly two weeks.", []found{{"nearly two weeks", "P2W", "DURATION"}}},
		{"spelled year", "It happened in nineteen ninety-six.", []found{{"nineteen ninety-six", "1996", "DATE"}}},
		{"no number is a year", "The army sent 1500 troops.", nil},
		{"ages are not durations", "The driver, 37 years old, was unhurt.", nil},
		{"may the verb", "Officials may resign.", nil},
		{"march the noun", "The March was peaceful.", nil},
		{"may the month", "The ban starts in May.", []found{{"May", "2016-05", "DATE"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, find(tt.in, nov2)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_resolution(t *testing.T) {
	wed := time.Date(2015, 11, 4, 0, 0, 0, 0, time.UTC) // Wednesday, ISO week 45
	jan5 := time.Date(2016, 1, 5, 0, 0, 0, 0, time.UTC) // Tuesday, ISO week 1 of 2016
	dec30 := time.Date(2015, 12, 30, 0, 0, 0, 0, time.UTC)
	jan1 := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC) // Friday, ISO week 53 of 2009
	for _, tt := range []struct {
		name string
		dct  time.Time
		in   string
		want string // the value of the only expression
	}{
		{"past tense: the month before", nov2, "In September, the leader said the group was illegitimate.", "2015-09"},
		{"future tense: the month after", nov2, "In March, the council will vote on the plan.", "2016-03"},
		{"past tense weekday: the one before", wed, "The minister resigned on Monday.", "2015-11-02"},
		{"future tense weekday: the one after", wed, "The minister will resign on Monday.", "2015-11-09"},
		{"weekday of the publication date itself", wed, "Police said on Wednesday that the road was closed.", "2015-11-04"},
		{"last weekday is strictly before", wed, "They met last Wednesday.", "2015-10-28"},
		{"next weekday is strictly after", wed, "They meet next Wednesday.", "2015-11-11"},
		{"year boundary: last month in January", jan5, "Sales fell last month.", "2015-12"},
		{"year boundary: December in a January article", jan5, "The plant closed in December.", "2015-12"},
		{"year boundary: January in a December article", dec30, "The new law will take effect in January.", "2016-01"},
		{"year boundary: date after the DCT in future tense", dec30, "The court will rule on Jan. 12.", "2016-01-12"},
		{"year boundary: yesterday", jan5, "Shares fell the day before yesterday and yesterday.", "2016-01-04"},
		{"iso week at a year's end", jan1, "Traffic was light this week.", "2009-W53"},
		{"last week across the year", jan5, "Snow fell last week.", "2015-W53"},
		{"next week", nov2, "The report is due next week.", "2015-W46"},
		{"this year", nov2, "Exports rose this year.", "2015"},
		{"last year", nov2, "Exports rose last year.", "2014"},
		{"next month across the year", dec30, "Prices rise next month.", "2016-01"},
		{"last quarter", nov2, "Output grew last quarter.", "2015-Q3"},
		{"weeks ago", nov2, "The boat sank six weeks ago.", "2015-W39"},
		{"months ago", jan5, "The boat sank two months ago.", "2015-11"},
		{"quarter after the current one in a past sentence", time.Date(2015, 5, 1, 0, 0, 0, 0, time.UTC), "Sales fell in the fourth quarter.", "2014-Q4"},
		{"the weekend before", nov2, "Protesters gathered over the weekend.", "2015-W44-WE"},
		{"last night", nov2, "Fire broke out last night.", "2015-11-01TNI"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := find(tt.in, tt.dct)
			if len(got) == 0 {
				t.Fatalf("Find(%q, %s) found nothing", tt.in, tt.dct.Format(time.DateOnly))
			}
			if got[len(got)-1].Value != tt.want {
				t.Errorf("Find(%q, %s) = %+v, want value %s", tt.in, tt.dct.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

func TestFind_unknownDCT(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"The strikes began on Sept. 30.", "XXXX-09-30"},
		{"In September, he said so.", "XXXX-09"},
		{"They met on Wednesday.", "XXXX-WXX-3"},
		{"He left yesterday.", "PAST_REF"},
		{"He returns tomorrow.", "FUTURE_REF"},
		{"They meet today.", "PRESENT_REF"},
		{"Sales fell last month.", "PAST_REF"},
		{"The plant opened two years ago.", "PAST_REF"},
		{"Elections will be held next year.", "FUTURE_REF"},
		{"The dam was finished last summer.", "PAST_REF"},
		{"The fair is held every year.", "P1Y"},
		{"Talks lasted three days.", "P3D"},
		{"The mill closed in 1998.", "1998"},
		{"The third quarter was weak.", "XXXX-Q3"},
	} {
		got := find(tt.in, time.Time{})
		if len(got) != 1 || got[0].Value != tt.want {
			t.Errorf("Find(%q, unknown DCT) = %+v, want one value %s", tt.in, got, tt.want)
		}
	}
}

func TestFind_sentences(t *testing.T) {
	// The tense of each sentence decides its own weekday.
	text := "The minister resigned on Monday. The vote will be on Monday."
	wed := time.Date(2015, 11, 4, 0, 0, 0, 0, time.UTC)
	got := Find(text, []news.Span{{Start: 0, End: 32}, {Start: 33, End: len(text)}}, wed)
	want := []news.TimeRef{
		{Text: "Monday", Value: "2015-11-02", Type: "DATE", Start: 25, End: 31},
		{Text: "Monday", Value: "2015-11-09", Type: "DATE", Start: 53, End: 59},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find(%q) mismatch (-want +got):\n%s", text, diff)
	}
}

// checkRefs fails t unless refs are ordered, non-empty, non-overlapping,
// within text, on rune boundaries of valid text, and quote their text.
func checkRefs(t *testing.T, text string, refs []news.TimeRef) {
	t.Helper()
	prev := 0
	for _, r := range refs {
		if r.Start < prev || r.End <= r.Start || r.End > len(text) {
			t.Fatalf("Find(%q): bad span %+v (previous end %d)", text, r, prev)
		}
		if utf8.ValidString(text) && !utf8.ValidString(text[r.Start:r.End]) {
			t.Fatalf("Find(%q): span %+v splits a rune", text, r)
		}
		if text[r.Start:r.End] != r.Text {
			t.Fatalf("Find(%q): text %q is not text[%d:%d]", text, r.Text, r.Start, r.End)
		}
		if r.Value == "" || r.Type == "" {
			t.Fatalf("Find(%q): %+v has no value or type", text, r)
		}
		prev = r.End
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"", "Sept. 30", "In September, he said the 1990s were over on Wednesday at 2:30 p.m.",
		"the past two years and the year two thousand", "every Monday 10 a.m. Sunday", "mid-1990s mid- 1999",
		"'80s ’90s 12/31/2015 2015-13-45 99:99", "nineteen ninety twenty four hours", "a b c . , ; :",
		"Friday, Nov. 6, 2015 at noon", "bad \xff byte Sept.\xe2\x80 30", "今天 2015年 Monday",
		strings.Repeat("three days ", 50),
	} {
		f.Add(s, int64(0))
		f.Add(s, nov2.Unix())
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var dct time.Time
		if unix != 0 {
			dct = time.Unix(unix%(1<<36), 0)
		}
		checkRefs(t, text, Find(text, nil, dct))
		// Sentences that overlap or run past the text must not break it.
		n := len(text)
		checkRefs(t, text, Find(text, []news.Span{{Start: 0, End: n / 2}, {Start: n / 3, End: n + 5}, {Start: -3, End: 2}}, dct))
	})
}

func TestFind_more(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []found
	}{
		{"year before a noun", "Turnout in the 2015 election was low.", []found{{"2015", "2015", "DATE"}}},
		{"this past weekend", "Crowds gathered this past weekend.", []found{{"this past weekend", "2015-W44-WE", "DATE"}}},
		{"clock with zone", "The polls closed at 14:05 GMT.", []found{{"14:05 GMT", "2015-11-02T14:05", "TIME"}}},
		{"day month without year", "The vote took place on 2 November.", []found{{"2 November", "2015-11-02", "DATE"}}},
		{"weekday and date", "He spoke on Monday, Nov. 2, in Paris.", []found{{"Monday, Nov. 2", "2015-11-02", "DATE"}}},
		{"time on a weekday", "The deadline is 5 p.m. on Friday.", []found{{"5 p.m. on Friday", "2015-10-30T17:00", "TIME"}}},
		{"start of the year", "Prices have risen since the start of the year.", []found{{"the start of the year", "2015", "DATE"}}},
		{"holiday", "The shops will close at Christmas.", []found{{"Christmas", "2015-12-25", "DATE"}}},
		{"holiday with a possessive", "Fireworks were banned on New Year's Eve 2014.", []found{{"New Year's Eve 2014", "2014-12-31", "DATE"}}},
		{"new is no holiday", "The New York office opened.", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, find(tt.in, nov2)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
