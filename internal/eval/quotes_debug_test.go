package eval

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/quote"
	"github.com/dossier-news/dossier/internal/segment"
)

func TestQuotesDebug(t *testing.T) {
	dir := os.Getenv("QDEBUG")
	if dir == "" {
		t.Skip("set QDEBUG to a PolNeAR split directory to list errors")
	}
	s, err := quoteFigures(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: direct P %.3f R %.3f F1 %.3f; speaker %.3f; all P %.3f R %.3f F1 %.3f",
		dir, s.Direct.P, s.Direct.R, s.Direct.F, s.SpeakerAcc, s.All.P, s.All.R, s.All.F)
	anns, _ := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	slices.Sort(anns)
	seen := map[string]bool{}
	n := 0
	for _, ann := range anns {
		base := filepath.Base(ann)
		base = base[:strings.LastIndexByte(base, '_')]
		if seen[base] || n > 1000 {
			continue
		}
		seen[base] = true
		n++
		raw, _ := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		text := string(raw)
		gold, _ := readPolNeAR(ann, text)
		qs, _ := quote.Find(text, segment.Sentences(text), nil)
		var direct []news.Quote
		for _, q := range qs {
			if q.Kind == quote.KindDirect {
				direct = append(direct, q)
			}
		}
		var gd []goldAttr
		for _, g := range gold {
			if g.direct {
				gd = append(gd, g)
			}
		}
		pairs := matchQuotes(direct, gd)
		hit := map[int]bool{}
		for pi, gi := range pairs {
			hit[gi] = true
			if len(gd[gi].source) > 0 && !speakerRight(text, direct[pi], gd[gi], gold) {
				q := direct[pi]
				t.Logf("SPK %q got %q (%q) cue %q: %q", gd[gi].source.text(text), q.Speaker, text[q.SpeakerStart:q.SpeakerEnd], q.Cue,
					text[max(0, q.Start-150):q.Start]+"[[Q]]"+text[q.End:min(len(text), q.End+100)])
			}
		}
		for pi, q := range direct {
			if _, ok := pairs[pi]; !ok {
				t.Logf("FP cue %q spk %q: %.100q", q.Cue, q.Speaker, text[max(0, q.Start-30):min(len(text), q.End+40)])
			}
		}
		for gi, g := range gd {
			if !hit[gi] {
				t.Logf("FN %.100q", text[max(0, g.content[0].Start-30):min(len(text), g.content[len(g.content)-1].End+40)])
			}
		}
	}
}
