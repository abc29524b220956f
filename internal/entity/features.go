package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tagger labels tokens with IOB2 tags over four entity types.
const (
	tagO = iota
	tagBPER
	tagIPER
	tagBORG
	tagIORG
	tagBLOC
	tagILOC
	tagBMISC
	tagIMISC
	nTags
)

var tagNames = [nTags]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// entityTypes maps the type index of a tag ((tag+1)/2) to news.Entity.Type.
var entityTypes = [5]string{"", "PERSON", "ORG", "LOC", "MISC"}

// parseTag returns the index of an IOB2 or IOB1 tag name; unknown names are O.
func parseTag(s string) int {
	for i, n := range tagNames {
		if n == s {
			return i
		}
	}
	return tagO
}

// typeOf returns the entity type index of tag t (0 for O).
func typeOf(t int) int { return (t + 1) / 2 }

// isInside reports whether t is an I- tag.
func isInside(t int) bool { return t != tagO && t%2 == 0 }

// valid reports whether tag t may follow tag prev under IOB2.
func valid(prev, t int) bool {
	return !isInside(t) || (prev != tagO && typeOf(prev) == typeOf(t))
}

// Feature kinds: the first byte hashed for each feature template.
const (
	fBias byte = iota + 1
	fLower
	fExact
	fLowerM2
	fLowerM1
	fLowerP1
	fLowerP2
	fShape
	fShapeM1
	fShapeP1
	fShape3
	fPrefix
	fSuffix
	fBigramL
	fBigramR
	fInitShape
	fCaseShape
	fGaz
	fGazM1
	fGazP1
	fGazShape
	fDocCase
	fDocCaseShape
	fHyphenHead
	fHyphenTail
	fP1
	fP2P1
	fP1Lower
	fP1Shape
	fDocPrev
	fDocPrevShape
	fLen
	fPrefixM1
	fSuffixM1
	fLowerP1Shape
	fClus
	fClusM1
	fClusP1
	fClusShape
	fFirstTag
	fFirstCtx
	fFirstShape
	fFirstDist
	fFirstMajor
	fCapRatio
	fCapRatioShape
)

// hash is FNV-1a, 64 bits, used to map feature strings to weight rows without
// building the strings.
type hash uint64

const hashInit hash = 14695981039346656037

func (h hash) b(c byte) hash { return (h ^ hash(c)) * 1099511628211 }

func (h hash) s(s string) hash {
	for i := 0; i < len(s); i++ {
		h = (h ^ hash(s[i])) * 1099511628211
	}
	return h ^ 0xff // terminator so that ("ab","c") and ("a","bc") differ
}

// normWord maps typographic variants to the forms the model was trained on:
// curly quotes and apostrophes, dashes.
func normWord(w string) string {
	if asciiOnly(w) {
		return w
	}
	return wordReplacer.Replace(w)
}

var wordReplacer = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u00ab", "\"", "\u00bb", "\"",
	"\u2013", "-", "\u2014", "-", "\u2010", "-", "\u2011", "-", "\u2212", "-",
)

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Sentence casing modes, from the letters of a whole sentence.
const (
	caseMixed byte = iota
	caseUpper      // a headline in capitals
	caseLower      // lower-cased text
)

// token is a word with what the features need of it, computed once.
type token struct {
	word, lower string
	shape       string // short shape: runs of one class collapsed ("Xx", "X.X.", "d-d")
	initCap     bool   // starts with an upper-case letter
	upper       bool   // has letters, all upper case
	gaz         [6]byte
	nGaz        int
	clus        clusterID
	hasClus     bool
}

// shapeOf returns the short shape of w: X for upper, x for lower, d for digits,
// other characters kept, runs of the same class collapsed; at most 6 classes.
func shapeOf(w string) string {
	var buf [8]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n == len(buf) {
			break
		}
		buf[n] = c
		n++
	}
	return string(buf[:n])
}

func newToken(w string) token {
	w = normWord(w)
	t := token{word: w, lower: strings.ToLower(w), shape: shapeOf(w)}
	r, _ := utf8.DecodeRuneInString(w)
	t.initCap = unicode.IsUpper(r)
	if articleName(w) {
		// "al-Zawahiri" reads as the capitalised name it is.
		t.initCap = true
		t.shape = "X" + shapeOf(w[1:])
	}
	letters, uppers := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	t.upper = letters > 0 && letters == uppers
	return t
}

// arabicArticles are the forms of the Arabic article written in front of a
// name with a hyphen: "al-", "el-" and the assimilated "ad-", "an-", "ar-",
// "as-", "ash-", "at-", "az-".
var arabicArticles = map[string]bool{"al": true, "el": true, "ad": true, "an": true, "ar": true, "as": true, "ash": true, "at": true, "az": true}

