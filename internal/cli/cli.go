package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// Stdio is the standard streams a command uses.
type Stdio struct {
	In       io.Reader
	Out, Err io.Writer
}

// exitError makes a command exit with a code, after it printed what it had to.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Main runs the dossier command with args (without the program name) and
// returns the process exit code: 0 success, 1 a failure the output describes,
// 2 a usage error.
func Main(ctx context.Context, args []string, stdio Stdio) int {
	root := newRoot(stdio)
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	if ee, ok := errors.AsType[exitError](err); ok {
		return ee.code
	}
	fmt.Fprintf(stdio.Err, "dossier: %v\n", err)
	if errors.Is(err, context.Canceled) {
		return 130
	}
	if _, ok := errors.AsType[usageError](err); ok {
		return 2
	}
	return 1
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func newRoot(stdio Stdio) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Dossier reads raw news and gives back a record you can trust",
		Long: `Dossier reads raw news (plain-text page dumps, HTML pages, WARC files,
feeds, JSON Lines), keeps the bytes verbatim, cleans each article and finds
it again by full-text search. Every fact points back to the exact span of
the clean text it came from.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Sprintf("%v (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(
		newExtractCmd(stdio),
		newIngestCmd(stdio),
		newEnqueueCmd(stdio),
		newWorkCmd(stdio),
		newMigrateStoreCmd(stdio),
		newSearchCmd(stdio),
		newShowCmd(stdio),
		newQuotesCmd(stdio),
		newEntityCmd(stdio),
		newBriefCmd(stdio),
		newServeCmd(stdio),
		newStoriesCmd(stdio),
		newStoryCmd(stdio),
		newReclusterCmd(stdio),
		newEvalCmd(stdio),
		newTrainCmd(stdio),
		newVersionCmd(stdio),
	)
	return root
}

// noArgs and friends return usage errors instead of cobra's plain errors.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Sprintf("%s needs %s (see '%s --help')", c.CommandPath(), what, c.CommandPath())}
		}
		return nil
	}
}

func minArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return usageError{fmt.Sprintf("%s needs %s (see '%s --help')", c.CommandPath(), what, c.CommandPath())}
		}
		return nil
	}
}

// defaultDB is the database used when neither --db nor DOSSIER_DB is given:
// dossier.db in the user's data directory ($XDG_DATA_HOME/dossier, else
// ~/.local/share/dossier).
func defaultDB() string {
	if v := os.Getenv("DOSSIER_DB"); v != "" {
		return v
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "dossier.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "dossier", "dossier.db")
}

// defaultDataDir is where the evaluation and training data sets are read
// from: $DOSSIER_DATA, else ../shared/data.
func defaultDataDir() string {
	if v := os.Getenv("DOSSIER_DATA"); v != "" {
		return v
	}
	return "../shared/data"
}

// printJSON writes v as indented JSON, leaving <, > and & as they are.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// dbFlagHelp describes the --db flag.
const dbFlagHelp = "database: a SQLite file path, sqlite:// DSN or postgres:// URL (env DOSSIER_DB)"

func addDBFlag(c *cobra.Command, db *string) {
	c.Flags().StringVar(db, "db", defaultDB(), dbFlagHelp)
}

func rangeArgs(lo, hi int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return usageError{fmt.Sprintf("%s needs %s (see '%s --help')", c.CommandPath(), what, c.CommandPath())}
		}
		return nil
	}
}
