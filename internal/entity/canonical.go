package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/internal/news"
)

// Key returns the matching key of a mention's text: two mentions of one type
// whose keys are equal name the same thing. The rules, in order:
//
//  1. Unicode compatibility forms and diacritics are folded ("Zawāhirī" →
//     "zawahiri"), letters are lower-cased, and typographic apostrophes and
//     the Arabic ʿayn and hamza marks become "'".
//  2. A possessive "'s" or trailing "'" is dropped ("Al-Qaida's" → "al-qaida").
//  3. An assimilated Arabic article ("ad-", "an-", "ar-", "as-", "ash-",
//     "at-", "az-") becomes "al-".
//  4. Apostrophes and dots inside a word are removed ("Qa'ida" → "qaida",
//     "U.S." → "us"); every other non-letter, non-digit character (hyphens
//     included) separates words, so "al-Qaeda", "al Qaeda" and "Al Qaeda"
//     agree. "&" reads as "and".
//  5. Each word is folded for transliteration variants, repeatedly until
//     nothing changes: "q" → "k", "ck" → "k", "ph" → "f", "ou" → "u",
//     "oo" → "u", "ee" → "i", "ie" → "i", "ae" → "ai", a final "off" →
//     "ov", doubled letters → one, and a final "ah" → "a" in words longer
//     than three letters. So Qaeda and Qaida, Youssef and Yousef, Shabaab
//     and Shabab, Smirnoff and Smirnov, Fallujah and Falluja agree.
//  6. A small table maps common given-name variants to one spelling
//     (Mohammed, Muhammad, Mohamed → "muhamad"; Yusuf, Yousef → "yusuf";
//     Usama → "osama"; Abdel, Abdul → "abd"; Husayn, Hussain → "husein"), and
//     the article "el" becomes "al".
//  7. Runs of one-letter words are joined ("U. S." → "us").
//  8. A leading "the" is dropped, and for PERSON a leading "mr", "mrs", "ms",
//     "dr" or "sir", as long as a word remains.
//
// Words are joined with single spaces. Key is deterministic and idempotent:
// Key(Key(s, t), t) == Key(s, t). It does not encode typ; compare keys of
// mentions of one type. Keys are internal matching aids and may change
// between releases; canonical names, not keys, are stored.
//
// Beyond equal keys, [Resolve] and [Linker] also treat two keys as one name
// when they differ only by a vowel in a word of five or more letters: an
// inserted or dropped vowel inside the word (Zawahiri, Zawahri) or a changed
// vowel next to another vowel.
func Key(text, typ string) string {
	words := keyWords(keyFoldRunes(text))
	for i, w := range words {
		words[i] = keyFoldWord(w)
	}
	words = keyJoinLetters(words)
	for len(words) > 1 && (words[0] == "the" || typ == "PERSON" && keyHonorifics[words[0]]) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// keyFoldRunes applies NFKD, drops combining marks, lower-cases and maps
// apostrophe-like characters to '\”.
func keyFoldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	if !onlyASCII(s) {
		s = norm.NFKD.String(s)
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\u2019' || r == '\u2018' || r == '`' || r == '\u00b4' || r == '\u02bc' ||
			r == '\u02bf' || r == '\u02be' || r == '\u02bb':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// keySunPrefixes are assimilated forms of the Arabic article.
var keySunPrefixes = []string{"ad-", "an-", "ar-", "as-", "ash-", "at-", "az-"}

// keyWords implements rules 2–4 of [Key] on folded text.
func keyWords(s string) []string {
	var words []string
	for chunk := range strings.FieldsSeq(s) {
		chunk = strings.TrimRightFunc(chunk, func(r rune) bool {
			return r != '\'' && r != '.' && r != '&' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		if c, ok := strings.CutSuffix(chunk, "'s"); ok {
			chunk = c
		}
		chunk = strings.TrimRight(chunk, "'")
		for _, p := range keySunPrefixes {
			if rest, ok := strings.CutPrefix(chunk, p); ok && utf8.RuneCountInString(rest) >= 3 {
				chunk = "al-" + rest
				break
			}
		}
		var w strings.Builder
		flush := func() {
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
		}
		for _, r := range chunk {
			switch {
			case r == '\'' || r == '.':
			case r == '&':
				flush()
				words = append(words, "and")
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				w.WriteRune(r)
			default:
				flush()
			}
		}
		flush()
	}
	return words
}

// keyWordRules are the rewrite rules of rule 5, applied in order.
var keyWordRules = []struct{ from, to string }{
	{"q", "k"}, {"ck", "k"}, {"ph", "f"}, {"ou", "u"}, {"oo", "u"}, {"ee", "i"}, {"ie", "i"}, {"ae", "ai"},
}

// keyNameVariants is the table of rule 6, keyed by words after rule 5.
var keyNameVariants = map[string]string{
	"muhamad": "muhamad", "mohamed": "muhamad", "mohamad": "muhamad", "muhamed": "muhamad", "mohamud": "muhamad",
	"yusef": "yusuf", "yusif": "yusuf",
	"usama": "osama",
	"abdel": "abd", "abdul": "abd", "abdal": "abd",
	"husain": "husein", "husayn": "husein", "hussayn": "husein",
	"el": "al",
}

// keyFoldWord implements rules 5 and 6 of [Key] for one word.
func keyFoldWord(w string) string {
	if !lowerLetters(w) {
		return w
	}
	for {
		prev := w
		for _, r := range keyWordRules {
			w = strings.ReplaceAll(w, r.from, r.to)
		}
		if s, ok := strings.CutSuffix(w, "off"); ok && len(s) > 0 {
			w = s + "ov"
		}
		w = keyCollapseDoubles(w)
		if len(w) > 3 && strings.HasSuffix(w, "ah") {
			w = w[:len(w)-1]
		}
		if w == prev {
			break
		}
	}
	if v, ok := keyNameVariants[w]; ok {
		return v
	}
	return w
}

// keyCollapseDoubles replaces each run of one letter by a single letter.
func keyCollapseDoubles(w string) string {
	b := []byte(w)
	out := b[:0]
	for i, c := range b {
		if i > 0 && c == b[i-1] {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// keyJoinLetters implements rule 7: runs of two or more one-letter words become
// one word, folded again.
func keyJoinLetters(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && utf8.RuneCountInString(words[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			out = append(out, keyFoldWord(strings.Join(words[i:j], "")))
			i = j
			continue
		}
		out = append(out, words[i])
		i++
	}
	return out
}

func onlyASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// keyHonorifics are PERSON title words dropped by rule 8.
var keyHonorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true}

// nameTitles are the words of [nameParticles] that are titles rather than parts of
// a name; a canonical name without them is preferred.
var nameTitles = foldedSet("mr", "mrs", "ms", "dr", "sir", "president", "sheikh", "sheik", "imam", "emir", "general", "gen",
	"minister", "prime", "king", "queen", "prince", "pope", "senator", "sen", "gov", "governor", "secretary")

// nameParticles are name words that do not identify a person on their own:
// articles, kinship markers and titles, as keyed by [Key]. A name's content
// words are its words without them.
var nameParticles = foldedSet("al", "el", "the", "bin", "ibn", "bint", "abu", "abd", "de", "del", "der", "van", "von",
	"mr", "mrs", "ms", "dr", "sir", "president", "sheikh", "sheik", "mullah", "imam", "emir", "general", "gen",
	"minister", "prime", "king", "queen", "prince", "pope", "senator", "sen", "gov", "governor", "secretary")

func foldedSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[keyFoldWord(w)] = true
	}
	return m
}

// nameContent returns the words of key that are not [nameParticles].
func nameContent(key string) []string {
	var out []string
	for w := range strings.FieldsSeq(key) {
		if !nameParticles[w] {
			out = append(out, w)
		}
	}
	return out
}

// vowel reports whether c is an ASCII vowel.
func vowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// consonantSkeleton returns key with the vowels after each word's first letter
// removed: keys that differ only by vowels share it.
func consonantSkeleton(key string) string {
	b := make([]byte, 0, len(key))
	first := true
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == ' ':
			first = true
			b = append(b, c)
		case first:
			first = false
			b = append(b, c)
		case !vowel(c):
			b = append(b, c)
		}
	}
	return string(b)
}

// vowelVariant reports whether keys a and b name the same thing under the
// vowel rule of [Key]: the same words but for vowel edits in long words.
func vowelVariant(a, b string) bool {
	if a == b {
		return true
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if wa[i] != wb[i] && !vowelVariantWord(wa[i], wb[i]) {
			return false
		}
	}
	return true
}

func vowelVariantWord(x, y string) bool {
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(y) < 5 || !lowerLetters(x) || !lowerLetters(y) {
		return false
	}
	switch len(x) - len(y) {
	case 0:
		i := 0
		for i < len(x) && x[i] == y[i] {
			i++
		}
		if i == len(x) || x[i+1:] != y[i+1:] || !vowel(x[i]) || !vowel(y[i]) {
			return false
		}
		return i > 0 && vowel(x[i-1]) || i+1 < len(x) && vowel(x[i+1])
	case 1:
		i := 0
		for i < len(y) && x[i] == y[i] {
			i++
		}
		return i > 0 && i < len(x)-1 && vowel(x[i]) && x[i+1:] == y[i:]
	}
	return false
}

// displayForm returns a mention's text as a display name: spaces collapsed,
// a possessive and a leading lower-case "the " dropped.
func displayForm(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	for _, suf := range []string{"'s", "\u2019s", "'", "\u2019"} {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	if t, ok := strings.CutPrefix(s, "the "); ok && t != "" {
		s = t
	}
	return s
}

func letterRunes(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, s)
}

// allCaps reports whether s has letters and all of them are upper case.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// acronymOf returns the lower-case letters of text when it is written as an
// acronymOf of two to six capitals ("VPA", "U.N."), else "".
func acronymOf(text string) string {
	s := displayForm(text)
	if strings.ContainsAny(s, " -") {
		return ""
	}
	l := letterRunes(s)
	if n := utf8.RuneCountInString(l); n < 2 || n > 6 || !allCaps(l) || len(l)+strings.Count(s, ".") != len(s) {
		return ""
	}
	return strings.ToLower(l)
}

// orgInitialsStop are words left out of an organisation's initials.
var orgInitialsStop = map[string]bool{"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "&": true}

// orgInitials returns the lower-case first letters of the words of name,
// leaving out [orgInitialsStop] ("Office of the Director of National
// Intelligence" → "odni").
func orgInitials(name string) string {
	var b strings.Builder
	for w := range strings.FieldsFuncSeq(keyFoldRunes(name), func(r rune) bool { return r == ' ' || r == '-' }) {
		if orgInitialsStop[w] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// canonMention is the analysis of one entity mention.
type canonMention struct {
	form       string // display form: cleanForm(Text)
	typ        string // resolved type: the alias table's type, else the mention's
	key        string
	content    []string // content words of key
	table      string   // canonical name from the alias table, noTable, or ""
	nameTitles int      // number of title words in the form
}

// noTable marks a mention whose key is an alias-table key that the mention
// does not match (an acronym written in lower case, another type): it must
// not join that entry's group.
const noTable = "\x00"

func analyseMention(e news.Entity) canonMention {
	m := canonMention{form: displayForm(e.Text), typ: e.Type, key: Key(e.Text, e.Type)}
	m.content = nameContent(m.key)
	at := defaultAliases()
	if name, typ, ok := at.lookup(m.key, e.Text, e.Type); ok {
		m.table, m.typ = name, typ
	} else if _, ok := at.index[m.key]; ok {
		m.table = noTable
	}
	if e.Type == "PERSON" {
		// Key dropped leading honorifics; count titles in the full form.
		for _, w := range keyWords(keyFoldRunes(e.Text)) {
			if nameTitles[keyFoldWord(w)] {
				m.nameTitles++
			}
		}
	}
	return m
}

// Resolve sets Canonical on every mention of one document so that mentions
// naming one thing share one name, and returns the mentions in their order
// (ents itself is not modified). Mentions are merged when, within one
// resolved type:
//
//   - they name an entry of the alias table (see [LookupAlias]); the entry's
//     name is canonical ("ISIS", "IS" → "Islamic State");
//   - their keys are equal or vowel variants (see [Key]);
//   - they are PERSON names with the same content words, particles such as
//     "al", "bin", "abu" and titles aside ("Bashar Assad", "Bashar al-Assad");
//   - a PERSON mention's content words end exactly one longer PERSON name in
//     the document ("al-Baghdadi" → "Abu Bakr al-Baghdadi"); with two such
//     names ("Bill Clinton", "Hillary Clinton") the short mention stays apart;
//   - an ORG mention written as an acronym spells the initials of exactly one
//     ORG name in the document ("VPA" → "Valmora Port Authority");
//   - a one-word ORG mention is the last word of exactly one longer ORG
//     name in the document, or of the alias-table name of one ("United" →
//     "Harbour United"); with two such names it stays apart.
//
// Before merging, two document-level rules set types as a reader would
// (see retypeMentions): a mention that shortens exactly one full PERSON
// name of the document is that person ("the envoy Karim al-Faris ...
// al-Faris said", the short form tagged MISC), unless the gazetteer lists
// know it as a place or an organisation ("Ford" beside "Bill Ford"); a one-word PERSON mention that the alias table knows
// as an award or event ("Oscar") is MISC unless a person of the document
// bears the name.
//
// A merged group's canonical name is the alias table's name, else its most
// complete form: most content words, then fewest titles ("Mr."), then
// longest, then first. A mention that names an alias-table entry also takes
// the entry's type where the tagger's is compatible (a MISC "Taliban"
// becomes the ORG the table says it is). A MISC demonym keeps its type and
// takes its place's canonical name ("Syrian" → "Syria").
func Resolve(ents []news.Entity) []news.Entity {
	out := slices.Clone(ents)
	retypeMentions(out, defaultAliases())
	ms := make([]canonMention, len(out))
	for i, e := range out {
		ms[i] = analyseMention(e)
	}
	for i, name := range resolveMentions(ms) {
		out[i].Canonical = name
		if ms[i].table != "" && ms[i].table != noTable {
			out[i].Type = ms[i].typ // the curated table's type: Taliban is an ORG
		}
		if out[i].Type == "MISC" {
			if place, ok := Demonym(out[i].Text); ok {
				out[i].Canonical = place // "American" names the United States
			}
		}
	}
	return out
}

// resolveMentions returns the canonical name of each analysed mention.
func resolveMentions(ms []canonMention) []string {
	u := newMentionUnion(len(ms))
	for i := range ms {
		u.table[i] = ms[i].table
	}
	byKey := make(map[string]int)    // type + key or table name → first mention
	bySkel := make(map[string][]int) // type + skeleton → first mentions of keys
	var firsts []int
	for i, m := range ms {
		id := m.typ + "\x00" + m.key
		if m.table != "" && m.table != noTable {
			id = m.typ + "\x00\x00" + m.table
		}
		if j, ok := byKey[id]; ok {
			u.join(j, i)
			continue
		}
		byKey[id] = i
		firsts = append(firsts, i)
		sk := m.typ + "\x00" + consonantSkeleton(m.key)
		for _, j := range bySkel[sk] {
			if vowelVariant(ms[j].key, m.key) {
				u.join(j, i)
			}
		}
		bySkel[sk] = append(bySkel[sk], i)
	}
	// PERSON names with equal content words.
	byContent := make(map[string]int)
	for _, i := range firsts {
		if ms[i].typ != "PERSON" || len(ms[i].content) < 2 {
			continue
		}
		c := strings.Join(ms[i].content, " ")
		if j, ok := byContent[c]; ok {
			u.join(j, i)
		} else {
			byContent[c] = i
		}
	}
	// Short PERSON names and ORG acronyms link to one longer name.
	for _, i := range firsts {
		m := ms[i]
		var target = -1
		ambiguous := false
		consider := func(j int) {
			r := u.find(j)
			if r == u.find(i) {
				return
			}
			if target >= 0 && u.find(target) != r {
				ambiguous = true
			}
			target = r
		}
		switch {
		case m.typ == "PERSON" && len(m.content) >= 1:
			for _, j := range firsts {
				if ms[j].typ == "PERSON" && len(ms[j].content) > len(m.content) && nameSuffix(m.content, ms[j].content) {
					consider(j)
				}
			}
		case m.typ == "ORG" && (m.table == "" || m.table == noTable):
			if a := acronymOf(m.form); a != "" {
				for _, j := range firsts {
					if ms[j].typ == "ORG" && ms[j].table == "" && strings.Contains(ms[j].form, " ") && orgInitials(ms[j].form) == a {
						consider(j)
					}
				}
				break
			}
			if m.table != "" || strings.Contains(m.key, " ") {
				continue
			}
			for _, j := range firsts {
				full := ms[j].key
				if t := ms[j].table; t != "" && t != noTable {
					full = Key(t, "ORG") // "Man Utd" is Manchester United
				}
				if ms[j].typ == "ORG" && strings.HasSuffix(full, " "+m.key) {
					consider(j)
				}
			}
		}
		if target >= 0 && !ambiguous {
			u.join(target, i)
		}
	}
	// Name each group.
	best := make(map[int]int) // root → mention giving the name
	for i := range ms {
		r := u.find(i)
		b, ok := best[r]
		if !ok || moreCompleteName(ms[i], ms[b]) {
			best[r] = i
		}
	}
	names := make([]string, len(ms))
	for i := range ms {
		r := u.find(i)
		if t := u.table[r]; t != "" && t != noTable {
			names[i] = t
		} else {
			names[i] = ms[best[r]].form
		}
	}
	return names
}

// moreCompleteName reports whether a is a more complete name than b.
func moreCompleteName(a, b canonMention) bool {
	if len(a.content) != len(b.content) {
		return len(a.content) > len(b.content)
	}
	if a.nameTitles != b.nameTitles {
		return a.nameTitles < b.nameTitles
	}
	return utf8.RuneCountInString(a.form) > utf8.RuneCountInString(b.form)
}

// nameSuffix reports whether short ends long, word by word, allowing vowel
// variants.
func nameSuffix(short, long []string) bool {
	if len(short) > len(long) {
		return false
	}
	off := len(long) - len(short)
	for i, w := range short {
		if w != long[off+i] && !vowelVariantWord(w, long[off+i]) {
			return false
		}
	}
	return true
}

// mentionUnion is a union-find over mention indexes that never joins two groups
// named by different alias-table entries.
type mentionUnion struct {
	parent []int
	table  []string // per root: the alias-table name of the group, or ""
}

func newMentionUnion(n int) *mentionUnion {
	u := &mentionUnion{parent: make([]int, n), table: make([]string, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *mentionUnion) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// join merges the groups of i and j, keeping the smaller root so that
// results do not depend on the order of joins.
func (u *mentionUnion) join(i, j int) {
	ri, rj := u.find(i), u.find(j)
	if ri == rj {
		return
	}
	ti, tj := u.table[ri], u.table[rj]
	if ti != "" && tj != "" && ti != tj {
		return
	}
	if rj < ri {
		ri, rj = rj, ri
	}
	u.parent[rj] = ri
	if u.table[ri] == "" {
		u.table[ri] = tj + ti
	}
}

// retypeMentions sets the types of a document's mentions by two rules a
// reader applies (see [Resolve]): a short form of exactly one full PERSON
// name of the document is a PERSON, unless it is a known place or
// organisation name ("Washington" beside "George Washington"); a one-word PERSON mention that at
// names as an award or event (a MISC entry) is MISC unless a PERSON name
// of the document has that word.
func retypeMentions(ents []news.Entity, at *aliasTable) {
	var names [][]string
	nameWords := make(map[string]bool)
	for _, e := range ents {
		if e.Type != "PERSON" {
			continue
		}
		c := nameContent(Key(e.Text, "PERSON"))
		if len(c) < 2 {
			continue
		}
		if !slices.ContainsFunc(names, func(n []string) bool { return slices.Equal(n, c) }) {
			names = append(names, c)
		}
		for _, w := range c {
			nameWords[w] = true
		}
	}
	for i, e := range ents {
		switch e.Type {
		case "PERSON":
			k := Key(e.Text, "MISC")
			if strings.Contains(k, " ") || nameWords[k] {
				continue
			}
			if _, typ, ok := at.lookup(k, e.Text, "MISC"); ok && typ == "MISC" {
				ents[i].Type = "MISC"
			}
		case "ORG", "LOC", "MISC":
			if _, ok := at.index[Key(e.Text, e.Type)]; ok {
				continue // the alias table says what it is
			}
			if _, ok := Demonym(e.Text); ok || at.places[Key(e.Text, "LOC")] || at.orgs[Key(e.Text, "ORG")] {
				// A place, people or organisation that a person's name may
				// share: "Ford" beside "Bill Ford" is the company.
				continue
			}
			c := nameContent(Key(e.Text, "PERSON"))
			if len(c) == 0 || len(c) > 2 {
				continue
			}
			n := 0
			for _, name := range names {
				if len(name) > len(c) && nameSuffix(c, name) {
					n++
				}
			}
			if n == 1 {
				ents[i].Type = "PERSON"
			}
		}
	}
}
