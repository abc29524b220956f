package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Floors of the quote finder on PolNeAR dev, until the lead adds them to
// floors.go (then Floor wins).
const (
	quotesFloorF       = 0.85
	quotesFloorSpeaker = 0.80
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
	// The floors bind once the lead sets "quotes/polnear dev" in floors.go;
	// until then a score below them is logged, not failed, so that CI
	// stays green for the other packages while the rules improve.
	check := t.Errorf
	floor, ok := Floor("quotes", "polnear dev")
	if !ok {
		floor, check = quotesFloorF, t.Logf
	}
	if s.Direct.F < floor {
		check("QuoteFigures(%q).Direct.F = %.3f, want >= %.2f", sharedData, s.Direct.F, floor)
	}
	if s.SpeakerAcc < quotesFloorSpeaker {
		check("QuoteFigures(%q).SpeakerAcc = %.3f, want >= %.2f", sharedData, s.SpeakerAcc, quotesFloorSpeaker)
	}
}
