package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

// docErr is a per-document read error, as ingest.Error is.
type docErr struct{ source string }

func (e *docErr) Error() string { return e.source + ": unreadable" }

func isDocErr(err error) bool { var d *docErr; return errors.As(err, &d) }

type item struct {
	raw news.RawArticle
	err error
}

func textDoc(i int) news.RawArticle {
	raw := fmt.Appendf(nil, "Headline number %d\n\nThe council met on Monday to discuss item %d of the agenda, and the vote passed.\n", i, i)
	return news.RawArticle{ID: news.ID(raw), Source: fmt.Sprintf("doc%d.txt", i), Format: news.FormatText, Body: news.FormatText, Raw: raw, Group: "g"}
}

func sliceSource(items []item) Source {
	return func(ctx context.Context) iter.Seq2[news.RawArticle, error] {
		return func(yield func(news.RawArticle, error) bool) {
			for _, it := range items {
				if ctx.Err() != nil {
					yield(news.RawArticle{}, ctx.Err())
					return
				}
				if !yield(it.raw, it.err) {
					return
				}
			}
		}
	}
}

// recorder is a Sink that keeps what it is given.
type recorder struct {
	got     []Result
	flushes atomic.Int32 // read by the test while the sink goroutine runs
	failOn  int          // Emit returns an error on this call (1-based); 0 never
}

func (r *recorder) Emit(_ context.Context, res Result) error {
	r.got = append(r.got, res)
	if r.failOn > 0 && len(r.got) == r.failOn {
		return errors.New("disk full")
	}
	return nil
}

func (r *recorder) Flush(context.Context) error { r.flushes.Add(1); return nil }

func summary(rs []Result) []string {
	var out []string
	for _, r := range rs {
		switch {
		case r.Failure != nil:
			out = append(out, "fail "+r.Failure.Source+" "+r.Failure.Stage)
		case r.Known:
			out = append(out, "known "+r.Raw.Source)
		default:
			out = append(out, "doc "+r.Doc.Source)
		}
	}
	return out
}

func TestRun(t *testing.T) {
	var many []item
	var manyWant []string
	for i := range 200 {
		many = append(many, item{raw: textDoc(i)})
		manyWant = append(manyWant, fmt.Sprintf("doc doc%d.txt", i))
	}
	known := textDoc(1)
	for _, tt := range []struct {
		name    string
		items   []item
		opts    Options
		want    []string
		wantErr string
	}{
		{"input order kept with many workers", many, Options{Workers: 8}, manyWant, ""},
		{"prescan over a rescannable source", many[:3], Options{Workers: 2, Rescannable: true}, manyWant[:3], ""},
		{"read failure recorded, run goes on",
			[]item{{raw: textDoc(0)}, {raw: news.RawArticle{Source: "bad.warc#3"}, err: &docErr{"bad.warc#3"}}, {raw: textDoc(2)}},
			Options{Workers: 2}, []string{"doc doc0.txt", "fail bad.warc#3 read", "doc doc2.txt"}, ""},
		{"known documents are not processed",
			[]item{{raw: textDoc(0)}, {raw: known}, {raw: textDoc(2)}},
			Options{Workers: 3, Known: func(_ context.Context, id string) (bool, error) { return id == known.ID, nil }},
			[]string{"doc doc0.txt", "known doc1.txt", "doc doc2.txt"}, ""},
		{"systemic source error stops the run",
			[]item{{raw: textDoc(0)}, {err: errors.New("disk gone")}, {raw: textDoc(2)}},
			Options{Workers: 1}, nil, "disk gone"},
		{"store error from Known stops the run",
			[]item{{raw: textDoc(0)}},
			Options{Workers: 1, Known: func(context.Context, string) (bool, error) { return false, errors.New("database locked") }},
			nil, "database locked"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) { // fails if goroutines are left behind
				tt.opts.IsDocError = isDocErr
				rec := &recorder{}
				err := New(tt.opts).Run(t.Context(), sliceSource(tt.items), rec)
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Fatalf("Run() error = %v, want %q", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatalf("Run() error = %v", err)
				}
				if diff := cmp.Diff(tt.want, summary(rec.got)); diff != "" {
					t.Errorf("Run() results mismatch (-want +got):\n%s", diff)
				}
				if rec.flushes.Load() == 0 {
					t.Errorf("Run() never flushed the sink")
				}
			})
		})
	}
}

func TestRun_SinkErrorStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var items []item
		for i := range 50 {
			items = append(items, item{raw: textDoc(i)})
		}
		rec := &recorder{failOn: 3}
		err := New(Options{Workers: 4}).Run(t.Context(), sliceSource(items), rec)
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("Run() error = %v, want the sink's error", err)
		}
		if len(rec.got) != 3 {
			t.Errorf("sink got %d results after its error, want 3", len(rec.got))
		}
	})
}

func TestRun_Cancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		blocked := func(ctx context.Context) iter.Seq2[news.RawArticle, error] {
			return func(yield func(news.RawArticle, error) bool) {
				if !yield(textDoc(0), nil) {
					return
				}
				<-ctx.Done() // a source waiting for input, like stdin
				yield(news.RawArticle{}, ctx.Err())
			}
		}
		errc := make(chan error)
		go func() { errc <- New(Options{Workers: 2}).Run(ctx, blocked, &recorder{}) }()
		synctest.Wait()
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("Run() error = %v, want context.Canceled", err)
		}
	})
}

func TestRun_FlushWhenIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		feed := make(chan news.RawArticle)
		src := func(ctx context.Context) iter.Seq2[news.RawArticle, error] {
			return func(yield func(news.RawArticle, error) bool) {
				for raw := range feed {
					if !yield(raw, nil) {
						return
					}
				}
			}
		}
		rec := &recorder{}
		errc := make(chan error)
		go func() { errc <- New(Options{Workers: 1, FlushEvery: time.Second}).Run(t.Context(), src, rec) }()
		feed <- textDoc(0)
		synctest.Wait()
		if rec.flushes.Load() != 0 {
			t.Fatalf("flushed %d times before the idle interval", rec.flushes.Load())
		}
		time.Sleep(1500 * time.Millisecond) // fake time inside the bubble
		synctest.Wait()
		if rec.flushes.Load() == 0 {
			t.Fatalf("not flushed after an idle second with a document waiting")
		}
		close(feed)
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	})
}

func TestProcess_PanicBecomesFailure(t *testing.T) {
	old := cleanFunc
	t.Cleanup(func() { cleanFunc = old })
	cleanFunc = func(news.RawArticle, clean.Options) (news.Cleaned, error) { panic("index out of range") }

	rec := &recorder{}
	items := []item{{raw: textDoc(0)}, {raw: textDoc(1)}}
	if err := New(Options{Workers: 2}).Run(t.Context(), sliceSource(items), rec); err != nil {
		t.Fatalf("Run() error = %v; a panicking stage must not stop the run", err)
	}
	if diff := cmp.Diff([]string{"fail doc0.txt clean", "fail doc1.txt clean"}, summary(rec.got)); diff != "" {
		t.Errorf("results mismatch (-want +got):\n%s", diff)
	}
	if r := rec.got[0].Failure.Reason; !strings.Contains(r, "index out of range") {
		t.Errorf("failure reason %q does not name the panic", r)
	}
}

func BenchmarkProcess(b *testing.B) {
	raw := textDoc(1)
	for b.Loop() {
		if _, err := Process(raw, clean.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
