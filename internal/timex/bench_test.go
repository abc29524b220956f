package timex

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// benchText is a made-up news story of about 5 KB, dense with dates.
var benchText = strings.Repeat(`The harbour authority said on Tuesday that the spill at Quay 7, first reported at about 2:40 a.m. on March 4, had been contained within six hours.

Inspectors will return next week, and a full report is due in the third quarter, the authority said. Last year the same terminal was fined twice for leaks dating back to the 1990s.

Residents said the smell lingered for three days. "We have waited two years for this tank to be replaced," one of them said in September.

The council meets every Monday and will vote on the matter early next year, after the summer recess.

`, 8)

func BenchmarkFind(b *testing.B) {
	sents := sentenceSpans(benchText)
	dct := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Find(benchText, sents, dct)
	}
}

// sentenceSpans splits text at ". " and blank lines, enough for a benchmark.
func sentenceSpans(text string) []news.Span {
	var out []news.Span
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '.' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			out = append(out, news.Span{Start: start, End: i + 1})
			start = i + 1
			for start < len(text) && (text[start] == ' ' || text[start] == '\n') {
				start++
			}
			i = start - 1
		}
	}
	if start < len(text) {
		out = append(out, news.Span{Start: start, End: len(text)})
	}
	return out
}
