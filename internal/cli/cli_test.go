package cli

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	if os.Getenv(runChild) == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
	}
	testscript.Main(m, map[string]func(){
		"dossier": func() {
			os.Exit(Main(context.Background(), os.Args[1:], Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
		},
		// mkbinary FILE writes a small binary file (txtar cannot hold NUL bytes).
		"mkbinary": func() {
			if err := os.WriteFile(os.Args[1], []byte("BIN\x00\x01\x02\x03\x00\xff\xfe\x00binary\x00"), 0o644); err != nil {
				os.Exit(1)
			}
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("DOSSIER_DB", env.WorkDir+"/default.db")
			return nil
		},
	})
}
