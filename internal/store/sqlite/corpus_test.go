package sqlite_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// vocabulary is a fixed list of made-up words drawn with a Zipf
// distribution, so that full-text indexes see realistic term frequencies.
var vocabulary = func() []string {
	r := rand.New(rand.NewPCG(1, 1))
	syll := []string{"ka", "lo", "mi", "ne", "ru", "sta", "vor", "en", "is", "tal", "dor", "pe", "qui", "zan", "bel", "ar", "ost", "ing", "ed", "um"}
	words := make([]string, 20000)
	for i := range words {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words[i] = b.String()
	}
	return words
}()

// corpus returns items start..start+n-1 of a deterministic corpus for seed:
// articles of about 3 KB of text in paragraphs and sentences, with token,
// sentence and paragraph spans and a few entities, wrapped in HTML as raw.
func corpus(seed uint64, start, n int) []store.Item {
	items := make([]store.Item, n)
	for k := range items {
		i := start + k
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocabulary)-1))
		var (
			text       strings.Builder
			tokens     []news.Span
			sentences  []news.Span
			paragraphs []news.Span
			entities   []news.Entity
		)
		for text.Len() < 3000 {
			if text.Len() > 0 {
				text.WriteString("\n\n")
			}
			pStart := text.Len()
			for s := range 3 + r.IntN(3) {
				if s > 0 {
					text.WriteByte(' ')
				}
				sStart := text.Len()
				for w := range 8 + r.IntN(20) {
					if w > 0 {
						text.WriteByte(' ')
					}
					word := vocabulary[zipf.Uint64()]
					if w == 0 {
						word = strings.ToUpper(word[:1]) + word[1:]
						if r.IntN(3) == 0 {
							entities = append(entities, news.Entity{Text: word, Type: "PERSON", Start: text.Len(), End: text.Len() + len(word), Canonical: word})
						}
					}
					tokens = append(tokens, news.Span{Start: text.Len(), End: text.Len() + len(word)})
					text.WriteString(word)
				}
				tokens = append(tokens, news.Span{Start: text.Len(), End: text.Len() + 1})
				text.WriteByte('.')
				sentences = append(sentences, news.Span{Start: sStart, End: text.Len()})
			}
			paragraphs = append(paragraphs, news.Span{Start: pStart, End: text.Len()})
		}
		title := fmt.Sprintf("%s %s %s %d", vocabulary[zipf.Uint64()], vocabulary[zipf.Uint64()], vocabulary[zipf.Uint64()], i)
		raw := fmt.Appendf(nil, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>",
			title, strings.ReplaceAll(text.String(), "\n\n", "</p><p>"))
		id := news.ID(raw)
		published := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3000)
		src := fmt.Sprintf("corpus/%d/%d.html", seed, i)
		items[k] = store.Item{
			Raw: news.RawArticle{ID: id, Source: src, Format: news.FormatHTML, Body: news.FormatHTML, Raw: raw, Group: "corpus"},
			Doc: news.Doc{
				ID: id, Source: src, Format: news.FormatHTML, Title: title, Outlet: "Corpus Times",
				Published: published, Language: "en", Text: text.String(),
				Paragraphs: paragraphs, Sentences: sentences, Tokens: tokens, Entities: entities,
				Group: "corpus", ContentType: "text/html",
			},
		}
	}
	return items
}
