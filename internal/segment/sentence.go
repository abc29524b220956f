package segment

import (
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Sentences returns the sentence spans of text in order. A sentence never
// crosses a paragraph break (see [Paragraphs]); spans are trimmed of
// whitespace, and a list item's bullet ("•", "-", "*") is left out of its
// sentence. It never fails: malformed input yields best-effort spans that
// still satisfy the [news.Span] invariants.
func Sentences(text string) []news.Span {
	s := splitter{text: text, caseless: !hasUpper(text)}
	for _, p := range Paragraphs(text) {
		s.paragraph(p.Start, p.End)
	}
	return s.out
}

// splitter holds the state of one call to [Sentences].
type splitter struct {
	text     string
	caseless bool // text has no capital letter: case says nothing about boundaries
	out      []news.Span
}

// paragraph appends the sentences of text[start:end].
func (s *splitter) paragraph(start, end int) {
	text := s.text
	from := bulletEnd(text, start, end) // start of the current sentence
	for i := from; i < end; {
		switch c := text[i]; {
		case c == '.' || c == '!' || c == '?':
		case c == '\n':
			j := i + 1
			for j < end && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if bulletEnd(text, j, end) > j || enumeratorEnd(text, j, end) > j {
				s.emit(from, i) // a list item starts a sentence
				from = bulletEnd(text, j, end)
				i = from
				continue
			}
			i++
			continue
		case c < utf8.RuneSelf:
			i++
			continue
		default:
			if r, size := utf8.DecodeRuneInString(text[i:end]); !isTerminator(r) {
				i += size
				continue
			}
		}
		sentEnd, next, split := s.boundary(from, i, end)
		if split {
			s.emit(from, sentEnd)
			from = next
			if strings.Contains(text[sentEnd:next], "\n") {
				from = bulletEnd(text, next, end)
			}
		}
		i = next
	}
	s.emit(from, end)
}

// emit appends the sentence text[start:end], trimmed, if it is not empty.
func (s *splitter) emit(start, end int) {
	s.out = appendTrimmed(s.out, s.text, start, end)
}

// boundary decides whether the run of terminators starting at text[i] ends
// the sentence that started at from, in a paragraph ending at limit. It
// returns the end of the sentence (after closing quotes and brackets), where
// to go on scanning, and whether to split.
func (s *splitter) boundary(from, i, limit int) (sentEnd, next int, split bool) {
	text := s.text
	var strong, ellipsis, hard bool
	nPeriods := 0
	j := i
run:
	for j < limit {
		r, size := decode(text[:limit], j)
		switch r {
		case '.':
			nPeriods++
		case '!', '?', '‽', '؟':
			strong = true
		case '…':
			ellipsis = true
		case '。', '！', '？':
			hard = true
		default:
			break run
		}
		j += size
	}
	if nPeriods >= 2 {
		ellipsis = true
	}
	termEnd := j
	closed := false
	for j < limit {
		r, size := decode(text[:limit], j)
		if !isCloser(r) {
			break
		}
		closed = true
		j += size
	}
	if j >= limit || hard {
		return j, j, true
	}
	if r, _ := decode(text, j); !isSpace(r) {
		// "3.5", "example.com", "U.S.-led", `"Go!",`: not a boundary.
		return termEnd, termEnd, false
	}
	sentEnd = j
	k := j
	for k < limit {
		r, size := decode(text[:limit], k)
		if !isSpace(r) {
			break
		}
		k += size
	}
	next = k
	// The next word, past opening quotes and brackets.
	n := k
	for n < limit {
		r, size := decode(text[:limit], n)
		if !isOpener(r) {
			break
		}
		n += size
	}
	if n >= limit {
		return sentEnd, next, true
	}
	r, _ := decode(text[:limit], n)
	switch {
	case r == '.' || isTerminator(r):
		return termEnd, termEnd, false // spaced ellipsis ". . ."
	case isLower(r) && !s.caseless:
		return termEnd, termEnd, false
	}
	if closed {
		if strong && s.speechVerbFollows(n, limit) {
			return termEnd, termEnd, false // `"Why?" Smith asked.`
		}
		return sentEnd, next, true
	}
	if strong && !ellipsis {
		return sentEnd, next, true
	}
	if ellipsis {
		return sentEnd, next, s.isStarter(n, limit)
	}
	// A single period: look at the word before it.
	ws := i
	for ws > from {
		r, size := decodeLast(text, ws)
		if isSpace(r) {
			break
		}
		ws -= size
	}
	for ws < i {
		r, size := decode(text[:i], ws)
		if !isOpener(r) {
			break
		}
		ws += size
	}
	w := text[ws:i]
	if w == "" {
		return sentEnd, next, true
	}
	kind := lookupAbbrev(w, s.caseless)
	if kind == abbrevNone && isAcronym(w) {
		kind = abbrevOther
	}
	if isDigit(r) {
		if kind != abbrevNone {
			return termEnd, termEnd, false // "No. 10", "Sept. 30"
		}
		return sentEnd, next, true
	}
	switch kind {
	case abbrevTitle:
		return termEnd, termEnd, false
	case abbrevOther:
		if w == "a.m" || w == "p.m" || w == "A.M" || w == "P.M" {
			return sentEnd, next, !timeFollowers[s.word(n, limit)] // "5 p.m. Friday"
		}
		return sentEnd, next, s.isStarter(n, limit)
	}
	if wr, size := decode(w, 0); size == len(w) && isLetter(wr) && (isUpper(wr) || s.caseless) {
		return sentEnd, next, s.isStarter(n, limit) // initial: "George W. Bush"
	}
	if ws == from && isEnumerator(w) {
		return termEnd, termEnd, false // "1. The first item"
	}
	return sentEnd, next, true
}

// word returns the word starting at text[n], up to limit: letters, digits
// and apostrophes.
func (s *splitter) word(n, limit int) string {
	e := n
	for e < limit {
		r, size := decode(s.text[:limit], e)
		if !isWordRune(r) && r != '\'' && r != '’' {
			break
		}
		e += size
	}
	return s.text[n:e]
}

// isStarter reports whether the word at text[n] commonly opens a sentence.
// A single letter followed by a period is an initial, not "A" or "I".
func (s *splitter) isStarter(n, limit int) bool {
	w := s.word(n, limit)
	if w == "" {
		return true // a symbol, a quote mark, a bracket: "$5", "(AP)"
	}
	if _, size := decode(w, 0); size == len(w) && n+size < limit && s.text[n+size] == '.' {
		return false
	}
	if isDigit(rune(w[0])) {
		return true
	}
	return starters[w]
}

// speechVerbFollows reports whether the words at text[n] are a speaker and a
// speech verb ("Smith asked", "he said"), within a few words.
func (s *splitter) speechVerbFollows(n, limit int) bool {
	for range 3 {
		w := s.word(n, limit)
		if w == "" {
			return false
		}
		if speechVerbs[w] {
			return true
		}
		n += len(w)
		for n < limit && (s.text[n] == ' ' || s.text[n] == ',') {
			n++
		}
	}
	return false
}

// isEnumerator reports whether w is a list number or letter ("1", "12", "b").
func isEnumerator(w string) bool {
	if len(w) == 1 && isLetter(rune(w[0])) {
		return true
	}
	if len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(rune(w[i])) {
			return false
		}
	}
	return true
}

