package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

// isPostgres reports whether a --db value names a PostgreSQL database.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePath maps a --db value (a path or sqlite:// DSN) to a file path.
func sqlitePath(dsn string) (string, error) {
	switch {
	case isPostgres(dsn):
		return "", usageError{fmt.Sprintf("%s is a PostgreSQL database; this needs a SQLite path or sqlite:// DSN", displayDB(dsn))}
	case strings.HasPrefix(dsn, "sqlite://"):
		return strings.TrimPrefix(dsn, "sqlite://"), nil
	case strings.Contains(dsn, "://"):
		return "", usageError{fmt.Sprintf("--db %q: unknown scheme (want a file path, sqlite:///path or postgres://...)", displayDB(dsn))}
	}
	return dsn, nil
}

// displayDB returns a --db value fit to print: a URL without its password.
func displayDB(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "(malformed database URL)"
	}
	return u.Redacted()
}

// openedStore is a store opened from a --db value.
type openedStore struct {
	store.Store
	name string                          // the database, fit to print
	size func(ctx context.Context) int64 // bytes on disk, 0 if unknown
}

// openStore opens the database a --db value names: PostgreSQL for a
// postgres:// URL, else a SQLite file, which is created (with its
// directory) when create is set and must exist otherwise. The cli package
// is the only one that picks a backend.
func openStore(ctx context.Context, dsn string, create bool) (*openedStore, error) {
	if isPostgres(dsn) {
		db, err := postgres.Open(ctx, dsn, postgres.Options{})
		if err != nil {
			return nil, err
		}
		return &openedStore{Store: db, name: displayDB(dsn), size: func(ctx context.Context) int64 {
			n, _ := db.Size(ctx)
			return n
		}}, nil
	}
	path, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if create {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
	} else if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database at %s (run 'dossier ingest --db %s PATH...' first)", path, path)
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	return &openedStore{Store: db, name: path, size: func(context.Context) int64 {
		var n int64
		for _, p := range []string{path, path + "-wal"} {
			if fi, err := os.Stat(p); err == nil {
				n += fi.Size()
			}
		}
		return n
	}}, nil
}
