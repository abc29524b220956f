package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Model is a trained named-entity tagger: averaged perceptrons over IOB2
// tags with hashed features (see features.go), searched left to right with
// a beam (see beam.go) or greedily, reading gazetteer lists (see
// [Gazetteer]) and the alias table. A first pass tags a document; when the
// model has a second table, a second pass tags it again, seeing what the
// first pass found for each word across the document. The zero Model tags
// everything O. Build one with [New] (the embedded model and lists) or
// [Train]. A Model is read-only and safe for concurrent use.
type Model struct {
	w        []int16 // (1<<featureBits) rows of nTags weights
	w2       []int16 // second-pass table like w, or nil for one pass
	gaz      *Gazetteer
	aliases  *aliasTable
	clusters map[string]clusterID // lower-cased word → its classes
	fbits    uint8
	beam     uint8 // beam width of decoding; 0 or 1 for greedy
}

//go:embed model/ner.bin.gz
var embeddedModel []byte

// Options control [New]. The zero value gives the model and lists embedded
// in the binary.
type Options struct {
	// Model is a model file written by [Model.WriteTo]; nil means the
	// embedded model.
	Model io.Reader
	// Lists holds the gazetteer lists and the alias table (a directory
	// "gazetteers"); nil means [EmbeddedLists].
	Lists fs.FS
	// Exclude names gazetteer lists to leave out; nil means
	// [DefaultExcludedLists]. A model must be tagged with the lists it was
	// trained with.
	Exclude []string
}

// New returns a model read from opts.Model with its gazetteer and alias
// table built from opts.Lists.
func New(opts Options) (*Model, error) {
	r := opts.Model
	if r == nil {
		r = bytes.NewReader(embeddedModel)
	}
	lists := opts.Lists
	if lists == nil {
		lists = gazFS
	}
	m, err := LoadModel(r)
	if err != nil {
		return nil, err
	}
	if m.gaz, err = NewGazetteer(lists, GazetteerOptions{Exclude: opts.Exclude}); err != nil {
		return nil, err
	}
	if m.aliases, err = newAliasTable(lists); err != nil {
		return nil, err
	}
	return m, nil
}

// defaultModel is the model of New(Options{}), built on first use by the
// package-level [Recognize] and [Tag].
var defaultModel = sync.OnceValue(func() *Model {
	m, err := New(Options{})
	if err != nil {
		panic("entity: embedded model: " + err.Error()) // a build defect
	}
	return m
})

// Default returns the model embedded in the binary with the embedded lists
// (New(Options{}), built once).
func Default() *Model { return defaultModel() }

// Recognize returns the named-entity mentions of text found by the embedded
// model, in order. tokens are the token spans of text (as segment.Tokens
// returns them). Canonical is left empty.
func Recognize(text string, tokens []news.Span) []news.Entity {
	return defaultModel().Recognize(text, tokens)
}

// Tag returns the IOB2 tags (B-PER, I-ORG, O, ...) of one tokenised sentence
// as tagged by the embedded model.
func Tag(words []string) []string {
	return defaultModel().Tag(words)
}

// Tag returns the IOB2 tags of one tokenised sentence.
func (m *Model) Tag(words []string) []string {
	tags := m.TagDocument([][]string{words})
	return tags[0]
}

// TagDocument returns the IOB2 tags of the sentences of one document. The
// sentences are tagged in order, and each can use what was found in the
// others (how words are capitalised, what earlier mentions were tagged).
func (m *Model) TagDocument(doc [][]string) [][]string {
	ids := m.decode(m.prepare(doc))
	out := make([][]string, len(ids))
	for i, s := range ids {
		out[i] = make([]string, len(s))
		for j, t := range s {
			out[i][j] = tagNames[t]
		}
	}
	return out
}

