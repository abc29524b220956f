package web

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// openStore opens a fresh SQLite store in a temporary directory.
func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "web.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fakeIngester stores each upload as one plain-text document titled by its
// first line, without the analysis stages.
type fakeIngester struct {
	st interface {
		Put(ctx context.Context, items []store.Item) ([]store.PutResult, error)
	}
}

func (f fakeIngester) Ingest(ctx context.Context, name string, body []byte) (IngestReport, error) {
	it := textItem(name, string(body), "Upload Desk", time.Time{})
	res, err := f.st.Put(ctx, []store.Item{it})
	if err != nil {
		return IngestReport{}, err
	}
	st := StatusNew
	if res[0] == store.PutDuplicate {
		st = StatusDuplicate
	}
	return IngestReport{Documents: []IngestedDoc{{ID: it.Doc.ID, Source: name, Title: it.Doc.Title, Status: st}}}, nil
}

// textItem makes a document from text: its first line is the title, the
// rest the body; every "Harbour Board" in the body is an ORG mention and the
// sentence `"…," said Ana Lind.` a quote.
func textItem(source, text, outlet string, published time.Time) store.Item {
	title, body, _ := strings.Cut(text, "\n")
	id := news.ID([]byte(text))
	d := news.Doc{ID: id, Source: source, Format: news.FormatText, Title: title, Outlet: outlet, Published: published,
		Text: body, Language: "en", Paragraphs: []news.Span{{Start: 0, End: len(body)}}}
	for i := 0; ; {
		j := strings.Index(body[i:], "Harbour Board")
		if j < 0 {
			break
		}
		d.Entities = append(d.Entities, news.Entity{Text: "Harbour Board", Type: "ORG", Start: i + j, End: i + j + 13, Canonical: "Harbour Board"})
		i += j + 13
	}
	if q := strings.Index(body, `“`); q >= 0 {
		if e := strings.Index(body[q:], `,” said Ana Lind`); e >= 0 {
			s := q + len(`“`)
			sp := q + e + len(`,” said `)
			d.Quotes = append(d.Quotes, news.Quote{Text: body[s : q+e], Start: s, End: q + e, Kind: "direct",
				Speaker: "Ana Lind", SpeakerStart: sp, SpeakerEnd: sp + 8, Cue: "said"})
			d.Entities = append(d.Entities, news.Entity{Text: "Ana Lind", Type: "PERSON", Start: sp, End: sp + 8, Canonical: "Ana Lind"})
		}
	}
	return store.Item{Raw: news.RawArticle{ID: id, Source: source, Format: news.FormatText, Body: news.FormatText, Raw: []byte(text)}, Doc: d}
}

// seed stores a few documents written for these tests and returns them.
func seed(t testing.TB, st store.Store) []store.Item {
	t.Helper()
	items := []store.Item{
		textItem("a.txt", "Harbour Board delays the dredging\nThe Harbour Board said on Monday that dredging of the north channel would wait until spring. “We need the survey first,” said Ana Lind, the board's engineer.",
			"Coast Post", time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)),
		textItem("b.txt", "Dredging plan draws criticism\nFishermen criticised the dredging plan at a meeting with the Harbour Board in the town hall.",
			"Valley Times", time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)),
		textItem("c.txt", "Spring dredging confirmed\nThe dredging of the north channel will start in April, the Harbour Board confirmed.",
			"Coast Post", time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)),
	}
	// Headline verdicts: a's first sentence bears its title out; c's title
	// says more than its body.
	items[0].Doc.Headline = &news.Headline{Stance: news.StanceAgree, Verdict: news.VerdictSupported,
		Evidence: []news.Span{{Start: 0, End: strings.Index(items[0].Doc.Text, ".") + 1}}}
	items[2].Doc.Headline = &news.Headline{Stance: news.StanceDiscuss, Verdict: news.VerdictOverstated, Evidence: []news.Span{}}
	// a and c are events of one storyline, b a storyline of its own.
	items[0].Place = news.Placement{Event: news.EventID(items[0].Doc.ID), Story: news.StoryID(items[0].Doc.ID)}
	items[1].Place = news.Placement{Event: news.EventID(items[1].Doc.ID), Story: news.StoryID(items[1].Doc.ID)}
	items[2].Place = news.Placement{Event: news.EventID(items[2].Doc.ID), Story: items[0].Place.Story}
	if _, err := st.Put(context.Background(), items); err != nil {
		t.Fatalf("Put: %v", err)
	}
	return items
}

// newTestServer returns a server over st with opts, behind httptest.
func newTestServer(t testing.TB, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Brief == nil {
		opts.Brief = fakeBriefer(opts.Store)
	}
	if opts.Ingester == nil {
		opts.Ingester = fakeIngester{opts.Store.(*sqlite.DB)}
	}
	s, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// do sends a request whose path is sent as written (no cleaning by the
// client) and returns the status and body.
func do(t testing.TB, ts *httptest.Server, method, path, body string, header http.Header) (int, string, http.Header) {
	t.Helper()
	u, err := url.Parse(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	p, q, _ := strings.Cut(path, "?")
	u.Opaque = "//" + u.Host + p
	u.RawQuery = q
	req, err := http.NewRequest(method, ts.URL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.URL = u
	maps.Copy(req.Header, header)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// fakeBriefer briefs a storyline as a stand-in for the real briefer (which
// web may not import): per event the first sentence of each article, one
// claim shared by every article, and a date conflict between the first
// two articles.
func fakeBriefer(st Store) Briefer {
	return func(ctx context.Context, s news.Story) (StoryBrief, error) {
		b := StoryBrief{Verdicts: map[string]string{}}
		var ids []string
		var first []string
		for _, ev := range s.Events {
			for _, a := range ev.Articles {
				d, err := st.Doc(ctx, a.ID)
				if err != nil {
					return b, err
				}
				if d.Headline != nil {
					b.Verdicts[d.ID] = d.Headline.Verdict
				}
				sent, _, _ := strings.Cut(d.Text, ". ")
				ids, first = append(ids, d.ID), append(first, sent)
				day := ev.First.Format(time.DateOnly)
				b.Sentences = append(b.Sentences, BriefSentence{Text: sent, Sources: []string{d.ID}, Event: ev.ID, Date: &day})
			}
		}
		b.Claims = append(b.Claims, BriefClaim{Text: "The dredging will happen.", Articles: ids})
		if len(ids) > 1 {
			b.Claims = append(b.Claims, BriefClaim{Text: "The survey comes first.", Articles: ids[:1]})
			b.Conflicts = append(b.Conflicts, news.Conflict{Kind: news.ConflictDate, Detail: "spring / April",
				A: news.Reference{Doc: ids[0], Text: first[0]}, B: news.Reference{Doc: ids[1], Text: first[1]}})
		}
		return b, nil
	}
}
