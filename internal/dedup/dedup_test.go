package dedup_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/dedup"
)

// body returns a distinct article body of about sixty words for topic i.
func body(i int) string {
	var b strings.Builder
	for j := range 60 {
		fmt.Fprintf(&b, "w%d_%d ", i, j%40)
		if j%9 == 8 {
			b.WriteString("and the council said. ")
		}
	}
	return b.String()
}

const wire = `The harbour authority of Corvena said on Tuesday that dockworkers would return to work after eleven days, ending a strike over pay that left container ships waiting at anchor outside the breakwater and cost shipping lines millions in delays. Union leaders said members had accepted a raise of six percent over two years and a review of night shift rules.`

func TestIndex_Add(t *testing.T) {
	for _, tt := range []struct {
		name  string
		first string
		then  string
		copy  bool
	}{
		{"exact copy", wire, wire, true},
		{"other whitespace and case", wire, strings.ToUpper(strings.Join(strings.Fields(wire), "  ")), true},
		{"small edit", wire, strings.Replace(wire, "eleven days", "twelve days", 1), true},
		{"an editor's line appended", wire, wire + " This copy was updated.", true},
		{"unrelated", wire, body(1), false},
		{"half of it", wire, wire[:len(wire)/2], false},
		{"too short for near matching", "Dockworkers strike.", "Dockworkers strike again.", false},
		{"short exact copy", "Dockworkers strike.", "Dockworkers strike.", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := dedup.New(dedup.Options{})
			if m := x.Add("a", tt.first); m.Of != "" {
				t.Fatalf("Add(first) = %+v, want no match", m)
			}
			m := x.Add("b", tt.then)
			if got := m.Of == "a"; got != tt.copy {
				t.Errorf("Add(%.40q) = %+v; copy %v, want %v", tt.then, m, got, tt.copy)
			}
		})
	}
}

func TestIndex_AddRepresentative(t *testing.T) {
	x := dedup.New(dedup.Options{})
	x.Add("a", wire)
	x.Add("b", wire+" Updated.")
	if m := x.Add("c", wire+" Updated again."); m.Of != "a" {
		t.Errorf("a copy of a copy: Of = %q, want the first copy a", m.Of)
	}
}

func TestIndex_Capacity(t *testing.T) {
	x := dedup.New(dedup.Options{Capacity: 3})
	x.Add("old", wire)
	for i := range 3 {
		x.Add(fmt.Sprint(i), body(i))
	}
	if m := x.Add("new", wire); m.Of != "" {
		t.Errorf("a copy of a forgotten document: Of = %q, want none", m.Of)
	}
	if x.Len() != 3 {
		t.Errorf("Len() = %d, want 3", x.Len())
	}
	if m := x.Add("newer", wire); m.Of != "new" {
		t.Errorf("a copy of a remembered document: Of = %q, want new", m.Of)
	}
}

func TestIndex_Remember(t *testing.T) {
	x := dedup.New(dedup.Options{})
	x.Remember("a", "", wire)
	x.Remember("b", "a", wire+" Updated.")
	if m := x.Add("c", wire+" Updated."); m.Of != "a" {
		t.Errorf("Add after Remember: Of = %q, want a", m.Of)
	}
}

func TestSimilarity(t *testing.T) {
	x := dedup.New(dedup.Options{})
	a, b := x.Sign(wire), x.Sign(strings.Replace(wire, "six percent", "seven percent", 1))
	if s := dedup.Similarity(a, a); s != 1 {
		t.Errorf("Similarity(a, a) = %v, want 1", s)
	}
	if s := dedup.Similarity(a, b); s < 0.7 || s >= 1 {
		t.Errorf("Similarity(a, one word changed) = %v, want in [0.7, 1)", s)
	}
	if s := dedup.Similarity(a, x.Sign(body(3))); s > 0.1 {
		t.Errorf("Similarity(a, unrelated) = %v, want about 0", s)
	}
}

func FuzzIndex_Add(f *testing.F) {
	f.Add(wire, "x")
	f.Add("", "\xff\xfe")
	f.Fuzz(func(t *testing.T, a, b string) {
		x := dedup.New(dedup.Options{Capacity: 2})
		x.Add("a", a)
		m := x.Add("b", b)
		if m.Of != "" && m.Of != "a" || m.Similarity < 0 || m.Similarity > 1 {
			t.Fatalf("Add(%q) after %q = %+v", b, a, m)
		}
		if a == b && strings.TrimSpace(a) != "" && len(strings.Fields(a)) > 0 && m.Of == "" && x.Sign(a).Words > 0 {
			t.Fatalf("an exact copy of %q was not found", a)
		}
	})
}

func BenchmarkIndex_Add(b *testing.B) {
	x := dedup.New(dedup.Options{})
	i := 0
	for b.Loop() {
		x.Add(fmt.Sprint(i), body(i))
		i++
	}
}

func ExampleIndex_Add() {
	x := dedup.New(dedup.Options{})
	x.Add("wire", wire)
	m := x.Add("reposted", "Opinion. "+wire)
	fmt.Println(m.Of)
	// Output: wire
}
