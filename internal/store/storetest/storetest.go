// Package storetest is the behavioural conformance suite that every
// [store.Store] backend must pass. A backend's test calls [Run] with a
// function that opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Run runs the suite. open must return a new, empty store for each call and
// arrange (with t.Cleanup) for it to be closed and removed; Run calls it
// once per subtest.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	for _, tc := range []struct {
		name string
		test func(*testing.T, store.Store)
	}{
		{"put new and duplicate", testPut},
		{"put is idempotent", testPutIdempotent},
		{"put derives missing ID", testPutDerivesID},
		{"put cancelled stores nothing", testPutCancelled},
		{"doc round trip", testDocRoundTrip},
		{"doc minimal round trip", testDocMinimal},
		{"raw verbatim", testRawVerbatim},
		{"not found", testNotFound},
		{"doc ID prefix", testDocPrefix},
		{"doc by source", testDocBySource},
		{"search title over body", testSearchRanking},
		{"search snippet", testSearchSnippet},
		{"search limit and offset", testSearchPaging},
		{"search malformed query", testSearchMalformed},
		{"search diacritics", testSearchDiacritics},
		{"search finds an entity's other forms", testSearchEntityForms},
		{"failures", testFailures},
		{"stats", testStats},
		{"quotes by speaker and about", testQuotes},
		{"entity report", testEntity},
		{"entity edits survive re-ingest", testEntityEdits},
		{"known entities", testKnownEntities},
		{"concurrent readers while writing", testConcurrent},
		{"search filters and facets", testSearchFacets},
		{"watches raise alerts once", testWatches},
		{"alert webhook deliveries", testDeliveries},
		{"story watches", testStoryWatch},
		{"stories and placements", testStories},
		{"placed documents in pages", testPlaced},
		{"story edits survive reclustering", testStoryEdits},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.test(t, open(t))
		})
	}
}

// item returns an item whose raw bytes are raw and whose document has the
// given title and text; its ID is derived from raw.
func item(raw, title, text string) store.Item {
	id := news.ID([]byte(raw))
	return store.Item{
		Raw: news.RawArticle{ID: id, Source: "test/" + id + ".txt", Format: news.FormatText, Body: news.FormatText, Raw: []byte(raw)},
		Doc: news.Doc{ID: id, Source: "test/" + id + ".txt", Format: news.FormatText, Title: title, Text: text, Language: "en"},
	}
}

// numbered returns n distinct items, "doc i", whose text contains words.
func numbered(n int, words string) []store.Item {
	items := make([]store.Item, n)
	for i := range items {
		items[i] = item(fmt.Sprintf("raw %d %s", i, words), fmt.Sprintf("Document %d", i),
			fmt.Sprintf("This is document number %d. It mentions %s.", i, words))
	}
	return items
}

func put(t *testing.T, s store.Store, items ...store.Item) []store.PutResult {
	t.Helper()
	res, err := s.Put(t.Context(), items)
	if err != nil {
		t.Fatalf("Put(%d items): %v", len(items), err)
	}
	if len(res) != len(items) {
		t.Fatalf("Put(%d items) returned %d results", len(items), len(res))
	}
	return res
}

func results(rs ...store.PutResult) []store.PutResult { return rs }

func testPut(t *testing.T, s store.Store) {
	a, b, c := item("a", "A", "alpha"), item("b", "B", "beta"), item("c", "C", "gamma")
	if got, want := put(t, s, a, b), results(store.PutNew, store.PutNew); !cmp.Equal(got, want) {
		t.Errorf("Put(a, b) = %v, want %v", got, want)
	}
	if got, want := put(t, s, b, c, c), results(store.PutDuplicate, store.PutNew, store.PutDuplicate); !cmp.Equal(got, want) {
		t.Errorf("Put(b, c, c) = %v, want %v", got, want)
	}
	if got, err := s.Put(t.Context(), nil); err != nil || len(got) != 0 {
		t.Errorf("Put(nil) = %v, %v; want no results and no error", got, err)
	}
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 {
		t.Errorf("Stats().Documents = %d, want 3", st.Documents)
	}
}

