// Command replicate writes a large test corpus for throughput measurements:
// N plain-text documents made from the articles of a source directory, each
// copy with small, deterministic edits so that every document has distinct
// bytes (and so a distinct id). Output goes to OUT/<k>/<n>.txt, 1,000 files a
// folder.
//
//	go run ./scripts/replicate -from ../shared/data/bbc -n 100000 -out /tmp/bbc100k
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	from := flag.String("from", "", "directory of source articles (.txt, read recursively)")
	n := flag.Int("n", 100000, "documents to write")
	out := flag.String("out", "", "output directory")
	seed := flag.Uint64("seed", 1, "random seed (the corpus is deterministic for a seed)")
	flag.Parse()
	if *from == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	var srcs [][]byte
	err := filepath.WalkDir(*from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") || strings.EqualFold(d.Name(), "README.txt") {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil {
			srcs = append(srcs, b)
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	if len(srcs) == 0 {
		log.Fatalf("no .txt articles under %s", *from)
	}
	r := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))
	for i := range *n {
		doc := edit(srcs[i%len(srcs)], i, r)
		dir := filepath.Join(*out, fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				log.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%06d.txt", i)), doc, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// edit makes copy i of src: one word swapped between two places and an
// editor's line appended, so copies differ a little, as syndicated copies do.
func edit(src []byte, i int, r *rand.Rand) []byte {
	words := bytes.Fields(src)
	var b bytes.Buffer
	b.Grow(len(src) + 64)
	lines := bytes.Split(src, []byte("\n"))
	if len(words) > 10 && len(lines) > 2 {
		k := 2 + r.IntN(len(lines)-2)
		ws := bytes.Fields(lines[k])
		if len(ws) > 3 {
			a, c := r.IntN(len(ws)), r.IntN(len(ws))
			ws[a], ws[c] = ws[c], ws[a]
			lines[k] = bytes.Join(ws, []byte(" "))
		}
	}
	b.Write(bytes.Join(lines, []byte("\n")))
	fmt.Fprintf(&b, "\n\nThis copy was updated (revision %d).\n", i)
	return b.Bytes()
}
