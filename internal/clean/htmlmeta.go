package clean

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier-news/dossier/internal/news"
)

// Sanity limits on metadata.
const (
	maxAuthorRunes = 100
	maxTitleRunes  = 300
	// dateSlack tolerates publication dates slightly after the reference
	// time: day-precision dates and time zones ahead of UTC.
	dateSlack = 24 * time.Hour
)

// minPublished is the earliest plausible publication date of a web page.
var minPublished = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

var (
	junkAuthor = regexp.MustCompile(`(?i)^(staff|staff writers?|staff reporters?|admin|administrator|editor|editors|editorial( staff| team| board)?|newsroom|news ?desk|web ?desk|anonymous|unknown|guest|team|correspondent|reporter|author|contributor|none|null)$`)
	byPrefix   = regexp.MustCompile(`(?i)^(written\s+)?by[:\s]+`)
	urlLike    = regexp.MustCompile(`(?i)@|https?:|www\.|\.(com|org|net|co\.uk)\b`)
	// titleSeparators split "Headline | Site" titles.
	titleSeparators = []string{" | ", " – ", " — ", " - ", " :: ", " · ", " « ", " » "}
)

// pageFacts are the metadata we read from the page ourselves.
type pageFacts struct {
	title, ogTitle, ogSite, appName, lang string
	published                             time.Time // to the second, when the page says so
}

// publishedKeys name <meta> elements that carry a publication timestamp.
var publishedKeys = map[string]bool{
	"article:published_time": true, "og:published_time": true, "datepublished": true,
	"pubdate": true, "publishdate": true, "publish-date": true, "dc.date.issued": true,
	"sailthru.date": true, "parsely-pub-date": true,
}

// jsonLDPublished finds datePublished in JSON-LD.
var jsonLDPublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{10,40})"`)

