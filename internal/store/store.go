// Package store defines how Dossier keeps documents: the [Store] interface
// that every backend implements, its query types and sentinel errors.
package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// ErrNotFound is returned when a document or entity does not exist.
var ErrNotFound = errors.New("not found")

// Item is one document to store: its verbatim raw bytes and what the
// per-document stages made of it.
type Item struct {
	Raw news.RawArticle
	Doc news.Doc
	// Place, when its Event is set, is where the document sits among
	// stories; it is written in the same transaction as the document. Its
	// Doc field is ignored (the item's ID is used).
	Place news.Placement
}

// PutResult says what Put did with one item.
type PutResult int

// Put results.
const (
	PutUnknown   PutResult = iota
	PutNew                 // stored for the first time
	PutDuplicate           // the raw bytes were already stored; nothing changed
)

// Query is a full-text search. The filters narrow the matches; a zero
// filter matches everything.
type Query struct {
	Text   string    // FTS5 query syntax over title and body
	Outlet string    // only documents of this outlet (exact)
	Entity string    // only documents that mention this canonical entity (case-insensitive)
	From   time.Time // only documents published on or after this time
	To     time.Time // only documents published before this time
	Limit  int       // default 20
	Offset int
}

// Facets counts the documents a query matches by outlet, entity and
// publication month, most first (months in order). Counts are taken over at
// most [MaxFacetDocs] matches; Truncated says when there were more.
type Facets struct {
	Matches   int // matches counted, at most MaxFacetDocs
	Truncated bool
	Outlets   []Count
	Entities  []Count
	Months    []Count // "2026-03"; "" for undated documents
}

// MaxFacetDocs bounds the matches facets are counted over, so that a query
// matching most of a large archive costs the same as a narrower one.
const MaxFacetDocs = 1000

// Hit is one search result.
type Hit struct {
	ID        string
	Title     string
	Outlet    string
	Source    string
	Published time.Time
	Snippet   string  // body excerpt with matches between [ and ]
	Score     float64 // BM25, lower is better
}

// QuoteQuery selects stored quotes. By matches the speaker (case-insensitive:
// the whole name first, then any speaker containing it, so "Zawahiri" finds
// "Ayman al-Zawahiri"); About matches the quoted text (case-insensitive
// substring). Empty fields match everything.
type QuoteQuery struct {
	By     string
	About  string
	Limit  int // default 50
	Offset int
}

// QuoteHit is one stored quote with the document it comes from, newest
// documents first.
type QuoteHit struct {
	DocID     string
	Title     string
	Outlet    string
	Source    string
	Published time.Time
	Quote     news.Quote
}

// EntityReport is what the store knows of one canonical entity.
type EntityReport struct {
	Name     string  // canonical name
	Type     string  // PERSON, ORG, LOC or MISC (the most frequent type of its mentions)
	Mentions int     // all mentions
	Docs     int     // documents that mention it
	Aliases  []Count // the forms it is written in, most frequent first
	Outlets  []Count // documents by outlet ("" when unknown), most first
	Months   []Count // documents by publication month ("2026-03"; "" when undated), in order
	Related  []Count // other entities named in the same documents, by shared documents (among its 500 most recently stored)
	Contexts []MentionContext
}

// Count is a name with a number.
type Count struct {
	Name string
	N    int
}

// MentionContext is one mention of an entity in the text around it.
type MentionContext struct {
	DocID     string
	Title     string
	Outlet    string
	Published time.Time
	Text      string // the mention as written
	Before    string // text just before the mention, within its sentence where known
	After     string // text just after it
}

// EntityQuery asks for one entity: Name is a canonical name or any form it
// is written in (case-insensitive); Contexts bounds the mentions in context
// (default 10) and Related the co-occurring entities (default 10).
type EntityQuery struct {
	Name     string
	Contexts int
	Related  int
}

// EditKind is the kind of a user's correction of entity linking.
type EditKind string

// Edit kinds. A merge of A into B is a rename of A to B.
const (
	EditRename EditKind = "rename" // every mention of Name gets To as its canonical name
	EditSplit  EditKind = "split"  // mentions of Name written Form get To as their canonical name
)

// EntityEdit is a user's correction of entity linking. Names and forms
// match case-insensitively.
type EntityEdit struct {
	Kind EditKind
	Name string // the canonical name edited
	Form string // split only: the written form taken out
	To   string // the canonical name the mentions get
	Time time.Time
}

// KnownEntity is a stored canonical entity with the forms it was written
// in, for a later run to link new mentions to (see [Store.KnownEntities]).
type KnownEntity struct {
	Name  string
	Type  string
	Forms []Count // written forms and their mentions, most frequent first
}

// WatchKind is what a watch follows.
type WatchKind string

// Watch kinds.
const (
	WatchSearch WatchKind = "search" // a saved full-text query (Target is the query)
	WatchEntity WatchKind = "entity" // a canonical entity (Target is its name, case-insensitive)
	WatchStory  WatchKind = "story"  // a storyline (Target is its ID): documents placed in it
)

