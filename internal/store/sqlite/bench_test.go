package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// fileSize returns the size of the database file and its WAL, if any.
func fileSize(b *testing.B, path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
		if err == nil {
			n += fi.Size()
		}
	}
	return n
}

// BenchmarkPut puts batches of 256 new documents of about 3 KB of text each
// and reports documents a second and database bytes a document.
func BenchmarkPut(b *testing.B) {
	const batch = 256
	path := filepath.Join(b.TempDir(), "news.db")
	db, err := sqlite.Open(b.Context(), path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	templates := corpus(42, 0, 4*batch)
	var rawBytes, textBytes int
	for _, it := range templates {
		rawBytes += len(it.Raw.Raw)
		textBytes += len(it.Doc.Text)
	}
	items := make([]store.Item, batch)
	n := 0
	for b.Loop() {
		for i := range items {
			// Make each document new: the same content under a new ID.
			it := templates[n%len(templates)]
			it.Raw.Raw = fmt.Appendf(append([]byte(nil), it.Raw.Raw...), "<!-- %d -->", n)
			it.Raw.ID = news.ID(it.Raw.Raw)
			it.Doc.ID = it.Raw.ID
			items[i] = it
			n++
		}
		res, err := db.Put(b.Context(), items)
		if err != nil {
			b.Fatal(err)
		}
		if res[0] != store.PutNew {
			b.Fatalf("Put: %v, want PutNew", res[0])
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		b.Fatal(err)
	}
	b.ReportMetric(float64(fileSize(b, path))/float64(n), "B/doc")
	b.ReportMetric(float64(rawBytes)/float64(len(templates)), "raw-B/doc")
	b.ReportMetric(float64(textBytes)/float64(len(templates)), "text-B/doc")
}

// BenchmarkSearch runs queries against 20,000 documents.
func BenchmarkSearch(b *testing.B) {
	const docs = 20000
	db, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "news.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for start := 0; start < docs; start += 1000 {
		if _, err := db.Put(b.Context(), corpus(9, start, 1000)); err != nil {
			b.Fatal(err)
		}
	}
	// vocabulary[0] is the most frequent word (in most documents); the
	// others are rarer and rarer.
	for _, q := range []string{
		vocabulary[2],
		vocabulary[2] + " " + vocabulary[30],
		vocabulary[500],
		vocabulary[5000],
		`"` + vocabulary[2] + " " + vocabulary[3] + `"`,
		vocabulary[40][:3] + "*",
	} {
		b.Run(q, func(b *testing.B) {
			hits := 0
			for b.Loop() {
				h, err := db.Search(b.Context(), store.Query{Text: q})
				if err != nil {
					b.Fatal(err)
				}
				hits = len(h)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}
