package quote

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// outletNames maps the ways news media are written to their canonical names.
var outletNames = map[string]string{
	"AP": "Associated Press", "Associated Press": "Associated Press", "The Associated Press": "Associated Press",
	"Reuters": "Reuters", "AFP": "AFP", "Agence France-Presse": "AFP", "Agence France Presse": "AFP",
	"CNN": "CNN", "BBC": "BBC", "Fox News": "Fox News", "NBC": "NBC", "NBC News": "NBC", "CBS": "CBS",
	"CBS News": "CBS", "ABC News": "ABC News", "ABC": "ABC News", "MSNBC": "MSNBC", "NPR": "NPR", "PBS": "PBS",
	"New York Times": "The New York Times", "The New York Times": "The New York Times",
	"Washington Post": "The Washington Post", "The Washington Post": "The Washington Post",
	"Wall Street Journal": "The Wall Street Journal", "The Wall Street Journal": "The Wall Street Journal",
	"Politico": "Politico", "POLITICO": "Politico", "Bloomberg": "Bloomberg", "Bloomberg News": "Bloomberg",
	"The Guardian": "The Guardian", "Guardian": "The Guardian", "Al Jazeera": "Al Jazeera",
	"Al Arabiya": "Al Arabiya", "TASS": "TASS", "Tass": "TASS", "RIA Novosti": "RIA Novosti",
	"Interfax": "Interfax", "Xinhua": "Xinhua", "Sputnik": "Sputnik", "RT": "RT", "Kommersant": "Kommersant",
	"Vedomosti": "Vedomosti", "RBC": "RBC", "Izvestia": "Izvestia", "USA Today": "USA Today",
	"Los Angeles Times": "Los Angeles Times", "LA Times": "Los Angeles Times", "The Hill": "The Hill",
	"BuzzFeed": "BuzzFeed", "BuzzFeed News": "BuzzFeed", "Axios": "Axios", "The Daily Beast": "The Daily Beast",
	"Huffington Post": "HuffPost", "HuffPost": "HuffPost", "The Huffington Post": "HuffPost",
	"Breitbart": "Breitbart News", "Breitbart News": "Breitbart News", "Newsweek": "Newsweek",
	"Time magazine": "Time", "The Atlantic": "The Atlantic", "Vox": "Vox", "ProPublica": "ProPublica",
	"Der Spiegel": "Der Spiegel", "Spiegel": "Der Spiegel", "Le Monde": "Le Monde", "The Times": "The Times",
	"Financial Times": "Financial Times", "The Financial Times": "Financial Times", "The Economist": "The Economist",
	"The Telegraph": "The Telegraph", "Daily Mail": "Daily Mail", "The Independent": "The Independent",
	"Sky News": "Sky News", "Yahoo News": "Yahoo News", "CNBC": "CNBC", "UPI": "UPI", "Kyodo": "Kyodo",
	"Yonhap": "Yonhap", "dpa": "dpa", "DPA": "dpa", "ANSA": "ANSA", "EFE": "EFE", "Anadolu": "Anadolu",
	"the AP": "Associated Press", "The Moscow Times": "The Moscow Times", "Moscow Times": "The Moscow Times",
	"Novaya Gazeta": "Novaya Gazeta", "Meduza": "Meduza", "Channel One": "Channel One",
	"Boston Globe": "The Boston Globe", "The Boston Globe": "The Boston Globe", "Chicago Tribune": "Chicago Tribune",
	"The New Yorker": "The New Yorker", "Rolling Stone": "Rolling Stone", "Mother Jones": "Mother Jones",
	"National Review": "National Review", "Slate": "Slate", "Salon": "Salon", "Vice": "Vice",
	"Washington Examiner": "Washington Examiner", "The Washington Times": "The Washington Times",
	"SITE Intelligence Group": "SITE Intelligence Group", "Fox": "Fox News", "ABC's": "ABC News",
}

// outletsByFirstWord maps the first word of every outlet name to the names
// that start with it, longest first.
var outletsByFirstWord = func() map[string][]string {
	idx := make(map[string][]string)
	for n := range outletNames {
		first := n[:wordEnd(n, 0)]
		idx[first] = append(idx[first], n)
	}
	for _, names := range idx {
		slices.SortFunc(names, func(a, b string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(a, b)
		})
	}
	return idx
}()

// isWordByte reports whether c is an ASCII word character, as regexp's \b sees it.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// wordEnd returns the end of the run of word bytes starting at i.
func wordEnd(t string, i int) int {
	for i < len(t) && isWordByte(t[i]) {
		i++
	}
	return i
}

// findOutlets returns the spans of outlet names in t at word boundaries,
// leftmost and longest first, not overlapping. It looks names up by their
// first word, so its cost is one map lookup per word of t.
func findOutlets(t string) [][2]int {
	var out [][2]int
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		j := wordEnd(t, i)
		next := j
		for _, n := range outletsByFirstWord[t[i:j]] {
			e := i + len(n)
			if strings.HasPrefix(t[i:], n) && (e == len(t) || !isWordByte(t[e]) || !isWordByte(n[len(n)-1])) {
				out = append(out, [2]int{i, e})
				next = e
				break
			}
		}
		i = next
	}
	return out
}

// citeAfter: "<Outlet> reported", "<Outlet> points out", "<Outlet> first reported".
var citeAfter = regexp.MustCompile(`^(?:'s?\s+\w+\s+)?(?:\s+(?:has|had|also|first|later|previously|earlier|originally))*\s+(?:reported|reports|report|said|says|points out|pointed out|wrote|writes|noted|notes|published|revealed|reveals|quoted|quotes|cited|cites|learned|confirmed|obtained|broke the news|announced|stated)\b`)

