package clean

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/dossier-news/dossier/internal/news"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/html")

// htmlCases are the golden-file cases: testdata/html/<name>.html →
// testdata/html/<name>.golden.json.
var htmlCases = []struct {
	name    string
	raw     news.RawArticle // Raw is read from the file
	opts    Options
	want    []string // sentences that must be in Text
	notWant []string // boilerplate that must not be in Text
}{
	{
		name: "article",
		raw:  news.RawArticle{URL: "https://gazette.example/news/2023/03/14/harbour-bridge-repairs", ContentType: "text/html; charset=utf-8"},
		opts: Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		want: []string{
			"The old harbour bridge will close to all traffic from the first of May",
			"“We know this will be disruptive, and we have timed the work to avoid the summer ferry season,” said Ilse Varga",
			"The repairs are expected to cost 4.2 million pounds",
		},
		notWant: []string{"cookies", "Related stories", "parking charges", "harbourwatcher77",
			"rattling for years", "All rights reserved", "Privacy policy", "Share on Facebook", "Opinion"},
	},
	{
		name: "win1252",
		want: []string{
			"A handwritten recipe book kept by the owner of the town’s oldest café",
			"crème brûlée",
			"“It is a record of fifty years of the town’s appetite,” said the auctioneer",
		},
		notWant: []string{"\uFFFD", "Valley Post ©"},
	},
	{
		name: "jsonld",
		want: []string{
			"Die Stadtwerke senken zum ersten Oktober den Arbeitspreis für Erdgas um knapp zwölf Prozent.",
			"sagte Geschäftsführerin Petra Oswald.",
		},
		notWant: []string{"Startseite", "Impressum"},
	},
	{
		name: "future",
		opts: Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		want: []string{"The central library will stay open until ten in the evening"},
	},
	{
		name: "fragment",
		raw: news.RawArticle{Format: news.FormatFeed, Title: "Volunteers plant oaks on railway path",
			Outlet: "Greenway News", Published: time.Date(2023, 11, 4, 9, 0, 0, 0, time.UTC)},
		want: []string{
			"Volunteers planted four hundred oak saplings along the old railway path on Saturday,",
			"The trust behind the scheme said another thousand trees would follow next winter.\n\nLocal schools",
		},
		notWant: []string{"trackFeedItem"},
	},
}

func TestHTML_golden(t *testing.T) {
	for _, tc := range htmlCases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join("testdata", "html", tc.name+".html")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			raw := tc.raw
			raw.Raw, raw.Body = b, news.FormatHTML
			got, err := HTML(raw, tc.opts)
			if err != nil {
				t.Fatalf("HTML(%s): %v", path, err)
			}
			for _, s := range tc.want {
				if !strings.Contains(got.Text, s) {
					t.Errorf("HTML(%s).Text lacks %q; got:\n%s", path, s, got.Text)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(got.Text, s) {
					t.Errorf("HTML(%s).Text holds boilerplate %q; got:\n%s", path, s, got.Text)
				}
			}
			js, err := json.MarshalIndent(got, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			golden := strings.TrimSuffix(path, ".html") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, js, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(js)); diff != "" {
				t.Errorf("HTML(%s) mismatch with %s (-want +got):\n%s", path, golden, diff)
			}
		})
	}
}

