package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// DefaultMaxFileSize is the largest input file read (50 MiB).
const DefaultMaxFileSize = 50 << 20

// Options tunes reading. A zero field means its documented default.
type Options struct {
	// MaxFileSize bounds a plain-text or HTML document, which is read whole
	// (after gzip decompression). Default DefaultMaxFileSize.
	MaxFileSize int64
	// MaxRecordSize bounds one record of a container: a JSON Lines line, a
	// WARC record block, a feed item's content. Default MaxFileSize.
	MaxRecordSize int64
	// MaxFeedSize bounds a whole feed, which is parsed in memory.
	// Default 4 × MaxFileSize.
	MaxFeedSize int64
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxRecordSize <= 0 {
		o.MaxRecordSize = o.MaxFileSize
	}
	if o.MaxFeedSize <= 0 {
		o.MaxFeedSize = 4 * o.MaxFileSize
	}
	return o
}

// Error reports a source or record that could not be read. Source names it as
// a document would be named ("path", "path#L7", "path#record3", "-").
type Error struct {
	Source string
	Reason string
}

func (e *Error) Error() string { return e.Source + ": " + e.Reason }

// Documents yields every document found under paths (files, directories read
// recursively, glob patterns, "-" for standard input), in order. A source or
// record that fails is yielded as a non-nil [*Error], with a RawArticle that
// has only its Source set, and the sequence goes on.
// When ctx is done the sequence yields ctx.Err() once and ends; a read from
// standard input that blocks is not interrupted.
func Documents(ctx context.Context, paths []string, opts Options) iter.Seq2[news.RawArticle, error] {
	return func(yield func(news.RawArticle, error) bool) {
		s := &splitter{ctx: ctx, opts: opts.withDefaults(), yield: yield}
		for _, p := range paths {
			if !s.alive() || !s.path(p) {
				return
			}
		}
	}
}

// Split yields the documents of one stream r, named source ("-" for standard
// input), as [Documents] does for a file. Group falls back to the parent
// directory of source, or "-" when source is "-".
func Split(ctx context.Context, source string, r io.Reader, opts Options) iter.Seq2[news.RawArticle, error] {
	return func(yield func(news.RawArticle, error) bool) {
		s := &splitter{ctx: ctx, opts: opts.withDefaults(), yield: yield}
		if s.alive() {
			s.stream(source, r, -1)
		}
	}
}

// splitter carries one iteration: its methods return false once the
// consumer stopped or ctx is done, and true to go on with the next source.
type splitter struct {
	ctx   context.Context
	opts  Options
	yield func(news.RawArticle, error) bool
	done  bool
	br    *bufio.Reader // reused from stream to stream; documents never alias it
}

// alive reports whether reading may go on, yielding ctx.Err() once when ctx
// is done.
func (s *splitter) alive() bool {
	if s.done {
		return false
	}
	if err := s.ctx.Err(); err != nil {
		s.done = true
		s.yield(news.RawArticle{}, err)
		return false
	}
	return true
}

func (s *splitter) emit(a news.RawArticle) bool {
	if !s.alive() {
		return false
	}
	a.ID = news.ID(a.Raw)
	if !s.yield(a, nil) {
		s.done = true
	}
	return !s.done
}

func (s *splitter) fail(source, reason string) bool {
	return s.failErr(&Error{Source: source, Reason: reason})
}

func (s *splitter) failErr(e *Error) bool {
	if !s.alive() {
		return false
	}
	if !s.yield(news.RawArticle{Source: e.Source}, e) {
		s.done = true
	}
	return !s.done
}

func (s *splitter) path(p string) bool {
	if p == "-" {
		return s.stream("-", os.Stdin, -1)
	}
	fi, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && strings.ContainsAny(p, "*?[") {
			return s.glob(p)
		}
		return s.fail(p, reason(err))
	}
	if fi.IsDir() {
		return s.walk(p)
	}
	return s.file(p)
}

func (s *splitter) glob(pattern string) bool {
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return s.fail(pattern, "invalid glob pattern")
	}
	dotted := strings.HasPrefix(filepath.Base(pattern), ".")
	n := 0
	for _, m := range matches {
		if !dotted && strings.HasPrefix(filepath.Base(m), ".") {
			continue
		}
		n++
		fi, err := os.Stat(m)
		var ok bool
		switch {
		case err != nil:
			ok = s.fail(m, reason(err))
		case fi.IsDir():
			ok = s.walk(m)
		default:
			ok = s.file(m)
		}
		if !ok {
			return false
		}
	}
	if n == 0 {
		return s.fail(pattern, "no such file or directory (no match for the pattern)")
	}
	return true
}

