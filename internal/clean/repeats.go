package clean

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Repeats counts, per site group, in how many distinct documents each line
// occurs. A line that recurs across several different articles of one site is
// page furniture (a donation appeal, a newsletter blurb, a footer) even when it
// reads like prose; [Plain] labels it chrome.
//
// The rule, and its guards:
//   - Lines are normalised (lower case, runs of letters and digits separated
//     by one space) and only lines of at least [repeatMinWords] words count;
//     shorter lines are judged by the other rules.
//   - A document whose [repeatKeyLines] longest lines all occur in documents
//     already added to the group is a copy (syndicated, or fetched twice) and
//     is not counted again, so identical articles never turn each other's
//     bodies into chrome. Looking at several long lines rather than one keeps
//     a long appeal repeated on every page from making new articles look like
//     copies.
//   - A line is repeated when at least [RepeatMinDocs] distinct documents of
//     the group contain it.
//
// Memory is bounded: lines are kept as 64-bit hashes, and each group keeps at
// most [repeatMaxLines] of them, and all groups together at most
// [repeatMaxTotal] (further new lines are not tracked), so the index stays
// bounded whatever the size of the corpus.
//
// Add is not safe for concurrent use. Build the index first (one goroutine),
// then share it: once building is over, Count and [Plain] only read it and may
// be called from any number of goroutines.
type Repeats struct {
	groups map[string]*repeatGroup
	total  int // lines tracked over all groups
}

type repeatGroup struct {
	lines map[uint64]uint32
}

const (
	// RepeatMinDocs is the number of distinct documents of a group a line
	// must occur in to count as repeated.
	RepeatMinDocs  = 3
	repeatMinWords = 4
	repeatMaxLines = 1 << 17
	repeatMaxTotal = 1 << 20 // about 40 MB of index, whatever the corpus size
	repeatKeyLines = 3
)

// NewRepeats returns an empty index.
func NewRepeats() *Repeats { return &Repeats{groups: make(map[string]*repeatGroup)} }

// Add records the distinct lines of one document of group. raw is the
// document as given to [Plain] (UTF-8 text, one block a line).
func (r *Repeats) Add(group string, raw []byte) {
	type keyLine struct {
		h   uint64
		len int
	}
	var (
		seen = make(map[uint64]struct{})
		keys [repeatKeyLines]keyLine // the longest lines, longest first
		buf  []byte
	)
	for len(raw) > 0 {
		before, after, ok := bytes.Cut(raw, []byte{'\n'})
		var ln []byte
		if !ok {
			ln, raw = raw, nil
		} else {
			ln, raw = before, after
		}
		var words int
		buf, words = normLine(buf[:0], string(ln))
		if words < repeatMinWords {
			continue
		}
		h := hash64(buf)
		if _, ok := seen[h]; ok {
			continue
		}
		seen[h] = struct{}{}
		k := keyLine{h, len(buf)}
		for j := range keys {
			if k.len > keys[j].len {
				keys[j], k = k, keys[j]
			}
		}
	}
	if len(seen) == 0 {
		return
	}
	g := r.groups[group]
	if g == nil {
		g = &repeatGroup{lines: make(map[uint64]uint32)}
		r.groups[group] = g
	}
	copied := true
	for _, k := range keys {
		if k.len == 0 {
			continue
		}
		if _, ok := g.lines[k.h]; !ok {
			copied = false
		}
	}
	if copied {
		return
	}
	for h := range seen {
		if c, ok := g.lines[h]; ok {
			g.lines[h] = c + 1
		} else if len(g.lines) < repeatMaxLines && r.total < repeatMaxTotal {
			g.lines[h] = 1
			r.total++
		}
	}
}

// Count returns the number of distinct documents of group that contain line
// (after normalisation), or 0 when the line is too short to be tracked. It is
// safe to call on a nil *Repeats.
func (r *Repeats) Count(group, line string) int {
	if r == nil {
		return 0
	}
	var arr [256]byte
	b, words := normLine(arr[:0], line)
	return r.count(group, b, words)
}

func (r *Repeats) count(group string, norm []byte, words int) int {
	if r == nil || words < repeatMinWords {
		return 0
	}
	g := r.groups[group]
	if g == nil {
		return 0
	}
	return int(g.lines[hash64(norm)])
}

// normLine appends to dst the normalised form of line: lower-case runs of
// letters and digits separated by single spaces. It returns the result and
// the number of words.
func normLine(dst []byte, line string) ([]byte, int) {
	words := 0
	in := false
	for len(line) > 0 {
		c := line[0]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
			if 'A' <= c && c <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r, size = utf8.DecodeRuneInString(line)
			r = unicode.ToLower(r)
		}
		line = line[size:]
		if isWordRune(r) {
			if !in {
				if words > 0 {
					dst = append(dst, ' ')
				}
				words++
				in = true
			}
			dst = utf8.AppendRune(dst, r)
		} else {
			in = false
		}
	}
	return dst, words
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// hash64 is 64-bit FNV-1a.
func hash64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
