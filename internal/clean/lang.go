package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// langSample is how many bytes of text the language is guessed from.
const langSample = 3000

// trigramSample is how many bytes of it whatlanggo reads.
const trigramSample = 1200

// minLangLetters is the fewest letters a text needs for its language to be
// guessed from it; shorter texts keep the page's declared language.
const minLangLetters = 40

// Language returns the ISO 639-1 code of the language text is written in,
// guessed by whatlanggo's trigram model from its first few thousand bytes.
// hint, the language the page declares (<html lang>), decides when the text
// is too short or the guess unreliable; it never overrides a reliable guess:
// many sites declare one language for every page whatever its text.
func Language(text, hint string) string {
	sample := text
	if len(sample) > langSample {
		i := langSample
		for i > 0 && !utf8.RuneStart(sample[i]) {
			i--
		}
		sample = sample[:i]
	}
	letters := 0
	for _, r := range sample {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < minLangLetters {
		return hint
	}
	if englishShare(sample) >= minEnglishShare {
		return "en"
	}
	// The trigram model is slow (milliseconds a kilobyte): a kilobyte is
	// plenty for it.
	if len(sample) > trigramSample {
		i := trigramSample
		for i > 0 && !utf8.RuneStart(sample[i]) {
			i--
		}
		sample = sample[:i]
	}
	info := whatlanggo.Detect(sample)
	code := info.Lang.Iso6391()
	if code == "" {
		return hint
	}
	if info.IsReliable() || hint == "" || code == hint {
		return code
	}
	// An unreliable guess between close languages: trust the page's
	// declaration, unless the text is not even in the declared script.
	if whatlanggo.DetectScript(sample) != whatlanggo.DetectScript(hintSample(hint)) {
		return code
	}
	return hint
}

// minEnglishShare is the share of English function words above which a
// text is English whatever the trigram model says: its trigrams mistake
// English heavy in Latinate jargon ("data monetization strategies") for
// French or Spanish. Running prose in other languages has a share near 0.
const minEnglishShare = 0.08

// englishFunction are frequent English words that are not words of the
// other languages whatlanggo knows ("a", "in", "on" are left out: they are).
var englishFunction = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "is": true, "that": true, "for": true, "with": true,
	"was": true, "are": true, "this": true, "from": true, "by": true, "have": true, "has": true, "be": true,
	"it": true, "at": true, "which": true, "will": true, "their": true, "they": true, "we": true, "our": true,
	"you": true, "your": true, "he": true, "she": true, "his": true, "her": true, "were": true, "been": true,
	"said": true, "would": true, "not": true, "but": true, "or": true, "an": true, "its": true, "who": true,
}

// englishShare returns the share of the words of s that are English
// function words.
func englishShare(s string) float64 {
	words, hits := 0, 0
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) || r == '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words++
			w := s[start:i]
			if len(w) <= 5 && englishFunction[strings.ToLower(w)] {
				hits++
			}
			start = -1
		}
	}
	if words < 10 {
		return 0
	}
	return float64(hits) / float64(words)
}

// hintSample returns a word in the script of language code, to compare
// scripts; languages we have no word for count as Latin.
func hintSample(code string) string {
	switch code {
	case "ru", "uk", "bg", "sr", "mk", "be":
		return "слово"
	case "ar", "fa", "ur":
		return "كلمة"
	case "zh":
		return "词语"
	case "ja":
		return "ことば"
	case "ko":
		return "단어"
	case "el":
		return "λέξη"
	case "he":
		return "מילה"
	case "hi", "mr", "ne":
		return "शब्द"
	}
	return "word"
}
