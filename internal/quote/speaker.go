package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopBack are words that end a speaker phrase read backwards from its cue.
var stopBack = set(`in on at of for to from with by about after before during since as and or but
that which who whom whose when where while because if is was are were be been being said says told
than then so not also`)

// titles are words before a name that are not part of it.
var titles = set(`mr mrs ms dr sen senator rep representative gov governor president minister mayor
gen general col lt capt sgt adm judge justice secretary chancellor premier king queen prince pope
sheikh imam rabbi rev father sister brother speaker chairman leader commander ambassador prof professor
candidate nominee congressman congresswoman councilman councilwoman attorney detective officer`)

// isNameTok reports whether toks[i] can be part of a capitalised name.
func isNameTok(toks []token, i int) bool {
	t := toks[i]
	if t.isPunct() {
		return false
	}
	lw := t.lower()
	if strings.HasPrefix(lw, "al-") || strings.HasPrefix(lw, "el-") {
		return true
	}
	if particles[lw] {
		if i+1 >= len(toks) {
			return false
		}
		nl := toks[i+1].lower()
		return isCap(toks[i+1].s) || strings.HasPrefix(nl, "al-") || strings.HasPrefix(nl, "el-")
	}
	return isCap(t.s)
}

// nameBack returns the start index of the capitalised name ending at
// toks[j], or -1 when toks[j] does not end a name.
func nameBack(toks []token, j int) int {
	if j < 0 || !isNameTok(toks, j) || strings.HasSuffix(toks[j].lower(), "'s") {
		return -1
	}
	i := j
	for i-1 >= 0 && isNameTok(toks, i-1) && !strings.HasSuffix(toks[i-1].lower(), "'s") && !isCue(toks[i-1]) && j-i < 5 {
		i--
	}
	for i < j && notNameStart[toks[i].s] {
		i++
	}
	if notNameStart[toks[i].s] {
		return -1
	}
	// Titles are not part of the name: "Finance Minister Rui Costa".
	for k := j - 1; k >= i; k-- {
		if titles[strings.TrimSuffix(toks[k].lower(), ".")] {
			return k + 1
		}
	}
	return i
}

// subjectOf reads the subject of the clause toks: the phrase at its start,
// after a dateline ("WASHINGTON —") and an opening adverbial that ends in a
// comma ("On Thursday, Ann Roe …").
func (f *finder) subjectOf(toks []token) (source, bool) {
	k := 0
	for k < len(toks) && k < 4 && isAllCaps(toks[k].s) {
		k++
	}
	if k > 0 && k < len(toks) && (strings.Contains("—–-(", toks[k].s) || toks[k].s == ",") {
		for k < len(toks) && (toks[k].isPunct() || toks[k].s == "AP" || toks[k].s == "Reuters") {
			k++
		}
	} else {
		k = 0
	}
	// "Washington (AFP) – Ann Roe …": a dateline with its agency.
	if k == 0 {
		if o := slices.IndexFunc(toks[:min(len(toks), 4)], func(t token) bool { return t.s == "(" }); o > 0 {
			if c := bracketForward(toks, o); c > 0 && c+1 < len(toks) && strings.Contains("—–-", toks[c+1].s) {
				k = c + 2
			}
		}
	}
	if k < len(toks) && (notNameStart[toks[k].s] && !determiners[toks[k].lower()] || objectPreps[toks[k].lower()]) {
		for c := k + 1; c < len(toks) && c < k+10; c++ {
			if toks[c].s == "," {
				k = c + 1
				// "In Salem, New Hampshire, Ann Roe …": the place goes
				// with the adverbial.
				e := k
				for e < len(toks) && isNameTok(toks, e) && e < k+3 {
					e++
				}
				if e > k && e < len(toks) && toks[e].s == "," && isPlaceName(f.text[toks[k].start:toks[e-1].end]) {
					k = e + 1
				}
				break
			}
		}
	}
	s, _, ok := f.npForward(toks, k)
	return s, ok
}

// isAllCaps reports whether w is a word of two or more capital letters.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n > 1
}

