package pipeline

import (
	"fmt"
	"runtime/debug"
	"time"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/headline"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/quote"
	"github.com/dossier-news/dossier/internal/segment"
)

// stageError is a per-document failure in one stage.
type stageError struct {
	stage string
	err   error
}

func (e *stageError) Error() string { return e.stage + ": " + e.err.Error() }
func (e *stageError) Unwrap() error { return e.err }

// Process runs every per-document stage on raw and returns the document. It
// never panics: a panic inside a stage is returned as an error naming the
// stage, so that one bad document cannot stop a run.
func Process(raw news.RawArticle, opts clean.Options) (doc news.Doc, err error) {
	stage := "clean"
	defer func() {
		if r := recover(); r != nil {
			err = &stageError{stage, fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
		}
	}()
	c, err := cleanFunc(raw, opts)
	if err != nil {
		return news.Doc{}, &stageError{stage, err}
	}
	doc = news.Doc{
		ID:          raw.ID,
		Source:      raw.Source,
		Format:      raw.Format,
		URL:         raw.URL,
		Title:       c.Title,
		Outlet:      c.Outlet,
		Author:      c.Author,
		Published:   c.Published,
		Fetched:     raw.Fetched,
		Language:    c.Language,
		Flags:       c.Flags,
		Text:        c.Text,
		Lines:       c.Lines,
		Group:       raw.Group,
		ContentType: raw.ContentType,
	}
	stage = "segment"
	doc.Paragraphs = segment.Paragraphs(doc.Text)
	doc.Sentences = segment.Sentences(doc.Text)
	doc.Tokens = segment.Tokens(doc.Text)
	stage = "entity"
	doc.Entities = entity.Resolve(entity.Recognize(doc.Text, doc.Tokens))
	stage = "quote"
	doc.Quotes, doc.Citations = quote.Find(doc.Text, doc.Sentences, doc.Entities)
	stage = "headline"
	doc.Headline = headline.Check(doc.Title, doc.Text, doc.Sentences)
	return doc, nil
}

// failure turns a per-document error into a recorded failure.
func failure(raw news.RawArticle, err error, now time.Time) *news.Failure {
	f := &news.Failure{Source: raw.Source, ID: raw.ID, Stage: "process", Reason: err.Error(), Time: now}
	if se, ok := err.(*stageError); ok {
		f.Stage, f.Reason = se.stage, se.err.Error()
	}
	return f
}

// cleanFunc is the clean stage; tests replace it to inject failures.
var cleanFunc = clean.Clean
