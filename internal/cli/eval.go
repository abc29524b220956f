package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/eval"
)

// evalTasks are the evaluations `dossier eval` runs, each set on its own.
var evalTasks = map[string][]func(string) ([]eval.Report, error){
	"clean":  {one(eval.CleanL3S), one(eval.CleanAEB), eval.CleanWCXB},
	"ner":    {one(eval.NER)},
	"quotes": {one(eval.Quotes)},
	"all":    {one(eval.CleanL3S), one(eval.CleanAEB), eval.CleanWCXB, one(eval.NER), one(eval.Quotes)},
}

// one adapts an evaluation that gives one report.
func one(f func(string) (eval.Report, error)) func(string) ([]eval.Report, error) {
	return func(dir string) ([]eval.Report, error) {
		r, err := f(dir)
		if err != nil {
			return nil, err
		}
		return []eval.Report{r}, nil
	}
}

func newEvalCmd(stdio Stdio) *cobra.Command {
	var (
		data  string
		check bool
	)
	c := &cobra.Command{
		Use:   "eval TASK",
		Short: "Score a stage on the annotated data sets (TASK: clean, ner, quotes, all)",
		Long: `Eval scores one stage on the externally annotated data sets in the data
directory (by default ../shared/data, or DOSSIER_DATA) and prints each set's
figures separately, beside baselines measured in the same run and the
published figures for the set.

Tasks:
  clean   L3S-GN1 pages dumped to plain text, one block a line, through the
          plain-text cleaner (word P/R/F1 against headline + full text,
          macro over pages); AEB pages through the HTML cleaner (word F1
          against articleBody); WCXB dev pages through both (dumped to
          text for the plain-text path), word F1 against main_content by
          page type, beside keep-every-line, our rules alone and
          go-trafilatura alone, tuning (even ids) and held-out halves.
  ner     CoNLL++ test through our recognizer: entity-level precision,
          recall and F1 per type and overall, with jdkato/prose/v3's NER
          scored on the same test beside it.
  quotes  PolNeAR dev: direct quotes (P/R/F1, content overlap of at least
          half), speaker accuracy, and all attributions.
  all     every task above.

With --check, the exit status is 1 when a score falls below its CI floor.`,
		Example: `  dossier eval clean --data ../shared/data
  dossier eval clean --check`,
		Args: exactArgs(1, "a TASK (clean, ner, quotes, all)"),
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := os.Stat(data); err != nil {
				return fmt.Errorf("data directory %s: %w (pass --data)", data, err)
			}
			runs, ok := evalTasks[args[0]]
			if !ok {
				return usageError{fmt.Sprintf("unknown eval task %q (known: clean, ner, quotes, all)", args[0])}
			}
			below := 0
			for _, run := range runs {
				reps, err := run(data)
				if err != nil {
					return err
				}
				for _, r := range reps {
					r.Print(stdio.Out)
					if floor, ok := eval.Floor(r.Task, r.Set); ok {
						status := "ok"
						if r.Score.F < floor {
							status = "BELOW FLOOR"
							below++
						}
						fmt.Fprintf(stdio.Out, "  CI floor F1 %.2f: %s\n", floor, status)
					}
					for _, m := range r.Measures {
						if floor, ok := eval.Floor(r.Task, r.Set+" "+m.Name); ok {
							status := "ok"
							if m.Value < floor {
								status = "BELOW FLOOR"
								below++
							}
							fmt.Fprintf(stdio.Out, "  CI floor %s %.2f: %s (%.3f)\n", m.Name, floor, status, m.Value)
						}
					}
					fmt.Fprintln(stdio.Out)
				}
			}
			if check && below > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	c.Flags().StringVar(&data, "data", defaultDataDir(), "directory of the evaluation data sets (env DOSSIER_DATA)")
	c.Flags().BoolVar(&check, "check", false, "exit 1 when a score is below its CI floor")
	return c
}
