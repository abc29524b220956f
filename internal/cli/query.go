package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// openExisting opens a database that must already exist (query commands
// never create an empty SQLite file by accident).
func openExisting(c *cobra.Command, db string) (*openedStore, error) {
	return openStore(c.Context(), db, false)
}

func newSearchCmd(stdio Stdio) *cobra.Command {
	var (
		db      string
		limit   int
		offset  int
		jsonOut bool
	)
	c := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Full-text search over titles and bodies, best matches first",
		Long: `Search runs a full-text query over the titles and bodies of stored
documents, ranked by BM25 (title matches weigh more), and prints each hit
with a snippet in which matches are [bracketed].

The query uses SQLite FTS5 syntax: words (all must match), "exact phrases",
OR, NOT, prefix* and NEAR(a b, 5).`,
		Example: `  dossier search port authority
  dossier search '"chemical spill" NOT inquiry' --limit 5`,
		Args: minArgs(1, "a QUERY"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			hits, err := st.Search(c.Context(), store.Query{Text: strings.Join(args, " "), Limit: limit, Offset: offset})
			if err != nil {
				return err
			}
			if jsonOut {
				type hit struct {
					ID        string  `json:"id"`
					Title     *string `json:"title"`
					Outlet    *string `json:"outlet"`
					Source    string  `json:"source"`
					Published *string `json:"published"`
					Snippet   string  `json:"snippet"`
					Score     float64 `json:"score"`
				}
				out := []hit{}
				for _, h := range hits {
					out = append(out, hit{h.ID, nullable(h.Title), nullable(h.Outlet), h.Source, formatTime(h.Published), h.Snippet, h.Score})
				}
				return printJSON(stdio.Out, map[string]any{"hits": out})
			}
			if len(hits) == 0 {
				fmt.Fprintln(stdio.Err, "no matches")
				return nil
			}
			for _, h := range hits {
				title := h.Title
				if title == "" {
					title = "(untitled)"
				}
				meta := []string{}
				if h.Outlet != "" {
					meta = append(meta, h.Outlet)
				}
				if p := formatTime(h.Published); p != nil {
					meta = append(meta, *p)
				}
				meta = append(meta, h.Source)
				fmt.Fprintf(stdio.Out, "%s  %s\n    %s\n    %s\n\n", h.ID, title, strings.Join(meta, " · "), oneLine(h.Snippet))
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().IntVarP(&limit, "limit", "n", 20, "hits to print")
	c.Flags().IntVar(&offset, "offset", 0, "hits to skip (for paging)")
	c.Flags().BoolVar(&jsonOut, "json", false, "print hits as JSON")
	return c
}

// docBySourcer is a store that finds a document by (part of) its source.
type docBySourcer interface {
	DocBySource(ctx context.Context, name string) (news.Doc, error)
}

// findDoc returns the document that name names: an ID, an ID prefix, or
// (part of) its source, where the store can look sources up.
func findDoc(ctx context.Context, st store.Store, name string) (news.Doc, error) {
	d, err := st.Doc(ctx, name)
	if !errors.Is(err, store.ErrNotFound) {
		return d, err
	}
	if bs, ok := st.(docBySourcer); ok && len(name) >= 4 {
		d, err = bs.DocBySource(ctx, name)
		if !errors.Is(err, store.ErrNotFound) {
			return d, err
		}
	}
	hint := ""
	if isHexDigits(name) && len(name) < 4 {
		hint = " (an ID prefix needs at least 4 hex digits)"
	}
	return news.Doc{}, fmt.Errorf("no document %q: it is not an ID, an ID prefix or part of a source%s; 'dossier search WORDS' finds documents by their text", name, hint)
}

func isHexDigits(s string) bool {
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return s != ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// shownRecord is what `dossier show --json` prints: the extract record and
// where the document sits among stories: the copy it duplicates, the stored
// copies of it, its event and storyline.
type shownRecord struct {
	record
	DuplicateOf *string  `json:"duplicate_of"`
	Copies      []string `json:"copies"`
	Event       *string  `json:"event"`
	Story       *string  `json:"story"`
}

func newShowCmd(stdio Stdio) *cobra.Command {
	var (
		db      string
		lines   bool
		raw     bool
		jsonOut bool
	)
	c := &cobra.Command{
		Use:   "show ID",
		Short: "Show one stored document, by ID, ID prefix or source file name",
		Long: `Show prints a stored document: its metadata and clean text. The document
is named by its ID, a prefix of it (at least 4 hex digits, matching one
document), or its source: the path it was read from or a part of it that
only one document's source holds, such as a file name. With --lines,
every line of a plain-text input is shown with its label (title, body,
caption, chrome). After the text come the document's time expressions with
their TIMEX3 type and value (relative ones resolved against the publication
date). With --raw, the raw bytes exactly as ingested; with
--json, the record that 'dossier extract' prints.`,
		Example: `  dossier show 9169b38b64fc2475
  dossier show 9169 --lines
  dossier show 000_7317ec7a8383834e.txt --raw`,
		Args: exactArgs(1, "an ID"),
		RunE: func(c *cobra.Command, args []string) error {
			st, err := openExisting(c, db)
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := findDoc(c.Context(), st.Store, args[0])
			if err != nil {
				return err
			}
			switch {
			case raw:
				b, err := st.Raw(c.Context(), d.ID)
				if err != nil {
					return err
				}
				_, err = stdio.Out.Write(b)
				return err
			}
			pl, err := st.Placement(c.Context(), d.ID)
			if err != nil {
				return err
			}
			if jsonOut {
				return printJSON(stdio.Out, shownRecord{newRecord(d), nullable(pl.DuplicateOf), orEmpty(pl.Copies),
					nullable(pl.Event), nullable(pl.Story)})
			}
			w := stdio.Out
			fmt.Fprintf(w, "id:        %s\nsource:    %s\nformat:    %s\n", d.ID, d.Source, d.Format)
			for _, kv := range [][2]string{{"url", d.URL}, {"title", d.Title}, {"outlet", d.Outlet}, {"author", d.Author}, {"language", d.Language}} {
				if kv[1] != "" {
					fmt.Fprintf(w, "%-10s %s\n", kv[0]+":", kv[1])
				}
			}
			if p := formatTime(d.Published); p != nil {
				from := ""
				if d.PublishedFrom != "" {
					from = " (from " + d.PublishedFrom + ")"
				}
				fmt.Fprintf(w, "published: %s%s\n", *p, from)
			}
			if len(d.Flags) > 0 {
				fmt.Fprintf(w, "flags:     %s\n", strings.Join(d.Flags, ", "))
			}
			if pl.Story != "" {
				fmt.Fprintf(w, "story:     %s (event %s)\n", pl.Story, pl.Event)
			}
			if pl.DuplicateOf != "" {
				fmt.Fprintf(w, "copy of:   %s\n", pl.DuplicateOf)
			}
			if len(pl.Copies) > 0 {
				fmt.Fprintf(w, "copies:    %s\n", strings.Join(pl.Copies, ", "))
			}
			if h := d.Headline; h != nil {
				why := stanceWords[h.Stance]
				if h.Verdict == "overstated" && h.Stance == "agree" {
					why = "agrees only through what its sources say"
				}
				fmt.Fprintf(w, "headline:  %s (the body %s)\n", h.Verdict, why)
			}
			fmt.Fprintf(w, "sentences: %d\n\n", len(d.Sentences))
			if lines {
				if d.Lines == nil {
					fmt.Fprintln(w, "(no line labels: the input was not plain text)")
				}
				for _, l := range d.Lines {
					fmt.Fprintf(w, "%4d %-7s %s\n", l.N, l.Label, l.Text)
				}
				return nil
			}
			fmt.Fprintln(w, d.Text)
			if len(d.Times) > 0 {
				fmt.Fprintf(w, "\ntimes (%d):\n", len(d.Times))
				for _, t := range d.Times {
					fmt.Fprintf(w, "  %-10s %-22s %s\n", t.Type, t.Value, oneLine(t.Text))
				}
			}
			return nil
		},
	}
	addDBFlag(c, &db)
	c.Flags().BoolVar(&lines, "lines", false, "show each line of a plain-text input with its label")
	c.Flags().BoolVar(&raw, "raw", false, "print the raw bytes exactly as ingested")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the document as JSON")
	return c
}

// stanceWords say a headline stance for readers.
var stanceWords = map[string]string{
	"agree":     "agrees with it",
	"disagree":  "disputes it",
	"discuss":   "reports it without taking a position",
	"unrelated": "is about something else",
}
