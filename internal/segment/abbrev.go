package segment

import "strings"

// abbrevKind says how an abbreviation behaves before a capitalised word.
type abbrevKind uint8

const (
	abbrevNone abbrevKind = iota
	// abbrevTitle precedes a name and never ends a sentence: "Gov. Lee".
	abbrevTitle
	// abbrevOther may end a sentence: it does when the next word is a
	// sentence opener ("in the U.S. The next day").
	abbrevOther
)

// abbrevs maps abbreviations, spelled as in news copy and without their final
// period, to their kind.
var abbrevs = func() map[string]abbrevKind {
	m := make(map[string]abbrevKind)
	for s := range strings.FieldsSeq(`
		Mr Mrs Ms Messrs Mmes Dr Drs Prof Profs Gov Govs Sen Sens Rep Reps
		Gen Gens Lt Col Sgt Capt Maj Adm Cmdr Cmdt Brig Cpl Pvt Spc Ens
		Rev Revd Hon Pres Supt Insp Det Atty Amb Fr Sra Mme Mlle
		vs v cf approx ca
	`) {
		m[s] = abbrevTitle
	}
	for s := range strings.FieldsSeq(`
		Jr Sr Snr Jnr Esq Inc Corp Ltd Co Cos Bros Plc LLC Assn Dept Univ Intl Natl Govt
		St Ste Ave Blvd Rd Mt Ft Pl Sq Hwy
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
		Mon Tue Tues Wed Thu Thur Thurs Fri Sat
		No Nos Vol Vols Ch Art Sec Fig Figs Ed Eds Op Ref
		etc al est pp p no nos vol fig ed eds ibid incl excl esp
		Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn
		Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo
	`) {
		m[s] = abbrevOther
	}
	return m
}()

// lowerAbbrevs holds abbrevs keyed by their lower-case form, for text that
// has no capital letters at all.
var lowerAbbrevs = func() map[string]abbrevKind {
	m := make(map[string]abbrevKind, len(abbrevs))
	for k, v := range abbrevs {
		l := strings.ToLower(k)
		if old, ok := m[l]; !ok || v == abbrevOther && old == abbrevTitle {
			m[l] = v
		}
	}
	return m
}()

// starters are common sentence openers of news copy. After an abbreviation
// that may end a sentence, a starter means the sentence did end.
var starters = func() map[string]bool {
	m := make(map[string]bool)
	for s := range strings.FieldsSeq(`
		The A An It Its It's He He's She She's They They're We We're I I'm You
		His Her Their Our My This That These Those There Here
		But And Or So Yet Nor In On At For From With By As Of To Into About
		After Before When While If Although Though Because Since Until During
		However Meanwhile Still Now Then Also Some Many Most Several Few All
		Both Each Every No Not One Two Three What Why How Who Where Which
		Earlier Later Last Next Yesterday Today Tomorrow Tonight Officials
		According Despite Under Over Such Other Another Instead Thus
		Nevertheless Nonetheless Moreover Furthermore Indeed Asked Speaking
		Among Against Without Like Unlike Just Only Even Once Never
		Is Are Was Were Do Does Did Can Could Will Would Should Has Have Had
		Let Please Yes Sources Analysts Critics Experts Authorities Residents
		Witnesses Following Given Its Overall Separately Similarly Previously
		Currently Recently Finally First Second Third Former Besides Elsewhere
		Further More Much Less Unless Whether Whatever Having Being Along Amid
		Across Around Through Throughout Within Between Toward Towards Upon
		Your Neither Either Any None Nothing Everyone Nobody Someone Perhaps
		Maybe Already Often Sometimes Shares Prices Sales Profits Talks
	`) {
		m[s] = true
		m[strings.ToLower(s)] = true
	}
	return m
}()

// timeFollowers are words that continue a sentence after "a.m." or "p.m.":
// days, months and time zones.
var timeFollowers = func() map[string]bool {
	m := make(map[string]bool)
	for s := range strings.FieldsSeq(`
		Monday Tuesday Wednesday Thursday Friday Saturday Sunday
		Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
		January February March April May June July August September October November December
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
		ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT UTC BST CET CEST EET MSK IST JST AEST
		local Local
	`) {
		m[s] = true
		m[strings.ToLower(s)] = true
	}
	return m
}()

// speechVerbs follow a quotation whose closing mark is not the end of the
// sentence: `"Why?" Smith asked.`
var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "asks": true, "added": true,
	"adds": true, "told": true, "wrote": true, "writes": true, "replied": true,
	"shouted": true, "continued": true, "continues": true, "explained": true,
	"insisted": true, "recalled": true, "tweeted": true, "declared": true,
}

// lookupAbbrev returns the kind of w, a word without its final period.
// Caseless text (with no capital letter anywhere) matches case-insensitively.
func lookupAbbrev(w string, caseless bool) abbrevKind {
	if k, ok := abbrevs[w]; ok {
		return k
	}
	if caseless {
		return lowerAbbrevs[w]
	}
	return abbrevNone
}

// isAcronym reports whether w is a dotted acronym without its final period:
// two or more segments of one or two ASCII letters joined by periods
// ("U.S", "a.m", "e.g", "Ph.D").
func isAcronym(w string) bool {
	segs, n := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if n == 0 {
				return false
			}
			segs++
			n = 0
		case c < 0x80 && asciiClass[c]&classLetter != 0:
			n++
			if n > 2 {
				return false
			}
		default:
			return false
		}
	}
	return n > 0 && segs >= 1
}

// acronymEnd returns the end of the dotted acronym with final period that
// starts at s[i] ("U.S.", "a.m.", "Ph.D."), or i if there is none.
func acronymEnd(s string, i int) int {
	segs, end := 0, i
	for j := i; ; {
		n := 0
		for j < len(s) && j-end < 3 && s[j] < 0x80 && asciiClass[s[j]]&classLetter != 0 {
			j++
			n++
		}
		if n == 0 || n > 2 || j >= len(s) || s[j] != '.' {
			break
		}
		j++
		segs++
		end = j
	}
	if segs < 2 {
		return i
	}
	if end < len(s) && s[end] < 0x80 && asciiClass[s[end]]&(classLetter|classDigit) != 0 {
		return i
	}
	return end
}