// Recognize returns the mentions of text found by m; see [Recognize].
func (m *Model) Recognize(text string, tokens []news.Span) []news.Entity {
	spans := m.splitTokens(text, tokens)
	if len(spans) == 0 {
		return nil
	}
	var doc [][]string
	var docSpans [][]news.Span
	start := 0
	for i := 1; i <= len(spans); i++ {
		if i < len(spans) && !sentenceBreak(text, spans, i, i-start) {
			continue
		}
		ws := make([]string, i-start)
		for j := range ws {
			ws[j] = text[spans[start+j].Start:spans[start+j].End]
		}
		doc = append(doc, ws)
		docSpans = append(docSpans, spans[start:i])
		start = i
	}
	tags := m.decode(m.prepare(doc))
	var out []news.Entity
	for si, s := range tags {
		sp := docSpans[si]
		for _, e := range chunks(s) {
			a, b := sp[e.start].Start, sp[e.end-1].End
			out = append(out, news.Entity{Text: text[a:b], Type: entityTypes[e.typ], Start: a, End: b})
		}
	}
	return out
}

// maxSentence bounds the tokens tagged as one sentence.
const maxSentence = 200

// sentenceBreak reports whether a sentence starts at spans[i]: after a line
// break, after ". ! ?" before a word that is not lower case, or when the
// sentence so far is too long.
func sentenceBreak(text string, spans []news.Span, i, n int) bool {
	if n >= maxSentence {
		return true
	}
	gap := text[spans[i-1].End:spans[i].Start]
	if strings.IndexByte(gap, '\n') >= 0 {
		return true
	}
	switch text[spans[i-1].Start:spans[i-1].End] {
	case ".", "!", "?":
		r, _ := utf8.DecodeRuneInString(text[spans[i].Start:])
		return !unicode.IsLower(r)
	}
	return false
}

// splitTokens returns the tokens the tagger sees: the given spans, with a
// possessive 's (or ’s) split off a word as its own token, as in the
// training data, and a known name split from a lower-case word that it
// modifies with a hyphen ("ISIS-held", "Hezbollah-linked": the name, "-"
// and the word), so that the name is a mention of its own. Spans out of
// range or out of order are dropped.
func (m *Model) splitTokens(text string, tokens []news.Span) []news.Span {
	out := make([]news.Span, 0, len(tokens)+len(tokens)/8)
	prev := 0
	for _, sp := range tokens {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
			continue
		}
		prev = sp.End
		w := text[sp.Start:sp.End]
		if n := possessive(w); n > 0 && n < len(w) {
			out = append(out, news.Span{Start: sp.Start, End: sp.End - n}, news.Span{Start: sp.End - n, End: sp.End})
			continue
		}
		if h := m.modifierHead(w); h > 0 {
			out = append(out, news.Span{Start: sp.Start, End: sp.Start + h}, news.Span{Start: sp.Start + h, End: sp.Start + h + 1},
				news.Span{Start: sp.Start + h + 1, End: sp.End})
			continue
		}
		out = append(out, sp)
	}
	return out
}

// modifierHead returns the length of the name that opens w when w is a
// known organisation's or place's name joined by a hyphen to a lower-case
// word ("ISIS-held", "al-Qaeda-linked", "Idlib-based"), else 0. Names known
// only as peoples' adjectives ("Turkish-backed") are left whole, as the
// training data writes them.
func (m *Model) modifierHead(w string) int {
	h := strings.LastIndexByte(w, '-')
	if h <= 0 || h == len(w)-1 || m.gaz == nil {
		return 0
	}
	head, tail := w[:h], w[h+1:]
	for _, r := range tail {
		if !unicode.IsLower(r) {
			return 0
		}
	}
	if r, _ := utf8.DecodeRuneInString(head); !unicode.IsUpper(r) && !articleName(head) {
		return 0
	}
	if m.aliases != nil {
		if _, ok := m.aliases.index[Key(head, "")]; ok {
			return h
		}
	}
	for _, c := range m.gaz.lookup(head) {
		switch c {
		case gazCountry, gazCity, gazRegion, gazIntlOrg, gazMedia, gazGroup, gazCompany, gazParty, gazInstitution:
			return h
		}
	}
	return 0
}

// possessive returns the byte length of a trailing 's or ’s of w, or 0.
func possessive(w string) int {
	switch {
	case strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S"):
		return 2
	case strings.HasSuffix(w, "\u2019s") || strings.HasSuffix(w, "\u2019S"):
		return 4
	}
	return 0
}

// prepare turns the words of a document into tokens with gazetteer labels,
// the casing mode of each sentence and the document's casing index.
func (m *Model) prepare(doc [][]string) ([][]token, []byte, docCase) {
	return prepareDoc(doc, m.gaz, m.clusters)
}

