package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// maxListedFailures is how many failures the ingest summary lists one by one.
const maxListedFailures = 20

func newIngestCmd(stdio Stdio) *cobra.Command {
	var (
		db        string
		workers   int
		batch     int
		maxSize   int64
		jsonOut   bool
		noPrescan bool
		progress  string
		cpuprof   string
		memprof   string
	)
	c := &cobra.Command{
		Use:   "ingest [FILE|DIR|GLOB|-]...",
		Short: "Read documents into the database (idempotent)",
		Long: `Ingest reads documents (files, directories recursively, glob patterns, or
"-" for standard input; plain text, HTML, WARC, RSS/Atom/JSON feeds, JSON
Lines, sniffed from content), keeps their raw bytes verbatim, runs every
per-document stage and stores the results with a full-text index.

A document's id is the first 16 hex digits of the SHA-256 of its raw bytes:
ingesting the same bytes again changes nothing and counts as a duplicate.
A document that cannot be read or processed is recorded with its reason and
the run goes on; the exit status is then 1. Documents are written in
batched transactions: if the process is killed, every batch written before
stays intact and a rerun picks up the rest.

On a terminal a progress bar is drawn on standard error; otherwise a plain
progress line is printed every few seconds. The summary (new, duplicate,
failed with reasons, throughput, peak memory, database size) goes to
standard output.`,
		Example: `  dossier ingest examples/corpus
  dossier ingest --db news.db 'crawl/*.warc.gz'
  dossier ingest --json ../shared/data/bbc`,
		Args: minArgs(1, "at least one FILE, DIR, GLOB or -"),
		RunE: func(c *cobra.Command, args []string) error {
			path, err := sqlitePath(db)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return fmt.Errorf("create database directory: %w", err)
			}
			ctx := c.Context()
			if cpuprof != "" {
				stop, err := startCPUProfile(cpuprof)
				if err != nil {
					return err
				}
				defer stop()
			}
			st, err := sqlite.Open(ctx, path, sqlite.Options{})
			if err != nil {
				return err
			}
			defer st.Close()

			known, err := knownEntities(ctx, st)
			if err != nil {
				return err
			}
			cluster, err := restoreClusters(ctx, st)
			if err != nil {
				return err
			}
			sink := &ingestSink{w: startWriter(ctx, st), batchSize: batch, start: time.Now()}
			sink.progress = newProgress(stdio.Err, progress)
			p := pipeline.New(pipeline.Options{
				Workers:     workers,
				Rescannable: rescannable(args),
				NoPrescan:   noPrescan,
				IsDocError:  isDocError,
				Known:       st.Has,
				Entities:    known,
				Cluster:     cluster,
				Progress:    sink.progress.start,
			})
			runErr := p.Run(ctx, readSource(args, ingest.Options{MaxFileSize: maxSize}), sink)
			if memprof != "" {
				if err := writeHeapProfile(memprof); err != nil {
					return err
				}
			}
			if err := sink.w.close(); runErr == nil {
				runErr = err
			}
			sink.progress.finish()
			sum := sink.summary(path)
			if n, took := cluster.Cost(); n > 0 {
				sum.ClusterMs = float64(took.Microseconds()) / 1000 / float64(n)
			}
			if runErr != nil {
				// Report what was stored before stopping.
				sum.print(stdio.Err)
				return runErr
			}
			if jsonOut {
				if err := printJSON(stdio.Out, sum); err != nil {
					return err
				}
			} else {
				sum.print(stdio.Out)
			}
			if sum.Failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVarP(&workers, "workers", "j", 0, "documents processed at once (default: number of CPUs)")
	c.Flags().IntVar(&batch, "batch", 256, "documents written per transaction")
	c.Flags().Int64Var(&maxSize, "max-file-size", ingest.DefaultMaxFileSize, "largest input file or record read, in bytes")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the summary as JSON")
	c.Flags().BoolVar(&noPrescan, "no-prescan", false, "skip the first pass that finds lines repeated across a site's documents")
	c.Flags().StringVar(&progress, "progress", "auto", "progress display: auto (bar on a terminal, lines otherwise), bar, lines or none")
	c.Flags().StringVar(&cpuprof, "cpuprofile", "", "write a CPU profile to this file")
	_ = c.Flags().MarkHidden("cpuprofile")
	c.Flags().StringVar(&memprof, "memprofile", "", "write a heap profile to this file when the input is read")
	_ = c.Flags().MarkHidden("memprofile")
	return c
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the live heap to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ingestSink batches results into store transactions. Emit and Flush run on
// the pipeline's single sink goroutine; full batches go to a writer goroutine
// so that documents are processed while the previous batch is written.
type ingestSink struct {
	w         *batchWriter
	batchSize int
	batch     batch
	progress  *progress
	start     time.Time

	n, known int
	failed   []news.Failure
}

type batch struct {
	items    []store.Item
	failures []news.Failure
}

func (s *ingestSink) Emit(ctx context.Context, r pipeline.Result) error {
	s.n++
	switch {
	case r.Failure != nil:
		s.batch.failures = append(s.batch.failures, *r.Failure)
		s.failed = append(s.failed, *r.Failure)
	case r.Known:
		s.known++
	default:
		s.batch.items = append(s.batch.items, store.Item{Raw: r.Raw, Doc: r.Doc, Place: r.Place})
	}
	s.progress.add(1)
	if len(s.batch.items)+len(s.batch.failures) >= s.batchSize {
		return s.Flush(ctx)
	}
	return nil
}

// Flush hands the batch to the writer; it blocks while the writer is busy
// with the batch before (that is the backpressure).
func (s *ingestSink) Flush(ctx context.Context) error {
	if len(s.batch.items)+len(s.batch.failures) == 0 {
		return nil
	}
	b := s.batch
	s.batch = batch{}
	return s.w.send(ctx, b)
}

// batchWriter writes batches in store transactions, one at a time, on its
// own goroutine: the only writer of the database in an ingest run.
type batchWriter struct {
	st   store.Store
	in   chan batch
	done chan struct{}
	err  error // set before done is closed

	new, dup int // read after done is closed
}

func startWriter(ctx context.Context, st store.Store) *batchWriter {
	w := &batchWriter{st: st, in: make(chan batch, 1), done: make(chan struct{})}
	go w.run(ctx)
	return w
}

func (w *batchWriter) run(ctx context.Context) {
	defer close(w.done)
	for b := range w.in {
		if err := w.write(ctx, b); err != nil {
			w.err = err
			return
		}
	}
}

func (w *batchWriter) write(ctx context.Context, b batch) error {
	if len(b.items) > 0 {
		res, err := w.st.Put(ctx, b.items)
		if err != nil {
			return fmt.Errorf("store %d documents: %w", len(b.items), err)
		}
		for _, r := range res {
			if r == store.PutNew {
				w.new++
			} else {
				w.dup++
			}
		}
	}
	if len(b.failures) > 0 {
		if err := w.st.PutFailures(ctx, b.failures); err != nil {
			return fmt.Errorf("record %d failures: %w", len(b.failures), err)
		}
	}
	return nil
}

func (w *batchWriter) send(ctx context.Context, b batch) error {
	select {
	case w.in <- b:
		return nil
	case <-w.done:
		return w.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close waits for every batch sent to be written.
func (w *batchWriter) close() error {
	close(w.in)
	<-w.done
	return w.err
}

// ingestSummary is what an ingest run reports.
type ingestSummary struct {
	Documents   int           `json:"documents"`
	New         int           `json:"new"`
	Duplicate   int           `json:"duplicate"`
	Failed      int           `json:"failed"`
	Failures    []failureLine `json:"failures"`
	Seconds     float64       `json:"seconds"`
	PerSecond   float64       `json:"docs_per_second"`
	PeakRSS     int64         `json:"peak_rss_bytes"`
	ClusterMs   float64       `json:"cluster_ms_per_doc"` // copies, events, storylines: the clustering step alone
	Database    string        `json:"database"`
	DatabaseLen int64         `json:"database_bytes"`
}

type failureLine struct {
	Source string `json:"source"`
	Stage  string `json:"stage"`
	Reason string `json:"reason"`
}

func (s *ingestSink) summary(dbPath string) ingestSummary {
	el := time.Since(s.start).Seconds()
	sum := ingestSummary{
		Documents: s.n, New: s.w.new, Duplicate: s.known + s.w.dup, Failed: len(s.failed),
		Failures: []failureLine{}, Seconds: el, PeakRSS: peakRSS(), Database: dbPath,
	}
	if el > 0 {
		sum.PerSecond = float64(s.n) / el
	}
	for _, f := range s.failed {
		sum.Failures = append(sum.Failures, failureLine{f.Source, f.Stage, f.Reason})
	}
	for _, p := range []string{dbPath, dbPath + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			sum.DatabaseLen += fi.Size()
		}
	}
	return sum
}

func (s ingestSummary) print(w io.Writer) {
	fmt.Fprintf(w, "%d documents in %.2fs (%.0f/s): %d new, %d duplicate, %d failed\n",
		s.Documents, s.Seconds, s.PerSecond, s.New, s.Duplicate, s.Failed)
	for i, f := range s.Failures {
		if i == maxListedFailures {
			fmt.Fprintf(w, "  ... and %d more failures (dossier ingest --json lists them all)\n", len(s.Failures)-i)
			break
		}
		fmt.Fprintf(w, "  failed: %s: %s\n", f.Source, f.Reason)
	}
	fmt.Fprintf(w, "database %s (%s); peak memory %s; clustering %.3f ms/document\n", s.Database, humanBytes(s.DatabaseLen), humanBytes(s.PeakRSS), s.ClusterMs)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// progress shows ingest progress as a bar on a terminal or as plain lines.
type progress struct {
	w     io.Writer
	mode  string
	bar   *progressbar.ProgressBar
	n     int
	last  time.Time
	begin time.Time
}

func newProgress(w io.Writer, mode string) *progress {
	if mode == "auto" {
		mode = "lines"
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	return &progress{w: w, mode: mode}
}

func (p *progress) start(total int) {
	p.begin, p.last = time.Now(), time.Now()
	if p.mode == "bar" {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionShowIts(),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
}

func (p *progress) add(n int) {
	p.n += n
	switch p.mode {
	case "bar":
		if p.bar != nil {
			_ = p.bar.Add(n)
		}
	case "lines":
		if time.Since(p.last) >= 5*time.Second {
			p.last = time.Now()
			fmt.Fprintf(p.w, "ingest: %d documents, %.0f/s\n", p.n, float64(p.n)/time.Since(p.begin).Seconds())
		}
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// maxKnownEntities bounds how many stored entities seed a run's linking (the
// most mentioned ones): enough for any archive one analyst follows, and a
// bounded cost at start-up.
const maxKnownEntities = 500_000

// knownEntities reads the entities earlier runs stored, so that this run
// links new mentions to them under the same names.
func knownEntities(ctx context.Context, st store.Store) ([]entity.Canonical, error) {
	ks, err := st.KnownEntities(ctx, maxKnownEntities)
	if err != nil {
		return nil, err
	}
	out := make([]entity.Canonical, len(ks))
	for i, k := range ks {
		c := entity.Canonical{Name: k.Name, Type: k.Type, Aliases: make([]entity.Alias, len(k.Forms))}
		for j, f := range k.Forms {
			c.Aliases[j] = entity.Alias{Text: f.Name, Count: f.N}
		}
		out[i] = c
	}
	return out, nil
}
