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
	content, source spanSet
	direct          bool
}

// Quotes scores [quote.Find] on the PolNeAR dev split in dataDir/polnear/dev.
// Report.Score is the P/R/F1 of direct quotes; speaker accuracy and the
// P/R/F1 of all attributions are in the notes (and in [QuoteFigures]).
func Quotes(dataDir string) (Report, error) {
	s, err := QuoteFigures(dataDir)
	if err != nil {
		return Report{}, err
	}
	return Report{
		Task: "quotes", Set: "polnear dev", Path: "rule-based quote finder, no NER", Unit: "documents", N: s.Docs,
		Score: s.Direct, Baselines: slices.Clone(quotesPublished),
		Notes: []string{
			fmt.Sprintf("speaker accuracy %.3f (of matched direct quotes)", s.SpeakerAcc),
			fmt.Sprintf("all attributions (direct + indirect) P %.3f  R %.3f  F1 %.3f", s.All.P, s.All.R, s.All.F),
			"gold direct quote: a Content span beginning and ending with a double quotation mark; " +
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

// quoteFigures computes the figures of [Quotes] on the PolNeAR split in dir.
func quoteFigures(dir string) (QuoteScores, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return QuoteScores{}, err
	}
	if len(anns) == 0 {
		return QuoteScores{}, fmt.Errorf("no .ann files in %s", dir)
	}
	slices.Sort(anns)
	var s QuoteScores
	var dTP, dPred, dGold, aTP, aPred, aGold, spRight, spN int
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
			return QuoteScores{}, err
		}
		text := string(raw)
		gold, err := readPolNeAR(ann, text)
		if err != nil {
			return QuoteScores{}, err
		}
		s.Docs++
		qs, _ := quote.Find(text, segment.Sentences(text), nil)
		var direct, all []news.Quote
		for _, q := range qs {
			switch q.Kind {
			case quote.KindDirect:
				direct = append(direct, q)
				all = append(all, q)
			case quote.KindIndirect:
				all = append(all, q)
			}
		}
		var gd []goldAttr
		for _, g := range gold {
			if g.direct {
				gd = append(gd, g)
			}
		}
		pairs := matchQuotes(direct, gd)
		dTP, dPred, dGold = dTP+len(pairs), dPred+len(direct), dGold+len(gd)
		for pi, gi := range pairs {
			if len(gd[gi].source) == 0 {
				continue
			}
			spN++
			if speakerRight(text, direct[pi], gd[gi], gold) {
				spRight++
			}
		}
		aTP, aPred, aGold = aTP+len(matchQuotes(all, gold)), aPred+len(all), aGold+len(gold)
	}
	s.Direct = prf(dTP, dPred, dGold)
	s.All = prf(aTP, aPred, aGold)
	if spN > 0 {
		s.SpeakerAcc = float64(spRight) / float64(spN)
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

// speakerRight reports whether q's speaker is the gold source: its span
// overlaps the gold Source span, or it names the same person (same last
// name). A gold source without a capitalised word (a pronoun or a
// description) names the person of the nearest earlier gold source that
// has one.
func speakerRight(text string, q news.Quote, g goldAttr, all []goldAttr) bool {
	if q.Speaker == "" {
		return false
	}
	if g.source.overlap(spanSet{{Start: q.SpeakerStart, End: q.SpeakerEnd}}) > 0 {
		return true
	}
	src := g.source.text(text)
	if !hasCap(src) {
		best := -1
		for _, o := range all {
			if len(o.source) == 0 || o.source[0].Start >= g.source[0].Start || !hasCap(o.source.text(text)) {
				continue
			}
			if best < 0 || o.source[0].Start > all[best].source[0].Start {
				best = slices.IndexFunc(all, func(x goldAttr) bool { return len(x.source) > 0 && x.source[0] == o.source[0] })
			}
		}
		if best < 0 {
			return false
		}
		src = all[best].source.text(text)
	}
	last := lastName(q.Speaker)
	for w := range strings.FieldsFuncSeq(strings.ToLower(src), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if strings.TrimSuffix(strings.TrimPrefix(w, "al-"), "-") == last {
			return true
		}
	}
	return false
}

func (s spanSet) text(t string) string {
	var parts []string
	for _, p := range s {
		parts = append(parts, t[p.Start:p.End])
	}
	return strings.Join(parts, " ")
}

func hasCap(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && w != "I" {
			return true
		}
	}
	return false
}

// lastName returns the last word of a name in lower case, without "al-"
// and a possessive.
func lastName(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	w := strings.TrimSuffix(strings.TrimSuffix(f[len(f)-1], "'s"), "’s")
	return strings.TrimPrefix(w, "al-")
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
			switch r {
			case "Content":
				g.content = spans[id]
			case "Source":
				g.source = spans[id]
			}
		}
		if len(g.content) == 0 {
			continue
		}
		first := strings.TrimSpace(text[g.content[0].Start:g.content[0].End])
		last := strings.TrimSpace(text[g.content[len(g.content)-1].Start:g.content[len(g.content)-1].End])
		g.direct = isMark(first, true) && isMark(last, false)
		out = append(out, g)
	}
	return out, nil
}

// isMark reports whether s begins (first) or ends with a double quotation mark.
func isMark(s string, first bool) bool {
	var r rune
	if first {
		r, _ = utf8.DecodeRuneInString(s)
	} else {
		r, _ = utf8.DecodeLastRuneInString(s)
	}
	return r == '"' || r == '“' || r == '”'
}