// decode tags prepared sentences with one or two passes.
func (m *Model) decode(toks [][]token, modes []byte, dc docCase) [][]int {
	tags := decodeTwoPass(m.w, m.w2, toks, modes, dc, int(m.beam))
	for si := range tags {
		dropSentenceOpeners(toks[si], modes[si], dc, tags[si])
		joinNameParticles(toks[si], tags[si])
		if m.aliases != nil {
			m.aliases.tagKnownNames(toks[si], modes[si], tags[si], m.gaz)
		}
	}
	return tags
}

// dropSentenceOpeners untags a one-word mention that opens a mixed-case
// sentence before a comma ("Meanwhile, ...", "Additionally, ...") when no
// gazetteer list has the word, it is nowhere capitalised inside a sentence
// of this document, and it is nearly always written in lower case inside
// sentences of the unlabelled text the word clusters were learned from, or
// is an adverb in -ly seen there too rarely inside a sentence to tell: a
// sentence adverb, not a name.
func dropSentenceOpeners(s []token, mode byte, dc docCase, tags []int) {
	if mode != caseMixed || len(s) < 2 || tags[0] == tagO || isInside(tags[1]) || s[1].word != "," {
		return
	}
	t := &s[0]
	if !t.hasClus || t.nGaz > 0 || dc[t.lower]&1 != 0 {
		return
	}
	if r := t.clus.capRatio(); r >= 1 && r <= 3 || r == 0 && len(t.lower) > 4 && strings.HasSuffix(t.lower, "ly") {
		tags[0] = tagO
	}
}

// joiningParticles are lower-case words inside transliterated and European
// personal names: "Atiyah abd al-Rahman", "Osama bin Laden", "Ludwig van
// Beethoven".
var joiningParticles = map[string]bool{
	"abd": true, "abdel": true, "abdul": true, "abu": true, "bin": true, "ibn": true, "bint": true, "ben": true,
	"al": true, "el": true, "ould": true, "van": true, "von": true, "der": true, "den": true, "de": true,
	"del": true, "della": true, "di": true, "da": true, "dos": true, "du": true, "la": true, "le": true, "ter": true,
}

// joinNameParticles makes one PERSON mention of two that a lower-case name
// particle separates ("Atiyah" abd "al-Rahman"), which the tagger, trained
// on text where such particles are rare, tends to split.
//
// After an Arabic particle ("abd", "bin", "ibn", "abu"), the capitalised
// name that follows belongs to the person whatever type the tagger gave it
// ("Atiyah abd al-Rahman" with "al-Rahman" tagged LOC).
func joinNameParticles(s []token, tags []int) {
	for i := 1; i+1 < len(s); i++ {
		if tags[i] != tagO || s[i].initCap || !joiningParticles[s[i].lower] || typeOf(tags[i-1]) != typeOf(tagBPER) {
			continue
		}
		switch {
		case tags[i+1] == tagBPER:
		case arabicParticles[s[i].lower] && nameLike(&s[i+1]) && (tags[i+1] == tagO || !isInside(tags[i+1])):
		default:
			continue
		}
		tags[i], tags[i+1] = tagIPER, tagIPER
		for k := i + 2; k < len(s) && isInside(tags[k]); k++ {
			tags[k] = tagIPER
		}
	}
}

// nameLike reports whether a token is written as a name: capitalised, or
// after a lower-case article and hyphen ("al-Rahman").
func nameLike(t *token) bool {
	if t.initCap {
		return true
	}
	_, rest, ok := strings.Cut(t.word, "-")
	r, _ := utf8.DecodeRuneInString(rest)
	return ok && unicode.IsUpper(r)
}

// arabicParticles are the [joiningParticles] always followed by a name.
var arabicParticles = map[string]bool{"abd": true, "abdel": true, "abdul": true, "abu": true, "bin": true, "ibn": true, "bint": true, "ould": true}

// knownName is a multi-word name of the alias table, as the tagger's tokens
// see it.
type knownName struct {
	tag  int    // B- tag of the entry's type
	caps []bool // which words are capitalised in the table
}

