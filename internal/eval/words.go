package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// PRF is precision, recall and F1.
type PRF struct{ P, R, F float64 }

// prf computes precision, recall and F1 from counts. Empty prediction and
// empty gold score 1; one of them empty scores 0.
func prf(tp, predicted, gold int) PRF {
	if predicted == 0 && gold == 0 {
		return PRF{1, 1, 1}
	}
	var s PRF
	if predicted > 0 {
		s.P = float64(tp) / float64(predicted)
	}
	if gold > 0 {
		s.R = float64(tp) / float64(gold)
	}
	if s.P+s.R > 0 {
		s.F = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// Words splits s into lower-cased words (runs of letters and digits) after
// NFKC normalisation, the unit of the word-level text metrics.
func Words(s string) []string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
}

// WordPRF scores predicted text against gold text as bags of words.
func WordPRF(pred, gold string) PRF {
	bag := make(map[string]int)
	for _, w := range Words(gold) {
		bag[w]++
	}
	ng := 0
	for _, c := range bag {
		ng += c
	}
	tp, np := 0, 0
	for _, w := range Words(pred) {
		np++
		if bag[w] > 0 {
			bag[w]--
			tp++
		}
	}
	return prf(tp, np, ng)
}

// Mean is a running macro average of PRF scores.
type Mean struct {
	sum PRF
	n   int
}

// Add adds one score.
func (m *Mean) Add(s PRF) { m.sum.P += s.P; m.sum.R += s.R; m.sum.F += s.F; m.n++ }

// N returns the number of scores added.
func (m *Mean) N() int { return m.n }

// Value returns the macro average.
func (m *Mean) Value() PRF {
	if m.n == 0 {
		return PRF{}
	}
	return PRF{m.sum.P / float64(m.n), m.sum.R / float64(m.n), m.sum.F / float64(m.n)}
}
