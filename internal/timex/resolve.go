package timex

import (
	"fmt"
	"time"
)

// Directions in which a relative expression is resolved.
const (
	past    = -1
	nearest = 0
	future  = 1
)

// anchor is the document creation time a sentence's expressions resolve
// against, and the tense of that sentence.
type anchor struct {
	dct       time.Time // publication date at midnight UTC; zero when unknown
	known     bool
	dir       int  // past, nearest or future: the tense of the sentence
	quarterly bool // the document speaks of quarters (financial results)
}

func refFor(off int) string {
	switch {
	case off < 0:
		return "PAST_REF"
	case off > 0:
		return "FUTURE_REF"
	}
	return "PRESENT_REF"
}

func fmtDay(t time.Time) string { return t.Format("2006-01-02") }

func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func fmtMonth(y, m int) string {
	if y == 0 {
		return fmt.Sprintf("XXXX-%02d", m)
	}
	return fmt.Sprintf("%04d-%02d", y, m)
}

func fmtDate(y, m, d int) string {
	if y == 0 {
		return fmt.Sprintf("XXXX-%02d-%02d", m, d)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// day returns the date off days from the DCT.
func (a anchor) day(off int) string {
	if !a.known {
		return refFor(off)
	}
	return fmtDay(a.dct.AddDate(0, 0, off))
}

// week returns the ISO week off weeks from the DCT's.
func (a anchor) week(off int) string {
	if !a.known {
		return refFor(off)
	}
	return fmtWeek(a.dct.AddDate(0, 0, 7*off))
}

// month returns the month off months from the DCT's.
func (a anchor) month(off int) string {
	if !a.known {
		return refFor(off)
	}
	t := time.Date(a.dct.Year(), a.dct.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
	return fmtMonth(t.Year(), int(t.Month()))
}

// year returns the year off years from the DCT's.
func (a anchor) year(off int) string {
	if !a.known {
		return refFor(off)
	}
	return fmt.Sprintf("%04d", a.dct.Year()+off)
}

// decade returns the decade off decades from the DCT's ("199").
func (a anchor) decade(off int) string {
	if !a.known {
		return refFor(off)
	}
	return fmt.Sprintf("%03d", a.dct.Year()/10+off)
}

// century returns the century off centuries from the DCT's ("20").
func (a anchor) century(off int) string {
	if !a.known {
		return refFor(off)
	}
	return fmt.Sprintf("%02d", a.dct.Year()/100+off)
}

// quarter returns the quarter off quarters from the DCT's.
func (a anchor) quarter(off int) string {
	if !a.known {
		return refFor(off)
	}
	q := a.dct.Year()*4 + (int(a.dct.Month())-1)/3 + off
	return fmt.Sprintf("%04d-Q%d", q/4, q%4+1)
}

// unitAgo returns the date n units before (n < 0: after) the DCT, at the
// granularity of the unit.
func (a anchor) unitAgo(unit string, n int) string {
	if !a.known {
		return refFor(-n)
	}
	switch unit {
	case "S", "MIN", "H":
		t := a.dct
		if a.dct.Hour() == 0 && a.dct.Minute() == 0 {
			return a.day(0)
		}
		switch unit {
		case "H":
			t = t.Add(-time.Duration(n) * time.Hour)
			return t.Format("2006-01-02T15")
		default:
			t = t.Add(-time.Duration(n) * time.Minute)
			return t.Format("2006-01-02T15:04")
		}
	case "D":
		return a.day(-n)
	case "W", "WE":
		return a.week(-n)
	case "FN":
		return a.week(-2 * n)
	case "M":
		return a.month(-n)
	case "Q":
		return a.quarter(-n)
	case "Y":
		return a.year(-n)
	case "DE":
		return a.decade(-n)
	case "CE":
		return a.century(-n)
	}
	return refFor(-n)
}

// monthYear returns the year of month mon (and day, 0 when not given)
// named without a year: rel is "last", "next", "this" or "" (by the tense).
// It returns 0 when the DCT is unknown.
func (a anchor) monthYear(mon, day int, rel string) int {
	if !a.known {
		return 0
	}
	y, cm, cd := a.dct.Year(), int(a.dct.Month()), a.dct.Day()
	switch rel {
	case "this":
		return y
	case "last", "past":
		if mon >= cm {
			return y - 1
		}
		return y
	case "next", "coming":
		if mon <= cm {
			return y + 1
		}
		return y
	}
	// The nearest occurrence, unless the tense of the sentence points the
	// other way and the nearest lies well on the wrong side of the DCT.
	here := time.Date(y, time.Month(mon), max(day, 1), 0, 0, 0, 0, time.UTC)
	dct := time.Date(y, time.Month(cm), cd, 0, 0, 0, 0, time.UTC)
	diff := here.Sub(dct).Hours() / 24
	switch {
	case diff > 183:
		y--
		diff -= 365
	case diff < -183:
		y++
		diff += 365
	}
	switch {
	case a.dir == past && diff > pastSlack:
		y--
	case a.dir == future && diff < -futureSlack:
		y++
	}
	return y
}

// How far the nearest occurrence of a month or date may lie on the other
// side of the DCT than the sentence's tense says before the other year is
// chosen, in days: reported speech ("said") often announces what is to come.
const (
	pastSlack   = 92
	futureSlack = 31
)

// weekday returns the date of ISO weekday wd (1 Monday .. 7 Sunday) named
// without a date: rel is "last", "next", "this" or "" (by the tense).
func (a anchor) weekday(wd int, rel string) string {
	if !a.known {
		return fmt.Sprintf("XXXX-WXX-%d", wd)
	}
	cur := int(a.dct.Weekday())
	if cur == 0 {
		cur = 7
	}
	back := (cur - wd + 7) % 7 // days back to the latest wd on or before the DCT
	fwd := (wd - cur + 7) % 7  // days on to the next wd on or after it
	switch rel {
	case "last", "past":
		if back == 0 {
			back = 7
		}
		return a.day(-back)
	case "next", "coming":
		if fwd == 0 {
			fwd = 7
		}
		return a.day(fwd)
	case "this":
		return a.day(wd - cur)
	}
	switch a.dir {
	case future:
		return a.day(fwd)
	case past:
		return a.day(-back)
	}
	// No tense: news mostly reports what happened; only a day at most two
	// days ahead, and nearer than the last one, is the next.
	if fwd < back && fwd <= 2 {
		return a.day(fwd)
	}
	return a.day(-back)
}

// season returns the value of a season named without a year.
func (a anchor) season(code, rel string) string {
	if !a.known {
		switch rel {
		case "last", "past":
			return "PAST_REF"
		case "next", "coming":
			return "FUTURE_REF"
		}
		return "XXXX-" + code
	}
	idx := map[string]int{"WI": 0, "SP": 1, "SU": 2, "FA": 3}[code]
	m := int(a.dct.Month())
	cur := []int{0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4}[m-1] // December is next winter
	y := a.dct.Year()
	if cur == 0 && code == "WI" {
		y-- // January and February belong to the winter that began in December
		cur = 4
	}
	off := 0
	switch rel {
	case "last", "past":
		if idx >= cur {
			off = -1
		}
	case "next", "coming":
		if idx <= cur {
			off = 1
		}
	case "this":
	default:
		if a.dir == past && idx > cur {
			off = -1
		} else if a.dir == future && idx < cur {
			off = 1
		}
	}
	return fmt.Sprintf("%04d-%s", y+off, code)
}
