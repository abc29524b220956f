package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/dossier-news/dossier/internal/brief"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/web"
)

// docReader is what a storyline's brief needs of the store.
type docReader interface {
	Doc(ctx context.Context, id string) (news.Doc, error)
}

// storyBriefJSON is a storyline's brief as `dossier story ID --json` adds
// it: per event (oldest first, dated) its cited sentences; across the whole
// storyline the claims and conflicts.
type storyBriefJSON struct {
	Brief     []storyBriefSentence `json:"brief"`
	Claims    []claimRecord        `json:"claims"`
	Conflicts []news.Conflict      `json:"conflicts"`
	// Verdicts is each article's headline verdict, by article ID.
	Verdicts map[string]string `json:"-"`
}

type storyBriefSentence struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	Event   string   `json:"event"`
	Date    *string  `json:"date"`
}

// Bounds of the articles a storyline's brief reads: the newest originals of
// each event, and of the whole storyline, so that a brief of a storyline
// with thousands of articles costs no more than one of a few dozen.
const (
	briefEventArticles = 25
	briefStoryArticles = 100
)

// storyBrief reads the articles of s (copies left out; at most the newest
// briefEventArticles of each event and briefStoryArticles in all) and briefs
// each of its events within words / events words (at least 40), and the
// claims and conflicts across the storyline, and notes each article's
// headline verdict. fill adds the result to a storyline's JSON.
func storyBrief(ctx context.Context, st docReader, s news.Story, words int) (storyBriefJSON, error) {
	out := storyBriefJSON{Brief: []storyBriefSentence{}, Claims: []claimRecord{}, Conflicts: []news.Conflict{}}
	verdict := map[string]string{}
	out.Verdicts = verdict
	var all []news.Doc
	perEvent := max(words/max(len(s.Events), 1), 40)
	budget := briefStoryArticles
	for _, ev := range s.Events {
		var originals []news.StoryArticle
		for _, a := range ev.Articles {
			if a.Verdict != "" {
				verdict[a.ID] = a.Verdict
			}
			if a.DuplicateOf == "" {
				originals = append(originals, a) // a copy says nothing its original does not
			}
		}
		slices.SortStableFunc(originals, func(a, b news.StoryArticle) int { return b.Published.Compare(a.Published) })
		originals = originals[:min(len(originals), briefEventArticles, budget)]
		budget -= len(originals)
		var docs []news.Doc
		for _, a := range originals {
			d, err := st.Doc(ctx, a.ID)
			if err != nil {
				return out, fmt.Errorf("story %s: %w", s.ID, err)
			}
			if d.Headline != nil {
				verdict[d.ID] = d.Headline.Verdict
			}
			docs = append(docs, d)
		}
		slices.SortStableFunc(docs, func(a, b news.Doc) int { return a.Published.Compare(b.Published) })
		all = append(all, docs...)
		b := brief.Build(docs, brief.Options{Words: perEvent, SentencesOnly: true})
		for _, bs := range b.Sentences {
			out.Brief = append(out.Brief, storyBriefSentence{Text: bs.Text, Sources: bs.Sources, Event: ev.ID, Date: dateOnly(ev.First)})
		}
	}
	b := brief.Build(all, brief.Options{Words: words})
	for _, c := range b.Claims {
		out.Claims = append(out.Claims, claimRecord{Text: c.Text, Articles: c.Articles})
	}
	out.Conflicts = orEmpty(b.Conflicts)
	return out, nil
}

// fill sets j's brief, claims, conflicts and article headline verdicts.
func (b storyBriefJSON) fill(j *storyJSON) {
	j.Brief, j.Claims = make([]any, 0, len(b.Brief)), make([]any, 0, len(b.Claims))
	for _, x := range b.Brief {
		j.Brief = append(j.Brief, x)
	}
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

// storyBriefer builds briefs for `dossier serve` as `dossier story ID`
// does (150 words).
func storyBriefer(st docReader) web.Briefer {
	return func(ctx context.Context, s news.Story) (web.StoryBrief, error) {
		b, err := storyBrief(ctx, st, s, 150)
		if err != nil {
			return web.StoryBrief{}, err
		}
		out := web.StoryBrief{Sentences: make([]web.BriefSentence, 0, len(b.Brief)),
			Claims: make([]web.BriefClaim, 0, len(b.Claims)), Conflicts: b.Conflicts, Verdicts: b.Verdicts}
		for _, x := range b.Brief {
			out.Sentences = append(out.Sentences, web.BriefSentence(x))
		}
		for _, c := range b.Claims {
			out.Claims = append(out.Claims, web.BriefClaim(c))
		}
		return out, nil
	}
}

// printStoryBrief writes the brief of a storyline after its timeline: the
// dated sentences by event, the claims by outlet, conflicts and headlines.
func printStoryBrief(w io.Writer, s news.Story, b storyBriefJSON) {
	outlet := map[string]string{}
	title := map[string]string{}
	for _, ev := range s.Events {
		for _, a := range ev.Articles {
			outlet[a.ID] = cmp.Or(a.Outlet, a.Source)
			title[a.ID] = a.Title
		}
	}
	names := func(ids []string) string {
		var ns []string
		for _, id := range ids {
			if n := outlet[id]; !slices.Contains(ns, n) {
				ns = append(ns, n)
			}
		}
		return fmt.Sprint(ns)
	}
	fmt.Fprintln(w, "\nBrief")
	ev := ""
	for _, x := range b.Brief {
		if x.Event != ev {
			ev = x.Event
			fmt.Fprintf(w, "  %s  %s\n", orDash(x.Date), ev)
		}
		fmt.Fprintf(w, "    %s %s\n", x.Text, names(x.Sources))
	}
	fmt.Fprintln(w, "\nClaims by outlet")
	for _, c := range b.Claims {
		fmt.Fprintf(w, "  %s %s\n", names(c.Articles), c.Text)
	}
	fmt.Fprintln(w, "\nConflicts")
	if len(b.Conflicts) == 0 {
		fmt.Fprintln(w, "  (none found)")
	}
	for _, c := range b.Conflicts {
		fmt.Fprintf(w, "  %s (%s): %s %q / %s %q\n", c.Kind, c.Detail, outlet[c.A.Doc], c.A.Text, outlet[c.B.Doc], c.B.Text)
	}
}
