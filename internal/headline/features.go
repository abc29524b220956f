package headline

import (
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/stem"
)

// word is a token of a text: its stem and where it is.
type word struct {
	stem    string
	lower   string
	content bool // not a stop word
}

// words returns the lower-cased letter and digit runs of s with their stems.
func words(s string) []word {
	var out []word
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) && !(r == '\'' && j+n < len(s) && isLetterAt(s, j+n)) {
				break
			}
			j += n
		}
		lw := strings.ToLower(s[i:j])
		lw = strings.TrimSuffix(lw, "'s")
		out = append(out, word{stem: stem.Porter(lw), lower: lw, content: !stopWords[lw]})
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

var stopWords = set(`a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they them his her their we our you your i me my not no
has have had do does did will would can could should may might must shall than then there here
so such about into over after before up down out off again further once all any both each few
more most other some own same too very s t just don now also what which who whom whose when where
why how while said says say`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(s) {
		m[w] = true
	}
	return m
}

// Cue words, matched on the lower-cased word.
var (
	refuteWords = set(`fake fraud hoax false deny denies denied denial not debunk debunks debunked
untrue myth myths rumor rumors rumour rumours bogus lie lies lied fabricated fabrication
doubt doubts doubtful dismiss dismissed dismisses refute refuted refutes incorrect wrong
never no nothing nonsense satire satirical prank baseless unfounded misleading retract retracted`)
	hedgeWords = set(`reportedly allegedly alleged claim claims claimed claiming report reports reported
according rumored rumoured unconfirmed unverified may might could possibly perhaps apparently
appears appear seems seem suggest suggests suggested believed purportedly supposedly speculation
speculated if whether unclear likely unlikely`)
	attributionWords = set(`said says say saying told tells tell announced announces claims claimed
stated states according reported reports calls called urges urged warns warned vows vowed
insists insisted admits admitted denies denied accuses accused asks asked suggests suggested`)
	negationWords = set(`not no never none nobody nothing neither nor without cannot isn't aren't wasn't
weren't don't doesn't didn't won't can't couldn't shouldn't hasn't haven't hadn't n't`)
)

// hashIndex maps a feature name to a row of the weight table.
func hashIndex(s string, bits uint8) uint32 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return uint32(h.Sum64() >> (64 - bits))
}

// feature is one feature of a pair: a row of the weight table and its value.
type feature struct {
	row uint32
	val float32
}

// pair is what the features are computed from: the title's words, the
// body's words by sentence, and document frequencies.
type pair struct {
	title    []word
	sents    [][]word // body words, one list per sentence
	question bool     // the title asks
	idf      func(stem string) float64
}

// analysis is what feature extraction finds besides the features: the
// sentences most related to the title, best first.
type analysis struct {
	top []int // sentence indexes, best first
}

// featureSet says which features to compute.
type featureSet int

const (
	featuresDense   featureSet = iota // overlap, cosine and cue-word features only (the baseline)
	featuresLexical                   // dense features plus hashed words of title and best sentences
)