// tagKnownNames makes one mention of each multi-word alias-table name (the
// longest at each position) that the tagger found part of but split or
// typed differently: "Islamic" MISC + "State targets" ORG becomes "Islamic
// State" ORG. In mixed-case text the name must be capitalised as in the
// table; a name the tagger left wholly untagged stays untagged. In mixed-case
// text, the multi-word organisations of gazetteer g (armed groups, parties,
// international bodies, institutions, media) written as names are treated
// the same way ("Syrian" MISC + "Observatory for Human Rights" ORG). It
// first tags one-word names with [aliasTable.tagKnownWords].
func (at *aliasTable) tagKnownNames(s []token, mode byte, tags []int, g *Gazetteer) {
	at.tagKnownWords(s, mode, tags)
	idx, maxLen := at.names, at.maxWords
	if g != nil {
		maxLen = max(maxLen, g.maxLen)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		best, bestN := knownName{}, 0
		gazN := 0
		b.Reset()
		for n := 1; n <= maxLen && i+n <= len(s); n++ {
			if n > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(s[i+n-1].lower)
			if n < 2 {
				continue
			}
			if k, ok := idx[b.String()]; ok {
				best, bestN = k, n
			} else if g != nil && g.entries[b.String()]&orgCategories != 0 && mode == caseMixed && nameCased(s[i:i+n]) {
				gazN = n
			}
		}
		if bestN == 0 && gazN > 0 && splitOrg(tags[i:i+gazN]) {
			// An organisation of the gazetteer, written as a name, that the
			// tagger split into an organisation and something else.
			best, bestN = knownName{tag: tagBORG, caps: make([]bool, gazN)}, gazN
		}
		if bestN == 0 {
			continue
		}
		tagged, capsOK := false, true
		for j := range bestN {
			tagged = tagged || tags[i+j] != tagO
			if mode == caseMixed && best.caps[j] && !s[i+j].initCap {
				capsOK = false
			}
		}
		if !tagged || !capsOK {
			continue
		}
		within := typeOf(tags[i]) == typeOf(best.tag)
		for j := 1; j < bestN; j++ {
			within = within && tags[i+j] == best.tag+1
		}
		if !within { // else already inside one mention of its type ("U.S. Office of the ...")
			for j := range bestN {
				tags[i+j] = best.tag + boolInt(j > 0)
			}
		}
		// "U.S." before an agency's name is part of it.
		if best.tag == tagBORG && tags[i] == tagBORG && i > 0 && (tags[i-1] == tagBLOC || tags[i-1] == tagBORG) && countryDesignator(s[i-1].word) {
			tags[i-1], tags[i] = tagBORG, tagIORG
		}
		if within {
			i += bestN - 1
			continue
		}
		// A mention the tagger ran on past the name ends with it.
		for k := i + bestN; k < len(s) && isInside(tags[k]); k++ {
			if s[k].initCap {
				tags[k]--
				break
			}
			tags[k] = tagO
		}
		i += bestN - 1
	}
}

// orgCategories are the gazetteer categories of organisations whose
// multi-word names [aliasTable.tagKnownNames] makes one mention of.
const orgCategories = 1<<gazGroup | 1<<gazParty | 1<<gazIntlOrg | 1<<gazInstitution | 1<<gazMedia

// splitOrg reports whether tags hold an ORG mention and more than one
// mention or untagged words: an organisation's name the tagger split.
func splitOrg(tags []int) bool {
	org, starts := false, 0
	for i, t := range tags {
		org = org || typeOf(t) == typeOf(tagBORG)
		if t == tagO || i == 0 || !isInside(t) {
			starts++
		}
	}
	return org && starts > 1
}

// nameLowerWords are the words written in lower case inside names.
var nameLowerWords = map[string]bool{"of": true, "for": true, "the": true, "and": true, "on": true, "in": true, "de": true, "du": true, "des": true, "la": true, "le": true, "al": true}

// nameCased reports whether tokens are written as a name: each capitalised,
// or a lower-case word that names hold ("of", "for", "the", "de").
func nameCased(s []token) bool {
	if !s[0].initCap || !s[len(s)-1].initCap {
		return false
	}
	for i := range s {
		if !s[i].initCap && !nameLowerWords[s[i].lower] {
			return false
		}
	}
	return true
}

