package entity

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// conllFixture is a tiny CoNLL-2003 style file of our own, with an IOB1 tag
// (I-LOC starting a mention) to convert.
const conllFixture = `-DOCSTART- -X- -X- O

Anna NNP B-NP B-PER
Berg NNP I-NP I-PER
flew VBD B-VP O
to TO B-PP O
Tromso NNP B-NP I-LOC
. . O O

-DOCSTART- -X- -X- O

Fjordbank NNP B-NP B-ORG
gains VBZ B-VP O
`

func TestReadCoNLL(t *testing.T) {
	got, err := ReadCoNLL(strings.NewReader(conllFixture))
	if err != nil {
		t.Fatalf("ReadCoNLL: %v", err)
	}
	want := []Sentence{
		{Words: []string{"Anna", "Berg", "flew", "to", "Tromso", "."}, Tags: []string{"B-PER", "I-PER", "O", "O", "B-LOC", "O"}, Doc: 0},
		{Words: []string{"Fjordbank", "gains"}, Tags: []string{"B-ORG", "O"}, Doc: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCoNLL mismatch (-want +got):\n%s", diff)
	}
	if _, err := ReadCoNLL(strings.NewReader("lonely\n")); err == nil {
		t.Error("ReadCoNLL(one column): no error")
	}
}

func TestTrain_tiny(t *testing.T) {
	ss, err := ReadCoNLL(strings.NewReader(conllFixture))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(t.Context(), ss, ss, TrainOptions{Iterations: 5, NoClusters: true}, nil)
	if err != nil {
		t.Fatalf("Train: %v", err)
	}
	got := m.Tag(ss[0].Words)
	if diff := cmp.Diff(ss[0].Tags, got); diff != "" {
		t.Errorf("Tag after training on the same sentence (-want +got):\n%s", diff)
	}
}
