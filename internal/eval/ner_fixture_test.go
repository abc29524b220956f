package eval

import "github.com/dossier-news/dossier/internal/entity"

func nerFixture() []entity.Sentence {
	return []entity.Sentence{
		{Words: []string{"Anna", "Berg", "visited", "Oslo", "."}, Tags: []string{"B-PER", "I-PER", "O", "B-LOC", "O"}},
		{Words: []string{"The", "Fjord", "Group", "agreed"}, Tags: []string{"O", "B-ORG", "I-ORG", "O"}},
	}
}
