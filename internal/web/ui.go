package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

//go:embed ui
var uiFS embed.FS

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 Jan 2006")
	},
	"stamp": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"entityURL": entityURL,
	"docURL":    func(id string) string { return "/documents/" + url.PathEscape(id) },
	"snippet":   snippet,
	"either":    either,
	"slice1":    func(c citeRef) []citeRef { return []citeRef{c} },
	"lower":     strings.ToLower,
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
}

func entityURL(name string) string { return "/entities/" + url.PathEscape(name) }

// snippet turns a search snippet, matches between [ and ], into HTML with
// the matches marked.
func snippet(s string) template.HTML {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(s[i+1 : i+j]))
		b.WriteString("</mark>")
		s = s[i+j+1:]
	}
	b.WriteString(template.HTMLEscapeString(s))
	return template.HTML(b.String())
}

// parsePages parses each page template with the layout.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(uiFS, "ui/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" || base == "parts" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(uiFS, "ui/layout.html", "ui/parts.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// page is what every page template gets.
type page struct {
	Title  string
	CSRF   string
	Locked bool   // a token protects the server: show "Sign out"
	Q      string // the search box
	Nav    string // the section the page belongs to
	Data   any
}

// titled is implemented by page data that names its page.
type titled interface{ title() (title, nav string) }

// renderPage executes the named page into a buffer, then sends it, so that a
// template error never sends half a page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.pages[name]
	if !ok {
		http.Error(w, "no page "+name, http.StatusInternalServerError)
		return
	}
	p := page{CSRF: s.csrfToken(w, r), Locked: s.keys.token != "", Data: data, Q: r.URL.Query().Get("q")}
	if td, ok := data.(titled); ok {
		p.Title, p.Nav = td.title()
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.opts.Logger.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorPage struct {
	Status  int
	Code    string
	Message string
}

func (e errorPage) title() (string, string) { return http.StatusText(e.Status), "" }

type loginPage struct {
	Next   string
	Failed bool
}

func (loginPage) title() (string, string) { return "Sign in", "" }

type homePage struct {
	Documents int
	Watches   []store.Watch
	Alerts    []store.Alert
}

func (homePage) title() (string, string) { return "Search", "search" }

func (s *Server) uiHome(w http.ResponseWriter, r *http.Request) error {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return err
	}
	as, err := s.st.Alerts(r.Context(), store.AlertQuery{Limit: 5})
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "home", homePage{Documents: st.Documents, Alerts: as})
	return nil
}

// facetLink is one facet value: a link that adds (or, when active, removes)
// the filter.
type facetLink struct {
	Name   string
	Label  string
	N      int
	URL    string
	Active bool
}

type searchPage struct {
	Q         string
	Params    searchParams
	Hits      []store.Hit
	Facets    store.Facets
	Outlets   []facetLink
	Entities  []facetLink
	Months    []facetLink
	Active    []facetLink // filters in force, each a link that removes it
	Next      string
	Start     int
	WatchForm bool
}

func (p searchPage) title() (string, string) {
	if p.Q == "" {
		return "Search", "search"
	}
	return p.Q + " · search", "search"
}

// with returns the search URL of v with key set to value ("" removes it)
// and no cursor.
func with(v url.Values, key, value string) string {
	u := url.Values{}
	maps.Copy(u, v)
	if value == "" {
		u.Del(key)
	} else {
		u.Set(key, value)
	}
	return "/search?" + u.Encode()
}

