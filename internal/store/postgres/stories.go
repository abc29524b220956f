package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// The stories tables and their semantics are the SQLite backend's
// (internal/store/sqlite/stories.go); the SQL is PostgreSQL's.

// storiesLock is the advisory lock key that serialises changes to stories
// ("stories" in ASCII): an edit, a replacement of every placement.
const storiesLock = 0x73746f72696573

// dbtx is what a pool and a transaction both offer.
type dbtx interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// Placed pages through stored documents with their placements.
func (db *DB) Placed(ctx context.Context, q store.PlacedQuery) ([]store.Placed, error) {
	const cols = `SELECT d.seq, d.id, coalesce(p.duplicate_of, ''), coalesce(p.event, ''), coalesce(e.story, '')
		FROM documents d LEFT JOIN placements p ON p.seq = d.seq LEFT JOIN events e ON e.id = p.event`
	var (
		rows pgx.Rows
		err  error
	)
	if q.Last > 0 {
		rows, err = db.pool.Query(ctx, `SELECT * FROM (`+cols+` ORDER BY d.seq DESC LIMIT $1) x ORDER BY 1`, q.Last)
	} else {
		if q.Limit <= 0 {
			q.Limit = 1000
		}
		rows, err = db.pool.Query(ctx, cols+` WHERE d.seq > $1 ORDER BY d.seq LIMIT $2`, q.After, q.Limit)
	}
	if err != nil {
		return nil, fmt.Errorf("placed: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Placed, error) {
		var p store.Placed
		err := r.Scan(&p.Seq, &p.Place.Doc, &p.Place.DuplicateOf, &p.Place.Event, &p.Place.Story)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("placed: %w", err)
	}
	for i := range out {
		d, err := db.doc(ctx, out[i].Place.Doc)
		if err != nil {
			return nil, fmt.Errorf("placed: %w", err)
		}
		out[i].Doc = d
	}
	return out, nil
}

// Placement returns where the document with this exact ID sits and its copies.
func (db *DB) Placement(ctx context.Context, id string) (store.DocPlace, error) {
	id = clean(id)
	p := store.DocPlace{Placement: news.Placement{Doc: id}}
	err := db.pool.QueryRow(ctx, `SELECT coalesce(p.duplicate_of, ''), coalesce(p.event, ''), coalesce(e.story, '')
		FROM raw r LEFT JOIN placements p ON p.seq = r.seq LEFT JOIN events e ON e.id = p.event
		WHERE r.id = $1`, id).Scan(&p.DuplicateOf, &p.Event, &p.Story)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return store.DocPlace{}, fmt.Errorf("placement %s: %w", id, store.ErrNotFound)
	case err != nil:
		return store.DocPlace{}, fmt.Errorf("placement %s: %w", id, err)
	}
	copies, err := strings1(ctx, db.pool, `SELECT doc_id FROM placements WHERE duplicate_of = $1 ORDER BY seq`, id)
	if err != nil {
		return store.DocPlace{}, fmt.Errorf("placement %s: %w", id, err)
	}
	p.Copies = copies
	return p, nil
}

// strings1 runs a query whose rows are one text column.
func strings1(ctx context.Context, q dbtx, query string, args ...any) ([]string, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if len(out) == 0 {
		out = nil
	}
	return out, err
}

