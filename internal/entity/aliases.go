package entity

import (
	"bufio"
	"strings"
	"sync"
)

// knownEntity is one row of the curated alias table: a real-world entity's
// canonical name, its type and the other names it goes by in news text.
type knownEntity struct {
	name    string
	typ     string
	aliases []string
}

// knownEntities is the curated alias table. It holds facts only: official names,
// established short forms and common transliterations. Variants that [Key]
// already folds (case, hyphens, "al-"/"al ", Qaeda/Qaida, doubled letters)
// need not be listed, but listing them does no harm.
//
// Short all-capital aliases of up to three letters ("IS", "US", "AP") match
// only when the mention is written in capitals, so "us" or "Ap" never do.
var knownEntities = []knownEntity{
	// Armed groups.
	{"al-Qaeda", "ORG", []string{"al-Qaida", "al-Qa'ida", "al Qaeda", "Qaeda", "Qaida", "al-Qaeda Central"}},
	{"Islamic State", "ORG", []string{"IS", "ISIS", "ISIL", "Daesh", "Da'esh", "Daish", "Islamic State group",
		"Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant", "Islamic State of Iraq and al-Sham"}},
	{"al-Qaeda in the Arabian Peninsula", "ORG", []string{"AQAP", "al-Qaida in the Arabian Peninsula"}},
	{"al-Qaeda in the Islamic Maghreb", "ORG", []string{"AQIM", "al-Qaida in the Islamic Maghreb"}},
	{"Nusra Front", "ORG", []string{"al-Nusra Front", "Jabhat al-Nusra", "al-Nusra", "Nusra"}},
	{"Taliban", "ORG", []string{"Taleban", "Afghan Taliban"}},
	{"Tehrik-i-Taliban Pakistan", "ORG", []string{"TTP", "Pakistani Taliban"}},
	{"Hezbollah", "ORG", []string{"Hizbollah", "Hizballah", "Hizbullah", "Hezbolla"}},
	{"Hamas", "ORG", []string{"Islamic Resistance Movement"}},
	{"al-Shabaab", "ORG", []string{"al-Shabab", "Shabaab", "Shabab", "Harakat al-Shabaab al-Mujahideen"}},
	{"Boko Haram", "ORG", []string{"Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"}},
	{"Muslim Brotherhood", "ORG", []string{"Muslim Brothers"}},

	// States and unions.
	{"United States", "LOC", []string{"US", "U.S.", "USA", "U.S.A.", "United States of America", "America"}},
	{"United Kingdom", "LOC", []string{"UK", "U.K.", "Britain", "Great Britain",
		"United Kingdom of Great Britain and Northern Ireland"}},
	{"Russia", "LOC", []string{"Russian Federation"}},
	{"China", "LOC", []string{"People's Republic of China", "PRC"}},
	{"Iran", "LOC", []string{"Islamic Republic of Iran"}},
	{"Syria", "LOC", []string{"Syrian Arab Republic"}},
	{"North Korea", "LOC", []string{"Democratic People's Republic of Korea", "DPRK"}},
	{"South Korea", "LOC", []string{"Republic of Korea"}},
	{"United Arab Emirates", "LOC", []string{"UAE", "U.A.E."}},
	{"Democratic Republic of the Congo", "LOC", []string{"DRC", "DR Congo"}},

	// International organisations.
	{"United Nations", "ORG", []string{"UN", "U.N."}},
	{"European Union", "ORG", []string{"EU", "E.U."}},
	{"NATO", "ORG", []string{"North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"}},
	{"World Health Organization", "ORG", []string{"WHO"}},
	{"International Monetary Fund", "ORG", []string{"IMF"}},

	// Government agencies.
	{"Office of the Director of National Intelligence", "ORG", []string{"ODNI"}},
	{"Federal Bureau of Investigation", "ORG", []string{"FBI"}},
	{"Central Intelligence Agency", "ORG", []string{"CIA"}},
	{"National Security Agency", "ORG", []string{"NSA"}},
	{"Department of Homeland Security", "ORG", []string{"DHS"}},

	// News agencies and broadcasters.
	{"Reuters", "ORG", []string{"Thomson Reuters"}},
	{"Associated Press", "ORG", []string{"AP"}},
	{"Agence France-Presse", "ORG", []string{"AFP", "Agence France Presse"}},
	{"CNN", "ORG", []string{"Cable News Network"}},
	{"BBC", "ORG", []string{"British Broadcasting Corporation"}},
	{"Al Jazeera", "ORG", []string{"Al-Jazeera", "Aljazeera"}},
}

