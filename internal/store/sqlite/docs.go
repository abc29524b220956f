package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// Put stores items in one transaction. An item's key is Raw.ID, or
// [news.ID] of Raw.Raw when that is empty; Doc.ID, when set, must equal it.
// Items whose key is already stored, earlier in the batch included, change
// nothing and are reported as [store.PutDuplicate].
func (db *DB) Put(ctx context.Context, items []store.Item) (_ []store.PutResult, err error) {
	res := make([]store.PutResult, len(items))
	if len(items) == 0 {
		return res, nil
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer rollback(tx, &err)
	insRaw, err := tx.PrepareContext(ctx,
		`INSERT INTO raw (id, bytes) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insRaw.Close()
	insDoc, err := tx.PrepareContext(ctx, `INSERT INTO documents (
		seq, id, source, format, url, title, outlet, author, published, fetched,
		language, grp, content_type, ingested_at, flags, text,
		paragraphs, sentences, tokens, entities, quotes, citations, times, lines, published_from, headline
	) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insDoc.Close()
	insFTS, err := tx.PrepareContext(ctx, `INSERT INTO fts (rowid, title, text) VALUES (?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insFTS.Close()
	insQuote, err := tx.PrepareContext(ctx, `INSERT INTO quotes (seq, n, kind, speaker, speaker_lower,
		speaker_start, speaker_end, cue, via, addressee, start, end, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insQuote.Close()
	insMention, err := tx.PrepareContext(ctx, `INSERT INTO mentions (seq, n, type, text, canonical,
		canonical_lower, text_lower, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insMention.Close()
	insForm, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO entity_forms (form_lower) VALUES (?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insForm.Close()
	insTime, err := tx.PrepareContext(ctx, `INSERT INTO times (seq, n, type, value, text, start, end)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insTime.Close()
	insPlace, err := tx.PrepareContext(ctx, `INSERT INTO placements (seq, doc_id, duplicate_of, event) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insPlace.Close()
	insEvent, err := tx.PrepareContext(ctx, `INSERT INTO events (id, story) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	defer insEvent.Close()

	edits, err := loadEdits(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	now := formatTime(time.Now())
	var added []int64
	for i, it := range items {
		id := it.Raw.ID
		if id == "" {
			id = news.ID(it.Raw.Raw)
		}
		if it.Doc.ID != "" && it.Doc.ID != id {
			return nil, fmt.Errorf("put: item %d: doc ID %q differs from raw ID %q", i, it.Doc.ID, id)
		}
		raw := it.Raw.Raw
		if raw == nil {
			raw = []byte{} // the column is NOT NULL; an empty document is still one
		}
		r, err := insRaw.ExecContext(ctx, id, raw)
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", id, err)
		}
		if n, err := r.RowsAffected(); err != nil {
			return nil, fmt.Errorf("put %s: %w", id, err)
		} else if n == 0 {
			res[i] = store.PutDuplicate
			continue
		}
		seq, err := r.LastInsertId()
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", id, err)
		}
		args, err := docArgs(seq, id, &it.Doc, now)
		if err != nil {
			return nil, fmt.Errorf("put %s: %w", id, err)
		}
		if _, err := insDoc.ExecContext(ctx, args...); err != nil {
			return nil, fmt.Errorf("put %s: %w", id, err)
		}
		if _, err := insFTS.ExecContext(ctx, seq, it.Doc.Title, it.Doc.Text); err != nil {
			return nil, fmt.Errorf("put %s: %w", id, err)
		}
		for n, e := range it.Doc.Entities {
			canon := e.Canonical
			if canon == "" {
				canon = e.Text
			}
			canon = edited(edits, canon, e.Text)
			if _, err := insMention.ExecContext(ctx, seq, n, e.Type, e.Text, canon,
				strings.ToLower(canon), strings.ToLower(e.Text), e.Start, e.End); err != nil {
				return nil, fmt.Errorf("put %s: mention %d: %w", id, n, err)
			}
		}
		for _, form := range distinctForms(it.Doc.Entities) {
			if _, err := insForm.ExecContext(ctx, form); err != nil {
				return nil, fmt.Errorf("put %s: entity form: %w", id, err)
			}
		}
		for n, q := range it.Doc.Quotes {
			q.Speaker = editedSpeaker(edits, q.Speaker)
			if _, err := insQuote.ExecContext(ctx, seq, n, q.Kind, q.Speaker, strings.ToLower(q.Speaker),
				q.SpeakerStart, q.SpeakerEnd, q.Cue, q.Via, q.Addressee, q.Start, q.End, q.Text); err != nil {
				return nil, fmt.Errorf("put %s: quote %d: %w", id, n, err)
			}
		}
		for n, t := range it.Doc.Times {
			if _, err := insTime.ExecContext(ctx, seq, n, t.Type, t.Value, t.Text, t.Start, t.End); err != nil {
				return nil, fmt.Errorf("put %s: time %d: %w", id, n, err)
			}
		}
		if p := it.Place; p.Event != "" {
			story := p.Story
			if story == "" {
				story = "s" + strings.TrimPrefix(p.Event, "e")
			}
			if _, err := insEvent.ExecContext(ctx, p.Event, story); err != nil {
				return nil, fmt.Errorf("put %s: event: %w", id, err)
			}
			if _, err := insPlace.ExecContext(ctx, seq, id, p.DuplicateOf, p.Event); err != nil {
				return nil, fmt.Errorf("put %s: placement: %w", id, err)
			}
		}
		res[i] = store.PutNew
		added = append(added, seq)
	}
	if err := raiseAlerts(ctx, tx, added); err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	return res, nil
}

// docArgs returns the insDoc arguments for d.
func docArgs(seq int64, id string, d *news.Doc, now any) ([]any, error) {
	flags, err := marshalList(d.Flags)
	if err != nil {
		return nil, err
	}
	ents, err := marshalList(d.Entities)
	if err != nil {
		return nil, err
	}
	quotes, err := marshalList(d.Quotes)
	if err != nil {
		return nil, err
	}
	cites, err := marshalList(d.Citations)
	if err != nil {
		return nil, err
	}
	times, err := marshalList(d.Times)
	if err != nil {
		return nil, err
	}
	lines, err := marshalList(d.Lines)
	if err != nil {
		return nil, err
	}
	var head any
	if d.Headline != nil {
		b, err := json.Marshal(d.Headline)
		if err != nil {
			return nil, err
		}
		head = string(b)
	}
	return []any{
		seq, id, d.Source, d.Format.String(), d.URL, d.Title, d.Outlet, d.Author,
		formatTime(d.Published), formatTime(d.Fetched),
		d.Language, d.Group, d.ContentType, now, flags, d.Text,
		packSpans(d.Paragraphs), packSpans(d.Sentences), packSpans(d.Tokens),
		ents, quotes, cites, times, lines, d.PublishedFrom, head,
	}, nil
}

// Has reports whether a document with this exact ID is stored.
func (db *DB) Has(ctx context.Context, id string) (bool, error) {
	var one int
	err := db.r.QueryRowContext(ctx, `SELECT 1 FROM raw WHERE id = ?`, id).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("has %s: %w", id, err)
	}
	return true, nil
}

// Raw returns the verbatim raw bytes of the document with this exact ID, or
// an error wrapping [store.ErrNotFound].
func (db *DB) Raw(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := db.r.QueryRowContext(ctx, `SELECT bytes FROM raw WHERE id = ?`, id).Scan(&b)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("raw %s: %w", id, store.ErrNotFound)
	case err != nil:
		return nil, fmt.Errorf("raw %s: %w", id, err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

// minPrefix is the shortest ID prefix [DB.Doc] resolves.
const minPrefix = 4

// Doc returns the stored document with this ID. An ID that matches no
// document exactly may be a prefix of one: at least four hex digits, matching
// a single ID. Doc fails with an error wrapping [store.ErrNotFound] when
// nothing matches, and with another error when a prefix is ambiguous.
func (db *DB) Doc(ctx context.Context, id string) (news.Doc, error) {
	d, err := db.doc(ctx, id)
	if !errors.Is(err, store.ErrNotFound) || len(id) < minPrefix || !isHex(id) {
		return d, err
	}
	p := strings.ToLower(id)
	rows, err := db.r.QueryContext(ctx,
		`SELECT id FROM raw WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`, p, p+"~")
	if err != nil {
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
	}
	var ids []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return news.Doc{}, errors.Join(fmt.Errorf("doc %s: %w", id, err), rows.Close())
		}
		ids = append(ids, s)
	}
	if err := rows.Err(); err != nil {
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
	}
	switch len(ids) {
	case 0:
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, store.ErrNotFound)
	case 1:
		return db.doc(ctx, ids[0])
	}
	return news.Doc{}, fmt.Errorf("doc %s: ambiguous ID prefix (%s, %s, ...)", id, ids[0], ids[1])
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// doc returns the document with exactly this ID, edits applied.
func (db *DB) doc(ctx context.Context, id string) (news.Doc, error) {
	d, err := db.docAsWritten(ctx, id)
	if err != nil {
		return news.Doc{}, err
	}
	if len(d.Entities)+len(d.Quotes) > 0 {
		edits, err := loadEdits(ctx, db.r)
		if err != nil {
			return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
		}
		for i, e := range d.Entities {
			if e.Canonical != "" {
				d.Entities[i].Canonical = edited(edits, e.Canonical, e.Text)
			}
		}
		for i, q := range d.Quotes {
			d.Quotes[i].Speaker = editedSpeaker(edits, q.Speaker)
		}
	}
	return d, nil
}

// docAsWritten returns the document with exactly this ID as it was written,
// entity edits not applied.
func (db *DB) docAsWritten(ctx context.Context, id string) (news.Doc, error) {
	var (
		d                                news.Doc
		format                           string
		published, fetched               sql.NullString
		flags, ents, quotes, cites, tims []byte
		lines, paras, sents, toks        []byte
		head                             []byte
	)
	err := db.r.QueryRowContext(ctx, `SELECT
		d.id, d.source, d.format, d.url, d.title, d.outlet, d.author, d.published, d.fetched,
		d.language, d.grp, d.content_type, d.flags, d.text,
		d.paragraphs, d.sentences, d.tokens, d.entities, d.quotes, d.citations, d.times, d.lines, d.published_from, d.headline
		FROM raw r JOIN documents d ON d.seq = r.seq WHERE r.id = ?`, id).Scan(
		&d.ID, &d.Source, &format, &d.URL, &d.Title, &d.Outlet, &d.Author, &published, &fetched,
		&d.Language, &d.Group, &d.ContentType, &flags, &d.Text,
		&paras, &sents, &toks, &ents, &quotes, &cites, &tims, &lines, &d.PublishedFrom, &head)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, store.ErrNotFound)
	case err != nil:
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
	}
	d.Format = news.ParseFormat(format)
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	d.Published, err = parseTime(published)
	add(err)
	d.Fetched, err = parseTime(fetched)
	add(err)
	d.Flags, err = unmarshalList[string](flags, "flags")
	add(err)
	d.Paragraphs, err = unpackSpans(paras)
	add(err)
	d.Sentences, err = unpackSpans(sents)
	add(err)
	d.Tokens, err = unpackSpans(toks)
	add(err)
	d.Entities, err = unmarshalList[news.Entity](ents, "entities")
	add(err)
	d.Quotes, err = unmarshalList[news.Quote](quotes, "quotes")
	add(err)
	d.Citations, err = unmarshalList[news.Citation](cites, "citations")
	add(err)
	d.Times, err = unmarshalList[news.TimeRef](tims, "times")
	add(err)
	d.Lines, err = unmarshalList[news.Line](lines, "lines")
	add(err)
	if head != nil {
		d.Headline = new(news.Headline)
		if err := json.Unmarshal(head, d.Headline); err != nil {
			add(fmt.Errorf("column headline: %w", err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return news.Doc{}, fmt.Errorf("doc %s: corrupt row: %w", id, err)
	}
	return d, nil
}

// distinctForms returns the lower-cased written forms of ents, each once.
func distinctForms(ents []news.Entity) []string {
	var forms []string
	seen := make(map[string]bool, len(ents))
	for _, e := range ents {
		f := strings.ToLower(e.Text)
		if !seen[f] {
			seen[f] = true
			forms = append(forms, f)
		}
	}
	return forms
}

// DocBySource returns the stored document whose source is name, or whose
// source holds name (a file name, or part of one: "7317ec7a" finds
// "seeds/000_7317ec7a8383834e.txt"). A name that several sources hold is an
// ambiguity error naming some of them; none is [store.ErrNotFound].
func (db *DB) DocBySource(ctx context.Context, name string) (news.Doc, error) {
	if strings.TrimSpace(name) == "" {
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, store.ErrNotFound)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, source FROM documents
		WHERE instr(source, ?1) > 0 ORDER BY source = ?1 DESC, seq LIMIT 4`, name)
	if err != nil {
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, err)
	}
	var ids, sources []string
	for rows.Next() {
		var id, src string
		if err := rows.Scan(&id, &src); err != nil {
			return news.Doc{}, errors.Join(fmt.Errorf("doc with source %q: %w", name, err), rows.Close())
		}
		ids, sources = append(ids, id), append(sources, src)
	}
	if err := rows.Err(); err != nil {
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, err)
	}
	switch {
	case len(ids) == 0:
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, store.ErrNotFound)
	case len(ids) == 1 || sources[0] == name:
		return db.doc(ctx, ids[0])
	}
	return news.Doc{}, fmt.Errorf("%q is in the source of %d or more documents (%s): give more of it, or an ID",
		name, len(ids), strings.Join(sources[:min(len(sources), 3)], ", "))
}
