package clean

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/dossier-news/dossier/internal/news"
)

// Plain labels every line of a plain-text page and returns the article it
// holds. raw.Raw is read as UTF-8: invalid bytes become U+FFFD (and the
// document is flagged [news.FlagInvalidUTF8]), a byte order mark is dropped and
// CRLF or CR line ends become LF.
//
// Every non-empty line gets one label: title (at most one line), body,
// caption or chrome. The labels come from what a line says (length, sentence
// shape, stop words, calls to subscribe, share or comment, comment forms,
// pagination, photo credits, bylines) and from where it stands: the body is
// one contiguous region of prose, found as the run of lines with the highest
// total score, that never crosses a comment form, a pagination bar or an
// appeal to readers; the headline is the best headline-shaped line shortly
// before it. Lines that [Options.Repeats] saw in several other articles of
// raw.Group are chrome.
//
// Text is the body lines joined by blank lines; Title is the title line.
// Flags may include [news.FlagPaginated], [news.FlagTruncated],
// [news.FlagEmpty] and [news.FlagNotArticle] (a file named like a
// collection's README or licence, or a body without headline that holds
// less than a paragraph of prose).
func Plain(raw news.RawArticle, opts Options) news.Cleaned {
	var c news.Cleaned
	text, flags := decodeText(raw.Raw)
	c.Flags = append(c.Flags, flags...)
	p := newPlainPage(text, raw.Group, opts.Repeats)
	p.label(raw.Title)
	if m := opts.Lines; !opts.RulesOnly {
		if m == nil {
			m = DefaultLineModel()
		}
		if m != nil {
			p.applyModel(m)
		}
	}

	c.Lines = make([]news.Line, len(p.lines))
	var body strings.Builder
	for i := range p.lines {
		l := &p.lines[i]
		c.Lines[i] = news.Line{N: l.n, Label: l.label, Text: l.text}
		switch l.label {
		case news.LabelTitle:
			c.Title = l.text
		case news.LabelBody:
			if body.Len() > 0 {
				body.WriteString("\n\n")
			}
			body.WriteString(l.text)
		}
	}
	c.Text = body.String()
	c.Outlet = p.outlet()
	if p.paginated() {
		c.Flags = append(c.Flags, news.FlagPaginated)
	}
	if p.truncated() {
		c.Flags = append(c.Flags, news.FlagTruncated)
	}
	if c.Text == "" {
		c.Flags = append(c.Flags, news.FlagEmpty)
	}
	if c.Title == "" && raw.Title != "" {
		c.Title = raw.Title
	}
	if isCorpusFile(raw.Source) || (c.Text != "" && c.Title == "" && p.proseWords() < notArticleWords) {
		c.Flags = append(c.Flags, news.FlagNotArticle)
	}
	return c
}

// notArticleWords is the fewest words of prose a body without a headline
// needs to read as an article.
const notArticleWords = 40

// proseWords counts the words of the body lines that read as running text.
func (p *plainPage) proseWords() int {
	n := 0
	for i := range p.lines {
		l := &p.lines[i]
		if l.label == news.LabelBody && l.isProse() {
			n += l.words
		}
	}
	return n
}

// corpusFileNames are the base names (before any extension, upper case) of
// the files that describe a collection rather than belong to it.
var corpusFileNames = map[string]bool{
	"README": true, "LICENSE": true, "LICENCE": true, "COPYING": true, "NOTICE": true, "CHANGELOG": true,
	"CHANGES": true, "AUTHORS": true, "CITATION": true, "MANIFEST": true,
}

