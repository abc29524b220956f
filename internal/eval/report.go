package eval

import (
	"fmt"
	"io"
)

// Baseline is another system's figure on the same set, printed beside ours.
type Baseline struct {
	Name      string
	F         float64
	Published bool // true: a published figure; false: measured in this run
}

// Report is the score of one stage on one data set.
type Report struct {
	Task      string // "clean", "ner", ...
	Set       string // "l3s-gn1", "aeb", ...
	Path      string // which path of the stage was scored, e.g. "plain-text cleaner"
	Unit      string // what N counts: "pages", "documents", ...
	N         int
	Failed    int // items that could not be scored (counted as F=0 in Score)
	Score     PRF
	Baselines []Baseline
	Notes     []string
	// Measures are further scores with CI floors of their own, named by
	// the suffix of their floor key (task/set name).
	Measures []Measure
}

// Measure is a named score other than F1, such as speaker accuracy.
type Measure struct {
	Name  string
	Value float64
}

// Print writes the report as a human-readable block.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%s / %s: %d %s", r.Task, r.Set, r.N, r.Unit)
	if r.Path != "" {
		fmt.Fprintf(w, " (%s)", r.Path)
	}
	if r.Failed > 0 {
		fmt.Fprintf(w, " (%d failed)", r.Failed)
	}
	fmt.Fprintf(w, "\n  dossier            P %.3f  R %.3f  F1 %.3f\n", r.Score.P, r.Score.R, r.Score.F)
	for _, b := range r.Baselines {
		kind := "measured"
		if b.Published {
			kind = "published"
		}
		fmt.Fprintf(w, "  %-18s F1 %.3f  (%s)\n", b.Name, b.F, kind)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}
