package clean

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/news"
)

// Where a publication date came from ([news.Cleaned.PublishedFrom]).
const (
	FromUser     = "user"      // the container: a JSON Lines field, a feed item's date
	FromHTMLMeta = "html-meta" // the page's metadata (meta tags, JSON-LD, trafilatura)
	FromDateline = "dateline"  // a date line of a plain-text page ("Published: …", a dateline)
	FromURL      = "url"       // a date in the article URL ("/2015/11/02/")
	FromFilename = "filename"  // a date in the file name ("2026-03-04-solvent-spill.txt")
)

const monthPat = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	// dateMDY: "Nov. 02 2015", "November 2, 2015".
	dateMDY = regexp.MustCompile(`(?i)\b` + monthPat + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// dateDMY: "2 November 2015", "02 Nov 2015".
	dateDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPat + `,?\s+(\d{4})\b`)
	// dateNum: "11/2/2015", "19/01/2008", "01.09.2008": month first unless
	// the first number cannot be a month.
	dateNum = regexp.MustCompile(`\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b`)
	// dateISO: "2015-11-02", "2015/11/02".
	dateISO = regexp.MustCompile(`\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)\b`)
	// clockUTC: a time of day in UTC right after the date.
	clockUTC = regexp.MustCompile(`(?i)^[,\s|]*(?:at\s+)?(\d{1,2}):(\d\d)\s*(GMT|UTC|Z)\b`)
	// urlDate: "/2015/11/02/", "/2015-11-02", "/20151102/".
	urlDate = regexp.MustCompile(`/((?:19|20)\d\d)[/-]?(\d\d)[/-]?(\d\d)(?:[/_.-]|$)`)
	// fileDate: a file name opening with a date: "2026-03-04-spill.txt", "20260304_spill".
	fileDate = regexp.MustCompile(`^((?:19|20)\d\d)[-_]?(\d\d)[-_]?(\d\d)(?:[-_. ]|$)`)
)

// publishedCue opens a line that states when the article was published.
var publishedCue = regexp.MustCompile(`(?i)^\W*(published|posted|first published|date|dated|released|issued)\b[\s:]*(on\s+)?`)

// notPublished marks dates that are not the publication date.
var notPublished = regexp.MustCompile(`(?i)\b(updated|modified|edited|revised|©|copyright|accessed|retrieved|born|died)\b`)

var monthNums = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// findDate returns the first date written in s (month names or ISO), its
// byte range, and a time of day when one in UTC follows it.
func findDate(s string) (time.Time, int, int, bool) {
	best, bi, bj := time.Time{}, -1, -1
	try := func(re *regexp.Regexp, order string) {
		m := re.FindStringSubmatchIndex(s)
		if m == nil || bi >= 0 && m[0] >= bi {
			return
		}
		g := func(k int) string { return s[m[2*k]:m[2*k+1]] }
		var y, mo, d int
		switch order {
		case "mdy":
			mo, d, y = monthNums[strings.ToLower(g(1))[:3]], atoi(g(2)), atoi(g(3))
		case "dmy":
			d, mo, y = atoi(g(1)), monthNums[strings.ToLower(g(2))[:3]], atoi(g(3))
		case "num":
			mo, d, y = atoi(g(1)), atoi(g(2)), atoi(g(3))
			if mo > 12 {
				mo, d = d, mo
			}
		default:
			y, mo, d = atoi(g(1)), atoi(g(2)), atoi(g(3))
		}
		t, ok := mkDate(y, mo, d)
		if !ok {
			return
		}
		best, bi, bj = t, m[0], m[1]
	}
	try(dateMDY, "mdy")
	try(dateDMY, "dmy")
	try(dateISO, "ymd")
	try(dateNum, "num")
	if bi < 0 {
		return time.Time{}, 0, 0, false
	}
	if c := clockUTC.FindStringSubmatch(s[bj:]); c != nil {
		h, mi := atoi(c[1]), atoi(c[2])
		if h < 24 && mi < 60 {
			best = best.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute)
			bj += len(c[0])
		}
	}
	return best, bi, bj, true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// mkDate returns the date y-m-d at midnight UTC if it exists.
