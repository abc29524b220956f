package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// editsLock is the advisory lock key that orders entity edits against the
// writes of documents ("edits" in ASCII): Put holds it shared while it reads
// the edits and writes mentions, EditEntity exclusively, so that a document
// written by one process while another records an edit gets the edit either
// at write time or from the edit's UPDATE, never neither.
const editsLock = 0x6564697473

// Put stores items in one transaction. An item's key is Raw.ID, or
// [news.ID] of Raw.Raw when that is empty; Doc.ID, when set, must equal it.
// Items whose key is already stored, earlier in the batch or by another
// process included, change nothing and are reported as [store.PutDuplicate].
func (db *DB) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(items))
	if len(items) == 0 {
		return res, nil
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		clear(res)
		return put(ctx, tx, items, res)
	})
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	return res, nil
}

// put writes items in tx and sets res.
func put(ctx context.Context, tx pgx.Tx, items []store.Item, res []store.PutResult) error {
	ids := make([]string, len(items))
	first := make(map[string]int, len(items))
	raws := &pgx.Batch{}
	var order []int // items sent, in order
	for i, it := range items {
		id := it.Raw.ID
		if id == "" {
			id = news.ID(it.Raw.Raw)
		}
		if it.Doc.ID != "" && it.Doc.ID != id {
			return fmt.Errorf("item %d: doc ID %q differs from raw ID %q", i, it.Doc.ID, id)
		}
		ids[i] = id
		if _, dup := first[id]; dup {
			res[i] = store.PutDuplicate
			continue
		}
		first[id] = i
		raw := it.Raw.Raw
		if raw == nil {
			raw = []byte{}
		}
		// A stored ID is skipped before its row is made, so that it takes
		// no sequence number (ON CONFLICT alone would use one up): seq stays
		// dense, as in SQLite, and "the last N sequence numbers" are the last
		// N documents (see restoreClusters in the CLI). A race with another
		// writer still falls to ON CONFLICT.
		raws.Queue(`INSERT INTO raw (id, bytes) SELECT $1::text, $2::bytea
			WHERE NOT EXISTS (SELECT 1 FROM raw WHERE id = $1::text)
			ON CONFLICT (id) DO NOTHING RETURNING seq`, id, raw)
		order = append(order, i)
	}
	seqs := make(map[int]int64, len(order))
	br := tx.SendBatch(ctx, raws)
	for _, i := range order {
		var seq int64
		err := br.QueryRow().Scan(&seq)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			res[i] = store.PutDuplicate
		case err != nil:
			return errors.Join(fmt.Errorf("%s: %w", ids[i], err), br.Close())
		default:
			res[i] = store.PutNew
			seqs[i] = seq
		}
	}
	if err := br.Close(); err != nil {
		return err
	}
	if len(seqs) == 0 {
		return nil
	}

	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared($1)`, int64(editsLock)); err != nil {
		return err
	}
	if slices.ContainsFunc(items, func(it store.Item) bool { return it.Place.Event != "" }) {
		// Placements wait for a story edit or a reclustering to finish.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared($1)`, int64(storiesLock)); err != nil {
			return err
		}
	}
	edits, err := loadEdits(ctx, tx)
	if err != nil {
		return err
	}
	now := formatTime(time.Now())
	docs := &pgx.Batch{}
	var (
		mentions, quotes, times [][]any
		forms                   []string
		seen                    = map[string]bool{}
	)
	for _, i := range order {
		seq, ok := seqs[i]
		if !ok {
			continue
		}
		d := &items[i].Doc
		args, err := docArgs(seq, ids[i], d, now)
		if err != nil {
			return fmt.Errorf("%s: %w", ids[i], err)
		}
		docs.Queue(insertDoc, args...)
		if p := items[i].Place; p.Event != "" {
			queuePlacement(docs, p, `VALUES ($1, $2, $3, $4)`, seq, ids[i], clean(p.DuplicateOf), clean(p.Event))
		}
		for n, e := range d.Entities {
			canon := e.Canonical
			if canon == "" {
				canon = e.Text
			}
			canon = clean(edited(edits, canon, e.Text))
			text := clean(e.Text)
			mentions = append(mentions, []any{seq, n, clean(e.Type), text, canon,
				strings.ToLower(canon), strings.ToLower(text), e.Start, e.End})
			if f := strings.ToLower(text); !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
		times = append(times, timeRows(seq, d.Times)...)
		for n, q := range d.Quotes {
			sp := clean(editedSpeaker(edits, q.Speaker))
			quotes = append(quotes, []any{seq, n, clean(q.Kind), sp, strings.ToLower(sp),
				q.SpeakerStart, q.SpeakerEnd, clean(q.Cue), clean(q.Via), clean(q.Addressee), q.Start, q.End, clean(q.Text)})
		}
	}
	if err := tx.SendBatch(ctx, docs).Close(); err != nil {
		return err
	}
	if len(mentions) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"mentions"},
			[]string{"seq", "n", "type", "text", "canonical", "canonical_lower", "text_lower", "start_off", "end_off"},
			pgx.CopyFromRows(mentions)); err != nil {
			return fmt.Errorf("mentions: %w", err)
		}
	}
	if len(quotes) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"quotes"},
			[]string{"seq", "n", "kind", "speaker", "speaker_lower", "speaker_start", "speaker_end",
				"cue", "via", "addressee", "start_off", "end_off", "text"},
			pgx.CopyFromRows(quotes)); err != nil {
			return fmt.Errorf("quotes: %w", err)
		}
	}
	if err := putTimes(ctx, tx, times); err != nil {
		return err
	}
	if err := putForms(ctx, tx, forms); err != nil {
		return err
	}
	added := make([]int64, 0, len(seqs))
	for _, i := range order {
		if seq, ok := seqs[i]; ok {
			added = append(added, seq)
		}
	}
	return raiseAlerts(ctx, tx, added)
}

