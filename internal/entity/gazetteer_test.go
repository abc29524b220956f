package entity

import (
	"slices"
	"strings"
	"testing"
)

func TestGazetteer_lookup(t *testing.T) {
	g := testGazetteer(t)
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
	g := testGazetteer(t)
	words := strings.Fields("talks at the United Nations in New York City")
	s := make([]token, len(words))
	for i, w := range words {
		s[i] = newToken(w)
	}
	g.mark(s, sentenceCase(s))
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

// testGazetteer builds the gazetteer of the embedded lists.
func testGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := NewGazetteer(EmbeddedLists(), GazetteerOptions{})
	if err != nil {
		t.Fatalf("NewGazetteer: %v", err)
	}
	return g
}

func TestGazetteer_shortAcronyms(t *testing.T) {
	g := testGazetteer(t)
	marked := func(sentence string, i int, cat byte) bool {
		words := strings.Fields(sentence)
		s := make([]token, len(words))
		for j, w := range words {
			s[j] = newToken(w)
		}
		g.mark(s, sentenceCase(s))
		for _, l := range s[i].gaz[:s[i].nGaz] {
			if l>>1 == cat {
				return true
			}
		}
		return false
	}
	for _, tt := range []struct {
		name     string
		sentence string
		i        int
		cat      byte
		want     bool
	}{
		{"acronym in capitals", "fighters loyal to IS withdrew from the town", 3, gazGroup, true},
		{"the verb", "the town is quiet again after the fighting", 2, gazGroup, false},
		{"pronoun", "they told us the road was open again", 2, gazCountry, false},
		{"country acronym", "talks between the US and its allies went on", 3, gazCountry, true},
		{"lower-cased text", "fighters loyal to is withdrew", 3, gazGroup, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := marked(tt.sentence, tt.i, tt.cat); got != tt.want {
				t.Errorf("%q word %d in category %d: %v, want %v", tt.sentence, tt.i, tt.cat, got, tt.want)
			}
		})
	}
}

func TestNewGazetteer_exclude(t *testing.T) {
	with, err := NewGazetteer(EmbeddedLists(), GazetteerOptions{Exclude: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	without := testGazetteer(t)
	// A club of the 1996-97 season only, in clubs_1996.txt alone.
	if !slices.Contains(with.lookup("Compostela"), gazClub) {
		t.Error("clubs_1996.txt not read when nothing is excluded")
	}
	if slices.Contains(without.lookup("Compostela"), gazClub) {
		t.Error("clubs_1996.txt read by default")
	}
	if !slices.Contains(without.lookup("Real Madrid"), gazClub) {
		t.Error("today's clubs missing")
	}
}
