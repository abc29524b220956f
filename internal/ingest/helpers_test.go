package ingest_test

import (
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

// doc is a RawArticle or an error, flattened for comparison.
type doc struct {
	Source      string
	Format      string
	Body        string
	Raw         string
	URL         string
	Outlet      string
	Title       string
	Published   string
	Fetched     string
	ContentType string
	Group       string
	Err         string // the *ingest.Error's reason, or "!" + a plain error
}

func errDoc(source, reason string) doc { return doc{Source: source, Err: reason} }

// collect drains seq, checking that every document's ID is news.ID(Raw).
func collect(t *testing.T, seq iter.Seq2[news.RawArticle, error]) []doc {
	t.Helper()
	var out []doc
	for a, err := range seq {
		if err != nil {
			if e, ok := errors.AsType[*ingest.Error](err); ok {
				if a.Source != e.Source {
					t.Errorf("error %v comes with Source %q, want %q", err, a.Source, e.Source)
				}
				out = append(out, errDoc(e.Source, e.Reason))
			} else {
				out = append(out, doc{Err: "!" + err.Error()})
			}
			continue
		}
		if want := news.ID(a.Raw); a.ID != want {
			t.Errorf("%s: ID = %q, want news.ID(Raw) = %q", a.Source, a.ID, want)
		}
		out = append(out, doc{
			Source: a.Source, Format: a.Format.String(), Body: a.Body.String(), Raw: string(a.Raw),
			URL: a.URL, Outlet: a.Outlet, Title: a.Title, Published: date(a.Published), Fetched: date(a.Fetched),
			ContentType: a.ContentType, Group: a.Group,
		})
	}
	return out
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func errAs(err error) (*ingest.Error, bool) { return errors.AsType[*ingest.Error](err) }
