package eval

import (
	"os"
	"testing"
)

// TestQuotesDebug lists the quote finder's errors on a PolNeAR split (set
// QDEBUG to its directory): SPK a matched direct quote with a wrong
// speaker, FP a direct quote not in the gold, FN a gold direct quote not
// found.
func TestQuotesDebug(t *testing.T) {
	dir := os.Getenv("QDEBUG")
	if dir == "" {
		t.Skip("set QDEBUG to a PolNeAR split directory to list errors")
	}
	s, err := quoteFigures(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: direct P %.3f R %.3f F1 %.3f; speaker %.3f; all P %.3f R %.3f F1 %.3f",
		dir, s.Direct.P, s.Direct.R, s.Direct.F, s.SpeakerAcc, s.All.P, s.All.R, s.All.F)
	err = readQuoteDocs(dir, func(d quoteDoc) {
		text := d.text
		if doc := os.Getenv("QDOC"); doc != "" {
			if d.name != doc {
				return
			}
			for _, q := range d.quotes {
				t.Logf("%s %q cue %q: %q", q.Kind, q.Speaker, q.Cue, text[q.Start:q.End])
			}
		}
		direct, _, gd := d.kinds()
		pairs := matchQuotes(direct, gd)
		hit := map[int]bool{}
		for pi, gi := range pairs {
			hit[gi] = true
			if len(gd[gi].source) > 0 && !speakerRight(text, direct[pi], gd[gi], d.gold, d.ents) {
				q := direct[pi]
				t.Logf("SPK %s %q %q got %q (%q) cue %q: %q", d.name, gd[gi].source.text(text), goldNames(text, gd[gi], d.gold, d.ents), q.Speaker, text[q.SpeakerStart:q.SpeakerEnd], q.Cue,
					text[max(0, q.Start-150):q.Start]+"[[Q]]"+text[q.End:min(len(text), q.End+100)])
			}
		}
		for pi, q := range direct {
			if _, ok := pairs[pi]; !ok {
				t.Logf("FP %s cue %q spk %q: %.100q", d.name, q.Cue, q.Speaker, text[max(0, q.Start-30):min(len(text), q.End+40)])
				if os.Getenv("QWHY") != "" {
					ps := spanSet{{Start: q.Start, End: q.End}}
					t.Logf("   pred %q", text[q.Start:q.End])
					for _, g := range d.gold {
						if ov := ps.overlap(g.content); ov > 0 {
							t.Logf("   gold direct=%v ov %d/%d/%d %q", g.direct, ov, ps.size(), g.content.size(), g.content.text(text))
						}
					}
				}
			}
		}
		for gi, g := range gd {
			if !hit[gi] {
				t.Logf("FN %s %.100q", d.name, text[max(0, g.content[0].Start-30):min(len(text), g.content[len(g.content)-1].End+40)])
				if os.Getenv("QWHY") != "" {
					t.Logf("   gold %q", g.content.text(text))
					for _, q := range d.quotes {
						if ov := g.content.overlap(spanSet{{Start: q.Start, End: q.End}}); ov > 0 {
							t.Logf("   pred %s ov %d/%d/%d %q", q.Kind, ov, q.End-q.Start, g.content.size(), text[q.Start:q.End])
						}
					}
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestQuotesAllDebug lists the errors on all attributions of a PolNeAR
// split (set QALL to its directory): FN a gold attribution not found (its
// cue and source), FP a predicted one not in the gold.
func TestQuotesAllDebug(t *testing.T) {
	dir := os.Getenv("QALL")
	if dir == "" {
		t.Skip("set QALL to a PolNeAR split directory to list errors")
	}
	err := readQuoteDocs(dir, func(d quoteDoc) {
		text := d.text
		_, all, _ := d.kinds()
		pairs := matchQuotes(all, d.gold)
		hit := map[int]bool{}
		for pi, gi := range pairs {
			hit[gi] = true
			t.Logf("TP %s %s cue %q", d.name, all[pi].Kind, all[pi].Cue)
			if len(d.gold[gi].source) > 0 && !speakerRight(text, all[pi], d.gold[gi], d.gold, d.ents) {
				t.Logf("SPK %s gold %q got %q: %.120q", d.name, d.gold[gi].source.text(text), all[pi].Speaker, text[all[pi].Start:all[pi].End])
			}
		}
		for pi, q := range all {
			if _, ok := pairs[pi]; !ok {
				t.Logf("FP %s %s cue %q spk %q: %.150q", d.name, q.Kind, q.Cue, q.Speaker, text[q.Start:q.End])
			}
		}
		for gi, g := range d.gold {
			if !hit[gi] {
				t.Logf("FN %s direct=%v cue %q src %q: %.200q", d.name, g.direct, g.cue.text(text), g.source.text(text), g.content.text(text))
				if os.Getenv("QWHY") != "" {
					for _, q := range d.quotes {
						if ov := g.content.overlap(spanSet{{Start: q.Start, End: q.End}}); ov > 0 {
							t.Logf("   pred %s ov %d/%d/%d %.150q", q.Kind, ov, q.End-q.Start, g.content.size(), text[q.Start:q.End])
						}
					}
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}
