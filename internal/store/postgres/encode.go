package postgres

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/internal/news"
)

// The encodings below are the SQLite backend's (internal/store/sqlite,
// encode.go), so that both store the same bytes for the same document.

// Stored times are UTC text that sorts chronologically: a date when the time
// is midnight UTC (most publication dates), else a fixed-width timestamp
// with nanoseconds (timestamptz would keep microseconds only).
const (
	dateLayout  = "2006-01-02"
	stampLayout = "2006-01-02T15:04:05.000000000Z"
)

// formatTime returns t as stored, or nil (NULL) for the zero time.
func formatTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	s := t.Format(stampLayout)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		s = t.Format(dateLayout)
	}
	return &s
}

// parseTime reverses formatTime; NULL is the zero time.
func parseTime(s *string) (time.Time, error) {
	if s == nil {
		return time.Time{}, nil
	}
	if len(*s) == len(dateLayout) {
		return time.Parse(dateLayout, *s)
	}
	return time.Parse(time.RFC3339Nano, *s)
}

// spansV1 is the first byte of a packed span list.
const spansV1 = 1

// packSpans encodes spans as a version byte followed by one uvarint per
// span, (zigzag(length) << 2 | gap) for gaps of 0 to 2 bytes from the end of
// the previous span, else (zigzag(length) << 2 | 3) and the gap as a varint.
// A nil list is nil (NULL); an empty one is the version byte alone.
func packSpans(spans []news.Span) []byte {
	if spans == nil {
		return nil
	}
	b := make([]byte, 1, 1+len(spans)+len(spans)/8)
	b[0] = spansV1
	prev := 0
	for _, s := range spans {
		size := zigzag(s.End - s.Start)
		if gap := s.Start - prev; 0 <= gap && gap <= 2 {
			b = binary.AppendUvarint(b, size<<2|uint64(gap))
		} else {
			b = binary.AppendUvarint(b, size<<2|3)
			b = binary.AppendVarint(b, int64(gap))
		}
		prev = s.End
	}
	return b
}

func zigzag(n int) uint64 { return uint64(n<<1) ^ uint64(n>>63) }

func unzigzag(u uint64) int { return int(u>>1) ^ -int(u&1) }

// unpackSpans decodes a packSpans value; nil (NULL) is a nil list.
func unpackSpans(b []byte) ([]news.Span, error) {
	if b == nil {
		return nil, nil
	}
	if len(b) == 0 || b[0] != spansV1 {
		return nil, errors.New("packed spans: unknown encoding")
	}
	b = b[1:]
	spans := make([]news.Span, 0, len(b))
	prev := 0
	for len(b) > 0 {
		head, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("packed spans: bad varint")
		}
		b = b[n:]
		gap := int(head & 3)
		if gap == 3 {
			g, n := binary.Varint(b)
			if n <= 0 {
				return nil, errors.New("packed spans: bad varint")
			}
			b = b[n:]
			gap = int(g)
		}
		start := prev + gap
		prev = start + unzigzag(head>>2)
		spans = append(spans, news.Span{Start: start, End: prev})
	}
	return spans, nil
}

// marshalList returns s as JSON, or nil (NULL) for a nil slice.
func marshalList[T any](s []T) ([]byte, error) {
	if s == nil {
		return nil, nil
	}
	return json.Marshal(s)
}

// unmarshalList reverses marshalList; nil (NULL) is a nil slice.
func unmarshalList[T any](b []byte, name string) ([]T, error) {
	if b == nil {
		return nil, nil
	}
	var s []T
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("column %s: %w", name, err)
	}
	if s == nil {
		s = []T{}
	}
	return s, nil
}

// clean returns s as PostgreSQL's text type accepts it: valid UTF-8 without
// NUL. Invalid bytes become U+FFFD and NULs are dropped.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// maxIndexed is the most bytes of a body the full-text index reads: a
// tsvector holds at most 1 MiB.
const maxIndexed = 256 << 10

// fold returns s for the full-text index and for queries: clean, cut to
// maxIndexed bytes, diacritics removed ("Zürich" -> "Zurich", "São" -> "Sao").
func fold(s string) string {
	s = clean(s)
	if len(s) > maxIndexed {
		cut := maxIndexed
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
