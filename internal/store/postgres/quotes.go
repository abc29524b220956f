package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/store"
)

// defaultQuoteLimit is the number of quotes Quotes returns when q.Limit is 0.
const defaultQuoteLimit = 50

// Quotes lists stored quotes matching q: whole-name speaker matches first,
// then newest documents first. --about and partial speaker matches scan the
// quotes table (a substring match cannot use the index).
func (db *DB) Quotes(ctx context.Context, q store.QuoteQuery) ([]store.QuoteHit, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = defaultQuoteLimit
	}
	by := clean(strings.ToLower(strings.TrimSpace(q.By)))
	about := clean(strings.ToLower(strings.TrimSpace(q.About)))
	rows, err := db.pool.Query(ctx, `SELECT d.id, d.title, d.outlet, d.source, d.published,
			q.kind, q.speaker, q.speaker_start, q.speaker_end, q.cue, q.via, q.addressee, q.start_off, q.end_off, q.text
		FROM quotes q JOIN documents d ON d.seq = q.seq
		WHERE ($1 = '' OR q.speaker_lower = $1 OR strpos(q.speaker_lower, $1) > 0)
		  AND ($2 = '' OR strpos(lower(q.text), $2) > 0)
		ORDER BY (q.speaker_lower = $1) DESC, d.published DESC NULLS LAST, d.seq DESC, q.n
		LIMIT $3 OFFSET $4`, by, about, limit, max(q.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	hits, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.QuoteHit, error) {
		var (
			h   store.QuoteHit
			pub *string
		)
		qt := &h.Quote
		if err := row.Scan(&h.DocID, &h.Title, &h.Outlet, &h.Source, &pub,
			&qt.Kind, &qt.Speaker, &qt.SpeakerStart, &qt.SpeakerEnd, &qt.Cue, &qt.Via, &qt.Addressee,
			&qt.Start, &qt.End, &qt.Text); err != nil {
			return h, err
		}
		var err error
		h.Published, err = parseTime(pub)
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	return hits, nil
}
