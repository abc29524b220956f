package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of text, as a byte range.
type token struct {
	start, end int
	s          string
}

// isPunct reports whether t is a single punctuation token.
func (t token) isPunct() bool {
	r, _ := utf8.DecodeRuneInString(t.s)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// lower returns the token in lower case, curly apostrophes made straight.
func (t token) lower() string {
	return strings.ToLower(strings.ReplaceAll(t.s, "’", "'"))
}

// tokenize splits text[start:end] into words (letters, digits and inner
// apostrophes, hyphens and dots) and single punctuation marks.
func tokenize(text string, start, end int) []token {
	var out []token
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:end])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' {
					if k := j + n2; k < end {
						if r3, _ := utf8.DecodeRuneInString(text[k:end]); isWordRune(r3) {
							j = k
							continue
						}
					}
					// "U.S." and "Sen." keep their final dot when it ends an abbreviation.
					if r2 == '.' && isAbbrev(text[i:j]) {
						j += n2
					}
				}
				break
			}
			out = append(out, token{i, j, text[i:j]})
			i = j
		default:
			out = append(out, token{i, i + n, text[i : i+n]})
			i += n
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// abbrevs are words that a dot does not end a sentence after.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "gen": true,
	"lt": true, "col": true, "sgt": true, "capt": true, "maj": true, "prof": true, "st": true, "jr": true,
	"sr": true, "rev": true, "pres": true, "sec": true, "amb": true, "adm": true, "cmdr": true, "supt": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"no": true, "vs": true, "inc": true, "corp": true, "co": true, "ltd": true, "u.s": true, "u.n": true,
	"u.k": true, "d.c": true, "a.m": true, "p.m": true, "e.g": true, "i.e": true,
}

// isAbbrev reports whether w (without its final dot) is an abbreviation or
// an initial ("J", "U.S").
func isAbbrev(w string) bool {
	lw := strings.ToLower(w)
	if abbrevs[lw] {
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return strings.Contains(w, ".") && len(w) <= 6
}

// isCap reports whether w begins with a capital letter.
func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// wordCount counts the words of s.
func wordCount(s string) int {
	n := 0
	for _, t := range tokenize(s, 0, len(s)) {
		if !t.isPunct() {
			n++
		}
	}
	return n
}

// trimSpan shrinks [start,end) of text past white space on both sides.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// splitSentences is the fallback sentence splitter used when Find is given
// no sentence spans: it splits paragraphs (lines) after ".", "!" or "?"
// (optionally followed by closing marks) before white space and a capital
// letter or an opening mark, except after an abbreviation.
func splitSentences(text string) []sentence {
	var out []sentence
	for _, p := range paragraphs(text) {
		from := p.start
		for i := p.start; i < p.end; i++ {
			c := text[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < p.end {
				r, n := utf8.DecodeRuneInString(text[j:p.end])
				if r != '"' && r != '”' && r != '’' && r != ')' && r != '\'' {
					break
				}
				j += n
			}
			if j >= p.end || (text[j] != ' ' && text[j] != '\t') {
				continue
			}
			k := j
			for k < p.end && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			if k >= p.end {
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[k:p.end])
			if !unicode.IsUpper(r) && r != '"' && r != '“' && !unicode.IsDigit(r) {
				continue
			}
			if c == '.' {
				w := i
				for w > from && (isWordRune(rune(text[w-1])) || text[w-1] == '.') {
					w--
				}
				if isAbbrev(text[w:i]) {
					continue
				}
			}
			out = append(out, sentence{from, j})
			from = k
		}
		if s, e := trimSpan(text, from, p.end); s < e {
			out = append(out, sentence{s, e})
		}
	}
	return out
}

// sentence is a sentence span of the text.
type sentence struct{ start, end int }

// paragraphs returns the non-blank lines of text, trimmed.
func paragraphs(text string) []sentence {
	var out []sentence
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		if s, e := trimSpan(text, i, j); s < e {
			out = append(out, sentence{s, e})
		}
		i = j + 1
	}
	return out
}
