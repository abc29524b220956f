package story

import (
	"math"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Options configures an [Index]. A zero field means its documented default.
// The defaults were tuned on the odd topics of ECB+ and the first half of
// the Multi-News dev clusters (see `dossier eval cluster`).
type Options struct {
	// Join is the least similarity of a document to an event's centroid
	// for it to join the event. Default 0.22.
	Join float64
	// Link is the least similarity of a new event's first document to a
	// storyline for the event to join it. Default 0.20.
	Link float64
	// EntityWeight is the share of the entity similarity (canonical
	// entities, years and months named) in an event score, the rest being
	// word similarity. Default 0.2.
	EntityWeight float64
	// StoryEntityWeight is that share in a storyline score. Default 0.6.
	StoryEntityWeight float64
	// TitleWeight is how many times a title word counts. Default 1.
	TitleWeight float64
	// EventDays: a dated document joins only events with a dated document
	// at most this many days away. Default 4.
	EventDays float64
	// StoryDays: the same for storylines. Default 120.
	StoryDays float64
	// Words is how many words of a body are read. Default 400.
	Words int
	// Terms is how many terms of each kind a document vector keeps. Default 80.
	Terms int
	// Capacity is how many events are remembered as candidates (the oldest
	// are forgotten): each costs up to about 20 KB. Default 10,000.
	Capacity int
	// Postings is how many recent events each term of the inverted index
	// offers as candidates. Default 40.
	Postings int
}

func (o Options) withDefaults() Options {
	def := func(p *float64, v float64) {
		if *p <= 0 {
			*p = v
		}
	}
	def(&o.Join, 0.22)
	def(&o.Link, 0.20)
	def(&o.EntityWeight, 0.2)
	def(&o.StoryEntityWeight, 0.6)
	def(&o.TitleWeight, 1)
	def(&o.EventDays, 4)
	def(&o.StoryDays, 120)
	if o.Words <= 0 {
		o.Words = 400
	}
	if o.Terms <= 0 {
		o.Terms = 80
	}
	if o.Capacity <= 0 {
		o.Capacity = 10_000
	}
	if o.Postings <= 0 {
		o.Postings = 40
	}
	return o
}

// centroid is the sum of the unit vectors of a group's documents.
type centroid struct {
	w, e        vec
	nw, ne      float64
	first, last time.Time // dated members only; zero when none
}

func (c *centroid) add(d *docVec, prune int) {
	if c.w == nil {
		c.w, c.e = vec{}, vec{}
	}
	c.w.add(d.w, 1)
	c.e.add(d.e, 1)
	if len(c.w) > 2*prune {
		c.w = c.w.prune(prune)
	}
	if len(c.e) > 2*prune {
		c.e = c.e.prune(prune)
	}
	c.nw, c.ne = c.w.norm(), c.e.norm()
	if t := d.published; !t.IsZero() {
		if c.first.IsZero() || t.Before(c.first) {
			c.first = t
		}
		if t.After(c.last) {
			c.last = t
		}
	}
}

// days returns how many days t lies outside c's dates; 0 when either is
// undated.
func (c *centroid) days(t time.Time) float64 {
	switch {
	case t.IsZero() || c.first.IsZero():
		return 0
	case t.Before(c.first):
		return c.first.Sub(t).Hours() / 24
	case t.After(c.last):
		return t.Sub(c.last).Hours() / 24
	}
	return 0
}

// score is the similarity of d to c: a weighted mean of word and entity
// cosines, or the word cosine alone when either side has no entities.
func (c *centroid) score(d *docVec, entityWeight float64) float64 {
	sw := cosine(d.wk, d.w, c.w, d.nw, c.nw)
	if d.ne == 0 || c.ne == 0 {
		return sw
	}
	return (1-entityWeight)*sw + entityWeight*cosine(d.ek, d.e, c.e, d.ne, c.ne)
}

type event struct {
	seq   int64 // sequence number + 1; 0 when the slot is empty
	id    string
	story *storyline
	docs  []string
	centroid
}

type storyline struct {
	id     string
	events int // remembered events
	centroid
}

// docVec is a document's weighted, unit-length vectors.
type docVec struct {
	w, e      vec
	wk, ek    []int32 // the terms of w and e, in order
	nw, ne    float64
	published time.Time
	terms     []int32 // its strongest terms, for the inverted index
}

// Index places documents into events and storylines. Build it with [New].
type Index struct {
	opts Options

	terms map[string]int32 // term -> ID; entities are prefixed with "\x00"
	df    []int32          // documents per term ID
	n     int              // documents seen

	seq      int64 // events started so far
	events   []event
	byID     map[string]int64  // event ID -> sequence number
	byDoc    map[string]int64  // document ID -> its event's sequence number
	postings map[int32][]int64 // term -> events, oldest first
	stories  map[string]*storyline
}

// New returns an empty index.
func New(opts Options) *Index {
	return &Index{
		opts:     opts.withDefaults(),
		terms:    map[string]int32{},
		byID:     map[string]int64{},
		byDoc:    map[string]int64{},
		postings: map[int32][]int64{},
		stories:  map[string]*storyline{},
	}
}

// vectorize counts doc's terms into the document frequencies and returns
// its TF-IDF vectors.
func (x *Index) vectorize(doc *news.Doc) *docVec {
	f := extract(doc, x.opts.TitleWeight, x.opts.Words)
	x.n++
	d := &docVec{published: doc.Published}
	d.w, d.nw = x.weigh(f.words, "")
	d.e, d.ne = x.weigh(f.ents, "\x00")
	d.wk, d.ek = d.w.keys(), d.e.keys()
	d.terms = append(d.w.top(12), d.e.top(8)...)
	return d
}

func (x *Index) weigh(counts map[string]float64, prefix string) (vec, float64) {
	v := make(vec, len(counts))
	terms := make([]string, 0, len(counts))
	for term := range counts {
		terms = append(terms, term)
	}
	slices.Sort(terms) // term IDs in a reproducible order
	for _, term := range terms {
		tf := counts[term]
		id, ok := x.terms[prefix+term]
		if !ok {
			id = int32(len(x.df))
			x.terms[prefix+term] = id
			x.df = append(x.df, 0)
		}
		x.df[id]++
		// A prior of priorDocs documents without the term: while few
		// documents are known, weights stay near uniform instead of
		// treating every shared term as common.
		idf := math.Log(float64(x.n+priorDocs) / float64(x.df[id]))
		v[id] = (1 + math.Log(tf)) * idf
	}
	v = v.prune(x.opts.Terms)
	n := v.norm()
	if n > 0 {
		for t := range v {
			v[t] /= n
		}
		n = 1
	}
	return v, n
}

// priorDocs is the number of pseudo-documents, containing no term, that
// smooth the inverse document frequencies of a young index.
const priorDocs = 50

// live returns the event with sequence number n if it is remembered.
func (x *Index) live(n int64) *event {
	if n <= 0 {
		return nil
	}
	i := int((n - 1) % int64(x.opts.Capacity))
	if i >= len(x.events) || x.events[i].seq != n {
		return nil
	}
	return &x.events[i]
}

// Add places doc: it joins the event of dupOf (the representative of the
// copies it belongs to, "" when none) when that event is remembered, else
// the most similar event, else a new event in the most similar storyline
// or a new one.
func (x *Index) Add(doc *news.Doc, dupOf string) news.Placement {
	d := x.vectorize(doc)
	p := news.Placement{Doc: doc.ID, DuplicateOf: dupOf}
	var ev *event
	if dupOf != "" {
		ev = x.live(x.byDoc[dupOf])
	}
	if ev == nil {
		best := 0.0
		for _, c := range x.candidates(d) {
			if c.days(d.published) > x.opts.EventDays {
				continue
			}
			if s := c.score(d, x.opts.EntityWeight); s >= x.opts.Join && s > best {
				ev, best = c, s
			}
		}
	}
	if ev == nil {
		ev = x.newEvent(news.EventID(doc.ID), x.link(d, doc.ID))
	}
	x.join(ev, doc.ID, d)
	p.Event, p.Story = ev.id, ev.story.id
	return p
}

// Restore puts back a document placed earlier (by a previous run, as
// stored), so that later documents can join its event and storyline. A
// placement without an event is decided as by [Index.Add].
func (x *Index) Restore(doc *news.Doc, p news.Placement) {
	if p.Event == "" {
		x.Add(doc, p.DuplicateOf)
		return
	}
	d := x.vectorize(doc)
	ev := x.live(x.byID[p.Event])
	if ev == nil {
		st := x.stories[p.Story]
		if st == nil {
			st = &storyline{id: p.Story}
			if st.id == "" {
				st.id = news.StoryID(doc.ID)
			}
			x.stories[st.id] = st
		}
		ev = x.newEvent(p.Event, st)
	}
	x.join(ev, doc.ID, d)
}

// candidates returns the remembered events sharing strong terms with d.
func (x *Index) candidates(d *docVec) []*event {
	seen := map[int64]bool{}
	var out []*event
	for _, t := range d.terms {
		ps := x.postings[t]
		for i := len(ps) - 1; i >= 0 && i >= len(ps)-x.opts.Postings; i-- {
			n := ps[i]
			if seen[n] {
				continue
			}
			seen[n] = true
			if ev := x.live(n); ev != nil {
				out = append(out, ev)
			}
		}
	}
	return out
}

// link returns the storyline a new event started by d belongs to: the most
// similar one among the candidates' storylines, or a new one.
func (x *Index) link(d *docVec, docID string) *storyline {
	var best *storyline
	bestScore := 0.0
	for _, ev := range x.candidates(d) {
		st := ev.story
		if st.days(d.published) > x.opts.StoryDays {
			continue
		}
		if s := st.score(d, x.opts.StoryEntityWeight); s >= x.opts.Link && s > bestScore {
			best, bestScore = st, s
		}
	}
	if best == nil {
		best = &storyline{id: news.StoryID(docID)}
		x.stories[best.id] = best
	}
	return best
}

// newEvent starts an event in st, forgetting the oldest one when the index
// is full.
func (x *Index) newEvent(id string, st *storyline) *event {
	x.seq++
	i := int((x.seq - 1) % int64(x.opts.Capacity))
	if i == len(x.events) {
		x.events = append(x.events, event{})
	} else {
		x.forget(&x.events[i])
	}
	ev := &x.events[i]
	*ev = event{seq: x.seq, id: id, story: st}
	st.events++
	x.byID[id] = x.seq
	return ev
}

func (x *Index) forget(ev *event) {
	if ev.seq == 0 {
		return
	}
	for _, d := range ev.docs {
		if x.byDoc[d] == ev.seq {
			delete(x.byDoc, d)
		}
	}
	if x.byID[ev.id] == ev.seq {
		delete(x.byID, ev.id)
	}
	if ev.story.events--; ev.story.events == 0 && x.stories[ev.story.id] == ev.story {
		delete(x.stories, ev.story.id)
	}
	*ev = event{}
}

// join adds document id with vectors d to ev and its storyline.
func (x *Index) join(ev *event, id string, d *docVec) {
	ev.docs = append(ev.docs, id)
	x.byDoc[id] = ev.seq
	ev.add(d, 2*x.opts.Terms)
	ev.story.add(d, 2*x.opts.Terms)
	for _, t := range d.terms {
		ps := x.postings[t]
		if len(ps) > 0 && ps[len(ps)-1] == ev.seq {
			continue
		}
		if len(ps) >= 2*x.opts.Postings {
			ps = append(ps[:0], ps[len(ps)-x.opts.Postings:]...)
		}
		x.postings[t] = append(ps, ev.seq)
	}
}

// Events returns how many events the index remembers.
func (x *Index) Events() int {
	n := 0
	for i := range x.events {
		if x.events[i].seq != 0 {
			n++
		}
	}
	return n
}
