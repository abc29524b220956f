package postgres

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTsQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"zeppelin", "'zeppelin'"},
		{"town hall", "'town' & 'hall'"},
		{`"town hall" budget`, "'town hall' & 'budget'"},
		{"zeppelin OR airship", "'zeppelin' | 'airship'"},
		{"zeppelin NOT airship", "'zeppelin' & !'airship'"},
		{"zeppelin AND airship", "'zeppelin' & 'airship'"},
		{"zepp*", "'zepp':*"},
		{"Zürich", "'Zurich'"},
		{"title:zeppelin", "'zeppelin'"},
		{"O'Brien", "'O''Brien'"},
		{`back\slash`, `'back\\slash'`},
		{`"zeppelin`, "'zeppelin'"},
		{"(zeppelin", "'zeppelin'"},
		{"OR zeppelin OR", "'zeppelin'"},
		{"NOT", ""},
		{`"`, ""},
		{"*", ""},
		{"^", ""},
		{"'", ""},
		{"   ", ""},
		{"zeppelin NEAR(airship", "'zeppelin' & 'airship'"},
	} {
		if got := tsQuery(tt.in); got != tt.want {
			t.Errorf("tsQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzTsQuery checks that any input gives a well-formed query: every term
// quoted, quotes balanced, valid UTF-8 without NUL.
func FuzzTsQuery(f *testing.F) {
	for _, s := range []string{"zeppelin", `"a b" OR c*`, "NOT x", "a\x00b", "caf\xe9", `'\`, "title:x:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := tsQuery(in)
		if !utf8.ValidString(out) || strings.IndexByte(out, 0) >= 0 {
			t.Fatalf("tsQuery(%q) = %q: not clean text", in, out)
		}
		// Outside quoted terms only operators may appear.
		quoted := false
		for i := 0; i < len(out); i++ {
			c := out[i]
			switch {
			case c == '\'' && quoted && i+1 < len(out) && out[i+1] == '\'':
				i++
			case c == '\'':
				quoted = !quoted
			case c == '\\' && quoted:
				i++
			case !quoted && !strings.ContainsRune(" &|!:*", rune(c)):
				t.Fatalf("tsQuery(%q) = %q: %q outside a quoted term", in, out, c)
			}
		}
		if quoted {
			t.Fatalf("tsQuery(%q) = %q: unbalanced quotes", in, out)
		}
	})
}

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"São Paulo", "Sao Paulo"},
		{"plain", "plain"},
		{"a\x00b\xff", "ab\uFFFD"},
	} {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("é", maxIndexed)
	if got := fold(long); len(got) > maxIndexed || !utf8.ValidString(got) {
		t.Errorf("fold of %d bytes = %d bytes, valid %v; want at most %d", len(long), len(got), utf8.ValidString(got), maxIndexed)
	}
}
