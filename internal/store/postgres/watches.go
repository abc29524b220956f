package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/store"
)

// Watches and alerts, as the SQLite backend keeps them
// (internal/store/sqlite/watches.go).

// defaultAlerts is the number of alerts Alerts lists when the limit is zero.
const defaultAlerts = 50

// PutWatch stores a new watch. A search is kept translated for to_tsquery
// (see tsQuery), as [DB.Search] runs it.
func (db *DB) PutWatch(ctx context.Context, w store.Watch) (store.Watch, error) {
	w.Target = clean(strings.TrimSpace(w.Target))
	w.Name, w.Webhook = clean(w.Name), clean(w.Webhook)
	if w.Target == "" {
		return w, fmt.Errorf("put watch: empty target: %w", store.ErrInvalid)
	}
	if w.Name == "" {
		w.Name = w.Target
	}
	var match string
	switch w.Kind {
	case store.WatchSearch:
		match = tsQuery(w.Target)
	case store.WatchEntity:
		match = strings.ToLower(w.Target)
	case store.WatchStory:
		match = w.Target
	default:
		return w, fmt.Errorf("put watch: kind %q: %w", w.Kind, store.ErrInvalid)
	}
	w.Created = time.Now().UTC().Truncate(time.Second)
	err := db.pool.QueryRow(ctx, `INSERT INTO watches (kind, target, match, name, webhook, created)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, string(w.Kind), w.Target, match, w.Name, w.Webhook, formatTime(w.Created)).Scan(&w.ID)
	if err != nil {
		return w, fmt.Errorf("put watch: %w", err)
	}
	return w, nil
}

// Watches lists the watches, oldest first.
func (db *DB) Watches(ctx context.Context) ([]store.Watch, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, kind, target, name, webhook, created FROM watches ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Watch, error) {
		var (
			w       store.Watch
			kind    string
			created *string
		)
		if err := r.Scan(&w.ID, &kind, &w.Target, &w.Name, &w.Webhook, &created); err != nil {
			return w, err
		}
		w.Kind = store.WatchKind(kind)
		var err error
		w.Created, err = parseTime(created)
		return w, err
	})
	if err != nil {
		return nil, fmt.Errorf("watches: %w", err)
	}
	if len(out) == 0 {
		out = nil
	}
	return out, nil
}

// DeleteWatch removes a watch and its alerts.
func (db *DB) DeleteWatch(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM watches WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete watch %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
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
	rows, err := db.pool.Query(ctx, `SELECT `+alertColumns+`
		WHERE a.id < $1 AND ($2 = 0 OR a.watch_id = $2) ORDER BY a.id DESC LIMIT $3`,
		before, q.WatchID, orDefault(q.Limit, defaultAlerts))
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	return scanAlerts(rows)
}

// PendingAlerts lists the alerts due for a webhook delivery, oldest first.
func (db *DB) PendingAlerts(ctx context.Context, now time.Time, maxAttempts, limit int) ([]store.Alert, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+alertColumns+`
		WHERE a.delivered IS NULL AND a.next_try <= $1 AND a.attempts < $2 AND w.webhook != ''
		ORDER BY a.id LIMIT $3`, formatStamp(now), maxAttempts, orDefault(limit, defaultAlerts))
	if err != nil {
		return nil, fmt.Errorf("pending alerts: %w", err)
	}
	return scanAlerts(rows)
}

// RecordDelivery records one webhook delivery attempt.
func (db *DB) RecordDelivery(ctx context.Context, d store.Delivery) error {
	var err error
	if d.Delivered {
		_, err = db.pool.Exec(ctx, `UPDATE alerts SET delivered = $1, attempts = attempts + 1, last_error = ''
			WHERE id = $2`, formatStamp(d.Time), d.AlertID)
	} else {
		_, err = db.pool.Exec(ctx, `UPDATE alerts SET attempts = attempts + 1, last_error = $1, next_try = $2
			WHERE id = $3 AND delivered IS NULL`, clean(d.Error), formatStamp(d.NextTry), d.AlertID)
	}
	if err != nil {
		return fmt.Errorf("record delivery of alert %d: %w", d.AlertID, err)
	}
	return nil
}

func scanAlerts(rows pgx.Rows) ([]store.Alert, error) {
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Alert, error) {
		var (
			a                                      store.Alert
			published, created, delivered, nextTry *string
		)
		if err := r.Scan(&a.ID, &a.WatchID, &a.WatchName, &a.Webhook, &a.DocID, &a.Title, &a.Outlet, &published,
			&created, &delivered, &a.Attempts, &nextTry, &a.LastError); err != nil {
			return a, err
		}
		for _, t := range []struct {
			dst *time.Time
			s   *string
		}{{&a.Published, published}, {&a.Created, created}, {&a.Delivered, delivered}, {&a.NextTry, nextTry}} {
			var err error
			if *t.dst, err = parseTime(t.s); err != nil {
				return a, err
			}
		}
		return a, nil
	})
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	if len(out) == 0 {
		out = nil
	}
	return out, nil
}

// formatStamp stores t as a fixed-width UTC timestamp (never a bare date),
// so that stamps compare as text.
func formatStamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// raiseAlerts raises the alerts that the documents seqs, just written in
// tx, match.
func raiseAlerts(ctx context.Context, tx pgx.Tx, seqs []int64) error {
	if len(seqs) == 0 {
		return nil
	}
	now := formatStamp(time.Now())
	// One statement per kind of watch, over every watch of that kind.
	for _, q := range []string{
		`INSERT INTO alerts (watch_id, seq, created, next_try)
			SELECT w.id, d.seq, $1, $1 FROM watches w JOIN documents d ON d.seq = ANY($2)
			WHERE w.kind = 'search' AND w.match <> '' AND d.tsv @@ to_tsquery('english', w.match)
			ON CONFLICT (watch_id, seq) DO NOTHING`,
		`INSERT INTO alerts (watch_id, seq, created, next_try)
			SELECT DISTINCT w.id, m.seq, $1, $1 FROM watches w JOIN mentions m ON m.canonical_lower = w.match
			WHERE w.kind = 'entity' AND m.seq = ANY($2)
			ON CONFLICT (watch_id, seq) DO NOTHING`,
		`INSERT INTO alerts (watch_id, seq, created, next_try)
			SELECT w.id, p.seq, $1, $1 FROM watches w JOIN events e ON e.story = w.match JOIN placements p ON p.event = e.id
			WHERE w.kind = 'story' AND p.seq = ANY($2)
			ON CONFLICT (watch_id, seq) DO NOTHING`,
	} {
		if _, err := tx.Exec(ctx, q, now, seqs); err != nil {
			return fmt.Errorf("raise alerts: %w", err)
		}
	}
	return nil
}
