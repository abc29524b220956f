package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCleanWCXB(t *testing.T) {
	if testing.Short() {
		t.Skip("WCXB scoring is slow (about a minute); skipped with -short, run by `dossier eval clean` and `make eval`")
	}
	if _, err := os.Stat(filepath.Join(sharedData, "wcxb", "metadata.json")); err != nil {
		t.Skipf("WCXB data absent (%v): skipping; see ../shared/data/README.md", err)
	}
	reps, err := CleanWCXB(sharedData)
	if err != nil {
		t.Fatalf("CleanWCXB(%q): %v", sharedData, err)
	}
	for _, r := range reps {
		var b strings.Builder
		r.Print(&b)
		t.Log("\n" + b.String())
		if r.N < 700 {
			t.Errorf("CleanWCXB %s scored %d pages, want at least 700", r.Set, r.N)
		}
		if floor, ok := Floor(r.Task, r.Set); ok && r.Score.F < floor {
			t.Errorf("CleanWCXB %s (%s) F1 = %.3f, want >= %.2f", r.Set, r.Path, r.Score.F, floor)
		}
	}
}
