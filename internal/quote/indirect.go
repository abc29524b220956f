package quote

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// timeWords may stand between a trailing cue and the end of its sentence
// ("Reuters reported Sunday").
var timeWords = set(`monday tuesday wednesday thursday friday saturday sunday today yesterday
tonight earlier later last this week month year on in a statement interview recently previously
morning afternoon evening night`)

// indirects finds reported speech in the sentences that hold no direct
// quote: "X said (that) …", "…, X said.", "…, said X.", "according to X, …",
// "X did something, saying …".
func (f *finder) indirects() {
	for _, s := range f.sents {
		covered := f.isCovered(s.start, s.end)
		// Several attributions may share a sentence: "X said A, and Y
		// said B", "X said Y had told him that B".
		for from, n := s.start, 0; n < 4; n++ {
			a, next, ok := f.indirect(s, from)
			if !ok {
				break
			}
			// Beside a direct quote only another cue's reported speech:
			// "“…,” she said, adding that the plan was dead."
			if covered && f.besideDirect(a) {
				from = next
				continue
			}
			if !slices.ContainsFunc(f.attrs, func(b *attr) bool { return b.start == a.start && b.end == a.end }) {
				f.attrs = append(f.attrs, a)
			}
			from = next
		}
	}
}

// isCovered reports whether [start,end) overlaps a direct quote or its cue.
func (f *finder) isCovered(start, end int) bool {
	for _, c := range f.covered {
		if c.start < end && start < c.end {
			return true
		}
	}
	return false
}

// indirect returns the first attribution of reported speech in s whose
// cue starts at or after from, and the offset after its cue.
func (f *finder) indirect(s sentence, from int) (*attr, int, bool) {
	a, ok := f.indirectAt(s, from)
	if !ok {
		return nil, 0, false
	}
	return a, a.src.cueStart + len(a.src.cue), true
}

