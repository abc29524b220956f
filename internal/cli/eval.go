package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/eval"
)

// evalTasks are the evaluations `dossier eval` runs, each set on its own.
var evalTasks = map[string][]func(string) ([]eval.Report, error){
	"clean":      {one(eval.CleanL3S), one(eval.CleanAEB), eval.CleanWCXB},
	"ner":        {one(eval.NER)},
	"quotes":     {one(eval.Quotes), one(eval.QuotesTrain)},
	"timex":      {eval.Timex},
	"dates":      {eval.Dates},
	"cluster":    {one(eval.ClusterECB), one(eval.ClusterMultiNews)},
	"dedup":      {one(eval.DedupReplicate), one(eval.DedupBBC)},
	"headline":   {one(eval.Headline)},
	"brief":      {one(eval.Brief)},
	"brief-tune": {one(eval.BriefTune)},
	"all": {one(eval.CleanL3S), one(eval.CleanAEB), eval.CleanWCXB, one(eval.NER), one(eval.Quotes), eval.Timex, eval.Dates,
		one(eval.ClusterECB), one(eval.ClusterMultiNews), one(eval.DedupReplicate), one(eval.DedupBBC),
		one(eval.Headline), one(eval.Brief)},
}

// one adapts an evaluation of one set to the list form.
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
		Short: "Score a stage on the annotated data sets (TASK: clean, ner, quotes, timex, dates, cluster, dedup, headline, brief, all)",
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
          half), speaker accuracy, and all attributions (direct and
          indirect: P/R/F1 and speaker accuracy); then the same on
          PolNeAR train, the split the rules are tuned on.
  timex   TempEval-3 task A on TimeBank and AQUAINT (each, then both):
          relaxed and strict span P/R/F1 and value F1 (relaxed F1 x value
          accuracy), relative expressions resolved against each document's
          creation time.
  dates   article dates: on AEB and L3S-GN1 pages dumped to text, how often
          the plain-text path finds the same day as the HTML path's
          metadata; on WCXB dev pages, both paths against the gold
          publish_date.
  cluster ECB+ topics 1-24 (held out: even topics) and Multi-News dev
          (held out: clusters 501-1000) streamed through near-duplicate
          detection and the story index: event B-cubed P/R/F1, pairwise
          F1, mean of three random arrival orders and their spread, beside
          a greedy TF-IDF centroid baseline run on the same documents.
  dedup   near-duplicates: edited copies of the BBC articles (as
          scripts/replicate makes them) against their originals, and the
          BBC corpus as is (its byte-identical duplicates are the gold).
  headline  FNC-1 dev (Body ID % 5 == 0): the official FNC score as a share
          of the best possible, per-class and macro F1, beside a
          features-only baseline trained in the same run.
  brief   Multi-News dev, odd cluster ids: ROUGE-1/-2/-L F1 of each brief
          capped at its reference's length, beside the round-robin lead
          baseline ("brief-tune": the even ids, the part tuned on).
  all     every task above.

With --check, the exit status is 1 when a score falls below its CI floor.`,
		Example: `  dossier eval clean --data ../shared/data
  dossier eval clean --check`,
		Args: exactArgs(1, "a TASK (clean, ner, quotes, timex, dates, cluster, dedup, headline, brief, all)"),
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := os.Stat(data); err != nil {
				return fmt.Errorf("data directory %s: %w (pass --data)", data, err)
			}
			runs, ok := evalTasks[args[0]]
			if !ok {
				return usageError{fmt.Sprintf("unknown eval task %q (known: clean, ner, quotes, timex, dates, cluster, dedup, headline, brief, all)", args[0])}
			}
			below := 0
			for _, run := range runs {
				rs, err := run(data)
				if err != nil {
					return err
				}
				for _, r := range rs {
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
