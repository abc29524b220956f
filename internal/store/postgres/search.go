package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
//
// A query of plain words that names an entity, as one of its written forms or
// as the last words of one the way a surname ends a person's name
// ("Zawahiri" for "al-Zawahiri"), also finds the entity's other written forms
// ("Zawahri", "Ayman al-Zawahri"): see [DB.entityForms].
func (db *DB) Search(ctx context.Context, q store.Query) ([]store.Hit, error) {
	limit, offset := q.Limit, max(q.Offset, 0)
	if limit <= 0 {
		limit = defaultLimit
	}
	tsq := tsQuery(q.Text)
	if tsq == "" {
		return nil, nil
	}
	forms, err := db.entityForms(ctx, q.Text)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	tsq = orForms(tsq, forms)
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
	forms, err := db.entityForms(ctx, q.Text)
	if err != nil {
		return f, fmt.Errorf("search facets %q: %w", q.Text, err)
	}
	tsq = orForms(tsq, forms)
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
		b.WriteString(quoteTerm(text))
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

// quoteTerm returns text quoted for to_tsquery, where a quoted string of
// several words is a phrase.
func quoteTerm(text string) string {
	return "'" + strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(text) + "'"
}

// orForms returns the to_tsquery text that matches tsq or any of forms as a
// phrase.
func orForms(tsq string, forms []string) string {
	if len(forms) == 0 {
		return tsq
	}
	var b strings.Builder
	b.WriteString("(" + tsq + ")")
	for _, f := range forms {
		b.WriteString(" | " + quoteTerm(fold(f)))
	}
	return b.String()
}

// Limits of the entity expansion of a query, as in the SQLite backend.
const (
	maxQueryWords = 6  // longer queries are not taken for a name
	maxFormHits   = 50 // forms read that end with the query's words
	maxForms      = 16 // other written forms added to the query
	maxEntities   = 3  // entities whose forms are added
	minFormLetter = 3  // shorter forms ("IS", "US") would match common words
)

// reversedWords returns words last first, joined by spaces: the key of
// entity_forms.rwords, where the forms a query's words end are a range.
func reversedWords(words []string) string {
	r := slices.Clone(words)
	slices.Reverse(r)
	return strings.Join(r, " ")
}

// entityForms returns the other written forms (lower case) of the entity that
// query names, or nil when it names none. The query must be plain words
// (letters, digits, spaces, hyphens, apostrophes, full stops). It names an
// entity when it is one of the entity's written forms, or the last words of
// one when the entity is a person or the query has two words or more (of the
// entities the matching forms name, the three most mentioned). The rule is
// the SQLite backend's; written forms are found by their reversed words
// (entity_forms.rwords) rather than by a full-text index.
func (db *DB) entityForms(ctx context.Context, query string) ([]string, error) {
	words := store.NameWords(query)
	if len(words) == 0 || len(words) > maxQueryWords {
		return nil, nil
	}
	key := clean(reversedWords(words))
	rows, err := db.pool.Query(ctx, `SELECT form_lower, rwords = $1 FROM entity_forms
		WHERE rwords = $1 OR (rwords >= $2 AND rwords < $3)
		ORDER BY rwords = $1 DESC, form_lower LIMIT $4`, key, key+" ", key+"!", maxFormHits)
	if err != nil {
		return nil, err
	}
	var (
		exact, candidates []string
		form              string
		isExact           bool
	)
	if _, err := pgx.ForEachRow(rows, []any{&form, &isExact}, func() error {
		if isExact {
			exact = append(exact, form)
		}
		candidates = append(candidates, form)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(candidates) == 0 {
		return nil, nil
	}
	// The entities the candidate forms' mentions belong to, most mentioned
	// first, each with the type most of its mentions have.
	rows, err = db.pool.Query(ctx, `WITH best AS (
			SELECT canonical_lower, count(*) AS n FROM mentions WHERE text_lower = ANY($1)
			GROUP BY canonical_lower ORDER BY n DESC, canonical_lower LIMIT $2)
		SELECT b.canonical_lower, (SELECT m.type FROM mentions m WHERE m.canonical_lower = b.canonical_lower
			GROUP BY m.type ORDER BY count(*) DESC, m.type LIMIT 1)
		FROM best b ORDER BY b.n DESC, b.canonical_lower`, candidates, maxEntities)
	if err != nil {
		return nil, err
	}
	var canonicals []string
	var canonical, typ string
	if _, err := pgx.ForEachRow(rows, []any{&canonical, &typ}, func() error {
		if len(exact) > 0 || len(words) >= 2 || typ == "PERSON" {
			canonicals = append(canonicals, canonical)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if len(canonicals) == 0 {
		return nil, nil
	}
	rows, err = db.pool.Query(ctx, `SELECT text_lower FROM mentions WHERE canonical_lower = ANY($1)
		GROUP BY text_lower ORDER BY count(*) DESC, text_lower LIMIT $2`, canonicals, maxForms)
	if err != nil {
		return nil, err
	}
	others, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	q := strings.Join(words, " ")
	var out []string
	for _, f := range append(canonicals, others...) {
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
