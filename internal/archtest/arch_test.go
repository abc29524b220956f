package archtest

import (
	"encoding/json"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/dossier-news/dossier"

type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Standard   bool
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

var analysis = []string{"clean", "segment", "entity", "quote", "timex", "dedup", "story", "brief", "headline"}

// leaves are helper packages of the standard library only that every
// package may import (stem: the Porter stemmer shared by brief, headline
// and eval's ROUGE).
var leaves = []string{"stem"}

// allowed reports whether package from (relative to internal/) may import
// the project package to (relative to internal/).
func allowed(from, to string) bool {
	switch {
	case to == "news":
		return true
	case slices.Contains(leaves, to):
		return true
	case slices.Contains(leaves, from):
		return false
	case from == "cli":
		return true
	case from == "news":
		return false
	case slices.Contains(analysis, from):
		return false // analysis packages talk through news only
	case from == "ingest":
		return false
	case from == "store":
		return false
	case strings.HasPrefix(from, "store/") && from != "store/storetest":
		return to == "store"
	case from == "store/storetest":
		return to == "store"
	case from == "pipeline":
		return slices.Contains(analysis, to) || to == "store"
	case from == "web":
		return to == "store"
	case from == "eval":
		return slices.Contains(analysis, to)
	case from == "config":
		return false
	}
	return false
}

func TestImportRules(t *testing.T) {
	for _, p := range listPackages(t) {
		from, ok := strings.CutPrefix(p.ImportPath, module+"/internal/")
		if !ok {
			continue
		}
		for _, imp := range p.Imports {
			to, ok := strings.CutPrefix(imp, module+"/internal/")
			if !ok {
				continue
			}
			if !allowed(from, to) {
				t.Errorf("%s imports %s: not allowed by the import rules (STYLE.md §1)", from, to)
			}
		}
	}
}

func TestOnlyCLIOpensBackends(t *testing.T) {
	for _, p := range listPackages(t) {
		for _, imp := range p.Imports {
			if (strings.HasSuffix(imp, "/store/sqlite") || strings.HasSuffix(imp, "/store/postgres")) &&
				!strings.HasSuffix(p.ImportPath, "/internal/cli") {
				t.Errorf("%s imports %s: only cli may open a concrete store", p.ImportPath, imp)
			}
		}
	}
}

func TestOnePackageComment(t *testing.T) {
	for _, p := range listPackages(t) {
		n := 0
		for _, f := range p.GoFiles {
			file, err := parser.ParseFile(token.NewFileSet(), filepath.Join(p.Dir, f), nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if file.Doc != nil && strings.TrimSpace(file.Doc.Text()) != "" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s has %d package comments, want exactly 1", p.ImportPath, n)
		}
	}
}
