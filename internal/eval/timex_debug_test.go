package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/segment"
	"github.com/dossier-news/dossier/internal/timex"
)

// TestTimexDebug prints the misses and false alarms of timex.Find on a
// TempEval-3 corpus (DOSSIER_TIMEX_DEBUG=TimeBank); it is for tuning only.
func TestTimexDebug(t *testing.T) {
	set := os.Getenv("DOSSIER_TIMEX_DEBUG")
	if set == "" {
		t.Skip("set DOSSIER_TIMEX_DEBUG=TimeBank to list the errors of timex.Find")
	}
	docs, err := ReadTimeML(filepath.Join(sharedData, "tempeval3", set))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		pred := timex.Find(d.Text, segment.Sentences(d.Text), d.DCT)
		m := MatchTimes(pred, d.Gold)
		hit := map[int]bool{}
		for pi, gi := range m {
			hit[gi] = true
			if pred[pi].Value != d.Gold[gi].Value {
				fmt.Printf("VAL %s\t%q\t%s\tgot %s\twant %s %s\n", d.DCT.Format("2006-01-02"), pred[pi].Text, d.Gold[gi].Text, pred[pi].Value, d.Gold[gi].Value, d.Gold[gi].Type)
			}
		}
		for pi, p := range pred {
			if _, ok := m[pi]; !ok {
				fmt.Printf("FP\t%q\t%s\t%s\n", p.Text, p.Value, ctx(d.Text, p.Start, p.End))
			}
		}
		for gi, g := range d.Gold {
			if !hit[gi] {
				fmt.Printf("FN\t%q\t%s\t%s\n", g.Text, g.Value, ctx(d.Text, g.Start, g.End))
			}
		}
	}
}

func ctx(s string, a, b int) string {
	lo, hi := max(0, a-40), min(len(s), b+40)
	return fmt.Sprintf("%q", s[lo:a]+"["+s[a:b]+"]"+s[b:hi])
}

// TestDatesDebug prints the pages of the tuning half of L3S-GN1 (uuid
// starting with an even hex digit) where the plain-text date differs from
// the HTML metadata (DOSSIER_DATES_DEBUG=1); it is for tuning only.
func TestDatesDebug(t *testing.T) {
	if os.Getenv("DOSSIER_DATES_DEBUG") == "" {
		t.Skip("set DOSSIER_DATES_DEBUG=1 to list date disagreements on L3S-GN1's tuning half")
	}
	pages, err := l3sDatePages(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if !(l3sPage{uuid: p.id}).even() {
			continue
		}
		h, _ := clean.HTML(news.RawArticle{Body: news.FormatHTML, Raw: p.html, ContentType: "text/html"}, clean.Options{})
		c := clean.Plain(news.RawArticle{Body: news.FormatText, Raw: []byte(p.text)}, clean.Options{})
		pt, ok := clean.DateLine(c.Lines)
		if h.Published.IsZero() {
			continue
		}
		hd, pd := h.Published.Format("2006-01-02"), pt.Format("2006-01-02")
		if ok && hd == pd {
			continue
		}
		fmt.Printf("== %s html %s plain %v %s\n", p.id, hd, ok, pd)
		for _, l := range c.Lines {
			if strings.Contains(l.Text, h.Published.Format("2006")) && len(l.Text) < 200 {
				fmt.Printf("   %d %s %q\n", l.N, l.Label, l.Text)
			}
		}
	}
}
