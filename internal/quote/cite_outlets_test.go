package quote

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// outletRegexp is the plain (slow) definition findOutlets must agree with.
func outletRegexp() *regexp.Regexp {
	names := make([]string, 0, len(outletNames))
	for n := range outletNames {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	for i, n := range names {
		names[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`\b(?:` + strings.Join(names, "|") + `)\b`)
}

func TestFindOutlets(t *testing.T) {
	re := outletRegexp()
	for _, in := range []string{
		"The New York Times reported on Sunday, and the AP later confirmed it.",
		"CNN points out that CNNs and XCNN are not outlets; Agence France-Presse is.",
		"ABC's anchor spoke to ABC News; Fox said nothing, Fox News did.",
		"told Reuters.Reuters_x Reuters",
		"",
	} {
		var want [][2]int
		for _, m := range re.FindAllStringIndex(in, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if diff := cmp.Diff(want, findOutlets(in)); diff != "" {
			t.Errorf("findOutlets(%q) differs from the regexp (-want +got):\n%s", in, diff)
		}
	}
}

func FuzzFindOutlets(f *testing.F) {
	f.Add("according to The Washington Post and the AP")
	re := outletRegexp()
	f.Fuzz(func(t *testing.T, in string) {
		var want [][2]int
		for _, m := range re.FindAllStringIndex(in, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if diff := cmp.Diff(want, findOutlets(in)); diff != "" {
			t.Errorf("findOutlets(%q) differs from the regexp (-want +got):\n%s", in, diff)
		}
	})
}

func FuzzMayCiteDocuments(f *testing.F) {
	f.Add("documents released by the U.S. Office of the Director")
	f.Add("A REPORT PUBLISHED BY the Ministry")
	f.Fuzz(func(t *testing.T, in string) {
		if docsRE.MatchString(in) && !mayCiteDocuments(in) {
			t.Errorf("mayCiteDocuments(%q) = false, but docsRE matches", in)
		}
	})
}
