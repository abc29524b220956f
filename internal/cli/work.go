package cli

import (
	"context"
	"fmt"
	"iter"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
)

// maxAttempts is how many times a queued document is handed out before it
// is given up as a failure: its workers died on it every time.
const maxAttempts = 3

// openPostgres opens the PostgreSQL database a --db value names; the queue
// commands need one.
func openPostgres(ctx context.Context, dsn string) (*postgres.DB, error) {
	if !isPostgres(dsn) {
		return nil, usageError{fmt.Sprintf("--db %s: the work queue needs a postgres:// database", displayDB(dsn))}
	}
	return postgres.Open(ctx, dsn, postgres.Options{})
}

func newEnqueueCmd(stdio Stdio) *cobra.Command {
	var (
		db      string
		batch   int
		maxSize int64
		jsonOut bool
	)
	c := &cobra.Command{
		Use:   "enqueue [FILE|DIR|GLOB|-]...",
		Short: "Queue documents in a PostgreSQL database for 'dossier work' processes",
		Long: `Enqueue reads documents as ingest does and puts their raw bytes in the work
queue of a PostgreSQL database, where any number of 'dossier work' processes,
on this machine or others, take them in batches. Documents already stored or
already queued are skipped; unreadable ones are recorded as failures.`,
		Example: `  dossier enqueue --db postgres://dossier@db/news crawl/
  dossier work --db postgres://dossier@db/news --until-empty`,
		Args: minArgs(1, "at least one FILE, DIR, GLOB or -"),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			st, err := openPostgres(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			start := time.Now()
			var (
				raws          []news.RawArticle
				fails         []news.Failure
				n, added      int
				failedSources []failureLine
			)
			flush := func() error {
				k, err := st.Enqueue(ctx, raws)
				if err != nil {
					return err
				}
				added += k
				if err := st.PutFailures(ctx, fails); err != nil {
					return err
				}
				raws, fails = raws[:0], fails[:0]
				return nil
			}
			for raw, err := range readSource(args, ingest.Options{MaxFileSize: maxSize})(ctx) {
				n++
				if err != nil {
					if !isDocError(err) {
						return err
					}
					f := news.Failure{Source: raw.Source, ID: raw.ID, Stage: "read", Reason: err.Error(), Time: time.Now()}
					fails = append(fails, f)
					failedSources = append(failedSources, failureLine{f.Source, f.Stage, f.Reason})
				} else {
					raws = append(raws, raw)
				}
				if len(raws)+len(fails) >= batch {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			if err := flush(); err != nil {
				return err
			}
			queued, _, err := st.QueueStats(ctx)
			if err != nil {
				return err
			}
			sum := enqueueSummary{Documents: n, Queued: added, Skipped: n - added - len(failedSources),
				Failed: len(failedSources), Failures: failedSources, InQueue: queued, Seconds: time.Since(start).Seconds()}
			if sum.Failures == nil {
				sum.Failures = []failureLine{}
			}
			if jsonOut {
				return printJSON(stdio.Out, sum)
			}
			fmt.Fprintf(stdio.Out, "%d documents read in %.2fs: %d queued, %d already stored or queued, %d failed; %d in the queue\n",
				sum.Documents, sum.Seconds, sum.Queued, sum.Skipped, sum.Failed, sum.InQueue)
			for _, f := range sum.Failures {
				fmt.Fprintf(stdio.Out, "  failed: %s: %s\n", f.Source, f.Reason)
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVar(&batch, "batch", 256, "documents queued per transaction")
	c.Flags().Int64Var(&maxSize, "max-file-size", ingest.DefaultMaxFileSize, "largest input file or record read, in bytes")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the summary as JSON")
	return c
}

type enqueueSummary struct {
	Documents int           `json:"documents"`
	Queued    int           `json:"queued"`
	Skipped   int           `json:"skipped"`
	Failed    int           `json:"failed"`
	Failures  []failureLine `json:"failures"`
	InQueue   int           `json:"in_queue"`
	Seconds   float64       `json:"seconds"`
}

func newWorkCmd(stdio Stdio) *cobra.Command {
	var (
		db         string
		workers    int
		batch      int
		lease      time.Duration
		poll       time.Duration
		untilEmpty bool
		jsonOut    bool
	)
	c := &cobra.Command{
		Use:   "work",
		Short: "Process queued documents from a PostgreSQL database, alongside other workers",
		Long: `Work takes batches of documents from the work queue of a PostgreSQL database
(filled by 'dossier enqueue'), runs every per-document stage on them and
stores the results. Any number of work processes, on any machines, can
share one database: each batch is leased to one worker (FOR UPDATE SKIP
LOCKED), and its documents are stored and taken off the queue in one
transaction, so each is stored once. If a worker dies, its lease runs out
(--lease) and another worker processes the batch again; a document whose
workers died on it three times is recorded as a failure.

Entity linking and story placement stay consistent across workers: a batch
is linked and placed when it is written, under a lock that makes batches
take turns, against every entity and story stored before, whichever worker
stored it (docs/scale.md).

Without --until-empty, work waits for more documents until interrupted.`,
		Example: `  dossier work --db postgres://dossier@db/news
  dossier work --db postgres://dossier@db/news --until-empty --json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			ctx := c.Context()
			st, err := openPostgres(ctx, db)
			if err != nil {
				return err
			}
			defer st.Close()
			host, _ := os.Hostname()
			w := &worker{st: st, name: fmt.Sprintf("%s:%d", host, os.Getpid()), batch: batch, lease: lease, workers: workers,
				cluster: newClusterer(), placed: map[string]news.Placement{}}
			if err := w.restore(ctx); err != nil {
				return err
			}
			defer func() {
				// Interrupted: hand the batch back at once rather than when
				// its lease runs out. After any other failure the lease runs
				// out and the attempt counts, so that a document that makes
				// every worker fail is given up after maxAttempts.
				if ctx.Err() == nil {
					return
				}
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
				defer cancel()
				_ = st.Release(rctx, w.name)
			}()
			start := time.Now()
			for {
				n, err := w.once(ctx)
				if err != nil {
					return err
				}
				if n > 0 {
					continue
				}
				if untilEmpty {
					queued, _, err := st.QueueStats(ctx)
					if err != nil {
						return err
					}
					if queued == 0 {
						break
					}
				}
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(poll):
				}
			}
			el := time.Since(start).Seconds()
			sum := ingestSummary{Documents: w.n, New: w.new, Duplicate: w.dup, Failed: len(w.failed),
				Failures: w.failed, Seconds: el, PeakRSS: peakRSS(), Database: displayDB(db)}
			if sum.Failures == nil {
				sum.Failures = []failureLine{}
			}
			if el > 0 {
				sum.PerSecond = float64(w.n) / el
			}
			sum.DatabaseLen, _ = st.Size(ctx)
			if jsonOut {
				return printJSON(stdio.Out, sum)
			}
			sum.print(stdio.Out)
			fmt.Fprintf(stdio.Out, "%d batches linked again in their turn (other processes had stored entities meanwhile)\n", w.relinked)
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVarP(&workers, "workers", "j", 0, "documents processed at once (default: number of CPUs)")
	c.Flags().IntVar(&batch, "batch", 128, "documents claimed, and written, at once")
	c.Flags().DurationVar(&lease, "lease", 5*time.Minute, "how long a claimed batch is this worker's before others may take it")
	c.Flags().DurationVar(&poll, "poll", 2*time.Second, "wait between looks at an empty queue")
	c.Flags().BoolVar(&untilEmpty, "until-empty", false, "stop when the queue is empty")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the summary as JSON")
	return c
}

// worker processes claimed batches.
type worker struct {
	st      *postgres.DB
	name    string
	batch   int
	lease   time.Duration
	workers int

	// The clusterer places documents among stories; lastSeq is the last
	// stored document it has seen, placed the documents it placed and has
	// not seen stored yet.
	cluster *pipeline.Clusterer
	lastSeq int64
	placed  map[string]news.Placement
	// mark is the store's mentions mark when the batch was linked;
	// relinked counts the batches linked again in their turn.
	mark     int64
	relinked int

	n, new, dup int
	failed      []failureLine
}

// restore reads the most recently stored documents into the clusterer, as
// ingest does, so that the worker continues the stored clustering.
func (w *worker) restore(ctx context.Context) error {
	ps, err := w.st.Placed(ctx, store.PlacedQuery{Last: maxRestored})
	if err != nil {
		return fmt.Errorf("restore clusters: %w", err)
	}
	for i := range ps {
		w.cluster.Restore(&ps[i].Doc, ps[i].Place)
		w.lastSeq = ps[i].Seq
	}
	return nil
}

// once claims a batch, processes it and stores the results; it returns how
// many documents it claimed.
func (w *worker) once(ctx context.Context) (int, error) {
	claimed, err := w.st.Claim(ctx, w.name, w.batch, w.lease)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	var (
		raws  []news.RawArticle
		fails []news.Failure
		ids   = make([]string, len(claimed))
	)
	for i, c := range claimed {
		ids[i] = c.Raw.ID
		if c.Attempts > maxAttempts {
			fails = append(fails, news.Failure{Source: c.Raw.Source, ID: c.Raw.ID, Stage: "work",
				Reason: fmt.Sprintf("given up after %d attempts: its workers stopped before finishing it", c.Attempts-1), Time: time.Now()})
			continue
		}
		raws = append(raws, c.Raw)
	}
	if w.mark, err = w.st.MentionsMark(ctx); err != nil {
		return 0, err
	}
	known, err := knownEntities(ctx, w.st)
	if err != nil {
		return 0, err
	}
	sink := &batchSink{}
	p := pipeline.New(pipeline.Options{Workers: w.workers, NoPrescan: true, IsDocError: isDocError, Entities: known})
	src := func(context.Context) iter.Seq2[news.RawArticle, error] {
		return func(yield func(news.RawArticle, error) bool) {
			for _, r := range raws {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
	if err := p.Run(ctx, src, sink); err != nil {
		return 0, err
	}
	fails = append(fails, sink.failures...)
	res, err := w.st.Complete(ctx, w.name, sink.items, fails, ids, w.assign, maxKnownEntities)
	if err != nil {
		return 0, err
	}
	w.n += len(claimed)
	for _, r := range res {
		if r == store.PutNew {
			w.new++
		} else {
			w.dup++
		}
	}
	for _, f := range fails {
		w.failed = append(w.failed, failureLine{f.Source, f.Stage, f.Reason})
	}
	return len(claimed), nil
}

// assign links a batch's documents again, in order, against the entities
// stored when the batch is written, and places them among stories (see
// postgres.DB.Complete: batches take turns here). The batch was linked when
// processing began, but batches other workers wrote since may have
// introduced entities its documents name, and stories they started or grew.
func (w *worker) assign(ctx context.Context, known func() ([]store.KnownEntity, error), items []store.Item) error {
	// Unless other processes stored mentions or edits since the batch was
	// linked, linking it again would give the same names.
	mark, err := w.st.MentionsMark(ctx)
	if err != nil {
		return err
	}
	if mark != w.mark {
		ks, err := known()
		if err != nil {
			return err
		}
		l := entity.NewLinker(entity.LinkerOptions{})
		for _, c := range canonicals(ks) {
			l.Seed(c)
		}
		for i := range items {
			linkDoc(l, &items[i].Doc)
		}
		w.relinked++
	}
	if err := w.catchUp(ctx); err != nil {
		return err
	}
	for i := range items {
		id := items[i].Doc.ID
		p, ok := w.placed[id] // a retried transaction: placed already
		if !ok {
			p = w.cluster.Place(&items[i].Doc)
			w.placed[id] = p
		}
		items[i].Place = p
	}
	return nil
}

// catchUp restores into the worker's clusterer the documents other
// processes stored since it last looked; its own it has placed already.
func (w *worker) catchUp(ctx context.Context) error {
	for {
		ps, err := w.st.Placed(ctx, store.PlacedQuery{After: w.lastSeq, Limit: 500})
		if err != nil || len(ps) == 0 {
			return err
		}
		for i := range ps {
			w.lastSeq = ps[i].Seq
			if _, ok := w.placed[ps[i].Place.Doc]; ok {
				delete(w.placed, ps[i].Place.Doc)
				continue
			}
			w.cluster.Restore(&ps[i].Doc, ps[i].Place)
		}
	}
}

// linkDoc gives the entities of doc their run-wide canonical names and
// renames quote speakers to match, as the pipeline's sink does.
func linkDoc(l *entity.Linker, doc *news.Doc) {
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

// batchSink keeps a batch's results in memory.
type batchSink struct {
	items    []store.Item
	failures []news.Failure
}

func (s *batchSink) Emit(_ context.Context, r pipeline.Result) error {
	switch {
	case r.Failure != nil:
		s.failures = append(s.failures, *r.Failure)
	case !r.Known:
		s.items = append(s.items, store.Item{Raw: r.Raw, Doc: r.Doc})
	}
	return nil
}

func (s *batchSink) Flush(context.Context) error { return nil }
