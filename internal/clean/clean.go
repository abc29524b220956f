package clean

import (
	"strings"
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

// Clean cleans one raw document, dispatching on what its bytes hold, then
// settles what every path shares:
//
//   - the outlet and the publication date the user gave with the document
//     (a JSON Lines field, a feed) win over what the page says;
//   - the publication date otherwise comes from the page's HTML metadata,
//     then its own date lines (plain text, see [DateLine]), then a date in
//     the URL ([URLDate]) or the file name ([FileDate]); PublishedFrom says
//     which. A WARC record's WARC-Date is when the page was fetched, not
//     published, and is never used as the publication date;
//   - the language is guessed from the text ([Language]), the page's
//     declared language being only a hint; a text that is not English is
//     flagged [news.FlagNotEnglish].
func Clean(raw news.RawArticle, opts Options) (news.Cleaned, error) {
	var c news.Cleaned
	switch raw.Body {
	case news.FormatHTML:
		var err error
		if c, err = HTML(raw, opts); err != nil {
			return c, err
		}
	default:
		c = Plain(raw, opts)
	}
	if o := squash(raw.Outlet); o != "" {
		c.Outlet = truncateRunes(o, maxTitleRunes)
	}
	published(&c, raw, opts)
	c.Language = Language(langText(&c), c.Language)
	if c.Language != "" && c.Language != "en" {
		c.Flags = append(c.Flags, news.FlagNotEnglish)
	}
	return c, nil
}

// langText is the text a document's language is guessed from: its body, or
// when the body is (nearly) empty its title and every line of the page.
func langText(c *news.Cleaned) string {
	if len(c.Text) >= 200 || len(c.Lines) == 0 {
		return c.Title + "\n" + c.Text
	}
	var b strings.Builder
	b.WriteString(c.Text)
	for _, l := range c.Lines {
		if b.Len() > langSample {
			break
		}
		b.WriteString("\n")
		b.WriteString(l.Text)
	}
	return b.String()
}
