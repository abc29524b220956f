package entity

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Word clusters: each lower-cased word of an unlabelled corpus is put in one
// of clusterCoarse and one of clusterFine classes by k-means over its
// left and right neighbours (a cheap stand-in for Brown clusters). The
// tagger uses the class ids as features, so that a word unseen in the
// labelled data still looks like the words it keeps company with.

const (
	clusterFine     = 256
	clusterCoarse   = 48
	clusterMinCount = 3     // rarer words get no cluster
	clusterContexts = 600   // the most frequent words serve as context dimensions
	clusterMaxWords = 60000 // the most frequent words are clustered
	clusterRounds   = 12
)

// clusterWords tokenises unlabelled text for clustering: split on spaces,
// punctuation split off word ends, lower-cased.
func clusterWords(text string) []string {
	var out []string
	for f := range strings.FieldsSeq(text) {
		f = strings.ToLower(normWord(f))
		for f != "" && strings.ContainsRune("\"'([{", rune(f[0])) {
			out = append(out, f[:1])
			f = f[1:]
		}
		var tail []string
		for len(f) > 1 && strings.ContainsRune("\"')]},.;:!?", rune(f[len(f)-1])) {
			tail = append(tail, f[len(f)-1:])
			f = f[:len(f)-1]
		}
		if n := possessive(f); n > 0 && n < len(f) {
			out = append(out, f[:len(f)-n], "'s")
		} else if f != "" {
			out = append(out, f)
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}

// learnClusters clusters the words of sentences (lower-cased tokens). It
// returns each clustered word's id: coarse<<8 | fine. The result is
// deterministic.
func learnClusters(sentences [][]string) map[string]uint16 {
	freq := make(map[string]int)
	for _, s := range sentences {
		for _, w := range s {
			freq[w]++
		}
	}
	vocab := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= clusterMinCount {
			vocab = append(vocab, w)
		}
	}
	slices.SortFunc(vocab, func(a, b string) int {
		return cmp.Or(cmp.Compare(freq[b], freq[a]), strings.Compare(a, b))
	})
	if len(vocab) > clusterMaxWords {
		vocab = vocab[:clusterMaxWords]
	}
	if len(vocab) < clusterFine {
		return nil
	}
	index := make(map[string]int, len(vocab))
	for i, w := range vocab {
		index[w] = i
	}
	nctx := min(clusterContexts, len(vocab))
	dims := 2*nctx + 2 // left contexts, right contexts, two "other" buckets
	counts := make([]map[int32]float32, len(vocab))
	for i := range counts {
		counts[i] = make(map[int32]float32)
	}
	ctx := func(w string, right bool) int32 {
		d := nctx
		if i, ok := index[w]; ok && i < nctx {
			d = i
		}
		if right {
			d += nctx + 1
		}
		return int32(d)
	}
	for _, s := range sentences {
		for j, w := range s {
			i, ok := index[w]
			if !ok {
				continue
			}
			l, r := "<s>", "</s>"
			if j > 0 {
				l = s[j-1]
			}
			if j+1 < len(s) {
				r = s[j+1]
			}
			counts[i][ctx(l, false)]++
			counts[i][ctx(r, true)]++
		}
	}
	// Sparse unit vectors of sqrt counts.
	type entry struct {
		d int32
		v float32
	}
	vecs := make([][]entry, len(vocab))
	for i, c := range counts {
		v := make([]entry, 0, len(c))
		for d, n := range c {
			v = append(v, entry{d, float32(math.Sqrt(float64(n)))})
		}
		slices.SortFunc(v, func(a, b entry) int { return cmp.Compare(a.d, b.d) })
		var norm float64 // summed in sorted order, so that training is deterministic
		for _, e := range v {
			norm += float64(e.v * e.v)
		}
		inv := float32(1 / math.Sqrt(norm))
		for k := range v {
			v[k].v *= inv
		}
		vecs[i] = v
	}
	kmeans := func(k int) []int {
		cent := make([]float32, k*dims)
		for c := range k { // the k most frequent words seed the clusters
			for _, e := range vecs[c] {
				cent[c*dims+int(e.d)] = e.v
			}
		}
		assign := make([]int, len(vecs))
		for range clusterRounds {
			for i, v := range vecs {
				bestC, bestS := 0, float32(-1)
				for c := range k {
					row := cent[c*dims : c*dims+dims]
					var s float32
					for _, e := range v {
						s += row[e.d] * e.v
					}
					if s > bestS {
						bestC, bestS = c, s
					}
				}
				assign[i] = bestC
			}
			clear(cent)
			for i, v := range vecs {
				row := cent[assign[i]*dims : assign[i]*dims+dims]
				for _, e := range v {
					row[e.d] += e.v
				}
			}
			for c := range k {
				row := cent[c*dims : c*dims+dims]
				var norm float64
				for _, x := range row {
					norm += float64(x * x)
				}
				if norm == 0 {
					continue
				}
				inv := float32(1 / math.Sqrt(norm))
				for d := range row {
					row[d] *= inv
				}
			}
		}
		return assign
	}
	fine, coarse := kmeans(clusterFine), kmeans(clusterCoarse)
	out := make(map[string]uint16, len(vocab))
	for i, w := range vocab {
		out[w] = uint16(coarse[i])<<8 | uint16(fine[i])
	}
	return out
}
