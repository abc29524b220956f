package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/dedup"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/story"
)

// maxRestored bounds how many of the most recently stored documents an
// ingest run reads back to continue clustering: the story index's window.
const maxRestored = 10_000

// newClusterer returns a clusterer with the shipped options.
func newClusterer() *pipeline.Clusterer {
	return pipeline.NewClusterer(dedup.Options{}, story.Options{})
}

// restoreClusters reads the most recently stored documents (the last
// maxRestored sequence numbers) back into a new clusterer, a page at a time,
// so that an ingest run continues the stored clustering.
func restoreClusters(ctx context.Context, st store.Store) (*pipeline.Clusterer, error) {
	c := newClusterer()
	last, err := st.Placed(ctx, store.PlacedQuery{Last: 1})
	if err != nil {
		return nil, fmt.Errorf("restore clusters: %w", err)
	}
	if len(last) == 0 {
		return c, nil
	}
	after := max(0, last[0].Seq-maxRestored)
	for {
		page, err := st.Placed(ctx, store.PlacedQuery{After: after, Limit: 500})
		if err != nil {
			return nil, fmt.Errorf("restore clusters: %w", err)
		}
		if len(page) == 0 {
			return c, nil
		}
		for i := range page {
			c.Restore(&page[i].Doc, page[i].Place)
			after = page[i].Seq
		}
	}
}

// storiesJSON is the JSON of `dossier stories` and `dossier story ID`
// (DESIGN.md).
type storiesJSON struct {
	Stories []storyJSON `json:"stories"`
}

type storyJSON struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	First  *string     `json:"first"`
	Last   *string     `json:"last"`
	Counts countsJSON  `json:"counts"`
	Events []eventJSON `json:"events"`
	Brief  []any       `json:"brief"`
	Claims []any       `json:"claims"`
	// Conflicts is set with the brief (dossier story ID).
	Conflicts *[]news.Conflict `json:"conflicts,omitempty"`
}

type countsJSON struct {
	Events   int `json:"events"`
	Articles int `json:"articles"`
	Outlets  int `json:"outlets"`
}

type eventJSON struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	First    *string       `json:"first"`
	Last     *string       `json:"last"`
	Articles []articleJSON `json:"articles"`
}

type articleJSON struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	Outlet      *string `json:"outlet"`
	Title       *string `json:"title"`
	Published   *string `json:"published"`
	DuplicateOf *string `json:"duplicate_of"`
	Headline    *string `json:"headline"`
}

func dateOnly(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	return nullable(t.Format(time.DateOnly))
}

func newStoryJSON(s news.Story) storyJSON {
	j := storyJSON{ID: s.ID, Title: s.Title, First: dateOnly(s.First), Last: dateOnly(s.Last),
		Counts: countsJSON{len(s.Events), s.Articles, s.Outlets},
		Events: []eventJSON{}, Brief: []any{}, Claims: []any{}}
	for _, ev := range s.Events {
		ej := eventJSON{ID: ev.ID, Title: ev.Title, First: dateOnly(ev.First), Last: dateOnly(ev.Last), Articles: []articleJSON{}}
		for _, a := range ev.Articles {
			ej.Articles = append(ej.Articles, articleJSON{ID: a.ID, Source: a.Source, Outlet: nullable(a.Outlet),
				Title: nullable(a.Title), Published: formatTime(a.Published), DuplicateOf: nullable(a.DuplicateOf),
				Headline: nullable(a.Verdict)})
		}
		j.Events = append(j.Events, ej)
	}
	return j
}

