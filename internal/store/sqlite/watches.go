package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

// defaultAlerts is the number of alerts Alerts lists when the limit is zero.
const defaultAlerts = 50

// PutWatch stores a new watch. A search whose query FTS5 rejects is kept
// with each of its words quoted, as [DB.Search] runs it.
func (db *DB) PutWatch(ctx context.Context, w store.Watch) (store.Watch, error) {
	w.Target = strings.TrimSpace(w.Target)
	if w.Target == "" {
		return w, fmt.Errorf("put watch: empty target: %w", store.ErrInvalid)
	}
	if w.Name == "" {
		w.Name = w.Target
	}
	var match string
	switch w.Kind {
	case store.WatchSearch:
		match = w.Target
		var one int
		err := db.r.QueryRowContext(ctx, `SELECT 1 FROM fts WHERE fts MATCH ? LIMIT 1`, match).Scan(&one)
		if err != nil && isQueryError(err) {
			match = quoteWords(w.Target)
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return w, fmt.Errorf("put watch: %w", err)
		}
	case store.WatchEntity:
		match = strings.ToLower(w.Target)
	case store.WatchStory:
		match = w.Target
	default:
		return w, fmt.Errorf("put watch: kind %q: %w", w.Kind, store.ErrInvalid)
	}
	w.Created = time.Now().UTC().Truncate(time.Second)
	r, err := db.w.ExecContext(ctx, `INSERT INTO watches (kind, target, match, name, webhook, created)
		VALUES (?, ?, ?, ?, ?, ?)`, string(w.Kind), w.Target, match, w.Name, w.Webhook, formatTime(w.Created))
	if err != nil {
		return w, fmt.Errorf("put watch: %w", err)
	}
	if w.ID, err = r.LastInsertId(); err != nil {
		return w, fmt.Errorf("put watch: %w", err)
	}
	return w, nil
}

