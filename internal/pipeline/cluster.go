package pipeline

import (
	"time"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/story"
)

// Clusterer places documents among copies, events and storylines: the
// near-duplicate index first, then the story index. It has one owner (the
// sink goroutine of a run, or a recluster loop); it is not safe for
// concurrent use.
type Clusterer struct {
	dup   *dedup.Index
	story *story.Index

	placed int
	took   time.Duration
}

// NewClusterer returns an empty clusterer.
func NewClusterer(d dedup.Options, s story.Options) *Clusterer {
	return &Clusterer{dup: dedup.New(d), story: story.New(s)}
}

// Place decides where doc goes and remembers it.
func (c *Clusterer) Place(doc *news.Doc) news.Placement {
	start := time.Now()
	m := c.dup.Add(doc.ID, doc.Text)
	p := c.story.Add(doc, m.Of)
	c.placed++
	c.took += time.Since(start)
	return p
}

// Cost returns how many documents Place placed and the time it took.
func (c *Clusterer) Cost() (int, time.Duration) { return c.placed, c.took }

// Restore remembers a document placed earlier (as stored), so that later
// documents can copy it or join its event and storyline.
func (c *Clusterer) Restore(doc *news.Doc, p news.Placement) {
	if p.Event == "" {
		c.Place(doc)
		return
	}
	c.dup.Remember(doc.ID, p.DuplicateOf, doc.Text)
	c.story.Restore(doc, p)
}
