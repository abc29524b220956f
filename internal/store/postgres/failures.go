package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
)

// PutFailures records failures in one transaction.
func (db *DB) PutFailures(ctx context.Context, fs []news.Failure) error {
	if len(fs) == 0 {
		return nil
	}
	if err := db.inTx(ctx, func(tx pgx.Tx) error { return putFailures(ctx, tx, fs) }); err != nil {
		return fmt.Errorf("put failures: %w", err)
	}
	return nil
}

func putFailures(ctx context.Context, tx pgx.Tx, fs []news.Failure) error {
	rows := make([][]any, len(fs))
	for i, f := range fs {
		rows[i] = []any{clean(f.Source), clean(f.ID), clean(f.Stage), clean(f.Reason), formatTime(f.Time)}
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"failures"}, []string{"source", "raw_id", "stage", "reason", "at"}, pgx.CopyFromRows(rows))
	return err
}

// Failures lists recorded failures, newest first; all of them when limit <= 0.
// Failures recorded at the same time come newest-recorded first.
func (db *DB) Failures(ctx context.Context, limit int) ([]news.Failure, error) {
	var lim any // NULL: no limit
	if limit > 0 {
		lim = limit
	}
	rows, err := db.pool.Query(ctx, `SELECT source, raw_id, stage, reason, at
		FROM failures ORDER BY at DESC NULLS LAST, id DESC LIMIT $1`, lim)
	if err != nil {
		return nil, fmt.Errorf("failures: %w", err)
	}
	fs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (news.Failure, error) {
		var (
			f  news.Failure
			at *string
		)
		if err := row.Scan(&f.Source, &f.ID, &f.Stage, &f.Reason, &at); err != nil {
			return f, err
		}
		var err error
		f.Time, err = parseTime(at)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("failures: %w", err)
	}
	return fs, nil
}
