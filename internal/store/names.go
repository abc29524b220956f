package store

import (
	"strings"
	"unicode"
)

// NameWords returns the lower-cased words of a plain query, split at spaces,
// hyphens, apostrophes and full stops, or nil if it holds anything else
// (query syntax: quotes, brackets, stars, colons...) or an upper-case
// operator (AND, OR, NOT, NEAR). Both backends read a query as naming an
// entity when its NameWords are all or the last of a written form's.
func NameWords(s string) []string {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune("-'’.", r) {
			return nil
		}
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if w == "and" || w == "or" || w == "not" || w == "near" {
			if strings.Contains(s, strings.ToUpper(w)) {
				return nil // a query operator
			}
		}
		words = append(words, w)
	}
	return words
}