// ReplacePlacements replaces every placement and re-applies the story edits.
func (db *DB) ReplacePlacements(ctx context.Context, ps []news.Placement) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(storiesLock)); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM placements`, `DELETE FROM events`} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		b := &pgx.Batch{}
		for _, p := range ps {
			if p.Event == "" {
				continue
			}
			queuePlacement(b, p, `SELECT seq, id, $2, $3 FROM raw WHERE id = $1`, clean(p.Doc), clean(p.DuplicateOf), clean(p.Event))
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
		edits, err := storyEdits(ctx, tx)
		if err != nil {
			return err
		}
		for _, e := range edits {
			if _, err := applyStoryEdit(ctx, tx, e); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("re-apply %s %s %s: %w", e.Kind, e.A, e.B, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("replace placements: %w", err)
	}
	return nil
}

// queuePlacement queues the statements that store placement p: its event
// (in p's storyline, by default the one the event names) and the placement
// row that sel selects (seq, doc_id, duplicate_of, event), replacing any.
func queuePlacement(b *pgx.Batch, p news.Placement, sel string, args ...any) {
	story := p.Story
	if story == "" {
		story = "s" + strings.TrimPrefix(p.Event, "e")
	}
	b.Queue(`INSERT INTO events (id, story) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, clean(p.Event), clean(story))
	b.Queue(`INSERT INTO placements (seq, doc_id, duplicate_of, event) `+sel+`
		ON CONFLICT (seq) DO UPDATE SET duplicate_of = excluded.duplicate_of, event = excluded.event`, args...)
}

// EditStory records e and applies it in one transaction.
func (db *DB) EditStory(ctx context.Context, e store.StoryEdit) (int, error) {
	e.A, e.B = clean(strings.TrimSpace(e.A)), clean(strings.TrimSpace(e.B))
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	var n int
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(storiesLock)); err != nil {
			return err
		}
		var err error
		if n, err = applyStoryEdit(ctx, tx, e); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO story_edits (kind, a, b, at) VALUES ($1, $2, $3, $4)`,
			string(e.Kind), e.A, e.B, formatTime(e.Time))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("edit story: %w", err)
	}
	return n, nil
}

// StoryEdits lists the story edits in the order they were made.
func (db *DB) StoryEdits(ctx context.Context) ([]store.StoryEdit, error) {
	es, err := storyEdits(ctx, db.pool)
	if err != nil {
		return nil, fmt.Errorf("story edits: %w", err)
	}
	return es, nil
}

func storyEdits(ctx context.Context, q dbtx) ([]store.StoryEdit, error) {
	rows, err := q.Query(ctx, `SELECT kind, a, b, at FROM story_edits ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.StoryEdit, error) {
		var (
			e    store.StoryEdit
			kind string
			at   *string
		)
		if err := r.Scan(&kind, &e.A, &e.B, &at); err != nil {
			return e, err
		}
		e.Kind = store.StoryEditKind(kind)
		var err error
		e.Time, err = parseTime(at)
		return e, err
	})
}

// resolveEvent returns the event id names: an event with articles, else
// ("e"+D) the event holding document D.
func resolveEvent(ctx context.Context, q dbtx, id string) (string, error) {
	doc, ok := strings.CutPrefix(id, "e")
	if !ok {
		return "", fmt.Errorf("%q is no event ID: %w", id, store.ErrNotFound)
	}
	var ev string
	err := q.QueryRow(ctx, `SELECT event FROM placements WHERE event = $1 LIMIT 1`, id).Scan(&ev)
	if errors.Is(err, pgx.ErrNoRows) {
		err = q.QueryRow(ctx, `SELECT event FROM placements WHERE doc_id = $1`, doc).Scan(&ev)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("event %s: %w", id, store.ErrNotFound)
	}
	return ev, err
}

// resolveStory returns the storyline id names: a storyline with events,
// else ("s"+D) the storyline holding document D.
func resolveStory(ctx context.Context, q dbtx, id string) (string, error) {
	doc, ok := strings.CutPrefix(id, "s")
	if !ok {
		return "", fmt.Errorf("%q is no storyline ID: %w", id, store.ErrNotFound)
	}
	var st string
	err := q.QueryRow(ctx, `SELECT e.story FROM events e WHERE e.story = $1
		AND EXISTS (SELECT 1 FROM placements p WHERE p.event = e.id) LIMIT 1`, id).Scan(&st)
	if errors.Is(err, pgx.ErrNoRows) {
		err = q.QueryRow(ctx, `SELECT e.story FROM placements p JOIN events e ON e.id = p.event
			WHERE p.doc_id = $1`, doc).Scan(&st)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("storyline %s: %w", id, store.ErrNotFound)
	}
	return st, err
}