// indirectAt is [finder.indirect] without the offset after the cue.
func (f *finder) indirectAt(s sentence, from int) (*attr, bool) {
	all := tokenize(f.text, s.start, s.end)
	var toks []token
	for _, t := range all {
		if !f.inQuote(t.start) || t.s == "“" || t.s == "\"" {
			toks = append(toks, t)
		}
	}
	para := f.paraOf(s.start)
	end := s.end
	for end > s.start {
		r, n := utf8.DecodeLastRuneInString(f.text[s.start:end])
		if !strings.ContainsRune(".!?\"”’ ", r) || f.inQuote(end-n) {
			break
		}
		end -= n
	}
	mk := func(cs, ce int, src source) (*attr, bool) {
		cs, ce = trimSpan(f.text, cs, f.clauseEnd(cs, ce))
		for ce > cs {
			r, n := utf8.DecodeLastRuneInString(f.text[cs:ce])
			if !strings.ContainsRune(",;: ", r) {
				break
			}
			ce -= n
		}
		if ce <= cs || wordCount(f.text[cs:ce]) < 3 {
			return nil, false
		}
		return &attr{kind: KindIndirect, start: cs, end: ce, src: src, para: para}, true
	}
	if from <= s.start {
		if a, ok := f.headlineSpeaker(toks, end, mk); ok {
			return a, true
		}
	}
	for k := 0; k < len(toks); k++ {
		lw := toks[k].lower()
		if f.inQuote(toks[k].start) || toks[k].start < from {
			continue
		}
		// "In a new poll, most voters …": the document is the source.
		if k == 0 && lw == "in" {
			c := 1
			for c < len(toks) && c < 16 && toks[c].s != "," {
				c++
			}
			// Not "In an interview, Ann Roe said …": the cue after it speaks.
			if c < len(toks) && toks[c].s == "," && c > 1 && (determiners[toks[1].lower()] || isCap(toks[1].s)) && f.isDocument(toks, 1, c) && !slices.ContainsFunc(toks[c:], func(t token) bool { return isCue(t) }) {
				st, en := toks[1].start, toks[c-1].end
				src := source{kind: npOther, name: f.text[st:en], start: st, end: en, cue: toks[0].s, cueStart: toks[0].start}
				if a, ok := mk(toks[c].end, end, src); ok {
					return a, true
				}
			}
		}
		if lw == "according" && k+1 < len(toks) && toks[k+1].lower() == "to" {
			src, ok := f.sourceUntilComma(toks, k+2)
			if !ok {
				continue
			}
			src.cue, src.cueStart = f.text[toks[k].start:toks[k+1].end], toks[k].start
			// The source runs to the next comma: "according to a
			// person close to the talks, …".
			next := k + 2
			for next < len(toks) && toks[next].s != "," && next < k+30 {
				next++
			}
			if k == 0 || toks[k-1].s == ";" || toks[k-1].s == ":" {
				if next < len(toks) && toks[next].s == "," {
					return mk(toks[next].end, end, src)
				}
				continue
			}
			return mk(s.start, toks[k].start, src)
		}
		if sp, ok := f.asSaying(toks, k); ok {
			m := k + 1
			if m >= len(toks) || toks[m].isPunct() && toks[m].s != "“" && toks[m].s != "\"" {
				// "…, Reuters reported BaFin as saying.": the content
				// comes first.
				v := slices.IndexFunc(toks, func(t token) bool { return t.start == sp.cueStart })
				for v > 0 && !toks[v-1].isPunct() && v > k-12 {
					v--
				}
				if v > 0 && toks[v-1].s == "," {
					if a, ok := mk(s.start, toks[v-1].start, sp); ok {
						return a, true
					}
				}
				continue
			}
			if m < len(toks) && toks[m].lower() == "that" {
				m++
			}
			if m < len(toks) {
				if a, ok := mk(toks[m].start, end, sp); ok {
					return a, true
				}
			}
			continue
		}
		if asSayingAhead(toks, k) {
			// "Reuters reported X as saying …": X speaks, read at "saying".
			continue
		}
		act := actVerbs[toks[k].s] || findingVerbs[toks[k].s] || stanceVerbs[toks[k].s]
		if act && strings.HasPrefix(lw, "call") && !namesSomething(toks, k) {
			// "called every pastor": a telephone call, not a name.
			continue
		}
		if !speechVerbs[toks[k].s] && !act || !act && !cueAt(toks, k) || act && !actAt(toks, k) {
			continue
		}
		// "…, saying (that) …": the subject of the sentence speaks.
		if strings.HasSuffix(lw, "ing") && k > 0 && toks[k-1].s == "," {
			// The subject after a dateline and an opening adverbial
			// ("WASHINGTON — Ann Roe …, saying").
			src, ok := f.subjectOf(toks[:k])
			if !ok && k > 2 && cueAt(toks, k-2) {
				// "“…,” Ann Roe said, adding that …": the source of
				// the cue before.
				src, _, ok = f.npBack(toks, k-2)
			}
			if ok && src.kind != npOther {
				src.cue, src.cueStart = toks[k].s, toks[k].start
				m := k + 1
				if tellVerbs[lw] {
					// ", telling reporters he …": past the addressee.
					f.withAddressee(&src, toks, k)
					m = addresseeEnd(toks, m)
				}
				if m < len(toks) && toks[m].lower() == "that" {
					m++
				}
				if m < len(toks) {
					return mk(toks[m].start, end, src)
				}
			}
			continue
		}
		// "…, said X."
		if k > 0 && toks[k-1].s == "," {
			if src, next, ok := f.npForward(toks, k+1); ok && src.kind == npName && (next >= len(toks) || toks[next].isPunct()) {
				src.cue, src.cueStart = toks[k].s, toks[k].start
				return mk(s.start, toks[k-1].start, src)
			}
		}
		src, i, ok := f.npBack(toks, k)
		if !ok && k > 0 && toks[k-1].s == "," {
			// "Ann Roe, a nurse from Ohio, said …": a name and its
			// description open the sentence.
			if a, ok2 := f.appositive(toks, 0); ok2 && a.cueStart == toks[k].start {
				src, i, ok = a, 0, true
			}
		}
		if !ok {
			continue
		}
		if beliefVerbs[lw] && src.kind != npName && src.kind != npPronoun {
			continue
		}
		if (inferenceVerbs[lw] || act) && src.kind == npOther && !f.canSpeak(toks, i, k) {
			continue
		}
		if findingVerbs[lw] && (!(src.kind == npName && f.isOrgName(src) || src.kind == npOther && f.isDocument(toks, i, k)) ||
			k+1 < len(toks) && (toks[k+1].lower() == "out" || toks[k+1].lower() == "up")) {
			// Only an organisation or a document finds and shows:
			// not "Ireland showed great composure", "X found out".
			continue
		}
		if act && (src.kind == npPronoun && strings.EqualFold(src.name, "it") || strings.HasSuffix(lw, "ing") && k > 0 && toks[k-1].s != ",") {
			continue
		}
		src.cue, src.cueStart = toks[k].s, toks[k].start
		f.withAddressee(&src, toks, k)
		m := k + 1
		if tellVerbs[lw] {
			m = addresseeEnd(toks, m)
		}
		// Trailing cue: "…, X said (on Sunday)."
		rest := m
		for rest < len(toks) && (timeWords[toks[rest].lower()] || (toks[rest].isPunct() && toks[rest].s != ",")) {
			rest++
		}
		if rest >= len(toks) && i > 0 && toks[i-1].s == "," {
			return mk(s.start, toks[i-1].start, src)
		}
		if m >= len(toks) {
			continue
		}
		if toks[m].lower() == "that" {
			return mk(toks[m].end, end, src)
		}
		// "said in a statement on Monday that …"
		if j := slices.IndexFunc(toks[m:min(len(toks), m+10)], func(t token) bool { return t.lower() == "that" || t.s == "," }); j >= 0 && toks[m+j].lower() == "that" && stopBack[toks[m].lower()] {
			return mk(toks[m+j].end, end, src)
		}
		// "said in politics it takes time": a clause after a short
		// adverbial of its own.
		if contentPreps[toks[m].lower()] && !tellVerbs[lw] && wordCount(f.text[toks[m].start:end]) >= 6 && !slices.ContainsFunc(toks[m:], func(t token) bool { return t.s == "," }) {
			return mk(toks[m].start, end, src)
		}
		if stopBack[toks[m].lower()] || toks[m].isPunct() && toks[m].s != "“" && toks[m].s != "\"" {
			if toks[m].s == ":" && m+1 < len(toks) {
				return mk(toks[m+1].start, end, src)
			}
			continue
		}
		return mk(toks[m].start, end, src)

	}
	return nil, false
}

