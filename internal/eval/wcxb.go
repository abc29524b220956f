package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

// wcxbPublished are the figures published for the WCXB development split
// (HTML extractors, word F1, macro over pages).
var wcxbPublished = map[string][]Baseline{
	"": {
		{Name: "rs-trafilatura", F: 0.859, Published: true},
		{Name: "MinerU-HTML", F: 0.827, Published: true},
		{Name: "Trafilatura", F: 0.791, Published: true},
		{Name: "Readability", F: 0.675, Published: true},
	},
	"article": {
		{Name: "rs-trafilatura", F: 0.932, Published: true},
		{Name: "MinerU-HTML", F: 0.928, Published: true},
		{Name: "Trafilatura", F: 0.926, Published: true},
		{Name: "Readability", F: 0.825, Published: true},
	},
}

// WCXBPage is one page of the WCXB development split.
type WCXBPage struct {
	ID   string // "0001"
	Type string // article, forum, product, collection, listing, documentation, service
	URL  string
	HTML []byte // the page, decompressed
	Dump news.RawArticle
	Gold string // ground_truth.main_content
}

// Tuning reports whether the page belongs to the half the cleaners were
// tuned and trained on: ids whose number is even.
func (p WCXBPage) Tuning() bool {
	n, err := strconv.Atoi(p.ID)
	return err == nil && n%2 == 0
}

// WCXBPages reads the WCXB development split in dataDir/wcxb in the order of
// their ids, each page dumped to text one block-level element a line as
// L3S-GN1 pages are (HTML is left nil to save memory). Pages whose ground
// truth has no main content (two of them) are left out.
func WCXBPages(dataDir string) ([]WCXBPage, error) {
	var pages []WCXBPage
	err := eachWCXB(dataDir, func(p WCXBPage) {
		p.HTML = nil
		pages = append(pages, p)
	})
	return pages, err
}

