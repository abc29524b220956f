// Package quote finds quotations in an article, who said them, to whom and
// with which reporting verb, and the news media the article relies on.
//
// [Find] recognises direct quotes (a sentence or more between quotation
// marks, straight or curly or two apostrophes, also split by their cue or
// running over several paragraphs), partial quotes (a few quoted words
// inside an attributed sentence), indirect speech ("X said that …",
// "according to X, …", "X was quoted as saying …", "X accused Y of …", "a
// poll found that …", "Name: …" headlines, several in one sentence) and
// media citations ("Reuters reported", "told the AP"). Scare quotes, titles
// and nicknames (quoted words in a sentence without a reporting verb) are
// not quotes. It is rule-based, pure and synchronous.
//
// A speaker is a person, an organisation or a described group ("Western
// officials"): never a nationality or a place inside a description ("said
// Moscow-based US lawyer Jamie Firestone" is the lawyer), never the outlet
// a person spoke to ("told Reuters" makes Reuters the Via), and never a bare
// pronoun: "he", "she", "they" and "it" are resolved to an earlier mention
// ("it" only to an organisation or a document) or the speaker is left
// empty, and news.Quote.SpeakerKind says which.
package quote

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Kinds of quotes.
const (
	KindDirect   = "direct"   // a sentence or more between quotation marks
	KindPartial  = "partial"  // quoted words inside an attributed sentence
	KindIndirect = "indirect" // reported speech without quotation marks
)

// Find returns the quotes of text in order of their start, and the media
// citations in order of their start. sentences are the sentence spans of
// text (nil: a simple built-in splitter is used); entities are its named
// entity mentions (nil: speaker names are found with a capitalised-name
// heuristic).
//
// Offsets are byte offsets into text. A quote's Start and End span its
// content without the quotation marks; for a quote split by its cue or
// running over several paragraphs they run from the first part's content to
// the last part's, and Text joins the parts with a single space. A
// paragraph that is all quote, without a cue, right after a paragraph
// holding a direct quote continues that quote. An indirect
// quote spans the reported clause.
//
// Speaker is the name of the source: an entity's Canonical (else its Text)
// when entities are given, else the capitalised name found in the text. A
// pronoun ("he continues") or a definite description ("the al Qaeda
// leader") is resolved to the nearest earlier speaker or sentence-subject
// name, and then SpeakerStart and SpeakerEnd point at that earlier mention,
// not at the pronoun. A source that is neither a name nor resolvable ("a
// spokesman") is kept as written. A pronoun with no antecedent ("I said",
// "it said" after people only) leaves Speaker empty, with SpeakerStart and
// SpeakerEnd at the pronoun. SpeakerKind is one of [SpeakerName],
// [SpeakerResolved], [SpeakerDescription] and [SpeakerUnresolved], empty
// for a quote with no source. Cue is the reporting verb as written
// ("says", "according to"); Addressee is whom the speaker told ("X tells
// Y"); Via is the outlet through which the quote reaches the article ("…,
// he told Reuters", "Reuters reported" in the sentence, "Reuters reported
// X as saying").
func Find(text string, sentences []news.Span, entities []news.Entity) ([]news.Quote, []news.Citation) {
	orig := text
	text = doubleApostrophes(text)
	f := &finder{text: text, orig: orig, ents: entities, paras: paragraphs(text)}
	if sentences == nil {
		f.sents = splitSentences(text)
	} else {
		for _, s := range sentences {
			if s.Start >= 0 && s.End <= len(text) && s.Start < s.End {
				f.sents = append(f.sents, sentence{s.Start, s.End})
			}
		}
	}
	f.raws = f.scanMarks()
	f.directs()
	f.indirects()
	f.partials()
	cites := f.citations()
	f.resolve()
	f.via(cites)
	return f.output(), cites
}

// part is one stretch of quoted content: open is the offset of its opening
// mark, [start,end) its content, close the offset after its closing mark.
type part struct{ open, start, end, close int }

// rawQuote is a run of text between quotation marks, possibly continued
// over several paragraphs.
type rawQuote struct {
	parts  []part
	closed bool // ended by a closing mark, not by the end of a paragraph
}

