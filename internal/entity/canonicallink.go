package entity

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dossier-news/dossier/internal/news"
)

// LinkerOptions configures a [Linker]. The zero value is ready to use.
type LinkerOptions struct {
	// Overrides maps a mention key (see [Key]) to the canonical name that
	// mentions with that key must get, whatever the automatic linking says.
	// It is where user edits (rename, merge, split) enter. Link applies it
	// first: a mention's own key wins over its document entity's canonical
	// name's key.
	Overrides map[string]string
}

// Canonical is one run-wide entity: its stable canonical name, its type and
// the forms it was mentioned by.
type Canonical struct {
	Name     string  `json:"name"`
	Type     string  `json:"type"`
	Mentions int     `json:"mentions"`
	Aliases  []Alias `json:"aliases"`
}

// Alias is one form of a [Canonical] entity and how often it was seen.
type Alias struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// Linker maps the canonical names that [Resolve] gives within one document
// to run-wide canonical names, so that documents of one run agree. The first
// name a run sees for an entity stays its name, so output depends only on
// the order of documents.
//
// Document entities are linked to a run-wide entity of the same type when
// their canonical name or one of their forms has the key of a name or form
// seen before, or a vowel variant of exactly one (see [Key]). Short forms
// are not used to link across documents: a PERSON form with fewer than two
// content words ("bin Laden") and a one-word ORG form that ends its
// document entity's longer name ("United" of "Harbour United"). A document
// that names a person by surname only ("Blair said") is linked to the
// run-wide full name that ends with it when nothing contradicts it: the
// name has at least [surnameMinMentions] mentions and [surnameDominance]
// times those of all the other names ending with that word together, and,
// unless a title says the word is a surname ("Mr Howard"), the word opens
// fewer full names of the run than it ends (so "David", which opens many,
// is taken for a given name and left alone).
//
// A Linker is not safe for concurrent use; the pipeline calls it from its
// single sink goroutine.
type Linker struct {
	overrides map[string]string
	byKey     map[string]int   // type + key → entity
	bySkel    map[string][]int // type + skeleton → entities with a key of that skeleton
	keys      map[int][]string // entity → its indexed keys, for vowel-variant checks
	byName    map[string]int   // type + canonical name → entity
	bySurname map[string][]int // last content word of a full PERSON name → entities
	byGiven   map[string][]int // first content word of a full PERSON name → entities
	ents      []*runEntity
}

// surnameDominance is how many times more mentions the most mentioned full
// name ending with a surname needs than the others together for a
// surname-only document to be linked to it; surnameMinMentions is how many
// it needs at least.
const (
	surnameDominance   = 10
	surnameMinMentions = 5
)

type runEntity struct {
	Canonical
	count map[string]int // alias text → mentions
	order []string       // alias texts in first-seen order
}

// NewLinker returns an empty Linker.
func NewLinker(opts LinkerOptions) *Linker {
	return &Linker{
		overrides: opts.Overrides,
		byKey:     make(map[string]int),
		bySkel:    make(map[string][]int),
		keys:      make(map[int][]string),
		byName:    make(map[string]int),
		bySurname: make(map[string][]int),
		byGiven:   make(map[string][]int),
	}
}

// docEntity is one entity of a document as Resolve grouped it.
type docEntity struct {
	name, typ string
	members   []int // mention indexes
}