// isCorpusFile reports whether source is the path of a file that describes a
// collection (README.TXT, LICENSE, CITATION.cff beside the articles).
func isCorpusFile(source string) bool {
	if i := strings.LastIndexAny(source, `/\`); i >= 0 {
		source = source[i+1:]
	}
	base, _, _ := strings.Cut(source, ".")
	return corpusFileNames[strings.ToUpper(base)]
}

// decodeText returns b as valid UTF-8 text with LF line ends and no byte
// order mark, and the flags it earned. Text that is not UTF-8, holds no valid
// multi-byte sequence at all, and whose every other byte reads as a letter
// inside a word or as punctuation in Windows-1252 (a superset of Latin-1, the
// usual legacy charset of scraped text) is read as Windows-1252 and flagged
// [news.FlagCharset]; otherwise invalid bytes are replaced with U+FFFD and
// flagged [news.FlagInvalidUTF8] (a few stray bytes in ASCII text are damage,
// not a charset).
func decodeText(b []byte) (string, []string) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	var s string
	var flags []string
	switch {
	case utf8.Valid(b):
		s = string(b)
	case !hasValidMultibyte(b) && readsAsWindows1252(b):
		s, flags = transcode(b, charmap.Windows1252)
	default:
		s, flags = repairUTF8(b)
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, flags
}

// kind is what the patterns say about a line.
type lineKind uint8

const (
	kindNone     lineKind = iota
	kindChrome            // page furniture by its wording
	kindBarrier           // chrome that ends the article: comment forms, pagination, appeals
	kindCaption           // photo caption or credit
	kindByline            // byline, dateline or time stamp
	kindRelated           // a heading over links to other articles
	kindPaginate          // pagination bar (also a barrier)
)

// line is one non-empty line of a page with its features.
type plainLine struct {
	n        int    // line number in the file, from 1
	text     string // trimmed
	lower    string // text with ASCII letters in lower case
	tight    bool   // no blank line between this and the previous non-empty line
	words    int    // words (tokens with a letter or digit)
	stops    int    // stop words among them
	caps     int    // words starting with an upper-case letter
	chars    int    // runes
	terminal bool   // ends like a sentence
	capStart bool   // starts with an upper-case letter, digit or quote
	kind     lineKind
	repeated bool
	score    float64
	label    news.Label
}

func (l *plainLine) stopRatio() float64 {
	if l.words == 0 {
		return 0
	}
	return float64(l.stops) / float64(l.words)
}

func (l *plainLine) capRatio() float64 {
	if l.words == 0 {
		return 0
	}
	return float64(l.caps) / float64(l.words)
}

// isProse reports whether the line reads like a sentence of running text.
func (l *plainLine) isProse() bool {
	return l.words >= 8 && l.stopRatio() >= 0.2 && l.terminal && l.capStart
}

type plainPage struct {
	lines []plainLine
	start int // first body line index, or -1
	end   int // last body line index, or -1
}

func newPlainPage(text, group string, rep *Repeats) *plainPage {
	p := &plainPage{start: -1, end: -1}
	lowerDoc := asciiLower(text) // same byte offsets as text
	n := 0
	blank := true
	var buf []byte
	for off := 0; off < len(text) || n == 0; {
		n++
		i := strings.IndexByte(text[off:], '\n')
		end, next := off+i, off+i+1
		if i < 0 {
			end, next = len(text), len(text)
		}
		s := strings.TrimSpace(text[off:end])
		start := off + strings.Index(text[off:end], s)
		lower := lowerDoc[start : start+len(s)]
		off = next
		text := text[off:] // what is left, for the end test below
		if s == "" {
			blank = true
			if text == "" {
				break
			}
			continue
		}
		l := plainLine{n: n, text: s, lower: lower, tight: !blank && len(p.lines) > 0}
		blank = false
		l.measure()
		l.kind = classify(&l)
		if rep != nil {
			var words int
			buf, words = normLine(buf[:0], s)
			l.repeated = rep.count(group, buf, words) >= RepeatMinDocs
		}
		p.lines = append(p.lines, l)
		if text == "" {
			break
		}
	}
	return p
}

// asciiLower returns s with ASCII letters in lower case (byte offsets are
// kept, which strings.ToLower does not promise).
func asciiLower(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// measure fills the word, stop-word, capital and shape features.
func (l *plainLine) measure() {
	s := l.text
	var wbuf [24]byte
	for i := 0; i < len(s); {
		// Skip separators.
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r2, sz := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) {
				break
			}
			j += sz
		}
		tok := s[i:j]
		i = j
		// Trim punctuation around the token.
		tok = strings.TrimFunc(tok, func(r rune) bool { return !isWordRune(r) })
		if tok == "" {
			continue
		}
		l.words++
		first, _ := utf8.DecodeRuneInString(tok)
		if unicode.IsUpper(first) {
			l.caps++
		}
		if len(tok) <= len(wbuf) {
			w := wbuf[:0]
			for k := 0; k < len(tok); k++ {
				c := tok[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				w = append(w, c)
			}
			if _, ok := plainStopWords[string(w)]; ok {
				l.stops++
			}
		}
	}
	l.chars = utf8.RuneCountInString(s)
	first, _ := utf8.DecodeRuneInString(s)
	l.capStart = unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"'“‘«(", first)
	end := strings.TrimRight(s, "\"'”’»)] ")
	last, _ := utf8.DecodeLastRuneInString(end)
	l.terminal = strings.ContainsRune(".!?…:;", last)
}

// Patterns. Each is matched against a whole trimmed line; most only apply to
// short lines, where they are the line's purpose rather than a word in a
// sentence.
var (
	// Chrome whatever the line's length, besides chromePhrases; matched
	// against the lower-cased line when it holds one of chromeRegexKeys.
	chromeAnyRE = regexp.MustCompile(`by (?:continuing|using) (?:to (?:use|browse) )?(?:this|our) (?:site|website)|` +
		`(?:get|receive) (?:the latest|our)[^.]{0,40}(?:in|to) your (?:inbox|mailbox)|` +
		`© ?(?:copyright ?)?(?:19|20)\d\d|\(c\) (?:19|20)\d\d|copyright (?:19|20)\d\d`)

	// Chrome when the line is short (see shortWords).
	chromeShortRE = regexp.MustCompile(`^(?:` +
		`home|menu|search|log ?in|log ?out|sign ?in|sign ?up|register|subscribe|subscribe now|donate|share|share this|` +
		`tweet|email|e-mail|print|print this|email this|e-mail this|save|bookmark|reprints?|permalink|` +
		`advertisement|advertising|advertise|sponsored|ad|ads by google|story continues below|` +
		`skip to (?:main )?content|back to top|top of page|more|more news|read more|continue reading|read full (?:story|article)|` +
		`close|cancel|submit|send|reply|next|previous|prev|next story|previous story|next article|` +
		`contact us|about us|site ?map|help|faq|rss|rss feeds?|feeds|mobile|newsletters?|careers|jobs|` +
		`font size|text size|a a a|[-+] ?text|larger|smaller|comments?|\d+ comments?|view comments|post a comment|add a comment|` +
		`share on (?:facebook|twitter|linkedin)|facebook|twitter|linkedin|reddit|digg|stumbleupon|delicious|whatsapp|` +
		`not ready to support today\??|remind me later\.?|continue|once|monthly|annual|yearly|` +
		`(?:accepted |other )?payment (?:methods?|options)|pay (?:by|with) (?:card|paypal)|preview` +
		`)[.!:?»›> ]*$|` +
		`^(?:sign up|subscribe|register|log ?in|donate|support us|follow us|share|email|e-mail|click|tap|download|watch|listen|` +
		`read more|more on|see also|also see|for more|get the|join the|become a)\b|` +
		`^support\b.*(?:!|\bsubscri|\bdonat|\bmember|\bcontribut)`)

	// Ends the article: comment sections, appeals to readers.
	barrierRE = regexp.MustCompile(`^(?:leave a (?:reply|comment)|post (?:a|your) comment|add (?:a|your) comment|` +
		`write a comment|have your say|comments?(?: \(\d+\))?|\d+ comments?|reader comments|user comments|` +
		`join the (?:conversation|discussion)|a message from\b.*|dear readers?,?|` +
		`support (?:independent |our )?journalism.*)[.!:]*$`)

	// A heading over links to other articles.
	relatedRE = regexp.MustCompile(`^(?:related(?: (?:articles?|stories|news|links|content|coverage|posts?|topics?|videos?))?|` +
		`more (?:stories|news|articles|headlines)(?: from .*)?|more from .*|most (?:popular|read|viewed|emailed|shared|commented)|` +
		`you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories)?|trending(?: now)?|` +
		`top stories|latest (?:news|stories|headlines)|popular (?:stories|now)|also in .*|see also|elsewhere on .*|` +
		`in other news|what's hot|.{0,30}\bheadlines|full list of .*|continue article|` +
		`around the web|from around the web|editor'?s picks?|tags?|topics?|categories|filed under.*)[.!:]*$`)

	// Pagination bars.
	paginateRE = regexp.MustCompile(`^(?:(?:«|‹|<|prev(?:ious)?)\s*)?(?:page\s*)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*(?:(?:next|»|›|>)\s*)?$|` +
		`^(?:next|previous|prev) page\b|^(?:page|pages):?\s*\d|^(?:continue(?:d)? (?:on|to) (?:page|next page)|next page)\b`)
	pageOfRE = regexp.MustCompile(`(?:page\s*)?(\d{1,3})\s*(?:of|/)\s*(\d{1,3})`)

	// Photo captions and credits, besides captionPhrases and captionMarks;
	// matched against the lower-cased line.
	captionStartRE  = regexp.MustCompile(`^(?:photo|picture|image|pictured|above|below|top|main picture|photograph)s?\s*(?:by\b|:|-|–|—)`)
	captionAgencyRE = regexp.MustCompile(`\b(?:reuters|afp|epa|ap|getty|pa)(?: photo)?/[a-z]|/ ?(?:getty images|reuters|afp|ap|epa)\b`)

	// Bylines, datelines and time stamps.
	bylineRE = regexp.MustCompile(`(?i)^(?:by|posted by|written by|from|reporting by|story by|words by)\s+\p{Lu}|` +
		`^\((?:additional )?(?:reporting|writing|editing|compiled|translated|research) by\b.{0,120}\)$|` +
		`^(?:posted|published|updated|last updated|created|modified|filed)\b.{0,60}$|` +
		`^(?:\w+day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}.{0,40}$|` +
		`^(?:\w+day,?\s+)?\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}.{0,40}$|` +
		`^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.{0,30}$|^\d{1,2}:\d{2}\s*(?:am|pm)?\b.{0,40}$`)

	// Outlet names where a page names itself.
	outletRE = []*regexp.Regexp{
		regexp.MustCompile(`^Support ((?:The |the )?\p{Lu}[\p{L}\d'’.&-]*(?: \p{Lu}[\p{L}\d'’.&-]*){0,4})!?$`),
		regexp.MustCompile(`^A [Mm]essage [Ff]rom ((?:The |the )?\p{Lu}[\p{L}\d'’.&-]*(?: \p{Lu}[\p{L}\d'’.&-]*){0,4}):?$`),
		regexp.MustCompile(`(?:©|\([cC]\)|Copyright)\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?((?:The |the )?\p{Lu}[\p{L}\d'’.&-]*(?: \p{Lu}[\p{L}\d'’.&-]*){0,4})`),
		regexp.MustCompile(`[Nn]ewsletter\b[^.]{0,120}?\bfrom ((?:The |the )?\p{Lu}[\p{L}\d'’.&-]*(?: \p{Lu}[\p{L}\d'’.&-]*){0,4})`),
	}

	// Comment sections.
	commentRE = regexp.MustCompile(`\bcomments?\b|\breplies\b|\bresponses\b|\btrackbacks?\b|\byour (?:say|views|thoughts)\b|\bdiscussion\b|\bposted by\b`)

	// Calls that end a truncated article right after its text.
	moreRE = regexp.MustCompile(`^(?:read more|continue reading|read (?:the )?full (?:story|article)|full story|more)\b.{0,40}$`)
)