// Speaker kinds: how a quote's speaker was found (news.Quote.SpeakerKind).
const (
	SpeakerName        = "name"        // a name at the cue
	SpeakerResolved    = "resolved"    // a pronoun or description resolved to an earlier mention
	SpeakerDescription = "description" // a description kept as written
	SpeakerUnresolved  = "unresolved"  // a pronoun with no antecedent: no speaker
)

// npKind is what a speaker phrase is.
type npKind int

const (
	npNone    npKind = iota
	npName           // a name, or a phrase ending in one
	npPronoun        // he, she, they, ...
	npRole           // a definite description of a person: "the al Qaeda leader"
	npOther          // any other description: "a spokesman", "officials"
)

// source is a speaker phrase found next to a cue.
type source struct {
	kind       npKind
	name       string // the name (or phrase) as it will be reported
	start, end int    // the phrase (or the name inside it) in text
	cue        string
	cueStart   int
	addressee  string
}

// attr is one quote being built.
type attr struct {
	kind       string
	parts      []part // direct and partial quotes
	start, end int    // content
	src        source
	inherit    bool // no cue of its own: a continuation of the previous speaker
	speaker    string
	spStart    int
	spEnd      int
	spKind     string
	via        string
	para       int // paragraph index
}

// doubleApostrophes returns text with every pair of straight apostrophes
// used as a double quotation mark (as some archives type them) replaced, offsets kept, by a straight double quotation mark
// and a space: the space before the mark when it opens a quote (white
// space or an opening bracket before it, a letter after), after it when it
// closes one.
func doubleApostrophes(text string) string {
	if !strings.Contains(text, "''") {
		return text
	}
	b := []byte(text)
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '\'' || b[i+1] != '\'' || i+2 < len(b) && b[i+2] == '\'' {
			continue
		}
		before, after := rune(' '), rune(' ')
		if i > 0 {
			before, _ = utf8.DecodeLastRune(b[:i])
		}
		if i+2 < len(b) {
			after, _ = utf8.DecodeRune(b[i+2:])
		}
		if (unicode.IsSpace(before) || strings.ContainsRune("([—–-", before)) && !unicode.IsSpace(after) {
			b[i], b[i+1] = ' ', '"'
		} else {
			b[i], b[i+1] = '"', ' '
		}
		i++
	}
	return string(b)
}

// finder holds the state of one call to Find.
type finder struct {
	text  string
	orig  string // text as given: text has its double apostrophes replaced
	ents  []news.Entity
	sents []sentence
	paras []sentence
	raws  []rawQuote
	attrs []*attr
	// covered are the spans taken by direct quotes and their cues.
	covered []sentence
}

// isOpenMark reports whether the rune at i is an opening quotation mark
// (curly, or a straight mark not glued to the word before it).
func (f *finder) isOpenMark(i int) bool {
	r, n := utf8.DecodeRuneInString(f.text[i:])
	switch r {
	case '“':
		return true
	case '"':
		if i+n >= len(f.text) {
			return false
		}
		next, _ := utf8.DecodeRuneInString(f.text[i+n:])
		if unicode.IsSpace(next) {
			return false
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(f.text[:i])
			if isWordRune(prev) || prev == '.' || prev == ',' {
				return false
			}
		}
		return true
	}
	return false
}

