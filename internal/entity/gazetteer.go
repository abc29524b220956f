package entity

import (
	"bufio"
	"embed"
	"io/fs"
	"strings"
	"sync"
)

// Gazetteer categories. A token's gazetteer label is category<<1, plus 1 when
// the token is inside (not first in) the matched entry.
const (
	gazCountry byte = iota + 1
	gazDemonym
	gazCity
	gazRegion
	gazIntlOrg
	gazMedia
	gazGroup
	gazGivenName
	gazOrgWord
	gazTitle
	gazCompany
	gazClub
	gazParty
	gazInstitution
	gazSurname
	gazPerson
	gazMisc
	nGazCategories // one more than the last category
)

// gazFiles maps each data file in gazetteers/ to its category. countries.tsv
// is special: country, demonyms and capital in three tab-separated columns.
var gazFiles = map[string]byte{
	"cities.txt":        gazCity,
	"regions.txt":       gazRegion,
	"intl_orgs.txt":     gazIntlOrg,
	"media.txt":         gazMedia,
	"groups.txt":        gazGroup,
	"given_names.txt":   gazGivenName,
	"org_words.txt":     gazOrgWord,
	"titles.txt":        gazTitle,
	"companies.txt":     gazCompany,
	"demonyms_more.txt": gazDemonym,
	"clubs.txt":         gazClub,
	"parties.txt":       gazParty,
	"institutions.txt":  gazInstitution,
	"surnames.txt":      gazSurname,
	"people.txt":        gazPerson,
	"misc.txt":          gazMisc,
}

//go:embed gazetteers
var gazFS embed.FS

// gazetteer maps lower-cased, space-joined token sequences to a bit set of
// categories (bit c for category c).
type gazetteer struct {
	entries map[string]uint32
	maxLen  int
}

// defaultGazetteer is built once from the embedded lists.
var defaultGazetteer = sync.OnceValue(func() *gazetteer {
	g, err := loadGazetteer(gazFS)
	if err != nil {
		panic("entity: embedded gazetteers: " + err.Error()) // a build defect
	}
	return g
})

// loadGazetteer reads the gazetteer lists from fsys (a directory
// "gazetteers"). Lines are entries; '#' starts a comment line.
func loadGazetteer(fsys fs.FS) (*gazetteer, error) {
	g := &gazetteer{entries: make(map[string]uint32)}
	read := func(name string, each func(line string)) error {
		f, err := fsys.Open("gazetteers/" + name)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' {
				continue
			}
			each(line)
		}
		return sc.Err()
	}
	for name, cat := range gazFiles {
		if err := read(name, func(line string) { g.add(line, cat) }); err != nil {
			return nil, err
		}
	}
	err := read("countries.tsv", func(line string) {
		cols := strings.Split(line, "\t")
		for c := range strings.SplitSeq(cols[0], ";") {
			g.add(c, gazCountry)
		}
		if len(cols) > 1 {
			for d := range strings.SplitSeq(cols[1], ";") {
				g.add(d, gazDemonym)
			}
		}
		if len(cols) > 2 {
			for c := range strings.SplitSeq(cols[2], ";") {
				g.add(c, gazCity)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// gazKey returns the key of an entry or token sequence: words normalised,
// lower-cased, possessive 's split off, joined by single spaces.
func gazWords(entry string) []string {
	var out []string
	for w := range strings.FieldsSeq(entry) {
		w = strings.ToLower(normWord(w))
		if len(w) > 2 && strings.HasSuffix(w, "'s") {
			out = append(out, w[:len(w)-2], "'s")
			continue
		}
		out = append(out, w)
	}
	return out
}

func (g *gazetteer) add(entry string, cat byte) {
	ws := gazWords(entry)
	if len(ws) == 0 {
		return
	}
	g.entries[strings.Join(ws, " ")] |= 1 << cat
	g.maxLen = max(g.maxLen, len(ws))
}

// lookup returns the categories of the exact (case-insensitive) entry.
func (g *gazetteer) lookup(entry string) []byte {
	bits := g.entries[strings.Join(gazWords(entry), " ")]
	var cats []byte
	for c := byte(1); c < nGazCategories; c++ {
		if bits&(1<<c) != 0 {
			cats = append(cats, c)
		}
	}
	return cats
}

// mark sets the gazetteer labels of the tokens of one sentence: for each
// category, the longest entries matched left to right.
func (g *gazetteer) mark(s []token) {
	var b strings.Builder
	var done uint32 // categories whose match covers the current position
	var until [nGazCategories]int
	for i := range s {
		done = 0
		for c := range until {
			if until[c] > i {
				done |= 1 << c
			}
		}
		b.Reset()
		for n := 1; n <= g.maxLen && i+n <= len(s); n++ {
			if n > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(s[i+n-1].lower)
			bits := g.entries[b.String()] &^ done
			if bits == 0 {
				continue
			}
			for c := range nGazCategories {
				if bits&(1<<c) != 0 {
					until[c] = max(until[c], i+n) // longer n overwrite shorter
				}
			}
		}
		// Label tokens i.. for categories newly started at i.
		for c := range nGazCategories {
			if done&(1<<c) != 0 || until[c] <= i {
				continue
			}
			for j := i; j < until[c]; j++ {
				lab := byte(c) << 1
				if j > i {
					lab |= 1
				}
				if s[j].nGaz < len(s[j].gaz) {
					s[j].gaz[s[j].nGaz] = lab
					s[j].nGaz++
				}
			}
		}
	}
}
