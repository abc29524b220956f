package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// TestMigrationBackfillsQuotes checks that migration 2 fills the quotes
// table from documents stored before it existed.
func TestMigrationBackfillsQuotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte("raw with a quote")
	id := news.ID(raw)
	doc := news.Doc{ID: id, Text: "She said it was fine.", Quotes: []news.Quote{{Text: "it was fine", Start: 9, End: 20, Kind: "indirect", Speaker: "Anna Berg", Cue: "said"}}}
	if _, err := db.Put(t.Context(), []store.Item{{Raw: news.RawArticle{ID: id, Raw: raw}, Doc: doc}}); err != nil {
		t.Fatal(err)
	}
	rewind(t, db, 1) // as if written before migration 2
	db.Close()

	db, err = Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hits, err := db.Quotes(t.Context(), store.QuoteQuery{By: "berg"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Quote != doc.Quotes[0] {
		t.Errorf("Quotes after migration = %+v, want the stored quote %+v", hits, doc.Quotes[0])
	}
}

// TestMigrationBackfillsMentions checks that migration 3 fills the mentions
// table from documents stored before it existed.
func TestMigrationBackfillsMentions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte("raw with an entity")
	id := news.ID(raw)
	doc := news.Doc{ID: id, Text: "Anna Berg spoke.", Entities: []news.Entity{{Text: "Anna Berg", Type: "PERSON", Start: 0, End: 9}}}
	if _, err := db.Put(t.Context(), []store.Item{{Raw: news.RawArticle{ID: id, Raw: raw}, Doc: doc}}); err != nil {
		t.Fatal(err)
	}
	rewind(t, db, 2) // as if written before migration 3
	db.Close()

	db, err = Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r, err := db.Entity(t.Context(), store.EntityQuery{Name: "anna berg"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Anna Berg" || r.Type != "PERSON" || r.Mentions != 1 {
		t.Errorf("Entity after migration = %+v, want Anna Berg, PERSON, 1 mention (canonical defaults to the text)", r)
	}
}

// migrationTables are the tables each migration after the first creates
// ("table.column" for a column it adds).
var migrationTables = map[int][]string{2: {"quotes"}, 3: {"mentions"}, 4: {"entity_edits"}, 5: {"entity_forms_fts", "entity_forms"}, 6: {"times", "documents.published_from"}, 7: {"placements", "events", "story_edits"}, 8: {"documents.headline"}, 9: {"alerts", "watches"}}

// rewind makes db look like a file written when version was the latest
// migration, by dropping what later migrations created.
func rewind(t *testing.T, db *DB, version int) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[version:] {
		tables, ok := migrationTables[m.version]
		if !ok {
			t.Fatalf("migration %s: add the tables it creates to migrationTables", m.name)
		}
		for _, tb := range tables {
			stmt := "DROP TABLE " + tb
			if table, col, ok := strings.Cut(tb, "."); ok {
				stmt = "ALTER TABLE " + table + " DROP COLUMN " + col
			}
			if _, err := db.w.ExecContext(t.Context(), stmt); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.w.ExecContext(t.Context(), `DELETE FROM schema_migrations WHERE version > ?`, version); err != nil {
		t.Fatal(err)
	}
}

// TestMigrationBackfillsTimes checks that migration 6 fills the times table
// from documents stored before it existed and adds published_from.
func TestMigrationBackfillsTimes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := []byte("raw with a time")
	id := news.ID(raw)
	doc := news.Doc{ID: id, Text: "It rained on Sept. 30.", Times: []news.TimeRef{{Text: "Sept. 30", Value: "2015-09-30", Type: "DATE", Start: 13, End: 21}}}
	if _, err := db.Put(t.Context(), []store.Item{{Raw: news.RawArticle{ID: id, Raw: raw}, Doc: doc}}); err != nil {
		t.Fatal(err)
	}
	rewind(t, db, 5) // as if written before migration 6
	db.Close()

	db, err = Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var value, typ string
	if err := db.r.QueryRowContext(t.Context(), `SELECT value, type FROM times WHERE seq = (SELECT seq FROM raw WHERE id = ?)`, id).Scan(&value, &typ); err != nil {
		t.Fatalf("times row after migration: %v", err)
	}
	if value != "2015-09-30" || typ != "DATE" {
		t.Errorf("times row after migration = %q %q, want 2015-09-30 DATE", value, typ)
	}
	got, err := db.Doc(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.PublishedFrom != "" || len(got.Times) != 1 {
		t.Errorf("Doc after migration: published_from %q, %d times; want empty and 1", got.PublishedFrom, len(got.Times))
	}
}

// TestPutTimes checks that Put fills the times table, one row a time
// expression, with its type and value.
func TestPutTimes(t *testing.T) {
	db, err := Open(t.Context(), filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw := []byte("raw with times")
	id := news.ID(raw)
	doc := news.Doc{ID: id, Text: "It rained on Sept. 30 for three days.", PublishedFrom: "dateline", Times: []news.TimeRef{
		{Text: "Sept. 30", Value: "2015-09-30", Type: "DATE", Start: 13, End: 21},
		{Text: "three days", Value: "P3D", Type: "DURATION", Start: 26, End: 36}}}
	if _, err := db.Put(t.Context(), []store.Item{{Raw: news.RawArticle{ID: id, Raw: raw}, Doc: doc}}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.r.QueryContext(t.Context(), `SELECT n, type, value, text, start, end FROM times ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []news.TimeRef
	for rows.Next() {
		var n int
		var r news.TimeRef
		if err := rows.Scan(&n, &r.Type, &r.Value, &r.Text, &r.Start, &r.End); err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(doc.Times, got); diff != "" {
		t.Errorf("times rows mismatch (-want +got):\n%s", diff)
	}
}