// Watch is a saved search, a watched entity or story: every document stored after
// it was made that matches it raises one [Alert].
type Watch struct {
	ID      int64
	Kind    WatchKind
	Target  string
	Name    string // a label chosen by the user; default Target
	Webhook string // URL alerts are POSTed to; "" for none
	Created time.Time
}

// Alert says that a document matched a watch. There is at most one alert per
// watch and document.
type Alert struct {
	ID        int64
	WatchID   int64
	WatchName string
	Webhook   string // the watch's webhook when the alert was listed
	DocID     string
	Title     string
	Outlet    string
	Published time.Time
	Created   time.Time
	Delivered time.Time // when the webhook accepted it; zero if not (yet)
	Attempts  int       // webhook deliveries tried
	NextTry   time.Time // when the next delivery may be tried
	LastError string    // why the last delivery failed
}

// AlertQuery lists alerts, newest first. Before (an alert ID) pages: only
// alerts older than it are listed; 0 starts at the newest.
type AlertQuery struct {
	WatchID int64 // 0 for every watch
	Before  int64
	Limit   int // default 50
}

// Delivery is the outcome of one webhook delivery attempt.
type Delivery struct {
	AlertID   int64
	Delivered bool
	Time      time.Time
	Error     string    // why it failed
	NextTry   time.Time // when to try again (ignored when delivered)
}

// ErrInvalid is returned, wrapped, when a value given to the store breaks
// its rules (an empty watch target, an unknown watch kind).
var ErrInvalid = errors.New("invalid")

// StoryQuery selects storylines, newest first (by their last date, undated
// ones last). Limit defaults to 50.
type StoryQuery struct {
	Limit  int
	Offset int
}

// StoryEditKind is the kind of a user's correction of story clustering.
type StoryEditKind string

// Story edit kinds. IDs in edits are event IDs ("e…") or storyline IDs
// ("s…"); a backend resolves an ID that no longer exists (after
// reclustering) through the document it names: "e"+D is the event holding
// document D, "s"+D the storyline holding it.
const (
	// StoryMerge: A absorbs B. Both are storylines (B's events move to A)
	// or both are events (B's articles move to A, in A's storyline).
	StoryMerge StoryEditKind = "merge"
	// StorySplit: event A leaves its storyline and becomes a storyline of
	// its own, with ID "s" + the ID A names.
	StorySplit StoryEditKind = "split"
	// StoryMove: document A (a document ID) moves to event B; with B empty
	// it becomes an event of its own ("e"+A) in the same storyline.
	StoryMove StoryEditKind = "move"
)

// StoryEdit is a user's correction of story clustering.
type StoryEdit struct {
	Kind StoryEditKind
	A, B string
	Time time.Time
}

// Placed is a stored document with its placement among stories, for
// resuming or rebuilding clustering (see [Store.Placed]).
type Placed struct {
	Seq   int64 // storage order: a cursor for the next page
	Doc   news.Doc
	Place news.Placement
}

// PlacedQuery pages through stored documents in storage order: those after
// the document with sequence number After (0: from the first), at most Limit
// (default 1000). With Last set, it returns instead the Last most recently
// stored documents (still in storage order), ignoring After and Limit.
type PlacedQuery struct {
	After int64
	Limit int
	Last  int
}

// DocPlace is where one stored document sits, with the IDs of the stored
// documents that are copies of it.
type DocPlace struct {
	news.Placement
	Copies []string
}

// Stats describes what a store holds.
type Stats struct {
	Documents int
	Failures  int
}

