package entity

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// knownEntity is one row of the alias table: a real-world entity's
// canonical name, its type and the other names it goes by in news text.
type knownEntity struct {
	name    string
	typ     string
	aliases []string
}

// aliasTable is the alias table of gazetteers/aliases.tsv (facts only:
// official names, established short forms, common transliterations), indexed
// for lookups, with the demonyms of gazetteers/countries.tsv. Build one with
// [newAliasTable]; it is read-only afterwards.
type aliasTable struct {
	entities []knownEntity
	index    map[string]aliasEntry // Key(alias) → entry
	names    map[string]knownName  // multi-word names by lower-cased words
	maxWords int                   // words of the longest of names
	demonyms map[string]string     // lower-cased demonym → canonical place name
	places   map[string]bool       // Key(name, "LOC") of countries, capitals, cities and regions
	orgs     map[string]bool       // Key(name, "ORG") of the organisations of the gazetteer lists
}

// aliasEntry is a resolved row of the alias index.
type aliasEntry struct {
	name, typ string
	caps      bool // the alias is a short acronym: match capitalised mentions only
}

// newAliasTable reads gazetteers/aliases.tsv and gazetteers/countries.tsv
// from fsys (see [EmbeddedLists]).
func newAliasTable(fsys fs.FS) (*aliasTable, error) {
	t := &aliasTable{index: make(map[string]aliasEntry), names: make(map[string]knownName)}
	b, err := fs.ReadFile(fsys, "gazetteers/aliases.tsv")
	if err != nil {
		return nil, fmt.Errorf("alias table: %w", err)
	}
	n := 0
	for line := range strings.Lines(string(b)) {
		n++
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || !slices.Contains(entityTypes[1:], cols[0]) || strings.TrimSpace(cols[1]) == "" {
			return nil, fmt.Errorf("alias table line %d: want TYPE, name and aliases separated by tabs, got %q", n, line)
		}
		e := knownEntity{typ: cols[0], name: strings.TrimSpace(cols[1])}
		for a := range strings.SplitSeq(cols[2], ";") {
			if a = strings.TrimSpace(a); a != "" {
				e.aliases = append(e.aliases, a)
			}
		}
		if err := t.add(e); err != nil {
			return nil, fmt.Errorf("alias table line %d: %w", n, err)
		}
	}
	if t.demonyms, err = t.readDemonyms(fsys); err != nil {
		return nil, err
	}
	if t.places, err = readNames(fsys, "LOC", "countries.tsv", "cities.txt", "regions.txt"); err != nil {
		return nil, err
	}
	if t.orgs, err = readNames(fsys, "ORG", "companies.txt", "clubs.txt", "institutions.txt", "media.txt",
		"parties.txt", "groups.txt", "intl_orgs.txt"); err != nil {
		return nil, err
	}
	return t, nil
}

// add indexes one entity.
func (t *aliasTable) add(e knownEntity) error {
	t.entities = append(t.entities, e)
	tag := map[string]int{"PERSON": tagBPER, "ORG": tagBORG, "LOC": tagBLOC, "MISC": tagBMISC}[e.typ]
	for _, a := range append([]string{e.name}, e.aliases...) {
		k := Key(a, e.typ)
		if k == "" {
			continue
		}
		if prev, ok := t.index[k]; ok && prev.name != e.name {
			return fmt.Errorf("alias %s names both %s and %s", a, prev.name, e.name)
		}
		letters := strings.ReplaceAll(a, ".", "")
		t.index[k] = aliasEntry{name: e.name, typ: e.typ, caps: len(letters) <= 3 && allCaps(letters)}
		ws := strings.Fields(a)
		gw := gazWords(a)
		if len(ws) < 2 || len(gw) != len(ws) {
			continue
		}
		nk := strings.Join(gw, " ")
		if _, ok := t.names[nk]; ok {
			continue
		}
		caps := make([]bool, len(ws))
		for i, w := range ws {
			r, _ := utf8.DecodeRuneInString(w)
			caps[i] = unicode.IsUpper(r)
		}
		t.names[nk] = knownName{tag: tag, caps: caps}
		t.maxWords = max(t.maxWords, len(ws))
	}
	return nil
}