func (s *Server) uiSearch(w http.ResponseWriter, r *http.Request) error {
	p, err := parseSearch(r)
	if err != nil {
		return err
	}
	hits, f, next, err := s.search(r, p)
	if err != nil {
		return err
	}
	data := searchPage{Q: p.Query.Text, Params: p, Hits: hits, Facets: f, Start: p.Query.Offset + 1, WatchForm: p.Query.Text != ""}
	if next != "" {
		u := url.Values{}
		maps.Copy(u, p.raw)
		u.Set("cursor", next)
		data.Next = "/search?" + u.Encode()
	}
	link := func(key, cur string, cs []store.Count, label func(string) string) []facetLink {
		var out []facetLink
		for _, c := range cs {
			l := facetLink{Name: c.Name, Label: label(c.Name), N: c.N, Active: c.Name != "" && c.Name == cur}
			switch {
			case l.Active:
				l.URL = with(p.raw, key, "")
			case c.Name != "":
				l.URL = with(p.raw, key, c.Name)
			}
			out = append(out, l)
		}
		return out
	}
	same := func(s string) string {
		if s == "" {
			return "(unknown)"
		}
		return s
	}
	data.Outlets = link("outlet", p.Query.Outlet, f.Outlets, same)
	data.Entities = link("entity", p.Query.Entity, f.Entities, same)
	// A month facet sets from and to to that month.
	for _, c := range f.Months {
		l := facetLink{Name: c.Name, Label: monthLabel(c.Name), N: c.N}
		if c.Name == "" {
			l.Label = "undated"
		}
		active := c.Name != "" && p.raw.Get("from") == c.Name && p.raw.Get("to") == c.Name
		l.Active = active
		u := url.Values{}
		maps.Copy(u, p.raw)
		switch {
		case active:
			u.Del("from")
			u.Del("to")
			l.URL = "/search?" + u.Encode()
		case c.Name != "":
			u.Set("from", c.Name)
			u.Set("to", c.Name)
			l.URL = "/search?" + u.Encode()
		}
		data.Months = append(data.Months, l)
	}
	for _, k := range []string{"outlet", "entity", "from", "to"} {
		if v := p.raw.Get(k); v != "" {
			data.Active = append(data.Active, facetLink{Name: k, Label: k + ": " + v, URL: with(p.raw, k, "")})
		}
	}
	s.renderPage(w, r, http.StatusOK, "search", data)
	return nil
}

func monthLabel(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("Jan 2006")
}

type documentPage struct {
	Doc       news.Doc
	Place     store.DocPlace
	Story     *news.Story
	Body      template.HTML
	Quotes    []news.Quote
	Citations []news.Citation
	Lines     []news.Line
	People    []entityCount
	Raw       string
}

type entityCount struct {
	Name string
	Type string
	N    int
}

func (p documentPage) title() (string, string) {
	if p.Doc.Title != "" {
		return p.Doc.Title, "search"
	}
	return p.Doc.ID, "search"
}

