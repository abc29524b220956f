package dedup

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// Options configures an [Index]. A zero field means its documented default.
type Options struct {
	Shingle   int     // words per shingle; default 5
	Bands     int     // LSH bands; default 20
	Rows      int     // MinHash values per band; default 5 (Bands×Rows hash functions)
	Threshold float64 // least estimated Jaccard similarity of a near-duplicate; default 0.7
	MinWords  int     // bodies with fewer words are matched exactly only; default 20
	Capacity  int     // documents remembered (about 1 KB each); default 50,000
}

func (o Options) withDefaults() Options {
	if o.Shingle <= 0 {
		o.Shingle = 5
	}
	if o.Bands <= 0 {
		o.Bands = 20
	}
	if o.Rows <= 0 {
		o.Rows = 5
	}
	if o.Threshold <= 0 {
		o.Threshold = 0.7
	}
	if o.MinWords <= 0 {
		o.MinWords = 20
	}
	if o.Capacity <= 0 {
		o.Capacity = 50_000
	}
	return o
}

// Signature is what an [Index] keeps of a document: a hash of its normalised
// words and its MinHash values (nil when the body is too short).
type Signature struct {
	Exact uint64
	Words int
	Min   []uint32
}

// Similarity estimates the Jaccard similarity of the shingle sets of two
// signed bodies: 1 for exact copies, the share of equal MinHash values
// otherwise, 0 when either has none.
func Similarity(a, b Signature) float64 {
	if a.Words > 0 && a.Exact == b.Exact && a.Words == b.Words {
		return 1
	}
	if len(a.Min) == 0 || len(a.Min) != len(b.Min) {
		return 0
	}
	eq := 0
	for i, v := range a.Min {
		if b.Min[i] == v {
			eq++
		}
	}
	return float64(eq) / float64(len(a.Min))
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// words calls fn with the FNV-1a hash of each word of text: a maximal run
// of letters and digits, lower-cased.
func words(text string, fn func(h uint64)) {
	h, in := uint64(fnvOffset), false
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for ; r > 0; r >>= 8 {
				h ^= uint64(r & 0xff)
				h *= fnvPrime
			}
			in = true
			continue
		}
		if in {
			fn(h)
			h, in = fnvOffset, false
		}
	}
	if in {
		fn(h)
	}
}

// mix is SplitMix64's finaliser: a cheap, well-spread 64-bit permutation.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Sign computes the signature of a body with the index's options.
func (x *Index) Sign(text string) Signature {
	o := x.opts
	var s Signature
	k := o.Shingle
	ring := make([]uint64, k)
	exact := uint64(fnvOffset)
	var mins []uint32
	if x.seeds != nil {
		mins = make([]uint32, len(x.seeds))
		for i := range mins {
			mins[i] = math.MaxUint32
		}
	}
	words(text, func(h uint64) {
		exact = mix(exact ^ h)
		ring[s.Words%k] = h
		s.Words++
		if s.Words < k {
			return
		}
		sh := uint64(0)
		for j := range k { // the shingle's words in order
			sh = mix(sh ^ ring[(s.Words+j)%k])
		}
		for i, seed := range x.seeds {
			if v := uint32(mix(sh ^ seed)); v < mins[i] {
				mins[i] = v
			}
		}
	})
	s.Exact = exact
	if s.Words >= o.MinWords {
		s.Min = mins
	}
	return s
}
