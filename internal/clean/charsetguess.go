package clean

// readsAsWindows1252 reports whether every byte of b at or above 0x80 reads
// as Windows-1252 text in its context: a letter inside a word that also has
// ASCII letters (an upper-case one only at the start of a word or inside an
// upper-case word), or typographic punctuation (quotes, dashes, ellipsis, a
// currency or degree sign, a no-break space) not jammed against other such
// bytes. Bytes undefined in Windows-1252, letters standing alone or inside
// runs of such bytes, and letters of the rare Icelandic and symbol range
// (ð, þ, ÿ, ×, ÷) are damage rather than a charset.
func readsAsWindows1252(b []byte) bool {
	for i, c := range b {
		if c < 0x80 {
			continue
		}
		switch cp1252Class(c) {
		case cpLetter:
			if !latinInWord(b, i) {
				return false
			}
		case cpPunct:
			if i > 0 && i+1 < len(b) && b[i-1] >= 0x80 && b[i+1] >= 0x80 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Classes of Windows-1252 bytes at or above 0x80.
const (
	cpOther = iota
	cpLetter
	cpPunct
)

func cp1252Class(c byte) int {
	switch {
	case c == 0xD0, c == 0xDE, c == 0xF0, c == 0xFE, c == 0xFF, c == 0xD7, c == 0xF7:
		return cpOther
	case c >= 0xC0:
		return cpLetter
	case c == 0x8A, c == 0x8C, c == 0x8E, c == 0x9A, c == 0x9C, c == 0x9E, c == 0x9F:
		return cpLetter // Š Œ Ž š œ ž Ÿ
	case c == 0x80, c == 0x82, c == 0x84, c == 0x85, c == 0x86, c == 0x87, c == 0x89, c == 0x8B,
		c >= 0x91 && c <= 0x97, c == 0x99, c == 0x9B, c >= 0xA0:
		return cpPunct
	}
	return cpOther // undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) and rare marks
}

// latinInWord reports whether the letter byte at b[i] sits in a word that has
// ASCII letters, and, when it is an upper-case letter, either opens the word
// or stands in an upper-case word.
func latinInWord(b []byte, i int) bool {
	isLetter := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 && cp1252Class(c) == cpLetter
	}
	lo, hi := i, i+1
	for lo > 0 && isLetter(b[lo-1]) {
		lo--
	}
	for hi < len(b) && isLetter(b[hi]) {
		hi++
	}
	ascii, lower := 0, 0
	for _, c := range b[lo:hi] {
		if c < 0x80 {
			ascii++
			if c >= 'a' && c <= 'z' {
				lower++
			}
		}
	}
	if ascii == 0 {
		return false
	}
	upper := b[i] >= 0xC0 && b[i] <= 0xDE || b[i] == 0x8A || b[i] == 0x8C || b[i] == 0x8E || b[i] == 0x9F
	return !upper || i == lo || lower == 0
}