// Phrases that make a line chrome or a caption, matched ignoring ASCII case.
var (
	chromePhrases = []string{"your email address will not be published", "required fields are marked", "to reduce spam", "comment data is processed",
		"all rights reserved", "this material may not be published", "this material may not be reproduced",
		"uses cookies", "use cookies", "terms of use", "terms of service", "terms and conditions", "privacy policy",
		"cookie policy", "cookie settings", "cookie preferences", "javascript is disabled", "javascript disabled",
		"javascript is required", "javascript required", "enable javascript", "click here to",
		"sign up for our", "sign up for the", "sign up to our", "sign up to the", "subscribe to our", "subscribe to the",
		"newsletter", "follow us on", "like us on facebook", "share this article", "share this story",
		"share on facebook", "share on twitter", "please support", "please donate", "you can support", "you can donate",
		"help us support", "make a donation", "make a contribution", "report abuse", "report this comment",
		"comments are closed", "comments are moderated", "copyright ©", "you must be logged in", "you need to be logged in"}
	chromeRegexKeys = []string{"by continuing", "by using", "inbox", "mailbox", "©", "(c)", "copyright"}

	captionPhrases = []string{"file photo", "file picture", "file image", "getty images", "ap photo", "photo by", "photos by",
		"image by", "images by", "picture by", "pictures by", "photo courtesy", "image courtesy", "picture courtesy",
		"photo credit", "photo: ", "(photo:", " photo)", " photos)", " picture)", " image)", "screenshot:", "(screenshot", "(photograph:", "pictured", "seen here", " is seen in ", " is seen at ",
		" is seen during ", " is seen on ", " are seen in ", " are seen at ", " are seen during ", " are seen on "}
	// captionMarks are what a caption puts in parentheses to point at a
	// person in the picture: "(L)", "(left)", "(from left)".
	captionMarks = map[string]bool{"l": true, "r": true, "c": true, "left": true, "right": true, "center": true,
		"centre": true, "top": true, "bottom": true, "front": true, "back": true, "inset": true, "l-r": true,
		"r-l": true, "from l": true, "from left": true, "second left": true, "second right": true}
	captionAgencies = []string{"reuters", "afp", "epa", "ap", "getty", "pa"}
)