// partials gives the partial quotes the source of the attribution in their
// sentence; a quoted phrase in a sentence without one is a scare quote, a
// title or a nickname, and is dropped.
func (f *finder) partials() {
	var extra []*attr
	for _, a := range f.attrs {
		if a.kind != KindPartial {
			continue
		}
		found := false
		for _, b := range f.attrs {
			if b.kind == KindIndirect && b.src.kind != npNone && f.sameSentence(b, a.start) {
				a.src, found = b.src, true
				break
			}
		}
		if !found {
			first, last := a.parts[0], a.parts[len(a.parts)-1]
			pstart := f.sentenceStart(first.open)
			if s, ok := f.parseBefore(pstart, first.open); ok {
				a.src, found = s, true
				// `She called the plan “a disgrace” in May.`: the clause
				// after the cue, quoted words and all.
				from := s.cueStart + len(s.cue)
				if s.start > s.cueStart {
					from = max(from, s.end) // "said Ann Roe"
				}
				inset := strings.HasSuffix(strings.TrimSpace(f.text[pstart:min(s.start, s.cueStart)]), ",")
				if s.cue != "" && from <= first.open && s.cueStart >= pstart && !inset {
					cs, ce := trimSpan(f.text, from, f.sentenceEnd(last.close))
					for ce > cs && strings.ContainsRune(".!?,;: ", rune(f.text[ce-1])) {
						ce--
					}
					if wordCount(f.text[cs:ce]) > wordCount(f.text[first.start:last.end]) && !f.isCovered(cs, ce) {
						extra = append(extra, &attr{kind: KindIndirect, start: cs, end: ce, src: s, para: a.para})
					}
				}
			} else if s, ok := f.parseAfter(last.close, f.sentenceEnd(last.close), false); ok {
				a.src, found = s, true
				// `Teachers “get why …,” Ann Roe said.`: what she said
				// is the clause before the cue, quoted words and all.
				if cs, ce := trimSpan(f.text, pstart, last.close); wordCount(f.text[cs:ce]) > wordCount(f.text[first.start:last.end]) && !f.isCovered(cs, ce) {
					extra = append(extra, &attr{kind: KindIndirect, start: cs, end: ce, src: s, para: a.para})
				}
			}
		}
		if !found {
			a.kind = ""
		}
	}
	f.attrs = slices.DeleteFunc(f.attrs, func(a *attr) bool { return a.kind == "" })
	f.attrs = append(f.attrs, extra...)
}

