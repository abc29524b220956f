package clean

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// page turns "label|text" lines into labelled lines.
func page(ls ...string) []news.Line {
	var out []news.Line
	for i, l := range ls {
		lab, text, _ := strings.Cut(l, "|")
		out = append(out, news.Line{N: i + 1, Label: news.ParseLabel(lab), Text: text})
	}
	return out
}

func TestDateLine(t *testing.T) {
	body := "body|The council voted on the harbour plan after a long debate in the chamber."
	for _, tt := range []struct {
		name  string
		lines []news.Line
		want  time.Time
	}{
		{"published cue", page("title|Harbour plan approved", "chrome|Published: 2 November 2015", body), day(2015, 11, 2)},
		{"abbreviated month line", page("title|Harbour plan approved", "chrome|Nov. 02 2015", body), day(2015, 11, 2)},
		{"day month year with UTC time", page("title|Harbour plan approved", "chrome|2 November 2015 14:05 GMT", body),
			time.Date(2015, 11, 2, 14, 5, 0, 0, time.UTC)},
		{"byline and date", page("title|Harbour plan approved", "chrome|By Jane Roe | March 4, 2026", body), day(2026, 3, 4)},
		{"dateline opening the body", page("title|Harbour plan approved", "body|LISBON, Nov. 2, 2015 (Wire) - The council voted on the harbour plan."), day(2015, 11, 2)},
		{"iso date", page("title|Harbour plan approved", "chrome|2015-11-02", body), day(2015, 11, 2)},
		{"numeric month first", page("title|Harbour plan approved", "chrome|Posted 11/02/2015", body), day(2015, 11, 2)},
		{"numeric day first when the month cannot be first", page("title|Harbour plan approved", "chrome|19/01/2008 4:52 PM", body), day(2008, 1, 19)},
		{"updated is not published", page("title|Harbour plan approved", "chrome|Updated: 3 November 2015", body), time.Time{}},
		{"updated skipped, published kept", page("title|Harbour plan approved", "chrome|Updated: 3 November 2015", "chrome|Published: 2 November 2015", body), day(2015, 11, 2)},
		{"copyright is not published", page("title|Harbour plan approved", body, "chrome|© 2015 The Harbour Gazette, 1 January 2015"), time.Time{}},
		{"the date nearest the headline wins", page("chrome|Monday, November 9, 2015", "chrome|Menu", "title|Harbour plan approved", "chrome|November 2, 2015", body), day(2015, 11, 2)},
		{"a date in the prose is not the page's", page("title|Harbour plan approved", "body|The plan, first drafted on 4 March 2012, was approved by the council.", body), time.Time{}},
		{"comments are not the article's date", page("title|Harbour plan approved", body, "chrome|Posted by: ann | November 5, 2015", "chrome|Nice", "chrome|Posted by: bo | November 6, 2015", "chrome|Posted by: cy | November 7, 2015"), time.Time{}},
		{"no date", page("title|Harbour plan approved", body), time.Time{}},
		{"impossible date", page("title|Harbour plan approved", "chrome|Published: 31 February 2015", body), time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := DateLine(tt.lines)
			if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
				t.Errorf("DateLine() = %v, %v; want %v", got, ok, tt.want)
			}
		})
	}
}

func TestURLAndFileDate(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		f        func(string) (time.Time, bool)
		want     time.Time
	}{
		{"url path", "https://example.com/news/2015/11/02/harbour-plan", URLDate, day(2015, 11, 2)},
		{"url dashed", "https://example.com/2015-11-02-harbour-plan.html", URLDate, day(2015, 11, 2)},
		{"url compact", "https://example.com/story/20151102/harbour", URLDate, day(2015, 11, 2)},
		{"url without a day", "https://example.com/2015/11/harbour", URLDate, time.Time{}},
		{"date in the host is not read", "https://2015-11-02.example.com/", URLDate, time.Time{}},
		{"file name", "corpus/2026-03-04-solvent-spill.txt", FileDate, day(2026, 3, 4)},
		{"file name compact", "20260304_spill.html", FileDate, day(2026, 3, 4)},
		{"record of a container", "dumps/2026-03-04.warc#record3", FileDate, day(2026, 3, 4)},
		{"directory date is not the file's", "2026-03-04/spill.txt", FileDate, time.Time{}},
		{"no date", "spill-2026.txt", FileDate, time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.f(tt.in)
			if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
				t.Errorf("(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestClean_userWins(t *testing.T) {
	text := "Flu cases rose sharply this winter, health officials said on Friday, and clinics in three counties asked for more staff to cope."
	for _, tt := range []struct {
		name string
		raw  news.RawArticle
		want [3]string // outlet, published, published_from
	}{
		{"json lines outlet and date kept", news.RawArticle{Source: "x.jsonl#L1", Format: news.FormatJSONL, Body: news.FormatText,
			Raw: []byte(text), Outlet: "AP", Published: day(2013, 3, 22)}, [3]string{"AP", "2013-03-22", FromUser}},
		{"user's date beats the file name", news.RawArticle{Source: "2020-01-01-flu.txt", Format: news.FormatText, Body: news.FormatText,
			Raw: []byte(text), Published: day(2013, 3, 22)}, [3]string{"", "2013-03-22", FromUser}},
		{"user's date beats the page's date line", news.RawArticle{Source: "x.jsonl#L2", Format: news.FormatJSONL, Body: news.FormatText,
			Raw: []byte("Flu season\n\nPublished: 1 March 2013\n\n" + text), Published: day(2013, 3, 22)}, [3]string{"", "2013-03-22", FromUser}},
		{"file name when nothing else", news.RawArticle{Source: "corpus/2013-03-22-flu.txt", Format: news.FormatText, Body: news.FormatText,
			Raw: []byte(text)}, [3]string{"", "2013-03-22", FromFilename}},
		{"user's date in a WARC-like record: fetch time is not publication", news.RawArticle{Source: "c.warc#record1", Format: news.FormatWARC, Body: news.FormatText,
			Raw: []byte(text), Fetched: day(2013, 3, 22)}, [3]string{"", "", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Clean(tt.raw, Options{})
			if err != nil {
				t.Fatal(err)
			}
			pub := ""
			if !c.Published.IsZero() {
				pub = c.Published.Format(time.DateOnly)
			}
			if diff := cmp.Diff(tt.want, [3]string{c.Outlet, pub, c.PublishedFrom}); diff != "" {
				t.Errorf("Clean(%s) outlet, published, from mismatch (-want +got):\n%s", tt.raw.Source, diff)
			}
		})
	}
}

func FuzzDateLine(f *testing.F) {
	for _, s := range []string{"Published: 2 November 2015", "Nov. 02 2015", "2 November 2015 14:05 GMT", "19/01/2008",
		"LISBON, Nov. 2, 2015 (Wire) -", "2015-13-45", "Updated 3 Nov 2015", "\xff\xfe 12/12/2012", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := []news.Line{{N: 1, Label: news.LabelTitle, Text: "Title"}, {N: 2, Label: news.LabelChrome, Text: s}, {N: 3, Label: news.LabelBody, Text: s}}
		if d, ok := DateLine(lines); ok && (d.Year() < 1000 || d.Year() > 9999) {
			t.Errorf("DateLine(%q) = %v", s, d)
		}
		URLDate(s)
		FileDate(s)
	})
}
