package entity

import (
	"slices"
	"strings"
	"testing"
)

func TestDecodeBeam(t *testing.T) {
	m := Default()
	doc := [][]string{
		strings.Fields("Ilse Marchetti , head of the Valmora Port Authority , resigned in Corvena on Wednesday ."),
		strings.Fields("The VPA said Marchetti would stay until a successor is found ."),
		strings.Fields("SHIPPING RESUMES ON THE ARVEN AFTER SPILL"),
	}
	toks, modes, dc := m.prepare(doc)
	greedy := decodeDoc(m.w, toks, modes, dc, nil, 1)
	beam1 := tagDoc(toks, func(si int, s []token, mem docMemory) []int {
		return beamSentence(m.w, s, &sentenceContext{si: si, mode: modes[si], dc: dc, mem: mem}, 1)
	})
	if got := beam1; !slices.EqualFunc(got, greedy, slices.Equal) {
		t.Errorf("beam of width 1 = %v, want the greedy tags %v", got, greedy)
	}
	// Wider beams find sequences at least as good under the model's scores;
	// here they must still be valid IOB2 and one tag per token.
	for _, width := range []int{2, 4, 8} {
		got := decodeDoc(m.w, toks, modes, dc, nil, width)
		for si, tags := range got {
			if len(tags) != len(toks[si]) {
				t.Fatalf("width %d: sentence %d has %d tags for %d tokens", width, si, len(tags), len(toks[si]))
			}
			prev := tagO
			for _, tag := range tags {
				if !valid(prev, tag) {
					t.Errorf("width %d: sentence %d: invalid sequence %v", width, si, tags)
					break
				}
				prev = tag
			}
		}
	}
}

func TestBeamSearchFallsOut(t *testing.T) {
	// A model that prefers O everywhere drops the gold prefix B-PER at the
	// first position when the beam holds one hypothesis, but keeps it with
	// a beam wide enough for every first tag.
	w := make([]float64, (1<<featureBits)*nTags)
	row := featureRow(hashInit.b(fBias))
	w[int(row)*nTags+tagO] = 1
	st := func(int) *[nTags]float64 {
		var sc [nTags]float64
		sc[tagO] = 1
		return &sc
	}
	dyn := func(int, int, int) []uint32 { return nil }
	gold := []int{tagBPER, tagIPER, tagO}
	if _, fell := beamSearch(w, 3, 1, st, dyn, gold); fell != 0 {
		t.Errorf("width 1: gold fell out at %d, want 0", fell)
	}
	levels, fell := beamSearch(w, 3, nTags*nTags, st, dyn, gold)
	if fell != -1 {
		t.Errorf("full width: gold fell out at %d, want never", fell)
	}
	if got := backtrack(levels, 0); !slices.Equal(got, []int{tagO, tagO, tagO}) {
		t.Errorf("best sequence = %v, want all O", got)
	}
}
