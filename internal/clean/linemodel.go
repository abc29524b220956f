package clean

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// LineModel decides which lines of a plain-text page are main content. It
// is a structured averaged perceptron over two states (content, other): each
// line contributes the weights of its hashed features (what it says, its
// shape, what the rules made of it, and the same of its neighbours), and a
// transition weight between consecutive states smooths the decision, decoded
// with Viterbi. Build one with [TrainLines] or [ReadLineModel]; the model
// shipped in the binary is [DefaultLineModel].
type LineModel struct {
	bits  uint8
	w     []float32     // content-vs-other weight of each hashed feature
	trans [2][2]float32 // transition weights [previous][current]
}

const lineModelMagic = "dossier-lines 1\n"

//go:embed model/lines.bin.gz
var embeddedLineModel []byte

var defaultLineModel = sync.OnceValue(func() *LineModel {
	if len(embeddedLineModel) == 0 {
		return nil // built without a model: the rules alone
	}
	m, err := ReadLineModel(bytes.NewReader(embeddedLineModel))
	if err != nil {
		panic("clean: embedded line model: " + err.Error()) // a build defect
	}
	return m
})

// DefaultLineModel returns the line model embedded in the binary.
func DefaultLineModel() *LineModel { return defaultLineModel() }

// ReadLineModel reads a model written by [LineModel.WriteTo].
func ReadLineModel(r io.Reader) (*LineModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("line model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(lineModelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != lineModelMagic {
		return nil, errors.New("line model: not a line model file")
	}
	var bits uint8
	if err := binary.Read(br, binary.LittleEndian, &bits); err != nil {
		return nil, fmt.Errorf("line model: %w", err)
	}
	if bits < 8 || bits > 24 {
		return nil, fmt.Errorf("line model: %d hash bits out of range", bits)
	}
	m := &LineModel{bits: bits, w: make([]float32, 1<<bits)}
	if err := binary.Read(br, binary.LittleEndian, &m.trans); err != nil {
		return nil, fmt.Errorf("line model: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, m.w); err != nil {
		return nil, fmt.Errorf("line model weights: %w", err)
	}
	return m, nil
}

// WriteTo writes m gzip-compressed (no time stamp, so the same model gives
// the same bytes).
func (m *LineModel) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw := newGzip(cw)
	bw := bufio.NewWriter(zw)
	bw.WriteString(lineModelMagic)
	bw.WriteByte(m.bits)
	binary.Write(bw, binary.LittleEndian, m.trans)
	binary.Write(bw, binary.LittleEndian, m.w)
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// newGzip returns a gzip writer at the best compression, with no time stamp
// or name in its header.
func newGzip(w io.Writer) *gzip.Writer {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
	return zw
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

// decode returns, for each line, whether it is content: the Viterbi path
// through the two states under weights w and transitions trans.
func decode(feats [][]uint32, w []float32, trans *[2][2]float32) []bool {
	n := len(feats)
	if n == 0 {
		return nil
	}
	score := make([][2]float64, n)
	back := make([][2]uint8, n)
	emit := func(i int) float64 {
		var s float64
		for _, f := range feats[i] {
			s += float64(w[f])
		}
		return s
	}
	score[0] = [2]float64{0, emit(0)}
	for i := 1; i < n; i++ {
		e := emit(i)
		for cur := range 2 {
			best, arg := math.Inf(-1), uint8(0)
			for prev := range 2 {
				s := score[i-1][prev] + float64(trans[prev][cur])
				if s > best {
					best, arg = s, uint8(prev)
				}
			}
			if cur == 1 {
				best += e
			}
			score[i][cur], back[i][cur] = best, arg
		}
	}
	out := make([]bool, n)
	st := uint8(0)
	if score[n-1][1] > score[n-1][0] {
		st = 1
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = st == 1
		st = back[i][st]
	}
	return out
}

// applyModel adds to the body the lines m decodes as content. The rules keep
// the last word where they are exact: the lines they label body stay body,
// and the title line, captions, lines whose wording marks them as furniture
// (calls to share or subscribe, comment forms, pagination, bylines) and
// lines repeated across the site keep their labels. Nothing is added beyond
// a barrier (comment form, pagination bar, appeal to readers) that bounds
// the rules' body.
func (p *plainPage) applyModel(m *LineModel) {
	if len(p.lines) == 0 {
		return
	}
	feats := p.features(m.bits)
	content := decode(feats, m.w, &m.trans)
	// The body never crosses a comment form, a pagination bar or an appeal
	// to readers: what the model adds stays between the barriers around the
	// rules' body.
	lo, hi := 0, len(p.lines)-1
	if p.start >= 0 {
		for i := p.start - 1; i >= 0; i-- {
			if k := p.lines[i].kind; k == kindBarrier || k == kindPaginate {
				lo = i + 1
				break
			}
		}
		for i := p.end + 1; i < len(p.lines); i++ {
			if k := p.lines[i].kind; k == kindBarrier || k == kindPaginate {
				hi = i - 1
				break
			}
		}
	}
	for i := range p.lines {
		if i < lo || i > hi {
			content[i] = false
		}

		l := &p.lines[i]
		if l.label == news.LabelTitle || l.label == news.LabelCaption || l.kind != kindNone || l.repeated {
			continue
		}
		if content[i] {
			l.label = news.LabelBody
		}
	}
}

// Feature hashing.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type featHasher struct {
	mask uint64
	out  []uint32
}

func (h *featHasher) add(name string, vals ...string) {
	x := uint64(fnvOffset)
	for i := 0; i < len(name); i++ {
		x = (x ^ uint64(name[i])) * fnvPrime
	}
	for _, v := range vals {
		x = (x ^ 0xff) * fnvPrime
		for i := 0; i < len(v); i++ {
			x = (x ^ uint64(v[i])) * fnvPrime
		}
	}
	x ^= x >> 29
	h.out = append(h.out, uint32(x&h.mask))
}

// bucket maps n onto a few ranges.
func bucket(n int) string {
	switch {
	case n <= 3:
		return string(rune('0' + n))
	case n <= 5:
		return "4-5"
	case n <= 9:
		return "6-9"
	case n <= 14:
		return "10-14"
	case n <= 24:
		return "15-24"
	case n <= 49:
		return "25-49"
	case n <= 99:
		return "50-99"
	}
	return "100+"
}

func tenths(f float64) string {
	return string(rune('0' + min(9, int(f*10))))
}

func flagOf(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

var labelNames = [...]string{"u", "t", "b", "c", "x"}

// lineShape is what a line looks like, for the features.
type lineShape struct {
	words, kind, label string
	terminal, heading  string
	first, last        string
	start              string // first character class
	end                string // last character
}

// features returns the hashed features of every line, after the rules have
// labelled the page.
func (p *plainPage) features(bits uint8) [][]uint32 {
	n := len(p.lines)
	shapes := make([]lineShape, n)
	prose, dupes := 0, map[string]int{}
	for i := range p.lines {
		l := &p.lines[i]
		if l.isProse() {
			prose++
		}
		dupes[l.lower]++
		shapes[i] = shapeOf(l)
	}
	docProse := tenths(float64(prose) / float64(n))
	docLines := bucket(n / 4)
	h := &featHasher{mask: 1<<bits - 1}
	feats := make([][]uint32, n)
	for i := range p.lines {
		l := &p.lines[i]
		s := &shapes[i]
		h.out = make([]uint32, 0, 64)
		h.add("bias")
		h.add("w", s.words)
		h.add("chars", bucket(l.chars/8))
		if l.words >= 3 {
			h.add("stop", tenths(l.stopRatio()))
			h.add("cap", tenths(l.capRatio()))
		}
		h.add("term", s.terminal)
		h.add("capstart", flagOf(l.capStart))
		h.add("kind", s.kind)
		h.add("rep", flagOf(l.repeated))
		h.add("rule", s.label)
		h.add("rule×w", s.label, s.words)
		h.add("head", s.heading)
		h.add("start", s.start)
		h.add("end", s.end)
		h.add("end×w", s.end, s.words)
		h.add("first", s.first)
		h.add("last", s.last)
		if l.words <= 4 {
			h.add("short", l.lower)
		}
		h.add("tight", flagOf(l.tight))
		h.add("dupe", flagOf(dupes[l.lower] > 1))
		h.add("linkbar", flagOf(isLinkBar(l.text)))
		h.add("pos", tenths(float64(i)/float64(n)))
		h.add("doc", docProse)
		h.add("doc×w", docProse, s.words)
		h.add("doc×rule", docProse, s.label)
		h.add("doclines", docLines)
		// Where the line stands against the rules' body region.
		var region string
		switch {
		case p.start < 0:
			region = "none"
		case i < p.start:
			region = "before" + bucket(p.start-i)
		case i > p.end:
			region = "after" + bucket(i-p.end)
		default:
			region = "in"
		}
		h.add("region", region)
		h.add("region×w", region, s.words)
		h.add("region×term", region, s.terminal)
		for _, off := range [...]int{-2, -1, 1, 2} {
			j := i + off
			o := string(rune('2' + off))
			if j < 0 || j >= n {
				h.add("n", o, "edge")
				continue
			}
			t := &shapes[j]
			h.add("nw", o, t.words)
			h.add("nrule", o, t.label)
			h.add("nterm", o, t.terminal)
			h.add("nkind", o, t.kind)
			if off == -1 || off == 1 {
				h.add("nrule×rule", o, t.label, s.label)
				h.add("nw×w", o, t.words, s.words)
				h.add("nhead×term", o, t.heading, s.terminal)
				h.add("nstart×start", o, t.start, s.start)
			}
		}
		feats[i] = h.out
	}
	return feats
}

func shapeOf(l *plainLine) lineShape {
	s := lineShape{
		words:    bucket(l.words),
		kind:     string(rune('0' + l.kind)),
		label:    labelNames[min(int(l.label), len(labelNames)-1)],
		terminal: flagOf(l.terminal),
	}
	s.heading = flagOf(l.words >= 1 && l.words <= 12 && !l.terminal && l.capStart)
	fields := strings.Fields(l.lower)
	if len(fields) > 0 {
		s.first = strings.TrimFunc(fields[0], func(r rune) bool { return !isWordRune(r) })
		s.last = strings.TrimFunc(fields[len(fields)-1], func(r rune) bool { return !isWordRune(r) })
		if len(s.first) > 12 {
			s.first = s.first[:12]
		}
		if len(s.last) > 12 {
			s.last = s.last[:12]
		}
	}
	r, _ := utf8.DecodeRuneInString(l.text)
	switch {
	case unicode.IsUpper(r):
		s.start = "A"
	case unicode.IsLower(r):
		s.start = "a"
	case unicode.IsDigit(r):
		s.start = "9"
	default:
		s.start = string(r)
	}
	e, _ := utf8.DecodeLastRuneInString(l.text)
	switch {
	case unicode.IsLetter(e):
		s.end = "a"
	case unicode.IsDigit(e):
		s.end = "9"
	default:
		s.end = string(e)
	}
	return s
}