// npBack reads the speaker phrase ending just before toks[k] (a cue verb),
// skipping auxiliaries and adverbs. It returns the source and the index of
// the phrase's first token.
func (f *finder) npBack(toks []token, k int) (source, int, bool) {
	j := k - 1
	for j >= 0 && skipBefore[toks[j].lower()] {
		j--
	}
	// "Sen. Ann Roe (R-Ohio) said", "Ann Roe (R-Ohio), said": the
	// bracket after the name is no part of it.
	if o := bracketBack(toks, j); o >= 0 {
		j = o - 1
	} else if j > 0 && toks[j].s == "," {
		if o := bracketBack(toks, j-1); o >= 0 {
			j = o - 1
		}
	}
	if j > 0 && toks[j].s == "," {
		// "one dealer, who asked not to be named, told": the subject
		// before a relative clause set off by commas.
		for c := j - 1; c > 0 && c >= j-14; c-- {
			if toks[c].isPunct() && toks[c].s != "," {
				break
			}
			if toks[c].s == "," && c+1 < j {
				if w := toks[c+1].lower(); w == "who" || w == "which" {
					if s, i, ok := f.npBack(toks, c); ok {
						return s, i, true
					}
				}
				break
			}
		}
	}
	if j > 0 && toks[j].s == "," {
		// "her adviser, Jake Lee, said": the name between commas.
		if n := nameBack(toks, j-1); n > 0 && toks[n-1].s == "," {
			d := n - 1
			for d > 0 && !toks[d-1].isPunct() && n-d < 10 && !isCue(toks[d-1]) {
				d--
			}
			if d < n-1 {
				s := f.classifyNP(toks, n, j-1)
				if s.kind == npName {
					return s, d, true
				}
			}
		}
	}
	if j < 0 || toks[j].isPunct() {
		return source{}, 0, false
	}
	// "…, Ann Roe, who said": the name before the relative pronoun.
	if toks[j].lower() == "who" && j > 0 {
		e := j - 1
		if toks[e].s == "," {
			e--
		}
		if n := nameBack(toks, e); n >= 0 {
			if s := f.classifyNP(toks, n, e); s.kind == npName {
				return s, n, true
			}
		}
		return source{}, 0, false
	}
	if lw := toks[j].lower(); pronouns[lw] {
		return source{kind: npPronoun, name: toks[j].s, start: toks[j].start, end: toks[j].end}, j, true
	}
	// "officials who spoke with the paper said", "Ann Roe, who backed
	// the plan and said": the subject before the relative clause.
	if w := relativeWho(toks, j); w > 0 {
		e := w - 1
		if toks[e].s == "," {
			e--
		}
		if e >= 0 && !toks[e].isPunct() && !stopBack[toks[e].lower()] {
			i := npStart(toks, e)
			for i < e && notNameStart[toks[i].s] && !determiners[toks[i].lower()] {
				i++
			}
			if s := f.classifyNP(toks, i, e); s.kind != npNone {
				return s, i, true
			}
		}
	}
	if stopBack[toks[j].lower()] {
		return source{}, 0, false
	}
	i := npStart(toks, j)
	// "the Muslim Council of Britain said": a name with "of" inside;
	// "Ann Roe of the Harbour Board in Oslo said": the first name heads.
	head := -1
	for i >= 2 && (subjectPreps[toks[i-1].lower()] || placePreps[toks[i-1].lower()]) && isNameTok(toks, i-2) && !titles[toks[i-2].lower()] {
		n := nameBack(toks, i-2)
		if n < 0 {
			break
		}
		head = i - 2
		i = n
	}
	if head >= 0 && f.ents == nil {
		// Without entities the first name heads ("Ann Roe of the
		// Harbour Board"), with the names that "of" joins to an
		// organisation's ("Bank of England").
		e := i
		for e+1 <= j && isNameTok(toks, e+1) {
			e++
		}
		for !personLike(toks[i:e+1]) && e+2 <= j && toks[e+1].lower() == "of" && isNameTok(toks, e+2) {
			e += 2
			for e+1 <= j && isNameTok(toks, e+1) {
				e++
			}
		}
		s := f.classifyNP(toks, i, e)
		return s, i, s.kind != npNone
	}
	// "the head of the agency said", "Ann Roe's reference to Russia
	// suggests": the phrase is the object of a preposition; the subject
	// is the noun before it, and only a noun that can speak makes a source.
	if h := i - 2; h >= 0 && (subjectPreps[toks[i-1].lower()] || placePreps[toks[i-1].lower()]) && (isLowerWord(toks[h]) || h == 0 && speakerNoun(toks[h].lower())) && !stopBack[toks[h].lower()] {
		// "an official familiar with the talks": the noun may stand a
		// few words before the preposition.
		for h > 0 && h > i-5 && !speakerNoun(toks[h].lower()) && isLowerWord(toks[h-1]) && !stopBack[toks[h-1].lower()] {
			h--
		}
		if !speakerNoun(toks[h].lower()) && !quantity(toks[h]) {
			return source{}, 0, false
		}
		i = npStart(toks, h)
		for i < j && notNameStart[toks[i].s] && !determiners[toks[i].lower()] {
			i++
		}
		start, end := toks[i].start, toks[j].end
		return source{kind: npOther, name: f.text[start:end], start: start, end: end}, i, true
	}
	// Drop sentence-initial function words ("But officials").
	for i < j && notNameStart[toks[i].s] && !determiners[toks[i].lower()] {
		i++
	}
	s := f.classifyNP(toks, i, j)
	if s.kind == npNone {
		return source{}, 0, false
	}
	return s, i, true
}

// npStart returns the first token of the phrase ending at toks[j], read
// backwards up to punctuation, a function word or a determiner (included),
// at most seven words.
func npStart(toks []token, j int) int {
	i := j
	for i-1 >= 0 && j-i < 6 {
		p := toks[i-1]
		if p.isPunct() {
			break
		}
		lw := p.lower()
		if determiners[lw] {
			i--
			break
		}
		if stopBack[lw] || pronouns[lw] {
			break
		}
		i--
	}
	return i
}

// classifyNP names the phrase toks[i..j].
func (f *finder) classifyNP(toks []token, i, j int) source {
	start, end := toks[i].start, toks[j].end
	if e, ok := f.entityIn(start, end); ok {
		// A name followed by the noun it modifies is part of a
		// description: "Western officials", "a US lawyer", "Clinton's
		// campaign". The phrase, not the name, speaks.
		if k := lastLowerWord(toks, i, j); k >= 0 && toks[k].start >= e.end {
			return source{kind: npOther, name: f.text[start:end], start: start, end: end}
		}
		// A nationality names no one: "the New Zealander", "the Indian
		// Government", "the 24-year-old Swiss" are kept as written, not
		// turned into their country.
		if t := f.entType(e.start, e.end); t == "MISC" || t == "LOC" && e.end < toks[j].end {
			return source{kind: npOther, name: f.text[start:end], start: start, end: end}
		}
		if !e.person {
			// A place inside a description: "shops all over the UK".
			for k := i; k <= j && toks[k].end <= e.start; k++ {
				if lw := toks[k].lower(); (objectPreps[lw] || placePreps[lw]) && k > i {
					return source{kind: npOther, name: f.text[start:end], start: start, end: end}
				}
			}
			// "the Muslim Council of Britain": the name that ends in a place.
			if n := ofNameStart(toks, i, e.start); n >= 0 {
				return source{kind: npName, name: f.text[toks[n].start:e.end], start: toks[n].start, end: e.end}
			}
		}
		return source{kind: npName, name: e.name, start: e.start, end: e.end}
	}
	if n := nameBack(toks, j); n >= i {
		return source{kind: npName, name: f.text[toks[n].start:toks[j].end], start: toks[n].start, end: toks[j].end}
	}
	if j == i && pronouns[toks[i].lower()] {
		return source{kind: npPronoun, name: toks[i].s, start: start, end: end}
	}
	if j == i && toks[i].lower() == "you" {
		// The generic "you" ("you think of …") speaks for no one.
		return source{}
	}
	lw := toks[j].lower()
	if lw == "" || stopBack[lw] {
		return source{}
	}
	if toks[i].lower() == "the" && roleNouns[lw] {
		return source{kind: npRole, name: f.text[start:end], start: start, end: end}
	}
	return source{kind: npOther, name: f.text[start:end], start: start, end: end}
}

