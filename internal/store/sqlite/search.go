package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/store"
)

// defaultLimit is the number of hits Search returns when Query.Limit is zero.
const defaultLimit = 20

// Search runs an FTS5 query over titles and bodies, best hits first. Title
// matches weigh ten times body matches (BM25). A query FTS5 rejects, such as
// one with an unbalanced quote, is run again with each of its words quoted as
// a phrase, so it finds the documents holding all of them. A blank query
// finds nothing.
func (db *DB) Search(ctx context.Context, q store.Query) ([]store.Hit, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, nil
	}
	limit, offset := q.Limit, max(q.Offset, 0)
	if limit <= 0 {
		limit = defaultLimit
	}
	hits, err := db.search(ctx, q.Text, limit, offset)
	if err != nil && isQueryError(err) {
		hits, err = db.search(ctx, quoteWords(q.Text), limit, offset)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return hits, nil
}

func (db *DB) search(ctx context.Context, match string, limit, offset int) ([]store.Hit, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT
		d.id, d.title, d.outlet, d.source, d.published,
		snippet(fts, 1, '[', ']', '…', 16), bm25(fts, 10.0, 1.0) AS score
		FROM fts JOIN documents d ON d.seq = fts.rowid
		WHERE fts MATCH ? ORDER BY score, d.seq LIMIT ? OFFSET ?`, match, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []store.Hit
	for rows.Next() {
		var (
			h         store.Hit
			published sql.NullString
		)
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.Source, &published, &h.Snippet, &h.Score); err != nil {
			return nil, err
		}
		if h.Published, err = parseTime(published); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// quoteWords returns q with every whitespace-separated word made an FTS5
// phrase, so that no character in it is query syntax.
func quoteWords(q string) string {
	words := strings.Fields(q)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(words, " ")
}
