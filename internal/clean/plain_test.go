package clean

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// plainGolden is what a golden file records of Plain's result.
type plainGolden struct {
	Title  string      `json:"title"`
	Outlet string      `json:"outlet"`
	Flags  []string    `json:"flags"`
	Lines  []news.Line `json:"lines"`
}

func plainRaw(b []byte) news.RawArticle {
	return news.RawArticle{Raw: b, Format: news.FormatText, Body: news.FormatText}
}

// TestPlain labels the fixtures in testdata/plain and compares the labels,
// title, outlet and flags with the golden files (rewritten by -update).
func TestPlain(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "plain", "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures in testdata/plain: %v", err)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txt"), func(t *testing.T) {
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			c := Plain(plainRaw(raw), Options{})
			got := plainGolden{Title: c.Title, Outlet: c.Outlet, Flags: c.Flags, Lines: c.Lines}
			golden := strings.TrimSuffix(name, ".txt") + ".golden.json"
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			var want plainGolden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Plain(%s) mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestPlain_idempotent checks that cleaning the cleaned text of a fixture
// keeps all of it as body.
func TestPlain_idempotent(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("testdata", "plain", "*.txt"))
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		once := Plain(plainRaw(raw), Options{}).Text
		twice := Plain(plainRaw([]byte(once)), Options{}).Text
		if twice != once {
			t.Errorf("Plain(Plain(%s).Text).Text differs:\n got %q\nwant %q", name, twice, once)
		}
	}
}

// TestPlain_lines checks decoding and line numbering.
func TestPlain_lines(t *testing.T) {
	for _, tt := range []struct {
		name  string
		in    string
		want  []int // line numbers of the listed lines
		flags []string
	}{
		{"empty", "", nil, []string{news.FlagEmpty}},
		{"blank lines counted", "\n\nOne line.\n\n\nTwo lines.\n", []int{3, 6}, []string{news.FlagEmpty}},
		{"CRLF", "A\r\n\r\nB\r\nC", []int{1, 3, 4}, []string{news.FlagEmpty}},
		{"lone CR", "A\rB\r\rC", []int{1, 2, 4}, []string{news.FlagEmpty}},
		{"BOM", "\xef\xbb\xbfA\nB", []int{1, 2}, []string{news.FlagEmpty}},
		{"invalid UTF-8 beside valid UTF-8 is repaired", "Caf\xc3\xa9 \xff\nB", []int{1, 2}, []string{news.FlagInvalidUTF8, news.FlagEmpty}},
		{"Latin-1 text is transcoded", "Caf\xe9\nB", []int{1, 2}, []string{news.FlagCharset, news.FlagEmpty}},
		{"Windows-1252 quotes and accents are transcoded", "\x93Cr\xe8me br\xfbl\xe9e\x94 \x96 \xc9lodie\x92s\nB", []int{1, 2}, []string{news.FlagCharset, news.FlagEmpty}},
		{"stray bytes in ASCII text are repaired", "The council met \xff\xfe on Monday.\nB", []int{1, 2}, []string{news.FlagInvalidUTF8, news.FlagEmpty}},
		{"a byte undefined in Windows-1252 is repaired", "Prices rose\x81 again\nB", []int{1, 2}, []string{news.FlagInvalidUTF8, news.FlagEmpty}},
		{"a cut UTF-8 lead byte is repaired", "The caf\xc3 on the corner\nB", []int{1, 2}, []string{news.FlagInvalidUTF8, news.FlagEmpty}},
		{"a lone high letter is repaired", "Votes: 12 \xe9 40\nB", []int{1, 2}, []string{news.FlagInvalidUTF8, news.FlagEmpty}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The rules alone: the line model may keep a one-line page.
			c := Plain(plainRaw([]byte(tt.in)), Options{RulesOnly: true})
			var got []int
			for _, l := range c.Lines {
				got = append(got, l.N)
				if strings.ContainsAny(l.Text, "\r\n\ufeff") {
					t.Errorf("Plain(%q) line %d = %q keeps a line break or BOM", tt.in, l.N, l.Text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Plain(%q) line numbers = %v, want %v", tt.in, got, tt.want)
			}
			if !slices.Equal(c.Flags, tt.flags) {
				t.Errorf("Plain(%q) flags = %q, want %q", tt.in, c.Flags, tt.flags)
			}
		})
	}
}

// TestPlain_labels checks single rules on small pages.
func TestPlain_labels(t *testing.T) {
	body := "The river rose by two metres overnight, and the town's mayor asked people living near the water to leave their homes before noon.\n\n" +
		"Rescue teams were sent from three neighbouring towns, and the army said it would send boats if the water kept rising through the evening.\n\n" +
		"By the afternoon the level had started to fall, and officials said that most residents would be able to go home on Friday morning.\n\n"
	for _, tt := range []struct {
		name string
		in   string
		line string     // the line to check
		want news.Label // its label
	}{
		{"headline before body", "River Floods Low Town\n\n" + body, "River Floods Low Town", news.LabelTitle},
		{"prose is body", "River Floods Low Town\n\n" + body, "By the afternoon", news.LabelBody},
		{"cookie banner", body + "We use cookies to improve your experience. By using our site you agree to this.\n", "We use cookies", news.LabelChrome},
		{"comment form", body + "Leave a Reply\n\nYour email address will not be published.\n", "Your email address", news.LabelChrome},
		{"pagination", body + "Prev1 of 4Next\n", "Prev1", news.LabelChrome},
		{"caption", "River Floods Low Town\n\nA boat passes a flooded street (L) on Thursday. Photo: Jan Holm\n\n" + body, "A boat passes", news.LabelCaption},
		{"byline", "River Floods Low Town\n\nBy Jan Holm\n\n" + body, "By Jan Holm", news.LabelChrome},
		{"menu", "Home\nNews\nSport\nWeather\n\n" + body, "Sport", news.LabelChrome},
		{"spam-filter notice of a comment form", body + "This blog relies on SpamShield to reduce spam. Find out how your comment data is processed.\n", "This blog relies", news.LabelChrome},
		{"comment data notice alone", body + "See how your comment data is processed by our moderators.\n", "See how your comment", news.LabelChrome},
		{"payment options of a donation form", body + "One-off\nMonthly\nPayment options\n", "Payment options", news.LabelChrome},
		{"accepted payment methods", body + "Accepted payment methods\n", "Accepted payment", news.LabelChrome},
		{"a reporting credit", body + "(Reporting by Ana Lind; editing by Tom Weir)\n", "(Reporting by", news.LabelChrome},
		{"a sentence on payments is body", "River Floods Low Town\n\n" + body + "The council said payment methods for the repairs would be agreed by the end of the month with the insurers.\n\n" + body, "The council said payment", news.LabelBody},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := Plain(plainRaw([]byte(tt.in)), Options{})
			for _, l := range c.Lines {
				if strings.HasPrefix(l.Text, tt.line) {
					if l.Label != tt.want {
						t.Errorf("Plain: line %q labelled %v, want %v", l.Text, l.Label, tt.want)
					}
					return
				}
			}
			t.Fatalf("Plain: no line starts with %q", tt.line)
		})
	}
}