// Watches lists the watches, oldest first.
func (db *DB) Watches(ctx context.Context) ([]store.Watch, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, kind, target, name, webhook, created FROM watches ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	defer rows.Close()
	var out []store.Watch
	for rows.Next() {
		var (
			w       store.Watch
			kind    string
			created sql.NullString
		)
		if err := rows.Scan(&w.ID, &kind, &w.Target, &w.Name, &w.Webhook, &created); err != nil {
			return nil, fmt.Errorf("watches: %w", err)
		}
		w.Kind = store.WatchKind(kind)
		if w.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("watches: %w", err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	return out, nil
}

// DeleteWatch removes a watch and its alerts.
func (db *DB) DeleteWatch(ctx context.Context, id int64) error {
	r, err := db.w.ExecContext(ctx, `DELETE FROM watches WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete watch %d: %w", id, err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return fmt.Errorf("delete watch %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("watch %d: %w", id, store.ErrNotFound)
	}
	return nil
}

const alertColumns = `a.id, a.watch_id, w.name, w.webhook, d.id, d.title, d.outlet, d.published,
	a.created, a.delivered, a.attempts, a.next_try, a.last_error
	FROM alerts a JOIN watches w ON w.id = a.watch_id JOIN documents d ON d.seq = a.seq`

// Alerts lists alerts, newest first.
func (db *DB) Alerts(ctx context.Context, q store.AlertQuery) ([]store.Alert, error) {
	before := q.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+alertColumns+`
		WHERE a.id < ?1 AND (?2 = 0 OR a.watch_id = ?2) ORDER BY a.id DESC LIMIT ?3`,
		before, q.WatchID, orDefault(q.Limit, defaultAlerts))
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	return scanAlerts(rows)
}

// PendingAlerts lists the alerts due for a webhook delivery, oldest first.
func (db *DB) PendingAlerts(ctx context.Context, now time.Time, maxAttempts, limit int) ([]store.Alert, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+alertColumns+`
		WHERE a.delivered IS NULL AND a.next_try <= ? AND a.attempts < ? AND w.webhook != ''
		ORDER BY a.id LIMIT ?`, formatStamp(now), maxAttempts, orDefault(limit, defaultAlerts))
	if err != nil {
		return nil, fmt.Errorf("pending alerts: %w", err)
	}
	return scanAlerts(rows)
}

// RecordDelivery records one webhook delivery attempt.
func (db *DB) RecordDelivery(ctx context.Context, d store.Delivery) error {
	var err error
	if d.Delivered {
		_, err = db.w.ExecContext(ctx, `UPDATE alerts SET delivered = ?, attempts = attempts + 1, last_error = ''
			WHERE id = ?`, formatStamp(d.Time), d.AlertID)
	} else {
		_, err = db.w.ExecContext(ctx, `UPDATE alerts SET attempts = attempts + 1, last_error = ?, next_try = ?
			WHERE id = ? AND delivered IS NULL`, d.Error, formatStamp(d.NextTry), d.AlertID)
	}
	if err != nil {
		return fmt.Errorf("record delivery of alert %d: %w", d.AlertID, err)
	}
	return nil
}

func scanAlerts(rows *sql.Rows) ([]store.Alert, error) {
	defer rows.Close()
	var out []store.Alert
	for rows.Next() {
		var (
			a                                      store.Alert
			published, created, delivered, nextTry sql.NullString
		)
		if err := rows.Scan(&a.ID, &a.WatchID, &a.WatchName, &a.Webhook, &a.DocID, &a.Title, &a.Outlet, &published,
			&created, &delivered, &a.Attempts, &nextTry, &a.LastError); err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		var err error
		for _, t := range []struct {
			dst *time.Time
			s   sql.NullString
		}{{&a.Published, published}, {&a.Created, created}, {&a.Delivered, delivered}, {&a.NextTry, nextTry}} {
			if *t.dst, err = parseTime(t.s); err != nil {
				return nil, fmt.Errorf("alerts: %w", err)
			}
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	return out, nil
}

// formatStamp stores t as a fixed-width UTC timestamp (never a bare date),
// so that stamps compare as text.
func formatStamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// raiseAlerts raises the alerts that the documents seqs, just written in
// tx, match. A saved query FTS5 rejects raises nothing.
func raiseAlerts(ctx context.Context, tx *sql.Tx, seqs []int64) error {
	if len(seqs) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, match FROM watches`)
	if err != nil {
		return fmt.Errorf("raise alerts: %w", err)
	}
	type watch struct {
		id          int64
		kind, match string
	}
	var ws []watch
	for rows.Next() {
		var w watch
		if err := rows.Scan(&w.id, &w.kind, &w.match); err != nil {
			return errors.Join(fmt.Errorf("raise alerts: %w", err), rows.Close())
		}
		ws = append(ws, w)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("raise alerts: %w", err)
	}
	if len(ws) == 0 {
		return nil
	}
	list := seqList(seqs)
	now := formatStamp(time.Now())
	for _, w := range ws {
		var err error
		switch store.WatchKind(w.kind) {
		case store.WatchSearch:
			_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO alerts (watch_id, seq, created, next_try)
				SELECT ?1, rowid, ?2, ?2 FROM fts WHERE fts MATCH ?3 AND +rowid IN (SELECT value FROM json_each(?4))`,
				w.id, now, w.match, list)
			if err != nil && isQueryError(err) {
				err = nil
			}
		case store.WatchEntity:
			_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO alerts (watch_id, seq, created, next_try)
				SELECT DISTINCT ?1, seq, ?2, ?2 FROM mentions WHERE canonical_lower = ?3
				AND seq IN (SELECT value FROM json_each(?4))`, w.id, now, w.match, list)
		case store.WatchStory:
			_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO alerts (watch_id, seq, created, next_try)
				SELECT ?1, p.seq, ?2, ?2 FROM placements p JOIN events e ON e.id = p.event
				WHERE e.story = ?3 AND p.seq IN (SELECT value FROM json_each(?4))`, w.id, now, w.match, list)
		}
		if err != nil {
			return fmt.Errorf("raise alerts of watch %d: %w", w.id, err)
		}
	}
	return nil
}

// seqList returns seqs as a JSON array for json_each.
func seqList(seqs []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range seqs {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprint(&b, s)
	}
	b.WriteByte(']')
	return b.String()
}
