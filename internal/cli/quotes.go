package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

func newQuotesCmd(stdio Stdio) *cobra.Command {
	var (
		db      string
		q       store.QuoteQuery
		jsonOut bool
	)
	c := &cobra.Command{
		Use:   "quotes --by NAME | --about TEXT",
		Short: "List stored quotes by speaker or about a subject",
		Long: `Quotes lists the direct, partial and indirect quotes found in stored
documents. --by matches the speaker (the whole name first, then any speaker
name containing it: "Zawahiri" finds "Ayman al-Zawahiri"); --about matches
the quoted words (case-insensitive). Each quote is shown with its speaker,
cue, addressee, the outlet it came through and the document it is in.`,
		Example: `  dossier quotes --by Marchetti
  dossier quotes --about "spill" --json`,
		Args: exactArgs(0, "no arguments (use --by or --about)"),
		RunE: func(c *cobra.Command, args []string) error {
			if q.By == "" && q.About == "" {
				return usageError{"dossier quotes needs --by NAME or --about TEXT (see 'dossier quotes --help')"}
			}
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			hits, err := st.Quotes(c.Context(), q)
			if err != nil {
				return err
			}
			if jsonOut {
				type hit struct {
					ID        string      `json:"id"`
					Title     *string     `json:"title"`
					Outlet    *string     `json:"outlet"`
					Source    string      `json:"source"`
					Published *string     `json:"published"`
					Quote     quoteRecord `json:"quote"`
				}
				out := []hit{}
				for _, h := range hits {
					out = append(out, hit{h.DocID, nullable(h.Title), nullable(h.Outlet), h.Source, formatTime(h.Published), quoteRecords([]news.Quote{h.Quote})[0]})
				}
				return printJSON(stdio.Out, map[string]any{"quotes": out})
			}
			if len(hits) == 0 {
				fmt.Fprintln(stdio.Err, "no quotes")
				return nil
			}
			for _, h := range hits {
				qt := h.Quote
				who := qt.Speaker
				if who == "" {
					who = "(unknown speaker)"
				}
				line := fmt.Sprintf("%s %s", who, qt.Cue)
				if qt.Addressee != "" {
					line += " " + qt.Addressee
				}
				if qt.Via != "" {
					line += " (via " + qt.Via + ")"
				}
				fmt.Fprintf(stdio.Out, "%s [%s]:\n    “%s”\n", strings.TrimSpace(line), qt.Kind, oneLine(qt.Text))
				meta := []string{h.DocID}
				if h.Outlet != "" {
					meta = append(meta, h.Outlet)
				}
				if p := formatTime(h.Published); p != nil {
					meta = append(meta, *p)
				}
				if h.Title != "" {
					meta = append(meta, h.Title)
				}
				fmt.Fprintf(stdio.Out, "    %s\n\n", strings.Join(meta, " · "))
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().StringVar(&q.By, "by", "", "speaker name (whole or part)")
	c.Flags().StringVar(&q.About, "about", "", "words in the quote")
	c.Flags().IntVarP(&q.Limit, "limit", "n", 50, "quotes to print")
	c.Flags().IntVar(&q.Offset, "offset", 0, "quotes to skip (for paging)")
	c.Flags().BoolVar(&jsonOut, "json", false, "print quotes as JSON")
	return c
}
