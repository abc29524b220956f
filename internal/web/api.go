package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// docRecord is the extract record of DESIGN.md, as `dossier extract` prints it.
type docRecord struct {
	ID         string          `json:"id"`
	Source     string          `json:"source"`
	Format     string          `json:"format"`
	URL        *string         `json:"url"`
	Title      *string         `json:"title"`
	Outlet     *string         `json:"outlet"`
	Author     *string         `json:"author"`
	Published  *string         `json:"published"`
	Language   *string         `json:"language"`
	Flags      []string        `json:"flags"`
	Text       string          `json:"text"`
	Lines      []news.Line     `json:"lines"`
	Paragraphs []news.Span     `json:"paragraphs"`
	Sentences  []news.Span     `json:"sentences"`
	Entities   []news.Entity   `json:"entities"`
	Quotes     []quoteRecord   `json:"quotes"`
	Citations  []news.Citation `json:"citations"`
	Times      []news.TimeRef  `json:"times"`
	Headline   *news.Headline  `json:"headline"`
}

// quoteRecord is a quote with null for what does not apply.
type quoteRecord struct {
	Text         string  `json:"text"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Kind         string  `json:"kind"`
	Speaker      *string `json:"speaker"`
	SpeakerStart *int    `json:"speaker_start"`
	SpeakerEnd   *int    `json:"speaker_end"`
	Cue          *string `json:"cue"`
	Via          *string `json:"via"`
	Addressee    *string `json:"addressee"`
}

func newQuoteRecord(q news.Quote) quoteRecord {
	r := quoteRecord{Text: q.Text, Start: q.Start, End: q.End, Kind: q.Kind,
		Speaker: nullable(q.Speaker), Cue: nullable(q.Cue), Via: nullable(q.Via), Addressee: nullable(q.Addressee)}
	if q.Speaker != "" {
		r.SpeakerStart, r.SpeakerEnd = &q.SpeakerStart, &q.SpeakerEnd
	}
	return r
}

func newDocRecord(d news.Doc) docRecord {
	qs := make([]quoteRecord, len(d.Quotes))
	for i, q := range d.Quotes {
		qs[i] = newQuoteRecord(q)
	}
	return docRecord{
		ID: d.ID, Source: d.Source, Format: d.Format.String(), URL: nullable(d.URL), Title: nullable(d.Title),
		Outlet: nullable(d.Outlet), Author: nullable(d.Author), Published: date(d.Published), Language: nullable(d.Language),
		Flags: orEmpty(d.Flags), Text: d.Text, Lines: d.Lines, Paragraphs: orEmpty(d.Paragraphs),
		Sentences: orEmpty(d.Sentences), Entities: orEmpty(d.Entities), Quotes: qs,
		Citations: orEmpty(d.Citations), Times: orEmpty(d.Times), Headline: d.Headline,
	}
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := docID(r)
	if err != nil {
		return err
	}
	d, err := s.st.Doc(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newDocRecord(d))
}

// apiRaw sends the verbatim bytes as plain text in a sandbox: a stored HTML
// page is shown, never run.
func (s *Server) apiRaw(w http.ResponseWriter, r *http.Request) error {
	id, err := docID(r)
	if err != nil {
		return err
	}
	b, err := s.st.Raw(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "sandbox; default-src 'none'")
	_, err = w.Write(b)
	return err
}

// ingestRecord is what POST /api/v1/documents reports per document.
type ingestRecord struct {
	ID     *string `json:"id"`
	Source string  `json:"source"`
	Title  *string `json:"title"`
	Status string  `json:"status"`
	Stage  *string `json:"stage"`
	Reason *string `json:"reason"`
}

type ingestResponse struct {
	Documents []ingestRecord `json:"documents"`
	New       int            `json:"new"`
	Duplicate int            `json:"duplicate"`
	Failed    int            `json:"failed"`
}

// uploadName checks the name an upload is stored under (its Source): a name,
// never a path the server opens.
func uploadName(name string) (string, error) {
	if name == "" {
		return "upload", nil
	}
	if err := checkText("name", name); err != nil {
		return "", err
	}
	return name, nil
}

// ingest reads body (bounded) and runs it through the ingester.
func (s *Server) ingest(r *http.Request, name string, body io.Reader) (ingestResponse, error) {
	var resp ingestResponse
	if s.opts.Ingester == nil {
		return resp, fmt.Errorf("ingest over HTTP is not enabled: %w", ErrUnavailable)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return resp, err
	}
	if len(b) == 0 {
		return resp, badRequest("empty body: send the raw bytes of a document")
	}
	rep, err := s.opts.Ingester.Ingest(r.Context(), name, b)
	if err != nil {
		return resp, err
	}
	resp.Documents = make([]ingestRecord, 0, len(rep.Documents))
	for _, d := range rep.Documents {
		resp.Documents = append(resp.Documents, ingestRecord{ID: nullable(d.ID), Source: d.Source, Title: nullable(d.Title),
			Status: d.Status, Stage: nullable(d.Stage), Reason: nullable(d.Reason)})
		switch d.Status {
		case StatusNew:
			resp.New++
		case StatusDuplicate:
			resp.Duplicate++
		default:
			resp.Failed++
		}
		s.metrics.ingested.WithLabelValues(d.Status).Inc()
	}
	return resp, nil
}

func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) error {
	name, err := uploadName(r.URL.Query().Get("name"))
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload)
	resp, err := s.ingest(r, name, r.Body)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if resp.New > 0 {
		status = http.StatusCreated
	}
	return writeJSON(w, status, resp)
}

// searchParams is a parsed search request.
type searchParams struct {
	Query  store.Query
	Cursor string
	hash   uint32
	raw    url.Values // the filters as given, for links
}

func parseSearch(r *http.Request) (searchParams, error) {
	var p searchParams
	var err error
	q := &p.Query
	if q.Text, err = param(r, "q"); err != nil {
		return p, err
	}
	if q.Outlet, err = param(r, "outlet"); err != nil {
		return p, err
	}
	if q.Entity, err = param(r, "entity"); err != nil {
		return p, err
	}
	if q.From, err = dateParam(r, "from", false); err != nil {
		return p, err
	}
	if q.To, err = dateParam(r, "to", true); err != nil {
		return p, err
	}
	if q.Limit, err = limitParam(r, 20); err != nil {
		return p, err
	}
	p.raw = url.Values{}
	for _, k := range []string{"q", "outlet", "entity", "from", "to"} {
		if v := strings.TrimSpace(r.URL.Query().Get(k)); v != "" {
			p.raw.Set(k, v)
		}
	}
	p.hash = queryHash(q.Text, q.Outlet, q.Entity, r.URL.Query().Get("from"), r.URL.Query().Get("to"), strconv.Itoa(q.Limit))
	off, err := decodeCursor(r.URL.Query().Get("cursor"), p.hash)
	if err != nil {
		return p, err
	}
	if off > maxOffset {
		return p, badRequest("bad cursor: paging stops after %d hits; narrow the query", maxOffset)
	}
	q.Offset = int(off)
	return p, nil
}

type hitRecord struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	Outlet    *string `json:"outlet"`
	Source    string  `json:"source"`
	Published *string `json:"published"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
}