// Link returns the mentions of one document with Canonical set to run-wide
// names and records them. Mentions without a Canonical are first resolved
// with [Resolve], together with the rest of the document. ents itself is not
// modified; order and count are kept.
func (l *Linker) Link(ents []news.Entity) []news.Entity {
	out := slices.Clone(ents)
	if slices.ContainsFunc(out, func(e news.Entity) bool { return e.Canonical == "" }) {
		out = Resolve(out)
	}
	ms := make([]canonMention, len(out))
	var docs []*docEntity
	byName := make(map[string]*docEntity)
	for i, e := range out {
		ms[i] = analyseMention(e)
		typ := ms[i].typ
		if ms[i].table == "" {
			// The canonical name may be a table name reached via another form.
			if _, t, ok := LookupAlias(e.Canonical, e.Type); ok {
				typ = t
			}
		}
		id := typ + "\x00" + e.Canonical
		d, ok := byName[id]
		if !ok {
			d = &docEntity{name: e.Canonical, typ: typ}
			byName[id] = d
			docs = append(docs, d)
		}
		d.members = append(d.members, i)
	}
	for _, d := range docs {
		l.acronymToOrg(d, ms, out)
		name := ""
		if l.overrides != nil {
			name = l.overrides[Key(d.name, d.typ)]
		}
		var id int
		if name != "" {
			id = l.entity(name, d.typ)
		} else {
			id = l.find(d, ms)
		}
		re := l.ents[id]
		for _, i := range d.members {
			eid, ename := id, re.Name
			if o := l.overrides[ms[i].key]; o != "" && o != re.Name {
				eid = l.entity(o, d.typ)
				ename = o
			}
			out[i].Canonical = ename
			l.ents[eid].add(ms[i].form)
			if !shortForm(d, ms[i]) {
				l.index(eid, d.typ, ms[i].key)
			}
		}
	}
	return out
}

// Seed registers an entity known before this run (one stored by an earlier
// run, say) under its name, with its forms, so that this run links new
// mentions to it and keeps its name. Mention counts start at the aliases'
// counts. Seed entities before the first Link, in the order their names
// were first seen; a name already registered gains the forms.
func (l *Linker) Seed(c Canonical) {
	if c.Name == "" || c.Type == "" {
		return
	}
	id := l.entity(c.Name, c.Type)
	for _, a := range c.Aliases {
		m := analyseMention(news.Entity{Text: a.Text, Type: c.Type, Canonical: c.Name})
		if e := l.ents[id]; e.count[m.form] == 0 && a.Count > 0 {
			e.order = append(e.order, m.form)
			e.count[m.form] = a.Count
			e.Mentions += a.Count
		}
		if !shortForm(&docEntity{name: c.Name, typ: c.Type}, m) {
			l.index(id, c.Type, m.key)
		}
	}
}

// acronymToOrg retypes d as an ORG when its name is an acronym ("VPA")
// that the run knows only as an organisation's form: the tagger, seeing the
// acronym without the organisation's full name in this document, may call
// it a place. Acronyms of places ("UAE") are known as places first and stay.
func (l *Linker) acronymToOrg(d *docEntity, ms []canonMention, out []news.Entity) {
	if d.typ == "ORG" || d.typ == "PERSON" || acronymOf(d.name) == "" {
		return
	}
	if _, own := l.byKey[d.typ+"\x00"+Key(d.name, d.typ)]; own {
		return
	}
	if _, org := l.byKey["ORG\x00"+Key(d.name, "ORG")]; !org {
		return
	}
	d.typ = "ORG"
	for _, i := range d.members {
		out[i].Type = "ORG"
		ms[i].typ = "ORG"
	}
}

// shortForm reports whether mention m is a short form of its document
// entity d, not used to link across documents: a PERSON form with fewer
// than two content words, or a one-word ORG form that ends d's longer name.
func shortForm(d *docEntity, m canonMention) bool {
	switch d.typ {
	case "PERSON":
		return len(m.content) < 2
	case "ORG":
		return m.key != "" && !strings.Contains(m.key, " ") && strings.HasSuffix(Key(d.name, d.typ), " "+m.key)
	}
	return false
}

// surnameEntity returns the run-wide full PERSON name that a surname-only
// document entity d names (see [Linker]), or -1.
func (l *Linker) surnameEntity(d *docEntity, ms []canonMention) int {
	if d.typ != "PERSON" {
		return -1
	}
	surname, titled := "", false
	for _, i := range d.members {
		c := ms[i].content
		if len(c) != 1 || surname != "" && c[0] != surname {
			return -1
		}
		surname = c[0]
		titled = titled || ms[i].nameTitles > 0
	}
	if c := nameContent(Key(d.name, d.typ)); len(c) != 1 || c[0] != surname {
		return -1
	}
	top, rest := -1, 0
	for _, id := range l.bySurname[surname] {
		switch {
		case top < 0:
			top = id
		case l.ents[id].Mentions > l.ents[top].Mentions:
			rest += l.ents[top].Mentions
			top = id
		default:
			rest += l.ents[id].Mentions
		}
	}
	if top < 0 || l.ents[top].Mentions < max(surnameMinMentions, surnameDominance*rest) ||
		!titled && len(l.byGiven[surname]) >= len(l.bySurname[surname]) {
		return -1
	}
	return top
}