// readDemonyms maps the adjective of a country or region to its canonical
// [LOC] name: the demonyms column of gazetteers/countries.tsv (each country
// under its first name there, or the alias table's name for it), plus a few
// regions. CoNLL-style recognizers tag demonyms MISC ("American"); [Resolve]
// keeps that type and gives them the place's canonical name.
func (t *aliasTable) readDemonyms(fsys fs.FS) (map[string]string, error) {
	m := map[string]string{"european": "Europe", "african": "Africa", "asian": "Asia", "arab": "Arab world"}
	b, err := fs.ReadFile(fsys, "gazetteers/countries.tsv")
	if err != nil {
		return nil, fmt.Errorf("demonyms: %w", err)
	}
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			continue
		}
		country, _, _ := strings.Cut(cols[0], ";")
		if name, _, ok := t.lookup(Key(country, "LOC"), country, "LOC"); ok {
			country = name
		}
		for d := range strings.SplitSeq(cols[1], ";") {
			if k := strings.ToLower(strings.TrimSpace(d)); k != "" && k != "u.s." {
				if _, dup := m[k]; !dup {
					m[k] = country
				}
			}
		}
	}
	return m, nil
}

// readNames returns the keys (for type typ) of the names of the given
// gazetteer lists; of countries.tsv, the countries and capitals. A list
// that is absent is skipped.
func readNames(fsys fs.FS, typ string, lists ...string) (map[string]bool, error) {
	m := make(map[string]bool)
	for _, name := range lists {
		b, err := fs.ReadFile(fsys, "gazetteers/"+name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("names: %w", err)
		}
		for line := range strings.Lines(string(b)) {
			line = strings.TrimRight(line, "\r\n")
			if strings.TrimSpace(line) == "" || line[0] == '#' {
				continue
			}
			cols := strings.Split(line, "\t")
			if len(cols) > 1 {
				cols[1] = "" // demonyms
			}
			for _, c := range cols {
				for p := range strings.SplitSeq(c, ";") {
					if k := Key(p, typ); k != "" {
						m[k] = true
					}
				}
			}
		}
	}
	return m, nil
}

// defaultAliases is the alias table of the embedded lists, built on first use.
var defaultAliases = sync.OnceValue(func() *aliasTable {
	t, err := newAliasTable(gazFS)
	if err != nil {
		panic("entity: embedded alias table: " + err.Error()) // a build defect
	}
	return t
})

// Demonym returns the canonical place name for a demonym such as "American"
// or "Syrian" and whether it is known. Case and a plural "s" are ignored
// ("Americans").
func Demonym(text string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(normWord(text)))
	m := defaultAliases().demonyms
	if name, ok := m[s]; ok {
		return name, true
	}
	name, ok := m[strings.TrimSuffix(s, "s")]
	return name, ok
}

// countryKeyPrefixes are keys of country designators that may precede an
// organisation's name ("U.S. Office of the Director of National Intelligence").
var countryKeyPrefixes = []string{"us ", "uk "}

// LookupAlias returns the canonical name and type of the curated entity that
// text names when mentioned as typ, and whether there is one. An alias of a
// LOC entry also matches an ORG mention (a country named for its government:
// "the U.S. said"), an ORG alias matches a mention of any type (the
// tagger's type is wrong), and an ORG name preceded by a country designator
// matches as the bare name.
func LookupAlias(text, typ string) (name, canonicalType string, ok bool) {
	return defaultAliases().lookup(Key(text, typ), text, typ)
}

// lookup is [LookupAlias] for a mention whose key k is known.
func (t *aliasTable) lookup(k, text, typ string) (name, canonicalType string, ok bool) {
	e, ok := t.index[k]
	if !ok && (typ == "ORG" || typ == "") {
		for _, p := range countryKeyPrefixes {
			if rest, cut := strings.CutPrefix(k, p); cut {
				if e2, ok2 := t.index[rest]; ok2 && e2.typ == "ORG" && !e2.caps {
					e, ok = e2, true
				}
			}
		}
	}
	if !ok || !aliasTypeCompatible(e.typ, typ) {
		return "", "", false
	}
	if e.caps && !allCaps(letterRunes(displayForm(text))) {
		return "", "", false
	}
	return e.name, e.typ, true
}

// aliasTypeCompatible reports whether a mention typed canonMention may name
// an entry of type entry: one of the same type, a place's entry named as an
// organisation (its government), and an organisation's entry named as
// anything.
func aliasTypeCompatible(entry, canonMention string) bool {
	switch {
	case entry == canonMention, canonMention == "":
		return true
	case entry == "LOC" && canonMention == "ORG":
		return true
	case entry == "ORG":
		// The table's organisations are unambiguous names: "Hamas" or
		// "al-Qaeda" mistyped as a person or place is still the group.
		return true
	}
	return false
}
