package entity_test

import (
	"fmt"

	"github.com/dossier-news/dossier/internal/entity"
	"github.com/dossier-news/dossier/internal/news"
)

func ExampleResolve() {
	ents := entity.Resolve([]news.Entity{
		{Text: "Ayman al-Zawahiri", Type: "PERSON"},
		{Text: "al-Qaida's", Type: "ORG"},
		{Text: "Zawahri", Type: "PERSON"},
		{Text: "ISIS", Type: "ORG"},
	})
	for _, e := range ents {
		fmt.Printf("%s → %s\n", e.Text, e.Canonical)
	}
	// Output:
	// Ayman al-Zawahiri → Ayman al-Zawahiri
	// al-Qaida's → al-Qaeda
	// Zawahri → Ayman al-Zawahiri
	// ISIS → Islamic State
}

func ExampleLinker() {
	l := entity.NewLinker(entity.LinkerOptions{})
	l.Link(entity.Resolve([]news.Entity{{Text: "Ayman al-Zawahiri", Type: "PERSON"}}))
	for _, e := range l.Link(entity.Resolve([]news.Entity{{Text: "Ayman al-Zawahri", Type: "PERSON"}, {Text: "Zawahri", Type: "PERSON"}})) {
		fmt.Printf("%s → %s\n", e.Text, e.Canonical)
	}
	for _, c := range l.Entities() {
		fmt.Println(c.Name, c.Type, c.Mentions, c.Aliases)
	}
	// Output:
	// Ayman al-Zawahri → Ayman al-Zawahiri
	// Zawahri → Ayman al-Zawahiri
	// Ayman al-Zawahiri PERSON 3 [{Ayman al-Zawahiri 1} {Ayman al-Zawahri 1} {Zawahri 1}]
}
