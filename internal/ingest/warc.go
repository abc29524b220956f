package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// maxWARCHeader bounds the header block of one WARC record.
const maxWARCHeader = 1 << 20

// gzipMembers reads a sequence of gzip members from br. With auto set it
// reads across members like a multistream gzip.Reader; otherwise it returns
// io.EOF at the end of each member and next moves on.
type gzipMembers struct {
	cr    *countingReader // beneath br
	br    *bufio.Reader
	gz    *gzip.Reader
	auto  bool
	start int64 // file offset of the current member
}

// reset starts the member at the current position of br.
func (m *gzipMembers) reset() error {
	m.start = m.cr.n - int64(m.br.Buffered())
	var err error
	if m.gz == nil {
		m.gz, err = gzip.NewReader(m.br)
	} else {
		err = m.gz.Reset(m.br)
	}
	if err != nil {
		return fmt.Errorf("gzip member at offset %d: %w", m.start, err)
	}
	m.gz.Multistream(false)
	return nil
}

// next starts the next member, reporting false at the end of input.
func (m *gzipMembers) next() (bool, error) {
	if _, err := m.br.Peek(1); err == io.EOF {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return true, m.reset()
}

func (m *gzipMembers) Read(p []byte) (int, error) {
	for {
		n, err := m.gz.Read(p)
		if err != io.EOF || !m.auto || n > 0 {
			return n, err
		}
		more, err := m.next()
		if err != nil {
			return 0, err
		}
		if !more {
			return 0, io.EOF
		}
	}
}

// gzip splits a gzip stream: a WARC file read member by member, or any other
// format decompressed as a whole.
func (s *splitter) gzip(in input) bool {
	m := &gzipMembers{cr: in.counting, br: in.r}
	if err := m.reset(); err != nil {
		return s.fail(in.source, err.Error())
	}
	gbr := bufio.NewReaderSize(m, bufSize)
	head, err := gbr.Peek(sniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return s.fail(in.source, "gzip: "+reason(err))
	}
	name := strings.TrimSuffix(in.source, ".gz")
	if Sniff(name, head) == news.FormatWARC {
		return s.warcMembers(in, m, gbr)
	}
	m.auto = true
	head, err = gbr.Peek(sniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return s.fail(in.source, "gzip: "+reason(err))
	}
	if len(head) == 0 {
		return s.fail(in.source, "empty file")
	}
	in.r, in.size, in.gzipped = gbr, -1, true
	return s.dispatch(in, Sniff(name, head))
}

// warc splits an uncompressed WARC file. Any error ends it.
func (s *splitter) warc(in input) bool {
	var w warcReader
	w.reset(in.r, -1)
	for {
		ok, err := s.warcRecord(in, &w)
		if err != nil {
			return s.failErr(err.err)
		}
		if !ok {
			return !s.done
		}
	}
}

// warcMembers splits a gzip-compressed WARC file, r reading the first member.
// A malformed record skips the rest of its member.
func (s *splitter) warcMembers(in input, m *gzipMembers, r *bufio.Reader) bool {
	var w warcReader
	for {
		w.reset(r, m.start)
		for {
			ok, err := s.warcRecord(in, &w)
			if err != nil {
				if !s.failErr(err.err) {
					return false
				}
				if !err.malformed {
					return true
				}
				if _, err := io.Copy(io.Discard, r); err != nil {
					return s.fail(in.source, fmt.Sprintf("truncated WARC file: gzip member at offset %d: %s", m.start, reason(err)))
				}
				break
			}
			if !ok {
				if s.done {
					return false
				}
				break
			}
		}
		more, err := m.next()
		if err != nil {
			return s.fail(in.source, "malformed WARC file: "+reason(err))
		}
		if !more {
			return true
		}
		r.Reset(m)
	}
}

// warcReader reads WARC records from decompressed bytes.
type warcReader struct {
	r      *bufio.Reader
	off    int64 // bytes consumed since reset
	member int64 // file offset of the gzip member, or -1
	n      int   // records read from the file
}

func (w *warcReader) reset(r *bufio.Reader, member int64) {
	w.r, w.off, w.member = r, 0, member
}

// warcError is a record that could not be read; malformed ones leave the
// stream where the next gzip member may still be read.
type warcError struct {
	err       *Error
	malformed bool
}

// warcRecord reads the next record, yielding it if it is a document. It
// returns false at the end of input or when the consumer stopped.
func (s *splitter) warcRecord(in input, w *warcReader) (bool, *warcError) {
	if !s.alive() {
		return false, nil
	}
	at := w.off
	if w.member >= 0 {
		at = w.member
	}
	h, err := w.header()
	if err == io.EOF {
		return false, nil
	}
	w.n++
	src := in.source + "#record" + strconv.Itoa(w.n)
	if err != nil {
		return false, recordError(src, at, err)
	}
	typ := h.Get("WARC-Type")
	want := typ == "response" || typ == "resource"
	length, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || length < 0 {
		return false, recordError(src, at, malformed("bad Content-Length %q", h.Get("Content-Length")))
	}
	if !want || length > s.opts.MaxRecordSize {
		if err := w.discard(length); err != nil {
			return false, recordError(src, at, err)
		}
		w.trailer()
		if want {
			msg := fmt.Sprintf("WARC record is %s, over the %s limit (--max-file-size)", humanSize(length), humanSize(s.opts.MaxRecordSize))
			return s.fail(src, msg), nil
		}
		return true, nil
	}
	var block bytes.Buffer
	n, err := io.CopyN(&block, w.r, length)
	w.off += n
	if err != nil {
		return false, recordError(src, at, err)
	}
	w.trailer()

	uri := strings.Trim(strings.TrimSpace(h.Get("WARC-Target-URI")), "<>")
	a := news.RawArticle{Source: src, Format: news.FormatWARC, URL: uri, Group: groupOf(in.group, uri)}
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(h.Get("WARC-Date"))); err == nil {
		a.Fetched = t
	}
	if typ == "resource" {
		a.Raw, a.ContentType = block.Bytes(), h.Get("Content-Type")
	} else {
		raw, ct, why := httpPayload(block.Bytes(), s.opts.MaxRecordSize)
		if why != "" {
			return s.fail(src, why), nil
		}
		a.Raw, a.ContentType = raw, ct
	}
	if a.Raw == nil {
		return true, nil // not a 200 response
	}
	if a.Body = bodyFormat(a.ContentType, a.Raw); a.Body == news.FormatUnknown {
		return true, nil
	}
	if len(a.Raw) == 0 {
		return s.fail(src, "empty "+typ+" record"), nil
	}
	return s.emit(a), nil
}