// Keywords without one of which paginateRE (besides digits) and commentRE
// cannot match.
var (
	pageKeys    = []string{"next", "prev", "page"}
	commentKeys = []string{"comment", "repl", "respons", "trackback", "your ", "discussion", "posted by"}
)

// isChromeText reports whether the wording of s marks it as page furniture
// whatever its length.
func isChromeText(lower string) bool {
	if hasAny(lower, chromePhrases) {
		return true
	}
	return hasAny(lower, chromeRegexKeys) && chromeAnyRE.MatchString(lower)
}

// isCaptionText reports whether a line, given in lower case, reads as a
// photo caption or credit.
func isCaptionText(s string) bool {
	if hasAny(s, captionPhrases) {
		return true
	}
	for rest := s; ; {
		i := strings.IndexByte(rest, '(')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		j := strings.IndexByte(rest, ')')
		if j < 0 {
			break
		}
		if j <= 12 && captionMarks[rest[:j]] {
			return true
		}
	}
	if len(s) > 0 && strings.IndexByte("piabtm", s[0]) >= 0 {
		if captionStartRE.MatchString(s[:min(len(s), 24)]) {
			return true
		}
	}
	return strings.IndexByte(s, '/') >= 0 && hasAny(s, captionAgencies) && captionAgencyRE.MatchString(s)
}

