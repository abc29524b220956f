package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// benchItem returns document i of a synthetic corpus: about 2 KB of text of
// made-up words, with sentences, tokens and a few entities.
func benchItem(i int) store.Item {
	r := rand.New(rand.NewPCG(7, uint64(i)))
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sta", "vor", "en", "is", "tal"}
	var (
		text   strings.Builder
		tokens []news.Span
		ents   []news.Entity
	)
	for w := range 300 {
		if w > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		for range 1 + r.IntN(3) {
			text.WriteString(syll[r.IntN(len(syll))])
		}
		tokens = append(tokens, news.Span{Start: start, End: text.Len()})
		if w%40 == 0 {
			ents = append(ents, news.Entity{Text: text.String()[start:], Type: "PERSON", Start: start, End: text.Len(), Canonical: text.String()[start:]})
		}
	}
	raw := fmt.Appendf(nil, "<p>%s</p><!-- %d -->", text.String(), i)
	id := news.ID(raw)
	return store.Item{
		Raw: news.RawArticle{ID: id, Raw: raw},
		Doc: news.Doc{ID: id, Title: fmt.Sprintf("Report %d", i), Text: text.String(), Language: "en",
			Sentences: []news.Span{{Start: 0, End: text.Len()}}, Tokens: tokens, Entities: ents},
	}
}

// BenchmarkPut puts batches of 128 new documents and reports documents a
// second.
func BenchmarkPut(b *testing.B) {
	db := openBench(b)
	const batch = 128
	n := 0
	for b.Loop() {
		items := make([]store.Item, batch)
		for i := range items {
			items[i] = benchItem(n)
			n++
		}
		if _, err := db.Put(b.Context(), items); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkSearch searches 2,000 documents for a common word.
func BenchmarkSearch(b *testing.B) {
	db := openBench(b)
	items := make([]store.Item, 2000)
	for i := range items {
		items[i] = benchItem(i)
	}
	if _, err := db.Put(b.Context(), items); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Search(b.Context(), store.Query{Text: "kalo"}); err != nil {
			b.Fatal(err)
		}
	}
}
