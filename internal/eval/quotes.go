package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/quote"
	"github.com/dossier-news/dossier/internal/segment"
)

// quotesPublished are published figures of rule-based attribution systems
// on news text (direct-quote F1; their speaker accuracy is about 0.86).
var quotesPublished = []Baseline{
	{Name: "rule-based (pub.)", F: 0.84, Published: true},
}

// QuoteScores are the figures of [quote.Find] on PolNeAR that CI floors.
type QuoteScores struct {
	Direct     PRF     // direct quotes
	SpeakerAcc float64 // share of matched direct quotes whose speaker is right
	All        PRF     // all attributions: direct and indirect
	// SpeakerAll is the share of matched attributions (direct and
	// indirect) whose gold Source names someone (see [goldNames]) with
	// the right speaker.
	SpeakerAll float64
	Docs       int
}

// spanSet is a possibly discontinuous span: byte ranges of the text.
type spanSet []news.Span

func (s spanSet) size() int {
	n := 0
	for _, p := range s {
		n += p.Len()
	}
	return n
}

func (s spanSet) overlap(t spanSet) int {
	n := 0
	for _, a := range s {
		for _, b := range t {
			if lo, hi := max(a.Start, b.Start), min(a.End, b.End); lo < hi {
				n += hi - lo
			}
		}
	}
	return n
}

// goldAttr is one PolNeAR attribution: its content and source spans.
type goldAttr struct {
	content, source, cue spanSet
	direct               bool
}

// Quotes scores [quote.Find] on the PolNeAR dev split in dataDir/polnear/dev.
// Report.Score is the P/R/F1 of direct quotes; speaker accuracy and the
// P/R/F1 of all attributions are in the notes (and in [QuoteFigures]).
func Quotes(dataDir string) (Report, error) {
	return quotesReport(dataDir, "dev")
}

// QuotesTrain scores [quote.Find] on the PolNeAR train split, the part the
// rules were tuned on, as [Quotes] does dev.
func QuotesTrain(dataDir string) (Report, error) {
	return quotesReport(dataDir, "train")
}

func quotesReport(dataDir, split string) (Report, error) {
	s, err := quoteFigures(filepath.Join(dataDir, "polnear", split))
	if err != nil {
		return Report{}, err
	}
	return Report{
		Task: "quotes", Set: "polnear " + split, Path: "quote.Find with our NER entities, as the pipeline runs it", Unit: "documents", N: s.Docs,
		Score: s.Direct, Baselines: slices.Clone(quotesPublished),
		Measures: []Measure{{Name: "speaker", Value: s.SpeakerAcc}, {Name: "all", Value: s.All.F}, {Name: "speaker all", Value: s.SpeakerAll}},
		Notes: []string{
			fmt.Sprintf("speaker accuracy %.3f (of matched direct quotes)", s.SpeakerAcc),
			fmt.Sprintf("all attributions (direct + indirect) P %.3f  R %.3f  F1 %.3f; speaker accuracy %.3f "+
				"(of all matched attributions whose gold Source names someone: a name heads it, or it refers back to one)", s.All.P, s.All.R, s.All.F, s.SpeakerAll),
			"each text goes through the product's path: segment.Sentences and Tokens, entity.Recognize and " +
				"entity.Resolve, then quote.Find with those entities",
			"a speaker is right when its span overlaps the gold Source or it names the same entity: the name " +
				"heading the Source (equal, its surname, or resolved to one canonical name by entity.Resolve); " +
				"a pronoun or definite-description Source names the entity of the nearest earlier gold Source " +
				"headed by a name (a person for he/she, not nested in another attribution), as PolNeAR has no " +
				"coreference; any other Source counts only by overlap",
			"gold direct quote: a Content span beginning and ending with a double quotation mark (or two apostrophes); " +
				"a match overlaps at least half of the gold span and half of the predicted one (one to one); " +
				"first annotator's file when there are several; partial quotes are not scored " +
				"(PolNeAR puts them inside larger indirect contents)",
		},
	}, nil
}

// QuoteFigures computes the figures of [Quotes], micro-averaged over the
// documents of PolNeAR dev.
func QuoteFigures(dataDir string) (QuoteScores, error) {
	return quoteFigures(filepath.Join(dataDir, "polnear", "dev"))
}

// quoteDoc is one PolNeAR text with its gold attributions and what the
// product finds in it.
type quoteDoc struct {
	name   string
	text   string
	gold   []goldAttr
	ents   []news.Entity // our recognizer's mentions, resolved within the document
	quotes []news.Quote
}

// findQuotes runs the product's path on text, as internal/pipeline does:
// sentences and tokens, the embedded NER model, mentions resolved to
// canonical names within the document, then [quote.Find] with them.
func findQuotes(text string) ([]news.Quote, []news.Entity) {
	ents := entity.Resolve(entity.Recognize(text, segment.Tokens(text)))
	qs, _ := quote.Find(text, segment.Sentences(text), ents)
	return qs, ents
}

