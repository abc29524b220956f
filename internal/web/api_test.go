package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// errorCode returns the code of an error envelope, or "" if body is not one.
func errorCode(t *testing.T, body string) string {
	t.Helper()
	var e errorBody
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error.Message == "" {
		return ""
	}
	return e.Error.Code
}

func TestAPI_badRequests(t *testing.T) {
	st := openStore(t)
	items := seed(t, st)
	_, ts := newTestServer(t, Options{Store: st, MaxJSON: 256, MaxUpload: 1024})
	otherCursor := encodeCursor(20, queryHash("not", "this", "query"))
	json := http.Header{"Content-Type": {"application/json"}}
	for _, tc := range []struct {
		name, method, path, body string
		header                   http.Header
		status                   int
		code                     string
	}{
		{"oversized upload", "POST", "/api/v1/documents?name=big.txt", strings.Repeat("x", 2000), nil, 413, codeBadRequest},
		{"empty upload", "POST", "/api/v1/documents", "", nil, 400, codeBadRequest},
		{"upload name with NUL", "POST", "/api/v1/documents?name=a%00b", "Title\nBody", nil, 400, codeBadRequest},
		{"oversized JSON", "POST", "/api/v1/watches", `{"kind":"search","target":"` + strings.Repeat("x", 400) + `"}`, json, 413, codeBadRequest},
		{"malformed JSON", "POST", "/api/v1/watches", `{"kind":"search",`, json, 400, codeBadRequest},
		{"JSON not an object", "POST", "/api/v1/watches", `["search"]`, json, 400, codeBadRequest},
		{"unknown field", "POST", "/api/v1/watches", `{"kind":"search","target":"x","admin":true}`, json, 400, codeBadRequest},
		{"two JSON values", "POST", "/api/v1/watches", `{"kind":"search","target":"x"} {}`, json, 400, codeBadRequest},
		{"empty JSON body", "POST", "/api/v1/watches", ``, json, 400, codeBadRequest},
		{"not JSON content type", "POST", "/api/v1/watches", `{"kind":"search","target":"x"}`, http.Header{"Content-Type": {"text/plain"}}, 415, codeBadRequest},
		{"unknown watch kind", "POST", "/api/v1/watches", `{"kind":"story","target":"x"}`, json, 400, codeBadRequest},
		{"watch without target", "POST", "/api/v1/watches", `{"kind":"search","target":"  "}`, json, 400, codeBadRequest},
		{"webhook not http", "POST", "/api/v1/watches", `{"kind":"search","target":"x","webhook":"file:///etc/passwd"}`, json, 400, codeBadRequest},
		{"edit unknown kind", "POST", "/api/v1/entities/edits", `{"kind":"delete","name":"Harbour Board","to":"x"}`, json, 400, codeBadRequest},
		{"edit split without form", "POST", "/api/v1/entities/edits", `{"kind":"split","name":"Harbour Board","to":"x"}`, json, 400, codeBadRequest},
		{"edit of unknown entity", "POST", "/api/v1/entities/edits", `{"kind":"rename","name":"Nobody At All","to":"x"}`, json, 404, codeNotFound},
		{"edit with control character", "POST", "/api/v1/entities/edits", `{"kind":"rename","name":"Harbour Board","to":"a\u0000b"}`, json, 400, codeBadRequest},
		{"cursor garbage", "GET", "/api/v1/search?q=dredging&cursor=%%%", "", nil, 400, codeBadRequest},
		{"cursor not base64", "GET", "/api/v1/search?q=dredging&cursor=!!!!", "", nil, 400, codeBadRequest},
		{"cursor of another query", "GET", "/api/v1/search?q=dredging&cursor=" + otherCursor, "", nil, 400, codeBadRequest},
		{"cursor with unknown field", "GET", "/api/v1/search?q=dredging&cursor=" + b64(`{"p":20,"h":1,"x":1}`), "", nil, 400, codeBadRequest},
		{"cursor negative", "GET", "/api/v1/search?q=dredging&cursor=" + b64(`{"p":-5,"h":1}`), "", nil, 400, codeBadRequest},
		{"quotes cursor from search", "GET", "/api/v1/quotes?by=Ana&cursor=" + encodeCursor(20, queryHash("dredging", "", "", "", "", "20")), "", nil, 400, codeBadRequest},
		{"alerts cursor garbage", "GET", "/api/v1/alerts?cursor=abc", "", nil, 400, codeBadRequest},
		{"search without q", "GET", "/api/v1/search", "", nil, 400, codeBadRequest},
		{"search bad date", "GET", "/api/v1/search?q=x&from=yesterday", "", nil, 400, codeBadRequest},
		{"search limit zero", "GET", "/api/v1/search?q=x&limit=0", "", nil, 400, codeBadRequest},
		{"search limit huge", "GET", "/api/v1/search?q=x&limit=100000", "", nil, 400, codeBadRequest},
		{"search q too long", "GET", "/api/v1/search?q=" + strings.Repeat("a", 600), "", nil, 400, codeBadRequest},
		{"search q invalid UTF-8", "GET", "/api/v1/search?q=%ff%fe", "", nil, 400, codeBadRequest},
		{"id with dot dot", "GET", "/api/v1/documents/../../etc/passwd", "", nil, 400, codeBadRequest},
		{"id with encoded dot dot slash", "GET", "/api/v1/documents/..%2f..%2fetc%2fpasswd", "", nil, 400, codeBadRequest},
		{"id with encoded slash", "GET", "/api/v1/documents/" + items[0].Doc.ID[:8] + "%2F" + items[0].Doc.ID[8:], "", nil, 400, codeBadRequest},
		{"id with encoded backslash", "GET", "/api/v1/documents/ab%5Ccd", "", nil, 400, codeBadRequest},
		{"id with NUL", "GET", "/api/v1/documents/" + items[0].Doc.ID + "%00", "", nil, 400, codeBadRequest},
		{"raw with NUL", "GET", "/api/v1/documents/%00/raw", "", nil, 400, codeBadRequest},
		{"id not hex", "GET", "/api/v1/documents/zzzz", "", nil, 400, codeBadRequest},
		{"id too long", "GET", "/api/v1/documents/" + strings.Repeat("a", 40), "", nil, 400, codeBadRequest},
		{"id upper case", "GET", "/api/v1/documents/" + strings.ToUpper(items[0].Doc.ID), "", nil, 400, codeBadRequest},
		{"id unknown", "GET", "/api/v1/documents/0000000000000000", "", nil, 404, codeNotFound},
		{"double slash", "GET", "/api/v1//documents/abc", "", nil, 400, codeBadRequest},
		{"entity with NUL", "GET", "/api/v1/entities/Harbour%00Board", "", nil, 400, codeBadRequest},
		{"entity unknown", "GET", "/api/v1/entities/Nobody%20At%20All", "", nil, 404, codeNotFound},
		{"watch id not a number", "DELETE", "/api/v1/watches/abc", "", nil, 400, codeBadRequest},
		{"watch id unknown", "DELETE", "/api/v1/watches/999", "", nil, 404, codeNotFound},
		{"unknown API route", "GET", "/api/v1/secrets", "", nil, 404, codeNotFound},
		{"story id not an id", "GET", "/api/v1/stories/..%2Fx", "", nil, 400, codeBadRequest},
		{"story id of a document", "GET", "/api/v1/stories/" + items[0].Doc.ID, "", nil, 400, codeBadRequest},
		{"story unknown", "GET", "/api/v1/stories/s0000000000000000", "", nil, 404, codeNotFound},
		{"stories cursor garbage", "GET", "/api/v1/stories?cursor=xyz", "", nil, 400, codeBadRequest},
		{"watch of an unknown story", "POST", "/api/v1/watches", `{"kind":"story","target":"s0000000000000000"}`, json, 404, codeNotFound},
		{"watch of a story by a bad ID", "POST", "/api/v1/watches", `{"kind":"story","target":"../x"}`, json, 400, codeBadRequest},
		{"wrong method", "PUT", "/api/v1/documents", "x", nil, 404, codeNotFound},
		{"cross-site API post", "POST", "/api/v1/watches", `{"kind":"search","target":"x"}`,
			http.Header{"Content-Type": {"application/json"}, "Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}, 403, codeForbidden},
		{"cross-site form post", "POST", "/watches", "kind=search&target=x&csrf=whatever",
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {"https://evil.example"}}, 403, codeForbidden},
		{"form post without CSRF token", "POST", "/watches", "kind=search&target=x",
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, 403, codeForbidden},
		{"form post with a CSRF token but no cookie", "POST", "/entities/edits", "kind=rename&name=Harbour+Board&to=x&csrf=" + strings.Repeat("a", 32),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, 403, codeForbidden},
		{"form post with the wrong CSRF token", "POST", "/watches", "kind=search&target=x&csrf=" + strings.Repeat("a", 32),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Cookie": {csrfCookie + "=" + strings.Repeat("b", 32)}}, 403, codeForbidden},
		{"ingest form without CSRF token", "POST", "/ingest", "--X\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nTitle\nBody\r\n--X--\r\n",
			http.Header{"Content-Type": {"multipart/form-data; boundary=X"}}, 403, codeForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body, _ := do(t, ts, tc.method, tc.path, tc.body, tc.header)
			if status != tc.status {
				t.Errorf("%s %s: status %d, want %d; body %s", tc.method, tc.path, status, tc.status, body)
			}
			if strings.HasPrefix(tc.path, "/api/") {
				if got := errorCode(t, body); got != tc.code {
					t.Errorf("%s %s: error code %q, want %q; body %s", tc.method, tc.path, got, tc.code, body)
				}
			} else if !strings.Contains(body, tc.code) {
				t.Errorf("%s %s: page does not show the code %q: %s", tc.method, tc.path, tc.code, body)
			}
		})
	}
	// Nothing a rejected request sent was stored.
	stats, err := st.Stats(t.Context())
	if err != nil || stats.Documents != len(items) {
		t.Errorf("Stats = %+v, %v; want %d documents (nothing added)", stats, err, len(items))
	}
	if ws, err := st.Watches(t.Context()); err != nil || len(ws) != 0 {
		t.Errorf("Watches = %+v, %v; want none", ws, err)
	}
	if es, err := st.EntityEdits(t.Context()); err != nil || len(es) != 0 {
		t.Errorf("EntityEdits = %+v, %v; want none", es, err)
	}
}

func TestAPI_token(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	_, ts := newTestServer(t, Options{Store: st, Token: "s3cret-token"})
	json := http.Header{"Content-Type": {"application/json"}}
	for _, tc := range []struct {
		name, method, path, body string
		header                   http.Header
		status                   int
		code                     string
	}{
		{"missing token", "GET", "/api/v1/search?q=dredging", "", nil, 401, codeUnauthorized},
		{"wrong token", "GET", "/api/v1/search?q=dredging", "", http.Header{"Authorization": {"Bearer nope"}}, 401, codeUnauthorized},
		{"not a bearer token", "GET", "/api/v1/search?q=dredging", "", http.Header{"Authorization": {"Basic czNjcmV0LXRva2Vu"}}, 401, codeUnauthorized},
		{"forged session", "GET", "/api/v1/search?q=dredging", "", http.Header{"Cookie": {sessionCookie + "=99999999999.AAAA"}}, 401, codeUnauthorized},
		{"missing token on a write", "POST", "/api/v1/watches", `{"kind":"search","target":"x"}`, json, 401, codeUnauthorized},
		{"missing token on metrics", "GET", "/metrics", "", nil, 401, codeUnauthorized},
		{"missing token on upload", "POST", "/api/v1/documents", "Title\nBody", nil, 401, codeUnauthorized},
		{"right token", "GET", "/api/v1/search?q=dredging", "", http.Header{"Authorization": {"Bearer s3cret-token"}}, 200, ""},
		{"health needs no token", "GET", "/healthz", "", nil, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body, _ := do(t, ts, tc.method, tc.path, tc.body, tc.header)
			if status != tc.status {
				t.Errorf("%s %s: status %d, want %d; body %s", tc.method, tc.path, status, tc.status, body)
			}
			if tc.code != "" && errorCode(t, body) != tc.code {
				t.Errorf("%s %s: body %s, want error code %q", tc.method, tc.path, body, tc.code)
			}
		})
	}
	// A page without a session redirects to the login form.
	status, _, h := do(t, ts, "GET", "/search?q=dredging", "", nil)
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login?next=") {
		t.Errorf("GET /search without a session: %d to %q, want 303 to /login", status, h.Get("Location"))
	}
	if ws, _ := st.Watches(t.Context()); len(ws) != 0 {
		t.Errorf("a refused request stored watches: %+v", ws)
	}
}

