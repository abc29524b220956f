package cli

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// startServe runs `dossier serve` on a fresh database on a free loopback
// port and returns its base URL; the server stops when the test ends.
func startServe(t *testing.T, token string) string {
	t.Helper()
	return startServeOn(t, filepath.Join(t.TempDir(), "serve.db"), token)
}

// startServeOn runs `dossier serve` on the database at path.
func startServeOn(t *testing.T, path, token string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{path: path, addr: "127.0.0.1:0", token: token,
			maxUpload: 50 << 20, insecure: true, log: slog.New(slog.DiscardHandler), out: io.Discard,
			ready: func(a string) { addr <- a }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case a := <-addr:
		return "http://" + a
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not start")
	}
	return ""
}

// browser starts headless Chromium, or skips the test when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Skip("no Chromium on this machine (apt-get install chromium): skipping the browser tests")
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 900))
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// screenshot saves a full-page PNG to $DOSSIER_SCREENSHOTS, if set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("DOSSIER_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

func run[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func step(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	run(t, ctx, what, chromedp.Steps(steps...))
}

// text returns the visible text of the first element sel matches.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return run(t, ctx, "text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

func wantText(t *testing.T, ctx context.Context, sel string, want ...string) {
	t.Helper()
	got := text(t, ctx, sel)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s shows %q; want it to contain %q", sel, got, w)
		}
	}
}

// corpusFiles lists the example corpus.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("../../examples/corpus", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			abs, aerr := filepath.Abs(p)
			files = append(files, abs)
			return aerr
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("example corpus: %v (%d files)", err, len(files))
	}
	return files
}