// readQuoteDocs calls fn on every text of the PolNeAR split in dir, in name
// order, with the first annotator's attributions when there are several.
func readQuoteDocs(dir string, fn func(quoteDoc)) error {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return err
	}
	if len(anns) == 0 {
		return fmt.Errorf("no .ann files in %s", dir)
	}
	slices.Sort(anns)
	seen := map[string]bool{}
	for _, ann := range anns {
		base := filepath.Base(ann)
		base = base[:strings.LastIndexByte(base, '_')]
		if seen[base] {
			continue // one annotator per text: the first file in name order
		}
		seen[base] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			return err
		}
		text := string(raw)
		gold, err := readPolNeAR(ann, text)
		if err != nil {
			return err
		}
		qs, ents := findQuotes(text)
		fn(quoteDoc{name: base, text: text, gold: gold, ents: ents, quotes: qs})
	}
	return nil
}

// kinds splits quotes into the direct ones and all scored attributions
// (direct and indirect), and the gold attributions into the direct ones.
func (d quoteDoc) kinds() (direct, all []news.Quote, goldDirect []goldAttr) {
	for _, q := range d.quotes {
		switch q.Kind {
		case quote.KindDirect:
			direct = append(direct, q)
			all = append(all, q)
		case quote.KindIndirect:
			all = append(all, q)
		}
	}
	for _, g := range d.gold {
		if g.direct {
			goldDirect = append(goldDirect, g)
		}
	}
	return direct, all, goldDirect
}

// quoteFigures computes the figures of [Quotes] on the PolNeAR split in dir.
func quoteFigures(dir string) (QuoteScores, error) {
	var s QuoteScores
	var dTP, dPred, dGold, aTP, aPred, aGold, spRight, spN, saRight, saN int
	err := readQuoteDocs(dir, func(d quoteDoc) {
		s.Docs++
		direct, all, gd := d.kinds()
		pairs := matchQuotes(direct, gd)
		dTP, dPred, dGold = dTP+len(pairs), dPred+len(direct), dGold+len(gd)
		for pi, gi := range pairs {
			if len(gd[gi].source) == 0 {
				continue
			}
			spN++
			if speakerRight(d.text, direct[pi], gd[gi], d.gold, d.ents) {
				spRight++
			}
		}
		apairs := matchQuotes(all, d.gold)
		for pi, gi := range apairs {
			// Only Sources that name someone: a name heads them, or they
			// refer back to one ("he", "the senator").
			if len(d.gold[gi].source) == 0 || len(goldNames(d.text, d.gold[gi], d.gold, d.ents)) == 0 {
				continue
			}
			saN++
			if speakerRight(d.text, all[pi], d.gold[gi], d.gold, d.ents) {
				saRight++
			}
		}
		aTP, aPred, aGold = aTP+len(apairs), aPred+len(all), aGold+len(d.gold)
	})
	if err != nil {
		return QuoteScores{}, err
	}
	s.Direct = prf(dTP, dPred, dGold)
	s.All = prf(aTP, aPred, aGold)
	if spN > 0 {
		s.SpeakerAcc = float64(spRight) / float64(spN)
	}
	if saN > 0 {
		s.SpeakerAll = float64(saRight) / float64(saN)
	}
	return s, nil
}

// matchQuotes pairs predicted and gold quotes one to one, each predicted
// quote with the unmatched gold quote it overlaps most, when the overlap is
// at least half of both. It returns predicted index -> gold index.
func matchQuotes(pred []news.Quote, gold []goldAttr) map[int]int {
	pairs := map[int]int{}
	used := make([]bool, len(gold))
	for pi, q := range pred {
		ps := spanSet{{Start: q.Start, End: q.End}}
		best, bestOv := -1, 0
		for gi, g := range gold {
			if used[gi] {
				continue
			}
			ov := ps.overlap(g.content)
			if 2*ov >= g.content.size() && 2*ov >= ps.size() && ov > bestOv {
				best, bestOv = gi, ov
			}
		}
		if best >= 0 {
			used[best] = true
			pairs[pi] = best
		}
	}
	return pairs
}

// speakerRight reports whether q's speaker is the gold source g: its span
// overlaps g's Source span, or it names the same entity as g.
//
// The entity g names is that of a name heading its Source ("Sen. Ted Cruz",
// "Cruz, a Texan,", not the "Trump" of "Trump's aide" or "the Trump
// campaign"). PolNeAR has no coreference, so a Source that is a pronoun or
// a definite description ("he", "the senator") is taken to name the entity
// of the nearest earlier gold Source headed by a name; any other Source
// ("a spokesman", "officials", "I") is right only by overlap. Names are the
// same when they are equal, when one is the surname of the other (titles
// aside), or when our recognizer resolved them to one canonical name.
func speakerRight(text string, q news.Quote, g goldAttr, all []goldAttr, ents []news.Entity) bool {
	if q.Speaker == "" {
		return false
	}
	if g.source.overlap(spanSet{{Start: q.SpeakerStart, End: q.SpeakerEnd}}) > 0 {
		return true
	}
	for _, n := range goldNames(text, g, all, ents) {
		if sameName(q.Speaker, n) {
			return true
		}
	}
	return false
}