// articleName reports whether w is a name after a lower-case Arabic article
// joined by a hyphen ("al-Zawahiri", "el-Sisi", "ash-Shabaab"). A reader
// takes it as a capitalised name; so do the tagger's features.
func articleName(w string) bool {
	head, rest, ok := strings.Cut(w, "-")
	if !ok || !arabicArticles[head] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// sentenceCase classifies a sentence as a capitals headline, lower-cased text
// or ordinary mixed case.
func sentenceCase(toks []token) byte {
	letters, upper, lower := 0, 0, 0
	for _, t := range toks {
		for _, r := range t.word {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				}
			}
		}
	}
	switch {
	case letters >= 8 && upper*10 >= letters*9:
		return caseUpper
	case letters >= 8 && upper*40 <= letters:
		return caseLower
	}
	return caseMixed
}

// docCase records how each lower-cased word is written elsewhere in a
// document, in mixed-case sentences and not sentence-initially: bit 1 seen
// capitalised, bit 2 seen lower case, bit 4 seen in capitals.
type docCase map[string]byte

func newDocCase(doc [][]token, modes []byte) docCase {
	dc := make(docCase)
	for si, s := range doc {
		if modes[si] != caseMixed {
			continue
		}
		for i, t := range s {
			if i == 0 || t.shape == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(t.word)
			if !unicode.IsLetter(r) {
				continue
			}
			var bit byte
			switch {
			case t.upper && len(t.word) > 1:
				bit = 4
			case t.initCap:
				bit = 1
			default:
				bit = 2
			}
			dc[t.lower] |= bit
		}
	}
	return dc
}

// featureRow maps a feature's hash to its row.
func featureRow(h hash) uint32 { return uint32(h^h>>featureBits^h>>40) & featureMask }

// featureBits is the number of bits of a feature's row index.
const featureBits = 20

const featureMask = 1<<featureBits - 1

