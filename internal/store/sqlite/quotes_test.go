package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

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

// migrationTables are the tables each migration after the first creates.
var migrationTables = map[int][]string{2: {"quotes"}, 3: {"mentions"}, 4: {"entity_edits"}, 5: {"placements", "events", "story_edits"}, 6: {}, 7: {"alerts", "watches"}}

// migrationColumns are the columns ("table.column") migrations add to
// existing tables.
var migrationColumns = map[int][]string{6: {"documents.headline"}}

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
			if _, err := db.w.ExecContext(t.Context(), "DROP TABLE "+tb); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range migrationColumns[m.version] {
			tb, col, _ := strings.Cut(tc, ".")
			if _, err := db.w.ExecContext(t.Context(), "ALTER TABLE "+tb+" DROP COLUMN "+col); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.w.ExecContext(t.Context(), `DELETE FROM schema_migrations WHERE version > ?`, version); err != nil {
		t.Fatal(err)
	}
}
