package story_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/story"
)

func day(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }

func doc(id, title, text string, pub time.Time, ents ...string) *news.Doc {
	d := &news.Doc{ID: id, Title: title, Text: text, Published: pub}
	for _, e := range ents {
		d.Entities = append(d.Entities, news.Entity{Text: e, Type: "ORG", Canonical: e})
	}
	return d
}

// background gives an index some unrelated documents, so that its term
// weights are informed.
func background(x *story.Index) {
	topics := []string{
		"The orchestra opened its winter season with a symphony by a young composer and the hall was full.",
		"Farmers in the northern valley reported a record harvest of apples after a mild spring and late rain.",
		"The football club signed a goalkeeper from a rival team for an undisclosed fee before the transfer deadline.",
		"Scientists described a new species of frog found in the cloud forest during a survey of the mountain range.",
		"The central bank left interest rates unchanged and said inflation was slowing faster than expected.",
		"A new bridge over the estuary opened to traffic two years late and over budget after a long dispute.",
	}
	for i, t := range topics {
		x.Add(doc(fmt.Sprint("bg", i), "", t, time.Time{}), "")
	}
}

const (
	strike1 = "Dockworkers at the harbour of Corvena walked out over pay, leaving container ships waiting at anchor. The Corvena Dockers Union wants the port authority to raise wages by eight percent."
	strike2 = "Container ships waited at anchor outside Corvena harbour as the dockworkers strike over pay went on. The Corvena Dockers Union demands an eight percent raise from the port authority."
	strike3 = "Corvena dockworkers went back on strike over pay, a year after the last walkout at the harbour. The Corvena Dockers Union again asked the port authority for higher wages for its members."
	storm   = "A storm flooded the coast road near Lindqvist and closed schools, and the weather service warned of more heavy rain and high winds."
)

func TestIndex_Add(t *testing.T) {
	x := story.New(story.Options{})
	background(x)
	a := x.Add(doc("a", "Dockworkers strike shuts Corvena harbour", strike1, day(3), "Corvena Dockers Union", "Corvena"), "")
	for _, tt := range []struct {
		name             string
		doc              *news.Doc
		dupOf            string
		sameEvent, story bool
	}{
		{"another report of the same strike", doc("b", "Corvena harbour strike strands ships", strike2, day(4), "Corvena Dockers Union", "Corvena"), "", true, true},
		{"a copy joins its original's event", doc("c", "Opinion | Dockworkers strike shuts Corvena harbour", strike1, day(3)), "a", true, true},
		{"the same kind of strike a month later: a new event in the storyline", doc("d", "Corvena dockworkers strike again", strike3, day(31), "Corvena Dockers Union", "Corvena"), "", false, true},
		{"something else", doc("e", "Storm floods coast road", storm, day(4), "Lindqvist"), "", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := x.Add(tt.doc, tt.dupOf)
			if p.Doc != tt.doc.ID || p.DuplicateOf != tt.dupOf {
				t.Errorf("Add(%s) = %+v, want Doc %s, DuplicateOf %q", tt.doc.ID, p, tt.doc.ID, tt.dupOf)
			}
			if got := p.Event == a.Event; got != tt.sameEvent {
				t.Errorf("Add(%s): event %s, same as a's (%s): %v, want %v", tt.doc.ID, p.Event, a.Event, got, tt.sameEvent)
			}
			if got := p.Story == a.Story; got != tt.story {
				t.Errorf("Add(%s): storyline %s, same as a's (%s): %v, want %v", tt.doc.ID, p.Story, a.Story, got, tt.story)
			}
			if !tt.sameEvent && p.Event != news.EventID(tt.doc.ID) {
				t.Errorf("Add(%s): new event %s, want %s", tt.doc.ID, p.Event, news.EventID(tt.doc.ID))
			}
		})
	}
}

func TestIndex_Restore(t *testing.T) {
	x := story.New(story.Options{})
	background(x)
	x.Restore(doc("a", "Dockworkers strike shuts Corvena harbour", strike1, day(3), "Corvena Dockers Union"),
		news.Placement{Doc: "a", Event: "eold", Story: "sold"})
	p := x.Add(doc("b", "Corvena harbour strike strands ships", strike2, day(4), "Corvena Dockers Union"), "")
	if p.Event != "eold" || p.Story != "sold" {
		t.Errorf("Add after Restore = %+v, want event eold in storyline sold", p)
	}
}

func TestIndex_Capacity(t *testing.T) {
	x := story.New(story.Options{Capacity: 2})
	x.Add(doc("a", "Dockworkers strike", strike1, time.Time{}), "")
	x.Add(doc("b", "", storm, time.Time{}), "")
	x.Add(doc("c", "", "The orchestra opened its winter season with a symphony.", time.Time{}), "")
	if n := x.Events(); n != 2 {
		t.Errorf("Events() = %d, want 2", n)
	}
	if p := x.Add(doc("d", "Dockworkers strike", strike1, time.Time{}), ""); p.Event == "ea" {
		t.Errorf("a forgotten event was joined: %+v", p)
	}
}

func FuzzIndex_Add(f *testing.F) {
	f.Add("Title", "Some text about a strike in 2015.", "Corvena")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, title, text, ent string) {
		x := story.New(story.Options{Capacity: 3})
		for i := range 5 {
			d := doc(fmt.Sprint(i), title, text, time.Time{}, ent)
			p := x.Add(d, "")
			if p.Event == "" || p.Story == "" || p.Doc != d.ID {
				t.Fatalf("Add(%q, %q) = %+v", title, text, p)
			}
		}
	})
}

// BenchmarkIndex_Add measures placing one document into an index that
// already holds n documents about n/4 topics: the cost must not grow with n.
func BenchmarkIndex_Add(b *testing.B) {
	mk := func(i int) *news.Doc {
		t := i / 4
		text := fmt.Sprintf("Report %d on topic%d: officials in city%d said the matter%d of case%d was under review. ", i, t, t%97, t%89, t)
		return doc(fmt.Sprint(i), fmt.Sprintf("Topic%d news", t), text+strike1+storm, day(1+t%28), fmt.Sprint("Org", t%500))
	}
	for _, n := range []int{1_000, 10_000, 50_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			x := story.New(story.Options{})
			for i := range n {
				x.Add(mk(i), "")
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			i := n
			for b.Loop() {
				x.Add(mk(i), "")
				i++
			}
			b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MiB")
		})
	}
}

func ExampleIndex_Add() {
	x := story.New(story.Options{})
	background(x)
	a := x.Add(doc("a", "Dockworkers strike shuts Corvena harbour", strike1, day(3)), "")
	b := x.Add(doc("b", "Corvena harbour strike strands ships", strike2, day(4)), "")
	fmt.Println(a.Event, b.Event, b.Story)
	// Output: ea ea sa
}
