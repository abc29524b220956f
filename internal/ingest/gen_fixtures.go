//go:build ignore

// gen_fixtures writes the binary test fixtures of package ingest: WARC files
// (plain, gzip per record, gzip whole, truncated, malformed), gzip files, a
// binary and an empty file. Run it from internal/ingest: go run gen_fixtures.go
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

const date = "2024-03-04T05:06:07Z"

// record returns a WARC/1.1 record.
func record(n int, typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\n", typ)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", n)
	fmt.Fprintf(&b, "WARC-Date: %s\r\n", date)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, header string, body []byte) []byte {
	h := "HTTP/1.1 " + status + "\r\n" + strings.ReplaceAll(header, "\n", "\r\n")
	if !strings.Contains(header, "Transfer-Encoding") {
		h += fmt.Sprintf("Content-Length: %d\r\n", len(body))
	}
	return append([]byte(h+"\r\n"), body...)
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

func chunked(b []byte, size int) []byte {
	var out bytes.Buffer
	for len(b) > 0 {
		n := min(size, len(b))
		fmt.Fprintf(&out, "%x\r\n%s\r\n", n, b[:n])
		b = b[n:]
	}
	out.WriteString("0\r\n\r\n")
	return out.Bytes()
}

const (
	bridgeHTML = "<!doctype html><html><head><title>Harbour bridge reopens</title></head><body><p>The harbour bridge reopened on Monday after repairs.</p></body></html>"
	tramHTML   = "<html><body><h1>Tram vote</h1><p>The council voted to extend the tram line to the airport.</p></body></html>"
	weather    = "Weather: light rain expected through Thursday.\n"
)

// sample returns the records of sample.warc.
func sample() [][]byte {
	return [][]byte{
		record(1, "warcinfo", "", "application/warc-fields", []byte("software: dossier gen_fixtures\r\nformat: WARC File Format 1.1\r\n")),
		record(2, "request", "https://news.example.com/bridge", "application/http; msgtype=request",
			[]byte("GET /bridge HTTP/1.1\r\nHost: news.example.com\r\n\r\n")),
		record(3, "response", "https://news.example.com/bridge", "application/http; msgtype=response",
			httpResponse("200 OK", "Content-Type: text/html; charset=utf-8\n", []byte(bridgeHTML))),
		record(4, "response", "https://news.example.com/missing", "application/http; msgtype=response",
			httpResponse("404 Not Found", "Content-Type: text/html\n", []byte("<html><body>Not found</body></html>"))),
		record(5, "response", "https://news.example.com/logo.png", "application/http; msgtype=response",
			httpResponse("200 OK", "Content-Type: image/png\n", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x00"))),
		record(6, "response", "https://city.example.org/tram", "application/http; msgtype=response",
			httpResponse("200 OK", "Content-Type: text/html\nContent-Encoding: gzip\nTransfer-Encoding: chunked\n", chunked(gz([]byte(tramHTML)), 40))),
		record(7, "resource", "https://weather.example.net/today.txt", "text/plain; charset=utf-8", []byte(weather)),
		record(8, "metadata", "https://news.example.com/bridge", "application/warc-fields", []byte("outlink: https://news.example.com/\r\n")),
		record(9, "revisit", "https://news.example.com/bridge", "application/http; msgtype=response",
			[]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")),
	}
}

func main() {
	files := map[string][]byte{}
	recs := sample()
	files["warc/sample.warc"] = bytes.Join(recs, nil)
	var members []byte
	for _, r := range recs {
		members = append(members, gz(r)...)
	}
	files["warc/sample.warc.gz"] = members
	files["warc/whole.warc.gz"] = gz(bytes.Join(recs, nil))

	// truncated: the third record stops in the middle of its block.
	third := record(3, "response", "https://news.example.com/cut", "application/http; msgtype=response",
		httpResponse("200 OK", "Content-Type: text/html\n", []byte(strings.Repeat("<p>cut short</p>", 30))))
	head := bytes.Join([][]byte{recs[0], recs[2]}, nil)
	files["warc/truncated.warc"] = append(bytes.Clone(head), third[:len(third)/2]...)
	gzThird := gz(third)
	files["warc/truncated.warc.gz"] = bytes.Join([][]byte{gz(recs[0]), gz(recs[2]), gzThird[:len(gzThird)/2]}, nil)

	// malformed: the second member's record has no WARC version line.
	bad := bytes.Replace(recs[2], []byte("WARC/1.1"), []byte("WARX/9.9"), 1)
	files["warc/malformed.warc.gz"] = bytes.Join([][]byte{gz(recs[2]), gz(bad), gz(recs[6])}, nil)

	files["gz/page.html.gz"] = gz([]byte(bridgeHTML))
	files["gz/notes.jsonl.gz"] = gz([]byte(`{"url":"https://notes.example.com/1","text":"First note."}` + "\n" +
		`{"url":"https://notes.example.com/2","text":"Second note."}` + "\n"))

	bin := make([]byte, 512)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	files["binary.bin"] = bin
	files["empty.txt"] = nil

	for name, b := range files {
		p := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