// tagKnownWords types a one-word mention of an organisation of the alias
// table as ORG whatever the tagger typed it ("al-Qaida" tagged LOC), and
// tags such a name that the tagger left untagged in mixed-case text ("fighting IS", "an ISIL
// commander", "Daesh - affiliated"): written in capitals as the table
// writes it, or capitalised and not opening the sentence unless a hyphenated
// modifier split it off ("Daesh-affiliated", see [Model.splitTokens]). These names are
// unambiguous when so written; the tagger, trained on text of 1996, does not
// know most of them.
func (at *aliasTable) tagKnownWords(s []token, mode byte, tags []int) {
	for i := range s {
		t := &s[i]
		alone := i+1 == len(s) || !isInside(tags[i+1])
		if tags[i] != tagO && tags[i] != tagBORG && alone {
			// A one-word mention of a table organisation, typed otherwise.
			if e, ok := at.index[Key(t.word, "ORG")]; ok && e.typ == "ORG" && (!e.caps || t.upper) {
				tags[i] = tagBORG
			}
			continue
		}
		if mode != caseMixed || tags[i] != tagO || !t.initCap || (i+1 < len(s) && tags[i+1] != tagO && s[i+1].initCap) {
			continue
		}
		e, ok := at.index[Key(t.word, "ORG")]
		if !ok || e.typ != "ORG" {
			continue
		}
		switch {
		case t.upper && len(t.lower) > 1:
		case !t.upper && !e.caps && (i > 0 || i+1 < len(s) && s[i+1].word == "-"):
		default:
			continue
		}
		tags[i] = tagBORG
	}
}

