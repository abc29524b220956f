package cli

import (
	"bufio"
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// runChild, set in the environment, makes the test binary run dossier itself
// (see TestMain) so that a test can kill a real ingest process.
const runChild = "DOSSIER_TEST_RUN_MAIN"

// TestIngest_KilledMidway kills `dossier ingest` with SIGKILL while it writes,
// then checks that the database is intact, that everything committed before
// the kill is still there byte for byte, and that running the same ingest
// again finishes the job, counting the stored documents as duplicates.
func TestIngest_KilledMidway(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	const n = 4000
	for i := range n {
		sub := filepath.Join(corpus, fmt.Sprintf("%02d", i/200))
		if i%200 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		text := fmt.Sprintf("Ferry service %d resumes\n\nThe ferry on route %d returned to service on Monday after repairs to its ramp, the operator said.\n\nCommuters had used a bus link for %d days while the work went on.\n", i, i, i%30+2)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "news.db")

	cmd := exec.Command(os.Args[0], "ingest", "--db", db, "--batch", "20", "--workers", "1", "--progress", "none", corpus)
	cmd.Env = append(os.Environ(), runChild+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once some batches are committed, well before the end.
	deadline := time.Now().Add(60 * time.Second)
	for committed(t, db) < 100 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("child committed nothing in 60s; stderr:\n%s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if err == nil {
		t.Fatalf("child finished before it was killed; make the corpus larger")
	}

	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v after the kill", check, err)
	}
	stored := 0
	rows, err := conn.Query("SELECT d.source, r.bytes FROM documents d JOIN raw r ON r.id = d.id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var src string
		var raw []byte
		if err := rows.Scan(&src, &raw); err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(raw, want) {
			t.Errorf("%s: stored raw bytes differ from the file after the kill", src)
		}
		stored++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if stored == 0 || stored >= n {
		t.Fatalf("%d documents stored at the kill, want some but not all %d", stored, n)
	}

	var out, errOut bytes.Buffer
	code := Main(t.Context(), []string{"ingest", "--db", db, "--progress", "none", corpus}, Stdio{In: strings.NewReader(""), Out: &out, Err: &errOut})
	if code != 0 {
		t.Fatalf("rerun exit %d\n%s%s", code, out.String(), errOut.String())
	}
	first, _ := bufio.NewReader(&out).ReadString('\n')
	want := fmt.Sprintf("%d new, %d duplicate, 0 failed", n-stored, stored)
	if !strings.Contains(first, want) {
		t.Errorf("rerun summary %q, want %q", first, want)
	}
}

// committed counts the documents another process has committed so far.
func committed(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return 0
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM documents").Scan(&n); err != nil {
		return 0
	}
	return n
}
