package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQuotes(t *testing.T) {
	if testing.Short() {
		t.Skip("PolNeAR evaluation skipped in -short mode")
	}
	if _, err := os.Stat(filepath.Join(sharedData, "polnear", "dev")); err != nil {
		t.Skipf("PolNeAR data absent (%v): skipping; see ../shared/data/README.md", err)
	}
	r, err := Quotes(sharedData)
	if err != nil {
		t.Fatalf("Quotes(%q): %v", sharedData, err)
	}
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	s, err := QuoteFigures(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	floor, ok := Floor("quotes", "polnear dev")
	speaker, ok2 := Floor("quotes", "polnear dev speaker")
	if !ok || !ok2 {
		t.Fatal("no floors for quotes/polnear dev in floors.go")
	}
	if s.Direct.F < floor {
		t.Errorf("QuoteFigures(%q).Direct.F = %.3f, want >= %.2f", sharedData, s.Direct.F, floor)
	}
	if s.SpeakerAcc < speaker {
		t.Errorf("QuoteFigures(%q).SpeakerAcc = %.3f, want >= %.2f", sharedData, s.SpeakerAcc, speaker)
	}
}
