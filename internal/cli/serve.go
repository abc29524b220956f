package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/web"
)

// shutdownGrace is how long in-flight requests get to finish on SIGTERM.
const shutdownGrace = 30 * time.Second

func newServeCmd(stdio Stdio) *cobra.Command {
	var (
		db, addr, tokenFile, baseURL string
		maxUpload                    int64
		workers                      int
		insecure                     bool
	)
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the JSON API and the web UI; deliver alerts",
		Long: `Serve runs the HTTP server: the JSON API under /api/v1, the web UI, /healthz
and /metrics (Prometheus), on the same database as the other commands.
Documents POSTed to /api/v1/documents (or dropped on the ingest page) go
through the same pipeline and store writer as 'dossier ingest', which may
run at the same time. Watches raise alerts as documents arrive; alerts of
watches with a webhook are POSTed to it, with retries and backoff.

On a loopback address no token is needed. Beyond loopback a token is
required (--token-file, or the DOSSIER_TOKEN environment variable): API
clients send "Authorization: Bearer TOKEN"; the web UI asks for it once and
keeps a session cookie. SIGTERM or Ctrl-C stops the server gracefully:
requests in flight finish (uploads are stored whole or not at all).`,
		Example: `  dossier serve --db news.db
  DOSSIER_TOKEN=$(cat token) dossier serve --addr 0.0.0.0:8080 --db news.db`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			token, err := readToken(tokenFile)
			if err != nil {
				return err
			}
			loop, err := isLoopback(addr)
			if err != nil {
				return usageError{err.Error()}
			}
			if !loop && token == "" {
				return usageError{fmt.Sprintf("--addr %s is beyond loopback: give a token with --token-file or DOSSIER_TOKEN", addr)}
			}
			path := db // a postgres:// URL as it is
			if !isPostgres(db) {
				if path, err = sqlitePath(db); err != nil {
					return err
				}
			}
			log := slog.New(slog.NewJSONHandler(stdio.Err, nil))
			return serve(c.Context(), serveConfig{
				path: path, addr: addr, token: token, baseURL: baseURL, maxUpload: maxUpload,
				workers: workers, insecure: insecure, log: log, out: stdio.Out,
			})
		},
	}
	addDBFlag(c, &db)
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	c.Flags().StringVar(&tokenFile, "token-file", "", "file holding the access token (default: env DOSSIER_TOKEN)")
	c.Flags().StringVar(&baseURL, "base-url", "", "the server's public URL, for links in webhook payloads")
	c.Flags().Int64Var(&maxUpload, "max-upload", 50<<20, "largest upload accepted, in bytes")
	c.Flags().IntVarP(&workers, "workers", "j", 0, "documents processed at once during HTTP ingest (default: number of CPUs)")
	c.Flags().BoolVar(&insecure, "insecure-cookies", true, "leave the Secure attribute off cookies sent over plain HTTP (HTTPS requests, or X-Forwarded-Proto: https, always get it)")
	return c
}

type serveConfig struct {
	path, addr, token, baseURL string
	maxUpload                  int64
	workers                    int
	insecure                   bool
	log                        *slog.Logger
	out                        interface{ Write([]byte) (int, error) }
	ready                      func(addr string) // called with the address once listening (tests)
}

// readToken reads the token from path, else DOSSIER_TOKEN.
func readToken(path string) (string, error) {
	if path == "" {
		return strings.TrimSpace(os.Getenv("DOSSIER_TOKEN")), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read token: %w", err)
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", usageError{fmt.Sprintf("--token-file %s is empty", path)}
	}
	return t, nil
}

// isLoopback reports whether addr listens on loopback only.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// openServeStore opens the database serve works on: PostgreSQL for a
// postgres:// URL, else a SQLite file (created if needed) with more readers
// than the other commands use.
func openServeStore(ctx context.Context, path string) (store.Store, error) {
	if isPostgres(path) {
		return postgres.Open(ctx, path, postgres.Options{MaxConns: 16})
	}
	if err := os.MkdirAll(dirOf(path), 0o755); err != nil {
		return nil, fmt.Errorf("create database directory: %w", err)
	}
	return sqlite.Open(ctx, path, sqlite.Options{Readers: 8})
}

