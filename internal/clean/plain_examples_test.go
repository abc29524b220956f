package clean

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// TestExampleCorpus checks the plain-text cleaner against the labels an
// analyst gave the example corpus (examples/expected.md), with the
// cross-document signal built as the pipeline builds it.
func TestExampleCorpus(t *testing.T) {
	const root = "../../examples"
	want := readExpected(t, filepath.Join(root, "expected.md"))
	if len(want) == 0 {
		t.Fatal("no labels read from examples/expected.md")
	}
	reps := NewRepeats()
	raws := map[string]news.RawArticle{}
	for name := range want {
		path := filepath.Join(root, "corpus", name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		raw := news.RawArticle{Source: path, Body: news.FormatText, Raw: b, Group: filepath.Dir(path)}
		raws[name] = raw
		reps.Add(raw.Group, raw.Raw)
	}
	for name, labels := range want {
		t.Run(name, func(t *testing.T) {
			got := Plain(raws[name], Options{Repeats: reps})
			seen := 0
			for _, l := range got.Lines {
				w, ok := labels[l.N]
				if !ok {
					t.Errorf("line %d (%q) is not labelled in expected.md", l.N, l.Text)
					continue
				}
				seen++
				if l.Label.String() != w {
					t.Errorf("Plain(%s) line %d = %s, want %s: %q", name, l.N, l.Label, w, l.Text)
				}
			}
			if seen != len(labels) {
				t.Errorf("Plain(%s) labelled %d lines, expected.md has %d", name, seen, len(labels))
			}
		})
	}
}

var (
	expectedFile    = regexp.MustCompile("^## `(.+\\.txt)`")
	expectedCompact = regexp.MustCompile("^Compact: `(.+)`")
)

// readExpected reads "Compact: `1-8 chrome; 10 title; ...`" lines per file.
// A range covers only the non-empty lines in it, so the labels of empty
// lines are dropped against the file itself by the caller's comparison.
func readExpected(t *testing.T, path string) map[string]map[int]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[int]string{}
	file := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := expectedFile.FindStringSubmatch(sc.Text()); m != nil {
			file = m[1]
		}
		m := expectedCompact.FindStringSubmatch(sc.Text())
		if m == nil || file == "" {
			continue
		}
		labels := map[int]string{}
		for part := range strings.SplitSeq(m[1], ";") {
			rng, label, ok := strings.Cut(strings.TrimSpace(part), " ")
			if !ok {
				t.Fatalf("%s: bad range %q", file, part)
			}
			lo, hi, _ := strings.Cut(rng, "-")
			a, err1 := strconv.Atoi(lo)
			b := a
			var err2 error
			if hi != "" {
				b, err2 = strconv.Atoi(hi)
			}
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: bad range %q", file, rng)
			}
			for n := a; n <= b; n++ {
				labels[n] = label
			}
		}
		body, err := os.ReadFile(filepath.Join(filepath.Dir(path), "corpus", file))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(body), "\n") {
			if strings.TrimSpace(line) == "" {
				delete(labels, i+1)
			}
		}
		out[file] = labels
	}
	return out
}
