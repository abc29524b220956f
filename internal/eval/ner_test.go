package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNER(t *testing.T) {
	if testing.Short() {
		t.Skip("NER evaluation is slow; skipped with -short")
	}
	if _, err := os.Stat(filepath.Join(l3sData, "conll", "conllpp_test.txt")); err != nil {
		t.Skipf("CoNLL++ not found at %s (evaluation data lives outside the repository): %v", l3sData, err)
	}
	r, err := NER(l3sData)
	if err != nil {
		t.Fatalf("NER: %v", err)
	}
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	if r.N != 5702 {
		t.Errorf("NER scored %d gold entities, want 5702", r.N)
	}
	floor, ok := Floor(r.Task, r.Set)
	if !ok {
		t.Fatalf("no floor for %s/%s", r.Task, r.Set)
	}
	if r.Score.F < floor {
		t.Errorf("NER F1 = %.3f, want >= floor %.2f", r.Score.F, floor)
	}
}

func TestConllText(t *testing.T) {
	// A tiny document of our own: two sentences, IOB2 tags.
	text, spans, gold := conllText(groupConLL(nerFixture())[0])
	if want := "Anna Berg visited Oslo .\nThe Fjord Group agreed"; text != want {
		t.Fatalf("conllText text = %q, want %q", text, want)
	}
	if len(spans) != 9 {
		t.Errorf("conllText: %d spans, want 9", len(spans))
	}
	var got []string
	for _, m := range gold {
		got = append(got, m.typ+":"+text[m.start:m.end])
	}
	if want := "PERSON:Anna Berg LOC:Oslo ORG:Fjord Group"; strings.Join(got, " ") != want {
		t.Errorf("conllText gold = %q, want %q", strings.Join(got, " "), want)
	}
}
