package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/google/go-cmp/cmp"
)

// facetItems returns three documents about a harbour, from two outlets and
// two months, two of them mentioning the Quay Board.
func facetItems() []store.Item {
	mk := func(raw, outlet string, month time.Month, mention bool) store.Item {
		text := "The harbour pilots met the Quay Board on Monday."
		it := item(raw, "Harbour news", text)
		it.Doc.Outlet = outlet
		it.Doc.Published = time.Date(2026, month, 3, 0, 0, 0, 0, time.UTC)
		if mention {
			it.Doc.Entities = []news.Entity{{Text: "Quay Board", Type: "ORG", Start: 27, End: 37, Canonical: "Quay Board"}}
		}
		return it
	}
	return []store.Item{
		mk("facet a", "Harbor Ledger", time.March, true),
		mk("facet b", "Harbor Ledger", time.April, false),
		mk("facet c", "Meridian Wire", time.April, true),
	}
}

func testSearchFacets(t *testing.T, s store.Store) {
	items := facetItems()
	put(t, s, items...)
	put(t, s, item("other", "Weather", "Rain on the hills."))
	for _, tc := range []struct {
		name string
		q    store.Query
		want []string
	}{
		{"outlet", store.Query{Text: "harbour", Outlet: "Meridian Wire"}, []string{items[2].Doc.ID}},
		{"entity any case", store.Query{Text: "harbour", Entity: "quay board", Outlet: "Harbor Ledger"}, []string{items[0].Doc.ID}},
		{"from", store.Query{Text: "harbour", From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Outlet: "Harbor Ledger"}, []string{items[1].Doc.ID}},
		{"to", store.Query{Text: "harbour", To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}, []string{items[0].Doc.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, ids(search(t, s, tc.q))); diff != "" {
				t.Errorf("Search(%+v) mismatch (-want +got):\n%s", tc.q, diff)
			}
		})
	}
	f, err := s.SearchFacets(t.Context(), store.Query{Text: "harbour"})
	if err != nil {
		t.Fatalf("SearchFacets: %v", err)
	}
	want := store.Facets{
		Matches:  3,
		Outlets:  []store.Count{{Name: "Harbor Ledger", N: 2}, {Name: "Meridian Wire", N: 1}},
		Entities: []store.Count{{Name: "Quay Board", N: 2}},
		Months:   []store.Count{{Name: "2026-03", N: 1}, {Name: "2026-04", N: 2}},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("SearchFacets(harbour) mismatch (-want +got):\n%s", diff)
	}
	f, err = s.SearchFacets(t.Context(), store.Query{Text: "harbour", Entity: "Quay Board", Outlet: "Meridian Wire"})
	if err != nil || f.Matches != 1 {
		t.Errorf("SearchFacets(filtered) = %+v, %v; want 1 match", f, err)
	}
	if f, err := s.SearchFacets(t.Context(), store.Query{Text: `"unbalanced`}); err != nil || f.Matches != 0 {
		t.Errorf("SearchFacets(malformed) = %+v, %v; want no matches, no error", f, err)
	}
}

func testWatches(t *testing.T, s store.Store) {
	ctx := t.Context()
	if _, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchSearch, Target: "  "}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutWatch(empty target) error = %v, want ErrInvalid", err)
	}
	if _, err := s.PutWatch(ctx, store.Watch{Kind: "feed", Target: "x"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("PutWatch(unknown kind) error = %v, want ErrInvalid", err)
	}
	items := facetItems()
	put(t, s, items[0]) // before the watches: raises nothing
	ws, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchSearch, Target: "pilots", Webhook: "http://127.0.0.1:1/hook"})
	if err != nil {
		t.Fatalf("PutWatch(search): %v", err)
	}
	we, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchEntity, Target: "QUAY BOARD", Name: "the board"})
	if err != nil {
		t.Fatalf("PutWatch(entity): %v", err)
	}
	if _, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchSearch, Target: `"unbalanced`}); err != nil {
		t.Errorf("PutWatch(malformed query): %v", err)
	}
	list, err := s.Watches(ctx)
	if err != nil || len(list) != 3 || list[0].ID != ws.ID || list[1].Name != "the board" || list[0].Name != "pilots" {
		t.Fatalf("Watches = %+v, %v; want the three, oldest first, names defaulting to the target", list, err)
	}
	put(t, s, items[1], items[2])
	put(t, s, items[1], items[2]) // duplicates raise nothing more
	alerts, err := s.Alerts(ctx, store.AlertQuery{})
	if err != nil {
		t.Fatalf("Alerts: %v", err)
	}
	type key struct {
		Watch int64
		Doc   string
	}
	var got []key
	for _, a := range alerts {
		got = append(got, key{a.WatchID, a.DocID})
	}
	want := []key{{we.ID, items[2].Doc.ID}, {ws.ID, items[2].Doc.ID}, {ws.ID, items[1].Doc.ID}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Alerts mismatch, newest first (-want +got):\n%s", diff)
	}
	if len(alerts) > 0 && (alerts[0].WatchName != "the board" || alerts[0].Title != "Harbour news" || alerts[0].Outlet != "Meridian Wire") {
		t.Errorf("Alerts[0] = %+v; want the watch name and the document's title and outlet", alerts[0])
	}
	page, err := s.Alerts(ctx, store.AlertQuery{Before: alerts[0].ID, Limit: 1})
	if err != nil || len(page) != 1 || page[0].ID != alerts[1].ID {
		t.Errorf("Alerts(before %d, limit 1) = %+v, %v; want the second newest", alerts[0].ID, page, err)
	}
	byWatch, err := s.Alerts(ctx, store.AlertQuery{WatchID: we.ID})
	if err != nil || len(byWatch) != 1 {
		t.Errorf("Alerts(watch %d) = %+v, %v; want one", we.ID, byWatch, err)
	}
	if err := s.DeleteWatch(ctx, ws.ID); err != nil {
		t.Fatalf("DeleteWatch: %v", err)
	}
	if err := s.DeleteWatch(ctx, ws.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteWatch(again) error = %v, want ErrNotFound", err)
	}
	if alerts, err := s.Alerts(ctx, store.AlertQuery{}); err != nil || len(alerts) != 1 {
		t.Errorf("Alerts after deleting a watch = %d, %v; want its alerts gone", len(alerts), err)
	}
}