// testPutIdempotent checks that a duplicate leaves the first copy as it was,
// even when its document differs.
func testPutIdempotent(t *testing.T, s store.Store) {
	items := numbered(5, "idempotence")
	put(t, s, items...)
	changed := items[2]
	changed.Doc.Title = "Changed"
	changed.Doc.Text = "changed text"
	got := put(t, s, append(items, changed)...)
	for i, r := range got {
		if r != store.PutDuplicate {
			t.Errorf("second Put: result %d = %v, want PutDuplicate", i, r)
		}
	}
	d, err := s.Doc(t.Context(), items[2].Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != items[2].Doc.Title || d.Text != items[2].Doc.Text {
		t.Errorf("Doc after duplicate Put = %q / %q, want the first copy %q / %q",
			d.Title, d.Text, items[2].Doc.Title, items[2].Doc.Text)
	}
	if st, err := s.Stats(t.Context()); err != nil || st.Documents != 5 {
		t.Errorf("Stats() = %+v, %v; want 5 documents", st, err)
	}
	hits, err := s.Search(t.Context(), store.Query{Text: "idempotence"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 5 {
		t.Errorf("Search(idempotence) after duplicate Put: %d hits, want 5", len(hits))
	}
}

func testPutDerivesID(t *testing.T, s store.Store) {
	it := item("no id given", "T", "text")
	it.Raw.ID, it.Doc.ID = "", ""
	put(t, s, it)
	id := news.ID(it.Raw.Raw)
	d, err := s.Doc(t.Context(), id)
	if err != nil {
		t.Fatalf("Doc(%s) of an item put without IDs: %v", id, err)
	}
	if d.ID != id {
		t.Errorf("Doc(%s).ID = %q", id, d.ID)
	}
}

func testPutCancelled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Put(ctx, numbered(3, "cancelled")); err == nil {
		t.Errorf("Put with a cancelled context succeeded")
	}
	if st, err := s.Stats(t.Context()); err != nil || st.Documents != 0 {
		t.Errorf("Stats() after cancelled Put = %+v, %v; want 0 documents", st, err)
	}
}

// docCmp compares documents: times by instant, nil and empty lists alike.
var docCmp = cmpopts.EquateEmpty()

// fullItem returns an item with every Doc field set.
func fullItem() store.Item {
	raw := "<html><head><title>Leader urges unity</title></head><body>…</body></html>"
	id := news.ID([]byte(raw))
	text := "Zawahri called on groups to unite, Reuters reported on Sept. 30.\n\n\"We must unite,\" he said."
	moscow := time.FixedZone("MSK", 3*3600)
	return store.Item{
		Raw: news.RawArticle{
			ID: id, Source: "https://example.com/a?x=1#y", Format: news.FormatWARC, Body: news.FormatHTML,
			Raw: []byte(raw), URL: "https://example.com/a", Outlet: "Example Times",
			Published: time.Date(2015, 11, 2, 0, 0, 0, 0, time.UTC), ContentType: "text/html; charset=utf-8",
		},
		Doc: news.Doc{
			ID:            id,
			Source:        "https://example.com/a?x=1#y",
			Format:        news.FormatWARC,
			URL:           "https://example.com/a",
			Title:         "Leader urges unity — «groups»",
			Outlet:        "Example Times",
			Author:        "A. Writer",
			Published:     time.Date(2015, 11, 2, 14, 5, 6, 123456789, moscow),
			PublishedFrom: "html-meta",
			Fetched:       time.Date(2015, 11, 3, 0, 0, 0, 0, time.UTC),
			Language:      "en",
			Flags:         []string{news.FlagPaginated, news.FlagCharset},
			Text:          text,
			Lines:         []news.Line{{N: 1, Label: news.LabelTitle, Text: "Leader urges unity"}, {N: 3, Label: news.LabelChrome, Text: "Share"}},
			Paragraphs:    []news.Span{{Start: 0, End: 65}, {Start: 67, End: len(text)}},
			Sentences:     []news.Span{{Start: 0, End: 65}, {Start: 67, End: len(text)}},
			Tokens:        []news.Span{{Start: 0, End: 7}, {Start: 8, End: 14}, {Start: 100000, End: 100001}, {Start: 3, End: 2}},
			Entities:      []news.Entity{{Text: "Zawahri", Type: "PERSON", Start: 0, End: 7, Canonical: "Ayman al-Zawahiri"}},
			Quotes:        []news.Quote{{Text: "We must unite", Start: 68, End: 81, Kind: "direct", Speaker: "Zawahri", SpeakerStart: 0, SpeakerEnd: 7, Cue: "said", Via: "Reuters"}},
			Citations:     []news.Citation{{Source: "Reuters", Cue: "Reuters reported", Start: 35, End: 51}},
			Times: []news.TimeRef{{Text: "Sept. 30", Value: "2015-09-30", Type: "DATE", Start: 55, End: 63},
				{Text: "three days", Value: "P3D", Type: "DURATION", Start: 70, End: 80}},
			Headline:    &news.Headline{Stance: news.StanceDiscuss, Verdict: news.VerdictSupported, Evidence: []news.Span{{Start: 0, End: 65}}},
			Group:       "example.com",
			ContentType: "text/html; charset=utf-8",
		},
	}
}

func testDocRoundTrip(t *testing.T, s store.Store) {
	it := fullItem()
	put(t, s, it)
	got, err := s.Doc(t.Context(), it.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(it.Doc, got, docCmp); diff != "" {
		t.Errorf("Doc(%s) mismatch (-want +got):\n%s", it.Doc.ID, diff)
	}
}

func testDocMinimal(t *testing.T, s store.Store) {
	id := news.ID([]byte("minimal"))
	want := news.Doc{ID: id}
	put(t, s, store.Item{Raw: news.RawArticle{ID: id, Raw: []byte("minimal")}, Doc: want})
	got, err := s.Doc(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, docCmp); diff != "" {
		t.Errorf("Doc(%s) mismatch (-want +got):\n%s", id, diff)
	}
	if !got.Published.IsZero() || !got.Fetched.IsZero() {
		t.Errorf("Doc(%s) times = %v, %v; want zero", id, got.Published, got.Fetched)
	}
}

func testRawVerbatim(t *testing.T, s store.Store) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"empty", []byte{}},
		{"invalid UTF-8", []byte("caf\xe9 \xff\xfe bad \xc3")},
		{"NUL bytes", []byte("a\x00b\x00\x00c")},
		{"BOM and CRLF", []byte("\xef\xbb\xbfline one\r\nline two\r\n")},
		{"all bytes", func() []byte {
			b := make([]byte, 512)
			for i := range b {
				b[i] = byte(i)
			}
			return b
		}()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			id := news.ID(tt.raw)
			put(t, s, store.Item{Raw: news.RawArticle{ID: id, Raw: tt.raw}, Doc: news.Doc{ID: id, Text: string(tt.raw)}})
			got, err := s.Raw(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.raw, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Raw(%s) mismatch (-want +got):\n%s", id, diff)
			}
			d, err := s.Doc(t.Context(), id)
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != string(tt.raw) {
				t.Errorf("Doc(%s).Text = %q, want %q", id, d.Text, tt.raw)
			}
		})
	}
}