func (s *Server) uiDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := docID(r)
	if err != nil {
		return err
	}
	d, err := s.st.Doc(r.Context(), id)
	if err != nil {
		return err
	}
	data := documentPage{Doc: d, Body: annotate(d), Quotes: d.Quotes, Citations: d.Citations, Lines: d.Lines,
		Raw: "/api/v1/documents/" + d.ID + "/raw"}
	if pl, err := s.st.Placement(r.Context(), d.ID); err == nil {
		data.Place = pl
		if pl.Story != "" {
			if st, err := s.st.Story(r.Context(), pl.Story); err == nil {
				data.Story = &st
			}
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	seen := map[string]int{}
	for _, e := range d.Entities {
		name := e.Canonical
		if name == "" {
			name = e.Text
		}
		if i, ok := seen[name]; ok {
			data.People[i].N++
			continue
		}
		seen[name] = len(data.People)
		data.People = append(data.People, entityCount{name, e.Type, 1})
	}
	s.renderPage(w, r, http.StatusOK, "document", data)
	return nil
}

type entityPage struct {
	E       store.EntityReport
	By      []store.QuoteHit
	About   []store.QuoteHit
	Chart   template.HTML
	Changed int
	Edited  string
}

func (p entityPage) title() (string, string) { return p.E.Name, "search" }

func (s *Server) uiEntity(w http.ResponseWriter, r *http.Request) error {
	name, err := entityName(r)
	if err != nil {
		return err
	}
	e, err := s.entity(r, store.EntityQuery{Name: name, Contexts: 8, Related: 12})
	if err != nil {
		return err
	}
	by, err := s.st.Quotes(r.Context(), store.QuoteQuery{By: e.Name, Limit: 10})
	if err != nil {
		return err
	}
	about, err := s.st.Quotes(r.Context(), store.QuoteQuery{About: e.Name, Limit: 10})
	if err != nil {
		return err
	}
	data := entityPage{E: e, By: by, About: about, Chart: monthChart(e.Months), Edited: r.URL.Query().Get("edited")}
	s.renderPage(w, r, http.StatusOK, "entity", data)
	return nil
}

func (s *Server) uiEdit(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	req := editRequest{Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"), Form: r.PostFormValue("form"), To: r.PostFormValue("to")}
	e, err := req.edit()
	if err != nil {
		return err
	}
	if _, err := s.st.Entity(r.Context(), store.EntityQuery{Name: e.Name, Contexts: 1, Related: 1}); err != nil {
		return err
	}
	e.Time = s.opts.Now()
	if _, err := s.st.EditEntity(r.Context(), e); err != nil {
		return err
	}
	s.reports.clear()
	s.facets.clear()
	target := e.To
	if e.Kind == store.EditSplit {
		target = e.Name
	}
	http.Redirect(w, r, entityURL(target)+"?edited="+url.QueryEscape(req.Kind), http.StatusSeeOther)
	return nil
}

type ingestPage struct {
	Result *ingestResponse
	Max    int64
}

func (ingestPage) title() (string, string) { return "Add documents", "ingest" }

func (s *Server) uiIngest(w http.ResponseWriter, r *http.Request) error {
	s.renderPage(w, r, http.StatusOK, "ingest", ingestPage{Max: s.opts.MaxUpload >> 20})
	return nil
}

// uiIngestForm takes the files of the ingest form when the page's script
// does not run (it uploads each file to the API instead).
func (s *Server) uiIngestForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return badRequest("expected a multipart form with files")
	}
	var (
		all     ingestResponse
		checked bool
	)
	all.Documents = []ingestRecord{}
	for {
		part, err := mr.NextPart()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return badRequest("malformed upload: %v", err)
		}
		switch {
		case part.FormName() == csrfField:
			b, err := io.ReadAll(io.LimitReader(part, 200))
			if err != nil {
				return badRequest("malformed upload: %v", err)
			}
			if !validCSRF(r, strings.TrimSpace(string(b))) {
				return &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: "the form's CSRF token is missing or wrong; reload the page and try again"}
			}
			checked = true
		case part.FormName() == "files" && part.FileName() != "":
			if !checked {
				return &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: "the form's CSRF token must come before the files"}
			}
			name, err := uploadName(part.FileName())
			if err != nil {
				return err
			}
			resp, err := s.ingest(r, name, part)
			if err != nil {
				if he := classify(err); he.Status < 500 {
					all.Documents = append(all.Documents, ingestRecord{Source: name, Status: StatusFailed, Reason: nullable(he.Message)})
					all.Failed++
					continue
				}
				return err
			}
			all.Documents = append(all.Documents, resp.Documents...)
			all.New += resp.New
			all.Duplicate += resp.Duplicate
			all.Failed += resp.Failed
		}
	}
	if !checked {
		return &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: "the form's CSRF token is missing"}
	}
	s.renderPage(w, r, http.StatusOK, "ingest", ingestPage{Result: &all, Max: s.opts.MaxUpload >> 20})
	return nil
}

type watchesPage struct {
	Watches []store.Watch
	Alerts  []store.Alert
	Next    string
}

func (watchesPage) title() (string, string) { return "Watches and alerts", "watches" }

func (s *Server) uiWatches(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.st.Watches(r.Context())
	if err != nil {
		return err
	}
	hash := queryHash("ui alerts")
	before, err := decodeCursor(r.URL.Query().Get("cursor"), hash)
	if err != nil {
		return err
	}
	as, err := s.st.Alerts(r.Context(), store.AlertQuery{Before: before, Limit: 50})
	if err != nil {
		return err
	}
	data := watchesPage{Watches: ws, Alerts: as}
	if len(as) == 50 {
		data.Next = "/watches?cursor=" + encodeCursor(as[len(as)-1].ID, hash)
	}
	s.renderPage(w, r, http.StatusOK, "watches", data)
	return nil
}