type countRecord struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func counts(cs []store.Count) []countRecord {
	out := make([]countRecord, len(cs))
	for i, c := range cs {
		out[i] = countRecord{c.Name, c.N}
	}
	return out
}

type facetsRecord struct {
	Matches   int           `json:"matches"`
	Truncated bool          `json:"truncated"`
	Outlets   []countRecord `json:"outlets"`
	Entities  []countRecord `json:"entities"`
	Months    []countRecord `json:"months"`
}

type searchResponse struct {
	Hits       []hitRecord  `json:"hits"`
	Facets     facetsRecord `json:"facets"`
	NextCursor *string      `json:"next_cursor"`
}

// search runs p and returns hits, facets and the next cursor ("" at the end).
func (s *Server) search(r *http.Request, p searchParams) ([]store.Hit, store.Facets, string, error) {
	if p.Query.Text == "" {
		return nil, store.Facets{}, "", nil
	}
	hits, err := s.st.Search(r.Context(), p.Query)
	if err != nil {
		return nil, store.Facets{}, "", err
	}
	fq := p.Query
	fq.Limit, fq.Offset = 0, 0
	f, err := s.facets.get(fmt.Sprintf("%q %q %q %v %v", fq.Text, fq.Outlet, fq.Entity, fq.From, fq.To), func() (store.Facets, error) {
		return s.st.SearchFacets(r.Context(), fq)
	})
	if err != nil {
		return nil, store.Facets{}, "", err
	}
	next := ""
	if len(hits) == p.Query.Limit && p.Query.Offset+len(hits) < maxOffset {
		next = encodeCursor(int64(p.Query.Offset+len(hits)), p.hash)
	}
	return hits, f, next, nil
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	p, err := parseSearch(r)
	if err != nil {
		return err
	}
	if p.Query.Text == "" {
		return badRequest("q is required")
	}
	hits, f, next, err := s.search(r, p)
	if err != nil {
		return err
	}
	resp := searchResponse{Hits: []hitRecord{}, NextCursor: nullable(next), Facets: facetsRecord{
		Matches: f.Matches, Truncated: f.Truncated, Outlets: counts(f.Outlets), Entities: counts(f.Entities), Months: counts(f.Months)}}
	for _, h := range hits {
		resp.Hits = append(resp.Hits, hitRecord{h.ID, nullable(h.Title), nullable(h.Outlet), h.Source, date(h.Published), h.Snippet, h.Score})
	}
	return writeJSON(w, http.StatusOK, resp)
}

