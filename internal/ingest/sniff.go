package ingest

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Sniff returns the format of a document from its first bytes, head (only
// the first 8 KB are looked at): [news.FormatWARC], [news.FormatFeed],
// [news.FormatJSONL], [news.FormatHTML] or [news.FormatText], and
// [news.FormatUnknown] for empty or binary input (gzip included: decompress
// first). Content decides; the extension of name only breaks ties between
// plain text and a weaker reading (".html", ".htm", ".xhtml" make HTML, ".txt"
// keeps text that has a few tags in it, ".jsonl" and ".ndjson" make JSON Lines
// of a first line that is any JSON object).
func Sniff(name string, head []byte) news.Format {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	if len(head) == 0 {
		return news.FormatUnknown
	}
	if bytes.HasPrefix(head, []byte("WARC/1.")) {
		return news.FormatWARC
	}
	ext := strings.ToLower(filepath.Ext(name))
	if isUTF16(head) {
		// Markup in UTF-16 is seen through its ASCII code units. Only text
		// and HTML are read in UTF-16, as whole documents.
		ascii := bytes.ReplaceAll(head[2:], []byte{0}, nil)
		if looksHTML(skipSpace(ascii), ext) {
			return news.FormatHTML
		}
		return news.FormatText
	}
	if isBinary(head) {
		return news.FormatUnknown
	}
	b := skipSpace(bytes.TrimPrefix(head, utf8BOM))
	if len(b) == 0 {
		return news.FormatText
	}
	switch b[0] {
	case '<':
		switch root := xmlRoot(b); {
		case root == "rss" || root == "feed" || root == "rdf:rdf" || strings.HasSuffix(root, ":rdf"):
			return news.FormatFeed
		}
	case '{':
		keys := topLevel(b)
		if strings.Contains(keys["version"], "jsonfeed.org") {
			return news.FormatFeed
		}
		line, _, _ := bytes.Cut(b, []byte("\n"))
		keys = topLevel(line)
		for _, k := range []string{"url", "text", "html", "title"} {
			if _, ok := keys[k]; ok {
				return news.FormatJSONL
			}
		}
		if ext == ".jsonl" || ext == ".ndjson" {
			return news.FormatJSONL
		}
	}
	if looksHTML(b, ext) {
		return news.FormatHTML
	}
	return news.FormatText
}

var utf8BOM = []byte("\xEF\xBB\xBF")

func isGzip(b []byte) bool { return len(b) >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 }

func isUTF16(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// binaryMagic are signatures of common non-text files.
var binaryMagic = [][]byte{
	[]byte("%PDF-"), []byte("PK\x03\x04"), []byte("\x89PNG"), []byte("GIF8"),
	[]byte("\xFF\xD8\xFF"), []byte("\x7FELF"), []byte("BZh"), []byte("\xFD7zXZ"),
	[]byte("(\xB5/\xFD"), []byte("SQLite format 3"),
}

// isBinary reports NUL bytes, a binary signature, or more than 5% of control
// bytes other than whitespace and ESC. Bytes above 0x7F count as text: legacy
// charsets are text.
func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f {
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}

func skipSpace(b []byte) []byte { return bytes.TrimLeft(b, " \t\r\n\f") }

// xmlRoot returns the lower-case name of the first element of b, after any
// XML declaration, processing instructions, comments and doctype, or
// "!doctype html" for an HTML doctype, or "" if b does not start so.
func xmlRoot(b []byte) string {
	for {
		b = skipSpace(b)
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			_, rest, ok := bytes.Cut(b, []byte("?>"))
			if !ok {
				return ""
			}
			b = rest
		case bytes.HasPrefix(b, []byte("<!--")):
			_, rest, ok := bytes.Cut(b[4:], []byte("-->"))
			if !ok {
				return ""
			}
			b = rest
		case bytes.HasPrefix(b, []byte("<!")):
			if hasPrefixFold(b, "<!doctype html") {
				return "!doctype html"
			}
			_, rest, ok := bytes.Cut(b, []byte(">"))
			if !ok {
				return ""
			}
			b = rest
		case bytes.HasPrefix(b, []byte("<")):
			return tagName(b[1:])
		default:
			return ""
		}
	}
}

// tagName returns the lower-case element name at the start of b.
func tagName(b []byte) string {
	i := 0
	for i < len(b) && (isLetter(b[i]) || i > 0 && (b[i] >= '0' && b[i] <= '9' || b[i] == ':' || b[i] == '-' || b[i] == '_' || b[i] == '.')) {
		i++
	}
	return strings.ToLower(string(b[:i]))
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// htmlElements are element names that mark HTML.
var htmlElements = map[string]bool{
	"html": true, "head": true, "body": true, "meta": true, "title": true, "link": true,
	"script": true, "style": true, "div": true, "p": true, "span": true, "a": true,
	"table": true, "tr": true, "td": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "ul": true, "ol": true, "li": true, "section": true,
	"article": true, "header": true, "footer": true, "nav": true, "main": true, "br": true,
	"img": true, "form": true, "iframe": true, "noscript": true, "b": true, "i": true,
	"em": true, "strong": true, "blockquote": true, "figure": true, "figcaption": true,
	"center": true, "font": true, "time": true, "aside": true, "hr": true, "pre": true,
}

// looksHTML reports whether b (trimmed of leading space) starts with an HTML
// doctype or element, has a high density of HTML tags near its start, or is
// named as HTML.
func looksHTML(b []byte, ext string) bool {
	if len(b) > 0 && b[0] == '<' {
		if root := xmlRoot(b); root == "!doctype html" || htmlElements[root] {
			return true
		}
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return true
	case ".txt", ".text":
		return false
	}
	return countTags(b, 2048) >= 4
}

// countTags counts opening and closing tags of HTML elements in the first n
// bytes of b.
func countTags(b []byte, n int) int {
	if len(b) > n {
		b = b[:n]
	}
	count := 0
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			return count
		}
		b = b[i+1:]
		t := b
		if len(t) > 0 && t[0] == '/' {
			t = t[1:]
		}
		if name := tagName(t); htmlElements[name] && len(t) > len(name) && strings.IndexByte(" \t\r\n/>", t[len(name)]) >= 0 {
			count++
		}
	}
}

// hasHTMLTags reports whether s holds at least one HTML element tag.
func hasHTMLTags(s string) bool { return countTags([]byte(s), len(s)) > 0 }

// topLevel returns the keys of the JSON object at the start of b, each with
// its value when that is a string (else ""), as far as b can be tokenized: a
// key whose value is cut off is still listed.
func topLevel(b []byte) map[string]string {
	keys := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return keys
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		key, ok := tok.(string)
		if !ok {
			return keys
		}
		keys[key] = ""
		tok, err = dec.Token()
		if err != nil {
			return keys
		}
		switch v := tok.(type) {
		case string:
			keys[key] = v
		case json.Delim: // skip the nested value
			for depth := 1; depth > 0; {
				tok, err := dec.Token()
				if err != nil {
					return keys
				}
				switch tok {
				case json.Delim('{'), json.Delim('['):
					depth++
				case json.Delim('}'), json.Delim(']'):
					depth--
				}
			}
		}
	}
	return keys
}