// clauseEnd returns where reported speech in [cs,ce) ends: before a
// second predicate of the speaker (", and called …", " and said …"), a
// participle cue (", saying …") or "according to", else at ce.
func (f *finder) clauseEnd(cs, ce int) int {
	toks := tokenize(f.text, cs, ce)
	for k := 1; k+1 < len(toks); k++ {
		p, w := toks[k-1].lower(), toks[k].lower()
		switch {
		case p == "," && strings.HasSuffix(w, "ing") && isCue(toks[k]),
			p == "," && w == "according" && toks[k+1].lower() == "to":
			return toks[k-1].start
		case (w == "and" || w == "but") && isCue(toks[k+1]) && !strings.HasSuffix(toks[k+1].lower(), "ing"):
			return toks[k].start
		case p == "," && (w == "and" || w == "but" || w == "while" || w == "whereas") && subjectCueAhead(toks, k+1):
			// ", but Omar Diaz said …": another speaker's attribution.
			return toks[k-1].start
		case p == "," && w == "and" && strings.HasSuffix(toks[k+1].s, "ed") && !isCap(toks[k+1].s):
			// ", and called the critics …": a verb in the past tense.
			return toks[k-1].start
		}
	}
	return ce
}

// sameSentence reports whether offset i lies in the sentence of b's content.
func (f *finder) sameSentence(b *attr, i int) bool {
	for _, s := range f.sents {
		if s.start <= b.start && b.start < s.end {
			return s.start <= i && i < s.end
		}
	}
	return false
}

// sortAttrs orders attributions by the start of their source or content,
// whichever comes first.
func sortAttrs(as []*attr) {
	slices.SortStableFunc(as, func(a, b *attr) int { return a.start - b.start })
}

// subjectCueAhead reports whether toks[k:] opens with a short subject (one
// to six words, no punctuation) followed by a reporting verb in a finite
// form: "Omar Diaz said", "his aides have argued".
func subjectCueAhead(toks []token, k int) bool {
	for j := k + 1; j < len(toks) && j <= k+6; j++ {
		if toks[j].isPunct() {
			return false
		}
		if cueAt(toks, j) && !strings.HasSuffix(toks[j].lower(), "ing") && !isCap(toks[j].s) {
			return !toks[k].isPunct() && !stopBack[toks[k].lower()] || pronouns[toks[k].lower()]
		}
	}
	return false
}

