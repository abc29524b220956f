package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
)

func TestUI_pages(t *testing.T) {
	st := openStore(t)
	items := seed(t, st)
	_, ts := newTestServer(t, Options{Store: st})
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"home", "/", []string{"Search 3 stored documents"}},
		{"search with facets and marks", "/search?q=dredging", []string{
			"Results for “dredging”", "3 matching documents", "<mark>dredging</mark>", "Coast Post</a> <span class=\"n\">2</span>",
			"Jan 2026", "Watch this search"}},
		{"search filtered by a facet", "/search?q=dredging&outlet=Valley+Times", []string{"1 matching document", "outlet: Valley Times ✕"}},
		{"search nothing", "/search?q=zeppelin", []string{"Nothing matches"}},
		{"article", "/documents/" + items[0].Doc.ID, []string{
			"<h1>Harbour Board delays the dredging</h1>",
			`<a class="ent org" href="/entities/Harbour%20Board" title="ORG · Harbour Board">Harbour Board</a>`,
			`<q class="quote direct" title="direct quote · Ana Lind">We need the survey first</q>`,
			`— <a href="/entities/Ana%20Lind">Ana Lind</a>`}},
		{"entity", "/entities/Harbour%20Board", []string{"<h1>Harbour Board</h1>", "named 3 times in 3 documents",
			`<svg class="chart"`, "Jan 2026: 1 document", "Feb 2026: 2 documents", "Ana Lind", "Merge into another"}},
		{"stories", "/stories", []string{"Harbour Board delays the dredging", "2 events · 2 articles · 1 outlet", "Dredging plan draws criticism"}},
		{"story", "/stories/" + items[0].Place.Story, []string{"Timeline", "12 Jan 2026", "Spring dredging confirmed", "<h4>Coast Post</h4>", "Watch this story"}},
		{"story brief", "/stories/" + items[0].Place.Story, []string{
			`<h2 id="brief-h">Brief</h2>`,
			`<span class="brief-sentence">The Harbour Board said on Monday that dredging of the north channel would wait until spring<span class="cites"><a class="cite-ref" href="#src-1" title="Coast Post: Harbour Board delays the dredging">[1]</a></span></span>`,
			`<h3>Reported by one outlet</h3>`, "only Coast Post",
			`<span class="tag warn">date</span> spring / April`,
			`<li id="src-1"><span class="n">[1]</span> <a href="/documents/` + items[0].Doc.ID + `">Harbour Board delays the dredging</a> <span class="verdict supported"`,
			`<li id="src-2"><span class="n">[2]</span> <a href="/documents/` + items[2].Doc.ID + `">Spring dredging confirmed</a> <span class="verdict overstated"`}},
		{"article headline verdict", "/documents/" + items[0].Doc.ID, []string{
			"<h2>Headline</h2>", `<span class="verdict supported"`, "1 evidence sentence",
			`<mark class="evidence" title="evidence for the headline verdict: supported">The </mark>`}},
		{"article in its story", "/documents/" + items[2].Doc.ID, []string{"<h2>Story</h2>", `href="/stories/` + items[0].Place.Story + `"`}},
		{"ingest", "/ingest", []string{"Add documents", `type="file" multiple`}},
		{"watches", "/watches", []string{"Watches and alerts", "No watches yet"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body, h := do(t, ts, "GET", tc.path, "", nil)
			if status != http.StatusOK {
				t.Fatalf("GET %s: %d", tc.path, status)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s: CSP %q", tc.path, csp)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: page lacks %q", tc.path, w)
				}
			}
			if strings.Contains(body, "style=") {
				t.Errorf("GET %s: inline style attribute (the CSP forbids it)", tc.path)
			}
		})
	}
	// When the brief fails, the story page still shows its timeline.
	_, bare := newTestServer(t, Options{Store: st, Brief: func(context.Context, news.Story) (StoryBrief, error) {
		return StoryBrief{}, errors.New("disk on fire")
	}})
	if status, body, _ := do(t, bare, "GET", "/stories/"+items[0].Place.Story, "", nil); status != http.StatusOK ||
		!strings.Contains(body, "The brief of this story could not be built.") || !strings.Contains(body, "Spring dredging confirmed") {
		t.Errorf("GET story page with a failing briefer: %d; want the timeline and a notice:\n%s", status, body)
	}
	if status, body, _ := do(t, ts, "GET", "/documents/0000000000000000", "", nil); status != 404 || !strings.Contains(body, "not_found") {
		t.Errorf("GET unknown document page: %d; want a 404 page", status)
	}
}

