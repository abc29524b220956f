package entity

import "slices"

// Beam search over tag sequences. The tagger's scores are linear in its
// features, and the features that depend on earlier decisions see the two
// previous tags, so a hypothesis is its last two tags, its score and a
// pointer to the hypothesis it extends. Training uses the same search with
// early update (Collins and Roark 2004): when the gold prefix falls out of
// the beam, the weights move towards it and away from the best hypothesis
// at that point; a sentence searched to the end with a wrong best sequence
// gets a full update.

// beamNode is one hypothesis at one position.
type beamNode struct {
	prev  int32 // index of the hypothesis it extends at the previous position, -1 at the start
	tag   int8
	gold  bool // the sequence so far equals the gold prefix (training only)
	score float64
}

// beamSearch runs the beam over sentence s and returns, for each position,
// the hypotheses kept, best first. stScore(i) gives the scores of the
// static features of token i; dyn(i, p1, p2) the rows of its dynamic
// features. With gold set, it stops at the first position where no kept
// hypothesis is the gold prefix and reports it (-1 when there is none).
func beamSearch[W weight](w []W, n, width int, stScore func(i int) *[nTags]float64, dyn func(i, p1, p2 int) []uint32, gold []int) (levels [][]beamNode, fell int) {
	levels = make([][]beamNode, 0, n)
	var sc [nTags]float64
	var next []beamNode
	for i := range n {
		st := stScore(i)
		next = next[:0]
		var prevs []beamNode
		if i > 0 {
			prevs = levels[i-1]
		} else {
			prevs = []beamNode{{prev: -1, tag: -1, gold: true}}
		}
		for hi, h := range prevs {
			p1, p2 := tagO, tagO
			if h.tag >= 0 {
				p1 = int(h.tag)
				if h.prev >= 0 {
					p2 = int(levels[i-2][h.prev].tag)
				}
			}
			scores(w, dyn(i, p1, p2), &sc)
			prev := int32(hi)
			if i == 0 {
				prev = -1
			}
			for t := range nTags {
				if !valid(p1, t) {
					continue
				}
				next = append(next, beamNode{prev: prev, tag: int8(t), score: h.score + sc[t] + st[t],
					gold: gold != nil && h.gold && gold[i] == t})
			}
		}
		slices.SortStableFunc(next, func(a, b beamNode) int {
			switch {
			case a.score > b.score:
				return -1
			case a.score < b.score:
				return 1
			}
			return 0
		})
		keep := slices.Clone(next[:min(width, len(next))])
		levels = append(levels, keep)
		if gold != nil && !slices.ContainsFunc(keep, func(b beamNode) bool { return b.gold }) {
			return levels, i
		}
	}
	return levels, -1
}

// backtrack returns the tags of hypothesis k at the last level.
func backtrack(levels [][]beamNode, k int) []int {
	tags := make([]int, len(levels))
	for i := len(levels) - 1; i >= 0; i-- {
		b := levels[i][k]
		tags[i] = int(b.tag)
		k = int(b.prev)
	}
	return tags
}

// beamSentence tags s with a beam of width width.
func beamSentence[W weight](w []W, s []token, c *sentenceContext, width int) []int {
	if len(s) == 0 {
		return nil
	}
	var feats, dfeats []uint32
	var st [nTags]float64
	stScore := func(i int) *[nTags]float64 {
		feats = staticFeatures(feats[:0], s, i, c.mode, c.dc)
		if c.fp != nil {
			feats = firstPassFeatures(feats, c.fp, s, c.si, i)
		}
		scores(w, feats, &st)
		return &st
	}
	dyn := func(i, p1, p2 int) []uint32 {
		dfeats = dynamicFeatures(dfeats[:0], &s[i], p1, p2, c.mem.get(&s[i]))
		return dfeats
	}
	levels, _ := beamSearch(w, len(s), width, stScore, dyn, nil)
	return backtrack(levels, 0)
}

// beamTrain searches sentence s (sentence si of its document) with the
// current weights w and updates w, and u for averaging at count c, against
// gold. It returns the tags of the best hypothesis (of the prefix searched,
// completed by a search without updates after an early update).
func beamTrain(w, u []float64, c float64, width int, s []token, sc *sentenceContext, gold []int) []int {
	n := len(s)
	if n == 0 {
		return nil
	}
	static := make([][]uint32, n)
	st := make([][nTags]float64, n)
	memv := make([]byte, n)
	for i := range s {
		f := staticFeatures(nil, s, i, sc.mode, sc.dc)
		if sc.fp != nil {
			f = firstPassFeatures(f, sc.fp, s, sc.si, i)
		}
		static[i] = f
		scores(w, f, &st[i])
		memv[i] = sc.mem.get(&s[i])
	}
	stScore := func(i int) *[nTags]float64 { return &st[i] }
	var dfeats []uint32
	dyn := func(i, p1, p2 int) []uint32 {
		dfeats = dynamicFeatures(dfeats[:0], &s[i], p1, p2, memv[i])
		return dfeats
	}
	// add adds delta to the weights of the features of tags at position j.
	add := func(tags []int, j int, delta float64) {
		p1, p2 := tagO, tagO
		if j > 0 {
			p1 = tags[j-1]
		}
		if j > 1 {
			p2 = tags[j-2]
		}
		for _, rows := range [2][]uint32{static[j], dynamicFeatures(nil, &s[j], p1, p2, memv[j])} {
			for _, f := range rows {
				k := int(f)*nTags + tags[j]
				w[k] += delta
				u[k] += delta * c
			}
		}
	}
	update := func(pred []int) {
		for j := range pred {
			if gold[j] == pred[j] && (j < 1 || gold[j-1] == pred[j-1]) && (j < 2 || gold[j-2] == pred[j-2]) {
				continue // same features, same tag: the two cancel
			}
			add(gold, j, 1)
			add(pred, j, -1)
		}
	}
	levels, fell := beamSearch(w, n, width, stScore, dyn, gold)
	if fell >= 0 {
		update(backtrack(levels, 0))
		levels, _ = beamSearch(w, n, width, stScore, dyn, nil)
	} else if pred := backtrack(levels, 0); !slices.Equal(pred, gold) {
		update(pred)
	}
	return backtrack(levels, 0)
}
