package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

func FuzzDecodeWatch(f *testing.F) {
	f.Add(`{"kind":"search","target":"port authority","webhook":"https://example.com/h"}`)
	f.Add(`{"kind":"entity","target":"Ana Lind","name":"Ana"}`)
	f.Add(`{"kind":"search","target":"x"} trailing`)
	f.Add(`{"kind":1}`)
	f.Fuzz(func(t *testing.T, body string) {
		var req watchRequest
		if err := decodeBody(strings.NewReader(body), &req); err != nil {
			if classify(err).Status != 400 {
				t.Fatalf("decodeBody(%q) error %v is not a 400", body, err)
			}
			return
		}
		w, err := req.watch()
		if err != nil {
			if classify(err).Status != 400 {
				t.Fatalf("watch(%q) error %v is not a 400", body, err)
			}
			return
		}
		if w.Target == "" || (w.Kind != "search" && w.Kind != "entity") || !utf8.ValidString(w.Target) {
			t.Fatalf("watch(%q) = %+v accepted", body, w)
		}
	})
}

func FuzzDecodeEdit(f *testing.F) {
	f.Add(`{"kind":"rename","name":"Harbour Board","to":"Port Board"}`)
	f.Add(`{"kind":"split","name":"Clinton","form":"Bill Clinton","to":"Bill Clinton"}`)
	f.Add(`{"kind":"merge","name":"","to":"x"}`)
	f.Fuzz(func(t *testing.T, body string) {
		var req editRequest
		if err := decodeBody(strings.NewReader(body), &req); err != nil {
			return
		}
		e, err := req.edit()
		if err != nil {
			if classify(err).Status != 400 {
				t.Fatalf("edit(%q) error %v is not a 400", body, err)
			}
			return
		}
		if e.Name == "" || e.To == "" || (e.Kind == "split" && e.Form == "") {
			t.Fatalf("edit(%q) = %+v accepted", body, e)
		}
	})
}

func FuzzDecodeCursor(f *testing.F) {
	h := queryHash("q")
	f.Add(encodeCursor(20, h))
	f.Add("eyJwIjoxfQ")
	f.Add("")
	f.Add("!!")
	f.Fuzz(func(t *testing.T, s string) {
		pos, err := decodeCursor(s, h)
		if err != nil {
			if classify(err).Status != 400 {
				t.Fatalf("decodeCursor(%q) error %v is not a 400", s, err)
			}
			return
		}
		if pos < 0 || (s != "" && pos == 0) {
			t.Fatalf("decodeCursor(%q) = %d", s, pos)
		}
	})
}

// FuzzAnnotate renders documents whose spans may be anything: it must never
// panic, and the text must come out whole (escaped) whatever the spans.
func FuzzAnnotate(f *testing.F) {
	f.Add("The Harbour Board said “we wait”.", 4, 17, 20, 28, 0, 3)
	f.Add("é", 0, 1, 1, 2, -1, 5)
	f.Fuzz(func(t *testing.T, text string, es, ee, qs, qe, cs, ce int) {
		d := news.Doc{Text: text,
			Entities:  []news.Entity{{Text: "x", Type: "ORG", Start: es, End: ee, Canonical: "<b>"}},
			Quotes:    []news.Quote{{Start: qs, End: qe, Kind: "direct", Speaker: "a\"b"}},
			Citations: []news.Citation{{Source: "Wire", Start: cs, End: ce}},
		}
		out := string(annotate(d))
		if strings.Contains(out, "<b>") {
			t.Fatalf("annotate: unescaped markup in %q", out)
		}
		if !utf8.ValidString(text) {
			return
		}
		if strings.Count(out, "<p>") != strings.Count(out, "</p>") || strings.Count(out, "<a ") != strings.Count(out, "</a>") ||
			strings.Count(out, "<q ") != strings.Count(out, "</q>") {
			t.Fatalf("annotate(%q): unbalanced tags in %q", text, out)
		}
	})
}