type contextRecord struct {
	DocID     string  `json:"document"`
	Title     *string `json:"title"`
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
	Text      string  `json:"text"`
	Before    string  `json:"before"`
	After     string  `json:"after"`
}

type entityRecord struct {
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	Mentions  int             `json:"mentions"`
	Documents int             `json:"documents"`
	Aliases   []countRecord   `json:"aliases"`
	Outlets   []countRecord   `json:"outlets"`
	Months    []countRecord   `json:"months"`
	Related   []countRecord   `json:"related"`
	Contexts  []contextRecord `json:"contexts"`
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) error {
	name, err := entityName(r)
	if err != nil {
		return err
	}
	e, err := s.entity(r, store.EntityQuery{Name: name})
	if err != nil {
		return err
	}
	rec := entityRecord{Name: e.Name, Type: e.Type, Mentions: e.Mentions, Documents: e.Docs, Aliases: counts(e.Aliases),
		Outlets: counts(e.Outlets), Months: counts(e.Months), Related: counts(e.Related), Contexts: []contextRecord{}}
	for _, c := range e.Contexts {
		rec.Contexts = append(rec.Contexts, contextRecord{c.DocID, nullable(c.Title), nullable(c.Outlet), date(c.Published), c.Text, c.Before, c.After})
	}
	return writeJSON(w, http.StatusOK, rec)
}

// editRequest is the body of POST /api/v1/entities/edits.
type editRequest struct {
	Kind string `json:"kind"` // rename, merge or split
	Name string `json:"name"`
	Form string `json:"form"` // split: the written form taken out
	To   string `json:"to"`
}

// edit checks an edit request and turns it into a store edit.
func (e editRequest) edit() (store.EntityEdit, error) {
	for _, f := range []struct{ name, v string }{{"name", e.Name}, {"form", e.Form}, {"to", e.To}} {
		if err := checkText(f.name, f.v); err != nil {
			return store.EntityEdit{}, err
		}
	}
	name, to, form := strings.TrimSpace(e.Name), strings.TrimSpace(e.To), strings.TrimSpace(e.Form)
	if name == "" || to == "" {
		return store.EntityEdit{}, badRequest("name and to are required")
	}
	switch e.Kind {
	case "rename", "merge":
		return store.EntityEdit{Kind: store.EditRename, Name: name, To: to}, nil
	case "split":
		if form == "" {
			return store.EntityEdit{}, badRequest("split needs the form to take out")
		}
		return store.EntityEdit{Kind: store.EditSplit, Name: name, Form: form, To: to}, nil
	}
	return store.EntityEdit{}, badRequest("kind must be rename, merge or split, not %q", e.Kind)
}

