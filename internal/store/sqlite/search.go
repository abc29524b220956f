package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/store"
)

// defaultLimit is the number of hits Search returns when Query.Limit is zero.
const defaultLimit = 20

// Search runs an FTS5 query over titles and bodies, best hits first. Title
// matches weigh ten times body matches (BM25). A query FTS5 rejects, such as
// one with an unbalanced quote, is run again with each of its words quoted as
// a phrase, so it finds the documents holding all of them. A blank query
// finds nothing.
//
// A query of plain words that names an entity, as one of its written forms or
// as the last words of one the way a surname ends a person's name
// ("Zawahiri" for "al-Zawahiri"), also finds the entity's other written forms
// ("Zawahri", "Ayman al-Zawahri"): see [DB.entityForms].
func (db *DB) Search(ctx context.Context, q store.Query) ([]store.Hit, error) {
	if strings.TrimSpace(q.Text) == "" {
		return nil, nil
	}
	limit, offset := q.Limit, max(q.Offset, 0)
	if limit <= 0 {
		limit = defaultLimit
	}
	forms, err := db.entityForms(ctx, q.Text)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	hits, err := db.search(ctx, orForms(q.Text, forms), q, limit, offset)
	if err != nil && isQueryError(err) {
		hits, err = db.search(ctx, orForms(quoteWords(q.Text), forms), q, limit, offset)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return hits, nil
}

// filters returns the SQL conditions (over fts and documents d) and their
// arguments for q's filters, each condition starting with " AND".
func filters(q store.Query) (string, []any) {
	var (
		b    strings.Builder
		args []any
	)
	if q.Outlet != "" {
		b.WriteString(" AND d.outlet = ?")
		args = append(args, q.Outlet)
	}
	if !q.From.IsZero() {
		b.WriteString(" AND d.published >= ?")
		args = append(args, formatTime(q.From))
	}
	if !q.To.IsZero() {
		b.WriteString(" AND d.published < ?")
		args = append(args, formatTime(q.To))
	}
	if q.Entity != "" {
		b.WriteString(" AND EXISTS (SELECT 1 FROM mentions m WHERE m.seq = d.seq AND m.canonical_lower = ?)")
		args = append(args, strings.ToLower(strings.TrimSpace(q.Entity)))
	}
	return b.String(), args
}

func (db *DB) search(ctx context.Context, match string, q store.Query, limit, offset int) ([]store.Hit, error) {
	cond, cargs := filters(q)
	rank := `SELECT rowid, bm25(fts, 10.0, 1.0) AS score FROM fts
		WHERE fts MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?`
	args := []any{match, limit, offset}
	if cond != "" {
		rank = `SELECT fts.rowid, bm25(fts, 10.0, 1.0) AS score FROM fts JOIN documents d ON d.seq = fts.rowid
		WHERE fts MATCH ?` + cond + ` ORDER BY score, fts.rowid LIMIT ? OFFSET ?`
		args = append(append([]any{match}, cargs...), limit, offset)
	}
	// Rank first, then make snippets for the page of hits only: in one query
	// SQLite would compute snippet() for every match before sorting. The
	// second query scans the matches again (without ranking them); a lookup
	// by rowid instead would redo the whole query, prefix expansion included,
	// for each hit, hence the unary + that hides the rowid constraint from FTS5.
	rows, err := db.r.QueryContext(ctx, rank, args...)
	if err != nil {
		return nil, err
	}
	var (
		hits  []store.Hit
		seqs  []int64
		index = map[int64]int{}
	)
	for rows.Next() {
		var (
			seq   int64
			score float64
		)
		if err := rows.Scan(&seq, &score); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		index[seq] = len(hits)
		seqs = append(seqs, seq)
		hits = append(hits, store.Hit{Score: score})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(hits) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(seqs)
	if err != nil {
		return nil, err
	}
	rows, err = db.r.QueryContext(ctx, `SELECT fts.rowid, d.id, d.title, d.outlet, d.source, d.published,
			snippet(fts, 1, '[', ']', '…', 16)
		FROM fts JOIN documents d ON d.seq = fts.rowid
		WHERE fts MATCH ? AND +fts.rowid IN (SELECT value FROM json_each(?))`, match, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := 0
	for rows.Next() {
		var (
			seq       int64
			h         store.Hit
			published sql.NullString
		)
		if err := rows.Scan(&seq, &h.ID, &h.Title, &h.Outlet, &h.Source, &published, &h.Snippet); err != nil {
			return nil, err
		}
		if h.Published, err = parseTime(published); err != nil {
			return nil, err
		}
		i, ok := index[seq]
		if !ok {
			return nil, fmt.Errorf("snippet query returned unrequested row %d", seq)
		}
		h.Score = hits[i].Score
		hits[i] = h
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if found != len(hits) {
		return nil, fmt.Errorf("snippet query returned %d of %d hits", found, len(hits))
	}
	return hits, nil
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

// Limits of the entity expansion of a query.
const (
	maxQueryWords = 6  // longer queries are not taken for a name
	maxFormHits   = 50 // forms read that hold the query's words
	maxForms      = 16 // other written forms added to the query
	maxEntities   = 3  // entities whose forms are added
	minFormLetter = 3  // shorter forms ("IS", "US") would match common words
)

// entityForms returns the other written forms (lower case) of the entity that
// query names, or nil when it names none. The query must be plain words
// (letters, digits, spaces, hyphens, apostrophes, full stops). It names an
// entity when it is one of the entity's written forms, or the last words of
// one when the entity is a person or the query has two words or more (of the
// entities the matching forms name, the three most mentioned).
func (db *DB) entityForms(ctx context.Context, query string) ([]string, error) {
	words := store.NameWords(query)
	if len(words) == 0 || len(words) > maxQueryWords {
		return nil, nil
	}
	phrase := `"` + strings.Join(words, " ") + `"`
	rows, err := db.r.QueryContext(ctx, `SELECT form_lower FROM entity_forms_fts WHERE entity_forms_fts MATCH ? LIMIT ?`, phrase, maxFormHits)
	if err != nil {
		return nil, err
	}
	var exact, suffix []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		fw := store.NameWords(f)
		switch {
		case slices.Equal(fw, words):
			exact = append(exact, f)
		case len(fw) > len(words) && slices.Equal(fw[len(fw)-len(words):], words):
			suffix = append(suffix, f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	candidates := append(exact, suffix...)
	if len(candidates) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(candidates)
	if err != nil {
		return nil, err
	}
	// The entities the candidate forms' mentions belong to, most mentioned
	// first, each with the type most of its mentions have.
	crows, err := db.r.QueryContext(ctx, `WITH best AS (
			SELECT canonical_lower, count(*) AS n FROM mentions WHERE text_lower IN (SELECT value FROM json_each(?))
			GROUP BY canonical_lower ORDER BY n DESC, canonical_lower LIMIT ?)
		SELECT b.canonical_lower, (SELECT m.type FROM mentions m WHERE m.canonical_lower = b.canonical_lower
			GROUP BY m.type ORDER BY count(*) DESC, m.type LIMIT 1)
		FROM best b ORDER BY b.n DESC, b.canonical_lower`, string(list), maxEntities)
	if err != nil {
		return nil, err
	}
	var canonicals []string
	for crows.Next() {
		var canonical, typ string
		if err := crows.Scan(&canonical, &typ); err != nil {
			return nil, errors.Join(err, crows.Close())
		}
		if len(exact) > 0 || len(words) >= 2 || typ == "PERSON" {
			canonicals = append(canonicals, canonical)
		}
	}
	if err := crows.Err(); err != nil {
		return nil, err
	}
	if len(canonicals) == 0 {
		return nil, nil
	}
	list, err = json.Marshal(canonicals)
	if err != nil {
		return nil, err
	}
	rows, err = db.r.QueryContext(ctx, `SELECT text_lower FROM mentions WHERE canonical_lower IN (SELECT value FROM json_each(?))
		GROUP BY text_lower ORDER BY count(*) DESC, text_lower LIMIT ?`, string(list), maxForms)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	forms := canonicals
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		forms = append(forms, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	q := strings.Join(words, " ")
	var out []string
	for _, f := range forms {
		if letters(f) >= minFormLetter && strings.Join(store.NameWords(f), " ") != q && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out, nil
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// orForms returns the FTS5 query that matches match or any of forms as a phrase.
func orForms(match string, forms []string) string {
	if len(forms) == 0 {
		return match
	}
	var b strings.Builder
	b.WriteString("(" + match + ")")
	for _, f := range forms {
		b.WriteString(` OR "` + strings.ReplaceAll(f, `"`, `""`) + `"`)
	}
	return b.String()
}

// Most facet values SearchFacets returns for outlets and entities.
const facetValues = 10

// SearchFacets counts the documents q matches (at most
// [store.MaxFacetDocs] of them) by outlet, entity and month.
func (db *DB) SearchFacets(ctx context.Context, q store.Query) (store.Facets, error) {
	if strings.TrimSpace(q.Text) == "" {
		return store.Facets{}, nil
	}
	forms, err := db.entityForms(ctx, q.Text)
	if err != nil {
		return store.Facets{}, fmt.Errorf("search facets %q: %w", q.Text, err)
	}
	f, err := db.facets(ctx, orForms(q.Text, forms), q)
	if err != nil && isQueryError(err) {
		f, err = db.facets(ctx, orForms(quoteWords(q.Text), forms), q)
	}
	if err != nil {
		return store.Facets{}, fmt.Errorf("search facets %q: %w", q.Text, err)
	}
	return f, nil
}

func (db *DB) facets(ctx context.Context, match string, q store.Query) (store.Facets, error) {
	var f store.Facets
	cond, cargs := filters(q)
	// The matches are read once into a temporary list of rowids (unranked:
	// ranking is not needed to count), then grouped three ways.
	rows, err := db.r.QueryContext(ctx, `SELECT fts.rowid FROM fts JOIN documents d ON d.seq = fts.rowid
		WHERE fts MATCH ?`+cond+` LIMIT ?`, append(append([]any{match}, cargs...), store.MaxFacetDocs+1)...)
	if err != nil {
		return f, err
	}
	var seqs []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return f, errors.Join(err, rows.Close())
		}
		seqs = append(seqs, s)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return f, err
	}
	if len(seqs) > store.MaxFacetDocs {
		seqs, f.Truncated = seqs[:store.MaxFacetDocs], true
	}
	f.Matches = len(seqs)
	if len(seqs) == 0 {
		return f, nil
	}
	list := seqList(seqs)
	for _, c := range []struct {
		dst   *[]store.Count
		query string
	}{
		{&f.Outlets, `SELECT d.outlet, count(*) FROM documents d WHERE d.seq IN (SELECT value FROM json_each(?1))
			GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?2`},
		{&f.Entities, `SELECT min(m.canonical), count(DISTINCT m.seq) FROM mentions m WHERE m.seq IN (SELECT value FROM json_each(?1))
			GROUP BY m.canonical_lower ORDER BY 2 DESC, 1 LIMIT ?2`},
		{&f.Months, `SELECT coalesce(substr(d.published, 1, 7), ''), count(*) FROM documents d
			WHERE d.seq IN (SELECT value FROM json_each(?1)) AND ?2 > 0 GROUP BY 1 ORDER BY 1`},
	} {
		if *c.dst, err = db.counts(ctx, c.query, list, facetValues); err != nil {
			return f, err
		}
	}
	return f, nil
}
