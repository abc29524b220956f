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
	hits, err := db.search(ctx, `to_tsquery('english', $1)`, tsq, limit, offset)
	if e, ok := errors.AsType[*pgconn.PgError](err); ok && e.Code[:2] == "42" {
		// Not expected, but a query PostgreSQL rejects is still the words.
		hits, err = db.search(ctx, `plainto_tsquery('english', $1)`, fold(q.Text), limit, offset)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return hits, nil
}

func (db *DB) search(ctx context.Context, tsquery, arg string, limit, offset int) ([]store.Hit, error) {
	// Rank in the CTE, then make headlines for the page of hits only.
	rows, err := db.pool.Query(ctx, `WITH q AS MATERIALIZED (SELECT `+tsquery+` AS q),
		page AS (SELECT d.seq, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q) AS rank
			FROM documents d, q WHERE d.tsv @@ q.q ORDER BY rank DESC, d.seq LIMIT $2 OFFSET $3)
		SELECT d.id, d.title, d.outlet, d.source, d.published, -page.rank,
			ts_headline('english', d.text, q.q, $4)
		FROM page JOIN documents d ON d.seq = page.seq, q
		ORDER BY page.rank DESC, page.seq`, arg, limit, offset, headlineOptions)
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