// inlineLinkPrefixes open a line that links to another article.
var inlineLinkPrefixes = []string{"read more:", "read also:", "also read:", "see also:", "related:", "more:", "recommended:", "watch:", "listen:"}

// hasPrefixAny reports whether s starts with one of prefixes.
func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// hasAny reports whether s contains one of keys.
func hasAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// Words an outlet pattern may capture that are not outlet names.
var notOutlet = map[string]bool{
	"Us": true, "Our": true, "Independent": true, "Journalism": true, "Local": true, "All": true,
	"Reserved": true, "Rights": true, "Free": true, "Quality": true, "Me": true, "This": true,
}

// shortWords is the longest line (in words) the short-line patterns apply to.
const shortWords = 12

// classify returns what the patterns say about l.
func classify(l *plainLine) lineKind {
	s, lower := l.text, l.lower
	short := l.words <= shortWords
	switch {
	case short && (strings.ContainsAny(lower, "0123456789") || hasAny(lower, pageKeys)) && paginateRE.MatchString(lower):
		return kindPaginate
	case short && barrierRE.MatchString(lower):
		return kindBarrier
	case short && relatedRE.MatchString(lower):
		return kindRelated
	case l.words <= 40 && isChromeText(lower):
		return kindChrome
	case short && chromeShortRE.MatchString(lower):
		return kindChrome
	case l.words <= 30 && hasPrefixAny(lower, inlineLinkPrefixes):
		return kindChrome // "Read more: <headline of another article>"
	case l.words <= 60 && isCaptionText(lower):
		return kindCaption
	case short && bylineRE.MatchString(s):
		return kindByline
	}
	if l.words == 0 {
		return kindChrome // punctuation, separators, symbols
	}
	return kindNone
}

