package pipeline

import (
	"context"
	"errors"
	"iter"
	"log/slog"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
)

// Source yields raw documents. A yielded error that satisfies IsDocError is a
// failure of one source or record (recorded, the run goes on; the RawArticle
// yielded with it should carry at least its Source); any other
// error stops the run. A Source that can be called more than once (files,
// not standard input) lets the pipeline prescan it for lines that recur
// across the documents of a site.
type Source func(ctx context.Context) iter.Seq2[news.RawArticle, error]

// Result is what the pipeline made of one input: a processed document, a
// document skipped because it is already known, or a failure.
type Result struct {
	Raw     news.RawArticle // Raw.Raw is nil for failures that happened before reading
	Doc     news.Doc        // valid when Failure is nil and Known is false
	Known   bool            // Options.Known said the document is already stored; it was not processed
	Failure *news.Failure
	Place   news.Placement // where Options.Cluster placed Doc; zero without it
}

// Sink receives results in input order, on a single goroutine.
type Sink interface {
	// Emit takes one result. An error stops the run.
	Emit(ctx context.Context, r Result) error
	// Flush is called when input is idle for Options.FlushEvery and once at
	// the end of the input. An error stops the run.
	Flush(ctx context.Context) error
}

// Options tunes a Pipeline. A zero field means its documented default.
type Options struct {
	Workers    int           // concurrent documents; default GOMAXPROCS
	Window     int           // documents in flight, bounding memory; default 4×Workers
	FlushEvery time.Duration // idle time before Sink.Flush; default 1s
	// Prescan reads a rescannable source once before processing to count
	// lines recurring across documents of one site. Default true; see Run.
	NoPrescan bool
	// Rescannable says the Source can be read twice (it reads files).
	Rescannable bool
	// Known, if set, is asked before processing whether a raw ID is already
	// stored; known documents are passed to the sink with Known set.
	Known func(ctx context.Context, id string) (bool, error)
	// Entities are entities stored by earlier runs, in the order they were
	// first seen. Linking starts from them, so that this run gives their
	// mentions the names earlier runs gave (see entity.Linker.Seed).
	Entities []entity.Canonical
	// Cluster, if set, places each new document among copies, events and
	// storylines on the sink goroutine, in input order, after linking.
	Cluster *Clusterer
	// IsDocError tells per-document errors from systemic ones; default: every
	// error except context cancellation is per-document.
	IsDocError func(error) bool
	// Now is the reference time for date sanity checks; default time.Now().
	Now func() time.Time
	// Progress, if set, is called on the sink goroutine before processing with
	// the number of documents the prescan found (-1 when there was none).
	Progress func(total int)
	Logger   *slog.Logger
}

// Pipeline runs the per-document stages.
type Pipeline struct {
	opts Options
}

