package cli

import (
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// record is a document as `dossier extract` prints it: the JSON contract of
// DESIGN.md. Field names are stable; fields may be added.
type record struct {
	ID         string          `json:"id"`
	Source     string          `json:"source"`
	Format     string          `json:"format"`
	URL        *string         `json:"url"`
	Title      *string         `json:"title"`
	Outlet     *string         `json:"outlet"`
	Author     *string         `json:"author"`
	Published  *string         `json:"published"`
	Language   *string         `json:"language"`
	Flags      []string        `json:"flags"`
	Text       string          `json:"text"`
	Lines      []news.Line     `json:"lines"`
	Paragraphs []news.Span     `json:"paragraphs"`
	Sentences  []news.Span     `json:"sentences"`
	Entities   []news.Entity   `json:"entities"`
	Quotes     []quoteRecord   `json:"quotes"`
	Citations  []news.Citation `json:"citations"`
	Times      []news.TimeRef  `json:"times"`
	Headline   *news.Headline  `json:"headline"`
}

// failureRecord is printed by extract for a document that failed.
type failureRecord struct {
	ID     *string `json:"id"`
	Source string  `json:"source"`
	Error  struct {
		Stage  string `json:"stage"`
		Reason string `json:"reason"`
	} `json:"error"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// formatTime prints a date alone when it has no time of day, else RFC 3339.
func formatTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		return nullable(t.Format(time.DateOnly))
	}
	return nullable(t.Format(time.RFC3339))
}

// orEmpty keeps lists that apply but are empty as [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func newRecord(d news.Doc) record {
	r := record{
		ID:         d.ID,
		Source:     d.Source,
		Format:     d.Format.String(),
		URL:        nullable(d.URL),
		Title:      nullable(d.Title),
		Outlet:     nullable(d.Outlet),
		Author:     nullable(d.Author),
		Published:  formatTime(d.Published),
		Language:   nullable(d.Language),
		Flags:      orEmpty(d.Flags),
		Text:       d.Text,
		Lines:      d.Lines, // null unless the input was plain text
		Paragraphs: orEmpty(d.Paragraphs),
		Sentences:  orEmpty(d.Sentences),
		Entities:   orEmpty(d.Entities),
		Quotes:     quoteRecords(d.Quotes),
		Citations:  orEmpty(d.Citations),
		Times:      orEmpty(d.Times),
		Headline:   d.Headline,
	}
	return r
}

// quoteRecord is a quote as extract prints it: fields that do not apply
// (no known speaker, no outlet between speaker and article) are null.
type quoteRecord struct {
	Text         string  `json:"text"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	Kind         string  `json:"kind"`
	Speaker      *string `json:"speaker"`
	SpeakerStart *int    `json:"speaker_start"`
	SpeakerEnd   *int    `json:"speaker_end"`
	Cue          *string `json:"cue"`
	Via          *string `json:"via"`
	Addressee    *string `json:"addressee"`
}

func quoteRecords(qs []news.Quote) []quoteRecord {
	out := make([]quoteRecord, 0, len(qs))
	for _, q := range qs {
		r := quoteRecord{Text: q.Text, Start: q.Start, End: q.End, Kind: q.Kind,
			Speaker: nullable(q.Speaker), Cue: nullable(q.Cue), Via: nullable(q.Via), Addressee: nullable(q.Addressee)}
		if q.Speaker != "" {
			r.SpeakerStart, r.SpeakerEnd = &q.SpeakerStart, &q.SpeakerEnd
		}
		out = append(out, r)
	}
	return out
}

func newFailureRecord(f *news.Failure) failureRecord {
	var r failureRecord
	r.ID = nullable(f.ID)
	r.Source = f.Source
	r.Error.Stage = f.Stage
	r.Error.Reason = f.Reason
	return r
}