func mkDate(y, m, d int) (time.Time, bool) {
	if y < 1000 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// maxDateLine is the longest line read as a date line unless it opens with
// a cue such as "Published".
const maxDateLine = 120

// dateWindow is how many lines before the headline a date line may stand
// (pages often show today's date in their header, further up).
const dateWindow = 12

// DateLine returns the publication date a plain-text page states in its
// own lines: a line opening with "Published", "Posted" or "Date", a line
// that is mostly a date ("Nov. 02 2015", "2 November 2015 14:05 GMT",
// "By Jane Roe | March 4, 2026"), or a dateline opening the first body line
// ("MOSCOW, Nov. 2, 2015 (Reuters) -"). Dates of updates, copyright lines
// and dates inside the body's prose are not publication dates. Of the date
// lines near the headline (a few lines before it, those between it and the
// body, the first body lines, a cued line just after the body), the one
// nearest the headline wins, a cued one first, one after the headline
// before one above it.
func DateLine(lines []news.Line) (time.Time, bool) {
	anchor, firstBody, lastBody := -1, -1, -1
	for i, l := range lines {
		switch l.Label {
		case news.LabelTitle:
			anchor = i
		case news.LabelBody:
			if firstBody < 0 {
				firstBody = i
			}
			lastBody = i
		}
	}
	if anchor < 0 {
		anchor = max(firstBody, 0)
	}
	lo := anchor
	if firstBody >= 0 {
		lo = min(lo, firstBody)
	}
	// A cue on many lines ("Posted by: reader | date") marks comments.
	cues := map[string]int{}
	for _, l := range lines {
		if m := publishedCue.FindString(l.Text); m != "" {
			cues[strings.ToLower(strings.TrimSpace(m))]++
		}
	}
	best, bestScore := time.Time{}, 1<<30
	for i, l := range lines {
		if i > lastBody+5 && lastBody >= 0 {
			continue
		}
		cue := publishedCue.FindString(l.Text)
		if cue != "" && cues[strings.ToLower(strings.TrimSpace(cue))] >= 3 {
			continue
		}
		cued := cue != ""
		if i < lo-dateWindow && !cued {
			continue
		}
		inBody := l.Label == news.LabelBody
		if inBody && i > firstBody+2 || i > lastBody && lastBody >= 0 && !cued {
			continue
		}
		t, a, b, ok := findDate(l.Text)
		if !ok || notPublished.MatchString(l.Text[:a]) {
			continue
		}
		rest := len(l.Text) - (b - a)
		switch {
		case cued && len(l.Text) <= 2*maxDateLine:
		case inBody && i == firstBody && a < 40 && isDateline(l.Text[:a]):
		case !inBody && len(l.Text) <= maxDateLine && rest <= 60:
		default:
			continue
		}
		score := distance(i, anchor)
		if firstBody >= 0 {
			score = min(score, distance(i, firstBody))
		}
		if cued {
			score -= 8
		}
		if score < bestScore {
			best, bestScore = t, score
		}
	}
	return best, !best.IsZero()
}

// distance is how far line i stands from line anchor, lines above it
// counting double: a page's date line follows its headline more often than
// it precedes it.
func distance(i, anchor int) int {
	if i < anchor {
		return 2 * (anchor - i)
	}
	return i - anchor
}

// isDateline reports whether s, the text before a date at the start of a
// body line, is a dateline's place: upper-case words and a comma.
func isDateline(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ",") {
		return false
	}
	s = strings.TrimSuffix(s, ",")
	if s == "" || len(s) > 35 {
		return false
	}
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

// URLDate returns a date written in a URL's path ("/2015/11/02/").
func URLDate(u string) (time.Time, bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[i:]
	} else {
		return time.Time{}, false
	}
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, false
	}
	return mkDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
}

// FileDate returns the date a file name opens with ("2026-03-04-spill.txt").
// source may be a path with "#record" suffixes.
func FileDate(source string) (time.Time, bool) {
	if i := strings.IndexByte(source, '#'); i >= 0 {
		source = source[:i]
	}
	m := fileDate.FindStringSubmatch(path.Base(strings.ReplaceAll(source, "\\", "/")))
	if m == nil {
		return time.Time{}, false
	}
	return mkDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
}

// published sets c's publication date and its source from, in order: the
// user's (the container's) date, the page's HTML metadata (already in c
// for HTML), the page's own date lines (plain text), the URL and the file
// name. Implausible dates (before 1990, after the fetch) are skipped.
func published(c *news.Cleaned, raw news.RawArticle, opts Options) {
	limit := opts.Now
	if limit.IsZero() {
		limit = raw.Fetched
	}
	htmlDate, htmlFrom := c.Published, c.PublishedFrom
	c.Published, c.PublishedFrom = time.Time{}, ""
	set := func(t time.Time, from string) bool {
		if !plausibleDate(t, limit) {
			return false
		}
		c.Published, c.PublishedFrom = t, from
		return true
	}
	if set(raw.Published, FromUser) {
		return
	}
	if htmlFrom == FromHTMLMeta && set(htmlDate, FromHTMLMeta) {
		return
	}
	if t, ok := DateLine(c.Lines); ok && set(t, FromDateline) {
		return
	}
	u := raw.URL
	if u == "" && strings.Contains(raw.Source, "://") {
		u = raw.Source
	}
	if t, ok := URLDate(u); ok && set(t, FromURL) {
		return
	}
	if raw.Format == news.FormatText || raw.Format == news.FormatHTML {
		if t, ok := FileDate(raw.Source); ok && set(t, FromFilename) {
			return
		}
	}
}
