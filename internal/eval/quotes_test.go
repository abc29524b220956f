package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
)

func TestQuotes(t *testing.T) {
	if testing.Short() {
		t.Skip("PolNeAR evaluation skipped in -short mode")
	}
	if _, err := os.Stat(filepath.Join(sharedData, "polnear", "dev")); err != nil {
		t.Skipf("PolNeAR data absent (%v): skipping; see ../shared/data/README.md", err)
	}
	r, err := Quotes(sharedData)
	if err != nil {
		t.Fatalf("Quotes(%q): %v", sharedData, err)
	}
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	s, err := QuoteFigures(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	floor, ok := Floor("quotes", "polnear dev")
	speaker, ok2 := Floor("quotes", "polnear dev speaker")
	if !ok || !ok2 {
		t.Fatal("no floors for quotes/polnear dev in floors.go")
	}
	if s.Direct.F < floor {
		t.Errorf("QuoteFigures(%q).Direct.F = %.3f, want >= %.2f", sharedData, s.Direct.F, floor)
	}
	if s.SpeakerAcc < speaker {
		t.Errorf("QuoteFigures(%q).SpeakerAcc = %.3f, want >= %.2f", sharedData, s.SpeakerAcc, speaker)
	}
	all, ok3 := Floor("quotes", "polnear dev all")
	speakerAll, ok4 := Floor("quotes", "polnear dev speaker all")
	if !ok3 || !ok4 {
		t.Fatal("no floors for all attributions of quotes/polnear dev in floors.go")
	}
	if s.All.F < all {
		t.Errorf("QuoteFigures(%q).All.F = %.3f, want >= %.2f", sharedData, s.All.F, all)
	}
	if s.SpeakerAll < speakerAll {
		t.Errorf("QuoteFigures(%q).SpeakerAll = %.3f, want >= %.2f", sharedData, s.SpeakerAll, speakerAll)
	}
}

func TestSameName(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Helen Marsh", "Helen Marsh", true},
		{"Helen Marsh", "Marsh", true},
		{"Gov. Helen Marsh", "Marsh’s", true},
		{"President Lunde", "Victor Lunde", true},
		{"Helen Marsh", "Walter Marsh", false},
		{"Helen Marsh", "Helen Lunde", false},
		{"Marsh", "Lunde", false},
	} {
		if got := sameName(tt.a, tt.b); got != tt.want {
			t.Errorf("sameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSourceNames(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"plain name", "Sen. Ada Quill", []string{"Sen. Ada Quill"}},
		{"appositive", "Ada Quill, a delegate from Ohio,", []string{"Ada Quill"}},
		{"title with of", "Secretary of State Ivo Marek", []string{"Secretary of State Ivo Marek"}},
		{"role before name", "Republican pollster Dan Ferro", []string{"Dan Ferro"}},
		{"possessive", "Marek’s top aide", nil},
		{"modifier", "the Quill campaign", nil},
		{"pronoun", "He", nil},
		{"description", "The senator", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := sourceNames(tt.src, spanSet{{Start: 0, End: len(tt.src)}}, nil)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sourceNames(%q) mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestSpeakerRight(t *testing.T) {
	// Two attributions: "Ada Quill said" and "he said"/"she said" later.
	text := "Ada Quill said the vote was close. Tom Berg said it was not. “It was,” she said. “Ask anyone,” a clerk said."
	span := func(s string) spanSet {
		i := strings.Index(text, s)
		return spanSet{{Start: i, End: i + len(s)}}
	}
	quill := goldAttr{source: span("Ada Quill"), content: span("the vote was close")}
	berg := goldAttr{source: span("Tom Berg"), content: span("it was not")}
	she := goldAttr{source: span("she"), content: span("It was,"), direct: true}
	clerk := goldAttr{source: span("a clerk"), content: span("Ask anyone,"), direct: true}
	all := []goldAttr{quill, berg, she, clerk}
	persons := []news.Entity{
		{Text: "Ada Quill", Type: "PERSON", Start: span("Ada Quill")[0].Start, End: span("Ada Quill")[0].End, Canonical: "Ada Quill"},
		{Text: "Tom Berg", Type: "PERSON", Start: span("Tom Berg")[0].Start, End: span("Tom Berg")[0].End, Canonical: "Tom Berg"},
	}
	pred := func(name, at string) news.Quote {
		sp := span(at)[0]
		return news.Quote{Speaker: name, SpeakerStart: sp.Start, SpeakerEnd: sp.End}
	}
	for _, tt := range []struct {
		name string
		q    news.Quote
		g    goldAttr
		want bool
	}{
		{"overlap", pred("she", "she"), she, true},
		// PolNeAR has no coreference: "she" names the nearest earlier
		// named Source, here Tom Berg (the scorer does not know genders).
		{"pronoun to nearest named source", pred("Tom Berg", "Tom Berg"), she, true},
		{"pronoun to another name", pred("Ada Quill", "Ada Quill"), she, false},
		{"indefinite source only by overlap", pred("Tom Berg", "Tom Berg"), clerk, false},
		{"surname, elsewhere", pred("Berg", "anyone"), berg, true},
		{"other name, elsewhere", pred("Ada Quill", "anyone"), berg, false},
		{"empty speaker", news.Quote{}, she, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := speakerRight(text, tt.q, tt.g, all, persons); got != tt.want {
				t.Errorf("speakerRight(%q, gold %q) = %v, want %v", tt.q.Speaker, tt.g.source.text(text), got, tt.want)
			}
		})
	}
}