// walk reads the files under root. filepath.WalkDir holds one directory's
// entries at a time, so memory does not grow with the size of the tree.
func (s *splitter) walk(root string) bool {
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // so that WalkDir follows a root link
	}
	ok := true
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if !s.alive() {
			ok = false
			return filepath.SkipAll
		}
		if err != nil {
			if ok = s.fail(p, reason(err)); !ok {
				return filepath.SkipAll
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case d.IsDir():
			return nil
		case t.IsRegular():
			ok = s.file(p)
		case t&fs.ModeSymlink != 0:
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				ok = s.fail(p, reason(err))
			case fi.Mode().IsRegular():
				ok = s.file(p)
			}
		}
		if !ok {
			return filepath.SkipAll
		}
		return nil
	})
	if walkErr != nil && ok {
		ok = s.fail(root, reason(walkErr))
	}
	return ok
}

func (s *splitter) file(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return s.fail(p, reason(err))
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return s.stream(p, f, size)
}

const (
	sniffLen = 8 << 10  // bytes looked at by Sniff
	bufSize  = 64 << 10 // read buffer
)

// input is one stream being split.
type input struct {
	source   string
	group    string        // fallback Group
	r        *bufio.Reader // the (decompressed) content
	size     int64         // size in bytes when known, else -1
	gzipped  bool
	counting *countingReader // beneath r, for gzip member offsets
}

// stream sniffs r and splits it by format; size is its length when known.
func (s *splitter) stream(source string, r io.Reader, size int64) bool {
	group := "-"
	if source != "-" {
		group = filepath.Dir(source)
	}
	cr := &countingReader{r: r}
	if s.br == nil {
		s.br = bufio.NewReaderSize(cr, bufSize)
	}
	s.br.Reset(cr)
	in := input{source: source, group: group, r: s.br, size: size, counting: cr}
	head, err := in.r.Peek(sniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return s.fail(source, reason(err))
	}
	if len(head) == 0 {
		return s.fail(source, "empty file")
	}
	if isGzip(head) {
		return s.gzip(in)
	}
	return s.dispatch(in, Sniff(source, head))
}

func (s *splitter) dispatch(in input, f news.Format) bool {
	switch f {
	case news.FormatWARC:
		return s.warc(in)
	case news.FormatFeed:
		return s.feed(in)
	case news.FormatJSONL:
		return s.jsonl(in)
	case news.FormatHTML, news.FormatText:
		return s.whole(in, f)
	}
	return s.fail(in.source, "binary file (not text, HTML, WARC, feed or JSON Lines)")
}

// whole yields the entire stream as one document.
func (s *splitter) whole(in input, f news.Format) bool {
	limit := s.opts.MaxFileSize
	if in.size > limit {
		return s.fail(in.source, fmt.Sprintf("file is %s, over the %s limit (--max-file-size)", humanSize(in.size), humanSize(limit)))
	}
	var buf bytes.Buffer
	if in.size >= 0 {
		buf.Grow(int(in.size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(in.r, limit+1)); err != nil {
		return s.fail(in.source, reason(err))
	}
	if int64(buf.Len()) > limit {
		what := "input"
		if in.gzipped {
			what = "decompressed input"
		}
		return s.fail(in.source, fmt.Sprintf("%s is over the %s limit (--max-file-size)", what, humanSize(limit)))
	}
	return s.emit(news.RawArticle{Source: in.source, Format: f, Body: f, Raw: buf.Bytes(), Group: in.group})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// reason turns a read error into an Error reason.
func reason(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of input"
	}
	return err.Error()
}

// humanSize formats n bytes for messages: "73.2 MB", "12 KB", "900 bytes".
func humanSize(n int64) string {
	unit := func(v float64, u string) string {
		return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0") + " " + u
	}
	switch {
	case n >= 1<<20:
		return unit(float64(n)/(1<<20), "MB")
	case n >= 1<<10:
		return unit(float64(n)/(1<<10), "KB")
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// host returns the lower-case host of rawURL, or "".
func host(rawURL string) string {
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// groupOf returns the host of the first URL that has one, else fallback.
func groupOf(fallback string, urls ...string) string {
	for _, u := range urls {
		if h := host(u); h != "" {
			return h
		}
	}
	return fallback
}
