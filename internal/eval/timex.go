package eval

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/segment"
	"github.com/dossier-news/dossier/internal/timex"
)

// timexPublished are published TempEval-3 task A figures (Platinum test set,
// not this data): value F1, with relaxed span F1 in the name.
var timexPublished = []Baseline{
	{Name: "HeidelTime (pub.)", F: 0.776, Published: true},
	{Name: "SUTime (pub.)", F: 0.674, Published: true},
}

// TimexDoc is one TimeML document: its plain text, publication date and
// gold time expressions.
type TimexDoc struct {
	Name string
	Text string
	DCT  time.Time
	Gold []news.TimeRef
}

// TimexScores are TempEval-3 task A figures over a set of documents.
type TimexScores struct {
	Docs        int
	Relaxed     PRF     // any overlap, one to one
	Strict      PRF     // same extent
	ValueAcc    float64 // share of relaxed matches with the gold value
	ValueF      float64 // Relaxed.F × ValueAcc
	TypeAcc     float64 // share of relaxed matches with the gold type
	Gold, Found int
}

// Timex scores [timex.Find] on TempEval-3 (TimeBank and AQUAINT) in
// dataDir/tempeval3: one report for each corpus and one for both. The
// floor is on value F1 (a measure named "value").
func Timex(dataDir string) ([]Report, error) {
	var out []Report
	var all []TimexDoc
	for _, set := range []string{"TimeBank", "AQUAINT"} {
		docs, err := ReadTimeML(filepath.Join(dataDir, "tempeval3", set))
		if err != nil {
			return nil, err
		}
		all = append(all, docs...)
		out = append(out, timexReport(strings.ToLower(set), docs))
	}
	out = append(out, timexReport("tempeval3", all))
	return out, nil
}

func timexReport(set string, docs []TimexDoc) Report {
	s := ScoreTimex(docs)
	note := "tuned on: timebank (AQUAINT was looked at least)"
	return Report{
		Task: "timex", Set: set, Path: "timex.Find with segment.Sentences, DCT = the document's CREATION_TIME", Unit: "documents", N: s.Docs,
		Score: s.Relaxed, Baselines: slices.Clone(timexPublished),
		Measures: []Measure{{Name: "value", Value: s.ValueF}},
		Notes: []string{
			fmt.Sprintf("TempEval-3 task A: relaxed span P %.3f R %.3f F1 %.3f; strict span P %.3f R %.3f F1 %.3f",
				s.Relaxed.P, s.Relaxed.R, s.Relaxed.F, s.Strict.P, s.Strict.R, s.Strict.F),
			fmt.Sprintf("value F1 %.3f (relaxed F1 x value accuracy %.3f); type accuracy %.3f; %d gold, %d found",
				s.ValueF, s.ValueAcc, s.TypeAcc, s.Gold, s.Found),
			"F1 above is relaxed span F1; baselines are published value F1 on the TempEval-3 Platinum test " +
				"(HeidelTime relaxed 0.903, strict 0.813)",
			note,
		},
	}
}

// ScoreTimex runs [timex.Find] on each document as the pipeline does and
// scores it against the gold expressions.
func ScoreTimex(docs []TimexDoc) TimexScores {
	var s TimexScores
	var relaxed, strict, value, typ int
	for _, d := range docs {
		pred := timex.Find(d.Text, segment.Sentences(d.Text), d.DCT)
		s.Gold += len(d.Gold)
		s.Found += len(pred)
		for pi, gi := range MatchTimes(pred, d.Gold) {
			p, g := pred[pi], d.Gold[gi]
			relaxed++
			if p.Start == g.Start && p.End == g.End {
				strict++
			}
			if p.Value == g.Value {
				value++
			}
			if p.Type == g.Type {
				typ++
			}
		}
	}
	s.Docs = len(docs)
	s.Relaxed = prf(relaxed, s.Found, s.Gold)
	s.Strict = prf(strict, s.Found, s.Gold)
	if relaxed > 0 {
		s.ValueAcc = float64(value) / float64(relaxed)
		s.TypeAcc = float64(typ) / float64(relaxed)
	}
	s.ValueF = s.Relaxed.F * s.ValueAcc
	return s
}

