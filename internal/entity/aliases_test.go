package entity

import "testing"

func TestLookupAlias_table(t *testing.T) {
	for _, e := range defaultAliases().entities {
		for _, a := range append([]string{e.name}, e.aliases...) {
			name, typ, ok := LookupAlias(a, e.typ)
			if !ok || name != e.name || typ != e.typ {
				t.Errorf("LookupAlias(%q, %q) = %q, %q, %v, want %q, %q, true", a, e.typ, name, typ, ok, e.name, e.typ)
			}
		}
	}
}

func TestLookupAlias(t *testing.T) {
	for _, tt := range []struct {
		name, text, typ, want string
	}{
		{"possessive", "ISIS's", "ORG", "Islamic State"},
		{"government as ORG", "U.S.", "ORG", "United States"},
		{"ORG tagged MISC", "Daesh", "MISC", "Islamic State"},
		{"country prefix", "U.S. Office of the Director of National Intelligence", "ORG", "Office of the Director of National Intelligence"},
		{"lower-case acronym", "us", "LOC", ""},
		{"mixed-case acronym", "Ap", "ORG", ""},
		{"wrong type", "ISIS", "PERSON", ""},
		{"LOC entry not PERSON", "America", "PERSON", ""},
		{"unknown", "Valmora Port Authority", "ORG", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := LookupAlias(tt.text, tt.typ)
			if got != tt.want {
				t.Errorf("LookupAlias(%q, %q) = %q, want %q", tt.text, tt.typ, got, tt.want)
			}
		})
	}
}

func TestDemonym(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"American", "United States"}, {"Americans", "United States"}, {"syrian", "Syria"}, {"Martian", ""},
	} {
		if got, _ := Demonym(tt.in); got != tt.want {
			t.Errorf("Demonym(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
