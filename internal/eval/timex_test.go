package eval

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

func TestParseTimeML(t *testing.T) {
	src := `<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2015-11-04" functionInDocument="CREATION_TIME">20151104</TIMEX3></DCT>
<TEXT>
The ferry <EVENT eid="e1">sank</EVENT> <TIMEX3 tid="t1" type="DATE" value="2015-11-03">yesterday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of storms &amp; rain.
</TEXT>
</TimeML>`
	d, err := parseTimeML(src)
	if err != nil {
		t.Fatal(err)
	}
	text := "\nThe ferry sank yesterday after\nthree days of storms & rain.\n"
	want := TimexDoc{Text: text, DCT: time.Date(2015, 11, 4, 0, 0, 0, 0, time.UTC), Gold: []news.TimeRef{
		{Text: "yesterday", Value: "2015-11-03", Type: "DATE", Start: 16, End: 25},
		{Text: "three days", Value: "P3D", Type: "DURATION", Start: 32, End: 42},
	}}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("parseTimeML mismatch (-want +got):\n%s", diff)
	}
	for _, g := range d.Gold {
		if d.Text[g.Start:g.End] != g.Text {
			t.Errorf("gold %+v does not quote the text", g)
		}
	}
}

func TestMatchTimes(t *testing.T) {
	pred := []news.TimeRef{{Start: 0, End: 5}, {Start: 10, End: 20}, {Start: 30, End: 31}}
	gold := []news.TimeRef{{Start: 2, End: 8}, {Start: 12, End: 14}, {Start: 15, End: 25}}
	got := MatchTimes(pred, gold)
	want := map[int]int{0: 0, 1: 2}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MatchTimes mismatch (-want +got):\n%s", diff)
	}
}

// TestTimexFloor scores the finder on TempEval-3 (about a second) and fails
// below the CI floor of value F1.
func TestTimexFloor(t *testing.T) {
	dir := filepath.Join(sharedData, "tempeval3")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("TempEval-3 data absent (%v): skipping; see ../shared/data/README.md", err)
	}
	reps, err := Timex(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		for _, m := range r.Measures {
			if floor, ok := Floor(r.Task, r.Set+" "+m.Name); ok && m.Value < floor {
				t.Errorf("timex %s: %s %.3f below the floor %.2f", r.Set, m.Name, m.Value, floor)
			}
		}
	}
}
