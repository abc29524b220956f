// Package segment finds paragraphs, sentences and tokens in a cleaned article
// body, as byte spans over it.
//
// The input is the body text produced by the clean package: paragraphs
// separated by a blank line. All three functions are pure, never fail and
// return spans that are ordered, non-overlapping, inside the text and, when
// the text is valid UTF-8, on rune boundaries.
//
// Sentence splitting is rule based and tuned for English news copy: it knows
// the abbreviations of news style (titles such as "Gov." and "Sen.", months,
// "U.S.", "Inc.", "a.m."), initials, decimal numbers, ellipses, closing
// quotes and brackets, and list bullets. An abbreviation ends a sentence only
// when the next word is a common sentence opener ("in the U.S. The next
// day"), so "the U.S. Office of ..." stays one sentence.
package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Paragraphs returns the spans of the non-blank blocks of text, in order.
// Blocks are separated by one or more blank (empty or whitespace-only) lines;
// each span is trimmed of surrounding whitespace.
func Paragraphs(text string) []news.Span {
	var out []news.Span
	start, end := -1, -1 // current block: first and last non-blank line
	for i := 0; i < len(text); {
		nl := indexNewline(text, i)
		lineEnd := nl + 1
		if nl == len(text) {
			lineEnd = nl
		}
		if isBlank(text[i:nl]) {
			if start >= 0 {
				out = appendTrimmed(out, text, start, end)
				start = -1
			}
		} else {
			if start < 0 {
				start = i
			}
			end = nl
		}
		i = lineEnd
	}
	if start >= 0 {
		out = appendTrimmed(out, text, start, end)
	}
	return out
}

// indexNewline returns the index of the first '\n' at or after i, or len(s).
func indexNewline(s string, i int) int {
	for j := i; j < len(s); j++ {
		if s[j] == '\n' {
			return j
		}
	}
	return len(s)
}

// isBlank reports whether line holds only whitespace.
func isBlank(line string) bool {
	for i := 0; i < len(line); {
		r, size := decode(line, i)
		if !isSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// appendTrimmed appends the span [start, end) of text, trimmed of whitespace,
// unless nothing is left.
func appendTrimmed(out []news.Span, text string, start, end int) []news.Span {
	start, end = trim(text, start, end)
	if start < end {
		out = append(out, news.Span{Start: start, End: end})
	}
	return out
}

// trim narrows [start, end) of text to exclude leading and trailing whitespace.
func trim(text string, start, end int) (int, int) {
	for start < end {
		r, size := decode(text[:end], start)
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		c := text[end-1]
		if c < utf8.RuneSelf {
			if asciiClass[c]&classSpace == 0 {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// decode returns the rune at s[i] and its width; invalid bytes decode as
// utf8.RuneError of width 1.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast returns the rune ending at s[i] (exclusive) and its width.
func decodeLast(s string, i int) (rune, int) {
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// Classes of ASCII bytes.
const (
	classSpace  = 1 << iota // whitespace
	classLetter             // A-Z, a-z
	classDigit              // 0-9
	classUpper              // A-Z
	classLower              // a-z
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] = classSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classLetter | classLower
		t[c-'a'+'A'] = classLetter | classUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	return t
}()

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classSpace != 0
	}
	return unicode.IsSpace(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classLetter != 0
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classDigit != 0
	}
	return unicode.IsDigit(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classLower != 0
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classUpper != 0
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// isWordRune reports whether r may be part of a word or number.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&(classLetter|classDigit) != 0
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r))
}