func TestUI_loginSession(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	_, ts := newTestServer(t, Options{Store: st, Token: "s3cret-token"})
	// The login page sets the CSRF cookie and puts the token in the form.
	status, body, h := do(t, ts, "GET", "/login?next=/search%3Fq%3Ddredging", "", nil)
	if status != 200 {
		t.Fatalf("GET /login: %d", status)
	}
	csrf := cookieValue(h, csrfCookie)
	if csrf == "" || !strings.Contains(body, `value="`+csrf+`"`) {
		t.Fatalf("GET /login: no CSRF cookie, or the form lacks it")
	}
	form := func(v url.Values) string { return v.Encode() }
	hdr := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Cookie": {csrfCookie + "=" + csrf}}
	status, body, _ = do(t, ts, "POST", "/login", form(url.Values{"csrf": {csrf}, "token": {"wrong"}, "next": {"/"}}), hdr)
	if status != http.StatusUnauthorized || !strings.Contains(body, "not right") {
		t.Errorf("POST /login with a wrong token: %d, want 401 and the form again", status)
	}
	status, _, h = do(t, ts, "POST", "/login", form(url.Values{"csrf": {csrf}, "token": {"s3cret-token"}, "next": {"//evil.example/"}}), hdr)
	session := cookieValue(h, sessionCookie)
	if status != http.StatusSeeOther || session == "" || h.Get("Location") != "/" {
		t.Fatalf("POST /login: %d to %q, session %q; want 303 to / (not another site) with a session", status, h.Get("Location"), session)
	}
	for _, c := range h.Values("Set-Cookie") {
		if strings.HasPrefix(c, sessionCookie+"=") && (!strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax")) {
			t.Errorf("session cookie %q: want HttpOnly and SameSite", c)
		}
	}
	cookies := csrfCookie + "=" + csrf + "; " + sessionCookie + "=" + session
	status, body, _ = do(t, ts, "GET", "/search?q=dredging", "", http.Header{"Cookie": {cookies}})
	if status != 200 || !strings.Contains(body, "Spring dredging confirmed") {
		t.Errorf("GET /search with a session: %d; want the results", status)
	}
	// An API write with the session cookie needs the CSRF header.
	jh := http.Header{"Cookie": {cookies}, "Content-Type": {"application/json"}}
	if status, body, _ := do(t, ts, "POST", "/api/v1/watches", `{"kind":"search","target":"dredging"}`, jh); status != 403 || errorCode(t, body) != codeForbidden {
		t.Errorf("session API write without %s: %d %s; want 403 forbidden", csrfHeader, status, body)
	}
	jh.Set(csrfHeader, csrf)
	if status, body, _ := do(t, ts, "POST", "/api/v1/watches", `{"kind":"search","target":"dredging"}`, jh); status != 201 {
		t.Errorf("session API write with %s: %d %s; want 201", csrfHeader, status, body)
	}
}

