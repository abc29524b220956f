package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/store"
)

func newEntityCmd(stdio Stdio) *cobra.Command {
	var (
		db      string
		q       store.EntityQuery
		jsonOut bool
	)
	c := &cobra.Command{
		Use:   "entity NAME...",
		Short: "Show an entity: aliases, outlets, months, mentions in context, related entities",
		Long: `Entity shows what the database knows of one person, organisation, place
or other named thing: its canonical name and type, the forms it is written
in across outlets (al-Qaida, al Qaeda, al-Qaeda), how many documents name it
by outlet and by month, its latest mentions in their sentences, and the
entities most often named in the same documents.

NAME is the canonical name or any form the entity is written in
(case-insensitive), or failing that part of a canonical name.

Linking mistakes are corrected with the subcommands rename, merge and split;
edits are kept in the database and apply to every document written later,
so they survive re-ingest and re-training ('dossier entity edits' lists them).`,
		Example: `  dossier entity Marchetti
  dossier entity "Valmora Port Authority" --json`,
		Args: minArgs(1, "a NAME"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			q.Name = strings.Join(args, " ")
			r, err := st.Entity(c.Context(), q)
			if err != nil {
				return err
			}
			if jsonOut {
				return printJSON(stdio.Out, entityJSON(r))
			}
			printEntity(stdio.Out, r)
			return nil
		},
	}
	addDBFlag(c, &db)
	for _, sub := range entityEditCmds(stdio, &db) {
		sub.Flags().StringVar(&db, "db", defaultDB(), dbFlagHelp)
		c.AddCommand(sub)
	}
	c.Flags().IntVar(&q.Contexts, "mentions", 10, "mentions to show in context")
	c.Flags().IntVar(&q.Related, "related", 10, "related entities to show")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the report as JSON")
	return c
}

func printEntity(w io.Writer, r store.EntityReport) {
	fmt.Fprintf(w, "%s (%s): %d mentions in %d documents\n", r.Name, r.Type, r.Mentions, r.Docs)
	section := func(title string, cs []store.Count, empty string) {
		if len(cs) == 0 {
			return
		}
		parts := make([]string, 0, len(cs))
		for _, c := range cs {
			name := c.Name
			if name == "" {
				name = empty
			}
			parts = append(parts, fmt.Sprintf("%s %d", name, c.N))
		}
		fmt.Fprintf(w, "  %-9s %s\n", title+":", strings.Join(parts, " · "))
	}
	section("aliases", r.Aliases, "")
	section("outlets", r.Outlets, "(unknown)")
	section("months", r.Months, "(undated)")
	section("related", r.Related, "")
	if len(r.Contexts) > 0 {
		fmt.Fprintln(w, "  mentions:")
	}
	for _, c := range r.Contexts {
		meta := []string{c.DocID}
		if c.Outlet != "" {
			meta = append(meta, c.Outlet)
		}
		if p := formatTime(c.Published); p != nil {
			meta = append(meta, *p)
		}
		fmt.Fprintf(w, "    %s[%s]%s\n      %s\n", oneLine(c.Before)+spaceIf(c.Before), c.Text, spaceIf(c.After)+oneLine(c.After), strings.Join(meta, " · "))
	}
}

// spaceIf returns " " when s begins or ends with white space that oneLine drops.
func spaceIf(s string) string {
	if s != "" && strings.TrimSpace(s) != s {
		return " "
	}
	return ""
}

// entityJSON is the report as `dossier entity --json` prints it.
func entityJSON(r store.EntityReport) any {
	type count struct {
		Name string `json:"name"`
		N    int    `json:"n"`
	}
	counts := func(cs []store.Count) []count {
		out := []count{}
		for _, c := range cs {
			out = append(out, count{c.Name, c.N})
		}
		return out
	}
	type mention struct {
		ID        string  `json:"id"`
		Title     *string `json:"title"`
		Outlet    *string `json:"outlet"`
		Published *string `json:"published"`
		Text      string  `json:"text"`
		Before    string  `json:"before"`
		After     string  `json:"after"`
	}
	ms := []mention{}
	for _, c := range r.Contexts {
		ms = append(ms, mention{c.DocID, nullable(c.Title), nullable(c.Outlet), formatTime(c.Published), c.Text, c.Before, c.After})
	}
	return map[string]any{
		"name": r.Name, "type": r.Type, "mentions": r.Mentions, "documents": r.Docs,
		"aliases": counts(r.Aliases), "outlets": counts(r.Outlets), "months": counts(r.Months),
		"related": counts(r.Related), "contexts": ms,
	}
}
