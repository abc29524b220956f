package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/dossier-news/dossier/internal/store/postgres"
	"github.com/dossier-news/dossier/internal/store/sqlite"
)

func newMigrateStoreCmd(stdio Stdio) *cobra.Command {
	var (
		batch   int
		jsonOut bool
	)
	c := &cobra.Command{
		Use:   "migrate-store SQLITE POSTGRES",
		Short: "Copy a SQLite database into PostgreSQL, resuming an interrupted copy",
		Long: `Migrate-store copies everything a SQLite database holds into a PostgreSQL
database: raw bytes verbatim, every document with its entities, quotes and
other fields and its place among stories, the users' entity and story edits
(applied as they were) and watches, and the recorded failures. Past alerts
are not copied. Documents go across in batches, each committed with a
note of how far the copy got, so a copy that is interrupted resumes where it
stopped when run again; running it again after it finished copies only the
documents and edits the SQLite database gained since (failures are copied
once, at the end of the first complete copy). Documents already in
PostgreSQL (by ID) are left as they are.`,
		Example: `  dossier migrate-store ~/.local/share/dossier/dossier.db postgres://dossier@db/news`,
		Args:    exactArgs(2, "a SQLite database and a postgres:// URL"),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			src, err := openStore(ctx, args[0], false)
			if err != nil {
				return err
			}
			defer src.Close()
			lite, ok := src.Store.(*sqlite.DB)
			if !ok {
				return usageError{fmt.Sprintf("%s is not a SQLite database", displayDB(args[0]))}
			}
			dst, err := openPostgres(ctx, args[1])
			if err != nil {
				return err
			}
			defer dst.Close()
			key, err := filepath.Abs(src.name)
			if err != nil {
				return err
			}
			sum, err := migrateStore(ctx, lite, dst, key, batch, func(n int) error {
				if !jsonOut {
					fmt.Fprintf(stdio.Err, "migrate-store: %d documents copied\r", n)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if jsonOut {
				return printJSON(stdio.Out, sum)
			}
			fmt.Fprintf(stdio.Out, "copied %d documents (%d new, %d already there), %d entity edits, %d failures; PostgreSQL holds %d documents and %d failures\n",
				sum.Copied, sum.New, sum.Copied-sum.New, sum.Edits, sum.Failures, sum.Documents, sum.StoredFailures)
			return nil
		},
	}
	c.Flags().IntVar(&batch, "batch", 200, "documents copied per transaction")
	c.Flags().BoolVar(&jsonOut, "json", false, "print the summary as JSON")
	return c
}

type migrateSummary struct {
	Copied         int `json:"copied"`
	New            int `json:"new"`
	Edits          int `json:"edits"`
	Failures       int `json:"failures"`
	Documents      int `json:"documents"`
	StoredFailures int `json:"stored_failures"`
}

// migrateStore copies src into dst under the name key, resuming after the
// last batch a previous copy of key committed: edits first (so that each
// document is written with them applied, as src applies them), then the
// documents in the order src stored them, then the failures. after is
// called with the documents copied so far after each committed batch; its
// error stops the copy.
func migrateStore(ctx context.Context, src *sqlite.DB, dst *postgres.DB, key string, batch int, after func(int) error) (migrateSummary, error) {
	var sum migrateSummary
	if batch <= 0 {
		batch = 200
	}
	state, err := dst.ImportState(ctx, key)
	if err != nil {
		return sum, err
	}
	edits, err := src.EntityEdits(ctx)
	if err != nil {
		return sum, err
	}
	if err := dst.ImportEdits(ctx, key, edits); err != nil {
		return sum, err
	}
	sedits, err := src.StoryEdits(ctx)
	if err != nil {
		return sum, err
	}
	if err := dst.ImportStoryEdits(ctx, key, sedits); err != nil {
		return sum, err
	}
	ws, err := src.Watches(ctx)
	if err != nil {
		return sum, err
	}
	if err := dst.ImportWatches(ctx, key, ws); err != nil {
		return sum, err
	}
	sum.Edits = max(len(edits)-state.Edits, 0)
	seq := state.LastSeq
	for {
		items, last, err := src.Export(ctx, seq, batch)
		if err != nil {
			return sum, err
		}
		if len(items) == 0 {
			break
		}
		res, err := dst.Import(ctx, key, items, last)
		if err != nil {
			return sum, err
		}
		seq = last
		sum.Copied += len(items)
		for _, r := range res {
			if r == store.PutNew {
				sum.New++
			}
		}
		if err := after(sum.Copied); err != nil {
			return sum, err
		}
	}
	if !state.Failures {
		fs, err := src.Failures(ctx, 0)
		if err != nil {
			return sum, err
		}
		slices.Reverse(fs) // oldest first, so they keep their order
		if err := dst.ImportFailures(ctx, key, fs); err != nil {
			return sum, err
		}
		sum.Failures = len(fs)
	}
	st, err := dst.Stats(ctx)
	if err != nil {
		return sum, err
	}
	sum.Documents, sum.StoredFailures = st.Documents, st.Failures
	return sum, nil
}
