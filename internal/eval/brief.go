package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/internal/brief"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/segment"
)

// MultiNewsTune names the part of Multi-News dev that tuning may look at:
// clusters whose id is even. Briefs are reported on the odd ones.
const MultiNewsTune = "even cluster ids tune, odd ids report"

// cluster is one Multi-News cluster.
type cluster struct {
	ID        int      `json:"id"`
	Documents []string `json:"documents"`
	Summary   string   `json:"summary"`
}

func readMultiNews(path string) ([]cluster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []cluster
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var c cluster
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// clusterDocs turns a cluster's sources into documents (segmented, no
// other stage: the text is lower-cased, which the recognizer is not made for).
func clusterDocs(c cluster) []news.Doc {
	docs := make([]news.Doc, 0, len(c.Documents))
	for i, t := range c.Documents {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		docs = append(docs, news.Doc{ID: strconv.Itoa(c.ID) + "." + strconv.Itoa(i), Text: t, Sentences: segment.Sentences(t)})
	}
	return docs
}

// capTokens cuts a summary to the reference's length in ROUGE tokens.
func capTokens(summary string, n int) []string {
	ts := RougeTokens(summary)
	return ts[:min(len(ts), n)]
}

// Brief scores our briefs on Multi-News dev against the editors' summaries
// (ROUGE-1, -2, -L F1, each brief capped at its reference's length), beside
// the round-robin lead baseline, on the part not used for tuning (see
// [MultiNewsTune]), and on the tuning part for reference.
func Brief(data string) (Report, error) {
	return briefReport(data, false)
}

// BriefTune is [Brief] on the tuning part of Multi-News dev.
func BriefTune(data string) (Report, error) {
	return briefReport(data, true)
}

func briefReport(data string, tune bool) (Report, error) {
	set := "multinews dev odd"
	if tune {
		set = "multinews dev even (tuning part)"
	}
	r := Report{Task: "brief", Set: set, Unit: "clusters", Path: "brief capped at the reference's length"}
	cs, err := readMultiNews(filepath.Join(data, "multinews", "dev.jsonl"))
	if err != nil {
		return r, err
	}
	var ours, lead Rouge
	for _, c := range cs {
		if (c.ID%2 == 0) != tune {
			continue
		}
		ref := RougeTokens(c.Summary)
		if len(ref) == 0 {
			continue
		}
		r.N++
		docs := clusterDocs(c)
		b := brief.Build(docs, brief.Options{Words: len(ref)})
		add(&ours, RougeScore(capTokens(b.Summary, len(ref)), ref))
		add(&lead, RougeScore(capTokens(strings.Join(brief.Lead(docs, len(ref)), " "), len(ref)), ref))
	}
	if r.N == 0 {
		return r, fmt.Errorf("brief eval: no clusters in %s", set)
	}
	scale(&ours, r.N)
	scale(&lead, r.N)
	r.Score = ours.R1
	r.Measures = append(r.Measures, Measure{Name: "rouge-1", Value: ours.R1.F})
	r.Baselines = append(r.Baselines, Baseline{Name: "lead round-robin", F: lead.R1.F})
	r.Notes = append(r.Notes,
		"split: "+MultiNewsTune,
		fmt.Sprintf("ROUGE F1 x100  dossier: R-1 %.2f  R-2 %.2f  R-L %.2f", 100*ours.R1.F, 100*ours.R2.F, 100*ours.RL.F),
		fmt.Sprintf("ROUGE F1 x100  lead round-robin: R-1 %.2f  R-2 %.2f  R-L %.2f", 100*lead.R1.F, 100*lead.R2.F, 100*lead.RL.F),
		"ROUGE: lower-cased alphanumeric tokens, Porter stemmer (as -m), no stop-word removal, ROUGE-L = LCS over the whole summary; macro over clusters",
		"published (full test split): lead 44.0, TextRank up to 42.6, oracle 51.6 R-1",
	)
	return r, nil
}

func add(a *Rouge, b Rouge) {
	for _, p := range [][2]*PRF{{&a.R1, &b.R1}, {&a.R2, &b.R2}, {&a.RL, &b.RL}} {
		p[0].P += p[1].P
		p[0].R += p[1].R
		p[0].F += p[1].F
	}
}

func scale(a *Rouge, n int) {
	for _, p := range []*PRF{&a.R1, &a.R2, &a.RL} {
		p.P /= float64(n)
		p.R /= float64(n)
		p.F /= float64(n)
	}
}