func (s *Server) apiEdit(w http.ResponseWriter, r *http.Request) error {
	var req editRequest
	if err := decodeJSON(w, r, s.opts.MaxJSON, &req); err != nil {
		return err
	}
	e, err := req.edit()
	if err != nil {
		return err
	}
	if _, err := s.st.Entity(r.Context(), store.EntityQuery{Name: e.Name, Contexts: 1, Related: 1}); err != nil {
		return err
	}
	e.Time = s.opts.Now()
	n, err := s.st.EditEntity(r.Context(), e)
	if err != nil {
		return err
	}
	s.reports.clear()
	s.facets.clear()
	return writeJSON(w, http.StatusOK, map[string]any{"kind": req.Kind, "name": e.Name, "to": e.To, "changed": n})
}

type quoteHitRecord struct {
	DocID     string      `json:"document"`
	Title     *string     `json:"title"`
	Outlet    *string     `json:"outlet"`
	Published *string     `json:"published"`
	Quote     quoteRecord `json:"quote"`
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) error {
	by, err := param(r, "by")
	if err != nil {
		return err
	}
	about, err := param(r, "about")
	if err != nil {
		return err
	}
	limit, err := limitParam(r, 50)
	if err != nil {
		return err
	}
	hash := queryHash("quotes", by, about, strconv.Itoa(limit))
	off, err := decodeCursor(r.URL.Query().Get("cursor"), hash)
	if err != nil {
		return err
	}
	if off > maxOffset {
		return badRequest("bad cursor: paging stops after %d quotes", maxOffset)
	}
	hits, err := s.st.Quotes(r.Context(), store.QuoteQuery{By: by, About: about, Limit: limit, Offset: int(off)})
	if err != nil {
		return err
	}
	resp := struct {
		Quotes     []quoteHitRecord `json:"quotes"`
		NextCursor *string          `json:"next_cursor"`
	}{Quotes: []quoteHitRecord{}}
	for _, h := range hits {
		resp.Quotes = append(resp.Quotes, quoteHitRecord{h.DocID, nullable(h.Title), nullable(h.Outlet), date(h.Published), newQuoteRecord(h.Quote)})
	}
	if len(hits) == limit {
		resp.NextCursor = nullable(encodeCursor(off+int64(limit), hash))
	}
	return writeJSON(w, http.StatusOK, resp)
}

type watchRecord struct {
	ID      int64   `json:"id"`
	Kind    string  `json:"kind"`
	Target  string  `json:"target"`
	Name    string  `json:"name"`
	Webhook *string `json:"webhook"`
	Created *string `json:"created"`
}

func newWatchRecord(w store.Watch) watchRecord {
	return watchRecord{w.ID, string(w.Kind), w.Target, w.Name, nullable(w.Webhook), stamp(w.Created)}
}

// watchRequest is the body of POST /api/v1/watches.
type watchRequest struct {
	Kind    string `json:"kind"` // search or entity
	Target  string `json:"target"`
	Name    string `json:"name"`
	Webhook string `json:"webhook"`
}

