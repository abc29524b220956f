package clean

import (
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// langSample is how many bytes of text the language is guessed from.
const langSample = 3000

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
