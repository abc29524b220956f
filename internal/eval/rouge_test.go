package eval

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestRougeTokens(t *testing.T) {
	got := RougeTokens("The ministers were meeting, reportedly, in Geneva's U.N. offices.")
	want := []string{"the", "minist", "were", "meet", "reportedli", "in", "geneva", "s", "u", "n", "offic"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RougeTokens mismatch (-want +got):\n%s", diff)
	}
}

func TestRougeScore(t *testing.T) {
	approx := cmpopts.EquateApprox(0, 1e-9)
	for _, tt := range []struct {
		name      string
		cand, ref string
		want      Rouge
	}{
		{"identical", "the cat sat", "the cat sat", Rouge{PRF{1, 1, 1}, PRF{1, 1, 1}, PRF{1, 1, 1}}},
		{"nothing shared", "a b", "c d", Rouge{}},
		{"empty candidate", "", "c d", Rouge{}},
		// cand: the cat sat on the mat (6); ref: the cat lay on the mat (6).
		// unigrams: the x2, cat, on, mat = 5; bigrams: "the cat", "on the", "the mat" = 3 of 5;
		// LCS: the cat on the mat = 5.
		{"one word differs", "the cat sat on the mat", "the cat lay on the mat",
			Rouge{PRF{5. / 6, 5. / 6, 5. / 6}, PRF{3. / 5, 3. / 5, 3. / 5}, PRF{5. / 6, 5. / 6, 5. / 6}}},
		// clipped counts: "the the the" against "the cat": 1 hit, P 1/3, R 1/2.
		{"clipped", "the the the", "the cat", Rouge{
			R1: PRF{1. / 3, 1. / 2, 0.4}, R2: PRF{0, 0, 0}, RL: PRF{1. / 3, 1. / 2, 0.4}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := RougeScore(RougeTokens(tt.cand), RougeTokens(tt.ref))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("RougeScore(%q, %q) mismatch (-want +got):\n%s", tt.cand, tt.ref, diff)
			}
		})
	}
}

func TestFNCScore(t *testing.T) {
	for _, tt := range []struct {
		name       string
		gold, pred []string
		want       float64
	}{
		{"all right", []string{"agree", "unrelated"}, []string{"agree", "unrelated"}, 1},
		// best: 1 + 0.25; got: related right (0.25) but wrong class, unrelated right (0.25).
		{"related but wrong class", []string{"agree", "unrelated"}, []string{"discuss", "unrelated"}, 0.5 / 1.25},
		{"all wrong", []string{"agree", "unrelated"}, []string{"unrelated", "disagree"}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := FNCScore(tt.gold, tt.pred); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("FNCScore(%v, %v) = %v, want %v", tt.gold, tt.pred, got, tt.want)
			}
		})
	}
}

func TestHeadlineEval(t *testing.T) {
	if testing.Short() {
		t.Skip("scoring FNC-1 dev is slow; skipped under -short")
	}
	data := "../../../shared/data"
	r, err := Headline(data)
	if err != nil {
		t.Skipf("FNC-1 not readable (%v): the evaluation needs ../shared/data", err)
	}
	if f, _ := Floor("headline", "fnc1 dev fnc"); r.Measures[0].Value < f {
		t.Errorf("headline FNC score %.3f below floor %.2f", r.Measures[0].Value, f)
	}
}

func TestBriefEval(t *testing.T) {
	if testing.Short() {
		t.Skip("scoring Multi-News is slow; skipped under -short")
	}
	r, err := Brief("../../../shared/data")
	if err != nil {
		t.Skipf("Multi-News not readable (%v): the evaluation needs ../shared/data", err)
	}
	if f, _ := Floor("brief", "multinews dev odd rouge-1"); r.Score.F < f {
		t.Errorf("brief ROUGE-1 %.3f below floor %.2f", r.Score.F, f)
	}
}
