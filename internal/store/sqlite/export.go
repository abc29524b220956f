package sqlite

import (
	"context"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Export returns up to limit stored documents, with their placements among
// stories, in the order they were stored, starting after the one with sequence number after (0: from the
// first), and the sequence number of the last one returned (after, when
// there are no more). Raw bytes are verbatim; documents are as they were
// written, entity edits not applied (see [DB.EntityEdits]), so that another
// store given the edits and then the documents holds what this one holds.
// It is what `dossier migrate-store` copies with.
func (db *DB) Export(ctx context.Context, after int64, limit int) ([]store.Item, int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT r.seq, r.id, r.bytes,
			coalesce(p.duplicate_of, ''), coalesce(p.event, ''), coalesce(e.story, '')
		FROM raw r LEFT JOIN placements p ON p.seq = r.seq LEFT JOIN events e ON e.id = p.event
		WHERE r.seq > ? ORDER BY r.seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, after, fmt.Errorf("export: %w", err)
	}
	type rawRow struct {
		seq   int64
		id    string
		bytes []byte
		place news.Placement
	}
	var raws []rawRow
	for rows.Next() {
		var r rawRow
		if err := rows.Scan(&r.seq, &r.id, &r.bytes, &r.place.DuplicateOf, &r.place.Event, &r.place.Story); err != nil {
			rows.Close()
			return nil, after, fmt.Errorf("export: %w", err)
		}
		r.place.Doc = r.id
		if r.bytes == nil {
			r.bytes = []byte{}
		}
		raws = append(raws, r)
	}
	if err := rows.Err(); err != nil {
		return nil, after, fmt.Errorf("export: %w", err)
	}
	items := make([]store.Item, 0, len(raws))
	last := after
	for _, r := range raws {
		d, err := db.docAsWritten(ctx, r.id)
		if err != nil {
			return nil, after, fmt.Errorf("export: %w", err)
		}
		items = append(items, store.Item{
			Raw:   news.RawArticle{ID: r.id, Source: d.Source, Format: d.Format, Raw: r.bytes},
			Doc:   d,
			Place: r.place,
		})
		last = r.seq
	}
	return items, last, nil
}
