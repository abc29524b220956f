package headline

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/dossier-news/dossier/internal/news"
)

// Stances in the order of the model's outputs.
var stances = [nClasses]string{news.StanceAgree, news.StanceDisagree, news.StanceDiscuss, news.StanceUnrelated}

const (
	nClasses    = 4
	idfBits     = 16
	defaultBits = 18
	magic       = "DOSSIER-HEADLINE"
	format      = 1
)

// Model is a trained stance classifier: softmax weights over hashed
// features and a hashed table of inverse document frequencies. The zero
// Model is not usable; build one with [Train] or [LoadModel].
type Model struct {
	bits     uint8
	features featureSet
	w        []float32 // (1<<bits) rows of nClasses weights
	idf      []float32 // 1<<idfBits buckets
	nDocs    int
}

//go:embed model/headline.bin.gz
var embeddedModel []byte

var defaultModel = sync.OnceValue(func() *Model {
	m, err := LoadModel(bytes.NewReader(embeddedModel))
	if err != nil {
		panic("headline: embedded model: " + err.Error()) // a build defect
	}
	return m
})

// Default returns the model embedded in the binary.
func Default() *Model { return defaultModel() }

// Check returns how the body text stands to title according to the
// embedded model; sents are the sentence spans of text. It returns nil when
// the title is empty.
func Check(title, text string, sents []news.Span) *news.Headline {
	return defaultModel().Check(title, text, sents)
}

func (m *Model) idfOf(stem string) float64 {
	return float64(m.idf[hashIndex(stem, idfBits)])
}

func (m *Model) pair(title, text string, sents []news.Span) pair {
	return pair{
		title:    words(title),
		sents:    sentenceWords(text, sents),
		question: strings.Contains(title, "?"),
		idf:      m.idfOf,
	}
}

// probs returns the class probabilities of a feature list.
func (m *Model) probs(f []feature) [nClasses]float64 {
	var z [nClasses]float64
	for _, x := range f {
		row := m.w[int(x.row)*nClasses:][:nClasses]
		for c := range nClasses {
			z[c] += float64(row[c] * x.val)
		}
	}
	return softmax(z)
}

func softmax(z [nClasses]float64) [nClasses]float64 {
	mx := z[0]
	for _, v := range z[1:] {
		mx = max(mx, v)
	}
	var sum float64
	for c := range z {
		z[c] = math.Exp(z[c] - mx)
		sum += z[c]
	}
	for c := range z {
		z[c] /= sum
	}
	return z
}

// Stance returns the body's stance towards the title, one of the
// news.Stance constants, and the indexes into sents of the sentences most
// related to the title, best first.
func (m *Model) Stance(title, text string, sents []news.Span) (string, []int) {
	p := m.pair(title, text, sents)
	f, an := extract(p, m.features, m.bits)
	pr := m.probs(f)
	best := 0
	for c := range nClasses {
		if pr[c] > pr[best] {
			best = c
		}
	}
	return stances[best], an.top
}

// Check returns how the body text stands to title; sents are the sentence
// spans of text. It returns nil when the title is empty.
func (m *Model) Check(title, text string, sents []news.Span) *news.Headline {
	if strings.TrimSpace(title) == "" {
		return nil
	}
	stance, top := m.Stance(title, text, sents)
	h := &news.Headline{Stance: stance, Evidence: []news.Span{}}
	if stance != news.StanceUnrelated {
		for _, i := range top[:min(len(top), 2)] {
			h.Evidence = append(h.Evidence, sents[i])
		}
	}
	h.Verdict = verdict(stance, title, text, h.Evidence)
	return h
}

// verdict turns a stance into what a reader should be told. A title that
// hedges or attributes is borne out by a body that reports; a title that
// asserts is overstated by a body that only reports, hedges or attributes,
// and so it is when the body agrees only through attributed sentences.
func verdict(stance, title, text string, evidence []news.Span) string {
	switch stance {
	case news.StanceUnrelated:
		return news.VerdictUnsupported
	case news.StanceDisagree:
		return news.VerdictContradicted
	}
	if TitleQualified(title) {
		return news.VerdictSupported
	}
	if stance == news.StanceDiscuss {
		return news.VerdictOverstated
	}
	if len(evidence) == 0 {
		return news.VerdictSupported
	}
	for _, e := range evidence {
		if !reports(text[e.Start:e.End]) {
			return news.VerdictSupported
		}
	}
	return news.VerdictOverstated
}

// TitleQualified reports whether a title hedges, asks or attributes what it
// says ("reportedly", "X says", a question, a quotation) instead of
// asserting it.
func TitleQualified(title string) bool {
	if strings.ContainsAny(title, "?\"“”") {
		return true
	}
	if i := strings.Index(title, ":"); i > 0 && i < len(title)-1 {
		return true // "Speaker: what they said"
	}
	for _, w := range words(title) {
		if hedgeWords[w.lower] || attributionWords[w.lower] {
			return true
		}
	}
	return false
}

// reports reports whether a sentence only relays what someone says: it
// quotes, attributes or hedges.
func reports(s string) bool {
	if strings.ContainsAny(s, "\"“”") {
		return true
	}
	for _, w := range words(s) {
		if hedgeWords[w.lower] || attributionWords[w.lower] {
			return true
		}
	}
	return false
}

// Pair is one labelled (title, body) pair for training and evaluation.
type Pair struct {
	Title  string
	Body   string
	BodyID int         // pairs with the same body share its sentence analysis
	Sents  []news.Span // sentence spans of Body
	Stance string      // one of the news.Stance constants
}

