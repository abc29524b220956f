package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dossier-news/dossier/internal/store"
)

// defaultLimit is the number of hits Search returns when Query.Limit is zero.
const defaultLimit = 20

// headlineOptions makes ts_headline mark matches as [match], as the SQLite
// backend's snippet() does, in one fragment of about 16 words.
const headlineOptions = `StartSel="[", StopSel="]", MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "`

// Search runs a full-text query over titles and bodies, best hits first.
// The query is read in FTS5's syntax, as the SQLite backend reads it (see
// tsQuery), and runs against the tsvector index; hits are ranked by
// ts_rank_cd, where a title match weighs ten times a body match, and Score
// is the rank negated so that lower is better, as with BM25. Snippets come
// from ts_headline. A blank query, or one without a word, finds nothing.
func (db *DB) Search(ctx context.Context, q store.Query) ([]store.Hit, error) {
	limit, offset := q.Limit, max(q.Offset, 0)
	if limit <= 0 {
		limit = defaultLimit
	}
	tsq := tsQuery(q.Text)
	if tsq == "" {
		return nil, nil
	}
	hits, err := db.search(ctx, `to_tsquery('english', $1)`, tsq, q, limit, offset)
	if e, ok := errors.AsType[*pgconn.PgError](err); ok && e.Code[:2] == "42" {
		// Not expected, but a query PostgreSQL rejects is still the words.
		hits, err = db.search(ctx, `plainto_tsquery('english', $1)`, fold(q.Text), q, limit, offset)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return hits, nil
}

// filters returns the SQL conditions over documents d for q's filters, each
// starting with " AND", their arguments numbered from $next on.
func filters(q store.Query, next int) (string, []any) {
	var (
		b    strings.Builder
		args []any
	)
	add := func(cond string, arg any) {
		fmt.Fprintf(&b, cond, next+len(args))
		args = append(args, arg)
	}
	if q.Outlet != "" {
		add(" AND d.outlet = $%d", clean(q.Outlet))
	}
	if !q.From.IsZero() {
		add(" AND d.published >= $%d", formatTime(q.From))
	}
	if !q.To.IsZero() {
		add(" AND d.published < $%d", formatTime(q.To))
	}
	if q.Entity != "" {
		add(" AND EXISTS (SELECT 1 FROM mentions m WHERE m.seq = d.seq AND m.canonical_lower = $%d)",
			clean(strings.ToLower(strings.TrimSpace(q.Entity))))
	}
	return b.String(), args
}

func (db *DB) search(ctx context.Context, tsquery, arg string, q store.Query, limit, offset int) ([]store.Hit, error) {
	cond, cargs := filters(q, 5)
	// Rank in the CTE, then make headlines for the page of hits only.
	rows, err := db.pool.Query(ctx, `WITH q AS MATERIALIZED (SELECT `+tsquery+` AS q),
		page AS (SELECT d.seq, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q) AS rank
			FROM documents d, q WHERE d.tsv @@ q.q`+cond+` ORDER BY rank DESC, d.seq LIMIT $2 OFFSET $3)
		SELECT d.id, d.title, d.outlet, d.source, d.published, -page.rank,
			ts_headline('english', d.text, q.q, $4)
		FROM page JOIN documents d ON d.seq = page.seq, q
		ORDER BY page.rank DESC, page.seq`, append([]any{arg, limit, offset, headlineOptions}, cargs...)...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Hit, error) {
		var (
			h   store.Hit
			pub *string
		)
		if err := row.Scan(&h.ID, &h.Title, &h.Outlet, &h.Source, &pub, &h.Score, &h.Snippet); err != nil {
			return h, err
		}
		var err error
		h.Published, err = parseTime(pub)
		return h, err
	})
}

// Most facet values SearchFacets returns for outlets and entities.
const facetValues = 10

