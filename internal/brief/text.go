package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/stem"
)

// token is a word of a sentence as compared: a stem, a canonical entity
// ("E:" and its name) or a number ("N:" and its digits).
type token struct {
	key    string // what is compared
	lower  string // the word as written, lower-cased
	start  int    // byte offset in Doc.Text
	clause int    // index of the clause of the sentence it is in
	entity string // entity type when the token stands for an entity
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(`a an the and or but if of to in on at by for with from as is are was were be been being
it its this that these those he she they them his her their we our you your i me my
has have had do does did will would can could should may might must shall than then there here
so such about into over after before up down out off again further once all any both each few
more most other some own same too very s t just now also what which who whom whose when where
why how while said says say told according one two new last first year years`) {
		m[w] = true
	}
	return m
}()

// clauseBreakWords start a new clause.
var clauseBreakWords = map[string]bool{
	"although": true, "though": true, "while": true, "whereas": true, "but": true,
	"because": true, "however": true, "and": true, "which": true,
}

var negationWords = map[string]bool{
	"not": true, "no": true, "never": true, "none": true, "nobody": true, "nothing": true,
	"neither": true, "nor": true, "without": true, "cannot": true, "denied": true, "denies": true,
}

var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true,
}

// tokenize returns the tokens of text[sp] (offsets into text), with the
// words inside entity mentions replaced by one token for the entity.
// ents must be sorted by Start.
func tokenize(text string, sp news.Span, ents []news.Entity) []token {
	var out []token
	clause := 0
	e := 0
	for i := sp.Start; i < sp.End; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch r {
			case ',', ';', ':', '(', ')', '—', '–':
				if len(out) > 0 && out[len(out)-1].clause == clause {
					clause++
				}
			}
			i += n
			continue
		}
		for e < len(ents) && ents[e].End <= i {
			e++
		}
		if e < len(ents) && ents[e].Start <= i && ents[e].End <= sp.End {
			name := ents[e].Canonical
			if name == "" {
				name = ents[e].Text
			}
			out = append(out, token{key: "E:" + strings.ToLower(name), lower: strings.ToLower(ents[e].Text),
				start: i, clause: clause, entity: ents[e].Type})
			i = ents[e].End
			e++
			continue
		}
		j := i + n
		for j < sp.End {
			r, n := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r) || (r == '.' || r == ',') && j+n < sp.End && isDigitAt(text, j+n) && isDigitAt(text, j-1) {
				j += n
				continue
			}
			if (r == '\'' || r == '’' || r == '-') && j+n < sp.End && isWordAt(text, j+n) {
				j += n
				continue
			}
			break
		}
		w := strings.ToLower(text[i:j])
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if clauseBreakWords[w] && len(out) > 0 && out[len(out)-1].clause == clause {
			clause++
		}
		key := stem.Porter(w)
		if isNumber(w) {
			key = "N:" + strings.ReplaceAll(w, ",", "")
		}
		out = append(out, token{key: key, lower: w, start: i, clause: clause})
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

func isWordAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func isNumber(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for _, c := range []byte(w) {
		if !(c >= '0' && c <= '9' || c == ',' || c == '.') {
			return false
		}
	}
	return true
}

// content reports whether a token counts in similarity: entities and
// stems of words that are not stop words; numbers do not (two reports of
// the same claim may differ in a figure).
func (t token) content() bool {
	if strings.HasPrefix(t.key, "N:") {
		return false
	}
	if t.entity != "" {
		return true
	}
	return !stopWords[t.lower] && len(t.lower) > 1
}

// openers are first words that lean on an earlier sentence: a pronoun or a
// connective whose referent is not in the sentence.
var openers = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "this": true, "these": true, "those": true,
	"his": true, "her": true, "their": true, "its": true, "him": true, "them": true, "that": true,
	"but": true, "and": true, "also": true, "however": true, "still": true, "yet": true,
	"meanwhile": true, "instead": true, "then": true, "there": true, "so": true, "such": true,
	"both": true, "thus": true, "moreover": true, "furthermore": true, "besides": true,
}

// leansOnContext reports whether a sentence cannot stand alone in a brief:
// it opens on a pronoun or connective, or it is a quotation cut from its
// speaker (it opens or ends inside quotation marks with no speech verb).
func leansOnContext(s string) bool {
	s = strings.TrimSpace(s)
	first := ""
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) && r != '\'' && r != '’' }) {
		first = strings.ToLower(f)
		first = strings.TrimSuffix(strings.TrimSuffix(first, "'s"), "’s")
		break
	}
	if openers[first] {
		return true
	}
	quotes := strings.Count(s, "\"") + strings.Count(s, "“") + strings.Count(s, "”") + strings.Count(s, "``") + strings.Count(s, "''")
	if quotes%2 == 1 {
		return true // a quotation that starts or ends in another sentence
	}
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "``") {
		if !hasSpeechVerb(s) {
			return true
		}
	}
	return false
}

var speechVerbs = []string{" said", " says", " say ", " told", " tells", " added", " asked", " wrote", " according to", " stated", " continued", " explained"}

func hasSpeechVerb(s string) bool {
	l := strings.ToLower(s)
	for _, v := range speechVerbs {
		if strings.Contains(l, v) {
			return true
		}
	}
	return false
}