// scanMarks pairs the quotation marks of the text. A quote open at the end
// of a paragraph continues when the next paragraph opens with a mark;
// otherwise it ends with its paragraph. A quote of the other kind of marks
// inside a quote (curly in straight, straight in curly) is nested and
// ignored; a closing mark of the other kind with no nested quote open
// closes the quote (“…," he said).
func (f *finder) scanMarks() []rawQuote {
	t := f.text
	var out []rawQuote
	var cur *rawQuote
	var openType rune
	var curOpen, curStart int
	nested := false // a quote of the other kind of marks is open inside cur
	closeCur := func(i, n int) {
		cur.parts = append(cur.parts, part{curOpen, curStart, i, i + n})
		cur.closed = true
		out = append(out, *cur)
		cur, nested = nil, false
	}
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		switch {
		case r == '\n':
			if cur == nil {
				break
			}
			j := i
			for j < len(t) && (t[j] == '\n' || t[j] == ' ' || t[j] == '\t' || t[j] == '\r') {
				j++
			}
			nested = false
			if j < len(t) && f.isOpenMark(j) {
				cur.parts = append(cur.parts, part{curOpen, curStart, i, i})
				var m int
				openType, m = utf8.DecodeRuneInString(t[j:])
				curOpen, curStart = j, j+m
				i = j + m
				continue
			}
			cur.parts = append(cur.parts, part{curOpen, curStart, i, i})
			out = append(out, *cur)
			cur = nil
		case cur == nil && (r == '“' || r == '"'):
			if f.isOpenMark(i) {
				cur, openType, curOpen, curStart = &rawQuote{}, r, i, i+n
			}
		case cur != nil && openType == '"' && r == '“':
			nested = true
		case cur != nil && openType == '"' && r == '”' && nested:
			nested = false
		case cur != nil && openType == '“' && r == '"':
			switch {
			case nested:
				nested = false
			case f.isOpenMark(i):
				nested = true
			default:
				closeCur(i, n)
			}
		case cur != nil && (r == '”' || r == '"'):
			closeCur(i, n)
		}
		i += n
	}
	if cur != nil {
		cur.parts = append(cur.parts, part{curOpen, curStart, len(t), len(t)})
		out = append(out, *cur)
	}
	// Trim the content of every part and drop empty quotes.
	kept := out[:0]
	for _, q := range out {
		nonEmpty := false
		for k := range q.parts {
			p := &q.parts[k]
			p.start, p.end = trimSpan(t, p.start, p.end)
			if p.start < p.end {
				nonEmpty = true
			}
		}
		if nonEmpty {
			kept = append(kept, q)
		}
	}
	return kept
}

// paraOf returns the index of the paragraph holding offset i, or -1.
func (f *finder) paraOf(i int) int {
	k, _ := slices.BinarySearchFunc(f.paras, i, func(p sentence, i int) int {
		if p.end <= i {
			return -1
		}
		if p.start > i {
			return 1
		}
		return 0
	})
	if k < len(f.paras) && f.paras[k].start <= i && i < f.paras[k].end {
		return k
	}
	// Offsets between paragraphs belong to the next one.
	if k < len(f.paras) {
		return k
	}
	return len(f.paras) - 1
}

// sentenceStart returns the start of the sentence holding offset i, no
// earlier than the start of its paragraph and than the last sentence end
// (".", "!", "?" before white space, outside quotes) before i.
func (f *finder) sentenceStart(i int) int {
	start := 0
	if p := f.paraOf(i); p >= 0 {
		start = f.paras[p].start
	}
	for _, s := range f.sents {
		if s.start <= i && i < s.end && s.start > start {
			start = s.start
		}
	}
	for j := i - 1; j > start; j-- {
		c := f.text[j]
		// A space, or the second byte of a no-break space.
		p := j - 1
		if c == 0xA0 && j > 0 && f.text[j-1] == 0xC2 {
			p--
		} else if c != ' ' && c != '\t' {
			continue
		}
		if p >= 0 && strings.IndexByte(".!?", f.text[p]) >= 0 && !f.inQuote(p) {
			w := p
			for w > start && (isWordRune(rune(f.text[w-1])) || f.text[w-1] == '.') {
				w--
			}
			if f.text[p] == '.' && isAbbrev(f.text[w:p]) {
				continue
			}
			return j + 1
		}
	}
	return start
}

// sentenceEnd returns the end of the clause that follows offset i: after
// the next sentence-ending mark, before the next opening quotation mark, or
// the end of the paragraph.
func (f *finder) sentenceEnd(i int) int {
	// At the end of a paragraph the clause is empty: the next paragraph
	// is not part of it.
	if p := f.paraOf(i); i > 0 && p >= 0 && f.paras[p].start >= i && strings.IndexByte(f.text[i:f.paras[p].start], '\n') >= 0 {
		return i
	}
	end := len(f.text)
	if p := f.paraOf(i); p >= 0 && f.paras[p].end >= i {
		end = f.paras[p].end
	}
	for j := i; j < end; j++ {
		c := f.text[j]
		if c == '"' || (c == 0xE2 && strings.HasPrefix(f.text[j:], "“")) {
			if f.isOpenMark(j) {
				return j
			}
		}
		if c == '.' || c == '!' || c == '?' {
			if j+1 < end && !isSpaceAt(f.text, j+1) {
				continue
			}
			if c == '.' {
				w := j
				for w > i && (isWordRune(rune(f.text[w-1])) || f.text[w-1] == '.') {
					w--
				}
				if isAbbrev(f.text[w:j]) && j+1 < end {
					continue
				}
			}
			return j + 1
		}
	}
	return end
}

