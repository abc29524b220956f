package news

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Span is the half-open byte range [Start, End) of Doc.Text, on UTF-8 boundaries.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// ID returns the document identifier of raw bytes: the first 16 hex digits of
// their SHA-256 digest.
func ID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:8])
}

// Format is the container format a document was read from.
type Format int

// Formats, sniffed from content by the ingest package.
const (
	FormatUnknown Format = iota
	FormatText           // plain text, as scraped pages dumped one block a line
	FormatHTML           // an HTML page
	FormatWARC           // a record of a WARC file
	FormatFeed           // an item of an RSS, Atom or JSON feed
	FormatJSONL          // a line of a JSON Lines file
)

var formatNames = [...]string{"unknown", "text", "html", "warc", "feed", "jsonl"}

// String returns the name used in JSON output ("text", "html", ...).
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return "unknown"
	}
	return formatNames[f]
}

// ParseFormat returns the Format named s, or FormatUnknown.
func ParseFormat(s string) Format {
	for i, n := range formatNames {
		if n == s {
			return Format(i)
		}
	}
	return FormatUnknown
}

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Format) UnmarshalText(b []byte) error { *f = ParseFormat(string(b)); return nil }

// RawArticle is one document as ingested, before any analysis. Raw holds the
// document's bytes verbatim: the whole file for plain text and HTML, the HTTP
// payload (or resource body) of a WARC record, the line of a JSON Lines file,
// and for a feed item the item's own markup as far as the feed parser exposes
// it (see the ingest package). The other fields are hints from the container;
// the cleaner may confirm, correct or fill them.
type RawArticle struct {
	ID          string    // ID(Raw)
	Source      string    // file path, "path#record" for records inside a container, URL, or "-" for stdin
	Format      Format    // the container format
	Body        Format    // what Raw holds: FormatText or FormatHTML
	Raw         []byte    // verbatim bytes
	URL         string    // the article URL when the container gives it
	Outlet      string    // outlet name when the container gives it
	Title       string    // title when the container gives it
	Published   time.Time // publication time when the container gives it
	Fetched     time.Time // when the bytes were fetched (WARC-Date), or zero
	ContentType string    // declared media type and charset, if any
	Group       string    // site key for cross-document repetition: URL host, else parent directory
}

// Label is what a line of a plain-text page is.
type Label int

// Line labels.
const (
	LabelUnknown Label = iota
	LabelTitle         // the article headline
	LabelBody          // article text
	LabelCaption       // a photo caption or credit that belongs to the article
	LabelChrome        // page furniture: navigation, appeals, comment forms, links to other articles
)

var labelNames = [...]string{"unknown", "title", "body", "caption", "chrome"}

// String returns the label's name as used in JSON output.
func (l Label) String() string {
	if l < 0 || int(l) >= len(labelNames) {
		return "unknown"
	}
	return labelNames[l]
}

// ParseLabel returns the Label named s, or LabelUnknown.
func ParseLabel(s string) Label {
	for i, n := range labelNames {
		if n == s {
			return Label(i)
		}
	}
	return LabelUnknown
}

// MarshalText implements encoding.TextMarshaler.
func (l Label) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Label) UnmarshalText(b []byte) error { *l = ParseLabel(string(b)); return nil }

// Line is one non-empty line of a plain-text page with its label. N counts
// lines from 1 as in the file, empty lines included.
type Line struct {
	N     int    `json:"n"`
	Label Label  `json:"label"`
	Text  string `json:"text"`
}

// Flags a cleaner may set on a document.
const (
	FlagPaginated   = "paginated"    // the page is one of several; the article continues elsewhere
	FlagTruncated   = "truncated"    // the text stops before the article ends
	FlagInvalidUTF8 = "invalid_utf8" // invalid UTF-8 was replaced by U+FFFD
	FlagCharset     = "transcoded"   // a legacy charset was converted to UTF-8
	FlagEmpty       = "empty"        // no article text was found
	FlagNotEnglish  = "not_english"  // the text is not English: English-only stages (entity, quote) were skipped
	FlagNotArticle  = "not_article"  // the document is not an article (a README or licence beside a corpus, a page without headline or prose)
)

