package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/store"
)

// Defaults of store.EntityQuery.
const (
	defaultContexts = 10
	defaultRelated  = 10
	contextBytes    = 120 // most text shown on each side of a mention
)

// Entity reports on the canonical entity that q.Name names, or that one of
// its written forms is (the canonical name wins over a form; among forms,
// the entity with most mentions); failing both, the most mentioned entity
// whose canonical name contains q.Name.
func (db *DB) Entity(ctx context.Context, q store.EntityQuery) (store.EntityReport, error) {
	name := clean(strings.ToLower(strings.TrimSpace(q.Name)))
	var r store.EntityReport
	if name == "" {
		return r, fmt.Errorf("entity: empty name: %w", store.ErrNotFound)
	}
	var key string
	err := db.pool.QueryRow(ctx, `SELECT canonical_lower, min(canonical) FROM mentions
		WHERE canonical_lower = $1 OR text_lower = $1
		GROUP BY canonical_lower ORDER BY (canonical_lower = $1) DESC, count(*) DESC, canonical_lower LIMIT 1`, name).Scan(&key, &r.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		err = db.pool.QueryRow(ctx, `SELECT canonical_lower, min(canonical) FROM mentions
			WHERE strpos(canonical_lower, $1) > 0
			GROUP BY canonical_lower ORDER BY count(*) DESC, canonical_lower LIMIT 1`, name).Scan(&key, &r.Name)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("entity %q: %w", q.Name, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("entity: %w", err)
	}
	if err := db.pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT seq) FROM mentions WHERE canonical_lower = $1`, key).
		Scan(&r.Mentions, &r.Docs); err != nil {
		return r, fmt.Errorf("entity: %w", err)
	}
	if err := db.pool.QueryRow(ctx, `SELECT type FROM mentions WHERE canonical_lower = $1
		GROUP BY type ORDER BY count(*) DESC, type LIMIT 1`, key).Scan(&r.Type); err != nil {
		return r, fmt.Errorf("entity: %w", err)
	}
	counts := []struct {
		dst   *[]store.Count
		query string
		args  []any
	}{
		{&r.Aliases, `SELECT text, count(*) FROM mentions WHERE canonical_lower = $1 GROUP BY text ORDER BY 2 DESC, 1`, []any{key}},
		{&r.Outlets, `SELECT d.outlet, count(DISTINCT d.seq) FROM mentions m JOIN documents d ON d.seq = m.seq
			WHERE m.canonical_lower = $1 GROUP BY d.outlet ORDER BY 2 DESC, 1`, []any{key}},
		{&r.Months, `SELECT coalesce(substr(d.published, 1, 7), ''), count(DISTINCT d.seq) FROM mentions m JOIN documents d ON d.seq = m.seq
			WHERE m.canonical_lower = $1 GROUP BY 1 ORDER BY 1`, []any{key}},
		{&r.Related, `SELECT min(m2.canonical), count(DISTINCT m2.seq) FROM mentions m1 JOIN mentions m2 ON m2.seq = m1.seq
			WHERE m1.canonical_lower = $1 AND m2.canonical_lower != $1
			GROUP BY m2.canonical_lower ORDER BY 2 DESC, 1 LIMIT $2`, []any{key, orDefault(q.Related, defaultRelated)}},
	}
	for _, c := range counts {
		rows, err := db.pool.Query(ctx, c.query, c.args...)
		if err != nil {
			return r, fmt.Errorf("entity: %w", err)
		}
		*c.dst, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Count, error) {
			var c store.Count
			err := row.Scan(&c.Name, &c.N)
			return c, err
		})
		if err != nil {
			return r, fmt.Errorf("entity: %w", err)
		}
	}
	if r.Contexts, err = db.contexts(ctx, key, orDefault(q.Contexts, defaultContexts)); err != nil {
		return r, fmt.Errorf("entity: %w", err)
	}
	return r, nil
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// contexts returns up to limit mentions of the entity with the rest of
// their sentence on each side, newest documents first.
func (db *DB) contexts(ctx context.Context, key string, limit int) ([]store.MentionContext, error) {
	rows, err := db.pool.Query(ctx, `SELECT d.id, d.title, d.outlet, d.published, d.text, d.sentences, m.start_off, m.end_off
		FROM mentions m JOIN documents d ON d.seq = m.seq
		WHERE m.canonical_lower = $1 ORDER BY d.published DESC NULLS LAST, d.seq DESC, m.n LIMIT $2`, key, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.MentionContext
	for rows.Next() {
		var (
			c          store.MentionContext
			pub        *string
			text       string
			sents      []byte
			start, end int
		)
		if err := rows.Scan(&c.DocID, &c.Title, &c.Outlet, &pub, &text, &sents, &start, &end); err != nil {
			return nil, err
		}
		if c.Published, err = parseTime(pub); err != nil {
			return nil, err
		}
		if start < 0 || end < start || end > len(text) {
			continue // offsets that do not fit the text: nothing to show
		}
		lo, hi := max(0, start-contextBytes), min(len(text), end+contextBytes)
		if spans, err := unpackSpans(sents); err == nil {
			for _, s := range spans {
				if s.Start <= start && end <= s.End {
					lo, hi = max(lo, s.Start), min(hi, s.End)
					break
				}
			}
		}
		c.Text = text[start:end]
		c.Before = validPrefixTrim(text[lo:start])
		c.After = validSuffixTrim(text[end:hi])
		out = append(out, c)
	}
	return out, rows.Err()
}

// validPrefixTrim drops a partial UTF-8 sequence at the start of s.
func validPrefixTrim(s string) string {
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return s
}

// validSuffixTrim drops a partial UTF-8 sequence at the end of s.
func validSuffixTrim(s string) string {
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || size > 1 {
			break
		}
		s = s[:len(s)-1]
	}
	return s
}

// KnownEntities lists the stored canonical entities (canonical names match
// case-insensitively, as in Entity), by type, in the order of their first
// mention. One pass over the mentions groups them by entity and form; the
// rest is done here.
func (db *DB) KnownEntities(ctx context.Context, limit int) ([]store.KnownEntity, error) {
	return knownEntities(ctx, db.pool, limit)
}

func knownEntities(ctx context.Context, q querier, limit int) ([]store.KnownEntity, error) {
	rows, err := q.Query(ctx, `SELECT canonical_lower, type, min(canonical), text, count(*), min(id)
		FROM mentions GROUP BY canonical_lower, type, text`)
	if err != nil {
		return nil, fmt.Errorf("known entities: %w", err)
	}
	defer rows.Close()
	type form struct {
		store.Count
		first int64
	}
	type known struct {
		name, typ string
		first     int64
		n         int
		forms     []form
	}
	byKey := make(map[[2]string]*known)
	var all []*known
	for rows.Next() {
		var key, typ, name, text string
		var n int
		var first int64
		if err := rows.Scan(&key, &typ, &name, &text, &n, &first); err != nil {
			return nil, fmt.Errorf("known entities: %w", err)
		}
		k := byKey[[2]string{key, typ}]
		if k == nil {
			k = &known{name: name, typ: typ, first: first}
			byKey[[2]string{key, typ}] = k
			all = append(all, k)
		}
		k.name = min(k.name, name)
		k.first = min(k.first, first)
		k.n += n
		k.forms = append(k.forms, form{store.Count{Name: text, N: n}, first})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("known entities: %w", err)
	}
	if limit > 0 && len(all) > limit {
		slices.SortFunc(all, func(a, b *known) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.first, b.first)) })
		all = all[:limit]
	}
	slices.SortFunc(all, func(a, b *known) int { return cmp.Compare(a.first, b.first) })
	out := make([]store.KnownEntity, len(all))
	for i, k := range all {
		slices.SortFunc(k.forms, func(a, b form) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.first, b.first)) })
		out[i] = store.KnownEntity{Name: k.name, Type: k.typ, Forms: make([]store.Count, len(k.forms))}
		for j, f := range k.forms {
			out[i].Forms[j] = f.Count
		}
	}
	return out, nil
}
