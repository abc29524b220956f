package segment_test

import (
	"fmt"

	"github.com/dossier-news/dossier/internal/segment"
)

func ExampleSentences() {
	text := "Gov. Lee landed in the U.S. The talks start at 9 a.m. Friday.\n\n“Will it work?” Nobody knows."
	for _, sp := range segment.Sentences(text) {
		fmt.Printf("%d-%d %s\n", sp.Start, sp.End, text[sp.Start:sp.End])
	}
	// Output:
	// 0-27 Gov. Lee landed in the U.S.
	// 28-61 The talks start at 9 a.m. Friday.
	// 63-82 “Will it work?”
	// 83-96 Nobody knows.
}

func ExampleTokens() {
	text := "Al-Zawahiri’s U.S. tour cost $1,000.50."
	var toks []string
	for _, sp := range segment.Tokens(text) {
		toks = append(toks, text[sp.Start:sp.End])
	}
	fmt.Printf("%q\n", toks)
	// Output:
	// ["Al-Zawahiri’s" "U.S." "tour" "cost" "$" "1,000.50" "."]
}
