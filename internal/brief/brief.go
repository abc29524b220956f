package brief

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// Options tunes [Build]. A zero field means its default.
type Options struct {
	Words     int     // budget of the brief in words (default 100); the last sentence may cross it
	Lambda    float64 // MMR trade-off between salience and novelty (default 0.5)
	Align     float64 // clause similarity at which two sentences state the same claim (default 0.55)
	Exclusive int     // claims that only one article reports, at most this many per article (default 3)
	MaxDocs   int     // articles considered, first ones kept (default 50)
	Lead      float64 // weight of the lead-position prior in salience (default 0.5)
	Support   float64 // weight of the share of articles reporting the claim (default 0.3)
	// SentencesOnly leaves Claims and Conflicts empty (they cost as much
	// as the sentences: a caller that briefs parts of a storyline needs
	// them only once, for the whole).
	SentencesOnly bool
}

func (o *Options) defaults() {
	if o.Words <= 0 {
		o.Words = 100
	}
	if o.Lambda == 0 {
		o.Lambda = 0.5
	}
	if o.Align == 0 {
		o.Align = 0.55
	}
	if o.Exclusive == 0 {
		o.Exclusive = 3
	}
	if o.MaxDocs == 0 {
		o.MaxDocs = 50
	}
	if o.Lead == 0 {
		o.Lead = 0.5
	}
	if o.Support == 0 {
		o.Support = 0.3
	}
}

// Limits of what a sentence may be to enter a brief or a claim.
const (
	minWords      = 6
	maxSentences  = 200 // per article
	leadPositions = 5   // the lead prior fades over the first positions
	duplicate     = 0.8 // cosine at which a sentence repeats one already chosen
	maxConflicts  = 50  // conflicts reported per story
)

const maxWords = 100

// unit is one sentence of one article.
type unit struct {
	doc     int // index into docs
	pos     int // sentence number in its article
	span    news.Span
	text    string
	words   int
	tokens  []token
	vec     vector            // the sentence's content weights
	clauses []vector          // its clauses' content weights
	ok      bool              // may enter the brief: it stands alone
	group   int               // claim group (union-find root)
	numbers map[string]string // numbers by the word beside them, for conflicts
	sal     float64
}

// vector is a sparse weighted set of term ids, sorted by id.
type vector struct {
	ids  []int32
	w    []float64
	norm float64 // Euclidean
	sum  float64 // of weights
}

func (v vector) dot(u vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(v.ids) && j < len(u.ids); {
		switch {
		case v.ids[i] < u.ids[j]:
			i++
		case v.ids[i] > u.ids[j]:
			j++
		default:
			s += v.w[i] * u.w[j]
			i++
			j++
		}
	}
	return s
}

func (v vector) cosine(u vector) float64 {
	if v.norm == 0 || u.norm == 0 {
		return 0
	}
	return v.dot(u) / (v.norm * u.norm)
}

// overlap returns the weight of the terms v and u share over the smaller
// total weight, and how many terms they share.
func (v vector) overlap(u vector) (float64, int) {
	var s float64
	n := 0
	for i, j := 0, 0; i < len(v.ids) && j < len(u.ids); {
		switch {
		case v.ids[i] < u.ids[j]:
			i++
		case v.ids[i] > u.ids[j]:
			j++
		default:
			s += v.w[i]
			n++
			i++
			j++
		}
	}
	d := min(v.sum, u.sum)
	if d == 0 {
		return 0, n
	}
	return s / d, n
}

// story is the analysed input of Build.
type story struct {
	docs  []news.Doc
	units []*unit
	idf   []float64
	vocab map[string]int32
	ent   []bool // by term id: the term is an entity
	opts  Options
}

// Build returns the brief of docs, taken as articles about one story, in
// the order given (earlier articles first when positions tie).
func Build(docs []news.Doc, opts Options) news.Brief {
	opts.defaults()
	if len(docs) > opts.MaxDocs {
		docs = docs[:opts.MaxDocs]
	}
	s := analyse(docs, opts)
	s.align()
	s.salience()
	b := news.Brief{Sentences: []news.BriefSentence{}, Claims: []news.Claim{}, Conflicts: []news.Conflict{}}
	chosen := s.choose(opts.Words)
	var summary []string
	for _, u := range chosen {
		b.Sentences = append(b.Sentences, news.BriefSentence{
			Text: u.text, Doc: docs[u.doc].ID, Span: u.span, Sources: s.sources(u),
		})
		summary = append(summary, u.text)
	}
	b.Summary = strings.Join(summary, " ")
	if !opts.SentencesOnly {
		b.Claims, b.Conflicts = s.claims()
	}
	return b
}

