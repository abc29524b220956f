package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

// aebPublished are the figures published for the Article Extraction
// Benchmark (token-shingle F1 of articleBody).
var aebPublished = []Baseline{
	{Name: "go-trafilatura", F: 0.960, Published: true},
	{Name: "trafilatura", F: 0.958, Published: true},
	{Name: "newspaper4k", F: 0.949, Published: true},
	{Name: "readability.js", F: 0.947, Published: true},
	{Name: "go-readability", F: 0.934, Published: true},
	{Name: "full page text", F: 0.665, Published: true},
}

// AEBPage is the score of one page of the Article Extraction Benchmark.
type AEBPage struct {
	ID, URL  string
	Score    PRF           // clean.HTML's Text against the gold articleBody
	FullPage PRF           // the page's whole visible text against the gold
	Took     time.Duration // time spent in clean.HTML
	Err      error
}

// CleanAEB scores [clean.HTML] on the Article Extraction Benchmark in
// dataDir/aeb: the bag-of-words F1 of the cleaned text against each page's
// gold articleBody, macro-averaged over pages, beside the published figures
// and the whole visible page text measured in the same run.
func CleanAEB(dataDir string) (Report, error) {
	pages, err := AEBPages(dataDir)
	if err != nil {
		return Report{}, err
	}
	r := Report{Task: "clean", Path: "HTML cleaner", Set: "aeb", Unit: "pages", N: len(pages)}
	var ours, full Mean
	var spent time.Duration
	for _, p := range pages {
		spent += p.Took
		if p.Err != nil {
			r.Failed++
		}
		ours.Add(p.Score)
		full.Add(p.FullPage)
	}
	r.Score = ours.Value()
	r.Baselines = append(slices.Clone(aebPublished), Baseline{Name: "full page text", F: full.Value().F})
	r.Notes = []string{"bag-of-words F1 (published figures use token shingles)"}
	if spent > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("clean.HTML speed: %.0f pages/s (one goroutine, wall clock)", float64(len(pages))/spent.Seconds()))
	}
	return r, nil
}

// AEBPages cleans and scores every page of the benchmark in dataDir/aeb, in
// the order of their ids. A page that cannot be read or cleaned is returned
// with Err set and a zero score.
func AEBPages(dataDir string) ([]AEBPage, error) {
	dir := filepath.Join(dataDir, "aeb")
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		return nil, fmt.Errorf("aeb ground truth: %w", err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	pages := make([]AEBPage, 0, len(ids))
	for _, id := range ids {
		g := gold[id]
		p := AEBPage{ID: id, URL: g.URL}
		raw, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err == nil {
			var c news.Cleaned
			start := time.Now()
			c, err = clean.HTML(news.RawArticle{
				ID: id, Source: id, Format: news.FormatHTML, Body: news.FormatHTML, Raw: raw,
				URL: g.URL, ContentType: "text/html; charset=utf-8",
			}, clean.Options{})
			p.Took = time.Since(start)
			p.Score = WordPRF(c.Text, g.ArticleBody)
			p.FullPage = WordPRF(pageText(raw), g.ArticleBody)
		}
		if err != nil {
			p.Err = fmt.Errorf("aeb page %s: %w", id, err)
			p.Score = PRF{}
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// pageText returns all visible text of an HTML page, the benchmark's
// "full page text" baseline.
func pageText(raw []byte) string {
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}
