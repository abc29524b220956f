package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/storetest"
)

// dsn returns the test server's DSN, or skips the test when none is set.
func dsn(t testing.TB) string {
	t.Helper()
	v := os.Getenv("DOSSIER_TEST_POSTGRES")
	if v == "" {
		t.Skip("DOSSIER_TEST_POSTGRES is not set (a postgres:// DSN of a throw-away database; see scripts/pg-throwaway.sh)")
	}
	return v
}

var schemas atomic.Int64

// newSchema returns the name of a new, empty schema that is dropped when
// the test ends.
func newSchema(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("dossier_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, schemas.Add(1))
	url := dsn(t)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("drop schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{name}.Sanitize()+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	return name
}

// open opens a store in a new schema.
func open(t *testing.T) *postgres.DB {
	t.Helper()
	return openSchema(t, newSchema(t))
}

// openBench opens a store in a new schema for a benchmark.
func openBench(b *testing.B) *postgres.DB { return openSchema(b, newSchema(b)) }

func openSchema(t testing.TB, schema string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(t.Context(), dsn(t), postgres.Options{Schema: schema})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestOpen_concurrentMigrations(t *testing.T) {
	schema := newSchema(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := postgres.Open(t.Context(), dsn(t), postgres.Options{Schema: schema})
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Errorf("Open in parallel: %v", err)
		}
	}
	db := openSchema(t, schema)
	if st, err := db.Stats(t.Context()); err != nil || st != (store.Stats{}) {
		t.Errorf("Stats() = %+v, %v; want an empty store", st, err)
	}
}

func TestOpen_newerSchema(t *testing.T) {
	schema := newSchema(t)
	db := openSchema(t, schema)
	conn, err := pgx.Connect(t.Context(), dsn(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), `INSERT INTO `+pgx.Identifier{schema, "schema_migrations"}.Sanitize()+
		` (version, name) VALUES (999, 'future')`); err != nil {
		t.Fatal(err)
	}
	_ = db
	db2, err := postgres.Open(t.Context(), dsn(t), postgres.Options{Schema: schema})
	if !errors.Is(err, postgres.ErrSchemaTooNew) {
		if err == nil {
			db2.Close()
		}
		t.Fatalf("Open of a newer schema: error = %v, want ErrSchemaTooNew", err)
	}
}

func TestOpen_badDSN(t *testing.T) {
	for _, bad := range []string{"postgres://u:secret@127.0.0.1:1/x?connect_timeout=1", "postgres://%zz"} {
		db, err := postgres.Open(t.Context(), bad, postgres.Options{})
		if err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", bad)
			continue
		}
		if s := err.Error(); strings.Contains(s, "secret") {
			t.Errorf("Open(%q) error %q shows the password", bad, s)
		}
	}
}

// TestPut_duplicatesTakeNoSeq checks that putting stored documents again
// uses up no sequence numbers, so that the next new document follows the
// last one stored, as in SQLite.
func TestPut_duplicatesTakeNoSeq(t *testing.T) {
	db := open(t)
	mk := func(raw string) store.Item {
		id := news.ID([]byte(raw))
		return store.Item{
			Raw:   news.RawArticle{ID: id, Raw: []byte(raw)},
			Doc:   news.Doc{ID: id, Title: raw, Text: "Text of " + raw + "."},
			Place: news.Placement{Event: news.EventID(id), Story: news.StoryID(id)},
		}
	}
	a, b := mk("dense a"), mk("dense b")
	for _, batch := range [][]store.Item{{a}, {a, a}, {a}, {b}} {
		if _, err := db.Put(t.Context(), batch); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := db.Placed(t.Context(), store.PlacedQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[1].Seq != ps[0].Seq+1 {
		var seqs []int64
		for _, p := range ps {
			seqs = append(seqs, p.Seq)
		}
		t.Errorf("sequence numbers after duplicates = %v, want two consecutive", seqs)
	}
}