// Lead returns the round-robin lead baseline: the first sentence of each
// article in turn, then the second of each, until the words budget.
func Lead(docs []news.Doc, words int) []string {
	var out []string
	n := 0
	for pos := 0; n < words; pos++ {
		any := false
		for _, d := range docs {
			if pos >= len(d.Sentences) {
				continue
			}
			any = true
			sp := d.Sentences[pos]
			if sp.Start < 0 || sp.End > len(d.Text) || sp.Start > sp.End {
				continue
			}
			t := strings.TrimSpace(d.Text[sp.Start:sp.End])
			out = append(out, t)
			n += countWords(t)
			if n >= words {
				break
			}
		}
		if !any {
			break
		}
	}
	return out
}

func analyse(docs []news.Doc, opts Options) *story {
	s := &story{docs: docs, vocab: map[string]int32{}, opts: opts}
	var df []int
	for di, d := range docs {
		ents := slices.Clone(d.Entities)
		slices.SortStableFunc(ents, func(a, b news.Entity) int { return cmp.Compare(a.Start, b.Start) })
		for pos, sp := range d.Sentences {
			if pos >= maxSentences {
				break
			}
			if sp.Start < 0 || sp.End > len(d.Text) || sp.Start >= sp.End {
				continue
			}
			txt := strings.TrimSpace(d.Text[sp.Start:sp.End])
			u := &unit{doc: di, pos: pos, span: sp, text: txt, words: countWords(txt)}
			u.tokens = tokenize(d.Text, sp, ents)
			seen := map[int32]bool{}
			for _, t := range u.tokens {
				if !t.content() {
					continue
				}
				id, ok := s.vocab[t.key]
				if !ok {
					id = int32(len(s.vocab))
					s.vocab[t.key] = id
					df = append(df, 0)
					s.ent = append(s.ent, t.entity != "")
				}
				if !seen[id] {
					seen[id] = true
					df[id]++
				}
			}
			u.ok = !leansOnContext(txt)
			u.group = len(s.units)
			s.units = append(s.units, u)
		}
	}
	n := float64(len(s.units))
	s.idf = make([]float64, len(df))
	for i, c := range df {
		s.idf[i] = math.Log(1 + n/float64(c))
	}
	for _, u := range s.units {
		u.vec = s.vectorOf(u.tokens, -1)
		nc := 0
		for _, t := range u.tokens {
			nc = max(nc, t.clause+1)
		}
		for c := range nc {
			if v := s.vectorOf(u.tokens, c); len(v.ids) > 0 {
				u.clauses = append(u.clauses, v)
			}
		}
	}
	return s
}

