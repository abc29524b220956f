package clean

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"

	"github.com/dossier-news/dossier/internal/news"
)

// metaCharset finds a charset declared in a <meta> element, as
// <meta charset="x"> or <meta http-equiv="Content-Type" content="…; charset=x">.
var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)`)

// decodeHTML converts raw to UTF-8 and returns it with the flags it earned.
//
// The charset comes from a byte-order mark, then the HTTP Content-Type
// header, then a <meta> declaration in the first 4 KB. Bytes that are valid
// UTF-8 are kept as they are whatever the declaration says (legacy labels on
// UTF-8 pages are common; the converse is vanishingly rare). Undeclared
// invalid UTF-8 is read as Windows-1252 when it holds no valid multi-byte
// sequence at all and its other bytes read as Windows-1252 text (see
// [readsAsWindows1252]), as browsers do, else repaired with U+FFFD.
func decodeHTML(raw []byte, contentType string) (string, []string) {
	if e, name := bomEncoding(raw); e != nil {
		if name == "utf-8" {
			return repairUTF8(raw[3:])
		}
		return transcode(raw, e)
	}
	e, name := declaredEncoding(raw, contentType)
	utf16 := strings.HasPrefix(name, "utf-16")
	if !utf16 && utf8.Valid(raw) {
		return string(raw), nil
	}
	switch {
	case e == nil && (hasValidMultibyte(raw) || !readsAsWindows1252(raw)):
		return repairUTF8(raw)
	case e == nil:
		return transcode(raw, charmap.Windows1252)
	case name == "utf-8":
		return repairUTF8(raw)
	default:
		return transcode(raw, e)
	}
}

// bomEncoding returns the encoding a byte-order mark announces, or nil.
func bomEncoding(raw []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, "utf-8"
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}), bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		e, _, _ := charset.DetermineEncoding(raw[:2], "")
		return e, "utf-16"
	}
	return nil, ""
}

// declaredEncoding returns the encoding declared by the Content-Type header
// or else by a <meta> element, with its canonical name; nil when none is
// declared or the label is unknown.
func declaredEncoding(raw []byte, contentType string) (encoding.Encoding, string) {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		if e, name := charset.Lookup(params["charset"]); e != nil {
			return e, name
		}
	}
	if m := metaCharset.FindSubmatch(raw[:min(len(raw), 4096)]); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil {
			if strings.HasPrefix(name, "utf-16") {
				// A meta element readable as ASCII cannot be in UTF-16 (HTML spec).
				return encoding.Nop, "utf-8"
			}
			return e, name
		}
	}
	return nil, ""
}

// transcode decodes raw from e to UTF-8.
func transcode(raw []byte, e encoding.Encoding) (string, []string) {
	out, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return repairUTF8(raw)
	}
	s, flags := repairUTF8(out)
	return s, append([]string{news.FlagCharset}, flags...)
}

// repairUTF8 replaces invalid UTF-8 in b with U+FFFD.
func repairUTF8(b []byte) (string, []string) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), []string{news.FlagInvalidUTF8}
}

// hasValidMultibyte reports whether b contains at least one valid UTF-8
// sequence of two bytes or more.
func hasValidMultibyte(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r != utf8.RuneError && size > 1 {
			return true
		}
		b = b[size:]
	}
	return false
}