func serve(ctx context.Context, cfg serveConfig) error {
	st, err := openServeStore(ctx, cfg.path)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg.path = displayDB(cfg.path)
	ing := newHTTPIngester(st, cfg.workers)
	srv, err := web.New(web.Options{Store: st, Ingester: ing, Brief: storyBriefer(st), Token: cfg.token, MaxUpload: cfg.maxUpload,
		Insecure: cfg.insecure, Logger: cfg.log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 6 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(cfg.log.Handler(), slog.LevelWarn)}
	fmt.Fprintf(cfg.out, "dossier: serving http://%s (database %s)\n", ln.Addr(), cfg.path)
	if cfg.ready != nil {
		cfg.ready(ln.Addr().String())
	}
	cfg.log.Info("serving", "addr", ln.Addr().String(), "db", cfg.path, "token", cfg.token != "")

	// The ingester and the deliverer outlive the HTTP server: it stops
	// first (in-flight uploads finish), then they do.
	bgCtx, bg := context.WithCancel(context.WithoutCancel(ctx))
	defer bg()
	g, gctx := errgroup.WithContext(bgCtx)
	g.Go(func() error { return ing.run(gctx, cfg.log) })
	g.Go(func() error {
		return srv.Deliverer(web.DelivererOptions{Queue: st, BaseURL: cfg.baseURL, Logger: cfg.log}).Run(gctx)
	})
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case err = <-serveErr:
	case <-ctx.Done():
		cfg.log.Info("shutting down", "grace", shutdownGrace)
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
		err = hs.Shutdown(sctx)
		cancel()
		<-serveErr
	case <-gctx.Done():
		err = hs.Close()
		<-serveErr
	}
	bg()
	if gerr := g.Wait(); gerr != nil && !errors.Is(gerr, context.Canceled) {
		err = errors.Join(err, gerr)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	cfg.log.Info("stopped")
	return err
}

func dirOf(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[:max(i, 1)]
	}
	return "."
}

// httpIngester feeds uploads into one long-running pipeline, the one
// `dossier ingest` runs: the same stages, the same linking of entities
// (seeded once from the store), the same store writer. Uploads are
// processed in arrival order; each upload's documents are written in one
// transaction, then its caller is answered.
type httpIngester struct {
	st      store.Store
	workers int
	reqs    chan *upload
	queue   chan *upload // uploads whose documents are in the pipeline, in order
	ready   chan struct{}
	stopped chan struct{}
}

// upload is one request's bytes and, once written, its report.
type upload struct {
	name    string
	body    []byte
	n       int // documents found
	results []pipeline.Result
	report  web.IngestReport
	err     error
	done    chan struct{}
}

func newHTTPIngester(st store.Store, workers int) *httpIngester {
	return &httpIngester{st: st, workers: workers, reqs: make(chan *upload), queue: make(chan *upload, 64),
		ready: make(chan struct{}), stopped: make(chan struct{})}
}

// Ingest implements web.Ingester.
func (h *httpIngester) Ingest(ctx context.Context, name string, body []byte) (web.IngestReport, error) {
	u := &upload{name: name, body: body, done: make(chan struct{})}
	select {
	case <-h.ready:
	case <-h.stopped:
		return web.IngestReport{}, fmt.Errorf("ingest is stopping: %w", web.ErrUnavailable)
	case <-ctx.Done():
		return web.IngestReport{}, fmt.Errorf("ingest is starting (reading the stored entities): %w", web.ErrUnavailable)
	}
	select {
	case h.reqs <- u:
	case <-h.stopped:
		return web.IngestReport{}, fmt.Errorf("ingest is stopping: %w", web.ErrUnavailable)
	case <-ctx.Done():
		return web.IngestReport{}, ctx.Err()
	}
	// Once taken, an upload is written whole before its answer: waiting
	// ignores ctx so that the report says what was stored.
	select {
	case <-u.done:
	case <-h.stopped:
		return web.IngestReport{}, fmt.Errorf("ingest stopped: %w", web.ErrUnavailable)
	}
	return u.report, u.err
}