// count returns the single integer a query yields.
func count(ctx context.Context, q dbtx, query string, args ...any) (int, error) {
	var n int
	err := q.QueryRow(ctx, query, args...).Scan(&n)
	return n, err
}

// affected returns the rows a statement changed.
func affected(tag pgconn.CommandTag, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return int(tag.RowsAffected()), nil
}

// applyStoryEdit applies e to the stored placements and returns how many
// documents changed event or storyline.
func applyStoryEdit(ctx context.Context, q dbtx, e store.StoryEdit) (int, error) {
	switch e.Kind {
	case store.StoryMerge:
		switch {
		case strings.HasPrefix(e.A, "s") && strings.HasPrefix(e.B, "s"):
			a, err := resolveStory(ctx, q, e.A)
			if err != nil {
				return 0, err
			}
			b, err := resolveStory(ctx, q, e.B)
			if err != nil || a == b {
				return 0, err
			}
			n, err := count(ctx, q, `SELECT count(*) FROM placements p JOIN events e ON e.id = p.event WHERE e.story = $1`, b)
			if err != nil {
				return 0, err
			}
			_, err = q.Exec(ctx, `UPDATE events SET story = $1 WHERE story = $2`, a, b)
			return n, err
		case strings.HasPrefix(e.A, "e") && strings.HasPrefix(e.B, "e"):
			a, err := resolveEvent(ctx, q, e.A)
			if err != nil {
				return 0, err
			}
			b, err := resolveEvent(ctx, q, e.B)
			if err != nil || a == b {
				return 0, err
			}
			return affected(q.Exec(ctx, `UPDATE placements SET event = $1 WHERE event = $2`, a, b))
		}
		return 0, fmt.Errorf("merge %s %s: give two storyline IDs (s…) or two event IDs (e…)", e.A, e.B)
	case store.StorySplit:
		ev, err := resolveEvent(ctx, q, e.A)
		if err != nil {
			return 0, err
		}
		var old string
		if err := q.QueryRow(ctx, `SELECT story FROM events WHERE id = $1`, ev).Scan(&old); err != nil {
			return 0, err
		}
		solo := "s" + strings.TrimPrefix(ev, "e")
		others, err := strings1(ctx, q, `SELECT id FROM events e WHERE story = $1 AND id <> $2
			AND EXISTS (SELECT 1 FROM placements p WHERE p.event = e.id) ORDER BY id`, old, ev)
		if err != nil {
			return 0, err
		}
		if len(others) == 0 {
			return 0, nil // already alone
		}
		if old == solo {
			// The event founded its storyline: the others take a new one,
			// named after the first of them.
			if _, err := q.Exec(ctx, `UPDATE events SET story = $1 WHERE story = $2 AND id <> $3`,
				"s"+strings.TrimPrefix(others[0], "e"), old, ev); err != nil {
				return 0, err
			}
		} else if _, err := q.Exec(ctx, `UPDATE events SET story = $1 WHERE id = $2`, solo, ev); err != nil {
			return 0, err
		}
		return count(ctx, q, `SELECT count(*) FROM placements WHERE event = $1`, ev)
	case store.StoryMove:
		var cur, story string
		err := q.QueryRow(ctx, `SELECT p.event, e.story FROM placements p JOIN events e ON e.id = p.event
			WHERE p.doc_id = $1`, e.A).Scan(&cur, &story)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, fmt.Errorf("document %s: %w", e.A, store.ErrNotFound)
		} else if err != nil {
			return 0, err
		}
		if e.B != "" {
			to, err := resolveEvent(ctx, q, e.B)
			if err != nil || to == cur {
				return 0, err
			}
			return affected(q.Exec(ctx, `UPDATE placements SET event = $1 WHERE doc_id = $2`, to, e.A))
		}
		own := "e" + e.A
		const upsertEvent = `INSERT INTO events (id, story) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET story = excluded.story`
		if cur == own {
			// The document founded its event: the others take a new one,
			// named after the first of them, in the same storyline.
			others, err := strings1(ctx, q, `SELECT doc_id FROM placements WHERE event = $1 AND doc_id <> $2 ORDER BY seq`, cur, e.A)
			if err != nil || len(others) == 0 {
				return 0, err
			}
			next := "e" + others[0]
			if _, err := q.Exec(ctx, upsertEvent, next, story); err != nil {
				return 0, err
			}
			if _, err := q.Exec(ctx, `UPDATE placements SET event = $1 WHERE event = $2 AND doc_id <> $3`, next, cur, e.A); err != nil {
				return 0, err
			}
			return 1, nil
		}
		if _, err := q.Exec(ctx, upsertEvent, own, story); err != nil {
			return 0, err
		}
		return affected(q.Exec(ctx, `UPDATE placements SET event = $1 WHERE doc_id = $2`, own, e.A))
	}
	return 0, fmt.Errorf("unknown story edit kind %q", e.Kind)
}

