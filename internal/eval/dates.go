package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

// datePage is one HTML page and the same page dumped to plain text.
type datePage struct {
	id, url string
	html    []byte
	text    string
}

// Dates compares the publication dates of the two cleaning paths on the
// AEB and L3S-GN1 pages: the HTML path's metadata (meta tags, JSON-LD,
// trafilatura's date finder) against the date lines the plain-text path
// finds in the same page dumped to text ([clean.DateLine]; no URL, no file
// name). Over the pages where the HTML path finds a date, R is the share
// where the plain-text path finds the same day and P the share of the
// plain-text path's dates that are that day.
func Dates(dataDir string) ([]Report, error) {
	var out []Report
	for _, set := range []struct {
		name string
		load func(string) ([]datePage, error)
	}{{"aeb", aebDatePages}, {"l3s-gn1", l3sDatePages}} {
		pages, err := set.load(dataDir)
		if err != nil {
			return nil, err
		}
		out = append(out, datesReport(set.name, pages))
	}
	w, err := DatesWCXB(dataDir)
	if err != nil {
		return nil, err
	}
	return append(out, w), nil
}

func datesReport(set string, pages []datePage) Report {
	var withHTML, plainFound, same, differ, urlSame, urlFound, plainOnly int
	for _, p := range pages {
		h, err := clean.HTML(news.RawArticle{ID: p.id, Source: p.id, Format: news.FormatHTML, Body: news.FormatHTML,
			Raw: p.html, ContentType: "text/html"}, clean.Options{})
		c := clean.Plain(news.RawArticle{ID: p.id, Source: p.id, Format: news.FormatText, Body: news.FormatText, Raw: []byte(p.text)}, clean.Options{})
		pt, pok := clean.DateLine(c.Lines)
		if err != nil || h.Published.IsZero() {
			if pok {
				plainOnly++
			}
			continue
		}
		withHTML++
		day := h.Published.Format(time.DateOnly)
		if pok {
			plainFound++
			if pt.Format(time.DateOnly) == day {
				same++
			} else {
				differ++
			}
		}
		if ut, ok := clean.URLDate(p.url); ok {
			urlFound++
			if ut.Format(time.DateOnly) == day {
				urlSame++
			}
		}
	}
	r := Report{
		Task: "dates", Set: set, Path: "clean.DateLine on the page dumped to text vs clean.HTML metadata", Unit: "pages", N: len(pages),
		Score: prf(same, plainFound, withHTML),
		Notes: []string{
			fmt.Sprintf("HTML metadata gives a date on %d of %d pages; there the plain-text path finds the same day on %d (%.1f %%), "+
				"another day on %d, none on %d", withHTML, len(pages), same, 100*ratio(same, withHTML), differ, withHTML-plainFound),
			fmt.Sprintf("the plain-text path finds a date on %d further pages where the HTML metadata has none", plainOnly),
			fmt.Sprintf("a date in the URL: on %d of those %d pages, the same day on %d", urlFound, withHTML, urlSame),
			"the plain-text path reads only the dumped text (no URL, no file name): date lines near the headline, " +
				"'Published'/'Posted' lines, a dateline opening the body; 'Updated' lines are skipped",
		},
	}
	return r
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// aebDatePages reads the AEB pages and dumps each to text.
func aebDatePages(dataDir string) ([]datePage, error) {
	dir := filepath.Join(dataDir, "aeb", "html")
	names, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("aeb: no pages in %s", dir)
	}
	b, err := os.ReadFile(filepath.Join(dataDir, "aeb", "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gold map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		return nil, fmt.Errorf("aeb ground truth: %w", err)
	}
	slices.Sort(names)
	var out []datePage
	for _, n := range names {
		b, err := readGzip(n)
		if err != nil {
			return nil, err
		}
		text, err := dumpHTML(b, nil)
		if err != nil {
			return nil, fmt.Errorf("aeb %s: %w", n, err)
		}
		id := strings.TrimSuffix(filepath.Base(n), ".html.gz")
		out = append(out, datePage{id: id, url: gold[id].URL, html: b, text: text})
	}
	return out, nil
}

// l3sDatePages reads the original L3S-GN1 pages and dumps each to text.
func l3sDatePages(dataDir string) ([]datePage, error) {
	dir := filepath.Join(dataDir, "l3s-gn1")
	urls, err := readURLMapping(filepath.Join(dir, "url-mapping.txt"))
	if err != nil {
		return nil, err
	}
	names, err := filepath.Glob(filepath.Join(dir, "original", "*.html"))
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("l3s-gn1: no pages in %s", filepath.Join(dir, "original"))
	}
	slices.Sort(names)
	var out []datePage
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		b = l3sDecode(b)
		text, err := dumpHTML(b, nil)
		if err != nil {
			return nil, fmt.Errorf("l3s-gn1 %s: %w", n, err)
		}
		uuid := strings.TrimSuffix(filepath.Base(n), ".html")
		out = append(out, datePage{id: uuid, url: urls[uuid], html: b, text: text})
	}
	return out, nil
}

