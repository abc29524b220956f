package brief

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// doc builds a document from sentences we write, one span each.
func doc(id string, sents ...string) news.Doc {
	d := news.Doc{ID: id}
	for i, s := range sents {
		if i > 0 {
			d.Text += " "
		}
		d.Sentences = append(d.Sentences, news.Span{Start: len(d.Text), End: len(d.Text) + len(s)})
		d.Text += s
	}
	return d
}

// withEntity marks every occurrence of name in d as an entity.
func withEntity(d news.Doc, name, typ, canonical string) news.Doc {
	for i := 0; ; {
		j := strings.Index(d.Text[i:], name)
		if j < 0 {
			break
		}
		d.Entities = append(d.Entities, news.Entity{Text: name, Type: typ, Start: i + j, End: i + j + len(name), Canonical: canonical})
		i += j + len(name)
	}
	slices.SortFunc(d.Entities, func(a, b news.Entity) int { return a.Start - b.Start })
	return d
}

func TestLeansOnContext(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     bool
	}{
		{"stands alone", "The harbour board approved the dredging plan on Tuesday.", false},
		{"pronoun opener", "He said the plan would cost more than expected.", true},
		{"possessive opener", "Its cost has doubled since the first estimate.", true},
		{"contraction opener", "It's the third plan in two years.", true},
		{"connective opener", "But the fishing crews were not convinced.", true},
		{"quote with speaker", "“We will watch closely,” said the crews' spokeswoman.", false},
		{"quote without speaker", "“We will watch closely and we will not forget.”", true},
		{"quote cut in half", "“We will watch closely, and the board knows it.", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := leansOnContext(tt.in); got != tt.want {
				t.Errorf("leansOnContext(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestBuild_ClaimsAndConflicts(t *testing.T) {
	a := doc("a",
		"Flooding in the river valley killed 12 people on Saturday, the regional governor said.",
		"Rescue teams evacuated about 2,000 residents from three villages near the dam.",
		"The governor called the storm the worst in half a century.",
	)
	b := doc("b",
		"At least 15 people were killed when floods swept the river valley, officials said on Sunday.",
		"Residents of the three villages near the dam were evacuated by rescue teams.",
		"Farmers fear the harvest in the valley is lost.",
	)
	got := Build([]news.Doc{a, b}, Options{Words: 60})

	shared := map[string][]string{}
	for _, c := range got.Claims {
		shared[c.Text] = c.Articles
	}
	var alignedEvacuation, alignedDeaths bool
	for text, arts := range shared {
		if len(arts) == 2 && strings.Contains(text, "evacuated") {
			alignedEvacuation = true
		}
		if len(arts) == 2 && strings.Contains(text, "killed") {
			alignedDeaths = true
		}
	}
	if !alignedEvacuation || !alignedDeaths {
		t.Errorf("Build claims = %v; want the evacuation and the death toll aligned across both articles", shared)
	}
	var figure bool
	for _, c := range got.Conflicts {
		if c.Kind == news.ConflictFigure && c.Detail == "12 / 15" {
			figure = true
		}
	}
	if !figure {
		t.Errorf("Build conflicts = %+v; want the figure conflict 12 / 15", got.Conflicts)
	}
	var only []string
	for _, c := range got.Claims {
		if len(c.Articles) == 1 {
			only = append(only, c.Articles[0]+": "+c.Text)
		}
	}
	want := []string{"a: The governor called the storm the worst in half a century.", "b: Farmers fear the harvest in the valley is lost."}
	if diff := cmp.Diff(want, only); diff != "" {
		t.Errorf("Build claims of one article mismatch (-want +got):\n%s", diff)
	}
}

func TestBuild_Brief(t *testing.T) {
	a := doc("a",
		"The harbour board voted on Tuesday to approve a dredging plan for the eastern channel.",
		"He said it would cost more.",
		"Board chair Anneke Volder said larger grain ships could call at the port by next spring.",
	)
	b := doc("b",
		"The eastern channel will be dredged after the harbour board approved the plan on Tuesday.",
		"Fishing crews said they would watch closely how the spoil was disposed of.",
	)
	got := Build([]news.Doc{a, b}, Options{Words: 30})
	if len(got.Sentences) == 0 {
		t.Fatal("Build gave an empty brief")
	}
	words := 0
	for i, s := range got.Sentences {
		if s.Sources[0] != s.Doc {
			t.Errorf("sentence %d: sources %v do not start with its article %s", i, s.Sources, s.Doc)
		}
		if leansOnContext(s.Text) {
			t.Errorf("sentence %d %q leans on context", i, s.Text)
		}
		if i < len(got.Sentences)-1 {
			words += countWords(s.Text)
		}
	}
	if words >= 30 {
		t.Errorf("brief of %d words before its last sentence, budget 30", words)
	}
	first := got.Sentences[0]
	if !strings.Contains(first.Text, "approve") || len(first.Sources) != 2 {
		t.Errorf("first sentence = %q from %v; want the approval, cited by both articles", first.Text, first.Sources)
	}
	for _, s := range got.Sentences[1:] {
		if strings.Contains(s.Text, "approved the plan") {
			t.Errorf("brief repeats the approval: %q", s.Text)
		}
	}
}

func TestBuild_NameAndNegation(t *testing.T) {
	a := withEntity(doc("a", "Police arrested Jan Smit after the robbery at the central bank branch on Friday night."), "Jan Smit", "PERSON", "Jan Smit")
	b := withEntity(doc("b", "Police arrested Piet Kok after the robbery at the central bank branch on Friday night."), "Piet Kok", "PERSON", "Piet Kok")
	c := doc("c", "Police have not arrested anyone after the robbery at the central bank branch on Friday night.")
	got := Build([]news.Doc{a, b, c}, Options{})
	kinds := map[string]bool{}
	for _, x := range got.Conflicts {
		kinds[x.Kind] = true
	}
	if !kinds[news.ConflictName] || !kinds[news.ConflictNegation] {
		t.Errorf("Build conflicts = %+v; want a name and a negation conflict", got.Conflicts)
	}
}

func TestLead(t *testing.T) {
	a := doc("a", "One two three four.", "Five six seven eight.")
	b := doc("b", "Alpha beta gamma delta.", "Epsilon zeta eta theta.")
	got := Lead([]news.Doc{a, b}, 10)
	want := []string{"One two three four.", "Alpha beta gamma delta.", "Five six seven eight."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lead mismatch (-want +got):\n%s", diff)
	}
}

func FuzzBuild(f *testing.F) {
	f.Add("A first sentence here about things. Another one.", "A first sentence here about things. Third.", 5, 40)
	f.Fuzz(func(t *testing.T, x, y string, cut, words int) {
		d1 := news.Doc{ID: "x", Text: x, Sentences: []news.Span{{Start: 0, End: len(x)}, {Start: cut, End: cut + 3}}}
		d2 := news.Doc{ID: "y", Text: y, Sentences: []news.Span{{Start: 0, End: len(y) / 2}, {Start: len(y) / 2, End: len(y)}},
			Entities: []news.Entity{{Text: "?", Type: "PERSON", Start: cut, End: cut + 2}}}
		b := Build([]news.Doc{d1, d2}, Options{Words: words % 500})
		for _, s := range b.Sentences {
			if len(s.Sources) == 0 || s.Sources[0] != s.Doc {
				t.Fatalf("sentence %+v: bad sources", s)
			}
		}
		for _, c := range b.Claims {
			if len(c.Articles) == 0 || len(c.Mentions) == 0 {
				t.Fatalf("claim %+v: no articles", c)
			}
		}
	})
}

func ExampleBuild() {
	a := doc("a",
		"Flooding in the river valley killed 12 people on Saturday, the regional governor said.",
		"Rescue teams evacuated about 2,000 residents from three villages near the dam.",
	)
	b := doc("b",
		"At least 15 people were killed when floods swept the river valley, officials said on Sunday.",
		"Farmers fear the harvest in the valley is lost.",
	)
	br := Build([]news.Doc{a, b}, Options{Words: 40})
	for _, s := range br.Sentences {
		fmt.Println(s.Text, s.Sources)
	}
	for _, c := range br.Conflicts {
		fmt.Println(c.Kind, c.Detail)
	}
	// Output:
	// Flooding in the river valley killed 12 people on Saturday, the regional governor said. [a b]
	// Rescue teams evacuated about 2,000 residents from three villages near the dam. [a]
	// Farmers fear the harvest in the valley is lost. [b]
	// figure 12 / 15
}

// BenchmarkBuild briefs a story of ten articles of 30 sentences each.
func BenchmarkBuild(b *testing.B) {
	var docs []news.Doc
	for i := range 10 {
		var sents []string
		for j := range 30 {
			sents = append(sents, fmt.Sprintf("Officials in district %d said on day %d that the repair of bridge %d on the river road would take %d more weeks.", i, j, (i+j)%7, j%5))
		}
		docs = append(docs, doc(fmt.Sprint("d", i), sents...))
	}
	for b.Loop() {
		Build(docs, Options{})
	}
}
