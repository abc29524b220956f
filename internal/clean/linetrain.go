package clean

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/news"
)

// TrainPage is a plain-text page with the main content a reader would keep.
type TrainPage struct {
	Raw  news.RawArticle
	Gold string // the main content as text; line breaks and spacing do not matter
}

// LineTrainOptions tunes [TrainLines]. A zero field means its default.
type LineTrainOptions struct {
	Iterations int    // passes over the pages (default 10)
	Bits       uint8  // log2 of the number of hashed feature weights (default 18)
	Seed       uint64 // seed of the page order (default 1)
	// Repeats is the cross-document index the pages are labelled with, as
	// in [Options.Repeats].
	Repeats *Repeats
}

// TrainLines learns a [LineModel] from pages and their gold content with the
// structured averaged perceptron: each page is labelled by the rules, its
// lines decoded with Viterbi under the current weights, and the weights moved
// towards the gold labels where the decoding differs. The gold label of a line
// is content when its words appear in the gold text in the same order (a short
// line must equal a line of the gold). Training is deterministic: the same
// pages and options give the same model. Progress goes to log.
func TrainLines(ctx context.Context, pages []TrainPage, opts LineTrainOptions, log io.Writer) (*LineModel, error) {
	if opts.Iterations <= 0 {
		opts.Iterations = 10
	}
	if opts.Bits == 0 {
		opts.Bits = 18
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	type example struct {
		feats [][]uint32
		gold  []bool
	}
	exs := make([]example, 0, len(pages))
	lines, content := 0, 0
	for _, tp := range pages {
		p := rulePage(tp.Raw, Options{Repeats: opts.Repeats})
		if len(p.lines) == 0 {
			continue
		}
		g := goldLines(p, tp.Gold)
		for _, b := range g {
			lines++
			if b {
				content++
			}
		}
		exs = append(exs, example{p.features(opts.Bits), g})
	}
	fmt.Fprintf(log, "line model: %d pages, %d lines, %d of them content\n", len(exs), lines, content)

	size := 1 << opts.Bits
	w := make([]float32, size)
	u := make([]float32, size) // sum of c·Δw, for the averaged weights w - u/c
	var trans, transU [2][2]float32
	c := float32(1)
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for it := range opts.Iterations {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong := 0
		for _, k := range order {
			ex := &exs[k]
			pred := decode(ex.feats, w, &trans)
			for i, g := range ex.gold {
				if g == pred[i] {
					continue
				}
				wrong++
				d := float32(-1)
				if g {
					d = 1
				}
				for _, f := range ex.feats[i] {
					w[f] += d
					u[f] += c * d
				}
			}
			for i := 1; i < len(ex.gold); i++ {
				gp, gc := b2i(ex.gold[i-1]), b2i(ex.gold[i])
				pp, pc := b2i(pred[i-1]), b2i(pred[i])
				if gp == pp && gc == pc {
					continue
				}
				trans[gp][gc]++
				transU[gp][gc] += c
				trans[pp][pc]--
				transU[pp][pc] -= c
			}
			c++
		}
		fmt.Fprintf(log, "line model: pass %d: %d of %d lines wrong (%.1f%%)\n", it+1, wrong, lines, 100*float64(wrong)/float64(max(1, lines)))
	}
	m := &LineModel{bits: opts.Bits, w: make([]float32, size)}
	for i := range w {
		m.w[i] = w[i] - u[i]/c
	}
	for a := range 2 {
		for b := range 2 {
			m.trans[a][b] = trans[a][b] - transU[a][b]/c
		}
	}
	return m, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// rulePage reads and labels a page with the rules alone.
func rulePage(raw news.RawArticle, opts Options) *plainPage {
	text, _ := decodeText(raw.Raw)
	p := newPlainPage(text, raw.Group, opts.Repeats)
	p.label(raw.Title)
	return p
}

// goldWords splits s into lower-case words, as the WCXB metric does.
func goldWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
}

// goldLines labels each line of p content when its words occur, in order, in
// gold. Lines of up to three words must equal a whole line of gold, so that
// "Share" is not content because the word occurs somewhere in the text.
func goldLines(p *plainPage, gold string) []bool {
	seq := " " + strings.Join(goldWords(gold), " ") + " "
	short := map[string]bool{}
	for l := range strings.SplitSeq(gold, "\n") {
		if ws := goldWords(l); len(ws) > 0 && len(ws) <= 3 {
			short[strings.Join(ws, " ")] = true
		}
	}
	set := map[string]bool{}
	for _, w := range goldWords(gold) {
		set[w] = true
	}
	out := make([]bool, len(p.lines))
	for i := range p.lines {
		ws := goldWords(p.lines[i].text)
		if len(ws) == 0 {
			continue
		}
		j := strings.Join(ws, " ")
		switch {
		case len(ws) <= 3:
			out[i] = short[j]
		case strings.Contains(seq, " "+j+" "):
			out[i] = true
		case len(ws) >= 8:
			in := 0
			for _, w := range ws {
				if set[w] {
					in++
				}
			}
			out[i] = float64(in) >= 0.9*float64(len(ws))
		}
	}
	return out
}
