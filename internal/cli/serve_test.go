package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/google/go-cmp/cmp"
)

func TestIsLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true}, {"localhost:80", true}, {"[::1]:8080", true},
		{"0.0.0.0:8080", false}, {":8080", false}, {"192.168.1.4:80", false}, {"example.com:80", false},
	} {
		if got, err := isLoopback(tc.addr); err != nil || got != tc.want {
			t.Errorf("isLoopback(%q) = %v, %v; want %v", tc.addr, got, err, tc.want)
		}
	}
}

func TestServe_tokenRequiredBeyondLoopback(t *testing.T) {
	t.Setenv("DOSSIER_TOKEN", "")
	var out, errb bytes.Buffer
	code := Main(t.Context(), []string{"serve", "--db", filepath.Join(t.TempDir(), "x.db"), "--addr", "0.0.0.0:0"}, Stdio{In: strings.NewReader(""), Out: &out, Err: &errb})
	if code != 2 || !strings.Contains(errb.String(), "give a token") {
		t.Errorf("serve beyond loopback without a token: exit %d, %q; want 2 and a message", code, errb.String())
	}
}

// TestServe_shutdownFinishesUploads stops the server while an upload is
// being sent: the upload finishes and is stored, then the server exits.
func TestServe_shutdownFinishesUploads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{path: path, addr: "127.0.0.1:0", maxUpload: 1 << 20, insecure: true,
			log: slog.New(slog.DiscardHandler), out: io.Discard, ready: func(a string) { addr <- a }})
	}()
	base := "http://" + <-addr
	pr, pw := io.Pipe()
	type result struct {
		status int
		body   string
		err    error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Post(base+"/api/v1/documents?name=slow.txt", "text/plain", pr)
		if err != nil {
			res <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		res <- result{resp.StatusCode, string(b), nil}
	}()
	if _, err := io.WriteString(pw, "Slow upload survives shutdown\n\nThe first half of the body arrives before the signal"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the request is in flight
	cancel()                           // as SIGTERM does
	time.Sleep(200 * time.Millisecond)
	if _, err := io.WriteString(pw, ", and the second half after it.\n"); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	r := <-res
	if r.err != nil || r.status != http.StatusCreated || !strings.Contains(r.body, `"new":1`) {
		t.Fatalf("upload during shutdown: %d %s %v; want it stored (201)", r.status, r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	st, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if s, err := st.Stats(context.Background()); err != nil || s.Documents != 1 {
		t.Errorf("after shutdown: %+v, %v; want the upload stored", s, err)
	}
}

// TestServe_ingestBesideCLI ingests over HTTP while `dossier ingest` writes
// the same database: both finish, every document is stored once.
func TestServe_ingestBesideCLI(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "both.db")
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{path: path, addr: "127.0.0.1:0", maxUpload: 1 << 20, insecure: true,
			log: slog.New(slog.DiscardHandler), out: io.Discard, ready: func(a string) { addr <- a }})
	}()
	defer func() { cancel(); <-done }()
	base := "http://" + <-addr

	files := corpusFiles(t)
	var wg sync.WaitGroup
	var cliOut, cliErr bytes.Buffer
	wg.Go(func() {
		if code := Main(t.Context(), []string{"ingest", "--progress", "none", "--db", path, "../../examples/corpus"},
			Stdio{In: strings.NewReader(""), Out: &cliOut, Err: &cliErr}); code != 0 {
			t.Errorf("dossier ingest: exit %d: %s %s", code, cliOut.String(), cliErr.String())
		}
	})
	extra := 0
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 { // half of them with new bytes, so that both writers add documents
			b = append(b, []byte("\n\nAn edited copy sent over HTTP.\n")...)
			if strings.HasSuffix(f, ".txt") {
				extra++
			} else {
				continue
			}
		}
		resp, err := http.Post(base+"/api/v1/documents?name="+filepath.Base(f), "application/octet-stream", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		var rep struct{ Failed int }
		if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil || resp.StatusCode >= 300 || rep.Failed != 0 {
			t.Errorf("POST %s: %d, %+v, %v", f, resp.StatusCode, rep, err)
		}
		resp.Body.Close()
	}
	wg.Wait()
	status, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct{ Documents int }
	json.NewDecoder(status.Body).Decode(&h)
	status.Body.Close()
	if want := 13 + extra; h.Documents != want {
		t.Errorf("documents stored = %d, want %d (the corpus once, plus the edited copies)", h.Documents, want)
	}
}

// TestServe_storyAPIMatchesCLI checks that GET /api/v1/stories/{id} sends
// the storyline object `dossier story ID --json` prints (brief, claims,
// conflicts, headline verdicts), and that a document carries its headline.
func TestServe_storyAPIMatchesCLI(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.db")
	cli := func(args ...string) []byte {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(t.Context(), args, Stdio{In: strings.NewReader(""), Out: &out, Err: &errb}); code != 0 {
			t.Fatalf("dossier %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
		}
		return out.Bytes()
	}
	cli("ingest", "--db", path, "../../examples/corpus")
	var list struct {
		Stories []map[string]any `json:"stories"`
	}
	if err := json.Unmarshal(cli("stories", "--json", "--db", path, "-n", "1"), &list); err != nil || len(list.Stories) == 0 {
		t.Fatalf("dossier stories --json: %v, %d stories", err, len(list.Stories))
	}
	id := list.Stories[0]["id"].(string)
	var want struct {
		Stories []any `json:"stories"`
	}
	if err := json.Unmarshal(cli("story", "--json", "--db", path, id), &want); err != nil || len(want.Stories) != 1 {
		t.Fatalf("dossier story %s --json: %v", id, err)
	}
	base := startServeOn(t, path, "")
	get := func(p string) map[string]any {
		t.Helper()
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d, %v", p, resp.StatusCode, err)
		}
		return v
	}
	got := get("/api/v1/stories/" + id)
	if diff := cmp.Diff(want.Stories[0], any(got)); diff != "" {
		t.Errorf("GET /api/v1/stories/%s differs from dossier story --json (-cli +api):\n%s", id, diff)
	}
	if b, _ := got["brief"].([]any); len(b) == 0 {
		t.Errorf("story %s has an empty brief", id)
	}
	if _, ok := got["conflicts"].([]any); !ok {
		t.Errorf("story %s has no conflicts list: %v", id, got["conflicts"])
	}
	art := got["events"].([]any)[0].(map[string]any)["articles"].([]any)[0].(map[string]any)
	doc := get("/api/v1/documents/" + art["id"].(string))
	h, _ := doc["headline"].(map[string]any)
	if h == nil || h["verdict"] != art["headline"] {
		t.Errorf("document %s: headline %v; want the verdict %v the story gives it", art["id"], doc["headline"], art["headline"])
	}
}