// staticFeatures appends the rows of the features of token i that do not
// depend on earlier decisions.
func staticFeatures(dst []uint32, s []token, i int, mode byte, dc docCase) []uint32 {
	add := func(h hash) { dst = append(dst, featureRow(h)) }
	t := &s[i]
	word := func(j int) string {
		switch {
		case j < 0:
			return "<s>"
		case j >= len(s):
			return "</s>"
		}
		return s[j].lower
	}
	shape := func(j int) string {
		switch {
		case j < 0:
			return "<s>"
		case j >= len(s):
			return "</s>"
		}
		return s[j].shape
	}
	add(hashInit.b(fBias))
	add(hashInit.b(fLower).s(t.lower))
	if mode == caseMixed {
		add(hashInit.b(fExact).s(t.word))
	}
	add(hashInit.b(fLowerM2).s(word(i - 2)))
	add(hashInit.b(fLowerM1).s(word(i - 1)))
	add(hashInit.b(fLowerP1).s(word(i + 1)))
	add(hashInit.b(fLowerP2).s(word(i + 2)))
	add(hashInit.b(fShape).b(mode).s(t.shape))
	add(hashInit.b(fShapeM1).b(mode).s(shape(i - 1)))
	add(hashInit.b(fShapeP1).b(mode).s(shape(i + 1)))
	add(hashInit.b(fShape3).b(mode).s(shape(i - 1)).s(t.shape).s(shape(i + 1)))
	add(hashInit.b(fBigramL).s(word(i - 1)).s(t.lower))
	add(hashInit.b(fBigramR).s(t.lower).s(word(i + 1)))
	add(hashInit.b(fLowerP1Shape).s(word(i + 1)).s(t.shape))
	for n := 1; n <= 4 && n <= len(t.lower); n++ {
		add(hashInit.b(fPrefix).b(byte(n)).s(t.lower[:n]))
		add(hashInit.b(fSuffix).b(byte(n)).s(t.lower[len(t.lower)-n:]))
	}
	if i > 0 {
		p := s[i-1].lower
		if len(p) >= 3 {
			add(hashInit.b(fSuffixM1).s(p[len(p)-3:]))
		}
	}
	l := len(t.lower)
	add(hashInit.b(fLen).b(byte(min(l, 12))).s(t.shape))
	add(hashInit.b(fCaseShape).b(mode).b(flagBits(t)))
	if i == 0 {
		add(hashInit.b(fInitShape).b(mode).s(t.shape))
	}
	if k := strings.IndexByte(t.lower, '-'); k > 0 && k < l-1 {
		add(hashInit.b(fHyphenHead).s(t.lower[:k]))
		add(hashInit.b(fHyphenTail).s(t.lower[strings.LastIndexByte(t.lower, '-')+1:]))
	}
	if t.hasClus {
		for l := range clusterLevels {
			c := t.clus.level(l)
			add(hashInit.b(fClus).b(byte(l)).b(byte(c)).b(byte(c >> 8)))
		}
		c := t.clus.level(1)
		add(hashInit.b(fClusShape).b(byte(c)).b(mode).b(flagBits(t)))
		if r := t.clus.capRatio(); r != 0 {
			add(hashInit.b(fCapRatio).b(r))
			add(hashInit.b(fCapRatioShape).b(r).b(mode).b(flagBits(t)).b(boolByte(i == 0)))
		}
	}
	if i > 0 && s[i-1].hasClus {
		add(hashInit.b(fClusM1).b(byte(s[i-1].clus.level(1))))
	}
	if i+1 < len(s) && s[i+1].hasClus {
		add(hashInit.b(fClusP1).b(byte(s[i+1].clus.level(1))))
	}
	for g := range t.nGaz {
		add(hashInit.b(fGaz).b(t.gaz[g]))
		add(hashInit.b(fGazShape).b(t.gaz[g]).b(mode).s(t.shape))
	}
	if i > 0 {
		for g := range s[i-1].nGaz {
			add(hashInit.b(fGazM1).b(s[i-1].gaz[g]))
		}
	}
	if i+1 < len(s) {
		for g := range s[i+1].nGaz {
			add(hashInit.b(fGazP1).b(s[i+1].gaz[g]))
		}
	}
	if dc != nil {
		c := dc[t.lower]
		add(hashInit.b(fDocCase).b(c))
		add(hashInit.b(fDocCaseShape).b(c).b(mode).b(flagBits(t)).b(boolByte(i == 0)))
	}
	return dst
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// flagBits packs the token's orthographic flags.
func flagBits(t *token) byte {
	var b byte
	if t.initCap {
		b |= 1
	}
	if t.upper {
		b |= 2
	}
	if strings.ContainsAny(t.word, "0123456789") {
		b |= 4
	}
	if strings.IndexByte(t.word, '-') >= 0 {
		b |= 8
	}
	if strings.IndexByte(t.word, '.') >= 0 {
		b |= 16
	}
	return b
}

// dynamicFeatures appends the rows of the features that depend on the tags
// already chosen: the previous two tags and the type last predicted for the
// same word earlier in the document (docPrev, 0 when none, nTags+1 when the
// word was seen and tagged O).
func dynamicFeatures(dst []uint32, t *token, p1, p2 int, docPrev byte) []uint32 {
	add := func(h hash) { dst = append(dst, featureRow(h)) }
	add(hashInit.b(fP1).b(byte(p1)))
	add(hashInit.b(fP2P1).b(byte(p2)).b(byte(p1)))
	add(hashInit.b(fP1Lower).b(byte(p1)).s(t.lower))
	add(hashInit.b(fP1Shape).b(byte(p1)).s(t.shape))
	if docPrev != 0 {
		add(hashInit.b(fDocPrev).b(docPrev))
		add(hashInit.b(fDocPrevShape).b(docPrev).b(flagBits(t)))
	}
	return dst
}

// firstPass is what the first pass of a two-pass model tagged in a document,
// read by the features of the second pass: the tags of each sentence and,
// for each word, how often the first pass gave each entity type to it
// anywhere in the document (Ratinov and Roth's extended prediction history,
// over the whole document rather than only what came before).
type firstPass struct {
	tags  [][]int
	modes []byte
	dist  map[string][5]uint16 // lower-cased word → count of first-pass types (index 0: O)
}

// firstPassCounts reports whether token i of a sentence in casing mode mode
// counts towards the document's label distribution: a word of two or more
// letters, capitalised unless the whole sentence is in one case.
func firstPassCounts(t *token, mode byte) bool {
	return len(t.lower) > 1 && (t.initCap || mode != caseMixed) && t.shape != "" && (t.shape[0] == 'X' || t.shape[0] == 'x')
}

func newFirstPass(doc [][]token, modes []byte, tags [][]int) *firstPass {
	fp := &firstPass{tags: tags, modes: modes, dist: make(map[string][5]uint16)}
	for si, s := range doc {
		for i := range s {
			if !firstPassCounts(&s[i], modes[si]) {
				continue
			}
			c := fp.dist[s[i].lower]
			if k := typeOf(tags[si][i]); c[k] < 1<<15 {
				c[k]++
			}
			fp.dist[s[i].lower] = c
		}
	}
	return fp
}

// firstPassFeatures appends the rows of the second-pass features of token i
// of sentence si: its first-pass tag alone, with its neighbours' and with
// its casing, and the distribution of first-pass types of the same word
// elsewhere in the document.
func firstPassFeatures(dst []uint32, fp *firstPass, s []token, si, i int) []uint32 {
	add := func(h hash) { dst = append(dst, featureRow(h)) }
	tags := fp.tags[si]
	t := &s[i]
	cur := byte(tags[i])
	l, r := byte(nTags), byte(nTags)
	if i > 0 {
		l = byte(tags[i-1])
	}
	if i+1 < len(tags) {
		r = byte(tags[i+1])
	}
	add(hashInit.b(fFirstTag).b(cur))
	add(hashInit.b(fFirstCtx).b(l).b(cur).b(r))
	add(hashInit.b(fFirstShape).b(cur).b(flagBits(t)))
	c, ok := fp.dist[t.lower]
	if !ok {
		return dst
	}
	if firstPassCounts(t, fp.modes[si]) {
		if k := typeOf(tags[i]); c[k] > 0 {
			c[k]--
		}
	}
	total, major := 0, 0
	for k, n := range c {
		total += int(n)
		if n > c[major] {
			major = k
		}
	}
	if total == 0 {
		return dst
	}
	add(hashInit.b(fFirstMajor).b(byte(major)).b(flagBits(t)))
	for k, n := range c {
		if n > 0 {
			add(hashInit.b(fFirstDist).b(byte(k)).b(byte(int(n) * 4 / total)))
		}
	}
	return dst
}
