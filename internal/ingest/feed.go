package ingest

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/dossier-news/dossier/internal/news"
)

// errFeedTooLarge stops the feed parser at MaxFeedSize.
var errFeedTooLarge = errors.New("feed too large")

// feed splits an RSS, Atom, RDF or JSON feed into its items. The feed is
// parsed whole, in memory, by gofeed; its types stay in this file.
func (s *splitter) feed(in input) bool {
	limit := s.opts.MaxFeedSize
	over := fmt.Sprintf("the %s limit for feeds (4 × --max-file-size)", humanSize(limit))
	if in.size > limit {
		return s.fail(in.source, fmt.Sprintf("feed is %s, over %s", humanSize(in.size), over))
	}
	lr := &limitReader{r: in.r, n: limit}
	f, err := parseFeed(lr)
	switch {
	case lr.over:
		return s.fail(in.source, "feed is over "+over)
	case err != nil:
		return s.fail(in.source, "invalid feed: "+err.Error())
	}
	for i, it := range f.Items {
		if !s.alive() {
			return false
		}
		if it == nil {
			continue
		}
		src := in.source + "#item" + strconv.Itoa(i+1)
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		if strings.TrimSpace(content) == "" {
			if !s.fail(src, "feed item has no content") {
				return false
			}
			continue
		}
		if int64(len(content)) > s.opts.MaxRecordSize {
			msg := fmt.Sprintf("feed item is %s, over the %s limit (--max-file-size)", humanSize(int64(len(content))), humanSize(s.opts.MaxRecordSize))
			if !s.fail(src, msg) {
				return false
			}
			continue
		}
		a := news.RawArticle{
			Source: src,
			Format: news.FormatFeed,
			Body:   news.FormatText,
			Raw:    []byte(content),
			URL:    strings.TrimSpace(it.Link),
			Outlet: strings.TrimSpace(f.Title),
			Title:  strings.TrimSpace(it.Title),
			Group:  groupOf(in.group, it.Link, f.Link),
		}
		if hasHTMLTags(content) {
			a.Body = news.FormatHTML
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			a.Published = *it.UpdatedParsed
		}
		if !s.emit(a) {
			return false
		}
	}
	return true
}

// parseFeed parses a feed with gofeed, turning a panic inside the library
// (on untrusted input) into an error.
func parseFeed(r io.Reader) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(r)
}

// limitReader reads at most n bytes from r, then fails with errFeedTooLarge.
type limitReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		if _, err := l.r.Read(make([]byte, 1)); err == io.EOF {
			return 0, io.EOF
		}
		l.over = true
		return 0, errFeedTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
