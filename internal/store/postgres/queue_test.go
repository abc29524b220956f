package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
)

func raws(n int) []news.RawArticle {
	out := make([]news.RawArticle, n)
	for i := range out {
		b := fmt.Appendf(nil, "queued document %d\n\nIt says something.", i)
		out[i] = news.RawArticle{ID: news.ID(b), Source: fmt.Sprintf("q/%d.txt", i), Format: news.FormatText, Body: news.FormatText, Raw: b}
	}
	return out
}

func TestQueue(t *testing.T) {
	db := open(t)
	ctx := t.Context()
	in := raws(10)
	if n, err := db.Enqueue(ctx, in); err != nil || n != 10 {
		t.Fatalf("Enqueue(10) = %d, %v", n, err)
	}
	if n, err := db.Enqueue(ctx, in[:3]); err != nil || n != 0 {
		t.Errorf("Enqueue of queued documents = %d, %v; want 0 added", n, err)
	}

	a, err := db.Claim(ctx, "a", 4, time.Minute)
	if err != nil || len(a) != 4 {
		t.Fatalf("Claim(a, 4) = %d, %v", len(a), err)
	}
	if diff := cmp.Diff(in[:4], []news.RawArticle{a[0].Raw, a[1].Raw, a[2].Raw, a[3].Raw}); diff != "" {
		t.Errorf("Claim(a) mismatch, want the oldest four (-want +got):\n%s", diff)
	}
	b, err := db.Claim(ctx, "b", 100, 2*time.Second)
	if err != nil || len(b) != 6 {
		t.Fatalf("Claim(b, 100) = %d, %v; want the 6 others", len(b), err)
	}
	for _, c := range b {
		if slices.ContainsFunc(a, func(x postgres.Claimed) bool { return x.Raw.ID == c.Raw.ID }) {
			t.Errorf("%s claimed by a and b", c.Raw.ID)
		}
	}
	if c, err := db.Claim(ctx, "c", 100, time.Minute); err != nil || len(c) != 0 {
		t.Errorf("Claim with everything leased = %d, %v; want none", len(c), err)
	}

	// a stores its batch: stored and off the queue.
	items := make([]store.Item, len(a))
	ids := make([]string, len(a))
	for i, c := range a {
		items[i] = store.Item{Raw: c.Raw, Doc: news.Doc{ID: c.Raw.ID, Text: string(c.Raw.Raw)}}
		ids[i] = c.Raw.ID
	}
	res, err := db.Complete(ctx, "a", items, nil, ids, nil, 0)
	if err != nil || len(res) != 4 || res[0] != store.PutNew {
		t.Fatalf("Complete(a) = %v, %v", res, err)
	}
	// b "dies"; its short lease runs out and c takes its documents.
	time.Sleep(2500 * time.Millisecond)
	c, err := db.Claim(ctx, "c", 100, time.Minute)
	if err != nil || len(c) != 6 || c[0].Attempts != 2 {
		t.Fatalf("Claim after b's lease ran out = %d, %v; want b's 6, second attempt", len(c), err)
	}
	// b wakes up late: its Complete leaves c's rows alone.
	fail := []news.Failure{{Source: b[0].Raw.Source, ID: b[0].Raw.ID, Stage: "clean", Reason: "late", Time: time.Now()}}
	if _, err := db.Complete(ctx, "b", nil, fail, []string{b[0].Raw.ID}, nil, 0); err != nil {
		t.Fatal(err)
	}
	if queued, leased, err := db.QueueStats(ctx); err != nil || queued != 6 || leased != 6 {
		t.Errorf("QueueStats after a stale Complete = %d, %d, %v; want 6, 6", queued, leased, err)
	}
	// c stops cleanly: its documents can be claimed at once.
	if err := db.Release(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	if d, err := db.Claim(ctx, "d", 100, time.Minute); err != nil || len(d) != 6 || d[0].Attempts != 2 {
		t.Errorf("Claim after c released = %d, %v; want c's 6, second attempt again", len(d), err)
	}
	if n, err := db.Enqueue(ctx, in[:4]); err != nil || n != 0 {
		t.Errorf("Enqueue of stored documents = %d, %v; want 0 added", n, err)
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Documents != 4 || st.Failures != 1 {
		t.Errorf("Stats() = %+v, %v; want 4 documents, 1 failure", st, err)
	}
}

// TestComplete_link checks that Complete hands the batch and the stored
// entities to the linker before it writes.
func TestComplete_link(t *testing.T) {
	db := open(t)
	ctx := t.Context()
	in := raws(2)
	first := store.Item{Raw: in[0], Doc: news.Doc{ID: in[0].ID, Entities: []news.Entity{{Text: "Ana Vell", Type: "PERSON", Canonical: "Ana Vell"}}}}
	if _, err := db.Put(ctx, []store.Item{first}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Enqueue(ctx, in[1:]); err != nil {
		t.Fatal(err)
	}
	c, err := db.Claim(ctx, "w", 10, time.Minute)
	if err != nil || len(c) != 1 {
		t.Fatalf("Claim = %d, %v", len(c), err)
	}
	second := store.Item{Raw: c[0].Raw, Doc: news.Doc{ID: c[0].Raw.ID, Entities: []news.Entity{{Text: "Vell", Type: "PERSON", Canonical: "Vell"}}}}
	var seen []string
	link := func(_ context.Context, load func() ([]store.KnownEntity, error), items []store.Item) error {
		known, err := load()
		if err != nil {
			return err
		}
		for _, k := range known {
			seen = append(seen, k.Name)
		}
		items[0].Doc.Entities[0].Canonical = known[0].Name
		return nil
	}
	if _, err := db.Complete(ctx, "w", []store.Item{second}, nil, []string{c[0].Raw.ID}, link, 0); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Ana Vell"}, seen); diff != "" {
		t.Errorf("entities the linker saw (-want +got):\n%s", diff)
	}
	r, err := db.Entity(ctx, store.EntityQuery{Name: "Vell"})
	if err != nil || r.Name != "Ana Vell" || r.Mentions != 2 {
		t.Errorf("Entity(Vell) = %q with %d mentions, %v; want Ana Vell with 2", r.Name, r.Mentions, err)
	}
}
