package entity

import (
	"strings"
	"testing"
	"testing/fstest"
)

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
		{"organisation mistyped", "ISIS", "PERSON", "Islamic State"},
		{"organisation typed as a place", "al-Qaida", "LOC", "al-Qaeda"},
		{"party adjective", "Tory", "MISC", "Conservative Party"},
		{"award entry not an organisation", "Oscar", "ORG", ""},
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

func TestNewAliasTable(t *testing.T) {
	for _, tt := range []struct {
		name, table, wantErr string
	}{
		{"two columns", "ORG\tAcme Works\n", "line 1"},
		{"unknown type", "# c\nTHING\tAcme Works\tAW\n", "line 2"},
		{"alias of two entries", "ORG\tAcme Works\tAW\nORG\tAvon Wharf\tAW\n", "names both"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"gazetteers/aliases.tsv":   {Data: []byte(tt.table)},
				"gazetteers/countries.tsv": {Data: []byte("Valmora\tValmoran\tCorvena\n")},
				"gazetteers/cities.txt":    {Data: []byte("Corvena\n")},
				"gazetteers/regions.txt":   {Data: []byte("")},
			}
			_, err := newAliasTable(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("newAliasTable: error %v, want one with %q", err, tt.wantErr)
			}
		})
	}
	fsys := fstest.MapFS{
		"gazetteers/aliases.tsv":   {Data: []byte("# a comment\nORG\tValmora Port Authority\tVPA;Port Authority of Valmora\n")},
		"gazetteers/countries.tsv": {Data: []byte("Valmora\tValmoran;Valmorans\tCorvena\n")},
		"gazetteers/cities.txt":    {Data: []byte("Arven\n")},
		"gazetteers/regions.txt":   {Data: []byte("")},
	}
	at, err := newAliasTable(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if name, _, ok := at.lookup(Key("Port Authority of Valmora", "ORG"), "Port Authority of Valmora", "ORG"); !ok || name != "Valmora Port Authority" {
		t.Errorf("lookup = %q, %v, want the table's name", name, ok)
	}
	if at.demonyms["valmorans"] != "Valmora" || !at.places[Key("Corvena", "LOC")] || !at.places[Key("Arven", "LOC")] {
		t.Errorf("demonyms %v, places %v: want Valmora's", at.demonyms, at.places)
	}
}