// SearchFacets counts the documents q matches (at most
// [store.MaxFacetDocs] of them) by outlet, entity and month.
func (db *DB) SearchFacets(ctx context.Context, q store.Query) (store.Facets, error) {
	var f store.Facets
	tsq := tsQuery(q.Text)
	if tsq == "" {
		return f, nil
	}
	cond, cargs := filters(q, 3)
	// The matches (unranked: counting needs no order) are read once into an
	// array of sequence numbers, then grouped three ways.
	rows, err := db.pool.Query(ctx, `SELECT d.seq FROM documents d
		WHERE d.tsv @@ to_tsquery('english', $1)`+cond+` LIMIT $2`, append([]any{tsq, store.MaxFacetDocs + 1}, cargs...)...)
	if err != nil {
		return f, fmt.Errorf("search facets %q: %w", q.Text, err)
	}
	seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return f, fmt.Errorf("search facets %q: %w", q.Text, err)
	}
	if len(seqs) > store.MaxFacetDocs {
		seqs, f.Truncated = seqs[:store.MaxFacetDocs], true
	}
	f.Matches = len(seqs)
	if len(seqs) == 0 {
		return f, nil
	}
	for _, c := range []struct {
		dst   *[]store.Count
		query string
	}{
		{&f.Outlets, `SELECT d.outlet, count(*) FROM documents d WHERE d.seq = ANY($1)
			GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $2`},
		{&f.Entities, `SELECT min(m.canonical), count(DISTINCT m.seq) FROM mentions m WHERE m.seq = ANY($1)
			GROUP BY m.canonical_lower ORDER BY 2 DESC, 1 LIMIT $2`},
		{&f.Months, `SELECT coalesce(substr(d.published, 1, 7), ''), count(*) FROM documents d
			WHERE d.seq = ANY($1) AND $2 > 0 GROUP BY 1 ORDER BY 1`},
	} {
		rows, err := db.pool.Query(ctx, c.query, seqs, facetValues)
		if err == nil {
			*c.dst, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Count, error) {
				var n store.Count
				err := r.Scan(&n.Name, &n.N)
				return n, err
			})
		}
		if err != nil {
			return f, fmt.Errorf("search facets %q: %w", q.Text, err)
		}
		if len(*c.dst) == 0 {
			*c.dst = nil
		}
	}
	return f, nil
}

// tsQuery translates a query in FTS5's syntax into to_tsquery's: words and
// "quoted phrases" (phrases of their words), all required; OR between two of
// them; NOT before one to exclude it; a * after a word for a prefix. AND,
// parentheses, NEAR, column filters (title:) and ^ are dropped. Each word or
// phrase goes to PostgreSQL quoted, folded as the index is, so that nothing
// in it is syntax; one without a letter or digit is dropped. It returns ""
// when nothing is left.
func tsQuery(q string) string {
	var (
		b       strings.Builder
		pending string // operator before the next term: "" at the start, " & " or " | "
		negate  bool
	)
	term := func(text string, prefix bool) {
		text = strings.Trim(fold(text), ":^")
		if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			return
		}
		if b.Len() > 0 {
			if pending == "" {
				pending = " & "
			}
			b.WriteString(pending)
		}
		if negate {
			b.WriteString("!")
		}
		b.WriteString("'")
		b.WriteString(strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(text))
		b.WriteString("'")
		if prefix {
			b.WriteString(":*")
		}
		pending, negate = "", false
	}
	for q != "" {
		r := q[0]
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '(' || r == ')' || r == '^' || r == '+':
			q = q[1:]
		case r == '"':
			end := strings.IndexByte(q[1:], '"')
			var phrase string
			if end < 0 {
				phrase, q = q[1:], ""
			} else {
				phrase, q = q[1:1+end], q[2+end:]
			}
			prefix := strings.HasPrefix(q, "*")
			term(phrase, prefix)
		default:
			end := strings.IndexAny(q, " \t\n\r()\"")
			if end < 0 {
				end = len(q)
			}
			word := q[:end]
			q = q[end:]
			switch word {
			case "AND":
				continue
			case "OR":
				if b.Len() > 0 {
					pending = " | "
				}
				continue
			case "NOT":
				if b.Len() > 0 {
					negate = true
				}
				continue
			case "NEAR":
				continue
			}
			if i := strings.LastIndexByte(word, ':'); i >= 0 && i < len(word)-1 {
				word = word[i+1:] // a column filter, title:word
			}
			prefix := strings.HasSuffix(word, "*")
			term(strings.TrimRight(word, "*"), prefix)
		}
	}
	return b.String()
}