// goldNames returns the names of the entity the gold Source of g names (see
// [speakerRight]), or nil.
func goldNames(text string, g goldAttr, all []goldAttr, ents []news.Entity) []string {
	names, _ := sourceNames(text, g.source, ents)
	if len(names) > 0 || !anaphoric(text, g.source) {
		return names
	}
	// The antecedent: the nearest earlier Source headed by a name, at the
	// same level (not inside the content of an attribution that g's
	// Source is outside of), naming a person when g is "he" or "she".
	personal := personalPronoun(text, g.source)
	at := g.source[0].Start
	nested := func(o goldAttr) bool {
		for _, c := range all {
			if c.content.overlap(spanSet{o.source[0]}) > 0 && c.content.overlap(spanSet{{Start: at, End: at + 1}}) == 0 {
				return true
			}
		}
		return false
	}
	best := -1
	var bestNames []string
	for i, o := range all {
		if len(o.source) == 0 || o.source[0].Start >= at {
			continue
		}
		if best >= 0 && o.source[0].Start <= all[best].source[0].Start {
			continue
		}
		if n, person := sourceNames(text, o.source, ents); len(n) > 0 && (person || !personal) && !nested(o) {
			best, bestNames = i, n
		}
	}
	return bestNames
}

// personalPronoun reports whether a Source is "he" or "she".
func personalPronoun(text string, src spanSet) bool {
	f := strings.FieldsFunc(src.text(text), unicode.IsSpace)
	return len(f) == 1 && (strings.EqualFold(f[0], "he") || strings.EqualFold(f[0], "she"))
}

// definiteWords open a Source that refers back: a pronoun or a definite
// description.
var definiteWords = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true,
	"the": true, "this": true, "that": true, "these": true, "those": true}

// anaphoric reports whether a Source is a pronoun or a definite description.
func anaphoric(text string, src spanSet) bool {
	f := strings.FieldsFunc(src.text(text), unicode.IsSpace)
	return len(f) > 0 && definiteWords[strings.ToLower(strings.Trim(f[0], ",;:"))]
}

// headPreps are prepositions whose capitalised object does not head a
// Source ("a delegate from Vermont").
var headPreps = map[string]bool{"of": true, "from": true, "at": true, "in": true, "for": true, "with": true,
	"by": true, "to": true, "on": true, "about": true, "under": true, "than": true}

// sourceNames returns the names heading a Source: every run of capitalised
// words in it ("of" may join two: "Secretary of State John Kerry") that is
// not a function word, not the object of a preposition, not possessive and
// not a modifier of a lower-case noun after it ("the Trump campaign"), with
// the canonical names of our recognizer's mentions inside those runs.
// person reports whether one of those mentions is a PERSON.
func sourceNames(text string, src spanSet, ents []news.Entity) (names []string, person bool) {
	for _, sp := range src {
		words := wordSpans(text, sp)
		word := func(k int) string { return text[words[k].Start:words[k].End] }
		for i := 0; i < len(words); {
			if !isNameWord(word(i)) {
				i++
				continue
			}
			j := i
			for j+1 < len(words) && !possessive(word(j)) && !endsPunct(word(j)) {
				if isNameWord(word(j + 1)) {
					j++
				} else if word(j+1) == "of" && j+2 < len(words) && isNameWord(word(j+2)) {
					j += 2
				} else {
					break
				}
			}
			last := word(j)
			modifier := j+1 < len(words) && !endsPunct(last) && isLowerWord(word(j+1))
			object := i > 0 && headPreps[word(i-1)]
			if !possessive(last) && !modifier && !object {
				run := news.Span{Start: words[i].Start, End: words[j].End}
				names = append(names, strings.Trim(text[run.Start:run.End], ",.;:()"))
				for _, e := range ents {
					if e.Start < run.End && run.Start < e.End && e.Canonical != "" {
						names = append(names, e.Canonical)
						person = person || e.Type == "PERSON"
					}
				}
			}
			i = j + 1
		}
	}
	return names, person
}

// endsPunct reports whether a word ends with a comma, a parenthesis or a
// sentence mark.
func endsPunct(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(",;:()”\"", r)
}

