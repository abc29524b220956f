package entity

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// UnlabelledText returns raw text for learning word clusters from the
// evaluation data sets in dataDir, one line (sentence or paragraph) each, in
// a fixed order: the BBC and PolNeAR article texts, the Multi-News source
// documents (lower-cased, which does not matter: clusters are learned over
// lower-cased words), the sentences of the ECB+ articles and the main
// content of the WCXB pages (2025-26). (The L3S-GN1
// pages, read crudely with their boilerplate, made the clusters worse.) None of it is
// CoNLL text, and no labels are read. Sets that are absent are skipped; it
// is an error only when none is found.
func UnlabelledText(dataDir string) ([]string, error) {
	var out []string
	found := false
	lines := func(text string) {
		for line := range strings.Lines(text) {
			if strings.TrimSpace(line) != "" {
				out = append(out, line)
			}
		}
	}
	eachFile := func(pattern string, each func(b []byte)) error {
		files, err := filepath.Glob(filepath.Join(dataDir, pattern))
		if err != nil {
			return err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			found = true
			each(b)
		}
		return nil
	}
	for _, pat := range []string{"bbc/*/*.txt", "polnear/*/text/*.txt"} {
		if err := eachFile(pat, func(b []byte) { lines(string(b)) }); err != nil {
			return nil, err
		}
	}
	if f, err := os.Open(filepath.Join(dataDir, "multinews", "dev.jsonl")); err == nil {
		found = true
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for n := 1; sc.Scan(); n++ {
			var rec struct {
				Documents []string `json:"documents"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				f.Close()
				return nil, fmt.Errorf("multinews/dev.jsonl line %d: %w", n, err)
			}
			for _, d := range rec.Documents {
				lines(d)
			}
		}
		err := sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("multinews/dev.jsonl: %w", err)
		}
	}
	if err := eachFile("ecbplus/ECB+/*/*.xml", func(b []byte) { out = append(out, ecbSentences(string(b))...) }); err != nil {
		return nil, err
	}
	// Pages of 2025-26 (news, blogs, guides, forums...): the main content
	// of each as the benchmark gives it, no labels of any kind.
	err := eachFile("wcxb/dev/ground-truth/*.json", func(b []byte) {
		var rec struct {
			GroundTruth struct {
				MainContent string `json:"main_content"`
			} `json:"ground_truth"`
		}
		if json.Unmarshal(b, &rec) == nil {
			lines(rec.GroundTruth.MainContent)
		}
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("no unlabelled text under %s (bbc, polnear, multinews, ecbplus, wcxb)", dataDir)
	}
	return out, nil
}

var ecbToken = regexp.MustCompile(`<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>`)

// ecbSentences rejoins the tokens of an ECB+ XML file into sentences.
func ecbSentences(doc string) []string {
	var out []string
	var b strings.Builder
	cur := ""
	for _, m := range ecbToken.FindAllStringSubmatch(doc, -1) {
		if m[1] != cur && b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
		cur = m[1]
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(html.UnescapeString(m[2]))
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}