// TestPlain_flags checks pagination and truncation flags.
func TestPlain_flags(t *testing.T) {
	body := "The committee met for six hours on Monday and agreed to publish its report on the hospital's finances before the end of the month.\n\n" +
		"Members said that the report would include every contract signed since the hospital opened, along with the names of the firms involved.\n\n"
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"complete", body, nil},
		{"page 1 of 2", body + "Page 1 of 2\n", []string{news.FlagPaginated}},
		{"last page", body + "Page 2 of 2\n", nil},
		{"next page link", body + "Next page\n", []string{news.FlagPaginated}},
		{"continue reading after body", body + "Continue reading\n", []string{news.FlagTruncated}},
		{"read more far below", body + "Sign up for our newsletter\n\nShare this article\n\nRead more\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := Plain(plainRaw([]byte(tt.in)), Options{})
			if !slices.Equal(c.Flags, tt.want) {
				t.Errorf("Plain(%q) flags = %q, want %q", tt.name, c.Flags, tt.want)
			}
		})
	}
}

// TestPlain_outlet checks the outlet a page names itself.
func TestPlain_outlet(t *testing.T) {
	body := "The committee met for six hours on Monday and agreed to publish its report on the hospital's finances before the end of the month.\n\n"
	for _, tt := range []struct{ in, want string }{
		{"Support The Valley Courier!\n\n" + body, "The Valley Courier"},
		{body + "A Message from Northern Star:\n", "Northern Star"},
		{body + "© 2020 Coastal Times Media. All rights reserved.\n", "Coastal Times Media"},
		{body + "Support us!\n", ""},
		{"Support the Riverside Echo!\n\n" + body, "the Riverside Echo"},
		{"Support Independent Journalism!\n\n" + body, ""},
		{body, ""},
	} {
		if got := Plain(plainRaw([]byte(tt.in)), Options{}).Outlet; got != tt.want {
			t.Errorf("Plain(%q).Outlet = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRepeats checks that prose recurring across articles of a site becomes
// chrome, and that copies of one article do not.
func TestRepeats(t *testing.T) {
	appeal := "Independent reporting costs money, and readers like you make it possible every single month."
	doc := func(i int) []byte {
		return []byte(strings.Repeat(string(rune('A'+i)), 3) + " report\n\n" +
			"This is the opening paragraph of article number " + strings.Repeat("x", i+1) + ", and it says something new about the council.\n\n" +
			"A second paragraph follows with more detail about the vote and what the members said afterwards.\n\n" +
			appeal + "\n")
	}
	label := func(r *Repeats, raw []byte) news.Label {
		c := Plain(news.RawArticle{Raw: raw, Group: "site"}, Options{Repeats: r})
		for _, l := range c.Lines {
			if l.Text == appeal {
				return l.Label
			}
		}
		t.Fatal("appeal line missing")
		return 0
	}

	r := NewRepeats()
	for i := range 3 {
		r.Add("site", doc(i))
	}
	if got := r.Count("site", appeal); got != 3 {
		t.Errorf("Count(appeal) = %d, want 3", got)
	}
	if got := label(r, doc(0)); got != news.LabelChrome {
		t.Errorf("appeal in 3 articles: labelled %v, want chrome", got)
	}
	if got := label(nil, doc(0)); got != news.LabelBody {
		t.Errorf("appeal without Repeats: labelled %v, want body", got)
	}
	if got := r.Count("other", appeal); got != 0 {
		t.Errorf("Count in another group = %d, want 0", got)
	}
	if got := r.Count("site", "Too short"); got != 0 {
		t.Errorf("Count(short line) = %d, want 0", got)
	}

	// Copies of one article count once: their bodies stay body.
	dup := NewRepeats()
	for range 5 {
		dup.Add("site", doc(0))
	}
	if got := dup.Count("site", appeal); got != 1 {
		t.Errorf("Count after 5 copies = %d, want 1", got)
	}
	if c := Plain(news.RawArticle{Raw: doc(0), Group: "site"}, Options{Repeats: dup}); !strings.Contains(c.Text, "opening paragraph") {
		t.Errorf("copies lost their body: Text = %q", c.Text)
	}
	var nilRepeats *Repeats
	if got := nilRepeats.Count("site", appeal); got != 0 {
		t.Errorf("nil Count = %d, want 0", got)
	}
}

func FuzzPlain(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "plain", "*.txt"))
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Title\r\n\r\nBody text.\rPage 1 of 2\n\xff\xfe"))
	f.Add([]byte("\xef\xbb\xbf\n\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c := Plain(plainRaw(b), Options{})
		prev := 0
		titles := 0
		for _, l := range c.Lines {
			if l.N <= prev {
				t.Fatalf("Plain(%q): line %d after line %d", b, l.N, prev)
			}
			prev = l.N
			switch l.Label {
			case news.LabelTitle:
				titles++
			case news.LabelBody, news.LabelCaption, news.LabelChrome:
			default:
				t.Fatalf("Plain(%q): line %d has label %v", b, l.N, l.Label)
			}
			if l.Text == "" || !utf8.ValidString(l.Text) {
				t.Fatalf("Plain(%q): line %d text %q empty or invalid", b, l.N, l.Text)
			}
		}
		if titles > 1 {
			t.Fatalf("Plain(%q): %d title lines", b, titles)
		}
		if !utf8.ValidString(c.Text) || !utf8.ValidString(c.Title) {
			t.Fatalf("Plain(%q): invalid UTF-8 in result", b)
		}
		if n := bytes.Count(b, []byte("\n")) + 1; prev > n+bytes.Count(b, []byte("\r")) {
			t.Fatalf("Plain(%q): line number %d past the end", b, prev)
		}
	})
}

func BenchmarkPlain(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "plain", "appeal.txt"))
	if err != nil {
		b.Fatal(err)
	}
	rep := NewRepeats()
	rep.Add("site", raw)
	for _, bb := range []struct {
		name string
		opts Options
	}{
		{"rules and line model", Options{Repeats: rep}},
		{"rules alone", Options{Repeats: rep, RulesOnly: true}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				Plain(news.RawArticle{Raw: raw, Group: "site"}, bb.opts)
			}
		})
	}
}

