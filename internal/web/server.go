package web

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Store is what the server reads and writes. *sqlite.DB implements it.
type Store interface {
	Doc(ctx context.Context, id string) (news.Doc, error)
	Raw(ctx context.Context, id string) ([]byte, error)
	Search(ctx context.Context, q store.Query) ([]store.Hit, error)
	SearchFacets(ctx context.Context, q store.Query) (store.Facets, error)
	Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteHit, error)
	Entity(ctx context.Context, q store.EntityQuery) (store.EntityReport, error)
	EditEntity(ctx context.Context, e store.EntityEdit) (int, error)
	PutWatch(ctx context.Context, w store.Watch) (store.Watch, error)
	Watches(ctx context.Context) ([]store.Watch, error)
	DeleteWatch(ctx context.Context, id int64) error
	Alerts(ctx context.Context, q store.AlertQuery) ([]store.Alert, error)
	Stats(ctx context.Context) (store.Stats, error)
	Stories(ctx context.Context, q store.StoryQuery) ([]news.Story, error)
	Story(ctx context.Context, id string) (news.Story, error)
	Placement(ctx context.Context, id string) (store.DocPlace, error)
}

// Ingester runs the raw bytes of one upload (any format `dossier ingest`
// reads) through the ingest pipeline and stores what it finds. It returns
// once every document of the upload is stored or has failed.
type Ingester interface {
	Ingest(ctx context.Context, name string, body []byte) (IngestReport, error)
}

// IngestReport is what an upload became, one entry per document found in it.
type IngestReport struct {
	Documents []IngestedDoc
}

// Ingest statuses.
const (
	StatusNew       = "new"
	StatusDuplicate = "duplicate"
	StatusFailed    = "failed"
)

// IngestedDoc is one document of an upload.
type IngestedDoc struct {
	ID     string // "" when the bytes could not be read
	Source string
	Title  string
	Status string // StatusNew, StatusDuplicate or StatusFailed
	Stage  string // failed: the stage that failed
	Reason string // failed: why
}

// Options configures a [Server]. A zero field means its documented default.
type Options struct {
	Store    Store
	Ingester Ingester // nil: POST /api/v1/documents answers 503
	// Brief builds a storyline's brief for the story page and
	// GET /api/v1/stories/{id}; nil: stories are shown without one.
	Brief Briefer
	// Token, when set, is required on every request but /healthz, /login and
	// the static assets: as "Authorization: Bearer TOKEN" or through the
	// session cookie the login form sets.
	Token string
	// MaxUpload bounds an ingest request body. Default 50 MiB.
	MaxUpload int64
	// MaxJSON bounds a JSON request body. Default 1 MiB.
	MaxJSON int64
	// RequestTimeout bounds a request other than an upload. Default 30s.
	RequestTimeout time.Duration
	// UploadTimeout bounds an upload. Default 5m.
	UploadTimeout time.Duration
	// CacheTTL is how long facet counts and entity reports are reused
	// (they may lag that long behind documents stored by another process).
	// Default 30s; negative: no cache.
	CacheTTL time.Duration
	// Insecure leaves the Secure attribute off cookies of plain-HTTP
	// requests (requests over HTTPS still get it).
	Insecure bool
	Logger   *slog.Logger
	// Now is the clock; default time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.MaxUpload <= 0 {
		o.MaxUpload = 50 << 20
	}
	if o.MaxJSON <= 0 {
		o.MaxJSON = 1 << 20
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.UploadTimeout <= 0 {
		o.UploadTimeout = 5 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.CacheTTL == 0 {
		o.CacheTTL = 30 * time.Second
	}
	return o
}

// Server serves the API and the UI. Build it with [New]; it is an
// [http.Handler].
type Server struct {
	opts    Options
	st      Store
	mux     *http.ServeMux
	handler http.Handler
	pages   map[string]*template.Template
	static  http.Handler
	metrics *metrics
	keys    keys
	facets  *cache[store.Facets]
	reports *cache[store.EntityReport]
	briefs  *cache[StoryBrief]
	// briefSlots bounds the briefs built at once.
	briefSlots chan struct{}
}

// New returns a server.
func New(opts Options) (*Server, error) {
	if opts.Store == nil {
		return nil, errors.New("web: no store")
	}
	opts = opts.withDefaults()
	s := &Server{opts: opts, st: opts.Store, mux: http.NewServeMux(), metrics: newMetrics()}
	s.keys = newKeys(opts.Token)
	s.facets = newCache[store.Facets](opts.CacheTTL, 1000, opts.Now)
	s.reports = newCache[store.EntityReport](opts.CacheTTL, 1000, opts.Now)
	// A brief is keyed by the shape of its storyline, which changes with
	// every article added: it may be kept much longer than counts.
	briefTTL := opts.CacheTTL
	if briefTTL > 0 {
		briefTTL = max(briefTTL, 10*time.Minute)
	}
	s.briefs = newCache[StoryBrief](briefTTL, 500, opts.Now)
	s.briefSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(uiFS, "ui/static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	s.routes()
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, &httpError{Status: http.StatusForbidden, Code: codeForbidden,
			Message: "cross-origin request refused"})
	}))
	s.handler = s.logRequests(s.secureHeaders(cleanPaths(cop.Handler(s.authenticate(s.mux)))))
	return s, nil
}

