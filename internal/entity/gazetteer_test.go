package entity

import (
	"slices"
	"strings"
	"testing"
)

func TestGazetteer_lookup(t *testing.T) {
	g := defaultGazetteer()
	for _, tt := range []struct {
		entry string
		want  byte
	}{
		{"France", gazCountry},
		{"french", gazDemonym},
		{"Kyiv", gazCity},
		{"New York City", gazCity},
		{"United Nations", gazIntlOrg},
		{"Xinhua", gazMedia},
		{"al-Qaeda", gazGroup},
		{"Sergei", gazGivenName},
		{"People\u2019s Daily", gazMedia},
		{"Bayern Munich", gazClub},
		{"Barcelona", gazClub},
		{"Barcelona", gazCity},
	} {
		if got := g.lookup(tt.entry); !slices.Contains(got, tt.want) {
			t.Errorf("lookup(%q) = %v, want category %d among them", tt.entry, got, tt.want)
		}
	}
	if got := g.lookup("the"); len(got) != 0 {
		t.Errorf("lookup(%q) = %v, want none", "the", got)
	}
}

func TestGazetteer_mark(t *testing.T) {
	g := defaultGazetteer()
	words := strings.Fields("talks at the United Nations in New York City")
	s := make([]token, len(words))
	for i, w := range words {
		s[i] = newToken(w)
	}
	g.mark(s)
	label := func(i int, cat byte) bool {
		for _, l := range s[i].gaz[:s[i].nGaz] {
			if l>>1 == cat {
				return true
			}
		}
		return false
	}
	// Longest match: "New York City" is one city entry, B on New, I after.
	if !label(3, gazIntlOrg) || !label(4, gazIntlOrg) {
		t.Errorf("mark: United Nations not labelled as an organisation: %+v %+v", s[3].gaz, s[4].gaz)
	}
	for i, want := range []byte{gazCity << 1, gazCity<<1 | 1, gazCity<<1 | 1} {
		if !slices.Contains(s[6+i].gaz[:s[6+i].nGaz], want) {
			t.Errorf("mark: %q labels %v, want %d among them", words[6+i], s[6+i].gaz[:s[6+i].nGaz], want)
		}
	}
	if s[0].nGaz != 0 || s[2].nGaz != 0 {
		t.Errorf("mark: common words labelled: %v %v", s[0].gaz, s[2].gaz)
	}
}
