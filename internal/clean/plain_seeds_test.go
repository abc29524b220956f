package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// seedsDir holds the two seed articles and their gold reading, outside the
// repository.
var seedsDir = filepath.Join("..", "..", "..", "shared", "seeds")

// TestSeeds checks the line labels, title, outlet and flags of the two seed
// articles against gold.json.
func TestSeeds(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(seedsDir, "gold.json"))
	if err != nil {
		t.Skipf("seed articles not found at %s (they live outside the repository): %v", seedsDir, err)
	}
	var gold struct {
		Documents map[string]struct {
			TitleLine    int      `json:"title_line"`
			Title        string   `json:"title"`
			BodyLines    []int    `json:"body_lines"`
			CaptionLines []int    `json:"caption_lines"`
			ChromeLines  []int    `json:"chrome_lines"`
			Outlet       *string  `json:"outlet"`
			Flags        []string `json:"flags"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Documents) == 0 {
		t.Fatal("gold.json lists no documents")
	}
	for name, g := range gold.Documents {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(seedsDir, name))
			if err != nil {
				t.Fatal(err)
			}
			c := Plain(news.RawArticle{Raw: raw, Format: news.FormatText, Body: news.FormatText}, Options{})
			got := make(map[int]news.Label)
			for _, l := range c.Lines {
				got[l.N] = l.Label
			}
			want := map[int]news.Label{g.TitleLine: news.LabelTitle}
			for _, n := range g.BodyLines {
				want[n] = news.LabelBody
			}
			for _, n := range g.CaptionLines {
				want[n] = news.LabelCaption
			}
			for _, n := range g.ChromeLines {
				want[n] = news.LabelChrome
			}
			for n, w := range want {
				if got[n] != w {
					t.Errorf("Plain(%s) line %d: got %v, want %v", name, n, got[n], w)
				}
			}
			if c.Title != g.Title {
				t.Errorf("Plain(%s) title = %q, want %q", name, c.Title, g.Title)
			}
			wantOutlet := ""
			if g.Outlet != nil {
				wantOutlet = *g.Outlet
			}
			if c.Outlet != wantOutlet {
				t.Errorf("Plain(%s) outlet = %q, want %q", name, c.Outlet, wantOutlet)
			}
			// Gold flags are prose ("paginated: page 1 of 2 ..."): compare
			// the flag names before the colon.
			var wantFlags []string
			for _, f := range g.Flags {
				name, _, _ := strings.Cut(f, ":")
				wantFlags = append(wantFlags, name)
			}
			if !slices.Equal(c.Flags, wantFlags) {
				t.Errorf("Plain(%s) flags = %q, want %q", name, c.Flags, wantFlags)
			}
		})
	}
}
