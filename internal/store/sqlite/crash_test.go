package sqlite_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/google/go-cmp/cmp"
)

// crashEnv names the database a re-executed test binary ingests into until
// it is killed; see TestCrashSafety.
const crashEnv = "DOSSIER_SQLITE_CRASH_DB"

const (
	crashSeed    = 7
	crashBatch   = 32  // documents a batch
	crashBatches = 400 // the child stops here if nobody kills it
	crashKill    = 4   // committed batches the parent waits for
)

// TestCrashSafety kills (SIGKILL) a process in the middle of ingesting and
// checks that the database is intact, that every batch the process reported
// committed is stored, that no batch is stored in part, and that putting
// everything again completes the job.
func TestCrashSafety(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "news.db")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestCrashSafety$", "-test.count=1", "-test.timeout=2m")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := map[string]bool{}
	batches, killed := 0, false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if id, ok := strings.CutPrefix(line, "committed "); ok {
			committed[id] = true
		}
		if strings.HasPrefix(line, "batch ") {
			batches++
			if batches == crashKill && !killed {
				// Whatever the child printed before dying is still read below.
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	if !killed || err == nil {
		t.Fatalf("child was not killed (wait: %v); stderr:\n%s", err, stderr.String())
	}
	if batches >= crashBatches {
		t.Fatalf("child finished all %d batches before it was killed", batches)
	}
	t.Logf("killed after %d committed batches (%d documents)", batches, len(committed))

	checkIntegrity(t, path)
	db := open(t, path)
	st, err := db.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// The batch in flight may have committed without being reported.
	if st.Documents%crashBatch != 0 || st.Documents < len(committed) || st.Documents > len(committed)+crashBatch {
		t.Errorf("after the crash %d documents are stored; want %d or %d (whole batches)",
			st.Documents, len(committed), len(committed)+crashBatch)
	}
	items := corpus(crashSeed, 0, (batches+2)*crashBatch)
	for _, it := range items {
		if !committed[it.Doc.ID] {
			continue
		}
		d, err := db.Doc(t.Context(), it.Doc.ID)
		if err != nil {
			t.Fatalf("Doc(%s), reported committed: %v", it.Doc.ID, err)
		}
		if diff := cmp.Diff(it.Doc, d); diff != "" {
			t.Fatalf("Doc(%s) mismatch (-want +got):\n%s", it.Doc.ID, diff)
		}
	}
	res, err := db.Put(t.Context(), items)
	if err != nil {
		t.Fatal(err)
	}
	dups := 0
	for i, r := range res {
		if r == store.PutDuplicate {
			dups++
		}
		if committed[items[i].Doc.ID] && r != store.PutDuplicate {
			t.Errorf("Put again of %s, committed before the crash: %v, want PutDuplicate", items[i].Doc.ID, r)
		}
	}
	if dups != st.Documents {
		t.Errorf("Put again: %d duplicates, want the %d documents stored", dups, st.Documents)
	}
	if st, err := db.Stats(t.Context()); err != nil || st.Documents != len(items) {
		t.Errorf("Stats() after Put again = %+v, %v; want %d documents", st, err, len(items))
	}
	checkIntegrity(t, path)
}

// crashChild ingests the crash corpus batch by batch, printing each
// committed ID, until it is killed.
func crashChild(t *testing.T, path string) {
	db := open(t, path)
	for b := range crashBatches {
		items := corpus(crashSeed, b*crashBatch, crashBatch)
		if _, err := db.Put(t.Context(), items); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		for _, it := range items {
			fmt.Fprintf(&buf, "committed %s\n", it.Doc.ID)
		}
		fmt.Fprintf(&buf, "batch %d\n", b)
		if _, err := os.Stdout.Write(buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
}

// checkIntegrity runs SQLite's and FTS5's integrity checks on the file.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var res string
	err = db.QueryRowContext(t.Context(), `PRAGMA integrity_check`).Scan(&res)
	if err == nil && res != "ok" {
		err = fmt.Errorf("PRAGMA integrity_check: %s", res)
	}
	if err == nil {
		_, err = db.ExecContext(t.Context(), `INSERT INTO fts (fts) VALUES ('integrity-check')`)
	}
	if err := errors.Join(err, db.Close()); err != nil {
		t.Fatalf("integrity of %s: %v", path, err)
	}
}