func (s *Server) uiPutWatch(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	req := watchRequest{Kind: r.PostFormValue("kind"), Target: r.PostFormValue("target"), Name: r.PostFormValue("name"), Webhook: r.PostFormValue("webhook")}
	wt, err := s.checkWatch(r, req)
	if err != nil {
		return err
	}
	if _, err := s.st.PutWatch(r.Context(), wt); err != nil {
		return err
	}
	http.Redirect(w, r, "/watches", http.StatusSeeOther)
	return nil
}

func (s *Server) uiDeleteWatch(w http.ResponseWriter, r *http.Request) error {
	if err := s.checkForm(w, r); err != nil {
		return err
	}
	id, err := watchID(r)
	if err != nil {
		return err
	}
	if err := s.st.DeleteWatch(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/watches", http.StatusSeeOther)
	return nil
}

type storiesPage struct {
	Stories []news.Story
	Next    string
}

func (storiesPage) title() (string, string) { return "Stories", "stories" }

func (s *Server) uiStories(w http.ResponseWriter, r *http.Request) error {
	hash := queryHash("ui stories")
	off, err := decodeCursor(r.URL.Query().Get("cursor"), hash)
	if err != nil {
		return err
	}
	if off > maxOffset {
		return badRequest("bad cursor: paging stops after %d stories", maxOffset)
	}
	list, err := s.st.Stories(r.Context(), store.StoryQuery{Limit: 30, Offset: int(off)})
	if err != nil {
		return err
	}
	data := storiesPage{Stories: list}
	if len(list) == 30 {
		data.Next = "/stories?cursor=" + encodeCursor(off+30, hash)
	}
	s.renderPage(w, r, http.StatusOK, "stories", data)
	return nil
}

// outletColumn is one outlet's articles in an event, for the side-by-side
// view.
type outletColumn struct {
	Outlet   string
	Articles []articleView
}

// articleView is an article of a storyline with its citation number in
// the brief and its headline verdict.
type articleView struct {
	news.StoryArticle
	Cite citeRef
}

// citeRef is an article as the brief cites it: [N], by outlet.
type citeRef struct {
	N       int
	ID      string
	Outlet  string
	Title   string
	Verdict string
}

type eventView struct {
	news.Event
	Outlets []outletColumn
}

// briefEvent is the brief's sentences about one event.
type briefEvent struct {
	Date      time.Time
	Title     string
	Sentences []briefLine
}

type briefLine struct {
	Text  string
	Cites []citeRef
}

// claimView is a claim with the outlets and articles that make it.
type claimView struct {
	Text    string
	Outlets []string
	Cites   []citeRef
}

type conflictView struct {
	Kind, Detail string
	A, B         conflictSide
}

type conflictSide struct {
	Cite citeRef
	Text string
}

type storyPage struct {
	S           news.Story
	Events      []eventView
	HasBrief    bool
	BriefFailed bool
	Brief       []briefEvent
	Shared      []claimView // claims made by several outlets
	Single      []claimView // claims made by one outlet
	Conflicts   []conflictView
	// SingleMore and ConflictsMore are folded away on the page.
	SingleMore    []claimView
	ConflictsMore []conflictView
	Sources       []citeRef // every article of the storyline, by number
}

func (p storyPage) title() (string, string) { return p.S.Title, "stories" }

func (s *Server) uiStory(w http.ResponseWriter, r *http.Request) error {
	id, err := storyID(r)
	if err != nil {
		return err
	}
	st, err := s.st.Story(r.Context(), id)
	if err != nil {
		return err
	}
	b, ok, err := s.brief(r.Context(), st)
	if err != nil {
		// The timeline is worth showing without its brief.
		s.opts.Logger.Warn("story brief", "story", st.ID, "err", err)
	}
	data := newStoryPage(st, b, ok)
	data.BriefFailed = err != nil
	s.renderPage(w, r, http.StatusOK, "story", data)
	return nil
}

// Claims made by one outlet and conflicts beyond these many are folded
// away (a storyline of many articles has dozens).
const (
	foldClaims    = 8
	foldConflicts = 5
)

// newStoryPage lays out a storyline and its brief: articles are numbered
// down the timeline (event by event, outlet by outlet), so that a
// sentence's [1] [2] lead to its sources.
func newStoryPage(st news.Story, b StoryBrief, hasBrief bool) storyPage {
	data := storyPage{S: st, HasBrief: hasBrief}
	evs := map[string]news.Event{}
	refs := map[string]citeRef{}
	for _, ev := range st.Events {
		evs[ev.ID] = ev
		v := eventView{Event: ev}
		at := map[string]int{}
		for _, a := range ev.Articles {
			o := either(a.Outlet, "unknown outlet")
			i, ok := at[o]
			if !ok {
				i = len(v.Outlets)
				at[o] = i
				v.Outlets = append(v.Outlets, outletColumn{Outlet: o})
			}
			v.Outlets[i].Articles = append(v.Outlets[i].Articles, articleView{StoryArticle: a})
		}
		for oi := range v.Outlets {
			for ai := range v.Outlets[oi].Articles {
				a := &v.Outlets[oi].Articles[ai]
				a.Cite = citeRef{N: len(data.Sources) + 1, ID: a.ID, Outlet: v.Outlets[oi].Outlet, Title: either(a.Title, a.ID), Verdict: b.Verdicts[a.ID]}
				refs[a.ID] = a.Cite
				data.Sources = append(data.Sources, a.Cite)
			}
		}
		data.Events = append(data.Events, v)
	}
	cite := func(id string) citeRef {
		if c, ok := refs[id]; ok {
			return c
		}
		return citeRef{ID: id, Outlet: "unknown outlet", Title: id} // not in the storyline: no number
	}
	cites := func(ids []string) []citeRef {
		out := make([]citeRef, 0, len(ids))
		for _, id := range ids {
			out = append(out, cite(id))
		}
		slices.SortStableFunc(out, func(x, y citeRef) int { return x.N - y.N })
		return out
	}
	for i, x := range b.Sentences {
		if i == 0 || x.Event != b.Sentences[i-1].Event {
			data.Brief = append(data.Brief, briefEvent{Date: evs[x.Event].First, Title: evs[x.Event].Title})
		}
		last := &data.Brief[len(data.Brief)-1]
		last.Sentences = append(last.Sentences, briefLine{Text: x.Text, Cites: cites(x.Sources)})
	}
	for _, c := range b.Claims {
		v := claimView{Text: c.Text, Cites: cites(c.Articles)}
		for _, r := range v.Cites {
			if !slices.Contains(v.Outlets, r.Outlet) {
				v.Outlets = append(v.Outlets, r.Outlet)
			}
		}
		if len(v.Outlets) > 1 {
			data.Shared = append(data.Shared, v)
		} else {
			data.Single = append(data.Single, v)
		}
	}
	for _, c := range b.Conflicts {
		data.Conflicts = append(data.Conflicts, conflictView{Kind: c.Kind, Detail: c.Detail,
			A: conflictSide{cite(c.A.Doc), c.A.Text}, B: conflictSide{cite(c.B.Doc), c.B.Text}})
	}
	if len(data.Single) > foldClaims {
		data.Single, data.SingleMore = data.Single[:foldClaims], data.Single[foldClaims:]
	}
	if len(data.Conflicts) > foldConflicts {
		data.Conflicts, data.ConflictsMore = data.Conflicts[:foldConflicts], data.Conflicts[foldConflicts:]
	}
	return data
}

func either(a, b string) string {
	if a == "" {
		return b
	}
	return a
}