// entMention is a name found in the text.
type entMention struct {
	name       string
	start, end int
	person     bool
}

// entityIn returns the rightmost entity mention inside [start,end).
func (f *finder) entityIn(start, end int) (entMention, bool) {
	var best entMention
	ok, bestRank := false, 0
	for _, e := range f.ents {
		if e.Start < start || e.End > end || e.Start >= e.End {
			continue
		}
		// "Ann Roe of the Harbour Board in Oslo": a person is the head,
		// and a name after a preposition is none ("of" inside a name
		// aside: "Bank of England").
		rank := 1
		if f.afterPrep(start, e.Start) && !f.ofInName(start, e.Start) {
			rank = 0
		} else if e.Type == "PERSON" {
			rank = 2
		}
		if !ok || rank > bestRank || rank == bestRank && e.Start > best.start {
			bestRank = rank
			name := e.Canonical
			if name == "" {
				name = e.Text
			}
			best, ok = entMention{name, e.Start, e.End, e.Type == "PERSON"}, true
		}
	}
	return best, ok
}

// npForward reads the speaker phrase starting at toks[k] ("said the
// senator", "tells Atiyah abd al-Rahman, a ..."): a capitalised name, or a
// description up to punctuation or a preposition.
func (f *finder) npForward(toks []token, k int) (source, int, bool) {
	if k >= len(toks) || toks[k].isPunct() {
		return source{}, k, false
	}
	if pronouns[toks[k].lower()] {
		return source{kind: npPronoun, name: toks[k].s, start: toks[k].start, end: toks[k].end}, k + 1, true
	}
	j := k
	if isNameTok(toks, k) && !determiners[toks[k].lower()] {
		for j+1 < len(toks) && isNameTok(toks, j+1) && j-k < 6 {
			j++
		}
		// "UK Chancellor of the Exchequer Gordon Brown": a title of an
		// office, then the name.
		if titles[toks[j].lower()] && j+2 < len(toks) && toks[j+1].lower() == "of" {
			m := j + 2
			if toks[m].lower() == "the" {
				m++
			}
			for m < len(toks) && isNameTok(toks, m) && m < j+10 {
				m++
			}
			if m > j+2 {
				j = m - 1
			}
		}
		// "Moscow-based US lawyer Jamie Firestone", "US officials": a
		// name modifying the nouns after it, and the name they lead to.
		if e := descriptionAfter(toks, j+1); e > j {
			j = e
		}
	} else {
		for j+1 < len(toks) && !toks[j+1].isPunct() && !stopBack[toks[j+1].lower()] && j-k < 6 {
			j++
		}
		if stopBack[toks[j].lower()] {
			return source{}, k, false
		}
	}
	s := f.classifyNP(toks, k, j)
	return s, j + 1, s.kind != npNone
}

// tellVerbs take the addressee as their object.
var tellVerbs = set(`tell tells told telling ask asks asked warned warns assured assures informed informs`)

// withAddressee fills the addressee after a tell-verb at toks[k].
func (f *finder) withAddressee(s *source, toks []token, k int) {
	if !tellVerbs[toks[k].lower()] || k+1 >= len(toks) {
		return
	}
	e := addresseeEnd(toks, k+1)
	if e <= k+1 || objectPronouns[toks[k+1].lower()] {
		return
	}
	if a := f.classifyNP(toks, k+1, e-1); a.kind == npName {
		s.addressee = a.name
	} else {
		s.addressee = f.text[toks[k+1].start:toks[e-1].end]
	}
}

// parseAfter reads a cue clause at the start of text[start:end], right after
// a closing mark: `, he said`, `said Caddell`, `bin Laden tells X`.
// between says the clause lies between two parts of a split quote.
func (f *finder) parseAfter(start, end int, between bool) (source, bool) {
	toks := tokenize(f.text, start, end)
	k := 0
	for k < len(toks) && k < 2 && toks[k].isPunct() && strings.Contains(",—–-:", toks[k].s) {
		k++
	}
	if k >= len(toks) {
		return source{}, false
	}
	if v := toks[k].s; (speechVerbs[v] || directOnly[v]) && cueAt(toks, k) {
		s, _, ok := f.npForward(toks, k+1)
		if !ok {
			return source{}, false
		}
		s.cue, s.cueStart = toks[k].s, toks[k].start
		f.withAddressee(&s, toks, k)
		return s, true
	}
	if s, ok := f.appositive(toks, k); ok {
		return s, true
	}
	for v := k; v < len(toks) && v < k+14; v++ {
		if toks[v].s == "(" && v > k {
			// A bracket after the name: "Ann Roe (R-Ohio) said".
			if c := bracketForward(toks, v); c > 0 {
				v = c
				continue
			}
		}
		if toks[v].isPunct() && toks[v].s != "," || v >= k+8 && toks[v].s != "," && slices.IndexFunc(toks[k:v], func(t token) bool { return t.s == "," }) < 0 {
			return source{}, false
		}
		lw := toks[v].s
		if !speechVerbs[lw] && !directOnly[lw] || !cueAt(toks, v) {
			continue
		}
		s, i, ok := f.npBack(toks, v)
		if !ok || i != k {
			return source{}, false
		}
		s.cue, s.cueStart = toks[v].s, toks[v].start
		f.withAddressee(&s, toks, v)
		return s, true
	}
	return source{}, false
}