// find returns the run-wide entity of d, creating it when there is none.
func (l *Linker) find(d *docEntity, ms []canonMention) int {
	if id := l.surnameEntity(d, ms); id >= 0 {
		return id
	}
	ck := Key(d.name, d.typ)
	keys := append([]string{ck}, personContent(d.typ, ck)...)
	for _, i := range d.members {
		if shortForm(d, ms[i]) {
			continue
		}
		keys = append(keys, ms[i].key)
		keys = append(keys, personContent(d.typ, ms[i].key)...)
	}
	for _, k := range keys {
		if id, ok := l.byKey[d.typ+"\x00"+k]; ok {
			return id
		}
	}
	for _, k := range keys {
		found := -1
		for _, id := range l.bySkel[d.typ+"\x00"+consonantSkeleton(k)] {
			if found == id || !slices.ContainsFunc(l.keys[id], func(k2 string) bool { return vowelVariant(k, k2) }) {
				continue
			}
			if found >= 0 {
				found = -2 // ambiguous
				break
			}
			found = id
		}
		if found >= 0 {
			return found
		}
	}
	return l.entity(d.name, d.typ)
}

// entity returns the run-wide entity named name, creating it when needed.
func (l *Linker) entity(name, typ string) int {
	if id, ok := l.byName[typ+"\x00"+name]; ok {
		return id
	}
	l.ents = append(l.ents, &runEntity{Canonical: Canonical{Name: name, Type: typ}, count: make(map[string]int)})
	id := len(l.ents) - 1
	l.byName[typ+"\x00"+name] = id
	l.index(id, typ, Key(name, typ))
	return id
}

// personContent returns the content words of a PERSON key with two or more
// of them, as a key: "bashar al asad" → "bashar asad".
func personContent(typ, key string) []string {
	if typ != "PERSON" {
		return nil
	}
	if c := nameContent(key); len(c) >= 2 {
		if s := strings.Join(c, " "); s != key {
			return []string{s}
		}
	}
	return nil
}

// index records key (and, for a PERSON, its content words) as naming entity
// id, unless the key already names one.
func (l *Linker) index(id int, typ, key string) {
	if key == "" {
		return
	}
	for _, c := range personContent(typ, key) {
		l.index(id, typ, c)
	}
	if typ == "PERSON" {
		if c := nameContent(key); len(c) >= 2 {
			if !slices.Contains(l.bySurname[c[len(c)-1]], id) {
				l.bySurname[c[len(c)-1]] = append(l.bySurname[c[len(c)-1]], id)
			}
			if !slices.Contains(l.byGiven[c[0]], id) {
				l.byGiven[c[0]] = append(l.byGiven[c[0]], id)
			}
		}
	}
	k := typ + "\x00" + key
	if _, ok := l.byKey[k]; ok {
		return
	}
	l.byKey[k] = id
	sk := typ + "\x00" + consonantSkeleton(key)
	if !slices.Contains(l.bySkel[sk], id) {
		l.bySkel[sk] = append(l.bySkel[sk], id)
	}
	l.keys[id] = append(l.keys[id], key)
}

func (e *runEntity) add(form string) {
	if e.count[form] == 0 {
		e.order = append(e.order, form)
	}
	e.count[form]++
	e.Mentions++
}

// Entities returns the run-wide entities in the order they were first seen,
// each with its aliases, most frequent first (ties in first-seen order).
func (l *Linker) Entities() []Canonical {
	out := make([]Canonical, 0, len(l.ents))
	for _, e := range l.ents {
		c := e.Canonical
		c.Aliases = make([]Alias, 0, len(e.order))
		for _, f := range e.order {
			c.Aliases = append(c.Aliases, Alias{Text: f, Count: e.count[f]})
		}
		slices.SortStableFunc(c.Aliases, func(a, b Alias) int { return cmp.Compare(b.Count, a.Count) })
		out = append(out, c)
	}
	return out
}
