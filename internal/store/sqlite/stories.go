package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// execer is what both *sql.DB and *sql.Tx offer.
type execer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Placed pages through stored documents with their placements.
func (db *DB) Placed(ctx context.Context, q store.PlacedQuery) ([]store.Placed, error) {
	const cols = `SELECT d.seq, d.id, coalesce(p.duplicate_of, ''), coalesce(p.event, ''), coalesce(e.story, '')
		FROM documents d LEFT JOIN placements p ON p.seq = d.seq LEFT JOIN events e ON e.id = p.event`
	var (
		rows *sql.Rows
		err  error
	)
	if q.Last > 0 {
		rows, err = db.r.QueryContext(ctx, `SELECT * FROM (`+cols+` ORDER BY d.seq DESC LIMIT ?) ORDER BY 1`, q.Last)
	} else {
		if q.Limit <= 0 {
			q.Limit = 1000
		}
		rows, err = db.r.QueryContext(ctx, cols+` WHERE d.seq > ? ORDER BY d.seq LIMIT ?`, q.After, q.Limit)
	}
	if err != nil {
		return nil, fmt.Errorf("placed: %w", err)
	}
	var out []store.Placed
	for rows.Next() {
		var p store.Placed
		if err := rows.Scan(&p.Seq, &p.Place.Doc, &p.Place.DuplicateOf, &p.Place.Event, &p.Place.Story); err != nil {
			return nil, errors.Join(fmt.Errorf("placed: %w", err), rows.Close())
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
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
	p := store.DocPlace{Placement: news.Placement{Doc: id}}
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(p.duplicate_of, ''), coalesce(p.event, ''), coalesce(e.story, '')
		FROM raw r LEFT JOIN placements p ON p.seq = r.seq LEFT JOIN events e ON e.id = p.event
		WHERE r.id = ?`, id).Scan(&p.DuplicateOf, &p.Event, &p.Story)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return store.DocPlace{}, fmt.Errorf("placement %s: %w", id, store.ErrNotFound)
	case err != nil:
		return store.DocPlace{}, fmt.Errorf("placement %s: %w", id, err)
	}
	copies, err := strings1(ctx, db.r, `SELECT doc_id FROM placements WHERE duplicate_of = ? ORDER BY seq`, id)
	if err != nil {
		return store.DocPlace{}, fmt.Errorf("placement %s: %w", id, err)
	}
	p.Copies = copies
	return p, nil
}

// strings1 runs a query whose rows are one text column.
func strings1(ctx context.Context, q execer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ReplacePlacements replaces every placement and re-applies the story edits.
func (db *DB) ReplacePlacements(ctx context.Context, ps []news.Placement) (err error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace placements: %w", err)
	}
	defer rollback(tx, &err)
	for _, q := range []string{`DELETE FROM placements`, `DELETE FROM events`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("replace placements: %w", err)
		}
	}
	insPlace, err := tx.PrepareContext(ctx, `INSERT INTO placements (seq, doc_id, duplicate_of, event)
		SELECT seq, id, ?, ? FROM raw WHERE id = ? ON CONFLICT (seq) DO UPDATE SET
		duplicate_of = excluded.duplicate_of, event = excluded.event`)
	if err != nil {
		return fmt.Errorf("replace placements: %w", err)
	}
	defer insPlace.Close()
	insEvent, err := tx.PrepareContext(ctx, `INSERT INTO events (id, story) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("replace placements: %w", err)
	}
	defer insEvent.Close()
	for _, p := range ps {
		if p.Event == "" {
			continue
		}
		story := p.Story
		if story == "" {
			story = "s" + strings.TrimPrefix(p.Event, "e")
		}
		if _, err := insEvent.ExecContext(ctx, p.Event, story); err != nil {
			return fmt.Errorf("replace placements: %s: %w", p.Doc, err)
		}
		if _, err := insPlace.ExecContext(ctx, p.DuplicateOf, p.Event, p.Doc); err != nil {
			return fmt.Errorf("replace placements: %s: %w", p.Doc, err)
		}
	}
	edits, err := storyEdits(ctx, tx)
	if err != nil {
		return fmt.Errorf("replace placements: %w", err)
	}
	for _, e := range edits {
		if _, err := applyStoryEdit(ctx, tx, e); err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("replace placements: re-apply %s %s %s: %w", e.Kind, e.A, e.B, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace placements: %w", err)
	}
	return nil
}

// EditStory records e and applies it in one transaction.
func (db *DB) EditStory(ctx context.Context, e store.StoryEdit) (_ int, err error) {
	e.A, e.B = strings.TrimSpace(e.A), strings.TrimSpace(e.B)
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("edit story: %w", err)
	}
	defer rollback(tx, &err)
	n, err := applyStoryEdit(ctx, tx, e)
	if err != nil {
		return 0, fmt.Errorf("edit story: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_edits (kind, a, b, at) VALUES (?, ?, ?, ?)`,
		string(e.Kind), e.A, e.B, formatTime(e.Time)); err != nil {
		return 0, fmt.Errorf("edit story: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("edit story: %w", err)
	}
	return n, nil
}

// StoryEdits lists the story edits in the order they were made.
func (db *DB) StoryEdits(ctx context.Context) ([]store.StoryEdit, error) {
	es, err := storyEdits(ctx, db.r)
	if err != nil {
		return nil, fmt.Errorf("story edits: %w", err)
	}
	return es, nil
}

func storyEdits(ctx context.Context, q execer) ([]store.StoryEdit, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, a, b, at FROM story_edits ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var out []store.StoryEdit
	for rows.Next() {
		var (
			e    store.StoryEdit
			kind string
			at   sql.NullString
		)
		if err := rows.Scan(&kind, &e.A, &e.B, &at); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		e.Kind = store.StoryEditKind(kind)
		if e.Time, err = parseTime(at); err != nil {
			return nil, errors.Join(err, rows.Close())
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// resolveEvent returns the event id names: an event with articles, else
// ("e"+D) the event holding document D.
func resolveEvent(ctx context.Context, q execer, id string) (string, error) {
	doc, ok := strings.CutPrefix(id, "e")
	if !ok {
		return "", fmt.Errorf("%q is no event ID: %w", id, store.ErrNotFound)
	}
	var ev string
	err := q.QueryRowContext(ctx, `SELECT event FROM placements WHERE event = ? LIMIT 1`, id).Scan(&ev)
	if errors.Is(err, sql.ErrNoRows) {
		err = q.QueryRowContext(ctx, `SELECT event FROM placements WHERE doc_id = ?`, doc).Scan(&ev)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("event %s: %w", id, store.ErrNotFound)
	}
	return ev, err
}

// resolveStory returns the storyline id names: a storyline with events,
// else ("s"+D) the storyline holding document D.
func resolveStory(ctx context.Context, q execer, id string) (string, error) {
	doc, ok := strings.CutPrefix(id, "s")
	if !ok {
		return "", fmt.Errorf("%q is no storyline ID: %w", id, store.ErrNotFound)
	}
	var st string
	err := q.QueryRowContext(ctx, `SELECT e.story FROM events e WHERE e.story = ?
		AND EXISTS (SELECT 1 FROM placements p WHERE p.event = e.id) LIMIT 1`, id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		err = q.QueryRowContext(ctx, `SELECT e.story FROM placements p JOIN events e ON e.id = p.event
			WHERE p.doc_id = ?`, doc).Scan(&st)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("storyline %s: %w", id, store.ErrNotFound)
	}
	return st, err
}

// count returns the single integer a query yields.
func count(ctx context.Context, q execer, query string, args ...any) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// applyStoryEdit applies e to the stored placements and returns how many
// documents changed event or storyline.
func applyStoryEdit(ctx context.Context, q execer, e store.StoryEdit) (int, error) {
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
			n, err := count(ctx, q, `SELECT count(*) FROM placements p JOIN events e ON e.id = p.event WHERE e.story = ?`, b)
			if err != nil {
				return 0, err
			}
			_, err = q.ExecContext(ctx, `UPDATE events SET story = ? WHERE story = ?`, a, b)
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
			r, err := q.ExecContext(ctx, `UPDATE placements SET event = ? WHERE event = ?`, a, b)
			return affected(r, err)
		}
		return 0, fmt.Errorf("merge %s %s: give two storyline IDs (s…) or two event IDs (e…)", e.A, e.B)
	case store.StorySplit:
		ev, err := resolveEvent(ctx, q, e.A)
		if err != nil {
			return 0, err
		}
		var old string
		if err := q.QueryRowContext(ctx, `SELECT story FROM events WHERE id = ?`, ev).Scan(&old); err != nil {
			return 0, err
		}
		solo := "s" + strings.TrimPrefix(ev, "e")
		others, err := strings1(ctx, q, `SELECT id FROM events e WHERE story = ? AND id <> ?
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
			_, err := q.ExecContext(ctx, `UPDATE events SET story = ? WHERE story = ? AND id <> ?`,
				"s"+strings.TrimPrefix(others[0], "e"), old, ev)
			if err != nil {
				return 0, err
			}
		} else if _, err := q.ExecContext(ctx, `UPDATE events SET story = ? WHERE id = ?`, solo, ev); err != nil {
			return 0, err
		}
		return count(ctx, q, `SELECT count(*) FROM placements WHERE event = ?`, ev)
	case store.StoryMove:
		var cur, story string
		err := q.QueryRowContext(ctx, `SELECT p.event, e.story FROM placements p JOIN events e ON e.id = p.event
			WHERE p.doc_id = ?`, e.A).Scan(&cur, &story)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("document %s: %w", e.A, store.ErrNotFound)
		} else if err != nil {
			return 0, err
		}
		if e.B != "" {
			to, err := resolveEvent(ctx, q, e.B)
			if err != nil || to == cur {
				return 0, err
			}
			r, err := q.ExecContext(ctx, `UPDATE placements SET event = ? WHERE doc_id = ?`, to, e.A)
			return affected(r, err)
		}
		own := "e" + e.A
		if cur == own {
			// The document founded its event: the others take a new one,
			// named after the first of them, in the same storyline.
			others, err := strings1(ctx, q, `SELECT doc_id FROM placements WHERE event = ? AND doc_id <> ? ORDER BY seq`, cur, e.A)
			if err != nil || len(others) == 0 {
				return 0, err
			}
			next := "e" + others[0]
			if _, err := q.ExecContext(ctx, `INSERT INTO events (id, story) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET story = excluded.story`, next, story); err != nil {
				return 0, err
			}
			r, err := q.ExecContext(ctx, `UPDATE placements SET event = ? WHERE event = ? AND doc_id <> ?`, next, cur, e.A)
			if _, err := affected(r, err); err != nil {
				return 0, err
			}
			return 1, nil
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO events (id, story) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET story = excluded.story`, own, story); err != nil {
			return 0, err
		}
		r, err := q.ExecContext(ctx, `UPDATE placements SET event = ? WHERE doc_id = ?`, own, e.A)
		return affected(r, err)
	}
	return 0, fmt.Errorf("unknown story edit kind %q", e.Kind)
}

func affected(r sql.Result, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}

// Stories lists storylines, newest first.
func (db *DB) Stories(ctx context.Context, q store.StoryQuery) ([]news.Story, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	ids, err := strings1(ctx, db.r, `SELECT e.story FROM events e JOIN placements p ON p.event = e.id
		JOIN documents d ON d.seq = p.seq GROUP BY e.story
		ORDER BY max(d.published) IS NULL, max(d.published) DESC, max(d.seq) DESC LIMIT ? OFFSET ?`, q.Limit, q.Offset)
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
	rows, err := db.r.QueryContext(ctx, `SELECT e.id, d.id, d.source, d.outlet, d.title, d.published, p.duplicate_of,
		coalesce(json_extract(d.headline, '$.verdict'), '')
		FROM events e JOIN placements p ON p.event = e.id JOIN documents d ON d.seq = p.seq
		WHERE e.story = ? ORDER BY d.published IS NULL, d.published, d.seq`, id)
	if err != nil {
		return news.Story{}, fmt.Errorf("story %s: %w", id, err)
	}
	s := news.Story{ID: id}
	byID := map[string]int{}
	outlets := map[string]bool{}
	for rows.Next() {
		var (
			a   news.StoryArticle
			ev  string
			pub sql.NullString
		)
		if err := rows.Scan(&ev, &a.ID, &a.Source, &a.Outlet, &a.Title, &pub, &a.DuplicateOf, &a.Verdict); err != nil {
			return news.Story{}, errors.Join(fmt.Errorf("story %s: %w", id, err), rows.Close())
		}
		if a.Published, err = parseTime(pub); err != nil {
			return news.Story{}, errors.Join(fmt.Errorf("story %s: %w", id, err), rows.Close())
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
