package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, a number or a punctuation mark of a sentence.
type token struct {
	start, end int    // byte offsets in the text
	text       string // as written
	low        string // lower case
	upper      bool   // starts with an upper-case letter
	digits     bool   // starts with a digit
}

// abbrevs are words whose trailing period belongs to them.
var abbrevs = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true, "st": false,
}

// tokenize splits text[start:end] into tokens. Words keep inner hyphens
// ("third-quarter"); numbers keep inner colons, slashes, hyphens and
// periods ("14:05", "2015-11-02"); "a.m." and "p.m." are one token, as are
// month and day abbreviations with their period ("Sept.").
func tokenize(text string, start, end int) []token {
	var toks []token
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r):
			j := i + size
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:end])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += s2
					continue
				}
				if r2 == '-' && j+1 < end && isAlnumByte(text[j+1]) {
					j += s2
					continue
				}
				break
			}
			w := text[i:j]
			lw := strings.ToLower(w)
			if (lw == "a" || lw == "p") && j+2 < end+1 && hasPrefixFold(text[j:end], ".m.") {
				j += 3
			} else if (lw == "a" || lw == "p") && hasPrefixFold(text[j:end], ".m") && (j+2 == end || !isAlnumByte(text[j+2])) {
				j += 2
			} else if (lw == "am" || lw == "pm") && (j == end || !isAlnumByte(text[j])) {
				// "10am", "10 pm"
			} else if j < end && text[j] == '.' && abbrevs[lw] {
				j++
			}
			toks = append(toks, newToken(text, i, j))
			i = j
		case unicode.IsDigit(r):
			j := i + size
			for j < end {
				c := text[j]
				if isAlnumByte(c) {
					j++
					continue
				}
				if (c == ':' || c == '/' || c == '-' || c == '.') && j+1 < end && isDigitByte(text[j+1]) {
					j++
					continue
				}
				if c == ',' && j+3 < end && isDigitByte(text[j+1]) && isDigitByte(text[j+2]) && isDigitByte(text[j+3]) &&
					(j+4 == end || !isDigitByte(text[j+4])) && j-i <= 3 {
					j += 4
					continue
				}
				if c == '-' && j+1 < end && isLetterByte(text[j+1]) {
					j++ // "10-year"
					continue
				}
				break
			}
			toks = append(toks, newToken(text, i, j))
			i = j
		case (r == '\'' || r == '’') && i+size+1 < end && isDigitByte(text[i+size]) && isDigitByte(text[i+size+1]):
			j := i + size + 2
			for j < end && isAlnumByte(text[j]) {
				j++
			}
			toks = append(toks, newToken(text, i, j))
			i = j
		default:
			toks = append(toks, newToken(text, i, i+size))
			i += size
		}
	}
	return toks
}

func newToken(text string, i, j int) token {
	w := text[i:j]
	r, _ := utf8.DecodeRuneInString(w)
	return token{start: i, end: j, text: w, low: strings.ToLower(w), upper: unicode.IsUpper(r), digits: unicode.IsDigit(r)}
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

func isAlnumByte(c byte) bool { return isDigitByte(c) || isLetterByte(c) }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }
func isLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
