package web

import (
	"net/http"
	"strings"
	"testing"
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
