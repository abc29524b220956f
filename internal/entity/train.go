package entity

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"strings"
	"time"
)

// Sentence is a tokenised sentence with its gold IOB2 tags (B-PER, I-ORG,
// O, ...). Doc numbers the document the sentence belongs to, from 0.
type Sentence struct {
	Words []string
	Tags  []string
	Doc   int
}

// ReadCoNLL reads sentences in the CoNLL-2003 column format: one token a
// line with the word first and the NER tag last, a blank line between
// sentences and a "-DOCSTART-" line between documents. IOB1 tags are
// converted to IOB2.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	doc := 0
	seenDoc := false
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Doc = doc
			cur.Tags = toIOB2(cur.Tags)
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flush()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			if seenDoc || len(out) > 0 {
				doc++
			}
			seenDoc = true
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("conll line %d: want word and tag columns, got %q", line, sc.Text())
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, f[len(f)-1])
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll line %d: %w", line, err)
	}
	return out, nil
}

// toIOB2 rewrites an I- tag that starts a mention as B-.
func toIOB2(tags []string) []string {
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") && (prev == "O" || prev[2:] != t[2:]) {
			tags[i] = "B-" + t[2:]
		}
		prev = tags[i]
	}
	return tags
}

// TrainOptions control [Train]. A zero field means its documented default.
type TrainOptions struct {
	Iterations int     // passes over the training data; default 15
	Seed       uint64  // seed of the document order and case augmentation; default 1
	Augment    float64 // fraction of sentences upper- or lower-cased in each pass; default 0.2, negative for none
	Prune      float64 // averaged weights below this magnitude are dropped; default 0.02
	// Folds is the number of parts the training documents are split into to
	// train the second-pass tagger: the first-pass tags it learns from come,
	// for each part, from a first-pass model trained on the other parts.
	// Default 5; negative for a one-pass model.
	Folds int
	// Unlabelled holds raw texts (one sentence or paragraph each) from
	// which word clusters are learned together with the words of train.
	// Without it and with NoClusters false, only the words of train are used.
	Unlabelled []string
	NoClusters bool // train without word-cluster features
	// Beam is the width of the beam searched in training (with early
	// update) and kept in the model for tagging. Default 4; 1 or negative
	// for greedy left-to-right tagging with an update at each token.
	Beam int
	// Lists holds the gazetteer lists and alias table the model is trained
	// and then tags with; nil means [EmbeddedLists].
	Lists fs.FS
	// Exclude names gazetteer lists to leave out; nil means
	// [DefaultExcludedLists]. Tag with the same lists: New(Options{Exclude: ...}).
	Exclude []string
}