// wordSpans returns the white-space separated words of text[sp].
func wordSpans(text string, sp news.Span) []news.Span {
	var out []news.Span
	i := sp.Start
	for i < sp.End {
		for i < sp.End && isSpaceAt(text, i) {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		j := i
		for j < sp.End && !isSpaceAt(text, j) {
			_, n := utf8.DecodeRuneInString(text[j:])
			j += n
		}
		if i < j {
			out = append(out, news.Span{Start: i, End: j})
		}
		i = j
	}
	return out
}

func isSpaceAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

// notNames are capitalised words that do not begin a name.
var notNames = map[string]bool{"the": true, "a": true, "an": true, "he": true, "she": true, "they": true,
	"it": true, "we": true, "i": true, "you": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "this": true, "that": true, "these": true, "those": true, "one": true,
	"some": true, "many": true, "both": true, "but": true, "and": true, "other": true, "another": true}

// isNameWord reports whether w is a capitalised word that can be part of a name.
func isNameWord(w string) bool {
	w = strings.Trim(w, "\"“”(),;:")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && !notNames[strings.ToLower(w)]
}

// isLowerWord reports whether w begins with a lower-case letter.
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func possessive(w string) bool {
	w = strings.TrimRight(w, ",")
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")
}

// nameTitles are titles dropped before names are compared.
var nameTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "senator": true,
	"rep": true, "gov": true, "governor": true, "president": true, "secretary": true, "former": true,
	"gen": true, "judge": true, "justice": true, "speaker": true, "rev": true, "vice": true}

// nameWords returns the words of a name in lower case, without titles,
// punctuation and a possessive, "al-" dropped from each.
func nameWords(s string) []string {
	var out []string
	for w := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’'
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		w = strings.Trim(w, "'’-")
		w = strings.TrimPrefix(w, "al-")
		if w == "" || nameTitles[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// sameName reports whether two names name one entity: equal, or one is
// the other's surname (titles aside).
func sameName(a, b string) bool {
	x, y := nameWords(a), nameWords(b)
	if len(x) == 0 || len(y) == 0 || x[len(x)-1] != y[len(y)-1] {
		return false
	}
	return len(x) == 1 || len(y) == 1 || slices.Equal(x, y) || x[0] == y[0]
}

func (s spanSet) text(t string) string {
	var parts []string
	for _, p := range s {
		parts = append(parts, t[p.Start:p.End])
	}
	return strings.Join(parts, " ")
}

// readPolNeAR reads the attributions of a brat .ann file, turning its
// character offsets into byte offsets of text.
func readPolNeAR(path, text string) ([]goldAttr, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	spans := map[string]spanSet{}
	var events [][]string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 {
			continue
		}
		switch f[0][0] {
		case 'T':
			label, rng, ok := strings.Cut(f[1], " ")
			if !ok {
				continue
			}
			var ss spanSet
			for r := range strings.SplitSeq(rng, ";") {
				a, b, _ := strings.Cut(r, " ")
				i, err1 := strconv.Atoi(a)
				j, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || i < 0 || j < i || j >= len(byteAt) {
					return nil, fmt.Errorf("%s: bad span %q", path, r)
				}
				ss = append(ss, news.Span{Start: byteAt[i], End: byteAt[j]})
			}
			_ = label
			spans[f[0]] = ss
		case 'E':
			events = append(events, strings.Fields(f[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []goldAttr
	for _, e := range events {
		var g goldAttr
		for _, role := range e {
			r, id, _ := strings.Cut(role, ":")
			// A quote split by its cue has its parts as Content,
			// Content2, …; a source may have parts too.
			switch strings.TrimRight(r, "0123456789") {
			case "Content":
				g.content = append(g.content, spans[id]...)
			case "Source":
				g.source = append(g.source, spans[id]...)
			case "Cue":
				g.cue = append(g.cue, spans[id]...)
			}
		}
		if len(g.content) == 0 {
			continue
		}
		slices.SortFunc(g.content, func(a, b news.Span) int { return a.Start - b.Start })
		slices.SortFunc(g.source, func(a, b news.Span) int { return a.Start - b.Start })
		first := strings.TrimSpace(text[g.content[0].Start:g.content[0].End])
		last := strings.TrimSpace(text[g.content[len(g.content)-1].Start:g.content[len(g.content)-1].End])
		g.direct = isMark(first, true) && isMark(last, false)
		out = append(out, g)
	}
	return out, nil
}

// isMark reports whether s begins (first) or ends with a double quotation
// mark, or two apostrophes typed as one (as the New York Times texts of
// PolNeAR have them).
func isMark(s string, first bool) bool {
	if first && strings.HasPrefix(s, "''") || !first && strings.HasSuffix(s, "''") {
		return true
	}
	var r rune
	if first {
		r, _ = utf8.DecodeRuneInString(s)
	} else {
		r, _ = utf8.DecodeLastRuneInString(s)
	}
	return r == '"' || r == '“' || r == '”'
}
