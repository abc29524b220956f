package ingest

import (
	"context"
	"iter"

	"github.com/dossier-news/dossier/internal/news"
)

// DefaultMaxFileSize is the largest input file read (50 MiB).
const DefaultMaxFileSize = 50 << 20

// Options tunes reading. A zero field means its documented default.
type Options struct {
	MaxFileSize int64 // bytes; default DefaultMaxFileSize
}

// Error reports a source or record that could not be read.
type Error struct {
	Source string
	Reason string
}

func (e *Error) Error() string { return e.Source + ": " + e.Reason }

// Documents yields every document found under paths (files, directories read
// recursively, glob patterns, "-" for standard input). A source or record that
// fails is yielded as a non-nil *Error and the sequence goes on; any other
// error (ctx done) ends it. STUB.
func Documents(ctx context.Context, paths []string, opts Options) iter.Seq2[news.RawArticle, error] {
	return func(yield func(news.RawArticle, error) bool) {}
}