const insertDoc = `INSERT INTO documents (
	seq, id, source, format, url, title, outlet, author, published, fetched,
	language, grp, content_type, ingested_at, flags, text,
	paragraphs, sentences, tokens, entities, quotes, citations, times, lines, verbatim, headline,
	published_from, tsv
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
	$17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27,
	setweight(to_tsvector('english', $28), 'A') || setweight(to_tsvector('english', $29), 'D'))`

// timeRows returns the times table rows of a document's time expressions.
func timeRows(seq int64, ts []news.TimeRef) [][]any {
	rows := make([][]any, 0, len(ts))
	for n, t := range ts {
		rows = append(rows, []any{seq, n, clean(t.Type), clean(t.Value), clean(t.Text), t.Start, t.End})
	}
	return rows
}

// putTimes writes rows of timeRows.
func putTimes(ctx context.Context, tx pgx.Tx, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"times"},
		[]string{"seq", "n", "type", "value", "text", "start_off", "end_off"}, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("times: %w", err)
	}
	return nil
}

// putForms adds the written forms (lower case) of entity mentions that
// entity_forms lacks, in sorted order so that concurrent writers lock the
// same keys in the same order.
func putForms(ctx context.Context, tx pgx.Tx, forms []string) error {
	if len(forms) == 0 {
		return nil
	}
	forms = slices.Clone(forms)
	slices.Sort(forms)
	forms = slices.Compact(forms)
	rwords := make([]string, len(forms))
	for i, f := range forms {
		rwords[i] = reversedWords(store.NameWords(f))
	}
	if _, err := tx.Exec(ctx, `INSERT INTO entity_forms (form_lower, rwords)
		SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (form_lower) DO NOTHING`, forms, rwords); err != nil {
		return fmt.Errorf("entity forms: %w", err)
	}
	return nil
}

// docArgs returns the insertDoc arguments for d.
func docArgs(seq int64, id string, d *news.Doc, now *string) ([]any, error) {
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
	fields := docFields(d)
	var verbatim []byte
	exact := map[string][]byte{}
	for name, p := range fields {
		if c := clean(*p); c != *p {
			exact[name] = []byte(*p)
		}
	}
	if len(exact) > 0 {
		if verbatim, err = json.Marshal(exact); err != nil {
			return nil, err
		}
	}
	var head []byte
	if d.Headline != nil {
		if head, err = json.Marshal(d.Headline); err != nil {
			return nil, err
		}
	}
	return []any{
		seq, id, clean(d.Source), d.Format.String(), clean(d.URL), clean(d.Title), clean(d.Outlet), clean(d.Author),
		formatTime(d.Published), formatTime(d.Fetched),
		clean(d.Language), clean(d.Group), clean(d.ContentType), now, flags, clean(d.Text),
		packSpans(d.Paragraphs), packSpans(d.Sentences), packSpans(d.Tokens),
		ents, quotes, cites, times, lines, verbatim, head, clean(d.PublishedFrom),
		fold(d.Title), fold(d.Text),
	}, nil
}

// docFields names the string fields of d that are stored repaired when they
// are not valid text (see clean), with their exact bytes in verbatim.
func docFields(d *news.Doc) map[string]*string {
	return map[string]*string{
		"source": &d.Source, "url": &d.URL, "title": &d.Title, "outlet": &d.Outlet, "author": &d.Author,
		"language": &d.Language, "group": &d.Group, "content_type": &d.ContentType, "text": &d.Text,
	}
}

