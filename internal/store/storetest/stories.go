package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/google/go-cmp/cmp"
)

// storyItems returns four placed documents: a and its copy b report one
// event, c a later event of the same storyline, d an event of another.
//
//	storyline s(a): event e(a) = {a, b (copy of a)}, event e(c) = {c}
//	storyline s(d): event e(d) = {d}
func storyItems() (a, b, c, d store.Item) {
	day := func(m, d int) time.Time { return time.Date(2015, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	mk := func(raw, title, outlet string, pub time.Time) store.Item {
		it := item(raw, title, "Body of "+title+".")
		it.Doc.Outlet, it.Doc.Published = outlet, pub
		return it
	}
	a = mk("story a", "Leader urges unity", "Wire", day(9, 13))
	b = mk("story b", "Leader urges unity - Daily", "Daily", day(9, 14))
	c = mk("story c", "Leader calls for attacks", "Times", day(11, 2))
	d = mk("story d", "Storm hits coast", "Wire", day(10, 1))
	a.Place = news.Placement{Event: news.EventID(a.Doc.ID), Story: news.StoryID(a.Doc.ID)}
	b.Place = news.Placement{DuplicateOf: a.Doc.ID, Event: a.Place.Event, Story: a.Place.Story}
	c.Place = news.Placement{Event: news.EventID(c.Doc.ID), Story: a.Place.Story}
	d.Place = news.Placement{Event: news.EventID(d.Doc.ID), Story: news.StoryID(d.Doc.ID)}
	return a, b, c, d
}

// shape is a storyline reduced to its events' article IDs, for comparison.
type shape map[string][]string

// shapes returns every storyline's shape, keyed by storyline ID.
func shapes(t *testing.T, s store.Store) map[string]shape {
	t.Helper()
	list, err := s.Stories(t.Context(), store.StoryQuery{Limit: 100})
	if err != nil {
		t.Fatalf("Stories: %v", err)
	}
	out := map[string]shape{}
	for _, st := range list {
		sh := shape{}
		for _, ev := range st.Events {
			for _, a := range ev.Articles {
				sh[ev.ID] = append(sh[ev.ID], a.ID)
			}
		}
		out[st.ID] = sh
	}
	return out
}

func testStories(t *testing.T, s store.Store) {
	a, b, c, d := storyItems()
	// Articles carry their headline verdicts; b has none (no check stored).
	a.Doc.Headline = &news.Headline{Stance: news.StanceDiscuss, Verdict: news.VerdictSupported}
	c.Doc.Headline = &news.Headline{Stance: news.StanceDiscuss, Verdict: news.VerdictOverstated}
	put(t, s, a, b, c, d, item("story unplaced", "Unplaced", "No story."))
	ctx := t.Context()

	list, err := s.Stories(ctx, store.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	day := func(m, d int) time.Time { return time.Date(2015, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	art := func(it store.Item) news.StoryArticle {
		art := news.StoryArticle{ID: it.Doc.ID, Source: it.Doc.Source, Outlet: it.Doc.Outlet, Title: it.Doc.Title,
			Published: it.Doc.Published, DuplicateOf: it.Place.DuplicateOf}
		if h := it.Doc.Headline; h != nil {
			art.Verdict = h.Verdict
		}
		return art
	}
	want := []news.Story{
		{ID: a.Place.Story, Title: "Leader urges unity", First: day(9, 13), Last: day(11, 2), Articles: 3, Outlets: 3,
			Events: []news.Event{
				{ID: a.Place.Event, Story: a.Place.Story, Title: "Leader urges unity", First: day(9, 13), Last: day(9, 14),
					Articles: []news.StoryArticle{art(a), art(b)}},
				{ID: c.Place.Event, Story: a.Place.Story, Title: "Leader calls for attacks", First: day(11, 2), Last: day(11, 2),
					Articles: []news.StoryArticle{art(c)}},
			}},
		{ID: d.Place.Story, Title: "Storm hits coast", First: day(10, 1), Last: day(10, 1), Articles: 1, Outlets: 1,
			Events: []news.Event{{ID: d.Place.Event, Story: d.Place.Story, Title: "Storm hits coast", First: day(10, 1), Last: day(10, 1),
				Articles: []news.StoryArticle{art(d)}}}},
	}
	if diff := cmp.Diff(want, list); diff != "" {
		t.Errorf("Stories() mismatch (-want +got):\n%s", diff)
	}
	if got, err := s.Stories(ctx, store.StoryQuery{Limit: 1, Offset: 1}); err != nil || len(got) != 1 || got[0].ID != d.Place.Story {
		t.Errorf("Stories(limit 1, offset 1) = %d stories, %v; want storyline %s", len(got), err, d.Place.Story)
	}
	one, err := s.Story(ctx, a.Place.Story)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want[0], one); diff != "" {
		t.Errorf("Story(%s) mismatch (-want +got):\n%s", a.Place.Story, diff)
	}
	if _, err := s.Story(ctx, "snosuchstory"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(unknown) error = %v, want ErrNotFound", err)
	}

	pl, err := s.Placement(ctx, a.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(store.DocPlace{Placement: news.Placement{Doc: a.Doc.ID, Event: a.Place.Event, Story: a.Place.Story},
		Copies: []string{b.Doc.ID}}, pl); diff != "" {
		t.Errorf("Placement(a) mismatch (-want +got):\n%s", diff)
	}
	pl, err = s.Placement(ctx, b.Doc.ID)
	if err != nil || pl.DuplicateOf != a.Doc.ID || len(pl.Copies) != 0 {
		t.Errorf("Placement(b) = %+v, %v; want a copy of %s", pl, err, a.Doc.ID)
	}
	if _, err := s.Placement(ctx, "0000000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Placement(unknown) error = %v, want ErrNotFound", err)
	}

	// A later document joining a stored event keeps that event's storyline.
	e := item("story e", "Leader urges unity again", "Post")
	e.Place = news.Placement{Event: a.Place.Event, Story: "sother"}
	put(t, s, e)
	if pl, err := s.Placement(ctx, e.Doc.ID); err != nil || pl.Story != a.Place.Story {
		t.Errorf("Placement(joining document) = %+v, %v; want storyline %s", pl, err, a.Place.Story)
	}
}

func testPlaced(t *testing.T, s store.Store) {
	a, b, c, d := storyItems()
	un := item("story unplaced", "Unplaced", "No story.")
	put(t, s, a, b, c, d, un)
	ctx := t.Context()
	var got []news.Placement
	var after int64
	for {
		page, err := s.Placed(ctx, store.PlacedQuery{After: after, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		if len(page) > 2 {
			t.Fatalf("Placed(limit 2) returned %d", len(page))
		}
		for _, p := range page {
			if p.Seq <= after {
				t.Fatalf("Placed: sequence %d after %d", p.Seq, after)
			}
			if p.Doc.ID != p.Place.Doc || p.Doc.Title == "" {
				t.Errorf("Placed: document %q with placement of %q", p.Doc.ID, p.Place.Doc)
			}
			after = p.Seq
			got = append(got, p.Place)
		}
	}
	place := func(it store.Item) news.Placement { p := it.Place; p.Doc = it.Doc.ID; return p }
	want := []news.Placement{place(a), place(b), place(c), place(d), {Doc: un.Doc.ID}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Placed pages mismatch (-want +got):\n%s", diff)
	}
	last, err := s.Placed(ctx, store.PlacedQuery{Last: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != 2 || last[0].Place.Doc != d.Doc.ID || last[1].Place.Doc != un.Doc.ID {
		t.Errorf("Placed(last 2) = %+v, want d then the unplaced document", last)
	}
}

func testStoryEdits(t *testing.T, s store.Store) {
	a, b, c, d := storyItems()
	put(t, s, a, b, c, d)
	ctx := t.Context()
	ea, ec, ed := a.Place.Event, c.Place.Event, d.Place.Event
	sa, sc, sd := a.Place.Story, news.StoryID(c.Doc.ID), d.Place.Story
	edit := func(e store.StoryEdit, n int) {
		t.Helper()
		got, err := s.EditStory(ctx, e)
		if err != nil || got != n {
			t.Fatalf("EditStory(%+v) = %d, %v; want %d", e, got, err, n)
		}
	}
	check := func(when string, want map[string]shape) {
		t.Helper()
		if diff := cmp.Diff(want, shapes(t, s)); diff != "" {
			t.Errorf("%s: storylines mismatch (-want +got):\n%s", when, diff)
		}
	}
	A, B, C, D := a.Doc.ID, b.Doc.ID, c.Doc.ID, d.Doc.ID

	edit(store.StoryEdit{Kind: store.StoryMerge, A: sa, B: sd}, 1)
	check("merge storylines", map[string]shape{sa: {ea: {A, B}, ec: {C}, ed: {D}}})
	edit(store.StoryEdit{Kind: store.StorySplit, A: ec}, 1)
	check("split an event", map[string]shape{sa: {ea: {A, B}, ed: {D}}, sc: {ec: {C}}})
	edit(store.StoryEdit{Kind: store.StoryMove, A: B, B: ed}, 1)
	check("move to an event", map[string]shape{sa: {ea: {A}, ed: {B, D}}, sc: {ec: {C}}})
	edit(store.StoryEdit{Kind: store.StoryMove, A: D}, 1)
	eb := news.EventID(B)
	check("move out of its own event", map[string]shape{sa: {ea: {A}, eb: {B}, ed: {D}}, sc: {ec: {C}}})
	edit(store.StoryEdit{Kind: store.StoryMerge, A: ec, B: ea}, 1)
	final := map[string]shape{sa: {eb: {B}, ed: {D}}, sc: {ec: {A, C}}}
	check("merge events", final)

	for _, e := range []store.StoryEdit{
		{Kind: store.StoryMerge, A: sa, B: ec},
		{Kind: store.StoryMerge, A: sa, B: "snosuch"},
		{Kind: store.StorySplit, A: "enosuch"},
		{Kind: store.StoryMove, A: "nosuchdoc"},
		{Kind: "shuffle", A: sa},
	} {
		if _, err := s.EditStory(ctx, e); err == nil {
			t.Errorf("EditStory(%+v) succeeded, want an error", e)
		}
	}
	edits, err := s.StoryEdits(ctx)
	if err != nil || len(edits) != 5 {
		t.Fatalf("StoryEdits() = %d edits, %v; want 5", len(edits), err)
	}
	if edits[0].Kind != store.StoryMerge || edits[0].A != sa || edits[0].B != sd || edits[0].Time.IsZero() {
		t.Errorf("StoryEdits()[0] = %+v, want merge %s %s with a time", edits[0], sa, sd)
	}

	// Reclustering stores the clusterer's placements again; the edits are
	// re-applied on top, so the corrected shape survives.
	var ps []news.Placement
	for _, it := range []store.Item{a, b, c, d} {
		p := it.Place
		p.Doc = it.Doc.ID
		ps = append(ps, p)
	}
	if err := s.ReplacePlacements(ctx, ps); err != nil {
		t.Fatal(err)
	}
	check("after reclustering", final)
	// Documents left out of a reclustering are unplaced.
	if err := s.ReplacePlacements(ctx, ps[3:]); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Placement(ctx, A); err != nil || p.Event != "" {
		t.Errorf("Placement(a) after reclustering without it = %+v, %v; want unplaced", p, err)
	}
}
