package ingest_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// checkSplit splits in and fails on a document whose ID is not news.ID(Raw)
// or whose formats are unset, and on an error that is not an *ingest.Error.
func checkSplit(t *testing.T, name string, in []byte) {
	t.Helper()
	opts := ingest.Options{MaxFileSize: 1 << 16}
	for a, err := range ingest.Split(t.Context(), name, bytes.NewReader(in), opts) {
		if err != nil {
			if _, ok := errors.AsType[*ingest.Error](err); !ok {
				t.Fatalf("Split(%q): error %v (%T), want *ingest.Error", in, err, err)
			}
			continue
		}
		if a.ID != news.ID(a.Raw) {
			t.Fatalf("Split(%q): %s: ID %q, want news.ID(Raw) %q", in, a.Source, a.ID, news.ID(a.Raw))
		}
		if a.Format == news.FormatUnknown || a.Body != news.FormatText && a.Body != news.FormatHTML {
			t.Fatalf("Split(%q): %s: Format %v Body %v", in, a.Source, a.Format, a.Body)
		}
		if !strings.HasPrefix(a.Source, name) {
			t.Fatalf("Split(%q): Source %q does not start with %q", in, a.Source, name)
		}
	}
}

func addFiles(f *testing.F, paths ...string) {
	f.Helper()
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzWARC(f *testing.F) {
	addFiles(f, "testdata/warc/sample.warc", "testdata/warc/sample.warc.gz", "testdata/warc/whole.warc.gz",
		"testdata/warc/truncated.warc", "testdata/warc/truncated.warc.gz", "testdata/warc/malformed.warc.gz")
	f.Add([]byte(warcRecord("response", "http://a.example/", "application/http",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>x<\r\n0\r\n\r\n")))
	f.Fuzz(func(t *testing.T, in []byte) { checkSplit(t, "f.warc", in) })
}

func FuzzJSONL(f *testing.F) {
	addFiles(f, "testdata/jsonl/articles.jsonl", "testdata/gz/notes.jsonl.gz")
	f.Add([]byte("{\"text\":\"a\"}\r\n\n{\"html\":\"<p>b</p>\",\"published\":\"2024-01-02\"}"))
	f.Fuzz(func(t *testing.T, in []byte) { checkSplit(t, "f.jsonl", in) })
}

func FuzzFeed(f *testing.F) {
	addFiles(f, "testdata/feeds/rss.xml", "testdata/feeds/atom.xml", "testdata/feeds/feed.json")
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><description>d</description></item></rdf:RDF>`))
	f.Fuzz(func(t *testing.T, in []byte) { checkSplit(t, "f.xml", in) })
}

func FuzzSniff(f *testing.F) {
	addFiles(f, "testdata/tree/b-page.html", "testdata/tree/a-plain.txt", "testdata/binary.bin", "testdata/gz/page.html.gz")
	f.Add([]byte("\xEF\xBB\xBF<!-- c --><!DOCTYPE html>"))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		got := ingest.Sniff("f", in)
		if len(in) > 8<<10 {
			if head := ingest.Sniff("f", in[:8<<10]); head != got {
				t.Fatalf("Sniff(%q) = %v, but %v on its first 8 KB", in, got, head)
			}
		}
		if got < news.FormatUnknown || got > news.FormatJSONL {
			t.Fatalf("Sniff(%q) = %v", in, got)
		}
		checkSplit(t, "f", in)
	})
}
