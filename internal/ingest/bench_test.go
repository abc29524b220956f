package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/ingest"
)

func BenchmarkDocuments(b *testing.B) {
	dir := b.TempDir()
	body := strings.Repeat("A line of a small scraped article.\n", 60)
	for i := range 1000 {
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%04d.txt", i)), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range ingest.Documents(b.Context(), []string{dir}, ingest.Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 1000 {
			b.Fatalf("Documents: %d documents, want 1000", n)
		}
	}
}
