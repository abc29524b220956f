package eval

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
)

// bbcFile is one article of the BBC corpus, read as the product reads a
// plain-text file.
type bbcFile struct {
	name string
	raw  []byte
	text string // the clean body
}

// loadBBC reads the BBC corpus in path order and cleans every article.
func loadBBC(dataDir string) ([]bbcFile, error) {
	dir := filepath.Join(dataDir, "bbc")
	var out []bbcFile
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") || strings.EqualFold(d.Name(), "README.txt") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, bbcFile{name: p, raw: b})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no BBC articles under %s", dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	for i := range out {
		out[i].text = cleanText(out[i].raw)
	}
	return out, nil
}

func cleanText(raw []byte) string {
	c := clean.Plain(news.RawArticle{Body: news.FormatText, Format: news.FormatText, Raw: raw}, clean.Options{})
	return c.Text
}

// replicaEdit makes copy i of src as scripts/replicate does: one word
// swapped between two places in a line, and an editor's line appended.
func replicaEdit(src []byte, i int, r *rand.Rand) []byte {
	lines := bytes.Split(src, []byte("\n"))
	if len(bytes.Fields(src)) > 10 && len(lines) > 2 {
		k := 2 + r.IntN(len(lines)-2)
		ws := bytes.Fields(lines[k])
		if len(ws) > 3 {
			a, c := r.IntN(len(ws)), r.IntN(len(ws))
			ws[a], ws[c] = ws[c], ws[a]
			lines[k] = bytes.Join(ws, []byte(" "))
		}
	}
	var b bytes.Buffer
	b.Write(bytes.Join(lines, []byte("\n")))
	fmt.Fprintf(&b, "\n\nThis copy was updated (revision %d).\n", i)
	return b.Bytes()
}

// DedupReports scores near-duplicate detection: on the BBC corpus as is
// (its byte-identical duplicates are the gold; every other pair reported is
// false), and on edited copies of it made as scripts/replicate makes them,
// each streamed after the distinct originals and scored against its own.
func DedupReports(dataDir string) ([]Report, error) {
	files, err := loadBBC(dataDir)
	if err != nil {
		return nil, err
	}
	// BBC as is: gold copies are files whose bytes an earlier file has.
	first := map[[32]byte]string{}
	goldOf := make([]string, len(files))
	for i, f := range files {
		h := sha256.Sum256(f.raw)
		if o, ok := first[h]; ok {
			goldOf[i] = o
		} else {
			first[h] = f.name
		}
	}
	x := dedup.New(dedup.Options{})
	var tp, pred, gold, falsePairs int
	for i, f := range files {
		m := x.Add(f.name, f.text)
		if goldOf[i] != "" {
			gold++
		}
		if m.Of != "" {
			pred++
			if goldOf[i] != "" && m.Of == goldOf[i] {
				tp++
			} else {
				falsePairs++
			}
		}
	}
	bbc := Report{Task: "dedup", Set: "bbc as is", Path: "clean body, MinHash + LSH", Unit: "articles", N: len(files),
		Score: prf(tp, pred, gold),
		Notes: []string{fmt.Sprintf("%d byte-identical duplicates in the corpus; %d found; %d reported pairs are not identical (false pairs, or near-duplicates the corpus holds)",
			gold, tp, falsePairs)}}

	// Edited copies: the distinct originals, then one edited copy of each.
	r := rand.New(rand.NewPCG(1, 1^0x9e3779b97f4a7c15))
	y := dedup.New(dedup.Options{})
	var origs []bbcFile
	rep := map[string]string{} // original -> the representative of its group
	for i, f := range files {
		if goldOf[i] == "" {
			origs = append(origs, f)
			rep[f.name] = f.name
			if m := y.Add(f.name, f.text); m.Of != "" {
				rep[f.name] = m.Of
			}
		}
	}
	tp, pred, gold = 0, 0, 0
	for i, f := range origs {
		cp := cleanText(replicaEdit(bytes.Clone(f.raw), i, r))
		m := y.Add(fmt.Sprintf("copy %d", i), cp)
		gold++
		if m.Of != "" {
			pred++
			if m.Of == rep[f.name] {
				tp++
			}
		}
	}
	reps := Report{Task: "dedup", Set: "replicate copies", Path: "clean body, MinHash + LSH", Unit: "copies", N: len(origs),
		Score: prf(tp, pred, gold),
		Notes: []string{"each edited copy (a word swapped, an editor's line appended, as scripts/replicate does) scored against its own original (or the copy the original was found to copy)"}}
	return []Report{reps, bbc}, nil
}

// DedupReplicate is the edited-copies report of [DedupReports].
func DedupReplicate(dataDir string) (Report, error) {
	rs, err := DedupReports(dataDir)
	if err != nil {
		return Report{}, err
	}
	return rs[0], nil
}

// DedupBBC is the BBC-as-is report of [DedupReports].
func DedupBBC(dataDir string) (Report, error) {
	rs, err := DedupReports(dataDir)
	if err != nil {
		return Report{}, err
	}
	return rs[1], nil
}