func (q watchRequest) watch() (store.Watch, error) {
	for _, f := range []struct{ name, v string }{{"target", q.Target}, {"name", q.Name}, {"webhook", q.Webhook}} {
		if err := checkText(f.name, f.v); err != nil {
			return store.Watch{}, err
		}
	}
	w := store.Watch{Kind: store.WatchKind(q.Kind), Target: strings.TrimSpace(q.Target), Name: strings.TrimSpace(q.Name), Webhook: strings.TrimSpace(q.Webhook)}
	if w.Kind != store.WatchSearch && w.Kind != store.WatchEntity && w.Kind != store.WatchStory {
		return w, badRequest("kind must be search, entity or story, not %q", q.Kind)
	}
	if w.Target == "" {
		return w, badRequest("target is required: the query or the entity's name")
	}
	if w.Webhook != "" {
		u, err := url.Parse(w.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return w, badRequest("webhook must be an http or https URL")
		}
	}
	return w, nil
}

func (s *Server) apiWatches(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.st.Watches(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Watches []watchRecord `json:"watches"`
	}{Watches: []watchRecord{}}
	for _, x := range ws {
		out.Watches = append(out.Watches, newWatchRecord(x))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiPutWatch(w http.ResponseWriter, r *http.Request) error {
	var req watchRequest
	if err := decodeJSON(w, r, s.opts.MaxJSON, &req); err != nil {
		return err
	}
	wt, err := s.checkWatch(r, req)
	if err != nil {
		return err
	}
	if wt, err = s.st.PutWatch(r.Context(), wt); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newWatchRecord(wt))
}

func watchID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest("a watch ID is a positive number")
	}
	return id, nil
}

func (s *Server) apiDeleteWatch(w http.ResponseWriter, r *http.Request) error {
	id, err := watchID(r)
	if err != nil {
		return err
	}
	if err := s.st.DeleteWatch(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type alertRecord struct {
	ID        int64   `json:"id"`
	WatchID   int64   `json:"watch"`
	WatchName string  `json:"watch_name"`
	DocID     string  `json:"document"`
	Title     *string `json:"title"`
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
	Created   *string `json:"created"`
	Delivered *string `json:"delivered"`
	Attempts  int     `json:"attempts"`
	LastError *string `json:"last_error"`
}

func newAlertRecord(a store.Alert) alertRecord {
	return alertRecord{a.ID, a.WatchID, a.WatchName, a.DocID, nullable(a.Title), nullable(a.Outlet), date(a.Published),
		stamp(a.Created), stamp(a.Delivered), a.Attempts, nullable(a.LastError)}
}

func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) error {
	var watch int64
	if v := r.URL.Query().Get("watch"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return badRequest("watch must be a watch ID")
		}
		watch = n
	}
	limit, err := limitParam(r, 50)
	if err != nil {
		return err
	}
	hash := queryHash("alerts", strconv.FormatInt(watch, 10), strconv.Itoa(limit))
	before, err := decodeCursor(r.URL.Query().Get("cursor"), hash)
	if err != nil {
		return err
	}
	as, err := s.st.Alerts(r.Context(), store.AlertQuery{WatchID: watch, Before: before, Limit: limit})
	if err != nil {
		return err
	}
	resp := struct {
		Alerts     []alertRecord `json:"alerts"`
		NextCursor *string       `json:"next_cursor"`
	}{Alerts: []alertRecord{}}
	for _, a := range as {
		resp.Alerts = append(resp.Alerts, newAlertRecord(a))
	}
	if len(as) == limit {
		resp.NextCursor = nullable(encodeCursor(as[len(as)-1].ID, hash))
	}
	return writeJSON(w, http.StatusOK, resp)
}

// checkWatch validates a watch request; a story watch must name a storyline
// that exists.
func (s *Server) checkWatch(r *http.Request, req watchRequest) (store.Watch, error) {
	w, err := req.watch()
	if err != nil {
		return w, err
	}
	if w.Kind == store.WatchStory {
		if !validStoryID(w.Target) {
			return w, badRequest("a storyline ID is s and 16 hex digits")
		}
		if _, err := s.st.Story(r.Context(), w.Target); err != nil {
			return w, err
		}
	}
	return w, nil
}