// countryDesignator reports whether w is a country designator that may
// open an organisation's name (see countryKeyPrefixes).
func countryDesignator(w string) bool {
	return slices.Contains(countryKeyPrefixes, Key(w, "ORG")+" ")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decodeTwoPass tags a document with first-pass weights w1 and, when w2 is
// not empty, again with second-pass weights w2.
func decodeTwoPass[W weight](w1 []int16, w2 []W, toks [][]token, modes []byte, dc docCase, beam int) [][]int {
	tags := decodeDoc(w1, toks, modes, dc, nil, beam)
	if len(w2) == 0 {
		return tags
	}
	return decodeDoc(w2, toks, modes, dc, newFirstPass(toks, modes, tags), beam)
}

// prepareDoc turns the words of a document into tokens with their clusters
// and the labels of gazetteer g (none when g is nil).
func prepareDoc(doc [][]string, g *Gazetteer, clusters map[string]clusterID) ([][]token, []byte, docCase) {
	n := 0
	for _, s := range doc {
		n += len(s)
	}
	all := make([]token, 0, n)
	toks := make([][]token, len(doc))
	modes := make([]byte, len(doc))
	for i, s := range doc {
		k := len(all)
		for _, w := range s {
			t := newToken(w)
			t.clus, t.hasClus = clusters[t.lower]
			all = append(all, t)
		}
		toks[i] = all[k:len(all):len(all)]
		modes[i] = sentenceCase(toks[i])
		if g != nil {
			g.mark(toks[i], modes[i])
		}
	}
	return toks, modes, newDocCase(toks, modes)
}

// weight is the element type of a weight table: int16 when tagging with a
// shipped model, float32 or float64 while training.
type weight interface{ ~int16 | ~float32 | ~float64 }

// scores sets sc to the score of each tag given the feature rows.
func scores[W weight](w []W, feats []uint32, sc *[nTags]float64) {
	*sc = [nTags]float64{}
	if len(w) == 0 {
		return
	}
	for _, f := range feats {
		row := w[int(f)*nTags : int(f)*nTags+nTags]
		for t, v := range row {
			sc[t] += float64(v)
		}
	}
}

// best returns the highest-scoring tag that may follow prev.
func best(sc *[nTags]float64, prev int) int {
	b := tagO
	for t := 1; t < nTags; t++ {
		if sc[t] > sc[b] && valid(prev, t) {
			b = t
		}
	}
	return b
}

// docMemory remembers what was tagged for each word earlier in a document.
type docMemory map[string]byte

func (dm docMemory) get(t *token) byte { return dm[t.lower] }

// remember records the tag chosen for t: its entity type, or nTags+1 for a
// capitalised word tagged O that does not start its sentence.
func (dm docMemory) remember(t *token, tag int, first bool) {
	switch {
	case tag != tagO:
		dm[t.lower] = byte(typeOf(tag))
	case t.initCap && !first && len(t.lower) > 1:
		dm[t.lower] = nTags + 1
	}
}

// tagDoc is the decode loop that tagging and training share: it tags the
// sentences of a document in order with tagSentence, which sees what was
// tagged for each word in the sentences before (mem), and records each
// sentence's tags there.
func tagDoc(doc [][]token, tagSentence func(si int, s []token, mem docMemory) []int) [][]int {
	out := make([][]int, len(doc))
	mem := make(docMemory)
	for si, s := range doc {
		tags := tagSentence(si, s, mem)
		for i, t := range tags {
			mem.remember(&s[i], t, i == 0)
		}
		out[si] = tags
	}
	return out
}

// sentenceContext is what the features of a sentence's tokens read besides
// the sentence: its index in the document, its casing mode, the document's
// casing index, the first pass's output (nil in a first pass) and the
// document memory.
type sentenceContext struct {
	si   int
	mode byte
	dc   docCase
	fp   *firstPass
	mem  docMemory
}

// features appends the rows of every feature of token i given the two
// previous tags.
func (c *sentenceContext) features(dst []uint32, s []token, i, p1, p2 int) []uint32 {
	dst = staticFeatures(dst, s, i, c.mode, c.dc)
	dst = dynamicFeatures(dst, &s[i], p1, p2, c.mem.get(&s[i]))
	if c.fp != nil {
		dst = firstPassFeatures(dst, c.fp, s, c.si, i)
	}
	return dst
}

// greedySentence tags s left to right, each token with the best tag given
// the tags before it. When learn is not nil, it is called with each token's
// features and predicted tag before the next token is scored (training
// updates w there).
func greedySentence[W weight](w []W, s []token, c *sentenceContext, learn func(i int, feats []uint32, pred int)) []int {
	tags := make([]int, len(s))
	feats := make([]uint32, 0, 64)
	var sc [nTags]float64
	p1, p2 := tagO, tagO
	for i := range s {
		feats = c.features(feats[:0], s, i, p1, p2)
		scores(w, feats, &sc)
		t := best(&sc, p1)
		if learn != nil {
			learn(i, feats, t)
		}
		tags[i] = t
		p2, p1 = p1, t
	}
	return tags
}

// decodeDoc tags the sentences of a document with weights w, greedily or
// with a beam of width beam. fp is the first pass's output when w is a
// second-pass table, else nil.
func decodeDoc[W weight](w []W, doc [][]token, modes []byte, dc docCase, fp *firstPass, beam int) [][]int {
	return tagDoc(doc, func(si int, s []token, mem docMemory) []int {
		c := &sentenceContext{si: si, mode: modes[si], dc: dc, fp: fp, mem: mem}
		if beam > 1 {
			return beamSentence(w, s, c, beam)
		}
		return greedySentence(w, s, c, nil)
	})
}

// chunk is an entity mention as a token range [start, end) and a type index.
type chunk struct{ start, end, typ int }

// chunks returns the mentions of an IOB2 tag sequence; a stray I- tag starts
// a mention.
func chunks(tags []int) []chunk {
	var out []chunk
	for i := 0; i < len(tags); {
		if tags[i] == tagO {
			i++
			continue
		}
		typ := typeOf(tags[i])
		j := i + 1
		for j < len(tags) && isInside(tags[j]) && typeOf(tags[j]) == typ {
			j++
		}
		out = append(out, chunk{i, j, typ})
		i = j
	}
	return out
}

// modelMagic starts every model file.
const modelMagic = "dossier-ner 4\n"

// ErrModelFormat is returned by [LoadModel] for data that is not a model.
var ErrModelFormat = errors.New("not a dossier NER model")

// WriteTo writes m gzip-compressed: a header with the number of weight
// tables; the word clusters as a count, then each word (length-prefixed, in
// sorted order) and its cluster id; then each weight table: its non-zero rows
// as a delta-coded row index and nTags zigzag varints, ended by a zero delta.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	bw.WriteByte(m.fbits)
	bw.WriteByte(nTags)
	tables := [][]int16{m.w}
	if len(m.w2) > 0 {
		tables = append(tables, m.w2)
	}
	bw.WriteByte(byte(len(tables)))
	bw.WriteByte(m.beam)
	var buf []byte
	words := slices.Sorted(maps.Keys(m.clusters))
	buf = binary.AppendUvarint(buf, uint64(len(words)))
	for _, w := range words {
		buf = binary.AppendUvarint(buf, uint64(len(w)))
		buf = append(buf, w...)
		buf = binary.AppendUvarint(buf, uint64(m.clusters[w]))
	}
	bw.Write(buf)
	for _, w := range tables {
		last := -1
		for r := range len(w) / nTags {
			row := w[r*nTags : r*nTags+nTags]
			if [nTags]int16(row) == [nTags]int16{} {
				continue
			}
			buf = binary.AppendUvarint(buf[:0], uint64(r-last))
			for _, v := range row {
				buf = binary.AppendVarint(buf, int64(v))
			}
			bw.Write(buf)
			last = r
		}
		bw.WriteByte(0)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, cw.err
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// LoadModel reads a model written by [Model.WriteTo].
func LoadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModelFormat, err)
	}
	defer zr.Close()
	br := bufio.NewReader(zr)
	head := make([]byte, len(modelMagic)+4)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(modelMagic)]) != modelMagic {
		return nil, ErrModelFormat
	}
	fbits, nt, ntab, beam := head[len(modelMagic)], head[len(modelMagic)+1], head[len(modelMagic)+2], head[len(modelMagic)+3]
	if fbits != featureBits || nt != nTags {
		return nil, fmt.Errorf("%w: %d feature bits and %d tags, want %d and %d", ErrModelFormat, fbits, nt, featureBits, nTags)
	}
	if ntab < 1 || ntab > 2 {
		return nil, fmt.Errorf("%w: %d weight tables", ErrModelFormat, ntab)
	}
	if beam > maxBeam {
		return nil, fmt.Errorf("%w: beam width %d", ErrModelFormat, beam)
	}
	m := &Model{w: make([]int16, (1<<featureBits)*nTags), fbits: fbits, beam: beam}
	nw, err := binary.ReadUvarint(br)
	if err != nil || nw > 1<<24 {
		return nil, fmt.Errorf("%w: bad cluster count", ErrModelFormat)
	}
	if nw > 0 {
		m.clusters = make(map[string]clusterID, nw)
	}
	for range nw {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1<<10 {
			return nil, fmt.Errorf("%w: bad cluster word", ErrModelFormat)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrModelFormat, io.ErrUnexpectedEOF)
		}
		id, err := binary.ReadUvarint(br)
		if err != nil || id > math.MaxUint32 {
			return nil, fmt.Errorf("%w: bad cluster id", ErrModelFormat)
		}
		m.clusters[string(b)] = clusterID(id)
	}
	if err := readTable(br, m.w); err != nil {
		return nil, err
	}
	if ntab == 2 {
		m.w2 = make([]int16, len(m.w))
		if err := readTable(br, m.w2); err != nil {
			return nil, err
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("%w: trailing data", ErrModelFormat)
	}
	return m, nil
}

// readTable reads the rows of one weight table into w, up to its end mark.
func readTable(br *bufio.Reader, w []int16) error {
	row := -1
	for {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrModelFormat, io.ErrUnexpectedEOF)
		}
		if d == 0 {
			return nil
		}
		if d >= 1<<featureBits || row+int(d) >= 1<<featureBits {
			return fmt.Errorf("%w: row out of range", ErrModelFormat)
		}
		row += int(d)
		for t := range nTags {
			v, err := binary.ReadVarint(br)
			if err != nil {
				return fmt.Errorf("%w: %w", ErrModelFormat, io.ErrUnexpectedEOF)
			}
			if v < math.MinInt16 || v > math.MaxInt16 {
				return fmt.Errorf("%w: weight out of range", ErrModelFormat)
			}
			w[row*nTags+t] = int16(v)
		}
	}
}