func TestPlain_Windows1252(t *testing.T) {
	in := []byte("Caf\xe9 owner reopens \x93after the fire\x94\n\nThe caf\xe9 on the corner reopened on Monday, its owner said.\n")
	c := Plain(plainRaw(in), Options{})
	if want := "Café owner reopens “after the fire”"; c.Title != want {
		t.Errorf("Plain(cp1252).Title = %q, want %q", c.Title, want)
	}
	if !strings.Contains(c.Text, "The café on the corner") {
		t.Errorf("Plain(cp1252).Text = %q, want the é decoded", c.Text)
	}
}

func TestPlain_notArticle(t *testing.T) {
	article := "Harbour bridge to close for repairs\n\n" +
		"The old harbour bridge will close for six weeks from Monday while engineers replace its worn bearings, the council said on Tuesday.\n\n" +
		"Drivers will be sent along the coast road, which adds about ten minutes to the trip into town at the busiest hours of the day.\n"
	note := "Contents: 40 files in five folders.\n\nContact the maintainer for details.\n"
	for _, tt := range []struct {
		name, source, in string
		want             bool
	}{
		{"an article", "corpus/local/001.txt", article, true},
		{"an article named like a readme", "corpus/README.TXT", article, false},
		{"a licence beside a corpus", "corpus/LICENSE", article, false},
		{"a readme with an extension in lower case", "data/readme.md", note, false},
		{"a short note without headline", "corpus/notes.txt", note, false},
		{"a file whose name only starts like readme", "corpus/readmeans-story.txt", article, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw := plainRaw([]byte(tt.in))
			raw.Source = tt.source
			c := Plain(raw, Options{})
			// An empty body is flagged empty rather than not_article.
			if got := !slices.Contains(c.Flags, news.FlagNotArticle) && !slices.Contains(c.Flags, news.FlagEmpty); got != tt.want {
				t.Errorf("Plain(%s) flags = %q, want article %v", tt.source, c.Flags, tt.want)
			}
		})
	}
}