func testNotFound(t *testing.T, s store.Store) {
	put(t, s, numbered(2, "present")...)
	const missing = "0123456789abcdef"
	if _, err := s.Doc(t.Context(), missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Doc(%s) error = %v, want ErrNotFound", missing, err)
	}
	if _, err := s.Raw(t.Context(), missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Raw(%s) error = %v, want ErrNotFound", missing, err)
	}
	if ok, err := s.Has(t.Context(), missing); ok || err != nil {
		t.Errorf("Has(%s) = %v, %v; want false, nil", missing, ok, err)
	}
	it := numbered(1, "present")[0]
	if ok, err := s.Has(t.Context(), it.Doc.ID); !ok || err != nil {
		t.Errorf("Has(%s) = %v, %v; want true, nil", it.Doc.ID, ok, err)
	}
}

// testDocPrefix checks that Doc resolves a unique prefix of at least four
// hex digits, and no shorter or ambiguous one.
func testDocPrefix(t *testing.T, s store.Store) {
	// Find two raw texts whose IDs share their first four digits.
	seen := map[string]store.Item{}
	var a, b store.Item
	for i := 0; ; i++ {
		it := item(fmt.Sprintf("prefix %d", i), "T", "text")
		if prev, ok := seen[it.Doc.ID[:4]]; ok {
			a, b = prev, it
			break
		}
		seen[it.Doc.ID[:4]] = it
	}
	put(t, s, a, b)
	n := 5
	for a.Doc.ID[:n] == b.Doc.ID[:n] {
		n++
	}
	for _, p := range []string{a.Doc.ID[:n], strings.ToUpper(a.Doc.ID[:n+1]), a.Doc.ID} {
		d, err := s.Doc(t.Context(), p)
		if err != nil || d.ID != a.Doc.ID {
			t.Errorf("Doc(%q) = %q, %v; want %q", p, d.ID, err, a.Doc.ID)
		}
	}
	if _, err := s.Doc(t.Context(), a.Doc.ID[:4]); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("Doc(%q), a prefix of two IDs: error = %v, want an ambiguity error", a.Doc.ID[:4], err)
	}
	if _, err := s.Doc(t.Context(), a.Doc.ID[:3]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Doc(%q), a 3-digit prefix: error = %v, want ErrNotFound", a.Doc.ID[:3], err)
	}
	if _, err := s.Doc(t.Context(), a.Doc.ID[:n]+"zz"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Doc(%q): error = %v, want ErrNotFound", a.Doc.ID[:n]+"zz", err)
	}
}

func search(t *testing.T, s store.Store, q store.Query) []store.Hit {
	t.Helper()
	hits, err := s.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return hits
}

func ids(hits []store.Hit) []string {
	var s []string
	for _, h := range hits {
		s = append(s, h.ID)
	}
	return s
}

func testSearchRanking(t *testing.T, s store.Store) {
	filler := strings.Repeat("The council met on Tuesday to discuss the budget. ", 4)
	body := item("body", "Council budget meeting", filler+"A zeppelin flew over the town hall.")
	title := item("title", "Zeppelin over the town hall", filler+"Residents watched from the square.")
	other := item("other", "Weather", filler)
	put(t, s, body, title, other)
	hits := search(t, s, store.Query{Text: "zeppelin"})
	if diff := cmp.Diff([]string{title.Doc.ID, body.Doc.ID}, ids(hits)); diff != "" {
		t.Errorf("Search(zeppelin): title match should rank first (-want +got):\n%s", diff)
	}
	if len(hits) == 2 && hits[0].Score > hits[1].Score {
		t.Errorf("Search(zeppelin) scores %v, %v: want ascending (lower is better)", hits[0].Score, hits[1].Score)
	}
}