// isSpaceAt reports whether a white-space rune (a no-break space too)
// begins at text[i].
func isSpaceAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

// inQuote reports whether offset i lies inside quoted content.
func (f *finder) inQuote(i int) bool {
	for _, q := range f.raws {
		for _, p := range q.parts {
			if p.open <= i && i < p.close {
				return true
			}
		}
	}
	return false
}

// terminal reports whether quoted content ends like a sentence or clause.
func terminal(s string) bool {
	// A nested quote may close with the sentence: “… ‘darn it,’”.
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " '’"))
	return strings.ContainsRune(".,!?…—–-:;", r)
}

// directs classifies the quoted runs: direct quotes (merged with the parts
// their cue splits) get a source from the cue next to them; the others are
// kept as candidate partial quotes.
func (f *finder) directs() {
	t := f.text
	for i := 0; i < len(f.raws); i++ {
		q := f.raws[i]
		parts := slices.Clone(q.parts)
		var mid *source
		// Merge the following quotes that the cue splits off this one.
		for i+1 < len(f.raws) && f.raws[i].closed {
			last := parts[len(parts)-1]
			next := f.raws[i+1]
			if !f.continues(last, next, mid != nil) {
				break
			}
			if mid == nil {
				s, _ := f.parseAfter(last.close, next.parts[0].open, true)
				mid = &s
			}
			parts = append(parts, next.parts...)
			i++
		}
		first, last := parts[0], parts[len(parts)-1]
		pstart := f.sentenceStart(first.open)
		pre := strings.TrimSpace(t[pstart:first.open])
		postEnd := f.sentenceEnd(last.close)
		content := t[last.start:last.end]
		a := &attr{parts: parts, start: first.start, end: last.end, para: f.paraOf(first.open)}
		closedAtEnd := !f.raws[i].closed || strings.Trim(t[last.close:postEnd], " .") == ""
		var src source
		found := false
		if mid != nil {
			src, found = *mid, true
		}
		if !found {
			src, found = f.parseAfter(last.close, postEnd, false)
		}
		preCue := false
		if !found && pre != "" {
			if s, ok := f.parseBefore(pstart, first.open); ok {
				src, found, preCue = s, true, true
			} else if s, ok := f.colonSubject(pstart, first.open); ok {
				src, found, preCue = s, true, true
			}
		}
		if !found && pre == "" && a.para > 0 {
			prev := f.paras[a.para-1]
			if strings.HasSuffix(t[prev.start:prev.end], ":") {
				ps := f.sentenceStart(prev.end - 1)
				if s, ok := f.parseBefore(ps, prev.end); ok {
					src, found = s, true
				} else if s, ok := f.colonSubject(ps, prev.end); ok {
					src, found = s, true
				}
			}
		}
		// A quote that opens in lower case inside a sentence ("she added
		// that “not everyone …”") is a partial quote.
		r0, _ := utf8.DecodeRuneInString(t[first.start:])
		lowerInside := pre != "" && unicode.IsLower(r0)
		if isTitleWord(lastWord(pre)) {
			// A title or a name: “Meet the Press”, ABC’s “This Week”.
			continue
		}
		preOK := pre == "" || strings.HasSuffix(pre, ":") || (preCue && (strings.HasSuffix(pre, ",") || closedAtEnd) && (!lowerInside || f.cueObject(src, pstart, first, content)))
		words := wordCount(t[first.start:last.end])
		sentenceLike := terminal(content) || closedAtEnd || len(parts) > 1
		if preOK && sentenceLike && (found && words >= 1 || words >= 4) {
			a.kind = KindDirect
			if found {
				a.src = src
			} else {
				a.inherit = true
				// A paragraph of quote with no cue, right after a
				// paragraph that ends in a direct quote, continues it.
				if k := len(f.attrs) - 1; pre == "" && k >= 0 && f.attrs[k].kind == KindDirect && f.attrs[k].para == a.para-1 && closedAtEnd {
					p := f.attrs[k]
					p.parts = append(p.parts, parts...)
					p.end = a.end
					p.para = a.para
					f.covered = append(f.covered, sentence{pstart, postEnd})
					continue
				}
			}
			f.attrs = append(f.attrs, a)
			f.covered = append(f.covered, sentence{pstart, postEnd})
			continue
		}
		a.kind = KindPartial
		f.attrs = append(f.attrs, a)
	}
}