// MatchTimes pairs predicted and gold expressions that overlap, one to one,
// in text order: it maps a predicted index to a gold index.
func MatchTimes(pred, gold []news.TimeRef) map[int]int {
	out := map[int]int{}
	used := make([]bool, len(gold))
	for pi, p := range pred {
		best, bestOv := -1, 0
		for gi, g := range gold {
			if used[gi] {
				continue
			}
			if ov := min(p.End, g.End) - max(p.Start, g.Start); ov > bestOv {
				best, bestOv = gi, ov
			}
		}
		if best >= 0 {
			used[best] = true
			out[pi] = best
		}
	}
	return out
}

var (
	timeMLDCT   = regexp.MustCompile(`<DCT>\s*<TIMEX3[^>]*value="([^"]+)"`)
	timeMLAttr  = regexp.MustCompile(`(\w+)="([^"]*)"`)
	timeMLStart = "<TEXT>"
	timeMLEnd   = "</TEXT>"
)

// ReadTimeML reads the .tml files of dir.
func ReadTimeML(dir string) ([]TimexDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("read timeml: no .tml files in %s", dir)
	}
	slices.Sort(files)
	var docs []TimexDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read timeml: %w", err)
		}
		d, err := parseTimeML(string(b))
		if err != nil {
			return nil, fmt.Errorf("read timeml %s: %w", f, err)
		}
		d.Name = filepath.Base(f)
		docs = append(docs, d)
	}
	return docs, nil
}

// parseTimeML strips the tags of a TimeML document's TEXT, keeping the
// TIMEX3 elements as spans over the plain text.
func parseTimeML(src string) (TimexDoc, error) {
	var d TimexDoc
	m := timeMLDCT.FindStringSubmatch(src)
	if m == nil {
		return d, fmt.Errorf("no DCT")
	}
	v := m[1]
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if len(v) >= len(layout) {
			if t, err := time.Parse(layout, v[:len(layout)]); err == nil {
				d.DCT = t
				break
			}
		}
	}
	if d.DCT.IsZero() {
		return d, fmt.Errorf("bad DCT %q", v)
	}
	i := strings.Index(src, timeMLStart)
	j := strings.LastIndex(src, timeMLEnd)
	if i < 0 || j < i {
		return d, fmt.Errorf("no TEXT element")
	}
	body := src[i+len(timeMLStart) : j]
	var text strings.Builder
	var open *news.TimeRef
	for k := 0; k < len(body); {
		switch body[k] {
		case '<':
			e := strings.IndexByte(body[k:], '>')
			if e < 0 {
				return d, fmt.Errorf("unclosed tag")
			}
			tag := body[k+1 : k+e]
			k += e + 1
			switch {
			case strings.HasPrefix(tag, "TIMEX3"):
				open = &news.TimeRef{Start: text.Len()}
				for _, a := range timeMLAttr.FindAllStringSubmatch(tag, -1) {
					switch a[1] {
					case "type":
						open.Type = a[2]
					case "value":
						open.Value = a[2]
					}
				}
			case tag == "/TIMEX3" && open != nil:
				open.End = text.Len()
				open.Text = text.String()[open.Start:open.End]
				d.Gold = append(d.Gold, *open)
				open = nil
			}
		case '&':
			e := strings.IndexByte(body[k:], ';')
			if e < 0 || e > 10 {
				text.WriteByte('&')
				k++
				continue
			}
			text.WriteString(html.UnescapeString(body[k : k+e+1]))
			k += e + 1
		default:
			text.WriteByte(body[k])
			k++
		}
	}
	d.Text = text.String()
	return d, nil
}
