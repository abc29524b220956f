package sqlite

import (
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// rollback rolls tx back unless it was committed, adding any failure to *err.
// Deferred right after BeginTx.
func rollback(tx *sql.Tx, err *error) {
	if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
		*err = errors.Join(*err, rerr)
	}
}

// Stored times are UTC text that sorts chronologically: a date when the time
// is midnight UTC (most publication dates), else a fixed-width timestamp.
const (
	dateLayout  = "2006-01-02"
	stampLayout = "2006-01-02T15:04:05.000000000Z"
)

// formatTime returns t as stored, or nil (NULL) for the zero time.
func formatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(dateLayout)
	}
	return t.Format(stampLayout)
}

// parseTime reverses formatTime; NULL is the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	if len(s.String) == len(dateLayout) {
		return time.Parse(dateLayout, s.String)
	}
	return time.Parse(time.RFC3339Nano, s.String)
}

// spansV1 is the first byte of a packed span list.
const spansV1 = 1

// packSpans encodes spans as a version byte followed by one uvarint per
// span, (zigzag(length) << 2 | gap) for gaps of 0 to 2 bytes from the end of
// the previous span, else (zigzag(length) << 2 | 3) and the gap as a varint.
// Most tokens take one byte. A nil list is NULL; an empty one is the version
// byte alone.
func packSpans(spans []news.Span) any {
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

// unpackSpans decodes a packSpans blob; nil (NULL) is a nil list.
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

// marshalList returns s as JSON text, or nil (NULL) for a nil slice.
func marshalList[T any](s []T) (any, error) {
	if s == nil {
		return nil, nil
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	return string(b), nil
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