// extract computes the features of p.
func extract(p pair, fs featureSet, bits uint8) ([]feature, analysis) {
	var f []feature
	add := func(name string, v float64) {
		f = append(f, feature{hashIndex(name, bits), float32(v)})
	}
	// binned adds name's value and a one-hot bin of it, so that a linear
	// model can threshold.
	binned := func(name string, v float64, nbins int) {
		add(name, v)
		b := min(int(v*float64(nbins)), nbins-1)
		b = max(b, 0)
		add(name+"#"+string(rune('a'+b)), 1)
	}
	add("bias", 1)

	titleStems := map[string]bool{}
	var titleContent []string
	for _, w := range p.title {
		if w.content && !titleStems[w.stem] {
			titleStems[w.stem] = true
			titleContent = append(titleContent, w.stem)
		}
	}
	titleBigrams := bigrams(p.title)

	bodyCount := map[string]int{}
	bodyBigrams := map[string]bool{}
	nBody := 0
	for _, s := range p.sents {
		for _, w := range s {
			bodyCount[w.stem]++
			nBody++
		}
		for b := range bigrams(s) {
			bodyBigrams[b] = true
		}
	}
	var idfTitle, idfHit float64
	hits := 0
	for _, st := range titleContent {
		w := p.idf(st)
		idfTitle += w
		if bodyCount[st] > 0 {
			hits++
			idfHit += w
		}
	}
	nt := float64(len(titleContent))
	if nt > 0 {
		binned("overlap", float64(hits)/nt, 10)
		binned("idf_overlap", idfHit/max(idfTitle, 1e-9), 10)
	} else {
		add("empty_title", 1)
	}
	bh := 0
	for b := range titleBigrams {
		if bodyBigrams[b] {
			bh++
		}
	}
	if len(titleBigrams) > 0 {
		binned("bigram_overlap", float64(bh)/float64(len(titleBigrams)), 5)
	}
	// TF-IDF cosine of title and body.
	binned("cosine", cosine(titleContent, bodyCount, p.idf), 10)

	// Sentence relevance: idf-weighted share of the title's stems.
	type scored struct {
		i int
		s float64
	}
	var rel []scored
	for i, s := range p.sents {
		seen := map[string]bool{}
		var v float64
		for _, w := range s {
			if titleStems[w.stem] && !seen[w.stem] {
				seen[w.stem] = true
				v += p.idf(w.stem)
			}
		}
		rel = append(rel, scored{i, v / max(idfTitle, 1e-9)})
	}
	slices.SortStableFunc(rel, func(a, b scored) int {
		switch {
		case a.s > b.s:
			return -1
		case a.s < b.s:
			return 1
		}
		return a.i - b.i
	})
	var an analysis
	for _, r := range rel {
		if r.s <= 0 || len(an.top) == 3 {
			break
		}
		an.top = append(an.top, r.i)
	}
	if len(rel) > 0 {
		binned("max_sent", rel[0].s, 10)
	}
	if len(rel) > 1 {
		binned("second_sent", rel[1].s, 5)
	}
	lead := 0.0
	for i := 0; i < min(2, len(p.sents)); i++ {
		for _, r := range rel {
			if r.i == i {
				lead = max(lead, r.s)
			}
		}
	}
	binned("lead_sent", lead, 5)
	binned("log_title", min(math.Log1p(nt)/3, 1), 4)
	binned("log_body", min(math.Log1p(float64(nBody))/7, 1), 4)

	// Cue words in the title, the body and the best sentences.
	tc := cueCounts(p.title)
	for _, k := range cueKinds { // in a fixed order: training must be reproducible
		if tc[k] > 0 {
			add("title_"+k, 1)
		}
	}
	if p.question {
		add("title_question", 1)
	}
	var bc [4]float64
	for _, s := range p.sents {
		c := cueCounts(s)
		for i, k := range cueKinds {
			bc[i] += float64(c[k])
		}
	}
	var topc [4]float64
	var topN float64
	for _, i := range an.top {
		c := cueCounts(p.sents[i])
		for j, k := range cueKinds {
			topc[j] += float64(c[k])
		}
		topN += float64(len(p.sents[i]))
	}
	for i, k := range cueKinds {
		binned("body_"+k, min(bc[i]/max(float64(nBody), 1)*20, 1), 5)
		binned("top_"+k, min(topc[i]/max(topN, 1)*10, 1), 5)
		if topc[i] > 0 {
			add("top_has_"+k, 1)
			if tc[k] > 0 {
				add("both_"+k, 1)
			}
		}
	}
	// Polarity disagreement: negation in title versus best sentence.
	if len(an.top) > 0 {
		tn, sn := tc["negation"] > 0, cueCounts(p.sents[an.top[0]])["negation"] > 0
		if tn != sn {
			add("neg_mismatch", 1)
		}
	}
	if fs == featuresDense {
		return f, an
	}
	for _, st := range titleContent {
		add("t:"+st, 0.5)
	}
	for _, i := range an.top {
		for _, w := range p.sents[i] {
			if w.content || refuteWords[w.lower] || hedgeWords[w.lower] || negationWords[w.lower] {
				add("s:"+w.stem, 0.3)
			}
		}
	}
	for _, s := range p.sents {
		for _, w := range s {
			if refuteWords[w.lower] || hedgeWords[w.lower] {
				add("b:"+w.lower, 0.1)
			}
		}
	}
	return f, an
}

var cueKinds = [4]string{"refute", "hedge", "attribution", "negation"}

func cueCounts(ws []word) map[string]int {
	c := map[string]int{}
	for _, w := range ws {
		if refuteWords[w.lower] {
			c["refute"]++
		}
		if hedgeWords[w.lower] {
			c["hedge"]++
		}
		if attributionWords[w.lower] {
			c["attribution"]++
		}
		if negationWords[w.lower] || strings.HasSuffix(w.lower, "n't") {
			c["negation"]++
		}
	}
	return c
}

func bigrams(ws []word) map[string]bool {
	m := map[string]bool{}
	prev := ""
	for _, w := range ws {
		if !w.content {
			continue
		}
		if prev != "" {
			m[prev+" "+w.stem] = true
		}
		prev = w.stem
	}
	return m
}

func cosine(title []string, body map[string]int, idf func(string) float64) float64 {
	var dot, nt, nb float64
	for _, st := range title {
		w := idf(st)
		nt += w * w
		if c := body[st]; c > 0 {
			dot += w * w * (1 + math.Log(float64(c)))
		}
	}
	// Sum in a fixed order: floating-point sums depend on it, and training
	// must be reproducible.
	keys := make([]string, 0, len(body))
	for st := range body {
		keys = append(keys, st)
	}
	slices.Sort(keys)
	for _, st := range keys {
		w := idf(st) * (1 + math.Log(float64(body[st])))
		nb += w * w
	}
	if nt == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(nt*nb)
}

// sentenceWords splits text into the words of each sentence span.
func sentenceWords(text string, sents []news.Span) [][]word {
	out := make([][]word, 0, len(sents))
	for _, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			out = append(out, nil)
			continue
		}
		out = append(out, words(text[s.Start:s.End]))
	}
	return out
}