// citeBefore: "told <Outlet>", "according to <Outlet>", "in an interview with <Outlet>".
var citeBefore = regexp.MustCompile(`(?i)(?:\btold|\btells|\bto|according to|interview with|speaking to|spoke to|spoke with|talking to|cited by|quoted by|reported by|obtained by|reviewed by|published by|broadcast by|aired on|appeared on|statement to|said on|wrote (?:for|in)|writing (?:for|in)|op-ed (?:for|in)|column (?:for|in)|via)\s+(?:the\s+|news agency\s+|broadcaster\s+|newspaper\s+|network\s+)?$`)

// docsRE: "documents released by the U.S. Office of the Director of …".
var docsRE = regexp.MustCompile(`\b(?i:documents?|reports?|records|files|papers|data|memos?|letters?|transcripts?|emails|cables|figures|statistics|a report|a study|study|survey|poll)\s+(?i:released|published|obtained|made public|declassified|issued|compiled|conducted|leaked)\s+by\s+(?:the\s+)?((?:[A-Z][\w.’'-]*)(?:\s+(?:of|the|for|and|on|[A-Z][\w.’'-]*))*)`)

// docsVerbs are the verbs docsRE needs, lower case; a text with none of them
// cannot match it.
var docsVerbs = []string{"released", "published", "obtained", "made", "declassified", "issued", "compiled", "conducted", "leaked"}

// mayCiteDocuments is a cheap prefilter for docsRE, which is slow to run
// over a whole text: it reports whether t holds one of docsVerbs followed
// by "by" somewhere after it.
func mayCiteDocuments(t string) bool {
	lower := strings.ToLower(t)
	for _, v := range docsVerbs {
		if i := strings.Index(lower, v); i >= 0 && strings.Contains(lower[i:], "by") {
			return true
		}
	}
	return false
}

// citations finds the media the article relies on.
func (f *finder) citations() []news.Citation {
	t := f.text
	var out []news.Citation
	for _, m := range findOutlets(t) {
		a, b := m[0], m[1]
		if f.inQuote(a) {
			continue
		}
		src := outletNames[t[a:b]]
		if am := citeAfter.FindStringIndex(t[b:min(len(t), b+60)]); am != nil {
			start := a
			if a >= 4 && t[a-4:a] == "The " || a >= 4 && t[a-4:a] == "the " {
				start = a - 4
			}
			out = append(out, news.Citation{Source: src, Cue: t[start : b+am[1]], Start: start, End: b + am[1]})
			continue
		}
		lo := max(0, a-40)
		if bm := citeBefore.FindStringIndex(t[lo:a]); bm != nil {
			cueStart := lo + bm[0]
			for cueStart < a && t[cueStart] == ' ' {
				cueStart++
			}
			// "to" alone cites only after a speech verb ("said to Reuters" is rare; "told to" is not a cue).
			cue := strings.TrimSpace(t[cueStart:a])
			if strings.EqualFold(strings.Fields(cue)[0], "to") && !strings.HasSuffix(strings.TrimSpace(t[max(0, cueStart-20):cueStart]), "interview") && !strings.HasSuffix(strings.TrimSpace(t[max(0, cueStart-20):cueStart]), "statement") {
				continue
			}
			out = append(out, news.Citation{Source: src, Cue: t[cueStart:b], Start: cueStart, End: b})
		}
	}
	var docs [][]int
	if mayCiteDocuments(t) {
		docs = docsRE.FindAllStringSubmatchIndex(t, -1)
	}
	for _, m := range docs {
		if f.inQuote(m[0]) {
			continue
		}
		org := strings.TrimRight(t[m[2]:m[3]], " ")
		for _, w := range []string{" of", " the", " for", " and", " on"} {
			org = strings.TrimSuffix(org, w)
		}
		end := m[2] + len(org)
		out = append(out, news.Citation{Source: strings.TrimPrefix(org, "U.S. "), Cue: t[m[0]:end], Start: m[0], End: end})
	}
	slices.SortFunc(out, func(a, b news.Citation) int { return a.Start - b.Start })
	return out
}

// via sets, for each quote, the outlet cited in its paragraph through which
// it reaches the article, unless the outlet is the speaker itself.
func (f *finder) via(cites []news.Citation) {
	for _, a := range f.attrs {
		for _, c := range cites {
			if f.paraOf(c.Start) != a.para || c.Source == a.speaker || strings.Contains(a.speaker, c.Source) || !f.nearAttr(a, c) {
				continue
			}
			if strings.HasPrefix(c.Cue, "documents") || strings.HasPrefix(c.Cue, "document") {
				continue
			}
			a.via = c.Source
			break
		}
	}
}

// nearAttr reports whether the citation c stands in the sentence of a's
// content or of its cue, or in the sentence right after a direct quote
// ("“…,” Ann Roe said. Reuters reported."): an outlet named elsewhere in
// the paragraph brought other quotes.
func (f *finder) nearAttr(a *attr, c news.Citation) bool {
	from, to := a.start, a.end
	if a.src.kind != npNone {
		from, to = min(from, a.src.start, a.src.cueStart), max(to, a.src.end, a.src.cueStart)
	}
	lo, hi := f.sentenceStart(from), f.sentenceEnd(to)
	for _, s := range f.sents {
		if s.start <= max(to-1, from) && max(to-1, from) < s.end {
			hi = s.end
		}
	}
	if c.Start >= lo && c.Start < hi {
		return true
	}
	// The next sentence opens with the citation: "Reuters reported."
	next, _ := trimSpan(f.text, hi, len(f.text))
	return a.kind == KindDirect && (c.Start == next || c.Start == next+4 && strings.EqualFold(f.text[next:next+4], "the "))
}
