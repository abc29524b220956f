package segment

import (
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
)

// Tokens returns the token spans of text in order. A token is a word
// (letters and digits, with internal apostrophes and hyphens: "al-Qaeda",
// "don't", "COVID-19"), a number ("1,000.50", "10:30", "1/2"), an
// abbreviation with its period ("U.S.", "Sept.", "J."), an ellipsis written
// as periods ("..."), or any other single non-space character. Whitespace is
// not a token.
func Tokens(text string) []news.Span {
	out := make([]news.Span, 0, len(text)/5+1)
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			cl := asciiClass[c]
			switch {
			case cl&classSpace != 0:
				i++
			case cl&(classLetter|classDigit) != 0:
				j := wordEnd(text, i)
				out = append(out, news.Span{Start: i, End: j})
				i = j
			case c == '.':
				j := i + 1
				for j < len(text) && text[j] == '.' {
					j++
				}
				out = append(out, news.Span{Start: i, End: j})
				i = j
			default:
				out = append(out, news.Span{Start: i, End: i + 1})
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpace(r):
			i += size
		case isWordRune(r):
			j := wordEnd(text, i)
			out = append(out, news.Span{Start: i, End: j})
			i = j
		default:
			out = append(out, news.Span{Start: i, End: i + size})
			i += size
		}
	}
	return out
}

// wordEnd returns the end of the word or number starting at text[i].
func wordEnd(text string, i int) int {
	j := i
	digits := false // the token so far has a digit
	var prev rune
	for j < len(text) {
		r, size := decode(text, j)
		if isWordRune(r) {
			digits = digits || isDigit(r)
			prev = r
			j += size
			continue
		}
		if j+size >= len(text) {
			break
		}
		next, _ := decode(text, j+size)
		var joins bool
		switch r {
		case '\'', '’', 'ʼ', '-', '‐', '‑': // "don't", "it’s", "al-Qaeda"
			joins = isWordRune(next)
		case '.', ',', ':', '/': // "1,000.50", "10:30", "1/2", "v1.2"
			joins = isDigit(prev) && isDigit(next)
		}
		if !joins {
			break
		}
		j += size
	}
	if j >= len(text) || text[j] != '.' || digits {
		return j
	}
	// Abbreviations keep their period.
	if e := acronymEnd(text, i); e > j {
		return e
	}
	w := text[i:j]
	if _, ok := abbrevs[w]; ok {
		return j + 1
	}
	if r, size := decode(w, 0); size == len(w) && isUpper(r) {
		return j + 1 // initial: "J."
	}
	return j
}
