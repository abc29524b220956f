package story

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// vec is a sparse vector over term IDs.
type vec map[int32]float64

// norm returns the Euclidean norm of v, summed in term order so that the
// result does not depend on map iteration.
func (v vec) norm() float64 {
	s := 0.0
	for _, t := range v.keys() {
		s += v[t] * v[t]
	}
	return math.Sqrt(s)
}

// keys returns the terms of v in order.
func (v vec) keys() []int32 {
	ks := make([]int32, 0, len(v))
	for t := range v {
		ks = append(ks, t)
	}
	slices.Sort(ks)
	return ks
}

// cosine returns the cosine of a (whose terms are keys, in order) and b,
// given their norms.
func cosine(keys []int32, a, b vec, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	dot := 0.0
	for _, t := range keys {
		dot += a[t] * b[t]
	}
	return dot / (na * nb)
}

// add adds w×b to a.
func (v vec) add(b vec, w float64) {
	for t, x := range b {
		v[t] += w * x
	}
}

// prune keeps the n largest components of v.
func (v vec) prune(n int) vec {
	if len(v) <= n {
		return v
	}
	type tw struct {
		t int32
		w float64
	}
	all := make([]tw, 0, len(v))
	for t, w := range v {
		all = append(all, tw{t, w})
	}
	slices.SortFunc(all, func(a, b tw) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.t, b.t)
	})
	out := make(vec, n)
	for _, x := range all[:n] {
		out[x.t] = x.w
	}
	return out
}

// top returns the n largest terms of v, largest first.
func (v vec) top(n int) []int32 {
	ts := make([]int32, 0, len(v))
	for t := range v {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b int32) int {
		if c := cmp.Compare(v[b], v[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(ts) > n {
		ts = ts[:n]
	}
	return ts
}

// stopwords are frequent English function words, left out of word vectors.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(`a about above after again against all also am an and any are as at be because been
		before being below between both but by can could did do does doing down during each few for from further had has
		have having he her here hers herself him himself his how i if in into is it its itself just me more most my
		myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such
		than that the their theirs them themselves then there these they this those through to too under until up very
		was we were what when where which while who whom why will with would you your yours yourself yourselves said says
		say told one two new also like get got may might must us year years last first many much time week day people
		would could just still even back well since around according including however though whether told reported
		says yesterday today monday tuesday wednesday thursday friday saturday sunday mr mrs ms`) {
		m[w] = true
	}
	return m
}()

// stem reduces an English word to a crude stem: plural and possessive
// endings off, so that "attacks" and "attack" meet.
func stem(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// eachWord calls fn with each word of s: a run of letters (with inner
// apostrophes and hyphens split off), lower-cased, or a year-like number.
func eachWord(s string, fn func(w string, year bool)) {
	var b strings.Builder
	digits := 0
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		if digits == len(w) {
			if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
				fn(w, true)
			}
		} else if digits == 0 {
			fn(w, false)
		}
		digits = 0
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsDigit(r):
			b.WriteRune(r)
			digits++
		default:
			flush()
		}
	}
	flush()
}

// features are a document's raw term counts before weighting.
type features struct {
	words map[string]float64
	ents  map[string]float64
}

// extract counts the terms of doc: words of the title (weighted by
// titleWeight) and of the first maxWords words of the body, canonical
// entities, and the years and months the text names.
func extract(doc *news.Doc, titleWeight float64, maxWords int) features {
	f := features{words: map[string]float64{}, ents: map[string]float64{}}
	addWord := func(w string, year bool, weight float64) {
		if year {
			f.ents["@"+w] += weight
			return
		}
		if len(w) < 3 || stopwords[w] {
			return
		}
		f.words[stem(w)] += weight
	}
	eachWord(doc.Title, func(w string, year bool) { addWord(w, year, titleWeight) })
	n := 0
	eachWord(doc.Text, func(w string, year bool) {
		if n < maxWords {
			addWord(w, year, 1)
		}
		n++
	})
	for _, e := range doc.Entities {
		name := e.Canonical
		if name == "" {
			name = e.Text
		}
		if name = strings.ToLower(strings.TrimSpace(name)); name != "" {
			f.ents[name]++
		}
	}
	for _, t := range doc.Times {
		if len(t.Value) >= 7 && t.Value[4] == '-' && isDigits(t.Value[:4]) && isDigits(t.Value[5:7]) {
			f.ents["@"+t.Value[:7]]++
		}
	}
	return f
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) > 0
}
