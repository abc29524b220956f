package sqlite

import (
	"path/filepath"
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
	// Make the file look like one written before migration 2.
	for _, q := range []string{`DROP TABLE quotes`, `DROP TABLE mentions`, `DELETE FROM schema_migrations WHERE version >= 2`} {
		if _, err := db.w.ExecContext(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
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
	for _, q := range []string{`DROP TABLE mentions`, `DELETE FROM schema_migrations WHERE version >= 3`} {
		if _, err := db.w.ExecContext(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
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
