package pipeline

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/story"
)

// TestRun_Cluster checks that the sink goroutine places every new document,
// in input order: a second copy of an article (other bytes: a different
// last line) is marked as a copy of the first and joins its event.
func TestRun_Cluster(t *testing.T) {
	body := "The harbour authority of Corvena said on Tuesday that dockworkers would return to work after eleven days, ending a strike over pay that left container ships waiting at anchor outside the breakwater. Union leaders said members had accepted a raise of six percent over two years.\n"
	mk := func(src, extra string) news.RawArticle {
		raw := []byte("Dockworkers End Strike\n\n" + body + extra)
		return news.RawArticle{ID: news.ID(raw), Source: src, Format: news.FormatText, Body: news.FormatText, Raw: raw, Group: src}
	}
	a, b := mk("a.txt", ""), mk("b.txt", "\nThis copy was updated.\n")
	c := textDoc(1)
	p := New(Options{Workers: 2, Cluster: NewClusterer(dedup.Options{}, story.Options{})})
	rec := &recorder{}
	if err := p.Run(t.Context(), sliceSource([]item{{raw: a}, {raw: b}, {raw: c}}), rec); err != nil {
		t.Fatal(err)
	}
	var got []news.Placement
	for _, r := range rec.got {
		got = append(got, r.Place)
	}
	want := []news.Placement{
		{Doc: a.ID, Event: news.EventID(a.ID), Story: news.StoryID(a.ID)},
		{Doc: b.ID, DuplicateOf: a.ID, Event: news.EventID(a.ID), Story: news.StoryID(a.ID)},
		{Doc: c.ID, Event: news.EventID(c.ID), Story: news.StoryID(c.ID)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("placements (-want +got):\n%s", diff)
	}
}
