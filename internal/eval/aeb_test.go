package eval

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedData is where the evaluation sets live, relative to this package.
const sharedData = "../../../shared/data"

func aebDataDir(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "aeb", "ground-truth.json")); err != nil {
		t.Skipf("AEB data absent (%v): skipping; see ../shared/data/README.md", err)
	}
	return sharedData
}

func TestCleanAEB(t *testing.T) {
	if testing.Short() {
		t.Skip("AEB scoring is slow; skipped with -short, run by `dossier eval clean` and `make eval`")
	}
	dir := aebDataDir(t)
	r, err := CleanAEB(dir)
	if err != nil {
		t.Fatalf("CleanAEB(%q): %v", dir, err)
	}
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	if r.N != 181 {
		t.Errorf("CleanAEB(%q).N = %d, want 181", dir, r.N)
	}
	if r.Failed > 0 {
		t.Errorf("CleanAEB(%q).Failed = %d, want 0", dir, r.Failed)
	}
	floor, ok := Floor("clean", "aeb")
	if !ok {
		t.Fatal(`Floor("clean", "aeb") is not set`)
	}
	if r.Score.F < floor {
		t.Errorf("CleanAEB(%q) F1 = %.3f, want >= %.2f", dir, r.Score.F, floor)
	}
	if testing.Verbose() {
		pages, err := AEBPages(dir)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(pages, func(a, b AEBPage) int {
			switch {
			case a.Score.F < b.Score.F:
				return -1
			case a.Score.F > b.Score.F:
				return 1
			}
			return 0
		})
		for _, p := range pages[:min(15, len(pages))] {
			t.Logf("worst: F %.3f P %.3f R %.3f %s %s %v", p.Score.F, p.Score.P, p.Score.R, p.ID[:12], p.URL, p.Err)
		}
	}
}
