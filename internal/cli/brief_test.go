package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestBriefSeeds runs `dossier brief --json` on the two seed articles and
// checks what issue 10 asks of them: the shared claim that IS is
// illegitimate aligned across both, 000's title overstated, 003's supported.
func TestBriefSeeds(t *testing.T) {
	seeds, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(seeds) < 2 {
		t.Skip("../shared/seeds not found: the seed checks need the shared folder beside the repository")
	}
	var out, errb bytes.Buffer
	if code := Main(context.Background(), append([]string{"brief", "--json"}, seeds...), Stdio{Out: &out, Err: &errb}); code != 0 {
		t.Fatalf("dossier brief exited %d: %s", code, errb.String())
	}
	var r briefRecord
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	verdict := map[string]string{}
	ids := map[string]bool{}
	for _, a := range r.Articles {
		if a.Headline != nil {
			verdict[filepath.Base(a.Source)[:3]] = a.Headline.Verdict
		}
		ids[a.ID] = true
	}
	if v := verdict["000"]; v != "overstated" && v != "unsupported" {
		t.Errorf("000's headline verdict = %q, want overstated", v)
	}
	if v := verdict["003"]; v != "supported" {
		t.Errorf("003's headline verdict = %q, want supported", v)
	}
	shared := false
	for _, c := range r.Claims {
		if len(c.Articles) == 2 && strings.Contains(strings.ToLower(c.Text), "illegitimate") {
			shared = true
		}
	}
	if !shared {
		t.Errorf("claims %+v: want the claim that IS is illegitimate aligned across both seeds", r.Claims)
	}
	if len(r.Sentences) == 0 || r.Summary == "" {
		t.Errorf("empty brief: %+v", r)
	}
}
