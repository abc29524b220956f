package cli

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
)

// publishedFlag is the --published flag: a publication date the user gives
// for the documents whose container gives none.
type publishedFlag struct{ t time.Time }

func (f *publishedFlag) String() string {
	if f.t.IsZero() {
		return ""
	}
	return f.t.Format(time.RFC3339)
}

func (f *publishedFlag) Set(s string) error {
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			f.t = t
			return nil
		}
	}
	return fmt.Errorf("invalid date %q: want YYYY-MM-DD or RFC 3339", s)
}

func (f *publishedFlag) Type() string { return "date" }

// publishedUsage is the help of --published.
const publishedUsage = "publication date (YYYY-MM-DD or RFC 3339) of documents whose container gives none; " +
	"it wins over the pages' own dates (published_from \"user\")"

// withPublished gives every document of src without a container date the
// date t (zero: src unchanged).
func withPublished(src pipeline.Source, t time.Time) pipeline.Source {
	if t.IsZero() {
		return src
	}
	return func(ctx context.Context) iter.Seq2[news.RawArticle, error] {
		return func(yield func(news.RawArticle, error) bool) {
			for raw, err := range src(ctx) {
				if err == nil && raw.Published.IsZero() {
					raw.Published = t
				}
				if !yield(raw, err) {
					return
				}
			}
		}
	}
}
