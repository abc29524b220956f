package cli

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// BenchmarkServeLoad measures the API under load: 32 concurrent clients
// send search, entity, quote and story requests to `dossier serve` on a large
// database for DOSSIER_LOAD_SECONDS (default 30) while one more client
// ingests new documents over HTTP, and it reports p50 and p99 latency per
// kind of request. It is a measurement, run on demand:
//
//	dossier ingest --db /tmp/bbc.db ../shared/data/bbc
//	DOSSIER_LOAD_SOURCE=/tmp/bbc.db DOSSIER_LOAD_DB=/tmp/load.db DOSSIER_LOAD_N=100000 \
//	  go test -run '^$' -bench ServeLoad -benchtime 1x ./internal/cli
//
// The large database is built once (and reused) from the source database's
// documents, copied with new raw bytes, outlets and dates until it holds N
// documents; the copies keep their analysed entities and quotes.
func BenchmarkServeLoad(b *testing.B) {
	src, dst := os.Getenv("DOSSIER_LOAD_SOURCE"), os.Getenv("DOSSIER_LOAD_DB")
	if src == "" || dst == "" {
		b.Skip("set DOSSIER_LOAD_SOURCE (a database made by dossier ingest) and DOSSIER_LOAD_DB to run the load benchmark")
	}
	n := envInt("DOSSIER_LOAD_N", 100000)
	seconds := envInt("DOSSIER_LOAD_SECONDS", 30)
	clients := envInt("DOSSIER_LOAD_CLIENTS", 32)
	ctx := context.Background()
	raws, names := buildLoadDB(b, ctx, src, dst, n)
	storyIDs := loadStoryIDs(b, ctx, dst)

	for b.Loop() {
		base, stop := serveAt(b, dst)
		lat := map[string][]time.Duration{}
		var (
			mu       sync.Mutex
			errs     []string
			wg       sync.WaitGroup
			ingested int
		)
		words := []string{"government", "market", "film", "club", "minister", "economy", "election", "music", "profits",
			"technology", "mobile", "court", "police", "growth", "shares", "award", "match", "coach", "labour", "budget"}
		end := time.Now().Add(time.Duration(seconds) * time.Second)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients + 1}, Timeout: 30 * time.Second}
		get := func(kind, path string) {
			start := time.Now()
			resp, err := client.Get(base + path)
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = fmt.Errorf("%s: %s", path, resp.Status)
				}
			}
			d := time.Since(start)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err.Error())
				return
			}
			lat[kind] = append(lat[kind], d)
		}
		for c := range clients {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(c), 7))
				for i := 0; time.Now().Before(end); i++ {
					switch i % 4 {
					case 0:
						q := words[r.IntN(len(words))]
						if r.IntN(2) == 0 {
							q += " " + words[r.IntN(len(words))]
						}
						get("search", "/api/v1/search?q="+url.QueryEscape(q))
					case 1:
						get("entity", "/api/v1/entities/"+url.PathEscape(names[r.IntN(len(names))]))
					case 3:
						if len(storyIDs) > 0 {
							get("story", "/api/v1/stories/"+storyIDs[r.IntN(len(storyIDs))])
						} else {
							get("stories", "/api/v1/stories?limit=20")
						}
					case 2:
						get("quotes", "/api/v1/quotes?by="+url.QueryEscape(names[r.IntN(len(names))])+"&limit=20")
					}
				}
			})
		}
		wg.Go(func() { // the concurrent HTTP ingest
			for i := 0; time.Now().Before(end); i++ {
				body := string(raws[i%len(raws)]) + fmt.Sprintf("\n\nLoad test copy %d at %d.\n", i, time.Now().UnixNano())
				resp, err := client.Post(base+"/api/v1/documents?name=load"+strconv.Itoa(i)+".txt", "application/octet-stream", strings.NewReader(body))
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode == http.StatusCreated {
						mu.Lock()
						ingested++
						mu.Unlock()
					}
				}
			}
		})
		wg.Wait()
		stop()
		if len(errs) > 0 {
			b.Errorf("%d failed requests, first: %s", len(errs), errs[0])
		}
		for _, kind := range []string{"search", "entity", "quotes", "story", "stories"} {
			ds := lat[kind]
			if len(ds) == 0 {
				continue
			}
			slices.Sort(ds)
			p50, p99 := ds[len(ds)/2], ds[len(ds)*99/100]
			b.ReportMetric(float64(p50.Microseconds())/1000, kind+"-p50-ms")
			b.ReportMetric(float64(p99.Microseconds())/1000, kind+"-p99-ms")
			b.Logf("%s: %d requests, p50 %v, p99 %v, max %v", kind, len(ds), p50, p99, ds[len(ds)-1])
		}
		b.ReportMetric(float64(ingested)/float64(seconds), "ingested-docs/s")
		b.Logf("%d clients, %ds, %d documents in the database, %d ingested over HTTP meanwhile", clients, seconds, n, ingested)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// serveAt runs dossier serve on the database at path.
