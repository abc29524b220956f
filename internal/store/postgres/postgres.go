// Package postgres is the [store.Store] backend for teams and many workers:
// one PostgreSQL database shared by any number of Dossier processes, through
// github.com/jackc/pgx/v5 and its connection pool.
//
// It stores what the SQLite backend stores, in the same encodings (span
// lists as packed varints, lists of records as JSON, times as sortable UTC
// text), so that both give the same answers to the conformance suite.
// Full-text search is PostgreSQL's own: a tsvector column (title weight A,
// body weight D, diacritics folded) under a GIN index, ranked by ts_rank_cd,
// with ts_headline snippets. The schema is created and upgraded by numbered
// SQL migrations embedded in the binary, applied under an advisory lock so
// that processes starting together do not race.
//
// Besides [store.Store], a [DB] is a work queue ([DB.Enqueue], [DB.Claim],
// [DB.Complete]) through which several `dossier work` processes share the
// processing of raw documents, and the target of `dossier migrate-store`
// ([DB.Import]).
package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dossier-news/dossier/internal/store"
)

// Options configures [Open]. A zero field means its documented default.
type Options struct {
	// MaxConns is the most connections the pool opens. Default 8.
	MaxConns int32
	// Schema, if set, is the schema every connection works in (search_path);
	// it is created if needed. Tests use one schema each.
	Schema string
}

// DB is a PostgreSQL-backed [store.Store]. Its methods are safe for
// concurrent use, by any number of processes.
type DB struct {
	pool *pgxpool.Pool
}

var _ store.Store = (*DB)(nil)

// Open connects to the database dsn (a postgres:// URL or key=value string),
// and applies any migrations it lacks. It fails with an error wrapping
// [ErrSchemaTooNew] if the database was written by a newer Dossier.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parse error may quote the DSN, password included: leave it out.
		return nil, errors.New("open postgres: malformed connection string")
	}
	cfg.MaxConns = 8
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if opts.Schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = opts.Schema
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redact(cfg), err)
	}
	if opts.Schema != "" {
		// Two processes creating the schema at once: one of them fails
		// with a unique violation, and the schema is there.
		if _, err := pool.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{opts.Schema}.Sanitize()); err != nil && !isUniqueViolation(err) {
			pool.Close()
			return nil, fmt.Errorf("open postgres %s: create schema: %w", redact(cfg), err)
		}
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", redact(cfg), err)
	}
	return &DB{pool: pool}, nil
}

// redact names the database without credentials.
func redact(cfg *pgxpool.Config) string {
	return fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
}

// Close closes every connection.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Stats reports how many documents and failures are stored.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	err := db.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM raw), (SELECT count(*) FROM failures)`).
		Scan(&s.Documents, &s.Failures)
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}

// Size returns the bytes the database's tables and indexes take on disk
// (the tables of its schema only).
func (db *DB) Size(ctx context.Context) (int64, error) {
	var n int64
	err := db.pool.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
		FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p') AND ns.nspname = current_schema()`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("database size: %w", err)
	}
	return n, nil
}

// inTx runs f in a transaction and commits it, retrying the whole
// transaction a few times when PostgreSQL aborts it for a deadlock or a
// serialization failure (concurrent writers inserting the same documents).
func (db *DB) inTx(ctx context.Context, f func(pgx.Tx) error) error {
	const attempts = 4
	var err error
	for i := range attempts {
		err = pgx.BeginFunc(ctx, db.pool, f)
		if !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(time.Duration(i+1) * 20 * time.Millisecond):
		}
	}
	return err
}

// isUniqueViolation reports whether err is a unique or duplicate-object error.
func isUniqueViolation(err error) bool {
	e, ok := errors.AsType[*pgconn.PgError](err)
	return ok && (e.Code == "23505" || e.Code == "42P06")
}

// retryable reports whether err is a deadlock or serialization failure.
func retryable(err error) bool {
	e, ok := errors.AsType[*pgconn.PgError](err)
	return ok && (e.Code == "40P01" || e.Code == "40001")
}