// DatesWCXB scores the publication date of both cleaning paths against the
// gold publish_date of the WCXB development pages that have one: the HTML
// path (clean.Clean on the page with its URL, as an HTML file is ingested)
// and the plain-text path (clean.Clean on the page dumped to text, without
// URL or file name, so from its date lines alone). WCXB was not looked at
// while writing the date rules.
func DatesWCXB(dataDir string) (Report, error) {
	dir := filepath.Join(dataDir, "wcxb", "dev")
	golds, err := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
	if err != nil || len(golds) == 0 {
		return Report{}, fmt.Errorf("wcxb: no ground truth in %s", dir)
	}
	slices.Sort(golds)
	var n, htmlFound, htmlRight, plainFound, plainRight int
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			return Report{}, err
		}
		var gt struct {
			URL         string `json:"url"`
			FileID      string `json:"file_id"`
			GroundTruth struct {
				PublishDate string `json:"publish_date"`
			} `json:"ground_truth"`
		}
		if err := json.Unmarshal(b, &gt); err != nil {
			return Report{}, fmt.Errorf("wcxb %s: %w", g, err)
		}
		want := gt.GroundTruth.PublishDate
		if len(want) < 10 {
			continue
		}
		want = want[:10]
		page, err := readGzip(filepath.Join(dir, "html", gt.FileID+".html.gz"))
		if err != nil {
			return Report{}, err
		}
		n++
		h, err := clean.Clean(news.RawArticle{Source: gt.FileID, Format: news.FormatHTML, Body: news.FormatHTML, Raw: page,
			URL: gt.URL, ContentType: "text/html"}, clean.Options{})
		if err == nil && !h.Published.IsZero() {
			htmlFound++
			if h.Published.Format(time.DateOnly) == want {
				htmlRight++
			}
		}
		text, err := dumpHTML(page, nil)
		if err != nil {
			continue
		}
		c, _ := clean.Clean(news.RawArticle{Source: "-", Format: news.FormatText, Body: news.FormatText, Raw: []byte(text)}, clean.Options{})
		if !c.Published.IsZero() {
			plainFound++
			if c.Published.Format(time.DateOnly) == want {
				plainRight++
			}
		}
	}
	return Report{
		Task: "dates", Set: "wcxb dev", Path: "clean.Clean's publication date (plain-text path on the page dumped to text) vs gold publish_date",
		Unit: "pages with a gold date", N: n,
		Score:     prf(plainRight, plainFound, n),
		Baselines: []Baseline{{Name: "HTML path", F: prf(htmlRight, htmlFound, n).F}},
		Notes: []string{
			fmt.Sprintf("plain-text path: a date on %d of %d pages, the gold day on %d (P %.3f, R %.3f)",
				plainFound, n, plainRight, ratio(plainRight, plainFound), ratio(plainRight, n)),
			fmt.Sprintf("HTML path (metadata, then URL): a date on %d, the gold day on %d (P %.3f, R %.3f)",
				htmlFound, htmlRight, ratio(htmlRight, htmlFound), ratio(htmlRight, n)),
			"WCXB was not looked at while writing the date rules (held out)",
		},
	}, nil
}