func testSearchSnippet(t *testing.T, s store.Store) {
	it := fullItem()
	put(t, s, it)
	hits := search(t, s, store.Query{Text: "Reuters"})
	if len(hits) != 1 {
		t.Fatalf("Search(Reuters) = %d hits, want 1", len(hits))
	}
	h := hits[0]
	want := store.Hit{ID: it.Doc.ID, Title: it.Doc.Title, Outlet: it.Doc.Outlet, Source: it.Doc.Source, Published: it.Doc.Published}
	if diff := cmp.Diff(want, h, cmpopts.IgnoreFields(store.Hit{}, "Snippet", "Score")); diff != "" {
		t.Errorf("Search(Reuters) hit mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(h.Snippet, "[Reuters]") {
		t.Errorf("Search(Reuters) snippet = %q, want the match marked as [Reuters]", h.Snippet)
	}
}

func testSearchPaging(t *testing.T, s store.Store) {
	put(t, s, numbered(25, "pagination")...)
	if got := search(t, s, store.Query{Text: "pagination"}); len(got) != 20 {
		t.Errorf("Search with no limit: %d hits, want the default 20", len(got))
	}
	all := search(t, s, store.Query{Text: "pagination", Limit: 100})
	if len(all) != 25 {
		t.Fatalf("Search with limit 100: %d hits, want 25", len(all))
	}
	page := search(t, s, store.Query{Text: "pagination", Limit: 10, Offset: 10})
	if diff := cmp.Diff(ids(all[10:20]), ids(page)); diff != "" {
		t.Errorf("Search limit 10 offset 10 mismatch (-want +got):\n%s", diff)
	}
	if got := search(t, s, store.Query{Text: "pagination", Offset: 24}); len(got) != 1 {
		t.Errorf("Search offset 24: %d hits, want 1", len(got))
	}
	if got := search(t, s, store.Query{Text: "absentword"}); len(got) != 0 {
		t.Errorf("Search(absentword) = %d hits, want 0", len(got))
	}
	if got := search(t, s, store.Query{Text: "  "}); len(got) != 0 {
		t.Errorf("Search(blank) = %d hits, want 0", len(got))
	}
}

// testSearchMalformed checks that queries a full-text engine may reject are
// not internal errors: they either find the words or nothing.
func testSearchMalformed(t *testing.T, s store.Store) {
	it := item("malformed", "Al-Qaeda leader", "The al-Qaeda leader spoke about zeppelin policy.")
	put(t, s, it)
	for _, tt := range []struct {
		q    string
		want int // hits, or -1 for any number
	}{
		{`"zeppelin`, 1}, {`zeppelin"`, 1}, {`(zeppelin`, 1}, {`al-Qaeda`, 1}, {`zeppelin*`, 1},
		{`zeppelin AND`, -1}, {`title:zeppelin:`, -1}, {`zeppelin NEAR(`, -1},
		{`NOT`, -1}, {`"`, -1}, {`*`, -1}, {`^`, -1}, {`'`, -1},
	} {
		hits, err := s.Search(t.Context(), store.Query{Text: tt.q})
		if err != nil {
			t.Errorf("Search(%q) error = %v, want none", tt.q, err)
			continue
		}
		if tt.want >= 0 && len(hits) != tt.want {
			t.Errorf("Search(%q) = %d hits, want %d", tt.q, len(hits), tt.want)
		}
	}
}

func testSearchDiacritics(t *testing.T, s store.Store) {
	it := item("zurich", "Talks in Zürich", "Delegates met in Zürich and São Paulo.")
	put(t, s, it)
	for _, q := range []string{"zurich", "Zürich", "sao paulo"} {
		if got := search(t, s, store.Query{Text: q}); len(got) != 1 {
			t.Errorf("Search(%q) = %d hits, want 1", q, len(got))
		}
	}
}

// testSearchEntityForms checks that a query naming an entity finds its other
// written forms, and that a word merely ending an organisation's name does not.
func testSearchEntityForms(t *testing.T, s store.Store) {
	mention := func(it *store.Item, text, typ, canonical string) {
		i := strings.Index(it.Doc.Text, text)
		if i < 0 {
			t.Fatalf("%q not in %q", text, it.Doc.Text)
		}
		it.Doc.Entities = append(it.Doc.Entities, news.Entity{Text: text, Type: typ, Start: i, End: i + len(text), Canonical: canonical})
	}
	a := item("forms a", "Cleric speaks", "Idris al-Verani spoke on the radio.")
	mention(&a, "Idris al-Verani", "PERSON", "Idris al-Verani")
	b := item("forms b", "Call recorded", "Verrani called for unity.")
	mention(&b, "Verrani", "PERSON", "Idris al-Verani")
	c := item("forms c", "Fighters withdraw", "The NLF fighters withdrew from the hills.")
	mention(&c, "NLF", "ORG", "Northern Liberation Front")
	d := item("forms d", "Front advances", "The Northern Liberation Front advanced.")
	mention(&d, "Northern Liberation Front", "ORG", "Northern Liberation Front")
	e := item("forms e", "Weather", "A cold front reached the coast.")
	put(t, s, a, b, c, d, e)
	sorted := func(its ...store.Item) []string {
		var out []string
		for _, it := range its {
			out = append(out, it.Doc.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"Verani", sorted(a, b)},           // a person's last name: every spelling
		{"al-Verani", sorted(a, b)},        // a written form
		{"verrani", sorted(a, b)},          // the other spelling finds the first
		{"radio", sorted(a)},               // not a name: unchanged
		{"front", sorted(d, e)},            // one word ending an organisation's name: unchanged
		{"liberation front", sorted(c, d)}, // the organisation's last words: its acronym too
		{"NLF", sorted(c, d)},
		{`"liberation front"`, sorted(d)}, // query syntax: taken as written
	} {
		got := ids(search(t, s, store.Query{Text: tt.q}))
		slices.Sort(got)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Search(%q) mismatch (-want +got):\n%s", tt.q, diff)
		}
		f, err := s.SearchFacets(t.Context(), store.Query{Text: tt.q})
		if err != nil || f.Matches != len(tt.want) {
			t.Errorf("SearchFacets(%q) = %d matches, %v; want %d", tt.q, f.Matches, err, len(tt.want))
		}
	}
}

// docBySourcer is the optional capability of finding a document by (part
// of) its source, which dossier show uses.
type docBySourcer interface {
	DocBySource(ctx context.Context, name string) (news.Doc, error)
}

func testDocBySource(t *testing.T, s store.Store) {
	bs, ok := s.(docBySourcer)
	if !ok {
		t.Skip("the store does not find documents by source")
	}
	mk := func(raw, source string) store.Item {
		it := item(raw, "Title of "+raw, "Body of "+raw+".")
		it.Raw.Source, it.Doc.Source = source, source
		return it
	}
	a := mk("source a", "seeds/001_4f2a9c.txt")
	b := mk("source b", "seeds/002_4f2a9d.txt")
	c := mk("source c", "feeds/wire.xml")
	d := mk("source d", "feeds/wire.xml#2")
	put(t, s, a, b, c, d)
	for _, tt := range []struct {
		name, want, err string // err: a part of the error; "" for none
	}{
		{"seeds/001_4f2a9c.txt", a.Doc.ID, ""}, // the whole source
		{"001_4f2a9c", a.Doc.ID, ""},           // part of it
		{"4f2a9d", b.Doc.ID, ""},               // another part
		{"feeds/wire.xml", c.Doc.ID, ""},       // exact beats the longer source holding it
		{"4f2a9", "", "2 or more documents"},   // in two sources
		{"nothing-like-it", "", store.ErrNotFound.Error()},
		{"  ", "", store.ErrNotFound.Error()},
	} {
		d, err := bs.DocBySource(t.Context(), tt.name)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("DocBySource(%q): %v", tt.name, err)
		case tt.err == "" && d.ID != tt.want:
			t.Errorf("DocBySource(%q) = %s, want %s", tt.name, d.ID, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("DocBySource(%q) = %s, %v; want an error with %q", tt.name, d.ID, err, tt.err)
		}
	}
	if _, err := bs.DocBySource(t.Context(), "nothing-like-it"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DocBySource of an unknown name: %v, want ErrNotFound", err)
	}
}

func testFailures(t *testing.T, s store.Store) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	fs := []news.Failure{
		{Source: "a.html", ID: "00000000000000aa", Stage: "clean", Reason: "no body", Time: t0},
		{Source: "b.warc#3", Stage: "read", Reason: "truncated record", Time: t0.Add(2 * time.Second)},
		{Source: "c.txt", ID: "00000000000000cc", Stage: "segment", Reason: "panic: boom", Time: t0.Add(time.Second)},
	}
	if err := s.PutFailures(t.Context(), fs); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFailures(t.Context(), nil); err != nil {
		t.Errorf("PutFailures(nil): %v", err)
	}
	got, err := s.Failures(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Failure{fs[1], fs[2], fs[0]}, got); diff != "" {
		t.Errorf("Failures(10) mismatch (-want +got):\n%s", diff)
	}
	got, err = s.Failures(t.Context(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]news.Failure{fs[1], fs[2]}, got); diff != "" {
		t.Errorf("Failures(2) mismatch (-want +got):\n%s", diff)
	}
	if st, err := s.Stats(t.Context()); err != nil || st.Failures != 3 {
		t.Errorf("Stats() = %+v, %v; want 3 failures", st, err)
	}
}