// demonymNames maps the adjective of a country or region to its canonical
// [LOC] name: the demonyms column of gazetteers/countries.tsv (each country
// under its first name there, or the alias table's name for it), plus a few
// regions. CoNLL-style recognizers tag demonyms MISC ("American"); [Resolve]
// keeps that type and gives them the place's canonical name.
var demonymNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{"european": "Europe", "african": "Africa", "asian": "Asia", "arab": "Arab world"}
	f, err := gazFS.Open("gazetteers/countries.tsv")
	if err != nil {
		panic("entity: embedded countries.tsv: " + err.Error()) // a build defect
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			continue
		}
		country, _, _ := strings.Cut(cols[0], ";")
		if name, _, ok := LookupAlias(country, "LOC"); ok {
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
	return m
})

// Demonym returns the canonical place name for a demonym such as "American"
// or "Syrian" and whether it is known. Case and a plural "s" are ignored
// ("Americans").
func Demonym(text string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(normWord(text)))
	if name, ok := demonymNames()[s]; ok {
		return name, true
	}
	name, ok := demonymNames()[strings.TrimSuffix(s, "s")]
	return name, ok
}

// aliasEntry is a resolved row of the alias index.
type aliasEntry struct {
	name, typ string
	caps      bool // the alias is a short acronym: match capitalised mentions only
}

// aliasIndex maps Key(alias) to its entry. It is built once from [knownEntities] and
// never written afterwards.
var aliasIndex = buildAliasIndex()

func buildAliasIndex() map[string]aliasEntry {
	idx := make(map[string]aliasEntry)
	for _, e := range knownEntities {
		for _, a := range append([]string{e.name}, e.aliases...) {
			k := Key(a, e.typ)
			if k == "" {
				continue
			}
			if prev, ok := idx[k]; ok && prev.name != e.name {
				panic("entity: alias " + a + " names both " + prev.name + " and " + e.name)
			}
			letters := strings.ReplaceAll(a, ".", "")
			idx[k] = aliasEntry{name: e.name, typ: e.typ, caps: len(letters) <= 3 && allCaps(letters)}
		}
	}
	return idx
}

// countryKeyPrefixes are keys of country designators that may precede an
// organisation's name ("U.S. Office of the Director of National Intelligence").
var countryKeyPrefixes = []string{"us ", "uk "}

// LookupAlias returns the canonical name and type of the curated entity that
// text names when mentioned as typ, and whether there is one. An alias of a
// LOC entry also matches an ORG mention (a country named for its government:
// "the U.S. said"), an ORG alias also matches a MISC mention, and an ORG name
// preceded by a country designator matches as the bare name.
func LookupAlias(text, typ string) (name, canonicalType string, ok bool) {
	return lookupAliasKey(Key(text, typ), text, typ)
}

// lookupAliasKey is [LookupAlias] for a mention whose key k is known.
func lookupAliasKey(k, text, typ string) (name, canonicalType string, ok bool) {
	e, ok := aliasIndex[k]
	if !ok && (typ == "ORG" || typ == "") {
		for _, p := range countryKeyPrefixes {
			if rest, cut := strings.CutPrefix(k, p); cut {
				if e2, ok2 := aliasIndex[rest]; ok2 && e2.typ == "ORG" && !e2.caps {
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

// aliasTypeCompatible reports whether a mention typed mention may name an entry
// of type entry.
func aliasTypeCompatible(entry, canonMention string) bool {
	switch {
	case entry == canonMention, canonMention == "":
		return true
	case entry == "LOC" && canonMention == "ORG":
		return true
	case entry == "ORG" && canonMention == "MISC":
		return true
	}
	return false
}
