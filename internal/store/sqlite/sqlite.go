// Package sqlite is the default, embedded [store.Store] backend: one SQLite
// file in WAL mode with an FTS5 index, through the pure-Go driver
// modernc.org/sqlite, so CGO_ENABLED=0 builds work.
//
// A [DB] holds two connection pools on the same file: a single writer
// connection, which serialises every write (SQLite has one writer anyway),
// and a small pool of read-only connections, which WAL lets run concurrently
// with the writer. The schema is created and upgraded by numbered SQL
// migrations embedded in the binary.
//
// Every field of a [news.Doc] is stored and returned by [DB.Doc], token spans
// included; span lists are packed as varint deltas (about two bytes a token),
// lists of records as JSON. Times are stored as sortable UTC text: a date
// ("2015-11-02") when the time is midnight UTC, else a fixed-width timestamp,
// so they come back in UTC.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/dossier-news/dossier/internal/store"
	modsqlite "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options configures [Open]. A zero field means its documented default.
type Options struct {
	// BusyTimeout is how long a connection waits for a lock held by another
	// process before failing. Default 5s.
	BusyTimeout time.Duration
	// CacheSizeKiB is the page cache of each connection. Default 16384 (16 MiB).
	CacheSizeKiB int
	// Readers is the most read connections open at once. Default 4.
	Readers int
}

func (o Options) withDefaults() Options {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 5 * time.Second
	}
	if o.CacheSizeKiB <= 0 {
		o.CacheSizeKiB = 16384
	}
	if o.Readers <= 0 {
		o.Readers = 4
	}
	return o
}

// DB is a SQLite-backed [store.Store]. Its methods are safe for concurrent use.
type DB struct {
	w *sql.DB // one connection: every write goes through it
	r *sql.DB // read-only connections
}

var _ store.Store = (*DB)(nil)

// Open opens the database file at path, creating it if needed, and applies
// any migrations it lacks. It fails with an error wrapping [ErrSchemaTooNew]
// if the file was written by a newer version of Dossier.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	opts = opts.withDefaults()
	w, err := sql.Open("sqlite", dsn(path, opts, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %w", path, err), w.Close())
	}
	r, err := sql.Open("sqlite", dsn(path, opts, false))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %w", path, err), w.Close())
	}
	r.SetMaxOpenConns(opts.Readers)
	r.SetMaxIdleConns(opts.Readers)
	if err := r.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %w", path, err), r.Close(), w.Close())
	}
	return &DB{w: w, r: r}, nil
}

// dsn returns the driver's data source name for path: a SQLite URI whose
// _pragma parameters the driver runs on every new connection.
func dsn(path string, opts Options, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(opts.BusyTimeout.Milliseconds(), 10)+")")
	q.Add("_pragma", "cache_size(-"+strconv.Itoa(opts.CacheSizeKiB)+")")
	q.Add("_pragma", "temp_store(MEMORY)")
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_pragma", "foreign_keys(ON)")
		q.Add("_pragma", "journal_size_limit(67108864)")
		// Take the write lock when a transaction begins rather than on its
		// first write, so that another process's writer makes us wait
		// (busy_timeout) instead of failing mid-transaction.
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close runs PRAGMA optimize and closes every connection.
func (db *DB) Close() error {
	_, err := db.w.Exec("PRAGMA optimize")
	return errors.Join(err, db.r.Close(), db.w.Close())
}

// Stats reports how many documents and failures are stored.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	// count(*) on raw walks its small id index, not the wide documents rows.
	err := db.r.QueryRowContext(ctx,
		`SELECT (SELECT count(*) FROM raw), (SELECT count(*) FROM failures)`).
		Scan(&s.Documents, &s.Failures)
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}

// isQueryError reports whether err is SQLite rejecting a statement (a
// syntax or schema error) rather than an I/O, locking or interrupt failure.
func isQueryError(err error) bool {
	e, ok := errors.AsType[*modsqlite.Error](err)
	return ok && e.Code()&0xff == 1 // SQLITE_ERROR
}
