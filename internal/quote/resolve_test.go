package quote

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
)

// personEntities marks every occurrence of names in text as a PERSON
// mention whose canonical name is the longest name ending in it.
func personEntities(text string, names ...string) []news.Entity {
	var out []news.Entity
	for _, n := range names {
		canon := n
		for _, m := range names {
			if len(m) > len(canon) && strings.HasSuffix(m, " "+n) {
				canon = m
			}
		}
		for i := 0; ; {
			j := strings.Index(text[i:], n)
			if j < 0 {
				break
			}
			s := i + j
			i = s + len(n)
			covered := false
			for _, e := range out {
				if e.Start < i && s < e.End {
					covered = true
				}
			}
			if !covered {
				out = append(out, news.Entity{Text: n, Type: "PERSON", Start: s, End: i, Canonical: canon})
			}
		}
	}
	return out
}

func TestFind_pronounAntecedent(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		names    []string // PERSON mentions; nil: Find runs without entities
		want     string   // the speaker of the direct quote
	}{
		{"a name inside reported speech is no antecedent",
			"Paul Reyes wrecked the budget, Tom Haskell said on Monday.\n\n“It is a mess,” he added.", nil, "Tom Haskell"},
		{"with entities: a name inside reported speech is no antecedent",
			"Paul Reyes wrecked the budget, Tom Haskell said on Monday.\n\n“It is a mess,” he added.",
			[]string{"Paul Reyes", "Tom Haskell"}, "Tom Haskell"},
		{"with entities: a possessive is no antecedent",
			"Tom Haskell’s plan angered Paul Reyes. “It is a giveaway,” he said.",
			[]string{"Tom Haskell", "Paul Reyes"}, "Paul Reyes"},
		{"with entities: the object of a preposition is no antecedent",
			"After a call with Tom Haskell, Paul Reyes left the room. “We are done,” he said.",
			[]string{"Tom Haskell", "Paul Reyes"}, "Paul Reyes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ents []news.Entity
			if tt.names != nil {
				ents = personEntities(tt.in, tt.names...)
			}
			qs, _ := Find(tt.in, nil, ents)
			var got []string
			for _, q := range qs {
				if q.Kind == KindDirect {
					got = append(got, q.Speaker)
				}
			}
			if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
				t.Errorf("Find(%q) direct speakers mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