// maxBeam bounds the beam width of a model.
const maxBeam = 32

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Iterations <= 0 {
		o.Iterations = 15
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Augment == 0 {
		o.Augment = 0.2
	}
	if o.Augment < 0 {
		o.Augment = 0
	}
	if o.Prune == 0 {
		o.Prune = 0.02
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.Beam == 0 {
		o.Beam = 4
	}
	o.Beam = min(max(o.Beam, 1), maxBeam)
	return o
}

// Train trains a model on train with the averaged perceptron. After each
// pass the averaged model is scored on dev (entity-level F1) and the best
// pass is kept; without dev the last pass is kept. Unless opts.Folds is
// negative, a second-pass table is then trained the same way on top of the
// first pass's tags (see [TrainOptions]). Progress lines go to progress when
// it is not nil. Training is deterministic for fixed options.
func Train(ctx context.Context, train, dev []Sentence, opts TrainOptions, progress io.Writer) (*Model, error) {
	opts = opts.withDefaults()
	if progress == nil {
		progress = io.Discard
	}
	lists := opts.Lists
	if lists == nil {
		lists = gazFS
	}
	g, err := NewGazetteer(lists, GazetteerOptions{Exclude: opts.Exclude})
	if err != nil {
		return nil, err
	}
	aliases, err := newAliasTable(lists)
	if err != nil {
		return nil, err
	}
	var clusters map[string]clusterID
	if !opts.NoClusters {
		start := time.Now()
		var corpus [][]string
		for _, s := range train {
			ws := make([]string, len(s.Words))
			for i, w := range s.Words {
				ws[i] = strings.ToLower(normWord(w))
			}
			corpus = append(corpus, ws)
		}
		for _, t := range opts.Unlabelled {
			if ws := clusterWords(t); len(ws) > 0 {
				corpus = append(corpus, ws)
			}
		}
		clusters = learnClusters(corpus)
		addCapRatios(clusters, opts.Unlabelled)
		fmt.Fprintf(progress, "clusters: %d words from %d sentences, %s\n", len(clusters), len(corpus), time.Since(start).Round(time.Millisecond))
	}
	tr := &trainer{g: g, clusters: clusters, opts: opts, progress: progress}
	docs := groupDocs(train)
	devDocs := groupDocs(dev)
	w1, w2, err := tr.passes(ctx, docs, devDocs)
	if err != nil {
		return nil, err
	}
	m := quantize(w1, opts.Prune)
	m.clusters = clusters
	m.gaz, m.aliases = g, aliases
	m.beam = uint8(opts.Beam)
	if w2 != nil {
		m.w2 = quantize(w2, opts.Prune).w
	}
	if len(devDocs) > 0 {
		p, r, f := scoreDocs(m.w, m.w2, devDocs, g, clusters, int(m.beam))
		fmt.Fprintf(progress, "model: dev P %.4f R %.4f F1 %.4f\n", p, r, f)
	}
	return m, nil
}

// passes trains the first-pass table and, unless opts.Folds says one pass,
// the second-pass table (unquantised averaged weights).
func (tr *trainer) passes(ctx context.Context, docs, devDocs [][]Sentence) (w1, w2 []float32, err error) {
	opts, g, clusters, progress := tr.opts, tr.g, tr.clusters, tr.progress
	fmt.Fprintln(progress, "first pass:")
	w1, bestIt, err := tr.run(ctx, docs, devDocs, opts.Iterations, 0, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	q1 := quantize(w1, opts.Prune).w
	if len(devDocs) > 0 {
		p, r, f := scoreDocs(q1, []int16(nil), devDocs, g, clusters, opts.Beam)
		fmt.Fprintf(progress, "first pass quantised: dev P %.4f R %.4f F1 %.4f\n", p, r, f)
	}
	if opts.Folds < 2 || len(docs) < opts.Folds {
		return w1, nil, nil
	}
	// First-pass models for the second pass to learn from, each trained for
	// the kept number of iterations without the documents it will tag.
	folds := make([][]int16, opts.Folds)
	for k := range folds {
		var part [][]Sentence
		for di, d := range docs {
			if di%opts.Folds != k {
				part = append(part, d)
			}
		}
		fmt.Fprintf(progress, "fold %d of %d:\n", k+1, opts.Folds)
		fw, _, err := tr.run(ctx, part, nil, bestIt, uint64(k+1), nil, nil)
		if err != nil {
			return nil, nil, err
		}
		folds[k] = quantize(fw, opts.Prune).w
	}
	fmt.Fprintln(progress, "second pass:")
	first := func(di int) []int16 { return folds[di%opts.Folds] }
	w2, _, err = tr.run(ctx, docs, devDocs, opts.Iterations, uint64(opts.Folds+1), first, q1)
	if err != nil {
		return nil, nil, err
	}
	if len(devDocs) > 0 {
		p, r, f := scoreDocs(q1, quantize(w2, opts.Prune).w, devDocs, g, clusters, opts.Beam)
		fmt.Fprintf(progress, "two passes quantised: dev P %.4f R %.4f F1 %.4f\n", p, r, f)
	}
	return w1, w2, nil
}

// trainer holds what every training run of [Train] shares.
type trainer struct {
	g        *Gazetteer
	clusters map[string]clusterID
	opts     TrainOptions
	progress io.Writer
}

// run trains one weight table over docs for iters passes and returns the
// averaged weights of the pass that scored best on devDocs (the last pass
// without devDocs) and that pass's number. stream varies the random order
// and augmentation between runs. For a second-pass table, first returns the
// first-pass weights that tag training document di, and devFirst tags devDocs.
func (tr *trainer) run(ctx context.Context, docs, devDocs [][]Sentence, iters int, stream uint64, first func(di int) []int16, devFirst []int16) ([]float32, int, error) {
	size := (1 << featureBits) * nTags
	w := make([]float64, size)
	u := make([]float64, size) // sum of c*update, for averaging
	avg := make([]float32, size)
	var bestW []float32
	bestF, bestIt := -1.0, 0
	c := 1.0
	rng := rand.New(rand.NewPCG(tr.opts.Seed, 0x6e6572+stream))
	for it := 1; it <= iters; it++ {
		start := time.Now()
		order := rng.Perm(len(docs))
		errs, n := 0, 0
		for _, di := range order {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
			d := docs[di]
			words := make([][]string, len(d))
			for si, s := range d {
				words[si] = augment(s.Words, rng, tr.opts.Augment)
			}
			toks, modes, dc := prepareDoc(words, tr.g, tr.clusters)
			var fp *firstPass
			if first != nil {
				fp = newFirstPass(toks, modes, decodeDoc(first(di), toks, modes, dc, nil, tr.opts.Beam))
			}
			pred := tagDoc(toks, func(si int, s []token, mem docMemory) []int {
				gold := make([]int, len(s))
				for i, t := range d[si].Tags {
					gold[i] = parseTag(t)
				}
				sc := &sentenceContext{si: si, mode: modes[si], dc: dc, fp: fp, mem: mem}
				if tr.opts.Beam > 1 {
					tags := beamTrain(w, u, c, tr.opts.Beam, s, sc, gold)
					c += float64(len(s))
					return tags
				}
				return greedySentence(w, s, sc, func(i int, feats []uint32, p int) {
					if gt := gold[i]; p != gt {
						for _, f := range feats {
							k := int(f) * nTags
							w[k+gt]++
							w[k+p]--
							u[k+gt] += c
							u[k+p] -= c
						}
					}
					c++
				})
			})
			for si, tags := range pred {
				for i, t := range tags {
					if t != parseTag(d[si].Tags[i]) {
						errs++
					}
				}
				n += len(tags)
			}
		}
		for k := range w {
			avg[k] = float32(w[k] - u[k]/c)
		}
		line := fmt.Sprintf("iteration %d: %d tokens, train error %.4f, %s", it, n, float64(errs)/float64(max(n, 1)), time.Since(start).Round(time.Millisecond))
		if len(devDocs) > 0 {
			var p, r, f float64
			if first != nil {
				p, r, f = scoreDocs(devFirst, avg, devDocs, tr.g, tr.clusters, tr.opts.Beam)
			} else {
				p, r, f = scoreDocs(nil, avg, devDocs, tr.g, tr.clusters, tr.opts.Beam)
			}
			line += fmt.Sprintf(", dev P %.4f R %.4f F1 %.4f", p, r, f)
			if f > bestF {
				bestF, bestIt = f, it
				bestW = append(bestW[:0], avg...)
			}
		} else {
			bestW, bestIt = avg, it
		}
		fmt.Fprintln(tr.progress, line)
	}
	return bestW, bestIt, nil
}

// augment returns words unchanged, upper-cased or lower-cased, at random
// with probability frac of a change.
func augment(words []string, rng *rand.Rand, frac float64) []string {
	if frac <= 0 {
		return words
	}
	r := rng.Float64()
	var f func(string) string
	switch {
	case r < frac/2:
		f = strings.ToUpper
	case r < frac:
		f = strings.ToLower
	default:
		return words
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = f(w)
	}
	return out
}

// groupDocs splits sentences into documents by their Doc number.
func groupDocs(ss []Sentence) [][]Sentence {
	var out [][]Sentence
	for i, s := range ss {
		if i == 0 || s.Doc != ss[i-1].Doc {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
	}
	return out
}

// scoreDocs tags docs and returns entity-level precision, recall and F1
// against their gold tags. With w1 nil, w is a first-pass table; otherwise
// w1 is the first pass and w the second.
func scoreDocs[W weight](w1 []int16, w []W, docs [][]Sentence, g *Gazetteer, clusters map[string]clusterID, beam int) (p, r, f float64) {
	var tp, np, ng int
	for _, d := range docs {
		words := make([][]string, len(d))
		for i, s := range d {
			words[i] = s.Words
		}
		toks, modes, dc := prepareDoc(words, g, clusters)
		var pred [][]int
		if w1 == nil {
			pred = decodeDoc(w, toks, modes, dc, nil, beam)
		} else {
			pred = decodeTwoPass(w1, w, toks, modes, dc, beam)
		}
		for i, s := range d {
			gold := make([]int, len(s.Tags))
			for j, t := range s.Tags {
				gold[j] = parseTag(t)
			}
			gc, pc := chunks(gold), chunks(pred[i])
			ng += len(gc)
			np += len(pc)
			set := make(map[chunk]bool, len(gc))
			for _, c := range gc {
				set[c] = true
			}
			for _, c := range pc {
				if set[c] {
					tp++
				}
			}
		}
	}
	if np > 0 {
		p = float64(tp) / float64(np)
	}
	if ng > 0 {
		r = float64(tp) / float64(ng)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// quantize turns averaged weights into the int16 table of a Model, dropping
// weights smaller than prune.
func quantize(w []float32, prune float64) *Model {
	var top float64
	for _, v := range w {
		top = max(top, math.Abs(float64(v)))
	}
	m := &Model{w: make([]int16, len(w)), fbits: featureBits}
	if top == 0 {
		return m
	}
	scale := 32767 / top
	for k, v := range w {
		if math.Abs(float64(v)) < prune {
			continue
		}
		m.w[k] = int16(math.Round(float64(v) * scale))
	}
	return m
}
