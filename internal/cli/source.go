package cli

import (
	"context"
	"errors"
	"iter"
	"slices"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
)

// readSource adapts the ingest readers to a pipeline source. A failure of one
// source or record comes with a RawArticle carrying its Source.
func readSource(paths []string, opts ingest.Options) pipeline.Source {
	return func(ctx context.Context) iter.Seq2[news.RawArticle, error] {
		return func(yield func(news.RawArticle, error) bool) {
			for raw, err := range ingest.Documents(ctx, paths, opts) {
				if ie, ok := errors.AsType[*ingest.Error](err); ok {
					if raw.Source == "" {
						raw.Source = ie.Source
					}
					err = readError{ie} // the source is reported beside the reason
				}
				if !yield(raw, err) {
					return
				}
			}
		}
	}
}

// readError is an *ingest.Error whose message is the reason alone.
type readError struct{ e *ingest.Error }

func (r readError) Error() string { return r.e.Reason }
func (r readError) Unwrap() error { return r.e }

// isDocError tells per-document read errors from systemic ones.
func isDocError(err error) bool {
	_, ok := errors.AsType[*ingest.Error](err)
	return ok
}

// rescannable reports whether paths can be read twice (no standard input).
func rescannable(paths []string) bool {
	return !slices.Contains(paths, "-")
}
