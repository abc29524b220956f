package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// jsonl splits a JSON Lines stream, a document or an error per non-blank line.
func (s *splitter) jsonl(in input) bool {
	limit := s.opts.MaxRecordSize
	for n := 1; ; n++ {
		if !s.alive() {
			return false
		}
		line, long, err := readLine(in.r, limit)
		src := in.source + "#L" + strconv.Itoa(n)
		if err != nil && err != io.EOF {
			return s.fail(src, reason(err))
		}
		ok := true
		switch {
		case long:
			ok = s.fail(src, fmt.Sprintf("line is over the %s limit (--max-file-size)", humanSize(limit)))
		case len(bytes.TrimSpace(line)) > 0:
			if n == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			ok = s.jsonlLine(in, src, line)
		}
		if !ok {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

func (s *splitter) jsonlLine(in input, src string, line []byte) bool {
	if b := skipSpace(line); b[0] != '{' {
		return s.fail(src, "invalid JSON: not an object")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return s.fail(src, "invalid JSON: "+err.Error())
	}
	str := map[string]string{}
	for _, k := range []string{"url", "outlet", "published", "fetched", "title", "text", "html"} {
		v, ok := fields[k]
		if !ok || string(v) == "null" {
			continue
		}
		var sv string
		if err := json.Unmarshal(v, &sv); err != nil {
			return s.fail(src, fmt.Sprintf("%q is not a string", k))
		}
		str[k] = sv
	}
	a := news.RawArticle{
		Source: src,
		Format: news.FormatJSONL,
		URL:    str["url"],
		Outlet: str["outlet"],
		Title:  str["title"],
		Group:  groupOf(in.group, str["url"]),
	}
	field := "html"
	if _, ok := str[field]; !ok {
		field = "text"
	}
	content, ok := str[field]
	if !ok {
		return s.fail(src, `no "text" or "html" field`)
	}
	if strings.TrimSpace(content) == "" {
		return s.fail(src, fmt.Sprintf("empty %q field", field))
	}
	a.Raw, a.Body = []byte(content), news.FormatText
	if field == "html" {
		a.Body = news.FormatHTML
	}
	var err error
	if a.Published, err = parseDate(str["published"]); err != nil {
		return s.fail(src, fmt.Sprintf("invalid published date %q: want RFC 3339 or YYYY-MM-DD", str["published"]))
	}
	if a.Fetched, err = parseDate(str["fetched"]); err != nil {
		return s.fail(src, fmt.Sprintf("invalid fetched date %q: want RFC 3339 or YYYY-MM-DD", str["fetched"]))
	}
	return s.emit(a)
}

// parseDate parses RFC 3339 or YYYY-MM-DD (as UTC midnight); "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

// readLine reads one line of r without its line ending. A line over limit
// bytes is read to its end and dropped, with long set. err is io.EOF on the
// last line.
func readLine(r *bufio.Reader, limit int64) (line []byte, long bool, err error) {
	for {
		frag, err := r.ReadSlice('\n')
		if !long {
			if int64(len(line)+len(frag)) > limit+2 { // room for "\r\n"
				long, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if long {
			line = nil
		}
		if int64(len(line)) > limit {
			line, long = nil, true
		}
		return line, long, err
	}
}