// label assigns every line its label. hint is a title given by the container,
// if any.
func (p *plainPage) label(hint string) {
	if len(p.lines) == 0 {
		return
	}
	for i := range p.lines {
		p.lines[i].label = news.LabelChrome
		p.lines[i].score = p.lines[i].contentScore()
	}
	p.region()
	if p.start < 0 {
		p.title(hint, len(p.lines))
		return
	}
	for i := p.start; i <= p.end; i++ {
		l := &p.lines[i]
		switch {
		case l.kind == kindCaption:
			l.label = news.LabelCaption
		case l.repeated || l.kind != kindNone:
			l.label = news.LabelChrome
		case l.score > 0 || p.inBody(i):
			l.label = news.LabelBody
		}
	}
	p.title(hint, p.start)
	// Captions just before the body, after the title.
	for i := p.start - 1; i >= 0 && i >= p.start-4; i-- {
		l := &p.lines[i]
		if l.label == news.LabelTitle {
			break
		}
		if l.kind == kindCaption {
			l.label = news.LabelCaption
		}
	}
}

// contentScore is the line's evidence of being article text, in words:
// positive for prose, negative for furniture.
func (l *plainLine) contentScore() float64 {
	if l.repeated {
		return -10 - float64(l.words)
	}
	switch l.kind {
	case kindChrome, kindRelated:
		return -5 - float64(l.words)/2
	case kindCaption, kindByline:
		return -2
	case kindBarrier, kindPaginate:
		return -1000
	}
	w := float64(l.words)
	sr := l.stopRatio()
	var s float64
	switch {
	case l.isProse():
		s = w
	case l.words >= 15 && sr >= 0.25:
		s = w * 0.7
	case l.words >= 6 && sr >= 0.2 && l.terminal:
		s = w * 0.5
	case l.words >= 15 && sr < 0.1:
		return -w / 2
	case l.words <= 3:
		return -3
	default:
		return -2
	}
	if !l.capStart {
		// Running text starts with a capital; comments often do not.
		s *= 0.3
	}
	return s
}

// Region scoring.
const (
	// gapGrowth makes each further line of a run of furniture cost more, so
	// that the body does not reach across long link lists to text beyond.
	gapGrowth = 0.25
	// afterDiscount scales the evidence of prose that follows the end of an
	// article (a comment heading or a post footer after the text): reader
	// comments read like prose but are not the article.
	afterDiscount = 0.1
	// afterMass is how much prose (in words) must come before such a line
	// for it to end the article.
	afterMass = 100
	// teaserRun is how many headline-and-sentence pairs in a row make a
	// list of teasers for other articles.
	teaserRun = 3
)