func testDeliveries(t *testing.T, s store.Store) {
	ctx := t.Context()
	w, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchSearch, Target: "harbour", Webhook: "http://127.0.0.1:1/hook"})
	if err != nil {
		t.Fatalf("PutWatch: %v", err)
	}
	if _, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchSearch, Target: "pilots"}); err != nil { // no webhook
		t.Fatalf("PutWatch: %v", err)
	}
	items := facetItems()
	put(t, s, items[0], items[1])
	now := time.Now().Add(time.Second)
	pending, err := s.PendingAlerts(ctx, now, 3, 10)
	if err != nil || len(pending) != 2 || pending[0].WatchID != w.ID || pending[0].Webhook != w.Webhook {
		t.Fatalf("PendingAlerts = %+v, %v; want the two alerts of the watch with a webhook, oldest first", pending, err)
	}
	if err := s.RecordDelivery(ctx, store.Delivery{AlertID: pending[0].ID, Delivered: true, Time: now}); err != nil {
		t.Fatalf("RecordDelivery(delivered): %v", err)
	}
	later := now.Add(time.Minute)
	if err := s.RecordDelivery(ctx, store.Delivery{AlertID: pending[1].ID, Time: now, Error: "503", NextTry: later}); err != nil {
		t.Fatalf("RecordDelivery(failed): %v", err)
	}
	if p, err := s.PendingAlerts(ctx, now, 3, 10); err != nil || len(p) != 0 {
		t.Errorf("PendingAlerts(now) = %+v, %v; want none (one delivered, one waiting)", p, err)
	}
	p, err := s.PendingAlerts(ctx, later, 3, 10)
	if err != nil || len(p) != 1 || p[0].Attempts != 1 || p[0].LastError != "503" {
		t.Fatalf("PendingAlerts(later) = %+v, %v; want the failed one, 1 attempt, its error", p, err)
	}
	if p, err := s.PendingAlerts(ctx, later, 1, 10); err != nil || len(p) != 0 {
		t.Errorf("PendingAlerts(max 1 attempt) = %+v, %v; want none", p, err)
	}
	all, err := s.Alerts(ctx, store.AlertQuery{WatchID: w.ID})
	if err != nil || len(all) != 2 || all[1].Delivered.IsZero() || !all[0].Delivered.IsZero() {
		t.Errorf("Alerts = %+v, %v; want the older delivered, the newer not", all, err)
	}
}

func testStoryWatch(t *testing.T, s store.Store) {
	ctx := t.Context()
	items := facetItems()
	a, b, c := items[0], items[1], items[2]
	a.Place = news.Placement{Event: news.EventID(a.Doc.ID), Story: news.StoryID(a.Doc.ID)}
	put(t, s, a)
	w, err := s.PutWatch(ctx, store.Watch{Kind: store.WatchStory, Target: a.Place.Story})
	if err != nil {
		t.Fatalf("PutWatch(story): %v", err)
	}
	b.Place = news.Placement{Event: news.EventID(b.Doc.ID), Story: a.Place.Story}          // joins the storyline
	c.Place = news.Placement{Event: news.EventID(c.Doc.ID), Story: news.StoryID(c.Doc.ID)} // another one
	put(t, s, b, c)
	alerts, err := s.Alerts(ctx, store.AlertQuery{WatchID: w.ID})
	if err != nil || len(alerts) != 1 || alerts[0].DocID != b.Doc.ID {
		t.Errorf("Alerts(story watch) = %+v, %v; want one, for the document placed in the storyline", alerts, err)
	}
}