// ServeHTTP implements [http.Handler].
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handlerFunc is a handler that returns its error to the renderer.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle registers h for pattern with the request timeout of its kind.
func (s *Server) handle(pattern string, h handlerFunc) {
	timeout := s.opts.RequestTimeout
	if strings.HasPrefix(pattern, "POST /api/v1/documents") || strings.HasPrefix(pattern, "POST /ingest") {
		timeout = s.opts.UploadTimeout
	}
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		setRoute(r, pattern)
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		r = r.WithContext(ctx)
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

func (s *Server) routes() {
	// API.
	s.handle("GET /api/v1/documents/{id}", s.apiDocument)
	s.handle("GET /api/v1/documents/{id}/raw", s.apiRaw)
	s.handle("POST /api/v1/documents", s.apiIngest)
	s.handle("GET /api/v1/search", s.apiSearch)
	s.handle("GET /api/v1/entities/{name}", s.apiEntity)
	s.handle("POST /api/v1/entities/edits", s.apiEdit)
	s.handle("GET /api/v1/quotes", s.apiQuotes)
	s.handle("GET /api/v1/watches", s.apiWatches)
	s.handle("POST /api/v1/watches", s.apiPutWatch)
	s.handle("DELETE /api/v1/watches/{id}", s.apiDeleteWatch)
	s.handle("GET /api/v1/alerts", s.apiAlerts)
	s.handle("GET /api/v1/stories", s.apiStories)
	s.handle("GET /api/v1/stories/{id}", s.apiStory)
	s.handle("/api/", func(w http.ResponseWriter, r *http.Request) error {
		return notFound("no API route %s %s", r.Method, r.URL.Path)
	})
	// Operators.
	s.handle("GET /healthz", s.healthz)
	s.mux.Handle("GET /metrics", s.metrics.handler())
	// UI.
	s.mux.Handle("GET /static/", s.static)
	s.handle("GET /{$}", s.uiHome)
	s.handle("GET /search", s.uiSearch)
	s.handle("GET /documents/{id}", s.uiDocument)
	s.handle("GET /entities/{name}", s.uiEntity)
	s.handle("POST /entities/edits", s.uiEdit)
	s.handle("GET /stories", s.uiStories)
	s.handle("GET /stories/{id}", s.uiStory)
	s.handle("GET /ingest", s.uiIngest)
	s.handle("POST /ingest", s.uiIngestForm)
	s.handle("GET /watches", s.uiWatches)
	s.handle("POST /watches", s.uiPutWatch)
	s.handle("POST /watches/{id}/delete", s.uiDeleteWatch)
	s.handle("GET /alerts", s.uiWatches)
	s.handle("GET /login", s.uiLogin)
	s.handle("POST /login", s.uiLoginForm)
	s.handle("POST /logout", s.uiLogout)
	s.handle("/", func(w http.ResponseWriter, r *http.Request) error {
		return notFound("no page at %s", r.URL.Path)
	})
}

// isAPI reports whether r is for the JSON API (errors as JSON).
func isAPI(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/metrics"
}

// renderError sends err to the client, as JSON for the API and as a page for
// the UI, and logs internal details.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	e := classify(err)
	if e.Status >= 500 {
		s.opts.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", e.Status, "err", err)
	}
	if isAPI(r) {
		writeAPIError(w, e)
		return
	}
	s.renderPage(w, r, e.Status, "error", errorPage{Status: e.Status, Code: e.Code, Message: e.Message})
}

// cleanPaths refuses paths that ServeMux would otherwise redirect or that
// hide a path inside a segment: dot segments, empty segments, encoded
// slashes, backslashes and NUL or other control bytes.
func cleanPaths(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := r.URL.EscapedPath()
		low := strings.ToLower(raw)
		bad := strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") ||
			strings.ContainsAny(r.URL.Path, "\\\x00") || strings.Contains(raw, "//")
		for seg := range strings.SplitSeq(r.URL.Path, "/") {
			if seg == "." || seg == ".." {
				bad = true
			}
		}
		for _, c := range r.URL.Path {
			if c < 0x20 || c == 0x7f {
				bad = true
			}
		}
		if bad {
			writeAPIError(w, &httpError{Status: http.StatusBadRequest, Code: codeBadRequest,
				Message: "path has dot segments, encoded slashes or control characters"})
			return
		}
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			writeAPIError(w, &httpError{Status: http.StatusBadRequest, Code: codeBadRequest,
				Message: "malformed query string"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// csp is the Content-Security-Policy of every response: only our own
// scripts, styles and images; no framing; forms post to us only.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return &httpError{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: "database unavailable", Err: err}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "documents": st.Documents})
}
