package brief

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func TestTokenize(t *testing.T) {
	text := "Mayor Anna Berg said 2,000 homes, built in 1990, weren't insured."
	ents := []news.Entity{{Text: "Anna Berg", Type: "PERSON", Start: 6, End: 15, Canonical: "Anna Berg"}}
	var got []string
	for _, tk := range tokenize(text, news.Span{Start: 0, End: len(text)}, ents) {
		got = append(got, tk.key+"@"+string(rune('0'+tk.clause)))
	}
	want := []string{"mayor@0", "E:anna berg@0", "said@0", "N:2000@0", "home@0", "built@1", "in@1", "N:1990@1", "weren't@2", "insur@2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokenize(%q) mismatch (-want +got):\n%s", text, diff)
	}
}

func TestNumbersByContext(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     map[string]string
	}{
		{"verb and noun", "Floods killed 12 people.", map[string]string{"<killed": "12", ">people": "12"}},
		{"through a magnitude", "Officials fed 16 million children.", map[string]string{"<fed": "16", ">children": "16"}},
		{"date", "It began on September 30.", map[string]string{"<september": "30"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := numbersByContext(tokenize(tt.in, news.Span{Start: 0, End: len(tt.in)}, nil))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("numbersByContext(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("Mayor Anna Berg said 2,000 homes weren't insured.", 6, 15)
	f.Fuzz(func(t *testing.T, text string, es, ee int) {
		ents := []news.Entity{{Text: "x", Type: "PERSON", Start: es, End: ee}}
		if es < 0 || ee > len(text) || es > ee {
			ents = nil
		}
		for _, tk := range tokenize(text, news.Span{Start: 0, End: len(text)}, ents) {
			if tk.start < 0 || tk.start >= len(text) || tk.key == "" || strings.TrimSpace(tk.lower) == "" && tk.entity == "" {
				t.Fatalf("tokenize(%q): bad token %+v", text, tk)
			}
		}
		leansOnContext(text)
	})
}