// bracketBack returns the index of the "(" opening the bracket that ends
// at toks[j], a few words long, or -1.
func bracketBack(toks []token, j int) int {
	if j < 1 || toks[j].s != ")" {
		return -1
	}
	for o := j - 1; o >= 0 && o >= j-6; o-- {
		switch toks[o].s {
		case "(":
			return o
		case ")":
			return -1
		}
	}
	return -1
}

// bracketForward returns the index of the ")" closing the bracket that
// opens at toks[o], a few words long, or -1.
func bracketForward(toks []token, o int) int {
	for c := o + 1; c < len(toks) && c <= o+6; c++ {
		switch toks[c].s {
		case ")":
			return c
		case "(":
			return -1
		}
	}
	return -1
}

// cueAt reports whether toks[i] is a reporting verb used as a verb: in
// lower case, or capitalised at the start of a clause ("Continued Stone:"),
// and not a noun after a determiner or a possessive ("his answer", "the
// report", "Clinton's emails").
func cueAt(toks []token, i int) bool {
	t := toks[i]
	if !isCue(t) {
		return false
	}
	if i == 0 {
		return true
	}
	p := toks[i-1]
	if isCap(t.s) && !(p.isPunct() && strings.Contains(".:;!?—–-\"“”", p.s)) {
		return false
	}
	lp := p.lower()
	if nounDeterminers[lp] || strings.HasSuffix(lp, "'s") || strings.HasSuffix(lp, "s'") {
		return false
	}
	// A base form that is also a noun ("state", "report", "claim") after
	// a singular word is a noun: "a former state party chairman".
	lw := t.lower()
	if !strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ed") && !strings.HasSuffix(lw, "ing") && nounCues[lw] &&
		isLowerWord(p) && !pronouns[lp] && !skipBefore[lp] && !modals[lp] && lp != "to" && !isPlural(lp) {
		return false
	}
	return true
}

// nounCues are reporting verbs whose base form is also a common noun.
var nounCues = set(`state report claim charge note answer counter echo remark joke email cry laugh
lecture tweet quip demand promise vow plead reply respond comment boast sigh shout whisper
post concede caution`)

// modals stand before a base form that is a verb.
var modals = set(`will would can could should may might must shall do does did not never`)

// nounDeterminers make the word after them a noun.
var nounDeterminers = set(`the a an his her their its our my your this these those whose every each no
any another such`)

// isCue reports whether t is a reporting verb, also capitalised at the
// start of a sentence ("Continued Stone:").
func isCue(t token) bool {
	lw := t.s
	if isCap(lw) {
		lw = t.lower()
	}
	return speechVerbs[lw] || directOnly[lw]
}

// appositive reads "Name, <description>, cue" from toks[k]: "Seth Lowe, a
// historian at Rice University, told reporters", "Jim Bell, 57, said".
func (f *finder) appositive(toks []token, k int) (source, bool) {
	if k >= len(toks) || !isNameTok(toks, k) || notNameStart[toks[k].s] {
		return source{}, false
	}
	j := k
	for j+1 < len(toks) && isNameTok(toks, j+1) && j-k < 5 {
		j++
	}
	if j+1 >= len(toks) || toks[j+1].s != "," {
		return source{}, false
	}
	// The description may hold commas of its own ("Ann Roe, 30, of
	// Dayton, Ohio, said") and abbreviation dots ("R-Ky., said").
	v := -1
	for c := j + 2; c < len(toks) && c < j+30; c++ {
		switch s := toks[c].s; {
		case s == "," && c > j+2:
			w := c + 1
			for w < len(toks) && skipBefore[toks[w].lower()] {
				w++
			}
			if w < len(toks) && isCue(toks[w]) && !isCap(toks[w].s) {
				v = w
			}
		case cueAt(toks, c) || s == "“" || s == "\"" || (s == "." && (c+1 >= len(toks) || toks[c+1].s != ",")):
			return source{}, false
		}
		if v >= 0 {
			break
		}
	}
	if v < 0 {
		return source{}, false
	}
	s := f.classifyNP(toks, k, j)
	if s.kind != npName {
		return source{}, false
	}
	s.cue, s.cueStart = toks[v].s, toks[v].start
	f.withAddressee(&s, toks, v)
	return s, true
}