// actAt reports whether toks[k], a word of [actVerbs] or [findingVerbs], is
// used as a finite verb: in lower case, not after a determiner, a
// possessive, "to" or an auxiliary of the passive ("was called").
func actAt(toks []token, k int) bool {
	if isCap(toks[k].s) || k == 0 {
		return false
	}
	p := toks[k-1].lower()
	if nounDeterminers[p] || strings.HasSuffix(p, "'s") || passiveAux[p] || p == "to" {
		return false
	}
	// "a group called X": a participle after a noun.
	return !(strings.HasSuffix(toks[k].lower(), "ed") && k > 1 && nounDeterminers[toks[k-2].lower()])
}

// passiveAux make the participle after them passive.
var passiveAux = set(`is are was were be been being get got gets`)

// asSaying reads "X was quoted as saying", "Y reported X as saying", "X is
// said to have told" at the participle toks[k]: the speaker is X, the
// outlet that reported it becomes Via later.
func (f *finder) asSaying(toks []token, k int) (source, bool) {
	if k < 2 || toks[k-1].lower() != "as" || !strings.HasSuffix(toks[k].lower(), "ing") || !speechVerbs[toks[k].s] {
		return source{}, false
	}
	// "Reuters reported BaFin as saying": the object of the cue speaks.
	for v := k - 2; v >= 0 && v >= k-9; v-- {
		if toks[v].isPunct() {
			break
		}
		lv := toks[v].lower()
		if lv != "quoted" && lv != "reported" && lv != "cited" && lv != "quotes" && lv != "quoting" && lv != "reports" {
			continue
		}
		if v > 0 && passiveAux[toks[v-1].lower()] {
			// "X was quoted as saying", "X was quoted by Y as saying".
			s, ok := f.subjectOf(toks[:v-1])
			if !ok {
				return source{}, false
			}
			s.cue, s.cueStart = f.text[toks[v-1].start:toks[k].end], toks[v-1].start
			return s, true
		}
		if v+1 < k-1 {
			s, _, ok := f.npForward(toks, v+1)
			if !ok {
				return source{}, false
			}
			s.cue, s.cueStart = f.text[toks[v].start:toks[k].end], toks[v].start
			return s, true
		}
	}
	return source{}, false
}

// isOrgName reports whether the name s is an ORG mention (with entities),
// or holds an organisation word (without).
func (f *finder) isOrgName(s source) bool {
	if f.ents == nil {
		return !personLike(tokenize(f.text, s.start, s.end))
	}
	return f.entTypeAt(s.start, s.end) == "ORG"
}

// entTypeAt returns the type of the first entity mention overlapping
// [start,end), or "".
func (f *finder) entTypeAt(start, end int) string {
	for _, e := range f.ents {
		if e.Start < end && start < e.End {
			return e.Type
		}
	}
	return ""
}

// isDocument reports whether the description toks[i:k] is headed by a
// document, a poll or an inquiry ("a new poll", "the audit").
func (f *finder) isDocument(toks []token, i, k int) bool {
	// The head stands before the first preposition: "a survey by the
	// county".
	for p := i + 1; p < k; p++ {
		if objectPreps[toks[p].lower()] {
			k = p
			break
		}
	}
	h := lastLowerWord(toks, i, k-1)
	if h < 0 {
		return false
	}
	w := strings.TrimSuffix(toks[h].lower(), "s")
	return documentNouns[w] || documentNouns[toks[h].lower()] || findingNouns[w]
}

// findingNouns are inquiries whose results are reported: "a poll found".
var findingNouns = set(`poll survey study investigation inquiry probe review analysis audit test
research researcher scientist experiment trial report census data figure result`)

