// Package store defines how Dossier keeps documents: the [Store] interface
// that every backend implements, its query types and sentinel errors.
package store

import (
	"context"
	"errors"
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
const MaxFacetDocs = 5000

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
	Related  []Count // other entities named in the same documents, by shared documents
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
)

// Watch is a saved search or a watched entity: every document stored after
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
