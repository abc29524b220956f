package stem

import "testing"

func TestPorter(t *testing.T) {
	// Pairs from Porter's paper and his published vocabulary.
	for _, tt := range []struct{ in, want string }{
		{"caresses", "caress"}, {"ponies", "poni"}, {"cats", "cat"}, {"feed", "feed"},
		{"agreed", "agre"}, {"plastered", "plaster"}, {"motoring", "motor"}, {"sing", "sing"},
		{"conflated", "conflat"}, {"troubled", "troubl"}, {"sized", "size"}, {"hopping", "hop"},
		{"falling", "fall"}, {"filing", "file"}, {"happy", "happi"}, {"relational", "relat"},
		{"conditional", "condit"}, {"digitizer", "digit"}, {"generalization", "gener"},
		{"hopefulness", "hope"}, {"electrical", "electr"}, {"revival", "reviv"},
		{"adjustment", "adjust"}, {"adoption", "adopt"}, {"controlling", "control"},
		{"roll", "roll"}, {"reports", "report"}, {"reported", "report"}, {"reporting", "report"},
		{"killed", "kill"}, {"illegitimate", "illegitim"}, {"a", "a"}, {"u.s", "u.s"},
	} {
		if got := Porter(tt.in); got != tt.want {
			t.Errorf("Porter(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPorter(f *testing.F) {
	f.Add("generalization")
	f.Fuzz(func(t *testing.T, s string) {
		if got := Porter(s); len(got) > len(s)+1 {
			t.Fatalf("Porter(%q) = %q: grew", s, got)
		}
	})
}

func BenchmarkPorter(b *testing.B) {
	for b.Loop() {
		Porter("generalizations")
	}
}