// validStoryID reports whether id looks like a storyline ID: "s" and a
// document ID.
func validStoryID(id string) bool {
	if len(id) != 17 || id[0] != 's' {
		return false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func storyID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	if !validStoryID(id) {
		return "", badRequest("a storyline ID is s and 16 hex digits")
	}
	return id, nil
}

// storyRecord is a storyline as `dossier story ID --json` prints it
// (DESIGN.md). A single storyline carries its brief (see withBrief); in a
// list, brief and claims are empty and conflicts left out.
type storyRecord struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	First  *string       `json:"first"`
	Last   *string       `json:"last"`
	Counts storyCounts   `json:"counts"`
	Events []eventRecord `json:"events"`
	Brief  []any         `json:"brief"`
	Claims []any         `json:"claims"`
	// Conflicts is set with the brief.
	Conflicts *[]news.Conflict `json:"conflicts,omitempty"`
}

type storyCounts struct {
	Events   int `json:"events"`
	Articles int `json:"articles"`
	Outlets  int `json:"outlets"`
}

type eventRecord struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	First    *string         `json:"first"`
	Last     *string         `json:"last"`
	Articles []articleRecord `json:"articles"`
}

type articleRecord struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	Outlet      *string `json:"outlet"`
	Title       *string `json:"title"`
	Published   *string `json:"published"`
	DuplicateOf *string `json:"duplicate_of"`
	Headline    *string `json:"headline"`
}

func dayOnly(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return nullable(t.Format(time.DateOnly))
}

func newStoryRecord(st news.Story) storyRecord {
	j := storyRecord{ID: st.ID, Title: st.Title, First: dayOnly(st.First), Last: dayOnly(st.Last),
		Counts: storyCounts{len(st.Events), st.Articles, st.Outlets}, Events: []eventRecord{}, Brief: []any{}, Claims: []any{}}
	for _, ev := range st.Events {
		ej := eventRecord{ID: ev.ID, Title: ev.Title, First: dayOnly(ev.First), Last: dayOnly(ev.Last), Articles: []articleRecord{}}
		for _, a := range ev.Articles {
			ej.Articles = append(ej.Articles, articleRecord{ID: a.ID, Source: a.Source, Outlet: nullable(a.Outlet),
				Title: nullable(a.Title), Published: date(a.Published), DuplicateOf: nullable(a.DuplicateOf)})
		}
		j.Events = append(j.Events, ej)
	}
	return j
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	limit, err := limitParam(r, 50)
	if err != nil {
		return err
	}
	hash := queryHash("stories", strconv.Itoa(limit))
	off, err := decodeCursor(r.URL.Query().Get("cursor"), hash)
	if err != nil {
		return err
	}
	if off > maxOffset {
		return badRequest("bad cursor: paging stops after %d stories", maxOffset)
	}
	list, err := s.st.Stories(r.Context(), store.StoryQuery{Limit: limit, Offset: int(off)})
	if err != nil {
		return err
	}
	resp := struct {
		Stories    []storyRecord `json:"stories"`
		NextCursor *string       `json:"next_cursor"`
	}{Stories: []storyRecord{}}
	for _, st := range list {
		resp.Stories = append(resp.Stories, newStoryRecord(st))
	}
	if len(list) == limit {
		resp.NextCursor = nullable(encodeCursor(off+int64(limit), hash))
	}
	return writeJSON(w, http.StatusOK, resp)
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r)
	if err != nil {
		return err
	}
	st, err := s.st.Story(r.Context(), id)
	if err != nil {
		return err
	}
	j := newStoryRecord(st)
	b, ok, err := s.brief(r.Context(), st)
	if err != nil {
		return err
	}
	if ok {
		j.withBrief(b)
	}
	return writeJSON(w, http.StatusOK, j)
}

// entity returns an entity report, from the cache when it is recent.
func (s *Server) entity(r *http.Request, q store.EntityQuery) (store.EntityReport, error) {
	key := fmt.Sprintf("%q %d %d", strings.ToLower(q.Name), q.Contexts, q.Related)
	return s.reports.get(key, func() (store.EntityReport, error) { return s.st.Entity(r.Context(), q) })
}