// region finds the body: the run of lines with the highest total score.
func (p *plainPage) region() {
	p.teasers()
	adj := make([]float64, len(p.lines))
	gap, mass := 0, 0.0
	after := false
	for i := range p.lines {
		l := &p.lines[i]
		s := l.score
		if s <= 0 {
			s *= 1 + gapGrowth*float64(gap)
			gap++
		} else {
			gap = 0
			mass += s
			if after {
				s *= afterDiscount
			}
		}
		if l.kind == kindBarrier || l.kind == kindPaginate {
			s = -1e9 // the body never crosses these
		}
		if mass >= afterMass && l.endsArticle() {
			after = true
		}
		adj[i] = s
	}
	best, sum := 0.0, 0.0
	start := 0
	for i, s := range adj {
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += s
		if sum > best {
			best, p.start, p.end = sum, start, i
		}
	}
	if best <= 0 {
		p.start, p.end = -1, -1
		return
	}
	// Start and end on a line that has evidence of its own.
	for p.start < p.end && p.lines[p.start].score <= 0 {
		p.start++
	}
	for p.end > p.start && p.lines[p.end].score <= 0 {
		p.end--
	}
}

// endsArticle reports whether, after article text, the line marks its end:
// a comment heading or form, a post footer, pagination.
func (l *plainLine) endsArticle() bool {
	switch l.kind {
	case kindBarrier, kindPaginate, kindByline:
		return true
	}
	return l.words <= 8 && hasAny(l.lower, commentKeys) && commentRE.MatchString(l.lower)
}

// isHeadlineLike reports whether l could be the headline of a teaser.
func (l *plainLine) isHeadlineLike() bool {
	return l.kind == kindNone && l.words >= 2 && l.words <= 16 && !l.terminal && l.score <= 0
}

