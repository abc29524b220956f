package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/ingest"
	"github.com/dossier-news/dossier/internal/news"
)

func TestDocuments_Dir(t *testing.T) {
	root := filepath.Join("testdata", "tree")
	got := collect(t, ingest.Documents(t.Context(), []string{root}, ingest.Options{}))
	want := []doc{
		{Source: "testdata/tree/a-plain.txt", Format: "text", Body: "text",
			Raw: "Bridge reopens\n\nThe harbour bridge reopened on Monday.\n", Group: "testdata/tree"},
		{Source: "testdata/tree/b-page.html", Format: "html", Body: "html",
			Raw: "<html><head><title>Tram</title></head><body><p>Trams run again.</p></body></html>\n", Group: "testdata/tree"},
		{Source: "testdata/tree/nested/c.jsonl#L1", Format: "jsonl", Body: "text", Raw: "Nested line.",
			URL: "https://wire.example.com/n", Group: "wire.example.com"},
		{Source: "testdata/tree/nested/deeper/d.txt", Format: "text", Body: "text", Raw: "Deep text.\n",
			Group: "testdata/tree/nested/deeper"},
		errDoc("testdata/tree/nested/empty.txt", "empty file"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Documents(%q) mismatch (-want +got):\n%s", root, diff)
	}
}

func TestDocuments_Paths(t *testing.T) {
	for _, tt := range []struct {
		name  string
		paths []string
		want  []string // sources, errors as "source: reason"
	}{
		{"missing file, then a file",
			[]string{"testdata/nope.txt", "testdata/tree/a-plain.txt"},
			[]string{"testdata/nope.txt: no such file or directory", "testdata/tree/a-plain.txt"}},
		{"glob",
			[]string{"testdata/tree/*.txt", "testdata/tree/nested/*"},
			[]string{"testdata/tree/a-plain.txt", "testdata/tree/nested/c.jsonl#L1",
				"testdata/tree/nested/deeper/d.txt", "testdata/tree/nested/empty.txt: empty file"}},
		{"glob without match",
			[]string{"testdata/tree/*.pdf"},
			[]string{"testdata/tree/*.pdf: no such file or directory (no match for the pattern)"}},
		{"hidden file named explicitly",
			[]string{"testdata/tree/.dotfile.txt"},
			[]string{"testdata/tree/.dotfile.txt"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range collect(t, ingest.Documents(t.Context(), tt.paths, ingest.Options{})) {
				if d.Err != "" {
					got = append(got, d.Source+": "+d.Err)
				} else {
					got = append(got, d.Source)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Documents(%q) mismatch (-want +got):\n%s", tt.paths, diff)
			}
		})
	}
}

func TestDocuments_SymlinkedDir(t *testing.T) {
	abs, err := filepath.Abs("testdata/tree/nested/deeper")
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(abs, link); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	got := collect(t, ingest.Documents(t.Context(), []string{link}, ingest.Options{}))
	want := []doc{{Source: filepath.Join(link, "d.txt"), Format: "text", Body: "text", Raw: "Deep text.\n", Group: link}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Documents(%q) mismatch (-want +got):\n%s", link, diff)
	}
}

func TestDocuments_Cancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var n, ctxErrs int
	for a, err := range ingest.Documents(ctx, []string{"testdata/tree", "testdata/warc"}, ingest.Options{}) {
		if err != nil {
			if _, ok := errors.AsType[*ingest.Error](err); ok {
				continue
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Documents: error %v, want context.Canceled", err)
			}
			ctxErrs++
			continue
		}
		n++
		if n == 2 {
			cancel()
		}
		_ = a
	}
	if n != 2 || ctxErrs != 1 {
		t.Errorf("Documents after cancel: %d documents and %d context errors, want 2 and 1", n, ctxErrs)
	}
}

func TestDocuments_Verbatim(t *testing.T) {
	raw := []byte("\xEF\xBB\xBFHeadline\r\n\r\nCaf\xE9 body in Latin-1.\r\n")
	p := filepath.Join(t.TempDir(), "page.txt")
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	for a, err := range ingest.Documents(t.Context(), []string{p}, ingest.Options{}) {
		if err != nil {
			t.Fatalf("Documents(%q): %v", p, err)
		}
		if !bytes.Equal(a.Raw, raw) || a.ID != news.ID(raw) || a.Body != news.FormatText {
			t.Errorf("Documents(%q) = Raw %q ID %s Body %v, want Raw %q ID %s Body text", p, a.Raw, a.ID, a.Body, raw, news.ID(raw))
		}
	}
}

func TestSplit_Stdin(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []doc
	}{
		{"text", "Plain words.\n", []doc{{Source: "-", Format: "text", Body: "text", Raw: "Plain words.\n", Group: "-"}}},
		{"json lines", "{\"title\":\"T\",\"text\":\"A\"}\n{\"text\":\"B\"}",
			[]doc{
				{Source: "-#L1", Format: "jsonl", Body: "text", Raw: "A", Title: "T", Group: "-"},
				{Source: "-#L2", Format: "jsonl", Body: "text", Raw: "B", Group: "-"},
			}},
		{"json lines field types", "{\"html\":null,\"text\":\"A\"}\n{\"text\":5}\n{\"html\":\" \"}",
			[]doc{
				{Source: "-#L1", Format: "jsonl", Body: "text", Raw: "A", Group: "-"},
				errDoc("-#L2", `"text" is not a string`),
				errDoc("-#L3", `empty "html" field`),
			}},
		{"empty", "", []doc{errDoc("-", "empty file")}},
		{"binary", "\x00\x01\x02", []doc{errDoc("-", "binary file (not text, HTML, WARC, feed or JSON Lines)")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, ingest.Split(t.Context(), "-", strings.NewReader(tt.in), ingest.Options{}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDocuments_Gzip(t *testing.T) {
	bridge := "<!doctype html><html><head><title>Harbour bridge reopens</title></head><body><p>The harbour bridge reopened on Monday after repairs.</p></body></html>"
	got := collect(t, ingest.Documents(t.Context(), []string{"testdata/gz"}, ingest.Options{}))
	want := []doc{
		{Source: "testdata/gz/notes.jsonl.gz#L1", Format: "jsonl", Body: "text", Raw: "First note.",
			URL: "https://notes.example.com/1", Group: "notes.example.com"},
		{Source: "testdata/gz/notes.jsonl.gz#L2", Format: "jsonl", Body: "text", Raw: "Second note.",
			URL: "https://notes.example.com/2", Group: "notes.example.com"},
		{Source: "testdata/gz/page.html.gz", Format: "html", Body: "html", Raw: bridge, Group: "testdata/gz"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Documents(testdata/gz) mismatch (-want +got):\n%s", diff)
	}
}

func TestDocuments_Limits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// 73.2 MB that sniff as text; the sparse rest is never read.
	if _, err := f.WriteString(strings.Repeat("words ", 2000)); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(76_755_353); err != nil {
		t.Fatal(err)
	}
	f.Close()

	small := ingest.Options{MaxFileSize: 100}
	for _, tt := range []struct {
		name string
		in   string // file contents, or "" to read big
		opts ingest.Options
		want []string // sources, errors as "source: reason"
	}{
		{"file over the default limit", "", ingest.Options{},
			[]string{big + ": file is 73.2 MB, over the 50 MB limit (--max-file-size)"}},
		{"file within the limit", strings.Repeat("x", 100), small, []string{"f"}},
		{"file over a small limit", strings.Repeat("x", 101), small,
			[]string{"f: file is 101 bytes, over the 100 bytes limit (--max-file-size)"}},
		{"json lines line over the record limit",
			`{"text":"` + strings.Repeat("x", 200) + "\"}\n{\"text\":\"short\"}\n", small,
			[]string{"f#L1: line is over the 100 bytes limit (--max-file-size)", "f#L2"}},
		{"json lines file over the file limit", strings.Repeat("{\"text\":\"a line\"}\n", 10), small,
			[]string{"f#L1", "f#L2", "f#L3", "f#L4", "f#L5", "f#L6", "f#L7", "f#L8", "f#L9", "f#L10"}},
		{"feed item over the record limit",
			`<rss><channel><item><description>` + strings.Repeat("y", 120) + `</description></item>` +
				`<item><description>ok</description></item></channel></rss>`,
			ingest.Options{MaxFileSize: 100, MaxFeedSize: 1000},
			[]string{"f#item1: feed item is 120 bytes, over the 100 bytes limit (--max-file-size)", "f#item2"}},
		{"feed over the feed limit",
			`<rss><channel><item><description>` + strings.Repeat("y", 120) + `</description></item></channel></rss>`,
			ingest.Options{MaxFeedSize: 100},
			[]string{"f: feed is 190 bytes, over the 100 bytes limit for feeds (4 × --max-file-size)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := big
			if tt.in != "" {
				p = filepath.Join(t.TempDir(), "f")
				if err := os.WriteFile(p, []byte(tt.in), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, d := range collect(t, ingest.Documents(t.Context(), []string{p}, tt.opts)) {
				s := strings.TrimPrefix(d.Source, filepath.Dir(p)+string(filepath.Separator))
				if d.Err != "" {
					s += ": " + d.Err
				}
				got = append(got, s)
			}
			want := tt.want
			if tt.in == "" {
				want = []string{strings.TrimPrefix(want[0], dir+string(filepath.Separator))}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Documents(%s) mismatch (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

func TestSplit_LimitsOnStreams(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		opts     ingest.Options
		want     []doc
	}{
		{"text over the limit", strings.Repeat("z", 50), ingest.Options{MaxFileSize: 10},
			[]doc{errDoc("-", "input is over the 10 bytes limit (--max-file-size)")}},
		{"feed over the limit", "<feed>" + strings.Repeat("z", 50) + "</feed>", ingest.Options{MaxFeedSize: 20},
			[]doc{errDoc("-", "feed is over the 20 bytes limit for feeds (4 × --max-file-size)")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, ingest.Split(t.Context(), "-", strings.NewReader(tt.in), tt.opts))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
