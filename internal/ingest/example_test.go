package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier-news/dossier/internal/ingest"
)

func ExampleSplit() {
	in := `{"url":"https://news.example.com/a","title":"Bridge reopens","text":"The bridge reopened."}
{"url":"https://news.example.com/b","text":
`
	for a, err := range ingest.Split(context.Background(), "wire.jsonl", strings.NewReader(in), ingest.Options{}) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(a.Source, a.Format, a.Group, a.Title, a.ID)
	}
	// Output:
	// wire.jsonl#L1 jsonl news.example.com Bridge reopens 37ad21b3acec4463
	// error: wire.jsonl#L2: invalid JSON: unexpected end of JSON input
}