func serveAt(b *testing.B, path string) (base string, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{path: path, addr: "127.0.0.1:0", maxUpload: 50 << 20, insecure: true,
			log: discardLogger(), out: io.Discard, ready: func(a string) { addr <- a }})
	}()
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		b.Fatalf("serve: %v", err)
	}
	// Wait until HTTP ingest is ready (the stored entities are read first).
	for range 600 {
		resp, err := http.Post(base+"/api/v1/documents?name=warmup.txt", "text/plain", strings.NewReader("Warm-up\n\nThe load test starts now."))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				break
			}
		}
		time.Sleep(time.Second)
	}
	return base, func() {
		cancel()
		if err := <-done; err != nil {
			b.Errorf("serve: %v", err)
		}
	}
}

// buildLoadDB makes (or reuses) a database of n documents at dst from the
// documents of src, and returns src's raw documents and its most mentioned
// entity names.
func buildLoadDB(b *testing.B, ctx context.Context, src, dst string, n int) (raws [][]byte, names []string) {
	s, err := sqlite.Open(ctx, src, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	known, err := s.KnownEntities(ctx, 200)
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range known {
		if len(names) < 100 && len(k.Forms) > 0 {
			names = append(names, k.Name)
		}
	}
	ids, err := rawIDs(src)
	if err != nil {
		b.Fatal(err)
	}
	var docs []store.Item
	at := map[string]int{} // source document ID -> index
	for _, id := range ids {
		d, err := s.Doc(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := s.Raw(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		pl, err := s.Placement(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		at[id] = len(docs)
		raws = append(raws, raw)
		docs = append(docs, store.Item{Doc: d, Place: pl.Placement})
	}
	// copyID is the ID of copy g (the g-th replica of the whole source) of
	// the source document id: placements are copied replica by replica, so
	// each replica has the source's stories.
	copyRaw := func(k int) []byte { return fmt.Appendf(slices.Clip(raws[k%len(raws)]), "\ncopy %d\n", k) }
	copyID := func(g int, id string) string {
		i, ok := at[id]
		if !ok || id == "" {
			return ""
		}
		return news.ID(copyRaw(g*len(docs) + i))
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		b.Fatal(err)
	}
	d, err := sqlite.Open(ctx, dst, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	st, err := d.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	outlets := []string{"Coast Post", "Valley Times", "The Northern Ledger", "Metro Daily", "Wire Service", "City Herald",
		"The Courier", "Evening Star", "Morning Tribune", "Harbour News"}
	start := time.Now()
	for have := st.Documents; have < n; {
		batch := make([]store.Item, 0, 500)
		for len(batch) < cap(batch) && have+len(batch) < n {
			k := have + len(batch)
			src := docs[k%len(docs)].Doc
			raw := copyRaw(k)
			doc := src
			doc.ID = ""
			doc.Outlet = outlets[k%len(outlets)]
			doc.Published = time.Date(2015+k%11, time.Month(1+k/11%12), 1+k%28, 0, 0, 0, 0, time.UTC)
			it := store.Item{Raw: rawArticle(raw, fmt.Sprintf("copy/%d.txt", k)), Doc: doc}
			it.Doc.ID = it.Raw.ID
			if p := docs[k%len(docs)].Place; p.Event != "" {
				g := k / len(docs)
				it.Place = news.Placement{Doc: it.Doc.ID, DuplicateOf: copyID(g, p.DuplicateOf),
					Event: "e" + copyID(g, strings.TrimPrefix(p.Event, "e")), Story: "s" + copyID(g, strings.TrimPrefix(p.Story, "s"))}
			}
			batch = append(batch, it)
		}
		if _, err := d.Put(ctx, batch); err != nil {
			b.Fatal(err)
		}
		have += len(batch)
		if have%10000 < 500 {
			b.Logf("load database: %d documents (%.0f/s)", have, float64(have-st.Documents)/time.Since(start).Seconds())
		}
	}
	return raws, names
}

// rawIDs lists the document IDs of the SQLite database at path.
func rawIDs(path string) ([]string, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT id FROM raw ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func rawArticle(raw []byte, source string) news.RawArticle {
	return news.RawArticle{ID: news.ID(raw), Source: source, Format: news.FormatText, Body: news.FormatText, Raw: raw}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// loadStoryIDs returns the IDs of up to 200 storylines of the database.
func loadStoryIDs(b *testing.B, ctx context.Context, path string) []string {
	d, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	list, err := d.Stories(ctx, store.StoryQuery{Limit: 200})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	return ids
}
