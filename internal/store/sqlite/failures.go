package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dossier-news/dossier/internal/news"
)

// PutFailures records failures in one transaction.
func (db *DB) PutFailures(ctx context.Context, fs []news.Failure) (err error) {
	if len(fs) == 0 {
		return nil
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put failures: %w", err)
	}
	defer rollback(tx, &err)
	ins, err := tx.PrepareContext(ctx,
		`INSERT INTO failures (source, raw_id, stage, reason, at) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("put failures: %w", err)
	}
	defer ins.Close()
	for _, f := range fs {
		if _, err := ins.ExecContext(ctx, f.Source, f.ID, f.Stage, f.Reason, formatTime(f.Time)); err != nil {
			return fmt.Errorf("put failure %s: %w", f.Source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put failures: %w", err)
	}
	return nil
}

// Failures lists recorded failures, newest first; all of them when limit <= 0.
// Failures recorded at the same time come newest-recorded first.
func (db *DB) Failures(ctx context.Context, limit int) ([]news.Failure, error) {
	if limit <= 0 {
		limit = -1 // no limit
	}
	rows, err := db.r.QueryContext(ctx, `SELECT source, raw_id, stage, reason, at
		FROM failures ORDER BY at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("failures: %w", err)
	}
	defer rows.Close()
	var fs []news.Failure
	for rows.Next() {
		var (
			f  news.Failure
			at sql.NullString
		)
		if err := rows.Scan(&f.Source, &f.ID, &f.Stage, &f.Reason, &at); err != nil {
			return nil, fmt.Errorf("failures: %w", err)
		}
		if f.Time, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("failures: %w", err)
		}
		fs = append(fs, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("failures: %w", err)
	}
	return fs, nil
}
