package eval

import (
	"strings"
	"unicode"

	"github.com/dossier-news/dossier/internal/stem"
)

// RougeTokens splits s as the ROUGE script does with -m: lower-cased runs
// of letters and digits, each Porter-stemmed.
func RougeTokens(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
	for i, w := range ws {
		ws[i] = stem.Porter(w)
	}
	return ws
}

// Rouge holds ROUGE-1, ROUGE-2 and ROUGE-L scores.
type Rouge struct{ R1, R2, RL PRF }

// RougeScore scores candidate tokens against reference tokens: n-gram
// co-occurrence with clipped counts (ROUGE-N) and the longest common
// subsequence of the two token sequences (ROUGE-L, summary level without
// sentence splitting).
func RougeScore(cand, ref []string) Rouge {
	return Rouge{R1: rougeN(cand, ref, 1), R2: rougeN(cand, ref, 2), RL: rougeL(cand, ref)}
}

func ngrams(ts []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(ts); i++ {
		m[strings.Join(ts[i:i+n], " ")]++
	}
	return m
}

func rougeN(cand, ref []string, n int) PRF {
	c, r := ngrams(cand, n), ngrams(ref, n)
	var hit, nc, nr int
	for g, k := range c {
		nc += k
		hit += min(k, r[g])
	}
	for _, k := range r {
		nr += k
	}
	return fscore(hit, nc, nr)
}

func rougeL(cand, ref []string) PRF {
	if len(cand) == 0 || len(ref) == 0 {
		return PRF{}
	}
	prev := make([]int, len(ref)+1)
	cur := make([]int, len(ref)+1)
	for i := 1; i <= len(cand); i++ {
		for j := 1; j <= len(ref); j++ {
			if cand[i-1] == ref[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(cur[j-1], prev[j])
			}
		}
		prev, cur = cur, prev
	}
	return fscore(prev[len(ref)], len(cand), len(ref))
}

// fscore is prf without its convention that two empty sides score 1.
func fscore(hit, nc, nr int) PRF {
	if nc == 0 || nr == 0 {
		return PRF{}
	}
	return prf(hit, nc, nr)
}