// parseTimestamp parses the ISO 8601 forms pages use for timestamps; a
// date without a time of day is left to trafilatura's date finder.
func parseTimestamp(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05.000Z0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// pageMeta reads the <title>, Open Graph title and site name,
// application-name and the root element's lang attribute.
func pageMeta(doc *html.Node) pageFacts {
	var m pageFacts
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.lang = nodeAttr(n, "lang")
				if m.lang == "" {
					m.lang = nodeAttr(n, "xml:lang")
				}
			case atom.Title:
				if m.title == "" {
					m.title = squash(nodeText(n))
				}
				return
			case atom.Meta:
				key := strings.ToLower(nodeAttr(n, "property") + nodeAttr(n, "name"))
				val := squash(nodeAttr(n, "content"))
				switch key {
				case "og:title":
					m.ogTitle = firstNonBlank(m.ogTitle, val)
				case "og:site_name":
					m.ogSite = firstNonBlank(m.ogSite, val)
				case "application-name":
					m.appName = firstNonBlank(m.appName, val)
				}
				if m.published.IsZero() && (publishedKeys[key] || strings.EqualFold(nodeAttr(n, "itemprop"), "datePublished")) {
					m.published = parseTimestamp(val)
				}
				return
			case atom.Script:
				if m.published.IsZero() && strings.Contains(nodeAttr(n, "type"), "ld+json") && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					if sm := jsonLDPublished.FindStringSubmatch(n.FirstChild.Data); sm != nil {
						m.published = parseTimestamp(sm[1])
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// fillMeta sets c's title, outlet, author, publication date and language
// from the page (our reading m, trafilatura's tm), then from raw's hints.
func fillMeta(c *news.Cleaned, doc *html.Node, m pageFacts, tm trafilatura.Metadata, raw news.RawArticle, opts Options) {
	c.Outlet = firstNonBlank(m.ogSite, realSitename(tm.Sitename, tm.URL), raw.Outlet)
	c.Outlet = truncateRunes(strings.TrimPrefix(c.Outlet, "@"), maxTitleRunes)

	for _, t := range []string{tm.Title, m.ogTitle, m.title, raw.Title} {
		if t = truncateRunes(trimSiteName(squash(t), c.Outlet), maxTitleRunes); t != "" {
			c.Title = t
			break
		}
	}

	c.Author = cleanAuthor(tm.Author, c.Outlet, doc)

	limit := opts.Now
	if limit.IsZero() {
		limit = raw.Fetched
	}
	dates := []time.Time{tm.Date, m.published, raw.Published}
	if !m.published.IsZero() && (tm.Date.IsZero() || m.published.Format(time.DateOnly) == tm.Date.Format(time.DateOnly)) {
		dates[0], dates[1] = m.published, tm.Date // same day, more precise
	}
	for _, d := range dates {
		if plausibleDate(d, limit) {
			c.Published, c.PublishedFrom = d, FromHTMLMeta
			if d.Equal(raw.Published) {
				c.PublishedFrom = FromUser
			}
			break
		}
	}

	c.Language = languageTag(m.lang)
	if c.Language == "" {
		c.Language = languageTag(tm.Language)
	}
}

// realSitename returns trafilatura's site name unless it is only the
// domain it derives from the URL when the page names no site.
func realSitename(name, pageURL string) string {
	name = squash(name)
	if name == "" || (strings.Contains(name, ".") && !strings.Contains(name, " ")) {
		return ""
	}
	if pageURL != "" && strings.Contains(strings.ToLower(pageURL), "://"+strings.ToLower(name)) {
		return ""
	}
	return name
}

// trimSiteName removes a site name before or after a separator in a title
// ("Headline | The Daily", "The Daily - Headline"): the site's own name, or
// a short tail after a vertical bar.
func trimSiteName(title, site string) string {
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := title[:i], title[i+len(sep):]
		switch {
		case site != "" && sameName(tail, site):
			return strings.TrimSpace(head)
		case sep == " | " && len(strings.Fields(tail)) <= 4 && len(strings.Fields(head)) >= 3:
			return strings.TrimSpace(head)
		}
		j := strings.Index(title, sep)
		if site != "" && sameName(title[:j], site) {
			return strings.TrimSpace(title[j+len(sep):])
		}
	}
	return title
}

// cleanAuthor normalises an author string and drops values that are not a
// person's byline: the outlet's own name, e-mail addresses and URLs, generic
// "Staff" credits, names found only in the comments.
func cleanAuthor(a, outlet string, doc *html.Node) string {
	var names []string
	for _, n := range strings.FieldsFunc(a, func(r rune) bool { return r == ';' || r == '|' || r == '\n' }) {
		n = squash(byPrefix.ReplaceAllString(squash(n), ""))
		n = strings.Trim(n, " ,.:-–—")
		switch {
		case n == "", utf8.RuneCountInString(n) > 60, urlLike.MatchString(n), junkAuthor.MatchString(n),
			outlet != "" && sameName(n, outlet), onlyInComments(doc, n):
			continue
		}
		names = append(names, n)
	}
	out := ""
	for _, n := range names {
		if utf8.RuneCountInString(out)+utf8.RuneCountInString(n)+2 > maxAuthorRunes {
			break
		}
		if out != "" {
			out += "; "
		}
		out += n
	}
	return out
}

// sameName reports whether two names are the same once case, a leading
// "The", punctuation and generic words ("News", "Staff") are ignored.
func sameName(a, b string) bool {
	norm := func(s string) string {
		var keep []string
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return r == ' ' || r == '.' || r == ',' || r == '-' || r == '\''
		}) {
			switch w {
			case "the", "news", "staff", "team", "online", "com", "www", "co", "uk", "org", "net":
				continue
			}
			keep = append(keep, w)
		}
		return strings.Join(keep, " ")
	}
	na, nb := norm(a), norm(b)
	return na != "" && na == nb
}

// onlyInComments reports whether name occurs in the visible text of doc and
// every occurrence is inside a comment section.
func onlyInComments(doc *html.Node, name string) bool {
	found, outside := false, false
	var walk func(n *html.Node, inComments bool)
	walk = func(n *html.Node, inComments bool) {
		if outside {
			return
		}
		switch n.Type {
		case html.TextNode:
			if strings.Contains(n.Data, name) {
				found = true
				outside = outside || !inComments
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			if !inComments {
				box := strings.ToLower(nodeAttr(n, "class") + " " + nodeAttr(n, "id"))
				inComments = strings.Contains(box, "comment") || strings.Contains(box, "disqus")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inComments)
		}
	}
	walk(doc, false)
	return found && !outside
}

// plausibleDate reports whether d is a credible publication date: not zero,
// not before 1990 and, when limit is set, not after it (with slack).
func plausibleDate(d, limit time.Time) bool {
	if d.IsZero() || d.Before(minPublished) {
		return false
	}
	return limit.IsZero() || !d.After(limit.Add(dateSlack))
}

// languageTag reduces a language tag to its lower-case primary subtag
// ("en-US" → "en"); anything that is not 2 or 3 letters yields "".
func languageTag(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return s
}

func nodeAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if s = squash(s); s != "" {
			return s
		}
	}
	return ""
}

// truncateRunes cuts s to at most n runes, at a word boundary when it can.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut)
}
