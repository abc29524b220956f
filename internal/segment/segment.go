// Package segment finds paragraphs, sentences and tokens in a cleaned article
// body, as byte spans over it.
package segment

import "github.com/dossier-news/dossier/internal/news"

// Paragraphs returns the paragraph spans of text (blocks separated by blank lines). STUB.
func Paragraphs(text string) []news.Span { return nil }

// Sentences returns the sentence spans of text in order. STUB.
func Sentences(text string) []news.Span { return nil }

// Tokens returns the token spans of text in order. STUB.
func Tokens(text string) []news.Span { return nil }
