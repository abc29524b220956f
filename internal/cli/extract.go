package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/pipeline"
)

func newExtractCmd(stdio Stdio) *cobra.Command {
	var (
		published publishedFlag
		workers   int
		maxSize   int64
		pretty    bool
	)
	c := &cobra.Command{
		Use:   "extract [FILE|DIR|GLOB|-]...",
		Short: "Run every per-document stage and print one JSON object per document",
		Long: `Extract reads documents (files, directories recursively, glob patterns, or
"-" for standard input; plain text, HTML, WARC, RSS/Atom/JSON feeds, JSON
Lines, sniffed from content), runs every per-document stage without a
database, and prints one JSON object per document (JSON Lines) in input
order. A document that cannot be read or processed is printed as
{"id","source","error":{"stage","reason"}} and the run goes on; the exit
status is 1 if any document failed.

Offsets in "sentences", "paragraphs", "entities", "quotes", "citations" and
"times" are byte offsets into "text". "lines" is present for plain-text input.`,
		Example: `  dossier extract ../shared/seeds/*.txt
  dossier extract examples/corpus > out.jsonl
  cat page.html | dossier extract -`,
		Args: minArgs(1, "at least one FILE, DIR, GLOB or -"),
		RunE: func(c *cobra.Command, args []string) error {
			out := bufio.NewWriterSize(stdio.Out, 64<<10)
			s := &extractSink{enc: json.NewEncoder(out), out: out}
			if pretty {
				s.enc.SetIndent("", "  ")
			}
			s.enc.SetEscapeHTML(false)
			p := pipeline.New(pipeline.Options{
				Workers:     workers,
				Rescannable: rescannable(args),
				IsDocError:  isDocError,
			})
			err := p.Run(c.Context(), withPublished(readSource(args, ingest.Options{MaxFileSize: maxSize}), published.t), s)
			if ferr := out.Flush(); err == nil {
				err = ferr
			}
			if err != nil {
				return err
			}
			if s.failed > 0 {
				fmt.Fprintf(stdio.Err, "dossier extract: %d of %d documents failed (see their \"error\" objects)\n", s.failed, s.n)
				return exitError{1}
			}
			return nil
		},
	}
	c.Flags().IntVarP(&workers, "workers", "j", 0, "documents processed at once (default: number of CPUs)")
	c.Flags().Int64Var(&maxSize, "max-file-size", ingest.DefaultMaxFileSize, "largest input file or record read, in bytes")
	c.Flags().Var(&published, "published", publishedUsage)
	c.Flags().BoolVar(&pretty, "pretty", false, "indent the JSON (no longer one object per line)")
	return c
}

type extractSink struct {
	enc       *json.Encoder
	out       *bufio.Writer
	n, failed int
}

func (s *extractSink) Emit(_ context.Context, r pipeline.Result) error {
	s.n++
	if r.Failure != nil {
		s.failed++
		return s.enc.Encode(newFailureRecord(r.Failure))
	}
	return s.enc.Encode(newRecord(r.Doc))
}

func (s *extractSink) Flush(context.Context) error { return s.out.Flush() }
