package clean

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/dossier-news/dossier/internal/news"
)

// Thresholds below which the main-content extractor's result is deemed too
// thin and our own density extractor is consulted.
const (
	minBodyChars = 200
	minBodyWords = 40
)

// HTML extracts the main content and metadata of an HTML page or of an HTML
// fragment (a feed item's content, the "html" field of a JSON Lines record).
//
// The bytes are decoded from the charset declared in raw.ContentType or in
// the page itself (flag [news.FlagCharset]); invalid UTF-8 is replaced by
// U+FFFD (flag [news.FlagInvalidUTF8]). The body comes from go-trafilatura,
// with a text-density extractor of our own when it finds too little; block
// elements become paragraphs separated by a blank line. Title, outlet,
// author, publication date and language come from the page, then from the
// hints in raw; implausible values are dropped (see [Options.Now]).
//
// HTML never fails on malformed markup; a page without article text is
// returned with flag [news.FlagEmpty] and a nil error.
func HTML(raw news.RawArticle, opts Options) (news.Cleaned, error) {
	c, _, err := HTMLBaseline(raw, opts)
	return c, err
}

// HTMLBaseline is [HTML] that also returns the text go-trafilatura alone
// extracts from the page (its ContentText, with the options HTML runs it
// with), so that an evaluation can score the library beside our path in
// the same run without extracting twice.
func HTMLBaseline(raw news.RawArticle, opts Options) (news.Cleaned, string, error) {
	src, flags := decodeHTML(raw.Raw, raw.ContentType)
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return news.Cleaned{Flags: flags}, "", fmt.Errorf("parse html: %w", err)
	}

	fragment := isFragment(src)
	res := runTrafilatura(doc, raw.URL)

	var tm trafilatura.Metadata
	if res != nil {
		tm = res.Metadata
	}
	var c news.Cleaned
	fillMeta(&c, doc, pageMeta(doc), tm, raw, opts)
	c.Text = chooseBody(doc, res, fragment)
	c.Flags = flags
	if c.Text == "" {
		c.Flags = append(c.Flags, news.FlagEmpty)
	}
	var base string
	if res != nil {
		base = res.ContentText
	}
	return c, base, nil
}

// runTrafilatura runs go-trafilatura on a copy of doc (it clones the tree
// itself). It returns nil when the library fails or panics on hostile input.
func runTrafilatura(doc *html.Node, pageURL string) (res *trafilatura.ExtractResult) {
	opts := trafilaturaOptions
	if u, err := url.ParseRequestURI(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	defer func() {
		if recover() != nil {
			res = nil
		}
	}()
	r, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return nil
	}
	return r
}

// trafilaturaOptions are the extractor settings chosen on the AEB benchmark.
// EnableLog stays false: the library's logger is a package-global writing to
// stderr.
var trafilaturaOptions = trafilatura.Options{
	EnableFallback:  true,
	Focus:           trafilatura.Balanced,
	ExcludeComments: true,
	HtmlDateMode:    trafilatura.Fast,
}

// chooseBody picks the article text: the whole block text of a fragment,
// else trafilatura's content, else (or when that is too thin) the better of
// it and our density extractor's.
func chooseBody(doc *html.Node, res *trafilatura.ExtractResult, fragment bool) string {
	if fragment {
		return blockText(doc)
	}
	var text string
	if res != nil && res.ContentNode != nil {
		text = joinParas(dropJunk(dropHeadline(blockParas(res.ContentNode, nil))))
	}
	if !isThin(text) {
		return text
	}
	// Too little: trafilatura's rescue path is unreliable on small pages
	// (it may repeat the text), so weigh our density extractor, and on a
	// page that is small throughout, its whole text without furniture.
	if alt := densityText(doc); !isThin(alt) {
		if len(strings.Fields(alt)) > len(strings.Fields(text)) {
			return alt
		}
		return text
	}
	return blockTextFunc(doc, isFurniture)
}

// isThin reports whether text is too short to be trusted as an article body.
func isThin(text string) bool {
	return len(text) < minBodyChars || len(strings.Fields(text)) < minBodyWords
}

// isFragment reports whether src is a piece of HTML rather than a page: it
// has neither an html nor a body nor a head tag.
func isFragment(src string) bool {
	head := strings.ToLower(src[:min(len(src), 4096)])
	return !strings.Contains(head, "<html") && !strings.Contains(head, "<body") &&
		!strings.Contains(head, "<head") && !strings.Contains(strings.ToLower(src), "<body")
}

// dropHeadline removes the headings that open the body (the headline, a
// standfirst, a kicker): the headline is [news.Cleaned.Title], and the others
// are page furniture more often than article text. A body made only of
// headings keeps its last one.
func dropHeadline(ps []para) []para {
	for len(ps) > 1 && ps[0].heading {
		ps = ps[1:]
	}
	return ps
}

// dropJunk removes paragraphs that are nothing but a URL (print-edition
// leftovers such as a page's own address).
func dropJunk(ps []para) []para {
	return slices.DeleteFunc(ps, func(p para) bool {
		return !strings.ContainsAny(p.text, " \t") &&
			(strings.HasPrefix(p.text, "http://") || strings.HasPrefix(p.text, "https://") || strings.HasPrefix(p.text, "www."))
	})
}