func orDash(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

func newStoriesCmd(stdio Stdio) *cobra.Command {
	var (
		db        string
		q         store.StoryQuery
		jsonOut   bool
		withBrief bool
	)
	c := &cobra.Command{
		Use:   "stories",
		Short: "List storylines, newest first, with their events, articles and outlets",
		Long: `Stories lists the storylines in the database, newest first: each with its
id, dates, title and how many events, articles and outlets it holds.
Documents are placed into events (one real-world happening) and storylines
(events that belong together over time) as they are ingested; 'dossier
story ID' shows one storyline whole.

With --json, each storyline comes with its brief, claims and conflicts, as
'dossier story ID --json' gives them (each brief reads at most the newest 100
original articles of its storyline); --brief=false leaves them out for a
faster list.`,
		Example: `  dossier stories
  dossier stories --json --brief=false --limit 1000`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			list, err := st.Stories(c.Context(), q)
			if err != nil {
				return err
			}
			if jsonOut {
				out := storiesJSON{Stories: []storyJSON{}}
				for _, s := range list {
					j := newStoryJSON(s)
					if withBrief {
						b, err := storyBrief(c.Context(), st, s, 150)
						if err != nil {
							return err
						}
						b.fill(&j)
					}
					out.Stories = append(out.Stories, j)
				}
				return printJSON(stdio.Out, out)
			}
			for _, s := range list {
				fmt.Fprintf(stdio.Out, "%s  %s .. %s  %d events, %d articles, %d outlets  %s\n", s.ID,
					orDash(dateOnly(s.First)), orDash(dateOnly(s.Last)), len(s.Events), s.Articles, s.Outlets, oneLine(s.Title))
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVarP(&q.Limit, "limit", "n", 50, "storylines to list")
	c.Flags().IntVar(&q.Offset, "offset", 0, "storylines to skip (for paging)")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the storylines as JSON")
	c.Flags().BoolVar(&withBrief, "brief", true, "with --json: add each storyline's brief, claims and conflicts (--brief=false for a faster list)")
	return c
}

func newStoryCmd(stdio Stdio) *cobra.Command {
	var (
		db      string
		jsonOut bool
		words   int
	)
	c := &cobra.Command{
		Use:   "story ID",
		Short: "Show one storyline: timeline of events, articles by outlet, brief, claims, conflicts, headline checks; correct clustering",
		Long: `Story shows one storyline (an id from 'dossier stories', "s..."): its
timeline of events (id "e..."), each with its articles grouped by outlet,
copies marked, and each article's headline verdict; then its brief, event by
event and dated, each sentence citing every outlet that reports it; the
claims by outlet (shared, then each outlet's own) and conflicts between
reports of the same claim. --json adds "brief", "claims" and "conflicts".

Clustering mistakes are corrected with the subcommands merge, split and
move. Corrections are kept in the database and re-applied after 'dossier
recluster', so they survive a model change ('dossier story edits' lists them).`,
		Example: `  dossier story s7317ec7a8383834e
  dossier story s7317ec7a8383834e --json
  dossier story merge s7317ec7a8383834e s9e6648dd9db3e0fd`,
		Args: exactArgs(1, "a storyline ID"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Story(c.Context(), args[0])
			if err != nil {
				return err
			}
			j := newStoryJSON(s)
			b, err := storyBrief(c.Context(), st, s, words)
			if err != nil {
				return err
			}
			b.fill(&j)
			if jsonOut {
				return printJSON(stdio.Out, storiesJSON{Stories: []storyJSON{j}})
			}
			printStory(stdio.Out, s, j)
			printStoryBrief(stdio.Out, s, b)
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().BoolVar(&jsonOut, "json", false, "print the storyline as JSON")
	c.Flags().IntVar(&words, "words", 150, "words budget of the brief, shared among its events")
	for _, sub := range storyEditCmds(stdio, &db) {
		sub.Flags().StringVar(&db, "db", defaultDB(), "database: a SQLite file path or sqlite:// DSN (env DOSSIER_DB)")
		c.AddCommand(sub)
	}
	return c
}

// printStory writes a storyline as text: a timeline of its events, each
// with its articles grouped by outlet.
func printStory(w io.Writer, s news.Story, j storyJSON) {
	verdict := map[string]string{}
	for _, ev := range j.Events {
		for _, a := range ev.Articles {
			if a.Headline != nil {
				verdict[a.ID] = "  [headline " + *a.Headline + "]"
			}
		}
	}
	fmt.Fprintf(w, "%s  %s\n%s .. %s: %d events, %d articles, %d outlets\n", s.ID, oneLine(s.Title),
		orDash(dateOnly(s.First)), orDash(dateOnly(s.Last)), len(s.Events), s.Articles, s.Outlets)
	for _, ev := range s.Events {
		fmt.Fprintf(w, "\n%s  %s  %s\n", orDash(dateOnly(ev.First)), ev.ID, oneLine(ev.Title))
		arts := slices.Clone(ev.Articles)
		slices.SortStableFunc(arts, func(a, b news.StoryArticle) int { return cmp.Compare(a.Outlet, b.Outlet) })
		outlet := "\x00"
		for _, a := range arts {
			if a.Outlet != outlet {
				outlet = a.Outlet
				name := outlet
				if name == "" {
					name = "(outlet unknown)"
				}
				fmt.Fprintf(w, "  %s\n", name)
			}
			copyOf := ""
			if a.DuplicateOf != "" {
				copyOf = "  (copy of " + a.DuplicateOf + ")"
			}
			fmt.Fprintf(w, "    %s  %s  %s%s%s\n", a.ID, orDash(formatTime(a.Published)), oneLine(a.Title), copyOf, verdict[a.ID])
		}
	}
}

// storyEditCmds are `dossier story merge|split|move|edits`.
func storyEditCmds(stdio Stdio, db *string) []*cobra.Command {
	edit := func(c *cobra.Command, e store.StoryEdit) error {
		st, err := openExisting(c, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		n, err := st.EditStory(c.Context(), e)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdio.Out, "%s: %d articles changed; the edit is re-applied after every recluster\n", e.Kind, n)
		return nil
	}
	merge := &cobra.Command{
		Use:   "merge ID OTHER",
		Short: "Merge two storylines (s...) or two events (e...): OTHER joins ID",
		Args:  exactArgs(2, "two storyline IDs or two event IDs"),
		RunE: func(c *cobra.Command, args []string) error {
			return edit(c, store.StoryEdit{Kind: store.StoryMerge, A: args[0], B: args[1]})
		},
	}
	split := &cobra.Command{
		Use:   "split EVENT",
		Short: "Take an event out of its storyline into a storyline of its own",
		Args:  exactArgs(1, "an event ID"),
		RunE: func(c *cobra.Command, args []string) error {
			return edit(c, store.StoryEdit{Kind: store.StorySplit, A: args[0]})
		},
	}
	move := &cobra.Command{
		Use:   "move DOC [EVENT]",
		Short: "Move an article to another event, or without EVENT to an event of its own",
		Args:  rangeArgs(1, 2, "a document ID and optionally an event ID"),
		RunE: func(c *cobra.Command, args []string) error {
			e := store.StoryEdit{Kind: store.StoryMove, A: args[0]}
			if len(args) == 2 {
				e.B = args[1]
			}
			return edit(c, e)
		},
	}
	list := &cobra.Command{
		Use:   "edits",
		Short: "List the story corrections in the order they were made",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, *db)
			if err != nil {
				return err
			}
			defer st.Close()
			es, err := st.StoryEdits(c.Context())
			if err != nil {
				return err
			}
			for _, e := range es {
				fmt.Fprintf(stdio.Out, "%s  %s %s %s\n", e.Time.Format(time.DateTime), e.Kind, e.A, e.B)
			}
			return nil
		},
	}
	return []*cobra.Command{merge, split, move, list}
}

func newReclusterCmd(stdio Stdio) *cobra.Command {
	var db string
	c := &cobra.Command{
		Use:   "recluster",
		Short: "Rebuild copies, events and storylines from the stored documents",
		Long: `Recluster places every stored document again, in the order they were
stored, with the current clustering (after a model or option change), then
replaces the stored placements in one transaction and re-applies the users'
corrections ('dossier story edits').`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx := c.Context()
			start := time.Now()
			cl := newClusterer()
			var ps []news.Placement
			var after int64
			for {
				page, err := st.Placed(ctx, store.PlacedQuery{After: after, Limit: 500})
				if err != nil {
					return err
				}
				if len(page) == 0 {
					break
				}
				for i := range page {
					ps = append(ps, cl.Place(&page[i].Doc))
					after = page[i].Seq
				}
			}
			if err := st.ReplacePlacements(ctx, ps); err != nil {
				return err
			}
			events, stories := map[string]bool{}, map[string]bool{}
			dups := 0
			for _, p := range ps {
				events[p.Event], stories[p.Story] = true, true
				if p.DuplicateOf != "" {
					dups++
				}
			}
			fmt.Fprintf(stdio.Out, "%d documents: %d copies, %d events, %d storylines in %.1fs (before corrections)\n",
				len(ps), dups, len(events), len(stories), time.Since(start).Seconds())
			return nil
		},
	}
	addDBFlag(c, &db)
	return c
}