func TestHTML_metadata(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "html", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tt := range []struct {
		name string
		raw  news.RawArticle
		opts Options
		want news.Cleaned // Text and Flags not compared
	}{
		{"article page", news.RawArticle{Raw: read("article")}, Options{Now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
			news.Cleaned{Title: "Harbour bridge to close for six weeks of repairs", Outlet: "The Harbour Gazette",
				Author: "Marta Quinlan", Published: time.Date(2023, 3, 14, 8, 30, 0, 0, time.UTC), PublishedFrom: FromHTMLMeta, Language: "en"}},
		{"json-ld author, date and publisher", news.RawArticle{Raw: read("jsonld")}, Options{},
			news.Cleaned{Title: "Stadtwerke senken den Gaspreis zum Herbst", Outlet: "Talbote",
				Author: "Jonas Brettschneider", Published: time.Date(2022, 8, 30, 6, 15, 0, 0, time.FixedZone("", 2*3600)), PublishedFrom: FromHTMLMeta, Language: "de"}},
		{"future date dropped", news.RawArticle{Raw: read("future")}, Options{Now: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
			news.Cleaned{Title: "Library extends opening hours for exam season", Outlet: "Riverside Courier", Language: "en"}},
		{"future date checked against fetch time", news.RawArticle{Raw: read("future"), Fetched: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}, Options{},
			news.Cleaned{Title: "Library extends opening hours for exam season", Outlet: "Riverside Courier", Language: "en"}},
		{"fragment takes the container's hints", news.RawArticle{Raw: read("fragment"), Title: "Oaks planted", Outlet: "Greenway News",
			Published: time.Date(2023, 11, 4, 9, 0, 0, 0, time.UTC)}, Options{},
			news.Cleaned{Title: "Oaks planted", Outlet: "Greenway News", Published: time.Date(2023, 11, 4, 9, 0, 0, 0, time.UTC), PublishedFrom: FromUser}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML(tt.raw, tt.opts)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			got.Text, got.Flags, got.Language = "", nil, tt.want.Language
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("HTML(%s) metadata mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

func TestHTML_flags(t *testing.T) {
	page := func(head, body string) []byte {
		return []byte("<html><head>" + head + "</head><body><p>" + body + "</p></body></html>")
	}
	for _, tt := range []struct {
		name        string
		raw         []byte
		contentType string
		wantText    string
		wantFlags   []string
	}{
		{"utf-8 as declared", page(`<meta charset="utf-8">`, "Zoë’s café"), "", "Zoë’s café", nil},
		{"windows-1252 from the header", page("", "Zo\xeb\x92s caf\xe9"), "text/html; charset=windows-1252", "Zoë’s café", []string{news.FlagCharset}},
		{"iso-8859-1 from http-equiv", page(`<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">`, "Zo\xeb caf\xe9"), "", "Zoë café", []string{news.FlagCharset}},
		{"iso-8859-2 from meta charset", page(`<meta charset="iso-8859-2">`, "\xb3\xf3d\xbc"), "", "łódź", []string{news.FlagCharset}},
		{"header wins over meta", page(`<meta charset="iso-8859-5">`, "caf\xe9"), "text/html; charset=windows-1252", "café", []string{news.FlagCharset}},
		{"mislabelled utf-8 kept", page(`<meta charset="windows-1252">`, "Zoë’s café"), "", "Zoë’s café", nil},
		{"undeclared legacy bytes read as windows-1252", page("", "caf\xe9 cr\xe8me"), "", "café crème", []string{news.FlagCharset}},
		{"invalid utf-8 repaired", page(`<meta charset="utf-8">`, "caf\xc3 ok é"), "", "caf\uFFFD ok é", []string{news.FlagInvalidUTF8}},
		{"utf-8 byte-order mark", append([]byte("\xef\xbb\xbf"), page("", "café")...), "text/html; charset=iso-8859-1", "café", nil},
		{"empty page", []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"), "", "", []string{news.FlagEmpty}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := HTML(news.RawArticle{Raw: tt.raw, ContentType: tt.contentType}, Options{})
			if err != nil {
				t.Fatalf("HTML(%q): %v", tt.raw, err)
			}
			if got.Text != tt.wantText {
				t.Errorf("HTML(%q).Text = %q, want %q", tt.raw, got.Text, tt.wantText)
			}
			if !slices.Equal(got.Flags, tt.wantFlags) {
				t.Errorf("HTML(%q).Flags = %q, want %q", tt.raw, got.Flags, tt.wantFlags)
			}
		})
	}
}

func TestHTML_empty(t *testing.T) {
	for _, in := range []string{"", "<html><head><title>x</title></head><body></body></html>", "<script>x()</script>"} {
		got, err := HTML(news.RawArticle{Raw: []byte(in)}, Options{})
		if err != nil {
			t.Fatalf("HTML(%q): %v", in, err)
		}
		if got.Text != "" || !slices.Contains(got.Flags, news.FlagEmpty) {
			t.Errorf("HTML(%q) = Text %q, Flags %q; want empty text flagged %q", in, got.Text, got.Flags, news.FlagEmpty)
		}
	}
}

func TestBlockText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"paragraphs", "<p>One  two</p><p>three\nfour</p>", "One two\n\nthree four"},
		{"inline joined without space", "<p>in<b>line</b> text</p>", "inline text"},
		{"div with direct text", "<div>lead <div>inner</div> tail</div>", "lead\n\ninner\n\ntail"},
		{"two line breaks", "<p>a<br>b<br><br>c</p>", "a b\n\nc"},
		{"list items", "<ul><li>x</li><li>y</li></ul>", "x\n\ny"},
		{"table rows", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>", "a b\n\nc d"},
		{"headings and quotes", "<h2>Head</h2><blockquote>Said.</blockquote>", "Head\n\nSaid."},
		{"scripts skipped", "<p>a<script>b()</script><style>p{}</style>c</p>", "ac"},
		{"non-breaking spaces", "<p>a&nbsp;&nbsp;b</p>", "a b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, tt.in)
			if got := blockText(doc); got != tt.want {
				t.Errorf("blockText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTrimSiteName(t *testing.T) {
	for _, tt := range []struct{ title, site, want string }{
		{"Bridge to close for repairs | The Gazette", "The Gazette", "Bridge to close for repairs"},
		{"Bridge to close for repairs - Gazette", "The Gazette", "Bridge to close for repairs"},
		{"The Gazette | Bridge to close for repairs", "The Gazette", "Bridge to close for repairs"},
		{"Bridge to close for repairs | Local News | Gazette Online", "", "Bridge to close for repairs | Local News"},
		{"Mayor - a profile", "The Gazette", "Mayor - a profile"},
		{"Covid-19: what we know", "The Gazette", "Covid-19: what we know"},
	} {
		if got := trimSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("trimSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

func TestCleanAuthor(t *testing.T) {
	doc := mustParse(t, `<p>By Ann Lee</p><div class="comments"><b>Troll King</b> first!</div>`)
	for _, tt := range []struct{ in, outlet, want string }{
		{"By Ann Lee", "The Gazette", "Ann Lee"},
		{"Ann Lee; Bo Chan", "", "Ann Lee; Bo Chan"},
		{"The Gazette", "The Gazette", ""},
		{"Gazette Staff", "The Gazette", ""},
		{"By Staff", "", ""},
		{"newsroom@gazette.example", "", ""},
		{"https://gazette.example/authors/ann", "", ""},
		{"Troll King", "", ""},
		{strings.Repeat("Very Long Name ", 10), "", ""},
	} {
		if got := cleanAuthor(tt.in, tt.outlet, doc); got != tt.want {
			t.Errorf("cleanAuthor(%q, %q) = %q, want %q", tt.in, tt.outlet, got, tt.want)
		}
	}
}

func TestPlausibleDate(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name  string
		d     time.Time
		limit time.Time
		want  bool
	}{
		{"zero", time.Time{}, now, false},
		{"before 1990", time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC), now, false},
		{"past", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), now, true},
		{"same day ahead in time zone", now.Add(10 * time.Hour), now, true},
		{"future", now.AddDate(0, 0, 3), now, false},
		{"future without limit", now.AddDate(5, 0, 0), time.Time{}, true},
	} {
		if got := plausibleDate(tt.d, tt.limit); got != tt.want {
			t.Errorf("plausibleDate(%v, %v) [%s] = %v, want %v", tt.d, tt.limit, tt.name, got, tt.want)
		}
	}
}

func TestLanguageTag(t *testing.T) {
	for in, want := range map[string]string{"en-US": "en", "DE": "de", "pt_BR": "pt", "fil": "fil", "": "", "english": "", "x1": ""} {
		if got := languageTag(in); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, name := range []string{"article", "win1252", "fragment"} {
		b, err := os.ReadFile(filepath.Join("testdata", "html", name+".html"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=windows-1252")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte(`<meta charset="utf-16"><p>x</p>`), "text/html; charset=bogus")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		c, err := HTML(news.RawArticle{Raw: raw, ContentType: contentType}, Options{})
		if err != nil {
			return
		}
		for _, s := range []string{c.Text, c.Title, c.Outlet, c.Author, c.Language} {
			if !utf8.ValidString(s) {
				t.Fatalf("HTML(%q, %q): invalid UTF-8 %q", raw, contentType, s)
			}
		}
		if strings.Contains(c.Text, "\n\n\n") || strings.TrimSpace(c.Text) != c.Text {
			t.Fatalf("HTML(%q, %q).Text badly separated: %q", raw, contentType, c.Text)
		}
		if (c.Text == "") != slices.Contains(c.Flags, news.FlagEmpty) {
			t.Fatalf("HTML(%q, %q): Text %q with flags %q", raw, contentType, c.Text, c.Flags)
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "html", "article.html"))
	if err != nil {
		b.Fatal(err)
	}
	a := news.RawArticle{Raw: raw, Body: news.FormatHTML, ContentType: "text/html; charset=utf-8"}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := HTML(a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func mustParse(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader([]byte(s)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
