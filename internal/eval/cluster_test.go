package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/story"
)

func clusterDataDir(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"ecbplus/ECB+", "multinews/dev.jsonl"} {
		if _, err := os.Stat(filepath.Join(sharedData, p)); err != nil {
			t.Skipf("clustering data absent (%v): skipping; see ../shared/data/README.md", err)
		}
	}
	if testing.Short() {
		t.Skip("scoring clustering on ECB+ and Multi-News is slow: skipped under -short")
	}
	return sharedData
}

func TestScoreClusters(t *testing.T) {
	for _, tt := range []struct {
		name       string
		pred, gold []string
		want       ClusterScores
	}{
		{"perfect", []string{"a", "a", "b"}, []string{"x", "x", "y"},
			ClusterScores{BCubed: PRF{1, 1, 1}, Pairwise: PRF{1, 1, 1}, Clusters: 2}},
		{"all in one", []string{"a", "a", "a", "a"}, []string{"x", "x", "y", "y"},
			ClusterScores{BCubed: PRF{0.5, 1, 2.0 / 3}, Pairwise: PRF{2.0 / 6, 1, 0.5}, Clusters: 1}},
		{"all apart", []string{"a", "b", "c", "d"}, []string{"x", "x", "y", "y"},
			ClusterScores{BCubed: PRF{1, 0.5, 2.0 / 3}, Clusters: 4}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ScoreClusters(tt.pred, tt.gold)
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })); diff != "" {
				t.Errorf("ScoreClusters(%v, %v) mismatch (-want +got):\n%s", tt.pred, tt.gold, diff)
			}
		})
	}
}

func TestRejoin(t *testing.T) {
	got := rejoin(strings.Fields("`` We won , '' she said ( in Paris ) ."))
	if want := `"We won," she said (in Paris).`; got != want {
		t.Errorf("rejoin = %q, want %q", got, want)
	}
}

func TestClusterECB(t *testing.T) {
	dir := clusterDataDir(t)
	for _, run := range []func(string) (Report, error){ClusterECB, ClusterMultiNews} {
		r, err := run(dir)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		r.Print(&b)
		t.Log("\n" + b.String())
	}
}

// TestTuneCluster prints a grid of story options scored on the tuning parts
// only (ECB+ odd topics, Multi-News clusters 1-500). Run it by hand:
//
//	DOSSIER_TUNE=1 go test -run TestTuneCluster -v ./internal/eval/
func TestTuneCluster(t *testing.T) {
	if os.Getenv("DOSSIER_TUNE") == "" {
		t.Skip("set DOSSIER_TUNE=1 to tune the clustering options")
	}
	dir := clusterDataDir(t)
	ecb, err := LoadECB(dir)
	if err != nil {
		t.Fatal(err)
	}
	mn, err := LoadMultiNews(dir)
	if err != nil {
		t.Fatal(err)
	}
	ecb, mn = part(ecb, func(g int) bool { return g%2 == 1 }), part(mn, func(g int) bool { return g < 500 })
	annotate(ecb)
	annotate(mn)
	for _, th := range []float64{0.1, 0.15, 0.2, 0.25, 0.3} {
		e, _ := orderScores(ecb, func(ds []ClusterDoc) []string { return greedyOnline(ds, th) })
		m, _ := orderScores(mn, func(ds []ClusterDoc) []string { return greedyOnline(ds, th) })
		fmt.Printf("online baseline %.2f: ecb %.3f mn %.3f\n", th, e.BCubed.F, m.BCubed.F)
	}
	floats := func(env, def string) []float64 {
		var out []float64
		s := os.Getenv(env)
		if s == "" {
			s = def
		}
		for f := range strings.FieldsSeq(s) {
			var x float64
			fmt.Sscan(f, &x)
			out = append(out, x)
		}
		return out
	}
	for _, join := range floats("JOIN", "0.2 0.25 0.3") {
		for _, ew := range floats("EW", "0.01 0.2 0.4") {
			for _, tw := range floats("TW", "1 3") {
				o := story.Options{Join: join, EntityWeight: ew, TitleWeight: tw}
				if v := floats("PT", "0 0 0"); v[0] > 0 {
					o.Postings, o.Terms, o.Words = int(v[0]), int(v[1]), int(v[2])
				}
				se, _ := orderScores(ecb, func(ds []ClusterDoc) []string { return Cluster(ds, o) })
				sm, _ := orderScores(mn, func(ds []ClusterDoc) []string { return Cluster(ds, o) })
				fmt.Printf("join %.2f ew %.2f tw %.0f: ecb %.3f (P %.3f R %.3f) mn %.3f (P %.3f R %.3f)\n", join, ew, tw,
					se.BCubed.F, se.BCubed.P, se.BCubed.R, sm.BCubed.F, sm.BCubed.P, sm.BCubed.R)
			}
		}
	}
}
