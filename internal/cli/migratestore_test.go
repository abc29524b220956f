package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// TestMigrateStore copies a SQLite database with entity edits (made before
// and after some documents were written), failures and odd raw bytes into
// PostgreSQL, interrupting the copy twice, and checks that the copy holds
// what the original holds.
func TestMigrateStore(t *testing.T) {
	dsn := testPostgres(t)
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "news.db")
	src, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	doc := func(i int, raw []byte, ents ...news.Entity) store.Item {
		id := news.ID(raw)
		text := fmt.Sprintf("Report %d on the Orvale tram.", i)
		return store.Item{
			Raw: news.RawArticle{ID: id, Source: fmt.Sprintf("in/%d.txt", i), Raw: raw},
			Doc: news.Doc{ID: id, Source: fmt.Sprintf("in/%d.txt", i), Format: news.FormatText, Title: fmt.Sprintf("Tram %d", i),
				Text: text, Published: time.Date(2026, 1, 1+i%28, 0, 0, 0, 0, time.UTC), PublishedFrom: "dateline",
				Entities: ents, Times: []news.TimeRef{{Type: "DATE", Value: "2026-01-01", Text: "Report", Start: 0, End: 6}},
				Headline:  &news.Headline{Stance: news.StanceDiscuss, Verdict: news.VerdictUnsupported},
				Sentences: []news.Span{{Start: 0, End: len(text)}},
				Quotes:    []news.Quote{{Text: "on time", Kind: "direct", Speaker: ents[0].Canonical}}},
		}
	}
	ent := func(text, canon string) news.Entity { return news.Entity{Text: text, Type: "PERSON", Canonical: canon} }
	var items []store.Item
	for i := range 25 {
		raw := fmt.Appendf(nil, "raw %d \x00\xff\xfe bytes", i)
		items = append(items, doc(i, raw, ent("Vell", "Vell"), ent("Ana Vell", "Ana Vell")))
	}
	if _, err := src.Put(ctx, items[:10]); err != nil {
		t.Fatal(err)
	}
	for _, e := range []store.EntityEdit{
		{Kind: store.EditRename, Name: "Vell", To: "Ana Vell"},
		{Kind: store.EditSplit, Name: "Ana Vell", Form: "Ana Vell", To: "Ana M. Vell"},
	} {
		if _, err := src.EditEntity(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	for i := range items {
		ev := items[i/5*5].Doc.ID // five documents an event, events in two storylines
		items[i].Place = news.Placement{Event: news.EventID(ev), Story: news.StoryID(items[i/10*10].Doc.ID)}
	}
	if _, err := src.Put(ctx, items[10:]); err != nil {
		t.Fatal(err)
	}
	if _, err := src.EditStory(ctx, store.StoryEdit{Kind: store.StoryMove, A: items[12].Doc.ID, B: news.EventID(items[20].Doc.ID)}); err != nil {
		t.Fatal(err)
	}
	if err := src.PutFailures(ctx, []news.Failure{
		{Source: "in/bad.bin", Stage: "read", Reason: "binary file", Time: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
		{Source: "in/empty.txt", Stage: "read", Reason: "empty file", Time: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)},
	}); err != nil {
		t.Fatal(err)
	}

	if _, err := src.PutWatch(ctx, store.Watch{Kind: store.WatchEntity, Target: "Ana Vell", Webhook: "https://hooks.example/a"}); err != nil {
		t.Fatal(err)
	}
	dst, err := postgres.Open(ctx, dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	stop := errors.New("interrupted")
	for _, at := range []int{8, 8} { // two interrupted copies, then one to the end
		_, err := migrateStore(ctx, src, dst, path, 4, func(n int) error {
			if n >= at {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) {
			t.Fatalf("interrupted copy: error %v", err)
		}
	}
	sum, err := migrateStore(ctx, src, dst, path, 4, func(int) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if want := (migrateSummary{Copied: 9, New: 9, Edits: 0, Failures: 2, Documents: 25, StoredFailures: 2}); sum != want {
		t.Errorf("resumed copy = %+v, want %+v", sum, want)
	}
	again, err := migrateStore(ctx, src, dst, path, 4, func(int) error { return nil })
	if err != nil || again.Copied != 0 || again.Documents != 25 || again.StoredFailures != 2 {
		t.Errorf("copy after the end = %+v, %v; want nothing copied", again, err)
	}

	for _, it := range items {
		for _, s := range []store.Store{src, dst} {
			raw, err := s.Raw(ctx, it.Raw.ID)
			if err != nil || string(raw) != string(it.Raw.Raw) {
				t.Errorf("%T.Raw(%s) = %q, %v; want %q", s, it.Raw.ID, raw, err, it.Raw.Raw)
			}
		}
		want, err := src.Doc(ctx, it.Doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := dst.Doc(ctx, it.Doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Doc(%s) copied (-sqlite +postgres):\n%s", it.Doc.ID, diff)
		}
	}
	for _, name := range []string{"Ana Vell", "Ana M. Vell", "Vell"} {
		want, werr := src.Entity(ctx, store.EntityQuery{Name: name})
		got, gerr := dst.Entity(ctx, store.EntityQuery{Name: name})
		if (werr == nil) != (gerr == nil) {
			t.Errorf("Entity(%q): sqlite error %v, postgres error %v", name, werr, gerr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Entity(%q) copied (-sqlite +postgres):\n%s", name, diff)
		}
	}
	for _, it := range items {
		want, werr := src.Placement(ctx, it.Doc.ID)
		got, gerr := dst.Placement(ctx, it.Doc.ID)
		if werr != nil || gerr != nil {
			t.Fatalf("Placement(%s): %v, %v", it.Doc.ID, werr, gerr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Placement(%s) copied (-sqlite +postgres):\n%s", it.Doc.ID, diff)
		}
	}
	wantS, _ := src.Stories(ctx, store.StoryQuery{})
	gotS, err := dst.Stories(ctx, store.StoryQuery{})
	if err != nil || len(gotS) == 0 {
		t.Fatalf("Stories = %d, %v", len(gotS), err)
	}
	if diff := cmp.Diff(wantS, gotS); diff != "" {
		t.Errorf("Stories copied (-sqlite +postgres):\n%s", diff)
	}
	wantSE, _ := src.StoryEdits(ctx)
	gotSE, err := dst.StoryEdits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantSE, gotSE); diff != "" {
		t.Errorf("StoryEdits copied (-sqlite +postgres):\n%s", diff)
	}
	wantW, _ := src.Watches(ctx)
	gotW, err := dst.Watches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantW, gotW); diff != "" {
		t.Errorf("Watches copied (-sqlite +postgres):\n%s", diff)
	}
	wantEdits, _ := src.EntityEdits(ctx)
	gotEdits, err := dst.EntityEdits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantEdits, gotEdits); diff != "" {
		t.Errorf("EntityEdits copied (-sqlite +postgres):\n%s", diff)
	}
	wantF, _ := src.Failures(ctx, 0)
	gotF, err := dst.Failures(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantF, gotF); diff != "" {
		t.Errorf("Failures copied (-sqlite +postgres):\n%s", diff)
	}
	for _, q := range []string{"Vell", "ana vell"} { // entity forms copied
		wantH, _ := src.Search(ctx, store.Query{Text: q, Limit: 100})
		gotH, err := dst.Search(ctx, store.Query{Text: q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(wantH) != len(gotH) {
			t.Errorf("Search(%q) copied: %d hits in sqlite, %d in postgres", q, len(wantH), len(gotH))
		}
	}
	wantQ, _ := src.Quotes(ctx, store.QuoteQuery{By: "ana", Limit: 100})
	gotQ, err := dst.Quotes(ctx, store.QuoteQuery{By: "ana", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantQ, gotQ); diff != "" {
		t.Errorf("Quotes copied (-sqlite +postgres):\n%s", diff)
	}
}