// parseBefore reads a cue clause at the end of text[start:end], before an
// opening mark: `Caddell continued:`, `He told reporters,`, `According to X,`.
func (f *finder) parseBefore(start, end int) (source, bool) {
	toks := tokenize(f.text, start, end)
	pre := strings.TrimSpace(f.text[start:end])
	colon := strings.HasSuffix(pre, ":")
	for len(toks) > 0 && toks[len(toks)-1].isPunct() {
		toks = toks[:len(toks)-1]
	}
	// A bulletin line: "- Ann Roe: …" or "Ann Roe: …".
	if colon && len(toks) > 0 {
		if e := len(toks) - 1; !isCue(toks[e]) {
			if i := nameBack(toks, e); i == 0 || i > 0 && strings.Contains("-—–", toks[i-1].s) {
				if s := f.classifyNP(toks, i, e); s.kind == npName {
					return s, true
				}
			}
		}
	}
	for v := len(toks) - 1; v >= 0 && v >= len(toks)-9; v-- {
		lw := toks[v].lower()
		if lw == "according" && v+1 < len(toks) && toks[v+1].lower() == "to" {
			s, _, ok := f.npForward(toks, v+2)
			if ok {
				s.cue, s.cueStart = f.text[toks[v].start:toks[v+1].end], toks[v].start
				return s, true
			}
			continue
		}
		if !cueAt(toks, v) {
			continue
		}
		// "…, saying:": the subject of the sentence speaks.
		if strings.HasSuffix(lw, "ing") && v > 0 && toks[v-1].s == "," {
			if s, ok := f.subjectOf(toks[:v]); ok && s.kind != npOther {
				s.cue, s.cueStart = toks[v].s, toks[v].start
				return s, true
			}
			// "“…,” Ann Roe said, adding:": the source of the cue before.
			if v > 1 && cueAt(toks, v-2) {
				if s, _, ok := f.npBack(toks, v-2); ok {
					s.cue, s.cueStart = toks[v].s, toks[v].start
					return s, true
				}
			}
			continue
		}
		// "X went on to say," "X was quick to add:": the subject speaks.
		if v > 0 && toks[v-1].lower() == "to" {
			if !toSpeak[lw] {
				continue
			}
			if s, ok := f.subjectOf(toks[:v-1]); ok {
				s.cue, s.cueStart = toks[v].s, toks[v].start
				return s, true
			}
			continue
		}
		if s, _, ok := f.npBack(toks, v); ok {
			s.cue, s.cueStart = toks[v].s, toks[v].start
			f.withAddressee(&s, toks, v)
			return s, true
		}
		// "X gestured, then leaned in and boomed:": the subject speaks.
		if w := v - 1; (colon || strings.HasSuffix(pre, ",")) && !notNameStart[toks[0].s] && (w > 0 && toks[w].lower() == "and" || w > 1 && toks[w].lower() == "then" && toks[w-1].lower() == "and") {
			if s, _, ok := f.npForward(toks, 0); ok && (s.kind == npName || s.kind == npPronoun) {
				s.cue, s.cueStart = toks[v].s, toks[v].start
				return s, true
			}
			continue
		}
		if v+1 < len(toks) && !tellVerbs[lw] { // "said Caddell:" (inverted)
			if s, _, ok := f.npForward(toks, v+1); ok && s.kind == npName && outletNames[s.name] == "" {
				s.cue, s.cueStart = toks[v].s, toks[v].start
				return s, true
			}
		}
	}
	return source{}, false
}

// resolve sets every quote's speaker: names as found, pronouns and
// definite descriptions resolved to the nearest earlier speaker or
// sentence-subject name, quotes without a cue to the previous quote's
// speaker.
func (f *finder) resolve() {
	sortAttrs(f.attrs)
	subjects, names := f.subjects()
	type seen struct {
		name       string
		start, end int
		para       int
		at         int // where the mention (or the pronoun naming it) stands
	}
	var last *seen  // the most recent speaker
	var hist []seen // speakers and sentence subjects so far, in text order
	si := 0
	// genderOfName guesses the gender of a name, from the full form of a
	// surname when the text has one.
	genderOfName := func(n string, at int) gender {
		if g := genderOf(n); g != genderUnknown || strings.Contains(n, " ") {
			return g
		}
		for k := len(names) - 1; k >= 0; k-- {
			if m := names[k].name; names[k].start <= at && strings.HasSuffix(m, " "+n) {
				return genderOf(m)
			}
		}
		return genderUnknown
	}
	for _, a := range f.attrs {
		pos := a.start
		if a.src.kind != npNone && a.src.start < pos {
			pos = a.src.start
		}
		for si < len(subjects) && subjects[si].start < pos {
			s := subjects[si]
			hist = append(hist, seen{s.name, s.start, s.end, f.paraOf(s.start), s.start})
			si++
		}
		// pick returns the most recent candidate a pronoun or role may
		// refer to: not a place, and of the right gender when both are known.
		pick := func() *seen {
			want, _ := pronounGender(a.src.name)
			if a.src.kind == npRole {
				want = genderOf(a.src.name)
			}
			var fallback *seen
			for k := len(hist) - 1; k >= 0 && k >= len(hist)-8; k-- {
				c := &hist[k]
				if c.at >= pos || isPlaceName(c.name) {
					continue
				}
				if fallback == nil {
					fallback = c
				}
				if g := genderOfName(c.name, c.at); want == genderUnknown || g == genderUnknown || g == want {
					return c
				}
			}
			return fallback
		}
		switch {
		case a.inherit:
			// A quote without a cue continues the last speaker, unless a
			// person named later, in the sentence just before, speaks.
			if c := pick(); c != nil && last != nil && c.at > last.at && a.para-c.para <= 1 {
				a.speaker, a.spStart, a.spEnd, a.spKind = c.name, c.start, c.end, SpeakerResolved
			} else if last != nil && a.para-last.para <= 2 {
				a.speaker, a.spStart, a.spEnd, a.spKind = last.name, last.start, last.end, SpeakerResolved
			}
			continue
		case a.src.kind == npName:
			a.speaker, a.spStart, a.spEnd, a.spKind = a.src.name, a.src.start, a.src.end, SpeakerName
			// A surname alone takes the full name of an earlier speaker.
			if !strings.Contains(a.speaker, " ") {
				for k := len(names) - 1; k >= 0; k-- {
					if names[k].start >= pos {
						continue
					}
					if n := names[k].name; strings.HasSuffix(n, " "+a.speaker) || strings.HasSuffix(n, "-"+a.speaker) {
						a.speaker = n
						break
					}
				}
			}
		case a.src.kind == npPronoun && (strings.EqualFold(a.src.name, "i") || strings.EqualFold(a.src.name, "we")):
			// The writer, or someone quoted by the writer: not resolved.
			a.spStart, a.spEnd, a.spKind = a.src.start, a.src.end, SpeakerUnresolved
			continue
		case a.src.kind == npPronoun && strings.EqualFold(a.src.name, "it"):
			// "It said": an organisation or a document, never a person.
			if t, ok := f.pickThing(pos); ok {
				a.speaker, a.spStart, a.spEnd, a.spKind = t.name, t.start, t.end, SpeakerResolved
			} else {
				a.spStart, a.spEnd, a.spKind = a.src.start, a.src.end, SpeakerUnresolved
			}
			continue
		case a.src.kind == npPronoun && strings.EqualFold(a.src.name, "they"):
			// "They": the last group described as a speaker ("experts
			// say …"), unless a person was named since.
			g, gok := f.pickGroup(pos)
			p := pick()
			switch {
			case gok && (p == nil || p.at < g.start):
				a.speaker, a.spStart, a.spEnd, a.spKind = g.name, g.start, g.end, SpeakerResolved
			case p != nil:
				a.speaker, a.spStart, a.spEnd, a.spKind = p.name, p.start, p.end, SpeakerResolved
			default:
				a.spStart, a.spEnd, a.spKind = a.src.start, a.src.end, SpeakerUnresolved
				continue
			}
		case a.src.kind == npPronoun || a.src.kind == npRole:
			if p := pick(); p != nil {
				a.speaker, a.spStart, a.spEnd, a.spKind = p.name, p.start, p.end, SpeakerResolved
			} else if a.src.kind == npRole {
				a.speaker, a.spStart, a.spEnd, a.spKind = a.src.name, a.src.start, a.src.end, SpeakerDescription
			} else {
				a.spStart, a.spEnd, a.spKind = a.src.start, a.src.end, SpeakerUnresolved
				continue
			}
		case a.src.kind == npOther:
			a.speaker, a.spStart, a.spEnd, a.spKind = a.src.name, a.src.start, a.src.end, SpeakerDescription
		default:
			continue
		}
		if a.src.kind == npOther && a.kind == KindDirect {
			// "a spokesman said": quotes without a cue after it are
			// his, but he is no antecedent of a pronoun.
			last = &seen{a.speaker, a.spStart, a.spEnd, a.para, max(pos, a.src.start)}
		}
		if a.src.kind == npName || a.src.kind == npPronoun || a.src.kind == npRole {
			// The speaker stands where its source does ("…, Ann Roe
			// said" is more recent than the names before it).
			at := max(pos, a.src.start)
			last = &seen{a.speaker, a.spStart, a.spEnd, a.para, at}
			// Keep the history in text order: the speaker may precede
			// subjects already added.
			k := len(hist)
			for k > 0 && hist[k-1].at > at {
				k--
			}
			if k == 0 || hist[k-1].at != at {
				hist = slices.Insert(hist, k, *last)
			}
		}
	}
}