// TrainOptions tunes [Train]. A zero field means its default.
type TrainOptions struct {
	Epochs   int     // passes over the pairs (default 10)
	Rate     float64 // initial learning rate (default 0.2)
	Seed     uint64  // seed of the pair order (default 1)
	Bits     uint8   // log2 of the weight table rows (default 18)
	Baseline bool    // overlap, cosine and cue-word features only, no hashed words
}

func classOf(stance string) int {
	for c, s := range stances {
		if s == stance {
			return c
		}
	}
	return -1
}

// Train fits a model on pairs. It is deterministic: the same pairs and
// options give the same model. Progress is written to log.
func Train(ctx context.Context, pairs []Pair, opts TrainOptions, log io.Writer) (*Model, error) {
	if opts.Epochs == 0 {
		opts.Epochs = 10
	}
	if opts.Rate == 0 {
		opts.Rate = 0.2
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Bits == 0 {
		opts.Bits = defaultBits
	}
	if opts.Bits < 8 || opts.Bits > 24 {
		return nil, fmt.Errorf("train headline: bits %d out of range 8..24", opts.Bits)
	}
	m := &Model{bits: opts.Bits, features: featuresLexical, idf: make([]float32, 1<<idfBits)}
	if opts.Baseline {
		m.features = featuresDense
	}
	// Document frequencies over the distinct bodies.
	df := make([]int, 1<<idfBits)
	seen := map[int]bool{}
	bodyWords := map[int][][]word{}
	for _, p := range pairs {
		if seen[p.BodyID] {
			continue
		}
		seen[p.BodyID] = true
		m.nDocs++
		sw := sentenceWords(p.Body, p.Sents)
		bodyWords[p.BodyID] = sw
		uniq := map[uint32]bool{}
		for _, s := range sw {
			for _, w := range s {
				uniq[hashIndex(w.stem, idfBits)] = true
			}
		}
		for h := range uniq {
			df[h]++
		}
	}
	for i, n := range df {
		m.idf[i] = float32(math.Log(float64(m.nDocs+1)/float64(n+1)) + 1)
	}
	type example struct {
		f []feature
		y int
	}
	var exs []example
	var count [nClasses]int
	for _, p := range pairs {
		y := classOf(p.Stance)
		if y < 0 {
			return nil, fmt.Errorf("train headline: unknown stance %q", p.Stance)
		}
		pp := pair{title: words(p.Title), sents: bodyWords[p.BodyID], question: strings.Contains(p.Title, "?"), idf: m.idfOf}
		f, _ := extract(pp, m.features, m.bits)
		exs = append(exs, example{f, y})
		count[y]++
	}
	if len(exs) == 0 {
		return nil, errors.New("train headline: no pairs")
	}
	// Rare classes weigh more (square root of the inverse frequency).
	var cw [nClasses]float64
	for c := range nClasses {
		cw[c] = math.Sqrt(float64(len(exs)) / float64(nClasses*max(count[c], 1)))
	}
	rows := 1 << m.bits
	w := make([]float64, rows*nClasses)
	u := make([]float64, rows*nClasses) // for averaging: avg = w - u/t
	rng := rand.New(rand.NewPCG(opts.Seed, 0x68656164))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	t := 1.0
	for epoch := range opts.Epochs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := opts.Rate / (1 + float64(epoch))
		var loss float64
		for _, i := range order {
			ex := exs[i]
			var z [nClasses]float64
			for _, x := range ex.f {
				for c := range nClasses {
					z[c] += w[int(x.row)*nClasses+c] * float64(x.val)
				}
			}
			pr := softmax(z)
			loss -= cw[ex.y] * math.Log(max(pr[ex.y], 1e-12))
			for c := range nClasses {
				g := pr[c]
				if c == ex.y {
					g -= 1
				}
				g *= cw[ex.y] * rate
				if g == 0 {
					continue
				}
				for _, x := range ex.f {
					k := int(x.row)*nClasses + c
					w[k] -= g * float64(x.val)
					u[k] -= t * g * float64(x.val)
				}
			}
			t++
		}
		fmt.Fprintf(log, "epoch %d: loss %.4f\n", epoch+1, loss/float64(len(exs)))
	}
	m.w = make([]float32, len(w))
	for k := range w {
		m.w[k] = float32(w[k] - u[k]/t)
	}
	return m, nil
}

// WriteTo writes the model gzip-compressed, byte for byte the same for the
// same model.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	hdr := []uint32{format, uint32(m.bits), uint32(m.features), uint32(m.nDocs)}
	if err := binary.Write(bw, binary.LittleEndian, hdr); err != nil {
		return cw.n, err
	}
	if err := binary.Write(bw, binary.LittleEndian, m.idf); err != nil {
		return cw.n, err
	}
	if err := binary.Write(bw, binary.LittleEndian, m.w); err != nil {
		return cw.n, err
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	err = zw.Close()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// LoadModel reads a model written by [Model.WriteTo].
func LoadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load headline model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("load headline model: not a headline model")
	}
	var hdr [4]uint32
	if err := binary.Read(br, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("load headline model: %w", err)
	}
	if hdr[0] != format {
		return nil, fmt.Errorf("load headline model: format %d, want %d", hdr[0], format)
	}
	if hdr[1] < 8 || hdr[1] > 24 || hdr[2] > uint32(featuresLexical) {
		return nil, errors.New("load headline model: corrupt header")
	}
	m := &Model{bits: uint8(hdr[1]), features: featureSet(hdr[2]), nDocs: int(hdr[3])}
	m.idf = make([]float32, 1<<idfBits)
	m.w = make([]float32, (1<<m.bits)*nClasses)
	if err := binary.Read(br, binary.LittleEndian, m.idf); err != nil {
		return nil, fmt.Errorf("load headline model: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, m.w); err != nil {
		return nil, fmt.Errorf("load headline model: %w", err)
	}
	return m, nil
}