func cookieValue(h http.Header, name string) string {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestAPI_flow(t *testing.T) {
	st := openStore(t)
	items := seed(t, st)
	_, ts := newTestServer(t, Options{Store: st})
	get := func(path string, v any) {
		t.Helper()
		status, body, h := do(t, ts, "GET", path, "", nil)
		if status != 200 {
			t.Fatalf("GET %s: %d %s", path, status, body)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s: Content-Type %q", path, h.Get("Content-Type"))
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	// Search pages by cursor; facets count every match.
	var page1, page2 searchResponse
	get("/api/v1/search?q=dredging&limit=2", &page1)
	if len(page1.Hits) != 2 || page1.NextCursor == nil {
		t.Fatalf("search page 1 = %+v; want 2 hits and a cursor", page1)
	}
	get("/api/v1/search?q=dredging&limit=2&cursor="+*page1.NextCursor, &page2)
	if len(page2.Hits) != 1 || page2.NextCursor != nil || page2.Hits[0].ID == page1.Hits[0].ID || page2.Hits[0].ID == page1.Hits[1].ID {
		t.Errorf("search page 2 = %+v; want the third hit and no cursor", page2)
	}
	wantFacets := facetsRecord{Matches: 3,
		Outlets:  []countRecord{{"Coast Post", 2}, {"Valley Times", 1}},
		Entities: []countRecord{{"Harbour Board", 3}, {"Ana Lind", 1}},
		Months:   []countRecord{{"2026-01", 1}, {"2026-02", 2}}}
	if diff := cmp.Diff(wantFacets, page1.Facets); diff != "" {
		t.Errorf("facets mismatch (-want +got):\n%s", diff)
	}
	var filtered searchResponse
	get("/api/v1/search?q=dredging&outlet=Coast+Post&from=2026-02&to=2026-02", &filtered)
	if len(filtered.Hits) != 1 || filtered.Hits[0].ID != items[2].Doc.ID {
		t.Errorf("filtered search = %+v; want only %s", filtered.Hits, items[2].Doc.ID)
	}
	// The document is the extract record.
	var doc docRecord
	get("/api/v1/documents/"+items[0].Doc.ID, &doc)
	if doc.ID != items[0].Doc.ID || doc.Title == nil || *doc.Title != "Harbour Board delays the dredging" || len(doc.Quotes) != 1 || *doc.Quotes[0].Speaker != "Ana Lind" {
		t.Errorf("document = %+v", doc)
	}
	status, raw, h := do(t, ts, "GET", "/api/v1/documents/"+items[0].Doc.ID+"/raw", "", nil)
	if status != 200 || raw != string(items[0].Raw.Raw) || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("raw: %d, %q, CSP %q; want the verbatim bytes in a sandbox", status, raw, h.Get("Content-Security-Policy"))
	}
	var ent entityRecord
	get("/api/v1/entities/harbour%20board", &ent)
	if ent.Name != "Harbour Board" || ent.Documents != 3 || len(ent.Months) != 2 {
		t.Errorf("entity = %+v", ent)
	}
	var quotes struct {
		Quotes []quoteHitRecord `json:"quotes"`
	}
	get("/api/v1/quotes?by=Lind", &quotes)
	if len(quotes.Quotes) != 1 || quotes.Quotes[0].Quote.Text != "We need the survey first" {
		t.Errorf("quotes = %+v", quotes)
	}
	// A watch raises an alert for a new matching document, once.
	jh := http.Header{"Content-Type": {"application/json"}}
	status, body, _ := do(t, ts, "POST", "/api/v1/watches", `{"kind":"entity","target":"harbour board","name":"board"}`, jh)
	if status != 201 {
		t.Fatalf("POST watch: %d %s", status, body)
	}
	var w watchRecord
	if err := json.Unmarshal([]byte(body), &w); err != nil || w.ID == 0 || w.Kind != "entity" {
		t.Fatalf("POST watch = %s, %v", body, err)
	}
	up := "Harbour Board hires divers\nThe Harbour Board hired divers to survey the channel."
	for range 2 {
		if status, body, _ := do(t, ts, "POST", "/api/v1/documents?name=d.txt", up, nil); status != 201 && status != 200 {
			t.Fatalf("POST document: %d %s", status, body)
		}
	}
	var alerts struct {
		Alerts []alertRecord `json:"alerts"`
	}
	get("/api/v1/alerts", &alerts)
	if len(alerts.Alerts) != 1 || alerts.Alerts[0].Title == nil || *alerts.Alerts[0].Title != "Harbour Board hires divers" || alerts.Alerts[0].WatchName != "board" {
		t.Errorf("alerts = %+v; want one, for the new document", alerts)
	}
	var edit map[string]any
	status, body, _ = do(t, ts, "POST", "/api/v1/entities/edits", `{"kind":"rename","name":"Harbour Board","to":"Port Board"}`, jh)
	if err := json.Unmarshal([]byte(body), &edit); status != 200 || err != nil || edit["changed"] != float64(4) {
		t.Errorf("POST edit: %d %s; want 4 mentions changed", status, body)
	}
	get("/api/v1/entities/Port%20Board", &ent)
	if ent.Name != "Port Board" || ent.Mentions != 4 {
		t.Errorf("entity after rename = %+v", ent)
	}
	if status, _, _ := do(t, ts, "DELETE", "/api/v1/watches/"+strconv.FormatInt(w.ID, 10), "", nil); status != 204 {
		t.Errorf("DELETE watch: %d, want 204", status)
	}
	// Stories, as `dossier story ID --json` prints them.
	var stories struct {
		Stories []storyRecord `json:"stories"`
	}
	get("/api/v1/stories", &stories)
	if len(stories.Stories) != 2 {
		t.Errorf("stories = %+v; want the two storylines of the seeded documents", stories.Stories)
	}
	var story storyRecord
	get("/api/v1/stories/"+items[0].Place.Story, &story)
	if story.Counts.Events != 2 || story.Counts.Articles != 2 || len(story.Events) != 2 || story.Events[0].Articles[0].ID != items[0].Doc.ID {
		t.Errorf("story = %+v; want two events, a's first", story)
	}
	// Operators' endpoints.
	status, body, _ = do(t, ts, "GET", "/metrics", "", nil)
	if status != 200 || !strings.Contains(body, `dossier_http_requests_total{code="200",route="GET /api/v1/search"}`) {
		t.Errorf("GET /metrics: %d, want request counts by route", status)
	}
	if status, body, _ := do(t, ts, "GET", "/healthz", "", nil); status != 200 || !strings.Contains(body, `"documents":4`) {
		t.Errorf("GET /healthz: %d %s", status, body)
	}
}

// TestAPI_storyBriefCached checks that a storyline is briefed once while it
// is unchanged, and again when an article joins it.
func TestAPI_storyBriefCached(t *testing.T) {
	st := openStore(t)
	items := seed(t, st)
	var calls atomic.Int32
	fake := fakeBriefer(st)
	_, ts := newTestServer(t, Options{Store: st, Brief: func(ctx context.Context, s news.Story) (StoryBrief, error) {
		calls.Add(1)
		return fake(ctx, s)
	}})
	path := "/api/v1/stories/" + items[0].Place.Story
	for range 2 {
		if status, body, _ := do(t, ts, "GET", path, "", nil); status != 200 || !strings.Contains(body, `"conflicts":[{"kind":"date"`) {
			t.Fatalf("GET %s: %d %s", path, status, body)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("two requests of an unchanged storyline briefed it %d times; want 1", n)
	}
	more := textItem("d.txt", "Dredging starts\nThe dredging of the north channel started on Monday.", "Valley Times", time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC))
	more.Place = news.Placement{Event: news.EventID(more.Doc.ID), Story: items[0].Place.Story}
	if _, err := st.Put(context.Background(), []store.Item{more}); err != nil {
		t.Fatal(err)
	}
	if status, body, _ := do(t, ts, "GET", path, "", nil); status != 200 || !strings.Contains(body, "Dredging starts") {
		t.Fatalf("GET %s after a new article: %d %s", path, status, body)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("after an article joined the storyline it was briefed %d times in all; want 2", n)
	}
}