// asSayingAhead reports whether the cue toks[k] has an object followed by
// "as" and a speech participle: "reported the agency as saying".
func asSayingAhead(toks []token, k int) bool {
	for j := k + 2; j+1 < len(toks) && j <= k+9; j++ {
		if toks[j].isPunct() {
			return false
		}
		if toks[j].lower() == "as" && strings.HasSuffix(toks[j+1].lower(), "ing") && speechVerbs[toks[j+1].s] {
			return true
		}
	}
	return false
}

// contentPreps may open reported speech that follows its cue without
// "that": "said in politics it takes time".
var contentPreps = set(`in on at after before during if when while because since`)

// namesSomething reports whether the verb "call" at toks[k] calls for or
// on someone, or calls something a name: "called the plan a disaster",
// "called it “reckless”".
func namesSomething(toks []token, k int) bool {
	if k+1 < len(toks) && (toks[k+1].lower() == "for" || toks[k+1].lower() == "on") {
		return true
	}
	for j := k + 2; j < len(toks) && j <= k+7; j++ {
		switch toks[j].lower() {
		case "a", "an", "“", "\"", "''":
			return true
		case ",", ".", ";":
			return false
		}
	}
	return false
}

// headlineSpeaker reads a sentence of the form "Name: what they said"
// ("Ann Roe: The plan is dead"), as headlines write attributions: a
// person's or organisation's name of one to four words opening the
// sentence, a colon, then at least three words.
func (f *finder) headlineSpeaker(toks []token, end int, mk func(int, int, source) (*attr, bool)) (*attr, bool) {
	c := 0
	for c < len(toks) && c < 6 && toks[c].s != ":" {
		c++
	}
	if c == 0 || c >= len(toks) || c > 5 || toks[c].s != ":" || c+1 >= len(toks) {
		return nil, false
	}
	for k := range c {
		if !isNameTok(toks, k) {
			return nil, false
		}
	}
	if notNameStart[toks[0].s] || isAllCaps(toks[c-1].s) && c == 1 {
		return nil, false
	}
	s := f.classifyNP(toks, 0, c-1)
	if s.kind != npName || s.start != toks[0].start && f.ents == nil || !f.isPerson(toks[0].start, toks[c-1].end) {
		return nil, false
	}
	s.cue, s.cueStart = ":", toks[c].start
	return mk(toks[c+1].start, end, s)
}

// addresseeEnd returns the index after the addressee of a tell-verb that
// starts at toks[m] ("told reporters", "told The Times", "told him", "told
// a crowd of supporters"), or m when there is none.
func addresseeEnd(toks []token, m int) int {
	if m >= len(toks) {
		return m
	}
	switch lw := toks[m].lower(); {
	case objectPronouns[lw]:
		return m + 1
	case isNameTok(toks, m) && !notNameStart[toks[m].s] || lw == "the" && m+1 < len(toks) && isCap(toks[m+1].s):
		e := m + 1
		for e < len(toks) && isNameTok(toks, e) && e < m+6 {
			e++
		}
		return e
	case determiners[lw] || speakerNoun(lw):
		// A description ending in a noun of people: "a crowd of
		// supporters", "reporters".
		for e := m; e < len(toks) && e < m+6; e++ {
			if toks[e].isPunct() || pronouns[toks[e].lower()] || toks[e].lower() == "that" {
				break
			}
			if speakerNoun(toks[e].lower()) && (e+1 >= len(toks) || toks[e+1].lower() != "of") {
				return e + 1
			}
		}
	}
	return m
}

// objectPronouns are pronouns that can be the addressee of a tell-verb.
var objectPronouns = set(`him her them us me you`)

// besideDirect reports whether the indirect attribution a overlaps a
// direct quote or shares its cue.
func (f *finder) besideDirect(a *attr) bool {
	for _, b := range f.attrs {
		if b.kind != KindDirect {
			continue
		}
		if b.src.cue != "" && b.src.cueStart == a.src.cueStart {
			return true
		}
		for _, p := range b.parts {
			if p.open < a.end && a.start < p.close {
				return true
			}
		}
	}
	return false
}