// Stories lists storylines, newest first.
func (db *DB) Stories(ctx context.Context, q store.StoryQuery) ([]news.Story, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	ids, err := strings1(ctx, db.pool, `SELECT e.story FROM events e JOIN placements p ON p.event = e.id
		JOIN documents d ON d.seq = p.seq GROUP BY e.story
		ORDER BY max(d.published) IS NULL, max(d.published) DESC, max(d.seq) DESC LIMIT $1 OFFSET $2`, q.Limit, max(q.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	out := make([]news.Story, 0, len(ids))
	for _, id := range ids {
		s, err := db.Story(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Story returns one storyline with its events and their articles.
func (db *DB) Story(ctx context.Context, id string) (news.Story, error) {
	id = clean(id)
	rows, err := db.pool.Query(ctx, `SELECT e.id, d.id, d.source, d.outlet, d.title, d.published, p.duplicate_of, d.headline
		FROM events e JOIN placements p ON p.event = e.id JOIN documents d ON d.seq = p.seq
		WHERE e.story = $1 ORDER BY d.published IS NULL, d.published, d.seq`, id)
	if err != nil {
		return news.Story{}, fmt.Errorf("story %s: %w", id, err)
	}
	defer rows.Close()
	s := news.Story{ID: id}
	byID := map[string]int{}
	outlets := map[string]bool{}
	for rows.Next() {
		var (
			a    news.StoryArticle
			ev   string
			pub  *string
			head []byte
		)
		if err := rows.Scan(&ev, &a.ID, &a.Source, &a.Outlet, &a.Title, &pub, &a.DuplicateOf, &head); err != nil {
			return news.Story{}, fmt.Errorf("story %s: %w", id, err)
		}
		if a.Published, err = parseTime(pub); err != nil {
			return news.Story{}, fmt.Errorf("story %s: %w", id, err)
		}
		if head != nil {
			var h news.Headline
			if err := json.Unmarshal(head, &h); err != nil {
				return news.Story{}, fmt.Errorf("story %s: document %s: headline: %w", id, a.ID, err)
			}
			a.Verdict = h.Verdict
		}
		i, ok := byID[ev]
		if !ok {
			i = len(s.Events)
			byID[ev] = i
			s.Events = append(s.Events, news.Event{ID: ev, Story: id})
		}
		s.Events[i].Articles = append(s.Events[i].Articles, a)
		s.Articles++
		outlets[a.Outlet] = true
	}
	if err := rows.Err(); err != nil {
		return news.Story{}, fmt.Errorf("story %s: %w", id, err)
	}
	if len(s.Events) == 0 {
		return news.Story{}, fmt.Errorf("story %s: %w", id, store.ErrNotFound)
	}
	s.Outlets = len(outlets)
	store.SummarizeStory(&s)
	return s, nil
}
