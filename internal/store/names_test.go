package store_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/store"
)

func TestNameWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"Verani", []string{"verani"}},
		{"al-Verani", []string{"al", "verani"}},
		{"  Idris   al-Verani ", []string{"idris", "al", "verani"}},
		{"O’Malley", []string{"o", "malley"}},
		{"J. R. Okoro", []string{"j", "r", "okoro"}},
		{"Zürich", []string{"zürich"}},
		{"G7 summit", []string{"g7", "summit"}},
		{"bread and butter", []string{"bread", "and", "butter"}}, // a lower-case word, not an operator
		{"bread AND butter", nil},                                // an operator
		{"Verani NEAR radio", nil},
		{`"liberation front"`, nil}, // query syntax
		{"front*", nil},
		{"title:front", nil},
		{"(a OR b)", nil},
		{"", nil},
		{" - . ", nil},
	} {
		if diff := cmp.Diff(tt.want, store.NameWords(tt.in)); diff != "" {
			t.Errorf("NameWords(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzNameWords(f *testing.F) {
	for _, s := range []string{"al-Verani", "a AND b", `"x"`, "O’Malley", "\xff\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range store.NameWords(s) {
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				t.Errorf("NameWords(%q) has word %q", s, w)
			}
			if strings.ToLower(w) != w {
				t.Errorf("NameWords(%q) has word %q not in lower case", s, w)
			}
		}
	})
}
