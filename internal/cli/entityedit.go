package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/store"
)

// entityEditCmds are `dossier entity rename|merge|split|edits`: users'
// corrections of entity linking, kept in the database and applied to every
// document written afterwards (they survive re-ingest and re-training).
func entityEditCmds(stdio Stdio, db *string) []*cobra.Command {
	edit := func(c *cobra.Command, e store.EntityEdit) error {
		st, err := openExisting(c, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		n, err := st.EditEntity(c.Context(), e)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdio.Out, "%s: %d mentions changed; the edit also applies to documents ingested from now on\n", e.Kind, n)
		return nil
	}
	rename := &cobra.Command{
		Use:   "rename NAME NEW-NAME",
		Short: "Give an entity a new canonical name",
		Args:  exactArgs(2, "NAME and NEW-NAME"),
		RunE: func(c *cobra.Command, args []string) error {
			return edit(c, store.EntityEdit{Kind: store.EditRename, Name: args[0], To: args[1]})
		},
	}
	merge := &cobra.Command{
		Use:     "merge NAME INTO-NAME",
		Short:   "Merge an entity into another (its mentions take the other's name)",
		Example: `  dossier entity merge Zawahri "Ayman al-Zawahiri"`,
		Args:    exactArgs(2, "NAME and INTO-NAME"),
		RunE: func(c *cobra.Command, args []string) error {
			return edit(c, store.EntityEdit{Kind: store.EditRename, Name: args[0], To: args[1]})
		},
	}
	split := &cobra.Command{
		Use:     "split NAME FORM NEW-NAME",
		Short:   "Take the mentions written FORM out of an entity into a new one",
		Example: `  dossier entity split Clinton "Bill Clinton" "Bill Clinton"`,
		Args:    exactArgs(3, "NAME, FORM and NEW-NAME"),
		RunE: func(c *cobra.Command, args []string) error {
			return edit(c, store.EntityEdit{Kind: store.EditSplit, Name: args[0], Form: args[1], To: args[2]})
		},
	}
	list := &cobra.Command{
		Use:   "edits",
		Short: "List the entity edits in the order they were made",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, *db)
			if err != nil {
				return err
			}
			defer st.Close()
			edits, err := st.EntityEdits(c.Context())
			if err != nil {
				return err
			}
			if len(edits) == 0 {
				fmt.Fprintln(stdio.Err, "no edits")
			}
			for _, e := range edits {
				when := ""
				if p := formatTime(e.Time); p != nil {
					when = *p + "  "
				}
				if e.Kind == store.EditSplit {
					fmt.Fprintf(stdio.Out, "%ssplit  %q written %q -> %q\n", when, e.Name, e.Form, e.To)
				} else {
					fmt.Fprintf(stdio.Out, "%srename %q -> %q\n", when, e.Name, e.To)
				}
			}
			return nil
		},
	}
	return []*cobra.Command{rename, merge, split, list}
}
