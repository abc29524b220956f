package entity

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Word clusters: each lower-cased word of an unlabelled corpus is put in one
// of clusterCoarse and one of clusterFine classes by k-means over its
// left and right neighbours (a cheap stand-in for Brown clusters). The
// tagger uses the class ids as features, so that a word unseen in the
// labelled data still looks like the words it keeps company with.

const (
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

// clusterID is a word's place in a four-level hierarchy of classes: a fine
// class out of clusterFine, and the classes of 256, 64 and 16 that its
// class falls in (like the prefixes of a Brown-cluster bit path).
type clusterID uint32

const clusterFine = 1024

var clusterLevels = [...]int{clusterFine, 256, 64, 16}

func makeClusterID(levels [len(clusterLevels)]int) clusterID {
	return clusterID(levels[0] | levels[1]<<10 | levels[2]<<18 | levels[3]<<24)
}

// capRatio returns how often the word was written capitalised in the
// mixed-case unlabelled text, in 15 steps from 1 (never) to 15 (always),
// or 0 when it was seen too rarely to tell.
func (c clusterID) capRatio() byte { return byte(c >> 28) }

// withCapRatio returns c with its capitalisation step set to r (0 to 15).
func (c clusterID) withCapRatio(r byte) clusterID { return c&^(0xf<<28) | clusterID(r&0xf)<<28 }

// level returns the class of the word at level l (0 finest).
func (c clusterID) level(l int) uint16 {
	switch l {
	case 0:
		return uint16(c & 0x3ff)
	case 1:
		return uint16(c >> 10 & 0xff)
	case 2:
		return uint16(c >> 18 & 0x3f)
	}
	return uint16(c >> 24 & 0xf)
}

// capMinCount is how often a word must be seen in mixed-case text, not
// first in its sentence, for its capitalisation ratio to be kept.
const capMinCount = 3

// addCapRatios sets the capitalisation step (see [clusterID.capRatio]) of
// the clustered words from raw texts: only lines in ordinary mixed case
// count, and only words not opening a sentence.
func addCapRatios(clusters map[string]clusterID, texts []string) {
	type counts struct{ capital, lower int }
	seen := make(map[string]counts)
	for _, text := range texts {
		words := strings.Fields(text)
		toks := make([]token, 0, len(words))
		for _, w := range words {
			toks = append(toks, token{word: w})
		}
		if len(words) < 6 || sentenceCase(toks) != caseMixed {
			continue
		}
		for i, w := range words {
			if i == 0 {
				continue
			}
			if p := words[i-1]; strings.ContainsAny(p[len(p)-1:], ".!?:\"'“”") {
				continue
			}
			w = strings.Trim(normWord(w), "\"'()[],.;:!?")
			if w == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsLetter(r) {
				continue
			}
			lw := strings.ToLower(w)
			if n := possessive(lw); n > 0 && n < len(lw) {
				lw = lw[:len(lw)-n]
			}
			if _, ok := clusters[lw]; !ok {
				continue
			}
			c := seen[lw]
			if unicode.IsUpper(r) {
				c.capital++
			} else {
				c.lower++
			}
			seen[lw] = c
		}
	}
	for w, c := range seen {
		n := c.capital + c.lower
		if n < capMinCount {
			continue
		}
		step := 1 + byte(14*c.capital/n)
		clusters[w] = clusters[w].withCapRatio(step)
	}
}

// learnClusters clusters the words of sentences (lower-cased tokens). Words
// are first grouped into clusterFine classes by k-means over their
// neighbours; the class centroids are then grouped by weighted k-means into
// 256, those into 64 and those into 16 classes. It returns each clustered
// word's id. The result is deterministic.
func learnClusters(sentences [][]string) map[string]clusterID {
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
	vecs := make([][]sparseEntry, len(vocab))
	for i, c := range counts {
		v := make([]sparseEntry, 0, len(c))
		for d, n := range c {
			v = append(v, sparseEntry{d, float32(math.Sqrt(float64(n)))})
		}
		slices.SortFunc(v, func(a, b sparseEntry) int { return cmp.Compare(a.d, b.d) })
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
	weights := make([]float32, len(vocab))
	for i := range weights {
		weights[i] = 1
	}
	var levels [len(clusterLevels)][]int // per level, the class of each word
	fine, cent := kmeans(vecs, weights, dims, clusterFine)
	levels[0] = fine
	// Each coarser level clusters the centroids of the level below, weighted
	// by their number of words.
	below, belowAssign := cent, fine
	for l := 1; l < len(clusterLevels); l++ {
		k := len(below) / dims
		cvecs := make([][]sparseEntry, k)
		cw := make([]float32, k)
		for _, a := range belowAssign {
			cw[a]++
		}
		for c := range k {
			row := below[c*dims : c*dims+dims]
			for d, x := range row {
				if x != 0 {
					cvecs[c] = append(cvecs[c], sparseEntry{int32(d), x})
				}
			}
		}
		assign, next := kmeans(cvecs, cw, dims, clusterLevels[l])
		levels[l] = make([]int, len(vocab))
		for i, a := range levels[l-1] {
			levels[l][i] = assign[a]
		}
		below, belowAssign = next, assign
	}
	out := make(map[string]clusterID, len(vocab))
	for i, w := range vocab {
		var ids [len(clusterLevels)]int
		for l := range ids {
			ids[l] = levels[l][i]
		}
		out[w] = makeClusterID(ids)
	}
	return out
}

type sparseEntry struct {
	d int32
	v float32
}

// kmeans clusters unit vectors (weighted) into k classes by cosine
// similarity, seeded by the first k vectors (the most frequent words, or the
// first classes of the level below). Empty classes are left empty. It
// returns each vector's class and the k unit centroids (k rows of dims).
// Assignment runs on every CPU; the result does not depend on their number.
func kmeans(vecs [][]sparseEntry, weights []float32, dims, k int) ([]int, []float32) {
	k = min(k, len(vecs))
	cent := make([]float32, k*dims)
	for c := range k {
		for _, e := range vecs[c] {
			cent[c*dims+int(e.d)] = e.v
		}
	}
	assign := make([]int, len(vecs))
	workers := runtime.GOMAXPROCS(0)
	for range clusterRounds {
		var wg sync.WaitGroup
		chunk := (len(vecs) + workers - 1) / workers
		for lo := 0; lo < len(vecs); lo += chunk {
			hi := min(lo+chunk, len(vecs))
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					v := vecs[i]
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
			})
		}
		wg.Wait()
		clear(cent)
		for i, v := range vecs {
			row := cent[assign[i]*dims : assign[i]*dims+dims]
			for _, e := range v {
				row[e.d] += weights[i] * e.v
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
	return assign, cent
}