// subjects returns the first person name of every sentence, outside
// quotes: the candidates a pronoun may refer to.
func (f *finder) subjects() (subjects, all []entMention) {
	var out []entMention
	for _, s := range f.sents {
		if f.ents != nil {
			for _, e := range f.ents {
				if e.Start >= s.start && e.End <= s.end && e.Type == "PERSON" && !f.inQuote(e.Start) {
					// A possessive ("Trump's accusation"), the object of a
					// preposition or a name inside reported speech is not
					// the subject of its sentence.
					if f.possessiveAt(e.End) || f.afterPrep(s.start, e.Start) || f.inIndirect(e.Start) {
						all = append(all, entMention{e.Canonical, e.Start, e.End, true})
						if all[len(all)-1].name == "" {
							all[len(all)-1].name = e.Text
						}
						continue
					}
					name := e.Canonical
					if name == "" {
						name = e.Text
					}
					if len(out) == 0 || out[len(out)-1].start < s.start {
						out = append(out, entMention{name, e.Start, e.End, true})
					}
					all = append(all, entMention{name, e.Start, e.End, true})
				}
			}
			continue
		}
		toks := tokenize(f.text, s.start, s.end)
		for j := 0; j < len(toks); j++ {
			if f.inQuote(toks[j].start) || !isNameTok(toks, j) {
				continue
			}
			e := j
			for e+1 < len(toks) && isNameTok(toks, e+1) {
				e++
			}
			i := nameBack(toks, e)
			if i < 0 || strings.HasSuffix(toks[e].lower(), "'s") {
				j = e
				continue
			}
			single := i == e && !slices.ContainsFunc(all, func(m entMention) bool {
				return strings.HasSuffix(m.name, " "+toks[i].s) || strings.HasSuffix(m.name, "-"+toks[i].s)
			})
			if personLike(toks[i:e+1]) && !single {
				m := entMention{f.text[toks[i].start:toks[e].end], toks[i].start, toks[e].end, true}
				// A name after a preposition ("the murder of X", "more
				// than X") is not the subject of its sentence.
				afterPrep := i > 0 && objectPreps[toks[i-1].lower()]
				if !afterPrep && !f.inIndirect(m.start) && (len(out) == 0 || out[len(out)-1].start < s.start) {
					out = append(out, m)
				}
				all = append(all, m)
			}
			j = e
		}
	}
	return out, all
}

// possessiveAt reports whether a possessive "'s" follows offset i.
func (f *finder) possessiveAt(i int) bool {
	r := f.text[i:]
	return strings.HasPrefix(r, "'s") || strings.HasPrefix(r, "’s") || strings.HasPrefix(r, "'") || strings.HasPrefix(r, "’")
}

// afterPrep reports whether the word before offset i (no earlier than
// from) is a preposition.
func (f *finder) afterPrep(from, i int) bool {
	j := i
	for j > from && f.text[j-1] == ' ' {
		j--
	}
	k := j
	for k > from && isWordRune(rune(f.text[k-1])) {
		k--
	}
	return k < j && objectPreps[strings.ToLower(f.text[k:j])]
}

// inIndirect reports whether offset i lies in the content of indirect speech.
func (f *finder) inIndirect(i int) bool {
	for _, a := range f.attrs {
		if a.kind == KindIndirect && a.start <= i && i < a.end {
			return true
		}
	}
	return false
}

// objectPreps are prepositions whose object is not a sentence subject.
var objectPreps = set(`of in on at for to from with by about after before than against over under
between among toward towards into like behind beside near`)

// personLike reports whether a capitalised name looks like a person's.
func personLike(toks []token) bool {
	for _, t := range toks {
		lw := strings.TrimPrefix(strings.TrimPrefix(t.lower(), "al-"), "el-")
		if orgWords[lw] || outletNames[t.s] != "" {
			return false
		}
	}
	return true
}

// subjectPreps join a noun to the phrase after it inside a subject ("the
// head of the agency", "a spokesman for Ann Roe").
var subjectPreps = set(`of for to at from with in on about`)

