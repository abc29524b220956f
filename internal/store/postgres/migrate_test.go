package postgres_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// TestMigrationBackfillsParity checks that migration 6 fills the times and
// entity_forms tables from documents stored before it: the schema is taken
// back to version 5 and the store opened again.
func TestMigrationBackfillsParity(t *testing.T) {
	schema := newSchema(t)
	db := openSchema(t, schema)
	mk := func(raw, text string, ents []news.Entity, times []news.TimeRef) store.Item {
		id := news.ID([]byte(raw))
		return store.Item{
			Raw: news.RawArticle{ID: id, Source: raw + ".txt", Raw: []byte(raw)},
			Doc: news.Doc{ID: id, Source: raw + ".txt", Title: "Title " + raw, Text: text, Language: "en",
				Entities: ents, Times: times},
		}
	}
	a := mk("a", "Marta Ilvesko spoke on 2 May.",
		[]news.Entity{{Text: "Marta Ilvesko", Type: "PERSON", Canonical: "Marta Ilvesko", Start: 0, End: 13}},
		[]news.TimeRef{{Type: "DATE", Value: "2015-05-02", Text: "2 May", Start: 23, End: 28}})
	b := mk("b", "Ilvesco replied.", // another spelling, found through the forms
		[]news.Entity{{Text: "Ilvesco", Type: "PERSON", Canonical: "Marta Ilvesko", Start: 0, End: 7}}, nil)
	if _, err := db.Put(t.Context(), []store.Item{a, b}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	conn, err := pgx.Connect(t.Context(), dsn(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), `SET search_path TO `+pgx.Identifier{schema}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(t.Context(), `DROP TABLE times; DROP TABLE entity_forms;
		ALTER TABLE documents DROP COLUMN published_from; DELETE FROM schema_migrations WHERE version >= 6`); err != nil {
		t.Fatal(err)
	}

	db = openSchema(t, schema)
	var got [][]string
	rows, err := conn.Query(t.Context(), `SELECT type, value, text FROM times ORDER BY seq, n`)
	if err != nil {
		t.Fatal(err)
	}
	var typ, value, text string
	if _, err := pgx.ForEachRow(rows, []any{&typ, &value, &text}, func() error {
		got = append(got, []string{typ, value, text})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"DATE", "2015-05-02", "2 May"}}, got); diff != "" {
		t.Errorf("times after migration (-want +got):\n%s", diff)
	}
	hits, err := db.Search(t.Context(), store.Query{Text: "Ilvesko"})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, h := range hits {
		found = append(found, h.ID)
	}
	slices.Sort(found)
	want := []string{a.Doc.ID, b.Doc.ID}
	slices.Sort(want)
	if diff := cmp.Diff(want, found); diff != "" {
		t.Errorf("Search(Ilvesko) after migration (-want +got):\n%s", diff)
	}
}
