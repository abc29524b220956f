package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/eval"
)

func newEvalCmd(stdio Stdio) *cobra.Command {
	var (
		data  string
		check bool
	)
	c := &cobra.Command{
		Use:   "eval TASK",
		Short: "Score a stage on the annotated data sets (TASK: clean)",
		Long: `Eval scores one stage on the externally annotated data sets in the data
directory (by default ../shared/data, or DOSSIER_DATA) and prints each set's
figures separately, beside baselines measured in the same run and the
published figures for the set.

Tasks:
  clean   L3S-GN1 pages dumped to plain text, one block a line, through the
          plain-text cleaner (word P/R/F1 against headline + full text,
          macro over pages); AEB pages through the HTML cleaner (word F1
          against articleBody).

With --check, the exit status is 1 when a score falls below its CI floor.`,
		Example: `  dossier eval clean --data ../shared/data
  dossier eval clean --check`,
		Args: exactArgs(1, "a TASK (clean)"),
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := os.Stat(data); err != nil {
				return fmt.Errorf("data directory %s: %w (pass --data)", data, err)
			}
			var runs []func(string) (eval.Report, error)
			switch args[0] {
			case "clean":
				runs = append(runs, eval.CleanL3S, eval.CleanAEB)
			default:
				return usageError{fmt.Sprintf("unknown eval task %q (known: clean)", args[0])}
			}
			below := 0
			for _, run := range runs {
				r, err := run(data)
				if err != nil {
					return err
				}
				r.Print(stdio.Out)
				if floor, ok := eval.Floor(r.Task, r.Set); ok {
					status := "ok"
					if r.Score.F < floor {
						status = "BELOW FLOOR"
						below++
					}
					fmt.Fprintf(stdio.Out, "  CI floor F1 %.2f: %s\n", floor, status)
				}
				fmt.Fprintln(stdio.Out)
			}
			if check && below > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	def := os.Getenv("DOSSIER_DATA")
	if def == "" {
		def = "../shared/data"
	}
	c.Flags().StringVar(&data, "data", def, "directory of the evaluation data sets (env DOSSIER_DATA)")
	c.Flags().BoolVar(&check, "check", false, "exit 1 when a score is below its CI floor")
	return c
}