// bulletEnd returns the end of the bullet mark and its following spaces at
// text[i], or i if there is none.
func bulletEnd(text string, i, limit int) int {
	if i >= limit {
		return i
	}
	r, size := decode(text[:limit], i)
	switch r {
	case '-', '*', '•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '–', '—', '>':
	default:
		return i
	}
	j := i + size
	if j >= limit {
		return i
	}
	if r, _ := decode(text[:limit], j); !isSpace(r) {
		return i
	}
	for j < limit {
		r, size := decode(text[:limit], j)
		if !isSpace(r) {
			break
		}
		j += size
	}
	return j
}

// enumeratorEnd returns the end of a list number such as "1." or "2)" and the
// space after it at text[i], or i if there is none.
func enumeratorEnd(text string, i, limit int) int {
	j := i
	for j < limit && j-i < 3 && isDigit(rune(text[j])) {
		j++
	}
	if j == i || j+1 >= limit || (text[j] != '.' && text[j] != ')') || text[j+1] != ' ' {
		return i
	}
	return j + 2
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‽', '؟', '。', '！', '？':
		return true
	}
	return false
}

// isCloser reports whether r closes a quotation or bracket.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '}', '»', '›', '」', '』', '）':
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation or bracket.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '„', '¿', '¡', '「', '『', '（':
		return true
	}
	return false
}

// hasUpper reports whether text holds an upper-case letter.
func hasUpper(text string) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiClass[c]&classUpper != 0 {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isUpper(r) {
			return true
		}
		i += size
	}
	return false
}
