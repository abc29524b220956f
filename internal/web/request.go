package web

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"hash/fnv"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// decodeJSON reads one JSON value from the body into dst: at most max bytes,
// no unknown fields, nothing after it.
func decodeJSON(w http.ResponseWriter, r *http.Request, max int64, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return &httpError{Status: http.StatusUnsupportedMediaType, Code: codeBadRequest, Message: "the body must be application/json"}
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, max)
	return decodeBody(r.Body, dst)
}

// decodeBody decodes exactly one JSON value from body into dst, refusing
// unknown fields.
func decodeBody(body io.Reader, dst any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return err
		}
		if errors.Is(err, io.EOF) {
			return badRequest("empty body: a JSON object is required")
		}
		return badRequest("malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return err
		}
		return badRequest("malformed JSON: more than one value in the body")
	}
	return nil
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Limits on query parameters.
const (
	maxParam  = 500 // bytes in a query parameter or name
	maxOffset = 10000
	maxLimit  = 100
)

// param returns a query parameter, refusing ones too long or with control
// characters or invalid UTF-8.
func param(r *http.Request, name string) (string, error) {
	v := r.URL.Query().Get(name)
	if err := checkText(name, v); err != nil {
		return "", err
	}
	return strings.TrimSpace(v), nil
}

// checkText refuses text that is too long, not UTF-8 or holds control
// characters.
func checkText(name, v string) error {
	if len(v) > maxParam {
		return badRequest("%s is longer than %d bytes", name, maxParam)
	}
	if !utf8.ValidString(v) {
		return badRequest("%s is not valid UTF-8", name)
	}
	for _, c := range v {
		if unicode.IsControl(c) {
			return badRequest("%s holds a control character", name)
		}
	}
	return nil
}

// limitParam reads ?limit=, default def, at most maxLimit.
func limitParam(r *http.Request, def int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		return 0, badRequest("limit must be a number from 1 to %d", maxLimit)
	}
	return n, nil
}

// dateParam reads a date (2026-03-04) or month (2026-03); end makes a month
// or day mean the start of the next one, for "to" bounds.
func dateParam(r *http.Request, name string, end bool) (time.Time, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		if end {
			t = t.AddDate(0, 1, 0)
		}
		return t, nil
	}
	return time.Time{}, badRequest("%s must be a date (2026-03-04) or a month (2026-03)", name)
}

// A cursor is opaque to clients: the position of the next page and a hash
// of the query it belongs to, base64url encoded. A cursor from another query
// is refused rather than silently misapplied.
type cursor struct {
	Pos  int64  `json:"p"`
	Hash uint32 `json:"h"`
}

func queryHash(parts ...string) uint32 {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum32()
}

func encodeCursor(pos int64, hash uint32) string {
	b, _ := json.Marshal(cursor{pos, hash})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor returns the position a cursor holds (0 for none).
func decodeCursor(s string, hash uint32) (int64, error) {
	if s == "" {
		return 0, nil
	}
	if len(s) > 200 {
		return 0, badRequest("bad cursor")
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, badRequest("bad cursor: not one this server made")
	}
	var c cursor
	if err := decodeBody(strings.NewReader(string(b)), &c); err != nil || c.Pos <= 0 {
		return 0, badRequest("bad cursor: not one this server made")
	}
	if c.Hash != hash {
		return 0, badRequest("bad cursor: it belongs to another query")
	}
	return c.Pos, nil
}

// docID checks a document ID: 1 to 16 lower-case hex digits (a prefix
// finds the document when it is unique).
func docID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 16 {
		return "", badRequest("a document ID is 16 hex digits")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", badRequest("a document ID is 16 hex digits, not %q", id)
		}
	}
	return id, nil
}

// entityName checks an entity name taken from the path.
func entityName(r *http.Request) (string, error) {
	n := strings.TrimSpace(r.PathValue("name"))
	if n == "" {
		return "", badRequest("an entity name is required")
	}
	if err := checkText("entity name", n); err != nil {
		return "", err
	}
	return n, nil
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// date prints a date alone when it has no time of day, else RFC 3339.
func date(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return nullable(t.Format(time.DateOnly))
	}
	return nullable(t.Format(time.RFC3339))
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func stamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return nullable(t.UTC().Format(time.RFC3339))
}
