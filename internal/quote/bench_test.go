package quote

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
)

// benchArticle is a made-up political news story of about 6 KB with direct,
// split, partial and indirect quotes, pronouns and descriptions.
var benchArticle = strings.Repeat(`Governor Helen Marsh defended her budget on Tuesday before a crowd of farmers in Dayton.

“We cut where it hurt the least,” Marsh said. “Nobody in this room will lose a school.”

Her rival, state Senator Victor Lunde, said the plan would close three rural clinics by next spring.

“The governor is counting on you not reading page forty,” he told reporters after the event, “and I read page forty.”

The Marsh campaign said in a statement that the clinics would stay open under a new grant.

According to the state budget office, the grant covers only two of the three clinics.

Lunde, who has served in the Senate for a decade, called the plan “a shell game” and vowed to block it.

“She knows the numbers don't add up,” the senator said. “Everybody in the capitol knows it.”

Marsh later told the Dayton Ledger that she was “not worried” about the vote.

“I have the votes,” she said, adding that two Republicans had promised their support.

The White House declined to comment on the dispute, a spokesman said.

Analysts say the fight could shape the race for years.

`, 3)

// benchEntities marks the person and organisation names of benchArticle as a
// recognizer would.
func benchEntities(text string) []news.Entity {
	var out []news.Entity
	for _, n := range []struct{ name, typ, canon string }{
		{"Helen Marsh", "PERSON", "Helen Marsh"}, {"Marsh", "PERSON", "Helen Marsh"},
		{"Victor Lunde", "PERSON", "Victor Lunde"}, {"Lunde", "PERSON", "Victor Lunde"},
		{"Dayton Ledger", "ORG", "Dayton Ledger"}, {"White House", "ORG", "White House"},
	} {
		for i := 0; ; {
			j := strings.Index(text[i:], n.name)
			if j < 0 {
				break
			}
			s := i + j
			i = s + len(n.name)
			if overlaps(out, s, i) {
				continue
			}
			out = append(out, news.Entity{Text: n.name, Type: n.typ, Start: s, End: i, Canonical: n.canon})
		}
	}
	return out
}

func overlaps(es []news.Entity, s, e int) bool {
	for _, x := range es {
		if x.Start < e && s < x.End {
			return true
		}
	}
	return false
}

func BenchmarkFind(b *testing.B) {
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		Find(benchArticle, nil, nil)
	}
}

func BenchmarkFind_entities(b *testing.B) {
	ents := benchEntities(benchArticle)
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		Find(benchArticle, nil, ents)
	}
}