// continues reports whether the quote next, in the paragraph of the part
// last, is more of the same quote, split off by the cue: `“…,” he said,
// “…”` (the cue clause alone between them, in one sentence), `“…,” Ann Roe
// said on Monday. “…”` (a quote opening the sentence after the cue
// sentence) or `“…” “…”` after a cue (cued tells whether the quote so far
// has one). The next quote has no cue of its own.
func (f *finder) continues(last part, next rawQuote, cued bool) bool {
	t := f.text
	open := next.parts[0].open
	between := t[last.close:open]
	if strings.ContainsRune(between, '\n') {
		return false
	}
	// The next quote has a cue of its own: it is another quote.
	nl := next.parts[len(next.parts)-1]
	if _, own := f.parseAfter(nl.close, f.sentenceEnd(nl.close), false); own && next.closed {
		return false
	}
	r0, _ := utf8.DecodeRuneInString(t[next.parts[0].start:])
	n := wordCount(between)
	if n == 0 {
		// Two quotes in a row after a cue: "“…,” he said. “…” “…”".
		return cued && unicode.IsUpper(r0)
	}
	s, ok := f.parseAfter(last.close, open, true)
	if !ok {
		return false
	}
	trimmed := strings.TrimSpace(between)
	endRune, _ := utf8.DecodeLastRuneInString(trimmed)
	rest := strings.TrimSpace(t[min(max(s.end, s.cueStart+len(s.cue)), open):open])
	if end := f.sentenceEnd(last.close); strings.ContainsRune(".!?", endRune) && strings.TrimSpace(t[end:open]) == "" && end <= open {
		// A new sentence after the cue sentence, with no cue of its own
		// and ending with the quote.
		if n > 30 || unicode.IsLower(r0) || secondCue(rest) {
			return false
		}
		if c, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t[nl.start:nl.end], "'’")); strings.ContainsRune(".!?…", c) {
			return true
		}
		after := t[nl.close:f.sentenceEnd(nl.close)]
		return !next.closed || !strings.ContainsFunc(after, unicode.IsLetter)
	}
	if n > 16 || !terminal(t[last.start:last.end]) && !strings.HasPrefix(trimmed, ",") {
		return false
	}
	// After a quote that ends a sentence, a cue clause ending in a comma
	// or colon introduces the next quote: `“…?” He answered, “…”`.
	if strings.ContainsRune(".!?", lastRune(t[last.start:last.end])) && strings.ContainsRune(",:", endRune) {
		return false
	}
	// Inside one sentence the cue clause stands alone between the parts:
	// not `“…,” he said on “Meet the Press.”`, nor `“…,” he said, adding
	// that it was “…”`.
	rest = strings.TrimRight(rest, ",:;—–- ")
	if !strings.ContainsRune(",:;—–-", endRune) && rest != "" {
		return false
	}
	toks := tokenize(rest, 0, len(rest))
	if len(toks) > 10 {
		return false
	}
	for _, tk := range toks {
		if isCue(tk) || strings.HasSuffix(tk.lower(), "ing") || tk.lower() == "that" {
			return false
		}
	}
	return true
}

// cueObject reports whether a quote opening in lower case, ending its
// sentence, is all that its cue src reports: right after the cue verb
// (`He says “it is over.”`, `Ann Roe added, “and soon.”`), not after a
// belief verb, not after a cue clause set off by commas inside a sentence
// (`The cuts, he said, “will hurt.”`), and not a predicate (“is over.”).
func (f *finder) cueObject(src source, pstart int, first part, content string) bool {
	t := f.text
	if src.cue == "" || strings.Contains(src.cue, " ") || beliefVerbs[strings.ToLower(src.cue)] || !strings.ContainsRune(".!?", lastRune(content)) {
		return false
	}
	if end := src.cueStart + len(src.cue); end > first.open || strings.Trim(t[end:first.open], " ,:\u00a0") != "" {
		return false
	}
	before := strings.TrimSpace(t[pstart:min(src.start, src.cueStart)])
	if strings.HasSuffix(before, ",") && strings.HasSuffix(strings.TrimSpace(t[pstart:first.open]), ",") {
		return false
	}
	w, _, _ := strings.Cut(t[first.start:first.end], " ")
	return !predicateWords[strings.ToLower(w)]
}