// vectorOf weighs the content tokens of one clause (or all, clause < 0).
func (s *story) vectorOf(toks []token, clause int) vector {
	tf := map[int32]float64{}
	for _, t := range toks {
		if !t.content() || clause >= 0 && t.clause != clause {
			continue
		}
		tf[s.vocab[t.key]]++
	}
	var v vector
	for id := range tf {
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	for _, id := range v.ids {
		w := (1 + math.Log(tf[id])) * s.idf[id]
		v.w = append(v.w, w)
		v.norm += w * w
		v.sum += w
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

// same returns how strongly two sentences state the same thing: the best
// weighted overlap of two of their clauses (sharing at least two terms), or
// their cosine when higher.
func (s *story) same(a, b *unit) float64 {
	best := a.vec.cosine(b.vec)
	for _, ca := range a.clauses {
		for _, cb := range b.clauses {
			o, n := ca.overlap(cb)
			if n >= 2 && o > best && s.hasPredicate(ca, cb) {
				best = o
			}
		}
	}
	return best
}

// hasPredicate reports whether two clauses share a term that is not an
// entity: two sentences naming the same people are not yet the same claim.
func (s *story) hasPredicate(a, b vector) bool {
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			if !s.isEntity(a.ids[i]) {
				return true
			}
			i++
			j++
		}
	}
	return false
}

func (s *story) isEntity(id int32) bool { return s.ent[id] }

func (s *story) find(i int) int {
	for s.units[i].group != i {
		s.units[i].group = s.units[s.units[i].group].group
		i = s.units[i].group
	}
	return i
}

// align joins sentences of different articles that state the same claim.
func (s *story) align() {
	for i, a := range s.units {
		for j := i + 1; j < len(s.units); j++ {
			b := s.units[j]
			if a.doc == b.doc || a.words < minWords || b.words < minWords {
				continue
			}
			if s.same(a, b) >= s.opts.Align {
				ri, rj := s.find(i), s.find(j)
				if ri != rj {
					s.units[max(ri, rj)].group = min(ri, rj)
				}
			}
		}
	}
	for i := range s.units {
		s.units[i].group = s.find(i)
	}
}

// groupDocs returns the articles of each claim group.
func (s *story) groupDocs() map[int][]int {
	g := map[int][]int{}
	for _, u := range s.units {
		if !slices.Contains(g[u.group], u.doc) {
			g[u.group] = append(g[u.group], u.doc)
		}
	}
	return g
}

// salience scores each sentence: centrality (cosine to the story's other
// articles), how many articles report its claim, and its position.
func (s *story) salience() {
	var centroid vector
	tf := map[int32]float64{}
	for _, u := range s.units {
		for k, id := range u.vec.ids {
			tf[id] += u.vec.w[k] / max(u.vec.norm, 1e-9)
		}
	}
	for id := range tf {
		centroid.ids = append(centroid.ids, id)
	}
	slices.Sort(centroid.ids)
	for _, id := range centroid.ids {
		centroid.w = append(centroid.w, tf[id])
		centroid.norm += tf[id] * tf[id]
	}
	centroid.norm = math.Sqrt(centroid.norm)
	groups := s.groupDocs()
	for _, u := range s.units {
		// Centrality: how much the other articles say what u says; the
		// centroid of the story when there is no other article.
		c := u.vec.cosine(centroid)
		if len(s.docs) > 1 {
			var sum float64
			for _, v := range s.units {
				if v.doc != u.doc {
					sum += u.vec.cosine(v.vec)
				}
			}
			c = sum / math.Sqrt(float64(len(s.units)))
		}
		support := float64(len(groups[u.group])-1) / float64(max(len(s.docs)-1, 1))
		lead := 1 / (1 + float64(u.pos)/leadPositions)
		u.sal = c + s.opts.Support*support + s.opts.Lead*lead
	}
}

// choose picks sentences by maximal marginal relevance within the budget
// and puts them in reading order. Sentences that stand alone come first;
// when they run out before the budget, a sentence that leans on the one
// before it may follow that one.
func (s *story) choose(budget int) []*unit {
	var chosen []*unit
	isChosen := map[*unit]bool{}
	n := 0
	maxSal := 0.0
	for _, u := range s.units {
		maxSal = max(maxSal, u.sal)
	}
	prev := map[*unit]*unit{} // the sentence before, in the same article
	for i, u := range s.units {
		if i > 0 && s.units[i-1].doc == u.doc && s.units[i-1].pos == u.pos-1 {
			prev[u] = s.units[i-1]
		}
	}
	eligible := func(u *unit, pass int) bool {
		if isChosen[u] || u.words < minWords || u.words > maxWords {
			return false
		}
		return u.ok || pass == 1 && prev[u] != nil && isChosen[prev[u]]
	}
	for pass := range 2 {
		for n < budget {
			var best *unit
			bestScore := math.Inf(-1)
			for _, u := range s.units {
				if !eligible(u, pass) {
					continue
				}
				red := 0.0
				for _, c := range chosen {
					red = max(red, u.vec.cosine(c.vec))
				}
				if red >= duplicate || s.restates(u, chosen) {
					continue // says again what the brief says
				}
				sc := s.opts.Lambda*u.sal/max(maxSal, 1e-9) - (1-s.opts.Lambda)*red
				if sc > bestScore {
					best, bestScore = u, sc
				}
			}
			if best == nil {
				break
			}
			chosen = append(chosen, best)
			isChosen[best] = true
			n += best.words
		}
	}
	// Reading order: earlier relative positions first, then earlier
	// articles; a sentence that leans on its predecessor follows it.
	var heads []*unit
	for _, u := range chosen {
		if u.ok || prev[u] == nil || !isChosen[prev[u]] {
			heads = append(heads, u)
		}
	}
	slices.SortStableFunc(heads, func(a, b *unit) int {
		ra := float64(a.pos) / float64(max(len(s.docs[a.doc].Sentences), 1))
		rb := float64(b.pos) / float64(max(len(s.docs[b.doc].Sentences), 1))
		if c := cmp.Compare(ra, rb); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	next := map[*unit]*unit{}
	for _, u := range chosen {
		if p := prev[u]; !u.ok && p != nil && isChosen[p] {
			next[p] = u
		}
	}
	out := make([]*unit, 0, len(chosen))
	for _, h := range heads {
		for u := h; u != nil; u = next[u] {
			out = append(out, u)
		}
	}
	return out
}

// restates reports whether u states the claim of a chosen sentence of
// another article (directly, not through a chain of alignments).
func (s *story) restates(u *unit, chosen []*unit) bool {
	for _, c := range chosen {
		if c.doc != u.doc && c.group == u.group && s.same(u, c) >= s.opts.Align {
			return true
		}
	}
	return false
}

// sources returns the IDs of the articles reporting u's claim, u's first.
func (s *story) sources(u *unit) []string {
	out := []string{s.docs[u.doc].ID}
	for _, v := range s.units {
		if v.group == u.group && !slices.Contains(out, s.docs[v.doc].ID) {
			out = append(out, s.docs[v.doc].ID)
		}
	}
	return out
}

func (s *story) ref(u *unit) news.Reference {
	return news.Reference{Doc: s.docs[u.doc].ID, Span: u.span, Text: u.text}
}

// claims returns the claims several articles share (most articles first),
// then the most salient claims each article alone makes, and the conflicts
// inside shared claims.
func (s *story) claims() ([]news.Claim, []news.Conflict) {
	members := map[int][]*unit{}
	var order []int
	for _, u := range s.units {
		if _, ok := members[u.group]; !ok {
			order = append(order, u.group)
		}
		members[u.group] = append(members[u.group], u)
	}
	claims := []news.Claim{}
	conflicts := []news.Conflict{}
	var shared []news.Claim
	exclusive := map[int][]*unit{}
	for _, g := range order {
		us := members[g]
		var docs []string
		for _, u := range us {
			if id := s.docs[u.doc].ID; !slices.Contains(docs, id) {
				docs = append(docs, id)
			}
		}
		if len(docs) == 1 {
			if len(us) == 1 && us[0].ok && us[0].words >= minWords {
				exclusive[us[0].doc] = append(exclusive[us[0].doc], us[0])
			}
			continue
		}
		// The claim reads as its shortest member that stands alone.
		rep := us[0]
		for _, u := range us[1:] {
			if u.ok && (!rep.ok || u.words < rep.words) {
				rep = u
			}
		}
		c := news.Claim{Text: rep.text, Articles: docs}
		for _, u := range us {
			c.Mentions = append(c.Mentions, s.ref(u))
		}
		shared = append(shared, c)
		// Conflicts between members that state the claim directly (not
		// through a chain of alignments), one per pair of articles.
		told := map[[2]int]bool{}
		for i, a := range us {
			for _, b := range us[i+1:] {
				key := [2]int{a.doc, b.doc}
				if a.doc == b.doc || told[key] || len(conflicts) >= maxConflicts {
					continue
				}
				if k, d := conflict(a, b); k != "" && s.same(a, b) >= s.opts.Align {
					told[key] = true
					conflicts = append(conflicts, news.Conflict{Kind: k, Detail: d, A: s.ref(a), B: s.ref(b)})
				}
			}
		}
	}
	slices.SortStableFunc(shared, func(a, b news.Claim) int { return cmp.Compare(len(b.Articles), len(a.Articles)) })
	claims = append(claims, shared...)
	for di := range s.docs {
		us := exclusive[di]
		slices.SortStableFunc(us, func(a, b *unit) int { return cmp.Compare(b.sal, a.sal) })
		for _, u := range us[:min(len(us), s.opts.Exclusive)] {
			claims = append(claims, news.Claim{Text: u.text, Articles: []string{s.docs[di].ID}, Mentions: []news.Reference{s.ref(u)}})
		}
	}
	return claims, conflicts
}

// conflict returns how two sentences stating the same claim disagree, if
// they do: a figure or date beside the same word, a person in the same
// clause, or negation in one only.
func conflict(a, b *unit) (kind, detail string) {
	if a.numbers == nil {
		a.numbers = numbersByContext(a.tokens)
	}
	if b.numbers == nil {
		b.numbers = numbersByContext(b.tokens)
	}
	na, nb := a.numbers, b.numbers
	// A figure differs when each report gives a number beside the same word
	// and neither report has the other's number anywhere.
	has := func(u *unit, v string) bool {
		for _, t := range u.tokens {
			if t.key == "N:"+v {
				return true
			}
		}
		return false
	}
	ctxs := make([]string, 0, len(na))
	for ctx := range na {
		ctxs = append(ctxs, ctx)
	}
	slices.Sort(ctxs) // the same conflict reported whatever the map order
	for _, ctx := range ctxs {
		va := na[ctx]
		if vb, ok := nb[ctx]; ok && va != vb && !has(b, va) && !has(a, vb) {
			kind := news.ConflictFigure
			if monthWords[strings.TrimPrefix(strings.TrimPrefix(ctx, "<"), ">")] {
				kind = news.ConflictDate
			}
			return kind, va + " / " + vb
		}
	}
	if ta, tb := alignedClauses(a, b); negated(ta) != negated(tb) && a.vec.cosine(b.vec) >= 0.5 {
		return news.ConflictNegation, "negated in one report only"
	}
	pa, pb := persons(a.tokens), persons(b.tokens)
	if len(pa) == 1 && len(pb) == 1 && pa[0] != pb[0] {
		return news.ConflictName, strings.TrimPrefix(pa[0], "E:") + " / " + strings.TrimPrefix(pb[0], "E:")
	}
	return "", ""
}

// numbersByContext maps the content word before ("<word") and after
// (">word") each number to the number. Magnitudes and units ("million",
// "percent") are looked through: "16 million children" is ">children".
func numbersByContext(toks []token) map[string]string {
	m := map[string]string{}
	isNum := func(t token) bool { return strings.HasPrefix(t.key, "N:") }
	for i, t := range toks {
		if !isNum(t) {
			continue
		}
		v := strings.TrimPrefix(t.key, "N:")
		if i > 0 && !isNum(toks[i-1]) && isContext(toks[i-1].lower) {
			m["<"+toks[i-1].lower] = v
		}
		j := i + 1
		for j < len(toks) && (unitWords[toks[j].lower] || len(toks[j].lower) < 3) {
			j++
		}
		if j < len(toks) && !isNum(toks[j]) && isContext(toks[j].lower) {
			m[">"+toks[j].lower] = v
		}
	}
	return m
}

// isContext reports whether a word beside a number may say what it counts.
func isContext(w string) bool { return len(w) >= 3 && !stopWords[w] && !unitWords[w] }

// unitWords are magnitudes and units, which say nothing of what a number counts.
var unitWords = map[string]bool{
	"million": true, "billion": true, "trillion": true, "thousand": true, "hundred": true,
	"percent": true, "per": true, "cent": true, "a.m": true, "p.m": true, "am": true, "pm": true,
	"mph": true, "km": true, "miles": true, "mile": true, "euros": true, "dollars": true, "pounds": true,
	"years": true, "year": true, "old": true, "times": true, "least": true, "more": true, "than": true,
	"about": true, "nearly": true, "almost": true, "some": true, "over": true,
}

// alignedClauses returns the tokens of the clauses of a and b that share
// the most content words: where a negation would contradict.
func alignedClauses(a, b *unit) ([]token, []token) {
	shared := map[[2]int]int{}
	keys := map[string]int{}
	for _, t := range a.tokens {
		if t.content() {
			keys[t.key] = t.clause
		}
	}
	best, bestN := [2]int{-1, -1}, 0
	for _, t := range b.tokens {
		if c, ok := keys[t.key]; ok && t.content() {
			k := [2]int{c, t.clause}
			shared[k]++
			if shared[k] > bestN || shared[k] == bestN && (k[0] < best[0] || k[0] == best[0] && k[1] < best[1]) {
				best, bestN = k, shared[k]
			}
		}
	}
	if bestN == 0 {
		return a.tokens, b.tokens
	}
	clause := func(toks []token, c int) []token {
		var out []token
		for _, t := range toks {
			if t.clause == c {
				out = append(out, t)
			}
		}
		return out
	}
	return clause(a.tokens, best[0]), clause(b.tokens, best[1])
}

func negated(toks []token) bool {
	for _, t := range toks {
		if negationWords[t.lower] || strings.HasSuffix(t.lower, "n't") || strings.HasSuffix(t.lower, "n’t") {
			return true
		}
	}
	return false
}

func persons(toks []token) []string {
	var out []string
	for _, t := range toks {
		if t.entity == "PERSON" && !slices.Contains(out, t.key) {
			out = append(out, t.key)
		}
	}
	return out
}

// countWords counts runs of letters and digits, the words of a budget.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