func testStats(t *testing.T, s store.Store) {
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st != (store.Stats{}) {
		t.Errorf("Stats() of an empty store = %+v, want zero", st)
	}
	put(t, s, numbered(7, "stats")...)
	put(t, s, numbered(9, "stats")...)
	if err := s.PutFailures(t.Context(), []news.Failure{{Source: "x", Stage: "read", Reason: "r", Time: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	st, err = s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.Stats{Documents: 9, Failures: 1}); st != want {
		t.Errorf("Stats() = %+v, want %+v", st, want)
	}
}

func testQuotes(t *testing.T, s store.Store) {
	a := item("raw quotes a", "Council votes", "Mayor Ilse Marchetti said the harbour would reopen. Critics called it rushed.")
	a.Doc.Published = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	a.Doc.Quotes = []news.Quote{
		{Text: "the harbour would reopen", Start: 33, End: 57, Kind: "indirect", Speaker: "Ilse Marchetti", SpeakerStart: 6, SpeakerEnd: 20, Cue: "said"},
		{Text: "rushed", Start: 73, End: 79, Kind: "partial", Speaker: "Critics", Cue: "called", Via: "Meridian Wire"},
	}
	b := item("raw quotes b", "Inquiry opens", "Marchetti told MPs the tanks were safe.")
	b.Doc.Published = time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC)
	b.Doc.Quotes = []news.Quote{{Text: "the tanks were safe", Start: 19, End: 38, Kind: "indirect", Speaker: "Marchetti", Cue: "told", Addressee: "MPs"}}
	c := item("raw quotes c", "No quotes", "Nothing was said here.")
	put(t, s, a, b, c)

	texts := func(q store.QuoteQuery) []string {
		t.Helper()
		hits, err := s.Quotes(t.Context(), q)
		if err != nil {
			t.Fatalf("Quotes(%+v): %v", q, err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.Quote.Speaker+": "+h.Quote.Text)
		}
		return out
	}
	for _, tt := range []struct {
		name string
		q    store.QuoteQuery
		want []string
	}{
		{"whole name first", store.QuoteQuery{By: "marchetti"}, []string{"Marchetti: the tanks were safe", "Ilse Marchetti: the harbour would reopen"}},
		{"full name", store.QuoteQuery{By: "Ilse Marchetti"}, []string{"Ilse Marchetti: the harbour would reopen"}},
		{"about the text", store.QuoteQuery{About: "TANKS"}, []string{"Marchetti: the tanks were safe"}},
		{"both", store.QuoteQuery{By: "critics", About: "rushed"}, []string{"Critics: rushed"}},
		{"everything, newest first, limited", store.QuoteQuery{Limit: 2}, []string{"Marchetti: the tanks were safe", "Ilse Marchetti: the harbour would reopen"}},
		{"offset", store.QuoteQuery{Offset: 2}, []string{"Critics: rushed"}},
		{"no match", store.QuoteQuery{By: "nobody"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, texts(tt.q)); diff != "" {
				t.Errorf("Quotes(%+v) mismatch (-want +got):\n%s", tt.q, diff)
			}
		})
	}
	hits, err := s.Quotes(t.Context(), store.QuoteQuery{About: "rushed"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("Quotes(about rushed) = %v, %v", hits, err)
	}
	want := store.QuoteHit{DocID: a.Doc.ID, Title: "Council votes", Source: a.Doc.Source, Published: a.Doc.Published, Quote: a.Doc.Quotes[1]}
	if diff := cmp.Diff(want, hits[0]); diff != "" {
		t.Errorf("Quotes(about rushed) hit mismatch (-want +got):\n%s", diff)
	}
}

func testEntity(t *testing.T, s store.Store) {
	ment := func(text, typ, canonical, in string) news.Entity {
		i := strings.Index(in, text)
		if i < 0 {
			t.Fatalf("%q not in %q", text, in)
		}
		return news.Entity{Text: text, Type: typ, Start: i, End: i + len(text), Canonical: canonical}
	}
	const ta = "The Valmora Port Authority closed the quay. The VPA said it would reopen."
	a := item("raw entity a", "Quay closed", ta)
	a.Doc.Outlet, a.Doc.Published = "Harbor Ledger", time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	a.Doc.Sentences = []news.Span{{Start: 0, End: 43}, {Start: 44, End: len(ta)}}
	a.Doc.Entities = []news.Entity{ment("Valmora Port Authority", "ORG", "Valmora Port Authority", ta), ment("VPA", "ORG", "Valmora Port Authority", ta)}
	const tb = "Ilse Marchetti, head of the port authority VPA, resigned in Corvena."
	b := item("raw entity b", "Chief resigns", tb)
	b.Doc.Outlet, b.Doc.Published = "Meridian Wire", time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC)
	b.Doc.Entities = []news.Entity{ment("Ilse Marchetti", "PERSON", "Ilse Marchetti", tb), ment("VPA", "ORG", "Valmora Port Authority", tb), ment("Corvena", "LOC", "", tb)}
	put(t, s, a, b)

	for _, name := range []string{"valmora port authority", "VPA"} {
		r, err := s.Entity(t.Context(), store.EntityQuery{Name: name})
		if err != nil {
			t.Fatalf("Entity(%q): %v", name, err)
		}
		want := store.EntityReport{
			Name: "Valmora Port Authority", Type: "ORG", Mentions: 3, Docs: 2,
			Aliases: []store.Count{{Name: "VPA", N: 2}, {Name: "Valmora Port Authority", N: 1}},
			Outlets: []store.Count{{Name: "Harbor Ledger", N: 1}, {Name: "Meridian Wire", N: 1}},
			Months:  []store.Count{{Name: "2026-03", N: 1}, {Name: "2026-04", N: 1}},
			Related: []store.Count{{Name: "Corvena", N: 1}, {Name: "Ilse Marchetti", N: 1}},
			Contexts: []store.MentionContext{
				{DocID: b.Doc.ID, Title: "Chief resigns", Outlet: "Meridian Wire", Published: b.Doc.Published, Text: "VPA",
					Before: "Ilse Marchetti, head of the port authority ", After: ", resigned in Corvena."},
				{DocID: a.Doc.ID, Title: "Quay closed", Outlet: "Harbor Ledger", Published: a.Doc.Published, Text: "Valmora Port Authority",
					Before: "The ", After: " closed the quay."},
				{DocID: a.Doc.ID, Title: "Quay closed", Outlet: "Harbor Ledger", Published: a.Doc.Published, Text: "VPA",
					Before: "The ", After: " said it would reopen."},
			},
		}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("Entity(%q) mismatch (-want +got):\n%s", name, diff)
		}
	}
	if r, err := s.Entity(t.Context(), store.EntityQuery{Name: "marchetti"}); err != nil || r.Name != "Ilse Marchetti" {
		t.Errorf("Entity(marchetti) = %q, %v; want Ilse Marchetti (part of the canonical name)", r.Name, err)
	}
	r, err := s.Entity(t.Context(), store.EntityQuery{Name: "corvena", Contexts: 1})
	if err != nil || r.Name != "Corvena" || len(r.Contexts) != 1 {
		t.Errorf("Entity(corvena) = %+v, %v; want the mention's text as its name, one context", r, err)
	}
	if _, err := s.Entity(t.Context(), store.EntityQuery{Name: "Atlantis"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Entity(Atlantis) error = %v, want ErrNotFound", err)
	}
}