// isLowerWord reports whether t is a word beginning with a lower-case letter.
func isLowerWord(t token) bool {
	r, _ := utf8.DecodeRuneInString(t.s)
	return unicode.IsLower(r)
}

// lastLowerWord returns the index of the last lower-case word of toks[i..j]
// that is not a function word, or -1.
func lastLowerWord(toks []token, i, j int) int {
	for k := j; k >= i; k-- {
		if isLowerWord(toks[k]) && !determiners[toks[k].lower()] && !stopBack[toks[k].lower()] && !skipBefore[toks[k].lower()] {
			return k
		}
	}
	return -1
}

// speakerNoun reports whether a common noun (lower case) names someone who
// can speak: a person by role, a group, an organisation, or a document or
// message that states something ("the report said").
func speakerNoun(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	if roleNouns[w] || speakerNouns[w] || documentNouns[w] {
		return true
	}
	for _, suf := range []string{"s", "es"} {
		if b, ok := strings.CutSuffix(w, suf); ok && (roleNouns[b] || speakerNouns[b] || documentNouns[b]) {
			return true
		}
	}
	if b, ok := strings.CutSuffix(w, "ies"); ok && (speakerNouns[b+"y"] || documentNouns[b+"y"]) {
		return true
	}
	switch w {
	case "men", "women", "people", "police", "staff", "media", "public", "press", "children", "folks":
		return true
	}
	// Agent nouns: "economists", "politicians".
	for _, suf := range []string{"ist", "ists", "ian", "ians"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

// speakerNouns are common nouns of people, groups and organisations,
// beside [roleNouns].
var speakerNouns = set(`official head member chief boss expert analyst critic source resident voter
supporter opponent observer scientist researcher economist investigator authority diplomat witness
activist protester worker doctor lawyer aide adviser advisor staffer team group organisation
organization agency ministry government administration company firm spokesperson representative
union council committee court board commission panel campaign party department office bank
authorities regulator police family friend colleague neighbour neighbor victim student teacher
parent citizen coach player fan user customer consumer executive insider investor trader dealer
banker manager owner partner ally rival leadership delegation delegate envoy negotiator army military
force militant rebel fighter insurgent group faction movement network alliance coalition
association federation club league charity regime cabinet parliament congress senate house
legislature lawmaker legislator congressman senator governor mayor candidate nominee contender
republican democrat conservative liberal progressive tory spokesman spokeswoman person man woman
guy girl boy pilot soldier officer troop general colonel captain sergeant priest bishop cleric imam
nurse surgeon professor scholar academic historian author writer journalist reporter editor
columnist correspondent commentator pundit pollster strategist consultant operative organizer
organiser volunteer farmer miner driver chairman chairwoman chair director president vice secretary
minister premier king queen prince princess judge justice prosecutor attorney detective inspector
sheriff commissioner ambassador consul mp peer lord senior junior veteran survivor patient
provider operator maker manufacturer retailer broadcaster network outlet newspaper magazine channel
station agency website blog site paper firm company corporation business industry sector producer
studio publisher school university college institute hospital clinic charity body watchdog
unit division branch shop store`)

// documentNouns are texts and messages that state things: "the report
// said", "a statement suggests".
var documentNouns = set(`report statement study survey poll document letter memo memorandum article
filing complaint lawsuit suit ruling verdict judgment decision opinion indictment affidavit
testimony transcript release announcement email message post tweet video recording tape
broadcast interview editorial column book paper analysis review audit assessment estimate
forecast projection briefing notice note order directive guidance guideline proposal
bill motion resolution communique declaration manifesto petition warning website blog page
account feed census minutes summary`)

// canSpeak reports whether the description toks[i:k] (a subject) names
// someone who can speak: its head, the last lower-case word, is a
// [speakerNoun], or it has none (a name).
func (f *finder) canSpeak(toks []token, i, k int) bool {
	h := lastLowerWord(toks, i, k-1)
	return h < 0 || speakerNoun(toks[h].lower())
}

// sourceUntilComma reads the source after "according to" at toks[k]: a
// name, or a description up to the next comma or the end of the clause
// ("a person close to the talks"), kept as written.
func (f *finder) sourceUntilComma(toks []token, k int) (source, bool) {
	s, next, ok := f.npForward(toks, k)
	if !ok || next >= len(toks) || toks[next].s == "," || toks[next].s == "." || s.kind == npName || s.kind == npPronoun {
		return s, ok
	}
	e := next
	for e < len(toks) && e < k+20 && toks[e].s != "," && !(toks[e].isPunct() && toks[e].s != "-" && toks[e].s != "'") {
		e++
	}
	start, end := toks[k].start, toks[e-1].end
	if e >= k+20 {
		end = s.end
	}
	return source{kind: npOther, name: f.text[start:end], start: start, end: end}, true
}

// descriptionAfter returns the end of the lower-case nouns starting at
// toks[k], with the capitalised name right after them if any, or -1 when
// toks[k] is not such a noun: "lawyer Jamie Firestone", "officials".
func descriptionAfter(toks []token, k int) int {
	// Only nouns of people and groups and their adjectives: "US lawyer",
	// "Labour party officials", not "Reuters news agency" nor a verb.
	e := k
	for e < len(toks) && e < k+4 && isLowerWord(toks[e]) && (speakerNoun(toks[e].lower()) || descAdjectives[toks[e].lower()]) && !isCue(toks[e]) {
		e++
	}
	if e == k || !speakerNoun(toks[e-1].lower()) {
		// Any nouns before a role noun and a name: "Russian oil
		// official Sergei Oganesyan".
		e = k
		for e < len(toks) && e < k+4 && isLowerWord(toks[e]) && !stopBack[toks[e].lower()] && !isCue(toks[e]) && !determiners[toks[e].lower()] && !strings.HasSuffix(toks[e].lower(), "ed") {
			e++
		}
		if e == k || e >= len(toks) || !speakerNoun(toks[e-1].lower()) || !isNameTok(toks, e) {
			return -1
		}
	}
	n := e
	for n < len(toks) && n < e+4 && isNameTok(toks, n) {
		n++
	}
	return n - 1
}

// descAdjectives may stand inside a description of a person or a group.
var descAdjectives = set(`former senior top chief deputy local foreign leading prominent veteran
independent private young old retired acting outgoing new junior assistant general executive
national regional state federal city county party defence defense finance trade health`)

// pickThing returns what "it" before offset pos refers to as a speaker: the
// nearest earlier organisation (an ORG mention, or a speaker described by
// an organisation or document noun: "the company", "the report") in the
// same or the previous paragraph.
func (f *finder) pickThing(pos int) (entMention, bool) {
	var best entMention
	ok := false
	para := f.paraOf(pos)
	for _, e := range f.ents {
		if e.Type != "ORG" || e.End > pos || f.inQuote(e.Start) || para-f.paraOf(e.Start) > 1 || f.possessiveAt(e.End) {
			continue
		}
		if !ok || e.Start > best.start {
			name := e.Canonical
			if name == "" {
				name = e.Text
			}
			best, ok = entMention{name, e.Start, e.End, false}, true
		}
	}
	for _, b := range f.attrs {
		if b.src.kind != npOther || b.src.end > pos || para-b.para > 1 || ok && b.src.start <= best.start {
			continue
		}
		toks := tokenize(f.text, b.src.start, b.src.end)
		if h := lastLowerWord(toks, 0, len(toks)-1); h >= 0 && !isPlural(toks[h].lower()) && (documentNouns[toks[h].lower()] || speakerNouns[toks[h].lower()] && orgNouns[toks[h].lower()]) {
			best, ok = entMention{b.src.name, b.src.start, b.src.end, false}, true
		}
	}
	return best, ok
}

// isPlural reports whether a noun looks plural.
func isPlural(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// orgNouns are [speakerNouns] that name an organisation, which "it" may
// refer to.
var orgNouns = set(`group organisation organization agency ministry government administration company
firm union council committee court board commission panel campaign party department office bank
regulator army military movement network alliance coalition association federation club league
charity regime cabinet parliament congress senate house legislature delegation team business
corporation industry studio publisher school university college institute hospital body watchdog
unit division branch broadcaster newspaper magazine channel station website retailer maker
manufacturer operator provider producer`)

// placePreps place a name inside a description ("shops across the UK").
var placePreps = set(`over across around throughout outside inside near beyond`)

// ofNameStart returns the first token of a capitalised name that runs
// into the mention at offset at through "of" ("Council of Britain", "Bank
// of England"), no earlier than toks[i], or -1.
func ofNameStart(toks []token, i, at int) int {
	k := i
	for k < len(toks) && toks[k].start < at {
		k++
	}
	if k-2 < i || toks[k-1].lower() != "of" || !isNameTok(toks, k-2) || titles[toks[k-2].lower()] {
		return -1
	}
	n := k - 2
	for n-1 >= i && isNameTok(toks, n-1) && !notNameStart[toks[n-1].s] {
		n--
	}
	return n
}

// pickGroup returns the nearest earlier speaker described as a group (a
// plural description: "data recovery experts", "Western officials") in the
// same or the previous paragraph, which "they" may refer to.
func (f *finder) pickGroup(pos int) (entMention, bool) {
	var best entMention
	ok := false
	para := f.paraOf(pos)
	for _, b := range f.attrs {
		if b.src.kind != npOther || b.src.end > pos || para-b.para > 1 || ok && b.src.start <= best.start {
			continue
		}
		toks := tokenize(f.text, b.src.start, b.src.end)
		if h := lastLowerWord(toks, 0, len(toks)-1); h >= 0 && isPlural(toks[h].lower()) && speakerNoun(toks[h].lower()) {
			best, ok = entMention{b.src.name, b.src.start, b.src.end, false}, true
		}
	}
	return best, ok
}

// ofInName reports whether the mention at offset i follows "of" right
// after a capitalised word ("Council of Britain"), no earlier than from.
func (f *finder) ofInName(from, i int) bool {
	toks := tokenize(f.text, from, i)
	n := len(toks)
	return n >= 2 && toks[n-1].lower() == "of" && isCap(toks[n-2].s) && !titles[toks[n-2].lower()]
}

// toSpeak are the infinitives of speech a subject goes on to, or is quick
// to, utter: "went on to say", "was quick to add" (not "to counter").
var toSpeak = set(`say add tell ask write note explain declare insist warn reply answer respond
remark stress point argue`)

// entType returns the type of the entity mention at [start,end), or "".
func (f *finder) entType(start, end int) string {
	for _, e := range f.ents {
		if e.Start == start && e.End == end {
			return e.Type
		}
	}
	return ""
}

// relativeWho returns the index of the "who" opening a relative clause
// that runs up to toks[j] ("who spoke with the paper", "who backed the
// plan and"), without a cue or a sentence mark of its own, or -1.
func relativeWho(toks []token, j int) int {
	for c := j; c >= 1 && c >= j-15; c-- {
		t := toks[c]
		if t.isPunct() && t.s != "," && t.s != "-" || c < j && isCue(t) && c != j {
			return -1
		}
		if t.lower() == "who" {
			if c == j {
				return -1 // "Ann Roe, who said": handled by the caller
			}
			return c
		}
	}
	return -1
}

// quantity reports whether t counts people, as polls report them: "six
// (in 10)", "a majority (of voters)", "half", "47 percent".
func quantity(t token) bool {
	if r := []rune(t.s); len(r) > 0 && unicode.IsDigit(r[0]) {
		return true
	}
	return quantityWords[t.lower()]
}

// quantityWords count people in a poll's subject.
var quantityWords = set(`one two three four five six seven eight nine ten majority minority half
third quarter fifth percent plurality most many some few all none share`)