// malformedError is a header that does not parse.
type malformedError struct{ msg string }

func (e *malformedError) Error() string { return e.msg }

func malformed(format string, args ...any) error {
	return &malformedError{fmt.Sprintf(format, args...)}
}

func recordError(src string, at int64, err error) *warcError {
	if m, ok := errors.AsType[*malformedError](err); ok {
		return &warcError{&Error{src, fmt.Sprintf("malformed WARC record at offset %d: %s", at, m.msg)}, true}
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return &warcError{err: &Error{src, fmt.Sprintf("truncated WARC record at offset %d: unexpected end of input", at)}}
	}
	return &warcError{err: &Error{src, fmt.Sprintf("truncated WARC record at offset %d: %s", at, reason(err))}}
}

// header reads a record's version line and named fields. It returns io.EOF
// when the input ends before the record starts.
func (w *warcReader) header() (textproto.MIMEHeader, error) {
	var line []byte
	var err error
	for len(line) == 0 { // blank lines between records are tolerated
		line, err = w.line()
		if err == io.EOF && len(line) == 0 {
			return nil, io.EOF
		}
		if err != nil {
			return nil, unexpected(err)
		}
		line = trimEOL(line)
	}
	if !bytes.HasPrefix(line, []byte("WARC/")) {
		return nil, malformed("no WARC/ version line")
	}
	h := textproto.MIMEHeader{}
	var key string
	size := len(line)
	for {
		line, err := w.line()
		if err != nil {
			return nil, unexpected(err)
		}
		if size += len(line); size > maxWARCHeader {
			return nil, malformed("header over %s", humanSize(maxWARCHeader))
		}
		line = trimEOL(line)
		if len(line) == 0 {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && key != "" { // folded line
			v := h[key]
			v[len(v)-1] += " " + strings.TrimSpace(string(line))
			continue
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok || len(bytes.TrimSpace(k)) == 0 {
			return nil, malformed("header line without a name: %.40q", line)
		}
		key = textproto.CanonicalMIMEHeaderKey(string(bytes.TrimSpace(k)))
		h.Add(key, strings.TrimSpace(string(v)))
	}
	if h.Get("Content-Length") == "" {
		return nil, malformed("no Content-Length")
	}
	return h, nil
}

// line reads up to and including '\n'. A header line is at most
// maxWARCHeader bytes long.
func (w *warcReader) line() ([]byte, error) {
	var buf []byte
	for {
		frag, err := w.r.ReadSlice('\n')
		w.off += int64(len(frag))
		buf = append(buf, frag...)
		if len(buf) > maxWARCHeader {
			return nil, malformed("header line over %s", humanSize(maxWARCHeader))
		}
		if err != bufio.ErrBufferFull {
			return buf, err
		}
	}
}

func (w *warcReader) discard(n int64) error {
	m, err := io.CopyN(io.Discard, w.r, n)
	w.off += m
	return err
}

// trailer consumes the CRLF CRLF after a block; a missing one is tolerated.
func (w *warcReader) trailer() {
	for range 2 {
		b, _ := w.r.Peek(2)
		switch {
		case bytes.HasPrefix(b, []byte("\r\n")):
			w.r.Discard(2)
			w.off += 2
		case bytes.HasPrefix(b, []byte("\n")):
			w.r.Discard(1)
			w.off++
		default:
			return
		}
	}
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func trimEOL(b []byte) []byte { return bytes.TrimRight(b, "\r\n") }

// httpPayload returns the body and Content-Type of an HTTP 200 response
// block, with transfer and content codings removed, or a nil body for any
// other status, or a reason why it cannot be read.
func httpPayload(block []byte, limit int64) (body []byte, contentType, why string) {
	// Crawlers record HTTP/2 responses with an "HTTP/2 200" status line,
	// which net/http does not parse; the framing that follows is HTTP/1's.
	for _, v := range []string{"HTTP/2 ", "HTTP/2.0 ", "HTTP/3 "} {
		if rest, ok := bytes.CutPrefix(block, []byte(v)); ok {
			block = append([]byte("HTTP/1.1 "), rest...)
			break
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, "", "invalid HTTP response: " + err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", ""
	}
	contentType = resp.Header.Get("Content-Type")
	var r io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, "", "HTTP body: " + err.Error()
		}
		r = gz
	case "deflate": // zlib as the standard says, or raw deflate as some servers send
		br := bufio.NewReader(r)
		r = flate.NewReader(br)
		if b, err := br.Peek(2); err == nil && (uint16(b[0])<<8|uint16(b[1]))%31 == 0 && b[0]&0x0f == 8 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, "", "HTTP body: " + err.Error()
			}
			r = zr
		}
	default:
		return nil, "", fmt.Sprintf("unsupported HTTP Content-Encoding %q", enc)
	}
	body, err = io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, "", "HTTP body: " + reason(err)
	}
	if int64(len(body)) > limit {
		return nil, "", fmt.Sprintf("decoded HTTP body is over the %s limit (--max-file-size)", humanSize(limit))
	}
	if body == nil {
		body = []byte{} // a 200 response with an empty body
	}
	return body, contentType, ""
}

// bodyFormat returns what a payload of the declared media type holds:
// HTML, text, or unknown for anything else. A missing type is sniffed.
func bodyFormat(contentType string, raw []byte) news.Format {
	mt, _, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(raw))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return news.FormatHTML
	case "text/plain":
		return news.FormatText
	}
	return news.FormatUnknown
}
