package clean

import (
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Options tunes cleaning. The zero value is ready to use.
type Options struct {
	// Repeats counts lines across the documents of each site; nil means no
	// cross-document signal.
	Repeats *Repeats
	// Now is the reference time for date sanity checks (no publication dates
	// after the fetch). Zero means the document's fetch time if known, else no
	// upper bound.
	Now time.Time
	// Lines is the model that decides which lines of a plain-text page are
	// main content after the rules; nil means [DefaultLineModel].
	Lines *LineModel
	// RulesOnly labels plain-text pages with the rules alone, without a
	// line model (for comparison and training).
	RulesOnly bool
}

// Clean cleans one raw document, dispatching on what its bytes hold.
func Clean(raw news.RawArticle, opts Options) (news.Cleaned, error) {
	switch raw.Body {
	case news.FormatHTML:
		return HTML(raw, opts)
	default:
		return Plain(raw, opts), nil
	}
}