// Cleaned is what the clean stage makes of a RawArticle.
type Cleaned struct {
	Title     string
	Outlet    string
	Author    string
	Published time.Time
	// PublishedFrom says where Published came from: "user" (the container:
	// JSON Lines, feed), "html-meta", "dateline" (a date line of a plain-text
	// page), "url" or "filename"; "" when Published is zero.
	PublishedFrom string
	Language      string
	Flags         []string
	Text          string // the article body, paragraphs separated by a blank line
	Lines         []Line // plain-text input only
}

// Entity is a named-entity mention in Doc.Text.
type Entity struct {
	Text      string `json:"text"`
	Type      string `json:"type"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Canonical string `json:"canonical"`
}

// Quote is a quotation or reported statement in Doc.Text.
type Quote struct {
	Text         string `json:"text"`
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Kind         string `json:"kind"`
	Speaker      string `json:"speaker"`
	SpeakerStart int    `json:"speaker_start"`
	SpeakerEnd   int    `json:"speaker_end"`
	Cue          string `json:"cue"`
	Via          string `json:"via"`
	Addressee    string `json:"addressee"` // whom the speaker addressed, when the text says ("X tells Y")
	// SpeakerKind says how Speaker was found: "name" (named at the cue),
	// "resolved" (a pronoun or description resolved to an earlier name, or
	// a quote without a cue continuing the previous speaker),
	// "description" (kept as written: "a spokesman", "Western officials"),
	// "unresolved" (a pronoun with no antecedent: Speaker is empty), or
	// empty when the quote has no source.
	SpeakerKind string `json:"speaker_kind,omitempty"`
}

// Citation is a medium an article relies on ("Reuters reported").
type Citation struct {
	Source string `json:"source"`
	Cue    string `json:"cue"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// TimeRef is a time expression in Doc.Text, normalised when possible.
// Value is a TIMEX3 value (TempEval-3 conventions: "2015-09-30", "2015-W44",
// "P1M", "PAST_REF", "XXXX-09"); Type is "DATE", "TIME", "DURATION" or "SET".
type TimeRef struct {
	Text  string `json:"text"`
	Value string `json:"value"`
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Stances of a body towards its headline, FNC-1's four classes.
const (
	StanceAgree     = "agree"     // the body says the headline is true
	StanceDisagree  = "disagree"  // the body says it is false
	StanceDiscuss   = "discuss"   // the body reports the claim without taking a position
	StanceUnrelated = "unrelated" // the body is about something else
)

// Verdicts on a headline, for readers.
const (
	VerdictSupported    = "supported"    // the body bears the headline out
	VerdictOverstated   = "overstated"   // the headline asserts what the body only reports, hedges or attributes
	VerdictContradicted = "contradicted" // the body says the headline is false
	VerdictUnsupported  = "unsupported"  // the body does not speak to the headline
)

// Headline is how a document's body stands to its own title: the stance
// (one of the Stance constants), the verdict for readers (one of the
// Verdict constants) and the sentences of Doc.Text it rests on.
type Headline struct {
	Stance   string `json:"stance"`
	Verdict  string `json:"verdict"`
	Evidence []Span `json:"evidence"`
}

// Doc is a document after the per-document stages: the cleaned article and
// every annotation, as printed by `dossier extract`.
type Doc struct {
	ID        string
	Source    string
	Format    Format
	URL       string
	Title     string
	Outlet    string
	Author    string
	Published time.Time
	// PublishedFrom says where Published came from (see Cleaned.PublishedFrom).
	PublishedFrom string
	Fetched       time.Time
	Language      string
	Flags         []string
	Text          string
	Lines         []Line
	Paragraphs    []Span
	Sentences     []Span
	Tokens        []Span
	Entities      []Entity
	Quotes        []Quote
	Citations     []Citation
	Times         []TimeRef
	Group         string
	ContentType   string
	Headline      *Headline // how the body stands to Title; nil when there is no title
}

// Failure records why a document could not be read or processed. The run
// goes on; the failure is reported in the ingest summary and stored.
type Failure struct {
	Source string    // where the document came from
	ID     string    // the raw ID when bytes were read, else ""
	Stage  string    // "read", "clean", "segment", "store", ...
	Reason string    // human-readable cause
	Time   time.Time // when it happened
}

// Brief is what a set of articles about one story says, as the brief stage
// assembles it: a few extractive sentences citing every article that
// reports them, the claims the articles make (aligned across articles) and
// where they conflict. Article references are Doc IDs.
type Brief struct {
	Summary   string          `json:"summary"`
	Sentences []BriefSentence `json:"sentences"`
	Claims    []Claim         `json:"claims"`
	Conflicts []Conflict      `json:"conflicts"`
}

// BriefSentence is one sentence of a brief: its text as written in the
// article it was taken from (Doc, Span) and every article that reports the
// same claim (Sources, Doc first).
type BriefSentence struct {
	Text    string   `json:"text"`
	Doc     string   `json:"doc"`
	Span    Span     `json:"span"`
	Sources []string `json:"sources"`
}

// Claim is one statement as several articles (or a single one) make it:
// the text of one of its sentences, the articles that report it and where.
type Claim struct {
	Text     string      `json:"text"`
	Articles []string    `json:"articles"`
	Mentions []Reference `json:"mentions"`
}

// Reference is a sentence of one article.
type Reference struct {
	Doc  string `json:"doc"`
	Span Span   `json:"span"`
	Text string `json:"text"`
}

// Kinds of conflict between two articles reporting the same claim.
const (
	ConflictFigure   = "figure"   // different numbers ("killed 12" and "killed 15")
	ConflictDate     = "date"     // different days, months or years
	ConflictName     = "name"     // different people in the same role
	ConflictNegation = "negation" // one says it happened, the other that it did not
)

// Conflict is a claim two articles report differently: the kind (one of
// the Conflict constants), what differs ("12" / "15") and the two sentences.
type Conflict struct {
	Kind   string    `json:"kind"`
	Detail string    `json:"detail"`
	A      Reference `json:"a"`
	B      Reference `json:"b"`
}

// Placement says where a document sits among stories: the document it is a
// copy of, the event (one real-world happening) and the storyline (events
// that belong together over time) it belongs to. Event and storyline IDs are
// derived from the document that started them: "e" and "s" followed by its
// ID, so that they are stable across reclustering in the same order.
type Placement struct {
	Doc         string // the document's ID
	DuplicateOf string // the representative copy's ID; "" when the document is no copy
	Event       string // "e" + the ID of the event's first document; "" when unplaced
	Story       string // "s" + the ID of the storyline's first document; "" when unplaced
}

// EventID returns the ID of an event started by the document with this ID.
func EventID(docID string) string { return "e" + docID }

// StoryID returns the ID of a storyline started by the document with this ID.
func StoryID(docID string) string { return "s" + docID }

// Story is a storyline: the events that belong together over time, with
// their articles. First and Last are the earliest and latest publication
// dates of its articles (zero when none is dated).
type Story struct {
	ID       string
	Title    string
	First    time.Time
	Last     time.Time
	Events   []Event // oldest first
	Articles int     // articles in all its events
	Outlets  int     // distinct outlets of those articles ("" counts as one)
}

// Event is one real-world happening inside a storyline, with the articles
// that report it.
type Event struct {
	ID       string
	Story    string
	Title    string
	First    time.Time
	Last     time.Time
	Articles []StoryArticle // oldest first
}

// StoryArticle is a document as listed in an event.
type StoryArticle struct {
	ID          string
	Source      string
	Outlet      string
	Title       string
	Published   time.Time
	DuplicateOf string // "" when the article is no copy
	Verdict     string // its headline verdict (Headline.Verdict), "" when it has none
}
