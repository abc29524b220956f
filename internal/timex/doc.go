// Package timex finds time expressions in article text and normalises each
// to a TIMEX3 value (TempEval-3 conventions), resolving relative ones ("on
// Wednesday", "last month", "two years ago") against the document creation
// time, the publication date, and the tense of their sentence.
//
// The finder is a hand-written grammar over word tokens: dates ("Sept. 30",
// "Nov. 2, 2015", "2 November 2015", "2015-11-02"), times ("2:30 p.m.",
// "Friday morning", "noon"), durations ("three days", "the past two
// years"), sets ("every year", "each Monday") and vague references ("now",
// "recently", "the future"). When the publication date is unknown, relative
// expressions get underspecified values ("XXXX-09", "XXXX-WXX-3",
// "PAST_REF") rather than an invented date.
//
// The package is pure: no goroutines, no I/O, no logging.
package timex
