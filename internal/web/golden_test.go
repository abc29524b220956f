package web

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestAPI_golden checks the JSON of the main read routes against golden
// files (canonical, indented JSON); -update rewrites them. Scores and
// times that vary between runs are left out of the seeded data.
func TestAPI_golden(t *testing.T) {
	st := openStore(t)
	items := seed(t, st)
	_, ts := newTestServer(t, Options{Store: st})
	for _, tc := range []struct{ name, path string }{
		{"document", "/api/v1/documents/" + items[0].Doc.ID},
		{"entity", "/api/v1/entities/Harbour%20Board"},
		{"quotes", "/api/v1/quotes?by=Ana%20Lind"},
		{"story", "/api/v1/stories/" + items[0].Place.Story},
		{"search-facets", "/api/v1/search?q=dredging&outlet=Coast+Post"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body, _ := do(t, ts, "GET", tc.path, "", nil)
			if status != 200 {
				t.Fatalf("GET %s: %d %s", tc.path, status, body)
			}
			var v any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatal(err)
			}
			if m, ok := v.(map[string]any); ok { // BM25 scores vary with the index
				if hits, ok := m["hits"].([]any); ok {
					for _, h := range hits {
						delete(h.(map[string]any), "score")
					}
				}
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("GET %s mismatch with %s (-want +got):\n%s", tc.path, path, diff)
			}
		})
	}
}