// predicateWords open a quote that is the predicate of a subject outside it.
var predicateWords = set(`is are was were has have had will would can could should may might must do does
did be been`)

// lastRune returns the last rune of s without trailing spaces and closing
// single quotes.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " '’"))
	return r
}

// titleWords stand right before a quoted title or name, not before speech.
var titleWords = set(`on in titled entitled named dubbed nicknamed the a an`)

// notPossessive are words whose "'s" is "is" or "has", not a possessive.
var notPossessive = set(`he's she's it's that's there's here's what's who's where's let's`)

// isTitleWord reports whether a quote after the word w is a title or a
// name: w is a possessive ("ABC's") or one of titleWords.
func isTitleWord(w string) bool {
	lw := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	if titleWords[lw] {
		return true
	}
	return (strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "s'")) && !notPossessive[lw]
}

// lastWord returns the last white-space separated word of s.
func lastWord(s string) string {
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		return s[i+n:]
	}
	return s
}

// secondCue reports whether the rest of a cue sentence holds a cue of its
// own (", adding that …", "and added"), which the quote after it belongs to.
func secondCue(rest string) bool {
	toks := tokenize(rest, 0, len(rest))
	for k := 1; k < len(toks); k++ {
		p := toks[k-1].lower()
		if (p == "," || p == "and") && isCue(toks[k]) && (strings.HasSuffix(toks[k].s, "ing") || p == "and") {
			return true
		}
	}
	return false
}

// colonSubject reads the speaker of a quote introduced by a sentence
// without a reporting verb that ends in a colon ("Roe had a reply:",
// "Roe fired back at the mayor:"): the person, named or not, the sentence is
// about.
func (f *finder) colonSubject(start, end int) (source, bool) {
	if !strings.HasSuffix(strings.TrimSpace(f.text[start:end]), ":") {
		return source{}, false
	}
	s, ok := f.subjectOf(tokenize(f.text, start, end))
	switch {
	case !ok:
		return source{}, false
	case s.kind == npName:
		return s, f.isPerson(s.start, s.end)
	case s.kind == npOther:
		// "The board was blunt in its ruling:", kept as written.
		w, _, _ := strings.Cut(s.name, " ")
		return s, determiners[strings.ToLower(w)] && strings.Contains(s.name, " ")
	case s.kind == npPronoun:
		_, plural := pronounGender(s.name)
		g, _ := pronounGender(s.name)
		return s, plural || g != genderUnknown
	}
	return s, s.kind == npRole
}

// isPerson reports whether the name text[start:end] can speak: a PERSON
// or ORG entity when entities are given, else two or more capitalised
// words, not all in capitals, none of them an organisation word.
func (f *finder) isPerson(start, end int) bool {
	if f.ents != nil {
		for _, e := range f.ents {
			if e.Start < end && start < e.End {
				return e.Type == "PERSON" || e.Type == "ORG"
			}
		}
		return false
	}
	toks := tokenize(f.text, start, end)
	return len(toks) >= 2 && !isAllCaps(toks[0].s) && personLike(toks)
}

// output converts the attributions to news.Quote values in text order.
func (f *finder) output() []news.Quote {
	var out []news.Quote
	for _, a := range f.attrs {
		if a.kind == "" {
			continue
		}
		q := news.Quote{Start: a.start, End: a.end, Kind: a.kind, Speaker: a.speaker,
			SpeakerStart: a.spStart, SpeakerEnd: a.spEnd, Cue: a.src.cue, Via: a.via, Addressee: a.src.addressee,
			SpeakerKind: a.spKind}
		if len(a.parts) > 0 {
			var texts []string
			for _, p := range a.parts {
				if p.start < p.end {
					texts = append(texts, f.orig[p.start:p.end])
				}
			}
			q.Text = strings.Join(texts, " ")
		} else {
			q.Text = f.orig[a.start:a.end]
		}
		out = append(out, q)
	}
	slices.SortStableFunc(out, func(a, b news.Quote) int { return a.Start - b.Start })
	return out
}