// isListNumber reports whether l is only a number, as in a numbered list.
func (l *plainLine) isListNumber() bool {
	if l.words != 1 || len(l.text) > 4 {
		return false
	}
	for _, c := range strings.TrimRight(l.text, ".)") {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// teasers marks lists of links to other articles, each a headline followed by
// a one-paragraph summary, by taking the evidence from their summaries.
func (p *plainPage) teasers() {
	n := len(p.lines)
	for i := 0; i+1 < n; {
		j := i
		for {
			k := j
			if k < n && p.lines[k].isListNumber() {
				k++ // numbered lists of teasers
			}
			if !(k+1 < n && p.lines[k].isHeadlineLike() && p.lines[k+1].score > 0 && p.lines[k+1].words < 60 &&
				(k+2 >= n || p.lines[k+2].score <= 0)) {
				break
			}
			j = k + 2
		}
		if (j-i)/2 >= teaserRun || (j-i)/3 >= teaserRun {
			for k := i; k < j; k++ {
				l := &p.lines[k]
				if l.score > 0 {
					l.score = -l.score / 2
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// inBody reports whether a line without evidence of its own inside the body
// region reads as part of it: a subheading or short paragraph between body
// paragraphs, rather than one of a list of links.
func (p *plainPage) inBody(i int) bool {
	l := &p.lines[i]
	if l.words == 0 || l.score < -3 {
		return false
	}
	// A run of short lines is a list of links, not text.
	run := 1
	for j := i - 1; j >= p.start && p.lines[j].score <= 0; j-- {
		run++
	}
	for j := i + 1; j <= p.end && p.lines[j].score <= 0; j++ {
		run++
	}
	return run <= 2
}

// title labels the headline: the best headline-shaped line among the few
// before line index before.
func (p *plainPage) title(hint string, before int) {
	bestI, best := -1, 0.0
	lo := max(0, before-12)
	for i := lo; i < before && i < len(p.lines); i++ {
		l := &p.lines[i]
		if l.kind != kindNone || l.repeated || l.label != news.LabelChrome {
			continue
		}
		if l.words < 2 || l.words > 30 || isLinkBar(l.text) || (l.words <= 8 && datedLine.MatchString(l.text)) {
			continue // too short or long, a bar of links, or a dateline
		}
		s := 1.0
		if strings.HasSuffix(l.text, ".") {
			s -= 0.6
		}
		if l.capStart {
			s += 0.3
		}
		if l.words >= 4 {
			s += 0.5
		}
		s += l.capRatio() * 0.5
		s += 0.3 * float64(i-lo) / float64(before-lo+1) // nearer the body
		if hint != "" {
			s += 2 * wordOverlap(l.text, hint)
		}
		if s > best {
			best, bestI = s, i
		}
	}
	if bestI >= 0 && best >= 1.2 {
		p.lines[bestI].label = news.LabelTitle
	}
}

// isLinkBar reports whether s is a bar of navigation links: three or more
// items separated by "|", "·", "•" or runs of spaces.
func isLinkBar(s string) bool {
	if strings.Count(s, "|") >= 2 || strings.Count(s, "·")+strings.Count(s, "•") >= 2 {
		return true
	}
	return strings.Count(strings.TrimSpace(s), "  ") >= 2 && len(multiSpace.Split(strings.TrimSpace(s), -1)) >= 3
}

var (
	multiSpace = regexp.MustCompile(`\s{2,}`)
	// datedLine finds a full date with a year, as datelines and time stamps give.
	datedLine = regexp.MustCompile(`(?i)\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d\d\b|` +
		`\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b`)
)

// overlap is the share of a's words that occur in b.
func wordOverlap(a, b string) float64 {
	aw := strings.Fields(strings.ToLower(a))
	if len(aw) == 0 {
		return 0
	}
	bl := strings.ToLower(b)
	n := 0
	for _, w := range aw {
		if strings.Contains(bl, w) {
			n++
		}
	}
	return float64(n) / float64(len(aw))
}

// outlet returns the name the page gives itself, or "".
func (p *plainPage) outlet() string {
	for i := range p.lines {
		l := &p.lines[i]
		if l.label == news.LabelBody || l.label == news.LabelTitle {
			continue
		}
		for _, re := range outletRE {
			m := re.FindStringSubmatch(l.text)
			if m == nil {
				continue
			}
			name, _, _ := strings.Cut(m[1], ". ")
			name = strings.TrimRight(name, ".")
			first, _, _ := strings.Cut(name, " ")
			if notOutlet[first] || notOutlet[name] {
				continue
			}
			return name
		}
	}
	return ""
}

// paginated reports whether the page says it is one of several: a page k of
// n with k < n, or a link to the next page.
func (p *plainPage) paginated() bool {
	for i := range p.lines {
		l := &p.lines[i]
		if l.kind != kindPaginate {
			continue
		}
		m := pageOfRE.FindStringSubmatch(l.lower)
		if m == nil {
			lower := strings.ToLower(l.text)
			if strings.Contains(lower, "next") {
				return true
			}
			continue
		}
		k, n := plainAtoi(m[1]), plainAtoi(m[2])
		if k >= 1 && k < n {
			return true
		}
	}
	return false
}

// truncated reports whether the body stops before the article ends: a
// "Read more" call right after it, or a last paragraph cut mid-sentence.
func (p *plainPage) truncated() bool {
	if p.end < 0 {
		return false
	}
	last := -1
	for i := p.end; i >= p.start; i-- {
		if p.lines[i].label == news.LabelBody {
			last = i
			break
		}
	}
	if last < 0 {
		return false
	}
	l := &p.lines[last]
	if strings.HasSuffix(l.text, "...") || strings.HasSuffix(l.text, "…") || strings.HasSuffix(l.text, "[…]") {
		return true
	}
	if last+1 < len(p.lines) && moreRE.MatchString(p.lines[last+1].lower) {
		return true
	}
	return l.words >= 20 && !l.terminal && !strings.ContainsAny(l.text[len(l.text)-1:], "\"”’'")
}

func plainAtoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// stopWords are frequent English function words.
var plainStopWords = func() map[string]struct{} {
	m := make(map[string]struct{})
	for w := range strings.FieldsSeq(`a about above after again against all also am an and any are as at be because been
		before being below between both but by can could did do does doing down during each few for from further
		had has have having he her here hers herself him himself his how i if in into is it its itself just
		me more most my myself no nor not now of off on once only or other our ours ourselves out over own
		said same she should so some such than that the their theirs them themselves then there these they this
		those through to too under until up very was we were what when where which while who whom why will with
		would you your yours yourself yourselves says say told according since still however while where
		s t don can't won't isn't wasn't didn't doesn't`) {
		m[w] = struct{}{}
	}
	return m
}()