// eachWCXB calls fn with every page of the WCXB development split, as
// [WCXBPages] describes, HTML included.
func eachWCXB(dataDir string, fn func(WCXBPage)) error {
	dir := filepath.Join(dataDir, "wcxb")
	types, err := wcxbTypes(filepath.Join(dir, "metadata.json"))
	if err != nil {
		return err
	}
	names, err := filepath.Glob(filepath.Join(dir, "dev", "ground-truth", "*.json"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("wcxb: no ground truth in %s", filepath.Join(dir, "dev", "ground-truth"))
	}
	slices.Sort(names)
	for _, name := range names {
		id := strings.TrimSuffix(filepath.Base(name), ".json")
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		var gt struct {
			URL         string `json:"url"`
			GroundTruth struct {
				MainContent *string `json:"main_content"`
			} `json:"ground_truth"`
			Internal struct {
				PageType json.RawMessage `json:"page_type"`
			} `json:"_internal"`
		}
		if err := json.Unmarshal(b, &gt); err != nil {
			return fmt.Errorf("wcxb %s: %w", id, err)
		}
		if gt.GroundTruth.MainContent == nil {
			continue
		}
		typ := types[id]
		if typ == "" {
			typ = internalType(gt.Internal.PageType)
		}
		raw, err := readGzip(filepath.Join(dir, "dev", "html", id+".html.gz"))
		if err != nil {
			return err
		}
		text, err := dumpHTML(l3sDecode(raw), nil)
		if err != nil {
			return fmt.Errorf("wcxb %s: %w", id, err)
		}
		fn(WCXBPage{
			ID: id, Type: typ, URL: gt.URL, HTML: raw, Gold: *gt.GroundTruth.MainContent,
			Dump: news.RawArticle{
				ID: news.ID([]byte(text)), Source: name, Format: news.FormatText, Body: news.FormatText,
				Raw: []byte(text), URL: gt.URL, Group: "wcxb-" + id,
			},
		})
	}
	return nil
}

// wcxbTypes reads the page type of each id from metadata.json.
func wcxbTypes(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m struct {
		Files map[string]struct {
			PageType string `json:"page_type"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("wcxb metadata: %w", err)
	}
	types := make(map[string]string, len(m.Files))
	for id, f := range m.Files {
		types[id] = f.PageType
	}
	return types, nil
}

// internalType reads a page type given in a ground-truth file, either a
// string or an object with a "primary" field.
func internalType(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil && s != "" {
		return s
	}
	var o struct {
		Primary string `json:"primary"`
	}
	if json.Unmarshal(raw, &o) == nil && o.Primary != "" {
		return o.Primary
	}
	return "unknown"
}

// wcxbTypeOrder is the order page types are reported in.
var wcxbTypeOrder = []string{"article", "forum", "documentation", "listing", "collection", "product", "service"}

// wcxbScores accumulates one system's scores by half and by page type.
type wcxbScores struct {
	all, tune, held Mean
	byType          map[string]*Mean
	heldType        map[string]*Mean
}

func newWCXBScores() *wcxbScores {
	return &wcxbScores{byType: map[string]*Mean{}, heldType: map[string]*Mean{}}
}

func (s *wcxbScores) add(p WCXBPage, score PRF) {
	s.all.Add(score)
	if p.Tuning() {
		s.tune.Add(score)
	} else {
		s.held.Add(score)
		if s.heldType[p.Type] == nil {
			s.heldType[p.Type] = &Mean{}
		}
		s.heldType[p.Type].Add(score)
	}
	if s.byType[p.Type] == nil {
		s.byType[p.Type] = &Mean{}
	}
	s.byType[p.Type].Add(score)
}

// typeF returns the F1 of one page type (all pages) and of its held-out half.
func (s *wcxbScores) typeF(t string) (all, held float64, n int) {
	if m := s.byType[t]; m != nil {
		all, n = m.Value().F, m.N()
	}
	if m := s.heldType[t]; m != nil {
		held = m.Value().F
	}
	return all, held, n
}

// CleanWCXB scores both cleaners on the WCXB development split in
// dataDir/wcxb: word F1 of the cleaned body against ground_truth.main_content
// (WCXB's metric: lower-cased words, bag of words, macro over pages). It
// returns several reports: the plain-text cleaner on the pages dumped to text
// (all types, then articles), and the HTML cleaner on the pages (all types,
// then articles), each beside keeping every line, or go-trafilatura alone,
// measured in the same run, and by page type in the notes.
func CleanWCXB(dataDir string) ([]Report, error) {
	plain, keep, rules := newWCXBScores(), newWCXBScores(), newWCXBScores()
	ours, lib := newWCXBScores(), newWCXBScores()
	failed := 0
	err := eachWCXB(dataDir, func(p WCXBPage) {
		c := clean.Plain(p.Dump, clean.Options{})
		plain.add(p, WordPRF(c.Text, p.Gold))
		keep.add(p, WordPRF(string(p.Dump.Raw), p.Gold))
		r := clean.Plain(p.Dump, clean.Options{RulesOnly: true})
		rules.add(p, WordPRF(r.Text, p.Gold))

		raw := news.RawArticle{
			ID: p.ID, Source: p.ID, Format: news.FormatHTML, Body: news.FormatHTML, Raw: p.HTML,
			URL: p.URL, ContentType: "text/html",
		}
		h, base, err := clean.HTMLBaseline(raw, clean.Options{})
		if err != nil {
			failed++
		}
		ours.add(p, WordPRF(h.Text, p.Gold))
		lib.add(p, WordPRF(base, p.Gold))
	})
	if err != nil {
		return nil, err
	}
	split := "tuning half = ids with an even number; held-out half = odd ids"
	mk := func(path, set string, s, base *wcxbScores, baseName string, article bool) Report {
		r := Report{Task: "clean", Path: path, Set: set, Unit: "pages"}
		pick := func(w *wcxbScores) (m, tune, held Mean) {
			return w.all, w.tune, w.held
		}
		if article {
			pick = func(w *wcxbScores) (m, tune, held Mean) {
				return *w.byType["article"], Mean{}, *w.heldType["article"]
			}
		}
		m, tune, held := pick(s)
		bm, _, bheld := pick(base)
		r.N, r.Score = m.N(), m.Value()
		r.Baselines = []Baseline{{Name: baseName, F: bm.Value().F}}
		if path == "HTML cleaner" {
			key := ""
			if article {
				key = "article"
			}
			r.Baselines = append(r.Baselines, wcxbPublished[key]...)
		}
		if article {
			r.Notes = append(r.Notes, fmt.Sprintf("held-out half (odd ids): %d pages, F1 %.3f (%s %.3f)",
				held.N(), held.Value().F, baseName, bheld.Value().F))
			return r
		}
		r.Notes = append(r.Notes, split,
			fmt.Sprintf("tuning half F1 %.3f (%d pages); held-out half F1 %.3f (%d pages), %s %.3f",
				tune.Value().F, tune.N(), held.Value().F, held.N(), baseName, bheld.Value().F))
		for _, t := range wcxbTypeOrder {
			f, hf, n := s.typeF(t)
			bf, bhf, _ := base.typeF(t)
			if n == 0 {
				continue
			}
			r.Notes = append(r.Notes, fmt.Sprintf("%-13s %4d pages  F1 %.3f (held-out %.3f)   %s %.3f (held-out %.3f)",
				t, n, f, hf, baseName, bf, bhf))
		}
		return r
	}
	reps := []Report{
		mk("plain-text cleaner", "wcxb", plain, keep, "keep every line", false),
		mk("plain-text cleaner", "wcxb articles", plain, keep, "keep every line", true),
		mk("HTML cleaner", "wcxb html", ours, lib, "go-trafilatura", false),
		mk("HTML cleaner", "wcxb html articles", ours, lib, "go-trafilatura", true),
	}
	for i := range 2 {
		pick := func(w *wcxbScores) (all, held Mean) { return w.all, w.held }
		if i == 1 {
			pick = func(w *wcxbScores) (all, held Mean) { return *w.byType["article"], *w.heldType["article"] }
		}
		all, held := pick(rules)
		reps[i].Baselines = append(reps[i].Baselines, Baseline{Name: "our rules alone", F: all.Value().F})
		reps[i].Notes = append(reps[i].Notes, fmt.Sprintf("our rules alone (no line model): held-out half F1 %.3f", held.Value().F))
	}
	reps[0].Notes = append([]string{"pages dumped to text one block a line (as L3S-GN1); body scored against ground_truth.main_content (title not included), lower-cased words, bag of words, macro over pages"}, reps[0].Notes...)
	reps[2].Notes = append([]string{"HTML path = go-trafilatura plus our own rules; go-trafilatura alone is run with the same options in the same pass"}, reps[2].Notes...)
	reps[2].Failed = failed
	return reps, nil
}

// CleanTrainPages returns the pages the plain-text line model is trained on:
// the tuning half of WCXB dev (even ids) and of L3S-GN1 (uuids whose first
// hex digit is even, each given twice), dumped to text, with their gold main content (for
// L3S-GN1, headline and full text). The cross-document index covers the
// L3S-GN1 pages, grouped by host, as in [CleanL3S].
func CleanTrainPages(dataDir string) ([]clean.TrainPage, *clean.Repeats, error) {
	w, err := WCXBPages(dataDir)
	if err != nil {
		return nil, nil, err
	}
	l, err := loadL3S(filepath.Join(dataDir, "l3s-gn1"))
	if err != nil {
		return nil, nil, err
	}
	var out []clean.TrainPage
	for _, p := range w {
		if p.Tuning() {
			out = append(out, clean.TrainPage{Raw: p.Dump, Gold: p.Gold})
		}
	}
	// L3S-GN1 pages count twice: they are the news pages the rules were
	// written for, and fewer than WCXB's.
	for _, p := range l {
		if p.even() {
			tp := clean.TrainPage{Raw: p.raw, Gold: p.gold}
			out = append(out, tp, tp)
		}
	}
	return out, l3sRepeats(l), nil
}
