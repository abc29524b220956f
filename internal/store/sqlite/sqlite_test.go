package sqlite_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/sqlite"
	"github.com/dossier-news/dossier/internal/store/storetest"
	"github.com/google/go-cmp/cmp"
)

func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "news.db"))
	})
}

func TestOpen_reopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news.db")
	items := corpus(1, 0, 10)
	db, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(t.Context(), items); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = open(t, path) // migrations already applied: a no-op
	res, err := db.Put(t.Context(), items)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r != store.PutDuplicate {
			t.Errorf("Put after reopen: result %d = %v, want PutDuplicate", i, r)
		}
	}
	for _, it := range items {
		d, err := db.Doc(t.Context(), it.Doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(it.Doc, d); diff != "" {
			t.Errorf("Doc(%s) after reopen mismatch (-want +got):\n%s", it.Doc.ID, diff)
		}
	}
}

func TestOpen_newerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news.db")
	db, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2099-01-01')`)
	if err := errors.Join(err, raw.Close()); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(t.Context(), path, sqlite.Options{})
	if !errors.Is(err, sqlite.ErrSchemaTooNew) {
		if err == nil {
			err = db.Close()
		}
		t.Fatalf("Open of a newer-schema database: error = %v, want ErrSchemaTooNew", err)
	}
}

func TestOpen_badPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "dir", "news.db")
	if db, err := sqlite.Open(t.Context(), path, sqlite.Options{}); err == nil {
		t.Errorf("Open(%s) succeeded, want an error", path)
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}
}

func TestOpen_oddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag%20", "news.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	db := open(t, path)
	if _, err := db.Put(t.Context(), corpus(2, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at %s: %v", path, err)
	}
}