// New returns a pipeline with opts' defaults filled in.
func New(opts Options) *Pipeline {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Window <= 0 {
		opts.Window = 4 * opts.Workers
	}
	if opts.Window < opts.Workers {
		opts.Window = opts.Workers
	}
	if opts.FlushEvery <= 0 {
		opts.FlushEvery = time.Second
	}
	if opts.IsDocError == nil {
		opts.IsDocError = func(err error) bool {
			return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Pipeline{opts: opts}
}

type job struct {
	seq int
	raw news.RawArticle
	err error
}

type done struct {
	seq int
	res Result
}

// Run reads src to the end, processes every document and emits the results
// to sink in input order. It returns only systemic errors (cancellation, a
// sink error, a source error that is not about one document); per-document
// failures are emitted as results.
//
// When the source is rescannable and prescan is on, Run first reads it once to
// build the cross-document line index ([clean.Repeats]); the index is
// read-only while documents are processed.
func (p *Pipeline) Run(ctx context.Context, src Source, sink Sink) error {
	copts := clean.Options{Now: p.opts.Now()}
	total := -1
	if p.opts.Rescannable && !p.opts.NoPrescan {
		reps, n, err := p.prescan(ctx, src)
		if err != nil {
			return err
		}
		copts.Repeats, total = reps, n
	}
	if p.opts.Progress != nil {
		p.opts.Progress(total)
	}

	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	results := make(chan done)
	// tokens bounds documents in flight (read, processing, or waiting to be
	// emitted in order): the reader takes one per document, the sink goroutine
	// gives it back on emit.
	tokens := make(chan struct{}, p.opts.Window)

	g.Go(func() error { // reader
		defer close(jobs)
		seq := 0
		for raw, err := range src(ctx) {
			if err != nil && !p.opts.IsDocError(err) {
				return err
			}
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- job{seq: seq, raw: raw, err: err}:
			case <-ctx.Done():
				return ctx.Err()
			}
			seq++
		}
		return ctx.Err()
	})

	workers, wctx := errgroup.WithContext(ctx)
	for range p.opts.Workers {
		workers.Go(func() error {
			for j := range jobs {
				r, err := p.do(wctx, j, copts)
				if err != nil {
					return err
				}
				select {
				case results <- done{j.seq, r}:
				case <-wctx.Done():
					return wctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		err := workers.Wait()
		close(results)
		return err
	})

	g.Go(func() error { // sink: the caller's single writer
		linker := entity.NewLinker(entity.LinkerOptions{})
		for _, c := range p.opts.Entities {
			linker.Seed(c)
		}
		pending := make(map[int]Result, p.opts.Window)
		next := 0
		tick := time.NewTicker(p.opts.FlushEvery)
		defer tick.Stop()
		for {
			select {
			case d, ok := <-results:
				if !ok {
					if err := ctx.Err(); err != nil {
						return err
					}
					return sink.Flush(ctx)
				}
				pending[d.seq] = d.res
				for {
					r, ok := pending[next]
					if !ok {
						break
					}
					delete(pending, next)
					next++
					if r.Failure == nil && !r.Known {
						link(linker, &r.Doc)
						if p.opts.Cluster != nil {
							r.Place = p.opts.Cluster.Place(&r.Doc)
						}
					}
					if err := sink.Emit(ctx, r); err != nil {
						return err
					}
					<-tokens
				}
			case <-tick.C:
				if err := sink.Flush(ctx); err != nil {
					return err
				}
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	return g.Wait()
}

// link gives the entities of doc their run-wide canonical names (documents
// are linked in input order, on the sink goroutine: the linker's only user)
// and renames quote speakers to match.
func link(l *entity.Linker, doc *news.Doc) {
	if len(doc.Entities) == 0 {
		return
	}
	before := make([]string, len(doc.Entities))
	for i, e := range doc.Entities {
		before[i] = e.Canonical
	}
	doc.Entities = l.Link(doc.Entities)
	renamed := map[string]string{}
	for i, e := range doc.Entities {
		if before[i] != "" && before[i] != e.Canonical {
			renamed[before[i]] = e.Canonical
		}
	}
	for i := range doc.Quotes {
		if n, ok := renamed[doc.Quotes[i].Speaker]; ok {
			doc.Quotes[i].Speaker = n
		}
	}
}

// do processes one job; its error is systemic.
func (p *Pipeline) do(ctx context.Context, j job, copts clean.Options) (Result, error) {
	r := Result{Raw: j.raw}
	if j.err != nil {
		r.Failure = &news.Failure{Source: j.raw.Source, ID: j.raw.ID, Stage: "read", Reason: j.err.Error(), Time: p.opts.Now()}
		return r, nil
	}
	if p.opts.Known != nil {
		known, err := p.opts.Known(ctx, j.raw.ID)
		if err != nil {
			return r, err
		}
		if known {
			r.Known = true
			return r, nil
		}
	}
	doc, err := Process(j.raw, copts)
	if err != nil {
		r.Failure = failure(j.raw, err, p.opts.Now())
		p.opts.Logger.Debug("document failed", "source", j.raw.Source, "article_id", j.raw.ID, "stage", r.Failure.Stage, "err", err)
		return r, nil
	}
	r.Doc = doc
	return r, nil
}

// prescan reads src once, feeding plain-text documents to a Repeats index,
// and counts the documents (failures included).
func (p *Pipeline) prescan(ctx context.Context, src Source) (*clean.Repeats, int, error) {
	reps := clean.NewRepeats()
	n := 0
	for raw, err := range src(ctx) {
		if err != nil && !p.opts.IsDocError(err) {
			return nil, 0, err
		}
		n++
		if err == nil && raw.Body != news.FormatHTML {
			reps.Add(raw.Group, raw.Raw)
		}
	}
	return reps, n, ctx.Err()
}
