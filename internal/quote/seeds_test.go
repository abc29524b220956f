package quote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// seedsDir is where the seed articles live, relative to this package.
const seedsDir = "../../../shared/seeds"

type seedGold struct {
	Documents map[string]struct {
		TitleLine int   `json:"title_line"`
		BodyLines []int `json:"body_lines"`
		Quotes    []struct {
			Starts, Speaker, Kind, Addressee, Via string
		} `json:"quotes"`
		NotQuotes    []string `json:"not_quotes"`
		CitedSources []struct {
			Source, Cue string
		} `json:"cited_sources"`
	} `json:"documents"`
}

// seedText rebuilds the clean text of a seed document: its title and body
// lines, paragraphs separated by a blank line, as the cleaner gives it.
func seedText(t *testing.T, name string, title int, body []int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	var paras []string
	for _, n := range append([]int{title}, body...) {
		if n >= 1 && n <= len(lines) {
			paras = append(paras, strings.TrimSpace(lines[n-1]))
		}
	}
	return strings.Join(paras, "\n\n")
}

func normQ(s string) string {
	r := strings.NewReplacer("’", "'", "“", `"`, "”", `"`)
	return strings.ToLower(r.Replace(s))
}

// surname returns the last word of a name, without "al-" and the like.
func surname(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	w := f[len(f)-1]
	for _, p := range []string{"al-", "el-"} {
		w = strings.TrimPrefix(w, p)
	}
	return w
}

// closeNames reports whether two surnames differ by at most one edit
// ("zawahri", "zawahiri"), as transliterations do.
func closeNames(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev = cur
	}
	return prev[len(rb)] <= 1
}

func TestSeeds(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(seedsDir, "gold.json"))
	if err != nil {
		t.Skipf("seeds absent (%v): skipping; see ../shared/seeds", err)
	}
	var g seedGold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	for name, d := range g.Documents {
		text := seedText(t, name, d.TitleLine, d.BodyLines)
		qs, cs := Find(text, nil, nil)
		for _, gq := range d.Quotes {
			var hit []news.Quote
			for _, q := range qs {
				if strings.Contains(normQ(q.Text), normQ(gq.Starts)) {
					hit = append(hit, q)
				}
			}
			ok := false
			for _, q := range hit {
				if closeNames(surname(q.Speaker), surname(gq.Speaker)) {
					ok = true
					if gq.Addressee != "" && surname(q.Addressee) != surname(gq.Addressee) {
						t.Errorf("%s: quote %q addressee %q, want %q", name, gq.Starts, q.Addressee, gq.Addressee)
					}
					if gq.Via != "" && q.Via != gq.Via {
						t.Errorf("%s: quote %q via %q, want %q", name, gq.Starts, q.Via, gq.Via)
					}
				}
			}
			if !ok {
				t.Errorf("%s: quote %q speaker %q: got %+v", name, gq.Starts, gq.Speaker, hit)
			}
		}
		for _, nq := range d.NotQuotes {
			for _, q := range qs {
				if normQ(q.Text) == normQ(nq) {
					t.Errorf("%s: %q taken as a %s quote", name, nq, q.Kind)
				}
			}
		}
		for _, gc := range d.CitedSources {
			ok := false
			for _, c := range cs {
				if strings.Contains(normQ(c.Source), normQ(gc.Source)) || strings.Contains(normQ(gc.Source), normQ(c.Source)) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: citation of %q missing (got %+v)", name, gc.Source, cs)
			}
		}
		if testing.Verbose() {
			for _, q := range qs {
				t.Logf("%s: %s %q speaker=%q cue=%q to=%q via=%q", name, q.Kind, q.Text, q.Speaker, q.Cue, q.Addressee, q.Via)
			}
			for _, c := range cs {
				t.Logf("%s: cite %q %q", name, c.Source, c.Cue)
			}
		}
	}
}
