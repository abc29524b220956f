package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/brief"
	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/pipeline"
)

// briefRecord is what `dossier brief --json` prints (DESIGN.md): the
// summary and its cited sentences, plus the claims, conflicts and each
// article's headline verdict.
type briefRecord struct {
	Summary   string               `json:"summary"`
	Sentences []briefSentence      `json:"sentences"`
	Claims    []claimRecord        `json:"claims"`
	Conflicts []news.Conflict      `json:"conflicts"`
	Articles  []briefArticleRecord `json:"articles"`
}

type briefSentence struct {
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
}

type claimRecord struct {
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
}

type briefArticleRecord struct {
	ID       string         `json:"id"`
	Source   string         `json:"source"`
	Outlet   *string        `json:"outlet"`
	Title    *string        `json:"title"`
	Headline *news.Headline `json:"headline"`
}

func newBriefCmd(stdio Stdio) *cobra.Command {
	var (
		words   int
		asJSON  bool
		maxSize int64
	)
	c := &cobra.Command{
		Use:   "brief FILE...",
		Short: "Brief the given documents as one story: cited sentences, claims, conflicts, headline checks",
		Long: `Brief reads the given documents (any format extract reads), treats them as
articles about one story and prints, without touching a database: an
extractive brief within --words whose every sentence cites each article
that reports it, the claims the articles share and those only one of them
makes, conflicts between reports of the same claim (figures, dates, names,
negation), and each article's headline check.`,
		Example: `  dossier brief ../shared/seeds/*.txt
  dossier brief --json --words 80 a.html b.html`,
		Args: minArgs(1, "at least one FILE"),
		RunE: func(c *cobra.Command, args []string) error {
			docs, err := processAll(c.Context(), args, maxSize, stdio.Err)
			if err != nil {
				return err
			}
			if len(docs) == 0 {
				return fmt.Errorf("brief: no document could be read")
			}
			b := brief.Build(docs, brief.Options{Words: words})
			r := newBriefRecord(docs, b)
			if asJSON {
				return printJSON(stdio.Out, r)
			}
			printBrief(stdio.Out, docs, r)
			return nil
		},
	}
	c.Flags().IntVar(&words, "words", 100, "words budget of the brief (the last sentence may cross it)")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	c.Flags().Int64Var(&maxSize, "max-file-size", ingest.DefaultMaxFileSize, "largest input file or record read, in bytes")
	return c
}

// processAll runs the per-document stages on paths and returns the
// documents in input order; failures are reported on errw and skipped.
func processAll(ctx context.Context, paths []string, maxSize int64, errw io.Writer) ([]news.Doc, error) {
	s := &collectSink{errw: errw}
	p := pipeline.New(pipeline.Options{Rescannable: rescannable(paths), IsDocError: isDocError})
	if err := p.Run(ctx, readSource(paths, ingest.Options{MaxFileSize: maxSize}), s); err != nil {
		return nil, err
	}
	return s.docs, nil
}

type collectSink struct {
	docs []news.Doc
	errw io.Writer
}

func (s *collectSink) Emit(_ context.Context, r pipeline.Result) error {
	if r.Failure != nil {
		fmt.Fprintf(s.errw, "dossier: %s: %s: %s (skipped)\n", r.Failure.Source, r.Failure.Stage, r.Failure.Reason)
		return nil
	}
	s.docs = append(s.docs, r.Doc)
	return nil
}

func (s *collectSink) Flush(context.Context) error { return nil }

func newBriefRecord(docs []news.Doc, b news.Brief) briefRecord {
	r := briefRecord{Summary: b.Summary, Sentences: []briefSentence{}, Claims: []claimRecord{}, Conflicts: orEmpty(b.Conflicts)}
	for _, s := range b.Sentences {
		r.Sentences = append(r.Sentences, briefSentence{Text: s.Text, Sources: s.Sources})
	}
	for _, c := range b.Claims {
		r.Claims = append(r.Claims, claimRecord{Text: c.Text, Articles: c.Articles})
	}
	for _, d := range docs {
		r.Articles = append(r.Articles, briefArticleRecord{ID: d.ID, Source: d.Source,
			Outlet: nullable(d.Outlet), Title: nullable(d.Title), Headline: d.Headline})
	}
	return r
}

// printBrief writes the brief for a reader: numbered articles, the brief
// with [n] citations, shared and exclusive claims, conflicts, headlines.
func printBrief(w io.Writer, docs []news.Doc, r briefRecord) {
	num := map[string]int{}
	for i, d := range docs {
		num[d.ID] = i + 1
	}
	cite := func(ids []string) string {
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprint(num[id]))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	name := func(d news.Doc) string {
		if d.Outlet != "" {
			return d.Outlet
		}
		return filepath.Base(d.Source)
	}
	fmt.Fprintln(w, "Articles")
	for i, d := range docs {
		fmt.Fprintf(w, "  [%d] %s  %s  %q\n", i+1, d.ID, name(d), d.Title)
	}
	fmt.Fprintln(w, "\nBrief")
	for _, s := range r.Sentences {
		fmt.Fprintf(w, "  %s %s\n", s.Text, cite(s.Sources))
	}
	fmt.Fprintln(w, "\nClaims reported by several articles")
	n := 0
	for _, c := range r.Claims {
		if len(c.Articles) > 1 {
			fmt.Fprintf(w, "  %s %s\n", cite(c.Articles), c.Text)
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	fmt.Fprintln(w, "\nReported by one article only")
	for _, c := range r.Claims {
		if len(c.Articles) == 1 {
			fmt.Fprintf(w, "  %s %s\n", cite(c.Articles), c.Text)
		}
	}
	fmt.Fprintln(w, "\nConflicts")
	if len(r.Conflicts) == 0 {
		fmt.Fprintln(w, "  (none found)")
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(w, "  %s (%s): [%d] %q / [%d] %q\n", c.Kind, c.Detail, num[c.A.Doc], c.A.Text, num[c.B.Doc], c.B.Text)
	}
	fmt.Fprintln(w, "\nHeadlines")
	for i, d := range docs {
		if d.Headline == nil {
			fmt.Fprintf(w, "  [%d] no title\n", i+1)
			continue
		}
		fmt.Fprintf(w, "  [%d] %s (body %s): %q\n", i+1, d.Headline.Verdict, d.Headline.Stance, d.Title)
	}
}