// Has reports whether a document with this exact ID is stored.
func (db *DB) Has(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM raw WHERE id = $1)`, clean(id)).Scan(&ok); err != nil {
		return false, fmt.Errorf("has %s: %w", id, err)
	}
	return ok, nil
}

// Raw returns the verbatim raw bytes of the document with this exact ID, or
// an error wrapping [store.ErrNotFound].
func (db *DB) Raw(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := db.pool.QueryRow(ctx, `SELECT bytes FROM raw WHERE id = $1`, clean(id)).Scan(&b)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
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
	rows, err := db.pool.Query(ctx, `SELECT id FROM raw WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2`, p, p+"~")
	if err != nil {
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
	}
	switch len(found) {
	case 0:
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, store.ErrNotFound)
	case 1:
		return db.doc(ctx, found[0])
	}
	return news.Doc{}, fmt.Errorf("doc %s: ambiguous ID prefix (%s, %s, ...)", id, found[0], found[1])
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// docColumns are the documents columns scanDoc reads, in order.
const docColumns = `d.id, d.source, d.format, d.url, d.title, d.outlet, d.author, d.published, d.fetched,
	d.language, d.grp, d.content_type, d.flags, d.text,
	d.paragraphs, d.sentences, d.tokens, d.entities, d.quotes, d.citations, d.times, d.lines, d.verbatim, d.headline,
	d.published_from`

// scanDoc reads a row of docColumns into a document, as written (edits not
// applied).
func scanDoc(row pgx.Row) (news.Doc, error) {
	var (
		d                                news.Doc
		format                           string
		published, fetched               *string
		flags, ents, quotes, cites, tims []byte
		lines, paras, sents, toks, exact []byte
		head                             []byte
	)
	if err := row.Scan(&d.ID, &d.Source, &format, &d.URL, &d.Title, &d.Outlet, &d.Author, &published, &fetched,
		&d.Language, &d.Group, &d.ContentType, &flags, &d.Text,
		&paras, &sents, &toks, &ents, &quotes, &cites, &tims, &lines, &exact, &head,
		&d.PublishedFrom); err != nil {
		return news.Doc{}, err
	}
	d.Format = news.ParseFormat(format)
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var err error
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
	if exact != nil {
		var m map[string][]byte
		if err := json.Unmarshal(exact, &m); err != nil {
			add(fmt.Errorf("column verbatim: %w", err))
		}
		fields := docFields(&d)
		for name, b := range m {
			if p, ok := fields[name]; ok {
				*p = string(b)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return news.Doc{}, fmt.Errorf("corrupt row: %w", err)
	}
	return d, nil
}

// doc returns the document with exactly this ID, edits applied.
func (db *DB) doc(ctx context.Context, id string) (news.Doc, error) {
	d, err := scanDoc(db.pool.QueryRow(ctx, `SELECT `+docColumns+` FROM documents d WHERE d.id = $1`, clean(id)))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, store.ErrNotFound)
	case err != nil:
		return news.Doc{}, fmt.Errorf("doc %s: %w", id, err)
	}
	if len(d.Entities)+len(d.Quotes) > 0 {
		edits, err := loadEdits(ctx, db.pool)
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

// DocBySource returns the stored document whose source is name, or whose
// source holds name (a file name, or part of one: "7317ec7a" finds
// "seeds/000_7317ec7a8383834e.txt"). A name that several sources hold is an
// ambiguity error naming some of them; none is [store.ErrNotFound].
func (db *DB) DocBySource(ctx context.Context, name string) (news.Doc, error) {
	if strings.TrimSpace(name) == "" {
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, store.ErrNotFound)
	}
	rows, err := db.pool.Query(ctx, `SELECT id, source FROM documents
		WHERE strpos(source, $1) > 0 ORDER BY source = $1 DESC, seq LIMIT 4`, clean(name))
	if err != nil {
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, err)
	}
	var ids, sources []string
	var id, src string
	if _, err := pgx.ForEachRow(rows, []any{&id, &src}, func() error {
		ids, sources = append(ids, id), append(sources, src)
		return nil
	}); err != nil {
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, err)
	}
	switch {
	case len(ids) == 0:
		return news.Doc{}, fmt.Errorf("doc with source %q: %w", name, store.ErrNotFound)
	case len(ids) == 1 || sources[0] == clean(name):
		return db.doc(ctx, ids[0])
	}
	return news.Doc{}, fmt.Errorf("%q is in the source of %d or more documents (%s): give more of it, or an ID",
		name, len(ids), strings.Join(sources[:min(len(sources), 3)], ", "))
}
