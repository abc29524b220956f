package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jdkato/prose/v3"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
)

// nerTypes are the entity types scored, in report order.
var nerTypes = []string{"PERSON", "ORG", "LOC", "MISC"}

// conllTypes maps CoNLL tag types to news.Entity types.
var conllTypes = map[string]string{"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

// proseTypes maps the labels of prose's NER to ours. Its built-in model
// emits PERSON, ORGANIZATION and GPE only (checked on our own sentences), so
// it never finds a MISC; the other OntoNotes labels are mapped in case a
// model emits them. Labels not listed (dates, numbers, money, ...) are not
// entities in CoNLL and dropped.
var proseTypes = map[string]string{
	"PERSON": "PERSON", "ORGANIZATION": "ORG", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
	"NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC",
}

// mention is an entity as a byte range of a document text and a type.
type mention struct {
	start, end int
	typ        string
}

// prfCount accumulates entity-level true positives, predictions and gold.
type prfCount struct{ tp, pred, gold int }

func (c prfCount) prf() PRF {
	var s PRF
	if c.pred > 0 {
		s.P = float64(c.tp) / float64(c.pred)
	}
	if c.gold > 0 {
		s.R = float64(c.tp) / float64(c.gold)
	}
	if s.P+s.R > 0 {
		s.F = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// nerCounts scores predicted mentions against gold ones (exact span and
// type), overall and per type.
func nerCounts(gold, pred []mention, all *prfCount, byType map[string]*prfCount) {
	set := make(map[mention]bool, len(gold))
	for _, g := range gold {
		set[g] = true
		all.gold++
		byType[g.typ].gold++
	}
	for _, p := range pred {
		all.pred++
		byType[p.typ].pred++
		if set[p] {
			all.tp++
			byType[p.typ].tp++
		}
	}
}

// NER scores the named-entity recognizer on the CoNLL++ test set in
// dataDir/conll: each document's sentences are joined into one text (tokens
// separated by spaces, sentences by newlines), [entity.Recognize] is run on
// it with the gold tokens as spans, and mentions are scored entity by entity
// (exact span and type). prose/v3's built-in NER is run on the same texts in
// the same run and scored the same way.
func NER(dataDir string) (Report, error) {
	path := filepath.Join(dataDir, "conll", "conllpp_test.txt")
	f, err := os.Open(path)
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	sents, err := entity.ReadCoNLL(f)
	if err != nil {
		return Report{}, fmt.Errorf("%s: %w", path, err)
	}
	newCounts := func() map[string]*prfCount {
		m := make(map[string]*prfCount)
		for _, t := range nerTypes {
			m[t] = &prfCount{}
		}
		return m
	}
	var ours, base prfCount
	oursBy, baseBy := newCounts(), newCounts()
	tokens := 0
	var oursTime time.Duration
	for _, doc := range groupConLL(sents) {
		text, spans, gold := conllText(doc)
		tokens += len(spans)
		start := time.Now()
		ents := entity.Recognize(text, spans)
		oursTime += time.Since(start)
		nerCounts(gold, entityMentions(ents), &ours, oursBy)
		pd, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithSegmentation(false))
		if err != nil {
			return Report{}, fmt.Errorf("prose: %w", err)
		}
		var pm []mention
		for _, e := range pd.Entities() {
			if typ, ok := proseTypes[e.Label]; ok {
				pm = append(pm, mention{e.Start, e.Start + len(e.Text), typ})
			}
		}
		nerCounts(gold, pm, &base, baseBy)
	}
	// The same test in one case throughout, as in lower-cased feeds or
	// all-caps headlines.
	var cased []string
	for _, c := range []struct {
		name string
		f    func(string) string
	}{{"lower-cased", strings.ToLower}, {"upper-cased", strings.ToUpper}} {
		var n prfCount
		for _, doc := range groupConLL(sents) {
			text, spans, gold := conllText(recase(doc, c.f))
			nerCounts(gold, entityMentions(entity.Recognize(text, spans)), &n, newCounts())
		}
		sc := n.prf()
		cased = append(cased, fmt.Sprintf("%s text: dossier P %.3f R %.3f F1 %.3f", c.name, sc.P, sc.R, sc.F))
	}
	r := Report{
		Task:  "ner",
		Set:   "conll++ test",
		Path:  "entity.Recognize, embedded model",
		Unit:  "entities",
		N:     ours.gold,
		Score: ours.prf(),
		Baselines: []Baseline{
			{Name: "prose/v3", F: base.prf().F},
			{Name: "Stanford CRF", F: 0.869, Published: true},
			{Name: "Ratinov & Roth", F: 0.908, Published: true},
			{Name: "BiLSTM-CRF", F: 0.909, Published: true},
			{Name: "BERT-large", F: 0.928, Published: true},
		},
	}
	for _, t := range nerTypes {
		o, b := oursBy[t].prf(), baseBy[t].prf()
		r.Notes = append(r.Notes, fmt.Sprintf("%-6s dossier P %.3f R %.3f F1 %.3f | prose/v3 P %.3f R %.3f F1 %.3f (%d gold)",
			t, o.P, o.R, o.F, b.P, b.R, b.F, oursBy[t].gold))
	}
	r.Notes = append(r.Notes,
		"entity level, exact span and type; each document's tokens joined by spaces, sentences by newlines; gold tokens passed as spans",
		"prose/v3 tokenises the same text itself; its labels mapped PERSON→PERSON, ORGANIZATION→ORG, GPE→LOC; its model emits no MISC label at all",
		fmt.Sprintf("dossier tagged %d tokens in %s (%.0f tokens/s, one goroutine, model load included)",
			tokens, oursTime.Round(time.Millisecond), float64(tokens)/oursTime.Seconds()),
	)
	r.Notes = append(r.Notes, cased...)
	return r, nil
}

// recase returns a copy of doc with every word passed through f.
func recase(doc []entity.Sentence, f func(string) string) []entity.Sentence {
	out := make([]entity.Sentence, len(doc))
	for i, s := range doc {
		s.Words = append([]string(nil), s.Words...)
		for j, w := range s.Words {
			s.Words[j] = f(w)
		}
		out[i] = s
	}
	return out
}

// groupConLL splits sentences into documents.
func groupConLL(ss []entity.Sentence) [][]entity.Sentence {
	var out [][]entity.Sentence
	for i, s := range ss {
		if i == 0 || s.Doc != ss[i-1].Doc {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
	}
	return out
}

// conllText joins a document's tokens into a text and returns it with the
// token spans and the gold mentions.
func conllText(doc []entity.Sentence) (string, []news.Span, []mention) {
	var b strings.Builder
	var spans []news.Span
	var gold []mention
	for si, s := range doc {
		if si > 0 {
			b.WriteByte('\n')
		}
		open, prevEnd := -1, 0
		var typ string
		closeOpen := func() {
			if open >= 0 {
				gold = append(gold, mention{open, prevEnd, typ})
				open = -1
			}
		}
		for i, w := range s.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(w)
			tag := s.Tags[i]
			if tag == "O" || len(tag) < 3 {
				closeOpen()
			} else if t := conllTypes[tag[2:]]; strings.HasPrefix(tag, "B-") || open < 0 || t != typ {
				closeOpen()
				open, typ = start, t
			}
			prevEnd = b.Len()
			spans = append(spans, news.Span{Start: start, End: prevEnd})
		}
		closeOpen()
	}
	return b.String(), spans, gold
}

// entityMentions converts recognised entities to mentions.
func entityMentions(ents []news.Entity) []mention {
	out := make([]mention, len(ents))
	for i, e := range ents {
		out[i] = mention{e.Start, e.End, e.Type}
	}
	return out
}
