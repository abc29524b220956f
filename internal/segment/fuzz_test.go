package segment_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/segment"
)

var fuzzSeeds = []string{
	"",
	"Hello. World?",
	"Dr. Smith met Gov. Lee. They spoke.",
	"First.\n\nSecond one.\r\n\r\n  Third “quoted.” Then",
	"He stayed in the U.S. The next day … we left... Then 3.5 p.m. Friday",
	"• One.\n• Two\n1. Three",
	"今天下雨。明天晴。",
	"bad \xff byte. \xe2\x80 next",
	"a\u00a0\n\u2028\nb. c",
}

// checkSpans fails t if spans are not ordered, non-empty, non-overlapping and
// in bounds, or split a rune of valid text.
func checkSpans(t *testing.T, fn, s string, spans []news.Span) {
	t.Helper()
	prev := 0
	valid := utf8.ValidString(s)
	for _, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) ||
			(valid && !utf8.ValidString(s[sp.Start:sp.End])) {
			t.Fatalf("%s(%q): bad span %+v (previous end %d)", fn, s, sp, prev)
		}
		prev = sp.End
	}
}

// checkTrimmed fails t if a span starts or ends with whitespace.
func checkTrimmed(t *testing.T, fn, s string, spans []news.Span) {
	t.Helper()
	for _, sp := range spans {
		v := s[sp.Start:sp.End]
		if strings.TrimFunc(v, unicode.IsSpace) != v {
			t.Fatalf("%s(%q): span %+v = %q is not trimmed", fn, s, sp, v)
		}
	}
}

// isSpace reports whether v holds only whitespace.
func isSpace(v string) bool { return strings.TrimFunc(v, unicode.IsSpace) == "" }

func FuzzParagraphs(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		paras := segment.Paragraphs(s)
		checkSpans(t, "Paragraphs", s, paras)
		checkTrimmed(t, "Paragraphs", s, paras)
		prev := 0
		for _, p := range paras {
			if !isSpace(s[prev:p.Start]) {
				t.Fatalf("Paragraphs(%q): text %q before %+v is not in a paragraph", s, s[prev:p.Start], p)
			}
			for line := range strings.Lines(s[p.Start:p.End]) {
				if isSpace(line) {
					t.Fatalf("Paragraphs(%q): paragraph %+v holds a blank line", s, p)
				}
			}
			prev = p.End
		}
		if !isSpace(s[prev:]) {
			t.Fatalf("Paragraphs(%q): trailing text %q is not in a paragraph", s, s[prev:])
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents := segment.Sentences(s)
		checkSpans(t, "Sentences", s, sents)
		checkTrimmed(t, "Sentences", s, sents)
		paras := segment.Paragraphs(s)
		p := 0
		for _, sp := range sents {
			for p < len(paras) && paras[p].End < sp.End {
				p++
			}
			if p == len(paras) || sp.Start < paras[p].Start {
				t.Fatalf("Sentences(%q): span %+v is not inside one paragraph of %+v", s, sp, paras)
			}
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := segment.Tokens(s)
		checkSpans(t, "Tokens", s, toks)
		prev := 0
		for _, tok := range toks {
			if !isSpace(s[prev:tok.Start]) {
				t.Fatalf("Tokens(%q): text %q before %+v is not in a token", s, s[prev:tok.Start], tok)
			}
			if r, _ := utf8.DecodeRuneInString(s[tok.Start:tok.End]); unicode.IsSpace(r) {
				t.Fatalf("Tokens(%q): token %+v starts with whitespace", s, tok)
			}
			prev = tok.End
		}
		if !isSpace(s[prev:]) {
			t.Fatalf("Tokens(%q): trailing text %q is not in a token", s, s[prev:])
		}
	})
}