// TestUI_ingestForm posts the ingest form as a browser without script does.
func TestUI_ingestForm(t *testing.T) {
	st := openStore(t)
	_, ts := newTestServer(t, Options{Store: st})
	_, _, h := do(t, ts, "GET", "/ingest", "", nil)
	csrf := cookieValue(h, csrfCookie)
	body := "--X\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n" +
		"--X\r\nContent-Disposition: form-data; name=\"files\"; filename=\"note.txt\"\r\n\r\nTide tables published\nThe Harbour Board published the tide tables.\r\n" +
		"--X\r\nContent-Disposition: form-data; name=\"files\"; filename=\"again.txt\"\r\n\r\nTide tables published\nThe Harbour Board published the tide tables.\r\n--X--\r\n"
	status, page, _ := do(t, ts, "POST", "/ingest", body, http.Header{"Content-Type": {"multipart/form-data; boundary=X"}, "Cookie": {csrfCookie + "=" + csrf}})
	if status != 200 || !strings.Contains(page, "Done: 1 new, 1 duplicate, 0 failed.") || !strings.Contains(page, "Tide tables published</a>") {
		t.Errorf("POST /ingest: %d; want the report of one new document and one duplicate:\n%s", status, page)
	}
}

func TestUI_secureCookies(t *testing.T) {
	st := openStore(t)
	_, ts := newTestServer(t, Options{Store: st, Insecure: true})
	for _, tc := range []struct {
		name   string
		header http.Header
		want   bool
	}{
		{"plain HTTP", nil, false},
		{"behind an HTTPS proxy", http.Header{"X-Forwarded-Proto": {"https"}}, true},
	} {
		_, _, h := do(t, ts, "GET", "/ingest", "", tc.header)
		c := h.Get("Set-Cookie")
		if got := strings.Contains(c, "; Secure"); got != tc.want || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Strict") {
			t.Errorf("%s: CSRF cookie %q; want Secure %v, HttpOnly, SameSite=Strict", tc.name, c, tc.want)
		}
	}
}

// TestNewStoryPage checks the numbering of citations and the grouping of
// claims by how many outlets make them.
func TestNewStoryPage(t *testing.T) {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	st := news.Story{ID: "s1", Title: "Bridge closed", Events: []news.Event{
		{ID: "e1", Title: "Bridge closed", First: day, Articles: []news.StoryArticle{
			{ID: "d1", Outlet: "North News", Title: "Bridge shut"},
			{ID: "d2", Outlet: "South Daily", Title: "Bridge closes"},
			{ID: "d3", Outlet: "South Daily", Title: "Bridge closes", DuplicateOf: "d2"},
		}},
	}}
	b := StoryBrief{
		Sentences: []BriefSentence{{Text: "The bridge closed.", Sources: []string{"d2", "d1"}, Event: "e1"}},
		Claims: []BriefClaim{{Text: "The bridge closed.", Articles: []string{"d1", "d2"}},
			{Text: "Repairs take a month.", Articles: []string{"d2"}}},
		Conflicts: []news.Conflict{{Kind: news.ConflictFigure, Detail: "3 / 4", A: news.Reference{Doc: "d1", Text: "3 weeks."}, B: news.Reference{Doc: "d2", Text: "4 weeks."}}},
		Verdicts:  map[string]string{"d1": news.VerdictOverstated},
	}
	p := newStoryPage(st, b, true)
	d1 := citeRef{N: 1, ID: "d1", Outlet: "North News", Title: "Bridge shut", Verdict: news.VerdictOverstated}
	d2 := citeRef{N: 2, ID: "d2", Outlet: "South Daily", Title: "Bridge closes"}
	d3 := citeRef{N: 3, ID: "d3", Outlet: "South Daily", Title: "Bridge closes"}
	want := storyPage{S: st, HasBrief: true,
		Brief:     []briefEvent{{Date: day, Title: "Bridge closed", Sentences: []briefLine{{Text: "The bridge closed.", Cites: []citeRef{d1, d2}}}}},
		Shared:    []claimView{{Text: "The bridge closed.", Outlets: []string{"North News", "South Daily"}, Cites: []citeRef{d1, d2}}},
		Single:    []claimView{{Text: "Repairs take a month.", Outlets: []string{"South Daily"}, Cites: []citeRef{d2}}},
		Conflicts: []conflictView{{Kind: news.ConflictFigure, Detail: "3 / 4", A: conflictSide{d1, "3 weeks."}, B: conflictSide{d2, "4 weeks."}}},
		Sources:   []citeRef{d1, d2, d3},
		Events: []eventView{{Event: st.Events[0], Outlets: []outletColumn{
			{Outlet: "North News", Articles: []articleView{{st.Events[0].Articles[0], d1}}},
			{Outlet: "South Daily", Articles: []articleView{{st.Events[0].Articles[1], d2}, {st.Events[0].Articles[2], d3}}},
		}}},
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("newStoryPage (-want +got):\n%s", diff)
	}
}
