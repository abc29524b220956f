package pipeline

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

func TestProcess_times(t *testing.T) {
	text := "Port reopens after spill\n\nThe harbour authority said on Monday that the quay, closed since Sept. 30, would reopen next week.\n"
	raw := news.RawArticle{ID: news.ID([]byte(text)), Source: "x.jsonl#L1", Format: news.FormatJSONL, Body: news.FormatText,
		Raw: []byte(text), Outlet: "Harbour Gazette", Published: time.Date(2015, 11, 4, 0, 0, 0, 0, time.UTC)}
	d, err := Process(raw, clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, r := range d.Times {
		got = append(got, [2]string{r.Text, r.Value})
	}
	want := [][2]string{{"Monday", "2015-11-02"}, {"Sept. 30", "2015-09-30"}, {"next week", "2015-W46"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Process times mismatch (-want +got):\n%s", diff)
	}
	if d.Outlet != "Harbour Gazette" || d.PublishedFrom != clean.FromUser || d.Language != "en" {
		t.Errorf("Process outlet %q, published_from %q, language %q; want the user's outlet and date, en", d.Outlet, d.PublishedFrom, d.Language)
	}
}

func TestProcess_notEnglish(t *testing.T) {
	text := "O porto reabre após o derrame\n\nA autoridade portuária disse na segunda-feira que o cais, fechado desde 30 de setembro, vai reabrir na próxima semana, segundo o presidente João Silva.\n"
	raw := news.RawArticle{ID: news.ID([]byte(text)), Source: "pt.txt", Format: news.FormatText, Body: news.FormatText, Raw: []byte(text)}
	d, err := Process(raw, clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Language != "pt" || !slices.Contains(d.Flags, news.FlagNotEnglish) {
		t.Errorf("Process language %q, flags %v; want pt and %s", d.Language, d.Flags, news.FlagNotEnglish)
	}
	if len(d.Entities)+len(d.Quotes)+len(d.Citations)+len(d.Times) > 0 {
		t.Errorf("English-only stages ran on Portuguese text: %d entities, %d quotes, %d citations, %d times",
			len(d.Entities), len(d.Quotes), len(d.Citations), len(d.Times))
	}
}
