package web

import (
	"context"
	"fmt"
	"hash/fnv"

	"github.com/dossier-news/dossier/internal/news"
)

// StoryBrief is a storyline's brief as `dossier story ID` builds it: per
// event (oldest first, dated) its sentences, each citing the articles that
// report it; across the storyline its claims and the conflicts between
// reports of one claim; and each article's headline verdict.
type StoryBrief struct {
	Sentences []BriefSentence
	Claims    []BriefClaim
	Conflicts []news.Conflict
	Verdicts  map[string]string // article ID -> headline verdict
}

// BriefSentence is one sentence of a brief and the articles it cites.
type BriefSentence struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	Event   string   `json:"event"`
	Date    *string  `json:"date"`
}

// BriefClaim is a claim and the articles that make it.
type BriefClaim struct {
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
}

// Briefer builds the brief of a storyline (the server cannot: briefs are
// assembled where the analysis packages may be imported).
type Briefer func(ctx context.Context, s news.Story) (StoryBrief, error)

// brief returns the brief of st, from the cache while the storyline is
// unchanged; ok is false when the server has no Briefer.
func (s *Server) brief(ctx context.Context, st news.Story) (b StoryBrief, ok bool, err error) {
	if s.opts.Brief == nil {
		return StoryBrief{}, false, nil
	}
	// The key is the storyline's shape: its events and their articles
	// (moved, added, marked a copy). Their texts do not change once stored.
	h := fnv.New64a()
	for _, ev := range st.Events {
		fmt.Fprintf(h, "%s %d\n", ev.ID, ev.First.Unix())
		for _, a := range ev.Articles {
			fmt.Fprintf(h, "%s %s\n", a.ID, a.DuplicateOf)
		}
	}
	key := fmt.Sprintf("%s %x", st.ID, h.Sum64())
	b, err = s.briefs.get(key, func() (StoryBrief, error) {
		// Briefing a storyline of dozens of articles takes a CPU for most
		// of a second: a few at a time, so that other requests keep theirs.
		select {
		case s.briefSlots <- struct{}{}:
		case <-ctx.Done():
			return StoryBrief{}, ctx.Err()
		}
		defer func() { <-s.briefSlots }()
		return s.opts.Brief(ctx, st)
	})
	if err != nil {
		return StoryBrief{}, false, fmt.Errorf("brief of story %s: %w", st.ID, err)
	}
	return b, true, nil
}

// withBrief adds a brief to a story record as `dossier story ID --json`
// does: brief, claims, conflicts and each article's headline verdict.
func (j *storyRecord) withBrief(b StoryBrief) {
	j.Brief = make([]any, 0, len(b.Sentences))
	for _, x := range b.Sentences {
		j.Brief = append(j.Brief, x)
	}
	j.Claims = make([]any, 0, len(b.Claims))
	for _, x := range b.Claims {
		j.Claims = append(j.Claims, x)
	}
	cs := orEmpty(b.Conflicts)
	j.Conflicts = &cs
	for ei := range j.Events {
		for ai := range j.Events[ei].Articles {
			a := &j.Events[ei].Articles[ai]
			if v, ok := b.Verdicts[a.ID]; ok {
				a.Headline = nullable(v)
			}
		}
	}
}
