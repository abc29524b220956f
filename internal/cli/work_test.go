package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testPostgres returns a DSN for a new, empty schema of the test server,
// dropped when the test ends, or skips the test when no server is set.
func testPostgres(t *testing.T) string {
	t.Helper()
	base := os.Getenv("DOSSIER_TEST_POSTGRES")
	if base == "" {
		t.Skip("DOSSIER_TEST_POSTGRES is not set (a postgres:// DSN of a throw-away database; see scripts/pg-throwaway.sh)")
	}
	schema := fmt.Sprintf("dossier_cli_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	conn, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop schema: %v", err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestWork_KilledWorker runs two `dossier work` processes on one queue,
// kills one with SIGKILL mid-run, and checks that the other finishes the
// job: every document stored once and whole, byte for byte, the queue
// empty, and the failures (an unreadable file, an empty one) listed.
func TestWork_KilledWorker(t *testing.T) {
	dsn := testPostgres(t)
	dir := t.TempDir()
	const n = 600
	for i := range n {
		text := fmt.Sprintf("Tram line %d reopens\n\nThe tram on line %d ran again on Thursday after the council of Orvale replaced %d metres of track, a spokeswoman for the operator said.\n\nPassengers had taken buses for %d weeks.\n", i, i, 10+i, i%9+2)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "blob.bin"), []byte("BIN\x00\x01\x02\x00\xff\xfe\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := Main(t.Context(), args, Stdio{In: strings.NewReader(""), Out: &out, Err: &errOut}); code != 0 {
			t.Fatalf("dossier %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
		}
		return out.String()
	}
	if out := run("enqueue", "--db", dsn, dir); !strings.Contains(out, fmt.Sprintf("%d queued", n)) || !strings.Contains(out, "2 failed") {
		t.Fatalf("enqueue: %s", out)
	}

	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], "work", "--db", dsn, "--until-empty", "--batch", "10", "--workers", "1",
			"--lease", "3s", "--poll", "100ms", "--json")
		cmd.Env = append(os.Environ(), runChild+"=1")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	victim, vout := start()
	survivor, sout := start()
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	count := func(query string) int {
		t.Helper()
		var k int
		if err := conn.QueryRow(t.Context(), query).Scan(&k); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return k
	}
	deadline := time.Now().Add(2 * time.Minute)
	for count(`SELECT count(*) FROM documents`) < 60 {
		if time.Now().After(deadline) {
			victim.Process.Kill()
			survivor.Process.Kill()
			t.Fatalf("workers stored nothing in 2 minutes:\n%s\n%s", vout, sout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := victim.Wait(); err == nil {
		t.Fatalf("the victim finished before it was killed; make the corpus larger:\n%s", vout)
	}
	if err := survivor.Wait(); err != nil {
		t.Fatalf("survivor: %v\n%s", err, sout)
	}

	if got := count(`SELECT count(*) FROM raw`); got != n {
		t.Errorf("%d documents stored, want %d", got, n)
	}
	if got := count(`SELECT count(*) FROM raw r LEFT JOIN documents d ON d.seq = r.seq WHERE d.seq IS NULL`); got != 0 {
		t.Errorf("%d raw rows without their document (half-written)", got)
	}
	if got := count(`SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.seq = d.seq)`); got != 0 {
		t.Errorf("%d documents without their entity mentions (half-written)", got)
	}
	if got := count(`SELECT count(*) FROM queue`); got != 0 {
		t.Errorf("%d documents left in the queue", got)
	}
	rows, err := conn.Query(t.Context(), `SELECT d.source, r.bytes FROM documents d JOIN raw r ON r.seq = d.seq`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var (
			src string
			raw []byte
		)
		if err := rows.Scan(&src, &raw); err != nil {
			t.Fatal(err)
		}
		if want, err := os.ReadFile(src); err != nil || !bytes.Equal(raw, want) {
			t.Errorf("%s: stored raw bytes differ from the file (%v)", src, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	fails := run("work", "--db", dsn, "--until-empty") // nothing left to do
	if !strings.Contains(fails, "0 documents") {
		t.Errorf("a third worker found work: %s", fails)
	}
	var listed []string
	frows, err := conn.Query(t.Context(), `SELECT source, stage FROM failures ORDER BY source`)
	if err != nil {
		t.Fatal(err)
	}
	for frows.Next() {
		var src, stage string
		if err := frows.Scan(&src, &stage); err != nil {
			t.Fatal(err)
		}
		listed = append(listed, filepath.Base(src)+":"+stage)
	}
	if len(listed) != 2 || !strings.HasPrefix(listed[0], "blob.bin:") || !strings.HasPrefix(listed[1], "empty.txt:") {
		t.Errorf("failures listed = %v, want blob.bin and empty.txt", listed)
	}
}
