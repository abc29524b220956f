package dedup

// Index finds, for each new document, an earlier one it copies. Build it
// with [New].
type Index struct {
	opts  Options
	seeds []uint64

	seq   int64 // documents added so far; slot of document n is n % Capacity
	slots []slot
	exact map[uint64]int64 // exact hash -> newest document with it
	bands map[uint64]int64 // band key -> newest document with it
}

// slot is one remembered document. next holds, per band, the previous
// document (sequence number + 1; 0 for none) with the same band key.
type slot struct {
	seq       int64 // sequence number + 1; 0 when empty
	id, rep   string
	sig       Signature
	keys      []uint64
	next      []int64
	nextExact int64
}

// New returns an empty index.
func New(opts Options) *Index {
	opts = opts.withDefaults()
	x := &Index{
		opts:  opts,
		slots: make([]slot, 0, min(opts.Capacity, 4096)),
		exact: map[uint64]int64{},
		bands: map[uint64]int64{},
	}
	x.seeds = make([]uint64, opts.Bands*opts.Rows)
	for i := range x.seeds {
		x.seeds[i] = mix(uint64(i) + 0x9e3779b97f4a7c15)
	}
	return x
}

// Match is the result of [Index.Add].
type Match struct {
	Of         string  // ID of the representative copy; "" when the document copies none
	Similarity float64 // estimated Jaccard similarity to the closest earlier copy
}

// Add signs the body of document id, looks for an earlier document it
// copies and remembers it. The representative of a group of copies is the
// first one added: a copy of a copy is reported as a copy of the first.
func (x *Index) Add(id, text string) Match {
	sig := x.Sign(text)
	m, best := Match{}, int64(0)
	if sig.Words > 0 {
		if n, ok := x.exact[sig.Exact]; ok {
			if s := x.live(n); s != nil && s.sig.Words == sig.Words {
				m, best = Match{Of: s.rep, Similarity: 1}, n
			}
		}
	}
	keys := x.bandKeys(sig)
	if best == 0 {
		seen := map[int64]bool{}
		for b, k := range keys {
			for n := x.bands[k]; n != 0; {
				s := x.live(n)
				if s == nil {
					break
				}
				if !seen[n] {
					seen[n] = true
					if sim := Similarity(sig, s.sig); sim >= x.opts.Threshold && sim > m.Similarity {
						m, best = Match{Of: s.rep, Similarity: sim}, n
					}
				}
				n = s.next[b]
			}
		}
	}
	x.remember(id, m.Of, sig, keys)
	return m
}

// Remember adds a document known to be a copy of rep ("" when it is none)
// without looking for matches, as when an index is rebuilt from stored
// placements.
func (x *Index) Remember(id, rep, text string) {
	sig := x.Sign(text)
	x.remember(id, rep, sig, x.bandKeys(sig))
}

func (x *Index) bandKeys(sig Signature) []uint64 {
	if len(sig.Min) == 0 {
		return nil
	}
	r := x.opts.Rows
	keys := make([]uint64, x.opts.Bands)
	for b := range keys {
		k := mix(uint64(b) + 1)
		for _, v := range sig.Min[b*r : (b+1)*r] {
			k = mix(k ^ uint64(v))
		}
		keys[b] = k
	}
	return keys
}

// live returns the slot of document n (sequence number + 1) if it is still
// remembered.
func (x *Index) live(n int64) *slot {
	if n <= 0 {
		return nil
	}
	i := int((n - 1) % int64(x.opts.Capacity))
	if i >= len(x.slots) || x.slots[i].seq != n {
		return nil
	}
	return &x.slots[i]
}

func (x *Index) remember(id, rep string, sig Signature, keys []uint64) {
	if rep == "" {
		rep = id
	}
	x.seq++
	n := x.seq
	i := int((n - 1) % int64(x.opts.Capacity))
	if i == len(x.slots) {
		x.slots = append(x.slots, slot{})
	} else {
		x.forget(i)
	}
	s := &x.slots[i]
	*s = slot{seq: n, id: id, rep: rep, sig: sig, keys: keys, next: make([]int64, len(keys))}
	for b, k := range keys {
		s.next[b] = x.bands[k]
		x.bands[k] = n
	}
	if sig.Words > 0 {
		s.nextExact = x.exact[sig.Exact]
		x.exact[sig.Exact] = n
	}
}

// forget drops the document in slot i from the maps where it is still the
// newest entry; older chains end at it by the sequence check in live.
func (x *Index) forget(i int) {
	s := &x.slots[i]
	for _, k := range s.keys {
		if x.bands[k] == s.seq {
			delete(x.bands, k)
		}
	}
	if s.sig.Words > 0 && x.exact[s.sig.Exact] == s.seq {
		delete(x.exact, s.sig.Exact)
	}
}

// Len returns how many documents the index remembers.
func (x *Index) Len() int { return len(x.slots) }
