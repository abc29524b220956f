package entity

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
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
	"clubs_1996.txt":    gazClub,
	"parties.txt":       gazParty,
	"institutions.txt":  gazInstitution,
	"surnames.txt":      gazSurname,
	"people.txt":        gazPerson,
	"misc.txt":          gazMisc,
}

// DefaultExcludedLists are the gazetteer lists that [NewGazetteer] leaves out
// unless told otherwise: clubs_1996.txt holds the top divisions of the 1996-97
// season, the year of the CoNLL-2003 test set, and using it would tune on test.
var DefaultExcludedLists = []string{"clubs_1996.txt"}

//go:embed gazetteers
var gazFS embed.FS

// EmbeddedLists returns the gazetteer lists and alias table shipped in the
// binary, as a file system with a directory "gazetteers".
func EmbeddedLists() fs.FS { return gazFS }

// Gazetteer holds lists of known names by category (countries, cities,
// people, clubs, ...), which the tagger sees as features. Build one with
// [NewGazetteer]; it is read-only afterwards and safe for concurrent use.
type Gazetteer struct {
	// entries maps lower-cased, space-joined token sequences to a bit set
	// of categories (bit c for category c).
	entries map[string]uint32
	// caps holds the entries written as short acronyms ("IS", "US", "AP"):
	// they match a token only when it is written in capitals in text that
	// is not lower-cased, so "is" and "us" in mixed-case text never do.
	caps   map[string]uint32
	maxLen int
}

// GazetteerOptions control [NewGazetteer]. The zero value reads every list
// but [DefaultExcludedLists].
type GazetteerOptions struct {
	// Exclude names list files of gazetteers/ to leave out ("clubs.txt").
	// Nil means [DefaultExcludedLists]; an empty non-nil slice reads all.
	Exclude []string
}

// NewGazetteer reads the gazetteer lists from fsys (a directory
// "gazetteers"; see [EmbeddedLists]). Lines are entries; '#' starts a comment
// line. A list file that is absent is skipped.
func NewGazetteer(fsys fs.FS, opts GazetteerOptions) (*Gazetteer, error) {
	exclude := opts.Exclude
	if exclude == nil {
		exclude = DefaultExcludedLists
	}
	g := &Gazetteer{entries: make(map[string]uint32), caps: make(map[string]uint32)}
	read := func(name string, each func(line string)) error {
		if slices.Contains(exclude, name) {
			return nil
		}
		f, err := fsys.Open("gazetteers/" + name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("gazetteer %s: %w", name, err)
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
		if err := sc.Err(); err != nil {
			return fmt.Errorf("gazetteer %s: %w", name, err)
		}
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(gazFiles)) {
		cat := gazFiles[name]
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

func (g *Gazetteer) add(entry string, cat byte) {
	ws := gazWords(entry)
	if len(ws) == 0 {
		return
	}
	if shortAcronym(entry) {
		g.caps[ws[0]] |= 1 << cat
		return
	}
	g.entries[strings.Join(ws, " ")] |= 1 << cat
	g.maxLen = max(g.maxLen, len(ws))
}

// shortAcronym reports whether a name is written as an acronym of at most
// three capitals, dots aside ("IS", "U.S.", "AP"): such a name is also a
// common word when written in lower case.
func shortAcronym(name string) bool {
	if strings.ContainsAny(name, " -") {
		return false
	}
	l := letterRunes(name)
	return utf8.RuneCountInString(l) <= 3 && allCaps(l)
}

// lookup returns the categories of the exact (case-insensitive) entry.
func (g *Gazetteer) lookup(entry string) []byte {
	k := strings.Join(gazWords(entry), " ")
	bits := g.entries[k]
	if shortAcronym(entry) {
		bits |= g.caps[k]
	}
	var cats []byte
	for c := byte(1); c < nGazCategories; c++ {
		if bits&(1<<c) != 0 {
			cats = append(cats, c)
		}
	}
	return cats
}

// mark sets the gazetteer labels of the tokens of one sentence in casing
// mode mode: for each category, the longest entries matched left to right.
func (g *Gazetteer) mark(s []token, mode byte) {
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
			bits := g.entries[b.String()]
			if n == 1 && mode != caseLower && s[i].upper {
				bits |= g.caps[s[i].lower]
			}
			bits &^= done
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