// Store is implemented by every backend. Methods are safe for concurrent use;
// writes are serialised by the backend.
type Store interface {
	// Put stores a batch in one transaction. Items whose raw ID is already
	// stored are left as they are and reported as PutDuplicate.
	Put(ctx context.Context, items []Item) ([]PutResult, error)
	// PutFailures records documents that could not be read or processed.
	PutFailures(ctx context.Context, fs []news.Failure) error
	// Has reports whether a document with this raw ID is stored.
	Has(ctx context.Context, id string) (bool, error)
	// Doc returns the stored document; ErrNotFound if there is none.
	Doc(ctx context.Context, id string) (news.Doc, error)
	// Raw returns the verbatim raw bytes of a document.
	Raw(ctx context.Context, id string) ([]byte, error)
	// Search runs a full-text query, best hits first.
	Search(ctx context.Context, q Query) ([]Hit, error)
	// Quotes lists stored quotes that match q.
	Quotes(ctx context.Context, q QuoteQuery) ([]QuoteHit, error)
	// Entity reports on one entity; ErrNotFound if no mention matches.
	Entity(ctx context.Context, q EntityQuery) (EntityReport, error)
	// EditEntity records an edit, applies it to the stored mentions and
	// quote speakers, and returns how many mentions it changed. Edits apply
	// to every document written afterwards too.
	EditEntity(ctx context.Context, e EntityEdit) (int, error)
	// EntityEdits lists the edits in the order they were made.
	EntityEdits(ctx context.Context) ([]EntityEdit, error)
	// KnownEntities lists stored entities in the order they were first
	// stored, at most limit of them (the most mentioned when there are
	// more; 0 for all), each with its written forms.
	KnownEntities(ctx context.Context, limit int) ([]KnownEntity, error)
	// Placed pages through stored documents with their placements, in
	// storage order (see [PlacedQuery]); documents never placed have an
	// empty Place.Event.
	Placed(ctx context.Context, q PlacedQuery) ([]Placed, error)
	// Placement returns where the document with this exact ID sits and its
	// copies; ErrNotFound if no such document is stored.
	Placement(ctx context.Context, id string) (DocPlace, error)
	// ReplacePlacements sets the placement of every stored document in one
	// transaction (documents not in ps become unplaced), then re-applies the
	// recorded story edits in order. It is how reclustering is stored.
	ReplacePlacements(ctx context.Context, ps []news.Placement) error
	// Stories lists storylines, newest first, each with its events and
	// their articles.
	Stories(ctx context.Context, q StoryQuery) ([]news.Story, error)
	// Story returns one storyline by its ID; ErrNotFound if there is none.
	Story(ctx context.Context, id string) (news.Story, error)
	// EditStory records a correction and applies it to the stored
	// placements; it returns how many documents changed event or storyline.
	// It fails with an error wrapping ErrNotFound when an ID names nothing.
	// Edits are re-applied after every [Store.ReplacePlacements].
	EditStory(ctx context.Context, e StoryEdit) (int, error)
	// StoryEdits lists the story edits in the order they were made.
	StoryEdits(ctx context.Context) ([]StoryEdit, error)
	// Failures lists recorded failures, newest first.
	Failures(ctx context.Context, limit int) ([]news.Failure, error)
	// Stats reports counts.
	Stats(ctx context.Context) (Stats, error)
	// SearchFacets counts the documents q matches by outlet, entity and
	// month (q.Limit and q.Offset are ignored).
	SearchFacets(ctx context.Context, q Query) (Facets, error)
	// PutWatch stores a new watch and returns it with its ID and creation
	// time. Documents stored from then on that match it raise alerts, in the
	// transaction that stores them (so a document raises an alert once).
	PutWatch(ctx context.Context, w Watch) (Watch, error)
	// Watches lists the watches, oldest first.
	Watches(ctx context.Context) ([]Watch, error)
	// DeleteWatch removes a watch and its alerts; ErrNotFound if there is none.
	DeleteWatch(ctx context.Context, id int64) error
	// Alerts lists alerts, newest first.
	Alerts(ctx context.Context, q AlertQuery) ([]Alert, error)
	// PendingAlerts lists alerts of watches with a webhook that are not
	// delivered, have had fewer than maxAttempts tries and are due at now,
	// oldest first, at most limit.
	PendingAlerts(ctx context.Context, now time.Time, maxAttempts, limit int) ([]Alert, error)
	// RecordDelivery records a delivery attempt of an alert.
	RecordDelivery(ctx context.Context, d Delivery) error
	// Close releases the store.
	Close() error
}

// SummarizeStory fills the titles and dates of s and its events from their
// articles, which backends list oldest first (undated last) in each event:
// an event's title is that of its first original article with a title, a
// storyline's that of its largest event (the earliest of equals). Events
// are then ordered by first date, undated last. Every backend's
// [Store.Story] ends with it, so that all give the same answers.
func SummarizeStory(s *news.Story) {
	for i := range s.Events {
		ev := &s.Events[i]
		for _, a := range ev.Articles {
			if !a.Published.IsZero() {
				if ev.First.IsZero() || a.Published.Before(ev.First) {
					ev.First = a.Published
				}
				if a.Published.After(ev.Last) {
					ev.Last = a.Published
				}
			}
			if ev.Title == "" && a.DuplicateOf == "" {
				ev.Title = a.Title
			}
		}
		if ev.Title == "" && len(ev.Articles) > 0 {
			ev.Title = ev.Articles[0].Title
		}
	}
	slices.SortStableFunc(s.Events, func(a, b news.Event) int {
		if a.First.IsZero() != b.First.IsZero() {
			if a.First.IsZero() {
				return 1
			}
			return -1
		}
		return a.First.Compare(b.First)
	})
	best := -1
	for i, ev := range s.Events {
		if !ev.First.IsZero() && (s.First.IsZero() || ev.First.Before(s.First)) {
			s.First = ev.First
		}
		if ev.Last.After(s.Last) {
			s.Last = ev.Last
		}
		if best < 0 || cmp.Compare(len(ev.Articles), len(s.Events[best].Articles)) > 0 {
			best = i
		}
	}
	if best >= 0 {
		s.Title = s.Events[best].Title
	}
}
