package eval

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

// l3sData is the evaluation data folder, relative to this package.
var l3sData = filepath.Join("..", "..", "..", "shared", "data")

var l3sWorst = flag.Int("l3s.worst", 0, "print the N worst pages of the tuning half of L3S-GN1")

func needL3S(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(l3sData, "l3s-gn1", "original")); err != nil {
		t.Skipf("L3S-GN1 not found at %s (evaluation data lives outside the repository): %v", l3sData, err)
	}
}

func TestCleanL3S(t *testing.T) {
	if testing.Short() {
		t.Skip("L3S-GN1 scoring is slow; skipped with -short, run by `dossier eval clean` and `make eval`")
	}
	needL3S(t)
	r, err := CleanL3S(l3sData)
	if err != nil {
		t.Fatalf("CleanL3S: %v", err)
	}
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	if r.N != 621 {
		t.Errorf("CleanL3S scored %d pages, want 621", r.N)
	}
	if r.Score.F < 0.85 {
		t.Errorf("CleanL3S F1 = %.3f, want >= 0.85", r.Score.F)
	}
	if *l3sWorst > 0 {
		printWorstL3S(t, *l3sWorst)
	}
}

// printWorstL3S logs the worst pages of the tuning half with their labels.
func printWorstL3S(t *testing.T, n int) {
	pages, err := loadL3S(filepath.Join(l3sData, "l3s-gn1"))
	if err != nil {
		t.Fatal(err)
	}
	rep := l3sRepeats(pages)
	type res struct {
		p l3sPage
		c news.Cleaned
		s PRF
	}
	var rs []res
	for _, p := range pages {
		if !p.even() {
			continue
		}
		c := clean.Plain(p.raw, clean.Options{Repeats: rep})
		rs = append(rs, res{p, c, WordPRF(c.Title+"\n\n"+c.Text, p.gold)})
	}
	slices.SortFunc(rs, func(a, b res) int {
		if a.s.F < b.s.F {
			return -1
		}
		if a.s.F > b.s.F {
			return 1
		}
		return 0
	})
	gold := func(p l3sPage) map[string]bool {
		m := map[string]bool{}
		for _, w := range Words(p.gold) {
			m[w] = true
		}
		return m
	}
	for _, r := range rs[:min(n, len(rs))] {
		g := gold(r.p)
		var b strings.Builder
		for _, l := range r.c.Lines {
			ws := Words(l.Text)
			in := 0
			for _, w := range ws {
				if g[w] {
					in++
				}
			}
			mark := " "
			if len(ws) > 0 && float64(in)/float64(len(ws)) > 0.8 {
				mark = "G"
			}
			txt := l.Text
			if len(txt) > 110 {
				txt = txt[:110]
			}
			b.WriteString(strings.Join([]string{mark, l.Label.String()[:2], txt}, " ") + "\n")
		}
		t.Logf("=== %s %s P %.2f R %.2f F %.2f\n%s", r.p.uuid, r.p.raw.URL, r.s.P, r.s.R, r.s.F, b.String())
	}
}