// run processes uploads until ctx is done.
func (h *httpIngester) run(ctx context.Context, log *slog.Logger) error {
	defer close(h.stopped)
	known, err := knownEntities(ctx, h.st)
	if err != nil {
		return err
	}
	cluster, err := restoreClusters(ctx, h.st)
	if err != nil {
		return err
	}
	close(h.ready)
	p := pipeline.New(pipeline.Options{
		Workers:    h.workers,
		IsDocError: isDocError,
		Known:      h.st.Has,
		Entities:   known,
		Cluster:    cluster,
		Logger:     log,
	})
	err = p.Run(ctx, h.source, &uploadSink{h: h})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// source yields the documents of each upload in turn, after queueing the
// upload for the sink.
func (h *httpIngester) source(ctx context.Context) iter.Seq2[news.RawArticle, error] {
	return func(yield func(news.RawArticle, error) bool) {
		for {
			var u *upload
			select {
			case <-ctx.Done():
				return
			case u = <-h.reqs:
			}
			type doc struct {
				raw news.RawArticle
				err error
			}
			var docs []doc
			for raw, err := range ingest.Split(ctx, u.name, bytes.NewReader(u.body), ingest.Options{}) {
				if ie, ok := errors.AsType[*ingest.Error](err); ok {
					if raw.Source == "" {
						raw.Source = ie.Source
					}
					err = readError{ie}
				} else if err != nil {
					return // cancelled
				}
				docs = append(docs, doc{raw, err})
			}
			u.body = nil
			u.n = len(docs)
			if u.n == 0 {
				u.err = fmt.Errorf("no document found in %s: %w", u.name, store.ErrInvalid)
				close(u.done)
				continue
			}
			select {
			case h.queue <- u:
			case <-ctx.Done():
				return
			}
			for _, d := range docs {
				if !yield(d.raw, d.err) {
					return
				}
			}
		}
	}
}

// uploadSink collects each upload's results and writes them in one
// transaction.
type uploadSink struct {
	h   *httpIngester
	cur *upload
}

func (s *uploadSink) Emit(ctx context.Context, r pipeline.Result) error {
	if s.cur == nil {
		select {
		case s.cur = <-s.h.queue:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	u := s.cur
	u.results = append(u.results, r)
	if len(u.results) < u.n {
		return nil
	}
	s.cur = nil
	u.report, u.err = s.write(ctx, u.results)
	u.results = nil
	close(u.done)
	return nil
}

func (s *uploadSink) Flush(context.Context) error { return nil }

// write stores an upload's documents and failures and reports on each. A
// store error is the upload's, not the server's: the next upload may succeed
// (another process may have held the database too long).
func (s *uploadSink) write(ctx context.Context, rs []pipeline.Result) (web.IngestReport, error) {
	var (
		rep      web.IngestReport
		items    []store.Item
		at       []int
		failures []news.Failure
	)
	for _, r := range rs {
		d := web.IngestedDoc{ID: r.Raw.ID, Source: r.Raw.Source}
		switch {
		case r.Failure != nil:
			d.Status, d.Stage, d.Reason = web.StatusFailed, r.Failure.Stage, r.Failure.Reason
			failures = append(failures, *r.Failure)
		case r.Known:
			d.Status = web.StatusDuplicate
		default:
			d.Title = r.Doc.Title
			at = append(at, len(rep.Documents))
			items = append(items, store.Item{Raw: r.Raw, Doc: r.Doc, Place: r.Place})
		}
		rep.Documents = append(rep.Documents, d)
	}
	if len(items) > 0 {
		res, err := s.h.st.Put(ctx, items)
		if err != nil {
			return web.IngestReport{}, fmt.Errorf("store %d documents: %w", len(items), err)
		}
		for i, r := range res {
			if r == store.PutNew {
				rep.Documents[at[i]].Status = web.StatusNew
			} else {
				rep.Documents[at[i]].Status = web.StatusDuplicate
			}
		}
	}
	if len(failures) > 0 {
		if err := s.h.st.PutFailures(ctx, failures); err != nil {
			return rep, fmt.Errorf("record %d failures: %w", len(failures), err)
		}
	}
	return rep, nil
}