func testEntityEdits(t *testing.T, s store.Store) {
	doc := func(raw, text string, ents ...news.Entity) store.Item {
		it := item(raw, "t", text)
		it.Doc.Entities = ents
		return it
	}
	ent := func(text, canon string) news.Entity { return news.Entity{Text: text, Type: "PERSON", Canonical: canon} }
	a := doc("edits a", "x", ent("Zawahri", "Zawahri"), ent("Ayman al-Zawahiri", "Ayman al-Zawahiri"))
	a.Doc.Quotes = []news.Quote{{Text: "we will go on", Kind: "direct", Speaker: "Zawahri"}}
	b := doc("edits b", "y", ent("Bill Clinton", "Clinton"), ent("Hillary Clinton", "Clinton"))
	put(t, s, a, b)

	edits := []store.EntityEdit{
		{Kind: store.EditRename, Name: "zawahri", To: "Ayman al-Zawahiri"}, // a merge
		{Kind: store.EditSplit, Name: "Clinton", Form: "Bill Clinton", To: "Bill Clinton"},
		{Kind: store.EditRename, Name: "Clinton", To: "Hillary Clinton"},
	}
	for i, e := range edits {
		n, err := s.EditEntity(t.Context(), e)
		if err != nil || n != 1 {
			t.Fatalf("EditEntity(%+v) = %d, %v; want 1 mention changed", e, n, err)
		}
		edits[i].Time = time.Time{}
	}
	check := func(when string) {
		t.Helper()
		for name, want := range map[string]int{"Ayman al-Zawahiri": 2, "Bill Clinton": 1, "Hillary Clinton": 1} {
			r, err := s.Entity(t.Context(), store.EntityQuery{Name: name})
			if err != nil || r.Name != name || r.Mentions != want {
				t.Errorf("%s: Entity(%q) = %q with %d mentions, %v; want %d mentions", when, name, r.Name, r.Mentions, err, want)
			}
		}
		q, err := s.Quotes(t.Context(), store.QuoteQuery{By: "ayman al-zawahiri"})
		if err != nil || len(q) == 0 || q[0].Quote.Speaker != "Ayman al-Zawahiri" {
			t.Errorf("%s: Quotes(by Ayman al-Zawahiri) = %+v, %v; want the renamed speaker", when, q, err)
		}
	}
	check("after the edits")

	// A document processed again later (a re-ingest into a fresh row, or a
	// re-trained model) comes with the old names: the edits still apply.
	c := doc("edits c", "z", ent("Zawahri", "Zawahri"), ent("Bill Clinton", "Clinton"))
	put(t, s, c)
	got, err := s.Doc(t.Context(), c.Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var canon []string
	for _, e := range got.Entities {
		canon = append(canon, e.Canonical)
	}
	if diff := cmp.Diff([]string{"Ayman al-Zawahiri", "Bill Clinton"}, canon); diff != "" {
		t.Errorf("canonical names of a document written after the edits (-want +got):\n%s", diff)
	}
	r, err := s.Entity(t.Context(), store.EntityQuery{Name: "Bill Clinton"})
	if err != nil || r.Mentions != 2 {
		t.Errorf("Entity(Bill Clinton) after a new document = %d mentions, %v; want 2", r.Mentions, err)
	}

	list, err := s.EntityEdits(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for i := range list {
		if list[i].Time.IsZero() {
			t.Errorf("edit %d has no time", i)
		}
		list[i].Time = time.Time{}
	}
	if diff := cmp.Diff(edits, list); diff != "" {
		t.Errorf("EntityEdits() mismatch (-want +got):\n%s", diff)
	}
	if _, err := s.EditEntity(t.Context(), store.EntityEdit{Kind: store.EditSplit, Name: "x", To: "y"}); err == nil {
		t.Errorf("EditEntity(split without a form) succeeded, want an error")
	}
}

// testConcurrent runs readers against a store while one goroutine writes,
// and checks that readers never fail nor see the document count go down.
func testConcurrent(t *testing.T, s store.Store) {
	const batches, size, readers = 8, 8, 4
	ctx := t.Context()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for b := range batches {
			items := make([]store.Item, size)
			for i := range items {
				items[i] = item(fmt.Sprintf("concurrent %d %d", b, i), fmt.Sprintf("Batch %d", b), "shared words in every concurrent document")
			}
			if _, err := s.Put(ctx, items); err != nil {
				t.Errorf("Put batch %d: %v", b, err)
				return
			}
		}
	})
	for r := range readers {
		wg.Go(func() {
			last := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				st, err := s.Stats(ctx)
				if err != nil {
					t.Errorf("reader %d: Stats: %v", r, err)
					return
				}
				if st.Documents < last {
					t.Errorf("reader %d: document count went from %d to %d", r, last, st.Documents)
				}
				last = st.Documents
				hits, err := s.Search(ctx, store.Query{Text: "concurrent", Limit: 5})
				if err != nil {
					t.Errorf("reader %d: Search: %v", r, err)
					return
				}
				for _, h := range hits {
					if _, err := s.Doc(ctx, h.ID); err != nil {
						t.Errorf("reader %d: Doc(%s) of a search hit: %v", r, h.ID, err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if st, err := s.Stats(ctx); err != nil || st.Documents != batches*size {
		t.Errorf("Stats() after concurrent writes = %+v, %v; want %d documents", st, err, batches*size)
	}
}

func testKnownEntities(t *testing.T, s store.Store) {
	if got, err := s.KnownEntities(t.Context(), 0); err != nil || len(got) != 0 {
		t.Fatalf("KnownEntities on an empty store = %v, %v; want none", got, err)
	}
	ment := func(text, typ, canonical string) news.Entity {
		return news.Entity{Text: text, Type: typ, Canonical: canonical}
	}
	a := item("raw known a", "A", "text a")
	a.Doc.Entities = []news.Entity{ment("Ilse Marchetti", "PERSON", "Ilse Marchetti"), ment("VPA", "ORG", "Valmora Port Authority"),
		ment("Marchetti", "PERSON", "Ilse Marchetti")}
	b := item("raw known b", "B", "text b")
	b.Doc.Entities = []news.Entity{ment("Valmora Port Authority", "ORG", "Valmora Port Authority"), ment("VPA", "ORG", "valmora port authority"),
		ment("Corvena", "LOC", ""), ment("Corvena", "ORG", "Corvena")}
	put(t, s, a)
	put(t, s, b)
	got, err := s.KnownEntities(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.KnownEntity{
		{Name: "Ilse Marchetti", Type: "PERSON", Forms: []store.Count{{Name: "Ilse Marchetti", N: 1}, {Name: "Marchetti", N: 1}}},
		{Name: "Valmora Port Authority", Type: "ORG", Forms: []store.Count{{Name: "VPA", N: 2}, {Name: "Valmora Port Authority", N: 1}}},
		{Name: "Corvena", Type: "LOC", Forms: []store.Count{{Name: "Corvena", N: 1}}},
		{Name: "Corvena", Type: "ORG", Forms: []store.Count{{Name: "Corvena", N: 1}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KnownEntities(0) mismatch (-want +got):\n%s", diff)
	}
	got, err = s.KnownEntities(t.Context(), 1)
	if err != nil || len(got) != 1 || got[0].Name != "Valmora Port Authority" {
		t.Errorf("KnownEntities(1) = %+v, %v; want only the most mentioned, Valmora Port Authority", got, err)
	}
}