// TestServe_browser walks through the UI as an analyst would, in headless
// Chromium: add the example corpus on the ingest page, search, narrow by a
// facet, read an article, open an entity, rename it, watch it, add a new
// document and see its alert (and the webhook receive it), at desktop and
// phone sizes, keyboard included.
func TestServe_browser(t *testing.T) {
	ctx := browser(t)
	base := startServe(t, "")

	var (
		hookMu sync.Mutex
		hooked []map[string]any
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p map[string]any
		if err := json.NewDecoder(r.Body).Decode(&p); err == nil {
			hookMu.Lock()
			hooked = append(hooked, p)
			hookMu.Unlock()
		}
	}))
	defer hook.Close()

	// Ingest the example corpus through the ingest page.
	// A binary file among them fails, with its reason shown.
	files := corpusFiles(t)
	junk := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(junk, []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00\xff\xdb"), 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "open the ingest page", chromedp.Navigate(base+"/ingest"))
	screenshot(t, ctx, "desktop-ingest-empty")
	step(t, ctx, "choose the corpus files", chromedp.SetUploadFiles(chromedp.CSS("#files"), append(files, junk)))
	step(t, ctx, "wait for the uploads", chromedp.Poll[chromedp.Void](`document.querySelector('#summary') && document.querySelector('#summary').textContent.startsWith('Done')`))
	wantText(t, ctx, "#summary", "Done:", " 1 failed")
	wantText(t, ctx, ".uploads li.failed", "photo.jpg", "read: ")
	if n := run(t, ctx, "count new", chromedp.Evaluate[int](`document.querySelectorAll('.uploads li.new').length`)); n < 13 {
		t.Errorf("ingest page lists %d new documents, want at least 13 (12 files, a feed of several items, a WARC)", n)
	}
	screenshot(t, ctx, "desktop-ingest-done")

	// Search from the box on top, with the keyboard: "/" focuses it.
	step(t, ctx, "search page", chromedp.Navigate(base+"/search"))
	step(t, ctx, "press /", chromedp.KeyEvent("/"))
	if id := run(t, ctx, "focused element", chromedp.Evaluate[string](`document.activeElement.id`)); id != "q" {
		t.Errorf("after pressing /, the focus is on %q, want the search box", id)
	}
	// (chromedp sends the character of "/" as an event of its own, which
	// a page cannot cancel from keydown: clear it before typing.)
	step(t, ctx, "type a query", chromedp.Evaluate[chromedp.Void](`document.getElementById('q').value = ''`), chromedp.KeyEvent("solvent spill\r"), chromedp.WaitVisible(chromedp.CSS("li.hit")))
	wantText(t, ctx, "h1", "Results for “solvent spill”")
	wantText(t, ctx, ".facets", "OUTLET", "The Harbor Ledger", "NAMED", "MONTH")
	if marks := run(t, ctx, "marks", chromedp.Evaluate[int](`document.querySelectorAll('.snippet mark').length`)); marks == 0 {
		t.Error("search snippets have no highlighted words")
	}
	screenshot(t, ctx, "desktop-search")
	step(t, ctx, "narrow to one outlet", chromedp.Click(chromedp.Search(`//aside[@class="facets"]//a[text()="The Harbor Ledger"]`)),
		chromedp.WaitVisible(chromedp.CSS("a.chip")))
	wantText(t, ctx, "a.chip", "outlet: The Harbor Ledger")
	for o := range strings.SplitSeq(run(t, ctx, "hit outlets", chromedp.Evaluate[string](`[...document.querySelectorAll('li.hit .meta')].map(e => e.textContent).join('|')`)), "|") {
		if !strings.HasPrefix(o, "The Harbor Ledger") {
			t.Errorf("filtered by outlet, a hit is from %q", o)
		}
	}

	// Read an article: entities linked, quotes marked, page view toggled.
	step(t, ctx, "open the article", chromedp.Navigate(base+"/search?q=Marchetti+resigns&outlet=The+Harbor+Ledger"),
		chromedp.Click(chromedp.CSS("li.hit h2 a")), chromedp.WaitVisible(chromedp.CSS("article.doc")))
	wantText(t, ctx, "article.doc h1", "Marchetti resigns")
	wantText(t, ctx, "aside.side", "QUOTES", "Ilse Marchetti", "NAMED HERE", "Valmora Port Authority")
	if n := run(t, ctx, "annotations", chromedp.Evaluate[int](`document.querySelectorAll('.body a.ent').length + document.querySelectorAll('.body q.quote').length`)); n < 5 {
		t.Errorf("the article body has %d entity links and quotes; want them marked", n)
	}
	// Its headline verdict, beside the title, its evidence marked in the text.
	wantText(t, ctx, "aside.side", "HEADLINE")
	if v := text(t, ctx, "aside.side .verdict"); !slices.Contains([]string{"SUPPORTED", "OVERSTATED", "CONTRADICTED", "UNSUPPORTED"}, v) {
		t.Errorf("the article's headline verdict badge shows %q, want one of the four verdicts", v)
	}
	screenshot(t, ctx, "desktop-article")
	step(t, ctx, "show the page", chromedp.Click(chromedp.CSS("label.toggle-label")), chromedp.WaitVisible(chromedp.CSS("ol.lines")))
	if n := run(t, ctx, "chrome lines", chromedp.Evaluate[int](`document.querySelectorAll('ol.lines li.chrome').length`)); n == 0 {
		t.Error("the page view shows no chrome lines")
	}
	screenshot(t, ctx, "desktop-article-page")

	article := run(t, ctx, "article URL", chromedp.Location())
	// Its story: the timeline of events with the outlets side by side.
	step(t, ctx, "open its story", chromedp.Click(chromedp.CSS(`aside.side a[href^="/stories/"]`)), chromedp.WaitVisible(chromedp.CSS("ol.timeline")))
	wantText(t, ctx, "article.storypage", "TIMELINE", "Marchetti")
	if n := run(t, ctx, "story sources", chromedp.Evaluate[int](`document.querySelectorAll('.event').length * 100 + document.querySelectorAll('.source').length`)); n < 102 {
		t.Errorf("the story page shows %d events and %d outlet columns; want at least one event reported by two outlets", n/100, n%100)
	}
	// The cited brief, claims, conflicts and a verdict badge by each title.
	wantText(t, ctx, "article.storypage", "BRIEF", "CLAIMS", "CONFLICTS")
	if n := run(t, ctx, "brief", chromedp.Evaluate[int](`[...document.querySelectorAll('.brief-sentence')].filter(s => s.offsetHeight > 0 && s.querySelector('a.cite-ref')).length`)); n < 2 {
		t.Errorf("the story's brief shows %d visible sentences with citation links; want at least 2", n)
	}
	wantText(t, ctx, ".brief-sentence", "[1]")
	if v := text(t, ctx, ".source .verdict"); !slices.Contains([]string{"SUPPORTED", "OVERSTATED", "CONTRADICTED", "UNSUPPORTED"}, v) {
		t.Errorf("the story's first verdict badge shows %q, want one of the four verdicts", v)
	}
	step(t, ctx, "follow a citation", chromedp.Click(chromedp.CSS(".brief-sentence a.cite-ref")))
	if id := run(t, ctx, "cited source", chromedp.Evaluate[string](`document.querySelector('.source li:target')?.id ?? ''`)); !strings.HasPrefix(id, "src-") {
		t.Errorf("following a citation of the brief targets %q; want the cited article in the timeline", id)
	}
	screenshot(t, ctx, "desktop-story")
	story := strings.TrimPrefix(run(t, ctx, "story URL", chromedp.Location()), base)
	step(t, ctx, "list stories", chromedp.Navigate(base+"/stories"), chromedp.WaitVisible(chromedp.CSS("li.story")))
	screenshot(t, ctx, "desktop-stories")
	step(t, ctx, "back to the article", chromedp.Navigate(article), chromedp.WaitVisible(chromedp.CSS("article.doc")))

	// The speaker's link leads to the entity page.
	step(t, ctx, "open the speaker", chromedp.Click(chromedp.CSS(`aside.side .quotes a[href="/entities/Ilse%20Marchetti"]`)), chromedp.WaitVisible(chromedp.CSS("article.entity")))
	wantText(t, ctx, "article.entity h1", "Ilse Marchetti")
	wantText(t, ctx, "article.entity", "WRITTEN AS", "Marchetti", "OUTLETS", "NAMED WITH", "DOCUMENTS PER MONTH", "QUOTES BY ILSE MARCHETTI")
	if n := run(t, ctx, "chart bars", chromedp.Evaluate[int](`document.querySelectorAll('svg.chart rect').length`)); n < 2 {
		t.Errorf("the month chart has %d bars, want one per month (March and April)", n)
	}
	screenshot(t, ctx, "desktop-entity")

	// Rename the entity from its page.
	step(t, ctx, "rename", chromedp.SetValue(chromedp.CSS("#rename-to"), "Ilse M. Marchetti"),
		chromedp.Submit(chromedp.CSS("#rename-to")), chromedp.WaitVisible(chromedp.CSS("p.notice")))
	wantText(t, ctx, "article.entity h1", "Ilse M. Marchetti")
	wantText(t, ctx, "p.notice", "Saved: rename")

	// Watch the entity, with a webhook, from the watches page.
	step(t, ctx, "new watch", chromedp.Navigate(base+"/watches"),
		chromedp.SetValue(chromedp.CSS("#w-kind"), "entity"),
		chromedp.SetValue(chromedp.CSS("#w-target"), "Ilse M. Marchetti"),
		chromedp.SetValue(chromedp.CSS("#w-name"), "Marchetti"),
		chromedp.SetValue(chromedp.CSS("#w-hook"), hook.URL+"/alerts"),
		chromedp.Submit(chromedp.CSS("#w-target")), chromedp.WaitVisible(chromedp.CSS("ul.watches li")))
	wantText(t, ctx, "ul.watches", "ENTITY", "Marchetti", "(Ilse M. Marchetti)")

	// A new document naming her raises an alert.
	news := filepath.Join(t.TempDir(), "2026-05-02-marchetti-hearing.txt")
	if err := os.WriteFile(news, []byte("Former port chief Marchetti to face second hearing\n\n"+
		"Ilse Marchetti, who resigned as head of the Valmora Port Authority in April, will appear before the inquiry again on Tuesday, its chair said.\n\n"+
		"\"We have new questions about the memo,\" the chair told reporters in Corvena.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "add the new document", chromedp.Navigate(base+"/ingest"), chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{news}),
		chromedp.Poll[chromedp.Void](`document.querySelector('#summary') && document.querySelector('#summary').textContent.startsWith('Done')`))
	wantText(t, ctx, "#summary", "1 new")
	step(t, ctx, "see the alert", chromedp.Navigate(base+"/watches"), chromedp.WaitVisible(chromedp.CSS("table.alerts tbody tr")))
	wantText(t, ctx, "table.alerts", "Marchetti", "Former port chief Marchetti to face second hearing")
	deadline := time.Now().Add(30 * time.Second)
	for {
		hookMu.Lock()
		n := len(hooked)
		hookMu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	hookMu.Lock()
	if len(hooked) != 1 || hooked[0]["title"] != "Former port chief Marchetti to face second hearing" {
		t.Errorf("webhook received %v; want the one alert", hooked)
	}
	hookMu.Unlock()
	step(t, ctx, "reload", chromedp.Reload())
	wantText(t, ctx, "table.alerts", "delivered")
	screenshot(t, ctx, "desktop-watches")

	// Keyboard only: the first Tab reaches the skip link, Enter moves to the
	// content; an entity's rename form is reached and sent with keys alone.
	step(t, ctx, "keyboard", chromedp.Navigate(base+"/entities/Ilse%20M.%20Marchetti"), chromedp.KeyEvent("\t"))
	if got := run(t, ctx, "focus", chromedp.Evaluate[string](`document.activeElement.textContent`)); got != "Skip to content" {
		t.Errorf("the first Tab focuses %q, want the skip link", got)
	}
	step(t, ctx, "skip", chromedp.KeyEvent("\r"))
	if got := run(t, ctx, "focus after skip", chromedp.Evaluate[string](`document.activeElement.id`)); got != "main" {
		t.Errorf("Enter on the skip link focuses %q, want main", got)
	}
	for range 40 { // Tab until the rename field, then type and press Enter
		if id := run(t, ctx, "focus", chromedp.Evaluate[string](`document.activeElement.id`)); id == "rename-to" {
			break
		}
		step(t, ctx, "tab", chromedp.KeyEvent("\t"))
	}
	step(t, ctx, "rename by keyboard", chromedp.Evaluate[chromedp.Void](`document.activeElement.select()`),
		chromedp.KeyEvent("Ilse Marchetti\r"), chromedp.WaitVisible(chromedp.CSS("p.notice")))
	wantText(t, ctx, "article.entity h1", "Ilse Marchetti")

	// Print: the navigation, forms and facets are left out.
	step(t, ctx, "print media", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return chromedp.Void{}, err
	})
	if got := run(t, ctx, "print styles", chromedp.Evaluate[string](`['header.top', 'section.edits', 'form.inline'].map(s => getComputedStyle(document.querySelector(s)).display).join(' ')`)); got != "none none none" {
		t.Errorf("in print, the header, edit forms and buttons display as %q, want none", got)
	}
	screenshot(t, ctx, "print-entity")
	step(t, ctx, "screen media", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return chromedp.Void{}, err
	})

	// Phone size: every page fits the width; take screenshots.
	step(t, ctx, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	for _, p := range []struct{ name, path, sel, want string }{
		{"phone-search", "/search?q=spill", "h1", "Results for"},
		{"phone-article", "/search?q=Marchetti+resigns&outlet=The+Harbor+Ledger", "", ""},
		{"phone-entity", "/entities/Ilse%20Marchetti", "h1", "Ilse Marchetti"},
		{"phone-stories", "/stories", "h1", "Stories"},
		{"phone-story", story, ".brief", "BRIEF"},
		{"phone-ingest", "/ingest", "h1", "Add documents"},
		{"phone-watches", "/watches", "h1", "Watches and alerts"},
	} {
		step(t, ctx, p.name, chromedp.Navigate(base+p.path))
		if p.name == "phone-article" {
			step(t, ctx, "open the article", chromedp.Click(chromedp.CSS("li.hit h2 a")), chromedp.WaitVisible(chromedp.CSS("article.doc")))
			p.sel, p.want = "article.doc h1", "Marchetti resigns"
		}
		wantText(t, ctx, p.sel, p.want)
		if over := run(t, ctx, "overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`)); over > 1 {
			t.Errorf("%s: the page is %d px wider than a phone screen", p.name, over)
		}
		screenshot(t, ctx, p.name)
	}
}
