package ingest_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/ingest"
)

//go:generate go run gen_fixtures.go

const (
	bridgeHTML = "<!doctype html><html><head><title>Harbour bridge reopens</title></head><body><p>The harbour bridge reopened on Monday after repairs.</p></body></html>"
	tramHTML   = "<html><body><h1>Tram vote</h1><p>The council voted to extend the tram line to the airport.</p></body></html>"
	weather    = "Weather: light rain expected through Thursday.\n"
	fetched    = "2024-03-04T05:06:07Z"
)

func bridgeDoc(source string) doc {
	return doc{Source: source, Format: "warc", Body: "html", Raw: bridgeHTML, URL: "https://news.example.com/bridge",
		Fetched: fetched, ContentType: "text/html; charset=utf-8", Group: "news.example.com"}
}

func weatherDoc(source string) doc {
	return doc{Source: source, Format: "warc", Body: "text", Raw: weather, URL: "https://weather.example.net/today.txt",
		Fetched: fetched, ContentType: "text/plain; charset=utf-8", Group: "weather.example.net"}
}

func TestDocuments_WARC(t *testing.T) {
	sample := func(path string) []doc {
		return []doc{
			bridgeDoc(path + "#record3"),
			{Source: path + "#record6", Format: "warc", Body: "html", Raw: tramHTML, URL: "https://city.example.org/tram",
				Fetched: fetched, ContentType: "text/html", Group: "city.example.org"},
			weatherDoc(path + "#record7"),
		}
	}
	for _, tt := range []struct {
		path string
		opts ingest.Options
		want []doc
	}{
		{path: "testdata/warc/sample.warc", want: sample("testdata/warc/sample.warc")},
		{path: "testdata/warc/sample.warc.gz", want: sample("testdata/warc/sample.warc.gz")},
		{path: "testdata/warc/whole.warc.gz", want: sample("testdata/warc/whole.warc.gz")},
		{path: "testdata/warc/truncated.warc", want: []doc{
			bridgeDoc("testdata/warc/truncated.warc#record2"),
			errDoc("testdata/warc/truncated.warc#record3", "truncated WARC record at offset 742: unexpected end of input"),
		}},
		{path: "testdata/warc/truncated.warc.gz", want: []doc{
			bridgeDoc("testdata/warc/truncated.warc.gz#record2"),
			errDoc("testdata/warc/truncated.warc.gz#record3", "truncated WARC record at offset 529: unexpected end of input"),
		}},
		{path: "testdata/warc/malformed.warc.gz", want: []doc{
			bridgeDoc("testdata/warc/malformed.warc.gz#record1"),
			errDoc("testdata/warc/malformed.warc.gz#record2", "malformed WARC record at offset 322: no WARC/ version line"),
			weatherDoc("testdata/warc/malformed.warc.gz#record3"),
		}},
		{path: "testdata/warc/sample.warc.gz", opts: ingest.Options{MaxRecordSize: 200}, want: []doc{
			errDoc("testdata/warc/sample.warc.gz#record3", "WARC record is 230 bytes, over the 200 bytes limit (--max-file-size)"),
			errDoc("testdata/warc/sample.warc.gz#record6", "WARC record is 229 bytes, over the 200 bytes limit (--max-file-size)"),
			weatherDoc("testdata/warc/sample.warc.gz#record7"),
		}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			got := collect(t, ingest.Documents(t.Context(), []string{tt.path}, tt.opts))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Documents(%q) mismatch (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

// warcRecord returns a WARC/1.0 record (target URI in angle brackets, as
// WARC/1.0 writers did).
func warcRecord(typ, uri, contentType, block string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: <%s>\r\nWARC-Date: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, fetched, contentType, len(block), block)
}

func TestSplit_WARC(t *testing.T) {
	resp := func(header, body string) string {
		return "HTTP/1.1 200 OK\r\n" + header + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
	}
	uri := "http://a.example/x"
	for _, tt := range []struct {
		name, in string
		want     []doc
	}{
		{"no content type: sniffed",
			warcRecord("response", uri, "application/http", resp("", "<html><p>Hi</p></html>")),
			[]doc{{Source: "-#record1", Format: "warc", Body: "html", Raw: "<html><p>Hi</p></html>", URL: uri, Fetched: fetched, Group: "a.example"}}},
		{"HTTP/2 status line",
			warcRecord("response", uri, "application/http", strings.Replace(resp("content-type: text/plain\r\n", "hi"), "HTTP/1.1", "HTTP/2", 1)),
			[]doc{{Source: "-#record1", Format: "warc", Body: "text", Raw: "hi", URL: uri, Fetched: fetched, ContentType: "text/plain", Group: "a.example"}}},
		{"xhtml resource",
			warcRecord("resource", uri, "application/xhtml+xml", "<html/>"),
			[]doc{{Source: "-#record1", Format: "warc", Body: "html", Raw: "<html/>", URL: uri, Fetched: fetched, ContentType: "application/xhtml+xml", Group: "a.example"}}},
		{"image resource skipped", warcRecord("resource", uri, "image/jpeg", "\xff\xd8\xff"), nil},
		{"unsupported content coding",
			warcRecord("response", uri, "application/http", resp("Content-Type: text/html\r\nContent-Encoding: br\r\n", "xx")),
			[]doc{errDoc("-#record1", `unsupported HTTP Content-Encoding "br"`)}},
		{"not HTTP",
			warcRecord("response", uri, "application/http", "hello"),
			[]doc{errDoc("-#record1", "invalid HTTP response: malformed HTTP response \"hello\"")}},
		{"empty body",
			warcRecord("response", uri, "application/http", resp("Content-Type: text/html\r\n", "")),
			[]doc{errDoc("-#record1", "empty response record")}},
		{"bad content length",
			strings.Replace(warcRecord("resource", uri, "text/plain", "abc"), "Content-Length: 3", "Content-Length: three", 1),
			[]doc{errDoc("-#record1", `malformed WARC record at offset 0: bad Content-Length "three"`)}},
		{"missing content length",
			strings.Replace(warcRecord("resource", uri, "text/plain", "abc"), "Content-Length: 3\r\n", "", 1),
			[]doc{errDoc("-#record1", `malformed WARC record at offset 0: no Content-Length`)}},
		{"no trailer, extra blank lines",
			strings.TrimSuffix(warcRecord("resource", uri, "text/plain", "one"), "\r\n\r\n") + "\r\n\r\n\r\n\r\n" +
				strings.TrimSuffix(warcRecord("resource", uri, "text/plain", "two"), "\r\n\r\n"),
			[]doc{
				{Source: "-#record1", Format: "warc", Body: "text", Raw: "one", URL: uri, Fetched: fetched, ContentType: "text/plain", Group: "a.example"},
				{Source: "-#record2", Format: "warc", Body: "text", Raw: "two", URL: uri, Fetched: fetched, ContentType: "text/plain", Group: "a.example"},
			}},
		{"garbage after a record",
			warcRecord("resource", uri, "text/plain", "one") + "junk\r\n",
			[]doc{
				{Source: "-#record1", Format: "warc", Body: "text", Raw: "one", URL: uri, Fetched: fetched, ContentType: "text/plain", Group: "a.example"},
				errDoc("-#record2", "malformed WARC record at offset 157: no WARC/ version line"),
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, ingest.Split(t.Context(), "-", strings.NewReader(tt.in), ingest.Options{}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDocuments_JSONL(t *testing.T) {
	const p = "testdata/jsonl/articles.jsonl"
	got := collect(t, ingest.Documents(t.Context(), []string{p}, ingest.Options{}))
	want := []doc{
		{Source: p + "#L1", Format: "jsonl", Body: "text", Raw: "The farmers market opened on Saturday.",
			URL: "https://wire.example.com/a", Outlet: "Example Wire", Title: "Market opens",
			Published: "2024-03-01T00:00:00Z", Group: "wire.example.com"},
		{Source: p + "#L3", Format: "jsonl", Body: "html", Raw: "<p>Rain closed the <b>coast road</b>.</p>",
			URL: "https://wire.example.com/b", Published: "2024-03-02T10:00:00+01:00", Group: "wire.example.com"},
		errDoc(p+"#L4", "invalid JSON: unexpected end of JSON input"),
		errDoc(p+"#L5", "invalid JSON: not an object"),
		errDoc(p+"#L6", `no "text" or "html" field`),
		errDoc(p+"#L7", `invalid published date "March 3": want RFC 3339 or YYYY-MM-DD`),
		{Source: p + "#L8", Format: "jsonl", Body: "text", Raw: "No URL here; grouped by directory.",
			Fetched: "2024-03-04T00:00:00Z", Group: "testdata/jsonl"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Documents(%q) mismatch (-want +got):\n%s", p, diff)
	}
}

func TestDocuments_Feeds(t *testing.T) {
	for _, tt := range []struct {
		path string
		want []doc
	}{
		{"testdata/feeds/rss.xml", []doc{
			{Source: "testdata/feeds/rss.xml#item1", Format: "feed", Body: "html",
				Raw: "<p>The central library will open until nine on weekdays.</p>",
				URL: "https://gazette.example.com/library-hours", Outlet: "Riverside Gazette",
				Title: "Library extends opening hours", Published: "2024-03-04T09:30:00Z", Group: "gazette.example.com"},
			{Source: "testdata/feeds/rss.xml#item2", Format: "feed", Body: "text",
				Raw: "The morning ferry leaves ten minutes earlier from April.",
				URL: "https://gazette.example.com/ferry", Outlet: "Riverside Gazette",
				Title: "Ferry timetable changes", Published: "2024-03-05T07:00:00Z", Group: "gazette.example.com"},
			errDoc("testdata/feeds/rss.xml#item3", "feed item has no content"),
		}},
		{"testdata/feeds/atom.xml", []doc{
			{Source: "testdata/feeds/atom.xml#item1", Format: "feed", Body: "html",
				Raw: "<p>Twelve new shelters line the main road.</p>",
				URL: "https://courier.example.org/bus-shelters", Outlet: "Hill Valley Courier",
				Title: "New bus shelters installed", Published: "2024-03-06T10:15:00Z", Group: "courier.example.org"},
			{Source: "testdata/feeds/atom.xml#item2", Format: "feed", Body: "text",
				Raw: "The school choir took first place at the regional festival.",
				URL: "https://courier.example.org/choir", Outlet: "Hill Valley Courier",
				Title: "School choir wins prize", Published: "2024-03-05T08:00:00Z", Group: "courier.example.org"},
		}},
		{"testdata/feeds/feed.json", []doc{
			{Source: "testdata/feeds/feed.json#item1", Format: "feed", Body: "html",
				Raw: "<p>The old pier is open to walkers again.</p>", URL: "https://coastline.example.net/pier",
				Outlet: "Coastline Weekly", Title: "Pier repairs finished", Published: "2024-03-07T08:00:00Z",
				Group: "coastline.example.net"},
			{Source: "testdata/feeds/feed.json#item2", Format: "feed", Body: "text",
				Raw: "High tide at noon on Saturday.", URL: "https://coastline.example.net/tide",
				Outlet: "Coastline Weekly", Title: "Tide tables", Group: "coastline.example.net"},
		}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			got := collect(t, ingest.Documents(t.Context(), []string{tt.path}, ingest.Options{}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Documents(%q) mismatch (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

func TestSplit_InvalidFeed(t *testing.T) {
	in := "<rss><channel><item><title>unclosed"
	for _, err := range ingest.Split(t.Context(), "f.xml", strings.NewReader(in), ingest.Options{}) {
		e, ok := errAs(err)
		if !ok || e.Source != "f.xml" || !strings.HasPrefix(e.Reason, "invalid feed: ") {
			t.Errorf("Split(%q) error = %v, want *Error f.xml: invalid feed: ...", in, err)
		}
	}
}

func TestSniff(t *testing.T) {
	warcGz := func() []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte("WARC/1.0\r\n"))
		w.Close()
		return b.Bytes()
	}()
	sample, err := os.ReadFile("testdata/warc/sample.warc")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, file, head string
		want             string
	}{
		{"warc 1.1", "x", string(sample), "warc"},
		{"warc 1.0 with binary payload", "x", "WARC/1.0\r\n\x00\x00\x00", "warc"},
		{"gzip is not sniffed", "x.warc.gz", string(warcGz), "unknown"},
		{"empty", "x.txt", "", "unknown"},
		{"NUL bytes", "x.txt", "abc\x00def", "unknown"},
		{"PDF", "x", "%PDF-1.7\n", "unknown"},
		{"control bytes", "x", strings.Repeat("a\x01\x02\x03", 20), "unknown"},
		{"latin-1 text", "x", "Caf\xe9 cr\xe8me br\xfbl\xe9e\n", "text"},
		{"plain text", "x", "Headline\n\nBody text.\n", "text"},
		{"doctype", "x.txt", "<!DOCTYPE html>\n<title>x</title>", "html"},
		{"html after BOM and comment", "x", "\xEF\xBB\xBF  <!-- saved -->\n<html lang=en>", "html"},
		{"xhtml with xml declaration", "x", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "html"},
		{"fragment starting with a div", "x", "<div class=a>text</div>", "html"},
		{"dense tags after text", "x", "Title\n<p>one</p><p>two</p><br><b>x</b>", "html"},
		{"dense tags in a .txt", "x.txt", "Title\n<p>one</p><p>two</p><br><b>x</b>", "text"},
		{"one tag in prose", "x", "Use the <b> element for bold.", "text"},
		{"html by extension", "x.htm", "Just words", "html"},
		{"rss", "x", "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">", "feed"},
		{"atom", "x.txt", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "feed"},
		{"rdf", "x", "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", "feed"},
		{"unknown xml root", "x", "<?xml version=\"1.0\"?><sitemap><loc>x</loc></sitemap>", "text"},
		{"json feed", "x.json", "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"T\"}", "feed"},
		{"json feed on one line", "x", `{"title":"T","version":"https://jsonfeed.org/version/1","items":[]}`, "feed"},
		{"json lines", "x", "{\"url\":\"u\",\"text\":\"t\"}\n{\"url\":\"v\"}\n", "jsonl"},
		{"json lines cut off in the head", "x", `{"title":"T","text":"` + strings.Repeat("long ", 3000), "jsonl"},
		{"json object without article keys", "x", `{"a":1}`, "text"},
		{"json object without article keys in a .jsonl", "x.jsonl", `{"a":1}`, "jsonl"},
		{"json array", "x", `[{"url":"u"}]`, "text"},
		{"utf-16 html", "x", "\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00", "html"},
		{"utf-16 text", "x", "\xFF\xFEH\x00i\x00", "text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ingest.Sniff(tt.file, []byte(tt.head)).String(); got != tt.want {
				t.Errorf("Sniff(%q, %.60q) = %s, want %s", tt.file, tt.head, got, tt.want)
			}
		})
	}
}
