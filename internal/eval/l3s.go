package eval

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/dossier-news/dossier/internal/clean"
	"github.com/dossier-news/dossier/internal/news"
)

// CleanL3S scores the plain-text cleaner [clean.Plain] on L3S-GN1 in
// dataDir/l3s-gn1. Each original page is dumped to plain text one block-level
// element a line, blocks separated by a blank line (the shape of scraped text
// pages), and cleaned with a [clean.Repeats] index built over all pages grouped
// by URL host. The title and body it keeps are scored word by word
// ([WordPRF]) against the headline (sel1) and full text (sel2) of the
// annotated copy, macro-averaged over pages. Keeping every line is measured in
// the same run as a baseline. The HTML <title> is not part of the dump and is
// not passed as a hint.
func CleanL3S(dataDir string) (Report, error) {
	dir := filepath.Join(dataDir, "l3s-gn1")
	pages, err := loadL3S(dir)
	if err != nil {
		return Report{}, err
	}
	rep := l3sRepeats(pages)
	var all, keep, even, odd Mean
	for _, p := range pages {
		c := clean.Plain(p.raw, clean.Options{Repeats: rep})
		pred := c.Title + "\n\n" + c.Text
		s := WordPRF(pred, p.gold)
		all.Add(s)
		if p.even() {
			even.Add(s)
		} else {
			odd.Add(s)
		}
		keep.Add(WordPRF(string(p.raw.Raw), p.gold))
	}
	r := Report{
		Task:  "clean",
		Path:  "plain-text cleaner",
		Set:   "l3s-gn1",
		Unit:  "pages",
		N:     all.N(),
		Score: all.Value(),
		Baselines: []Baseline{
			{Name: "keep every line", F: keep.Value().F},
		},
		Notes: []string{
			"pages dumped to text one block a line; scored on words of title+body against gold headline (sel1) + full text (sel2), macro over pages",
			fmt.Sprintf("rules hand-tuned looking only at pages whose uuid starts with an even hex digit: tuning half F1 %.3f (%d pages), held-out half F1 %.3f (%d pages)",
				even.Value().F, even.N(), odd.Value().F, odd.N()),
		},
	}
	return r, nil
}

// l3sPage is one L3S-GN1 page: the original dumped to text and its gold text.
type l3sPage struct {
	uuid string
	raw  news.RawArticle
	gold string
}

// even reports whether the page belongs to the tuning half (first hex digit
// of the uuid even).
func (p l3sPage) even() bool {
	if p.uuid == "" {
		return false
	}
	c := p.uuid[0]
	switch {
	case c >= '0' && c <= '9':
		return (c-'0')%2 == 0
	case c >= 'a' && c <= 'f':
		return (c-'a'+10)%2 == 0
	}
	return false
}

// l3sRepeats builds the cross-document index over pages, grouped by host.
func l3sRepeats(pages []l3sPage) *clean.Repeats {
	rep := clean.NewRepeats()
	for _, p := range pages {
		rep.Add(p.raw.Group, p.raw.Raw)
	}
	return rep
}

// loadL3S reads every original page of dir with its gold text.
func loadL3S(dir string) ([]l3sPage, error) {
	urls, err := readURLMapping(filepath.Join(dir, "url-mapping.txt"))
	if err != nil {
		return nil, err
	}
	names, err := filepath.Glob(filepath.Join(dir, "original", "*.html"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("l3s-gn1: no pages in %s", filepath.Join(dir, "original"))
	}
	slices.Sort(names)
	pages := make([]l3sPage, 0, len(names))
	for _, name := range names {
		uuid := strings.TrimSuffix(filepath.Base(name), ".html")
		orig, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ann, err := os.ReadFile(filepath.Join(dir, "annotated", uuid+".html"))
		if err != nil {
			return nil, err
		}
		text, err := dumpHTML(l3sDecode(orig), nil)
		if err != nil {
			return nil, fmt.Errorf("l3s-gn1 %s: %w", uuid, err)
		}
		gold, err := dumpHTML(ann, goldSelected)
		if err != nil {
			return nil, fmt.Errorf("l3s-gn1 %s annotated: %w", uuid, err)
		}
		u := urls[uuid]
		group := uuid
		if pu, err := url.Parse(u); err == nil && pu.Host != "" {
			group = strings.TrimPrefix(strings.ToLower(pu.Host), "www.")
		}
		pages = append(pages, l3sPage{
			uuid: uuid,
			raw: news.RawArticle{
				ID:     news.ID([]byte(text)),
				Source: name,
				Format: news.FormatText,
				Body:   news.FormatText,
				Raw:    []byte(text),
				URL:    u,
				Group:  group,
			},
			gold: gold,
		})
	}
	return pages, nil
}

// readURLMapping reads lines "<urn:uuid:U>\tURL" into a map from U to URL.
func readURLMapping(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := make(map[string]string)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		k = strings.TrimSuffix(strings.TrimPrefix(k, "<urn:uuid:"), ">")
		m[k] = strings.TrimSpace(v)
	}
	return m, sc.Err()
}

var l3sCharsetRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([a-z0-9_.:-]+)`)

// decodeHTML converts a page to UTF-8: valid UTF-8 is kept, otherwise the
// charset declared in a meta element is used, else windows-1252.
func l3sDecode(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	name := "windows-1252"
	if m := l3sCharsetRE.FindSubmatch(b); m != nil {
		name = string(m[1])
	}
	enc, _ := charset.Lookup(name)
	if enc == nil || strings.EqualFold(name, "utf-8") {
		enc, _ = charset.Lookup("windows-1252")
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

// goldSelected reports whether text under the annotation classes in class
// belongs to the gold text: headline (sel1) or full text (sel2). ok is false
// when class carries no annotation, so that the enclosing one applies.
func goldSelected(class string) (keep, ok bool) {
	for f := range strings.FieldsSeq(class) {
		switch f {
		case "x-nc-sel1", "x-nc-sel2":
			return true, true
		case "x-nc-sel0", "x-nc-sel3", "x-nc-sel4", "x-nc-sel5", "x-nc-invisible":
			return false, true
		}
	}
	return false, false
}

// blockAtoms are the elements that start a new line in a dump.
var dumpBlock = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.Frameset: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true,
	atom.Hr: true, atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Title: true, atom.Tr: true,
	atom.Ul: true, atom.Br: true,
}

// dumpSkip are the elements whose contents never show as text.
var dumpSkip = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Select: true, atom.Textarea: true, atom.Svg: true, atom.Math: true,
	atom.Noframes: true,
}

// dumper writes an HTML tree as text, one block a line.
type dumper struct {
	out  strings.Builder
	line []byte
	// sel, when not nil, decides from an element's class whether the text
	// under it is kept; text outside every decision is dropped.
	sel func(class string) (keep, ok bool)
}

// dumpHTML parses page and returns its visible text, one block-level element
// a line with a blank line between blocks (a <br> ends a line without one).
// With sel, only the text sel keeps is written, at the same line breaks.
func dumpHTML(page []byte, sel func(class string) (keep, ok bool)) (string, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", err
	}
	d := &dumper{sel: sel}
	d.walk(doc, sel == nil)
	d.flush("\n\n")
	return strings.TrimSpace(d.out.String()) + "\n", nil
}

func (d *dumper) walk(n *html.Node, keep bool) {
	switch n.Type {
	case html.TextNode:
		if keep {
			if d.sel != nil {
				// The annotated copies trimmed the white space around
				// their text blocks: keep blocks apart.
				d.text(" ")
			}
			d.text(n.Data)
		}
		return
	case html.ElementNode:
		if n.DataAtom == atom.Title {
			d.brokenTitle(n, keep)
			return
		}
		if dumpSkip[n.DataAtom] {
			return
		}
		if d.sel != nil {
			for _, a := range n.Attr {
				if a.Key == "class" {
					if k, ok := d.sel(a.Val); ok {
						keep = k
					}
				}
			}
		}
		if n.DataAtom == atom.Br {
			d.flush("\n")
			return
		}
		if n.DataAtom == atom.Img {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := n.Type == html.ElementNode && dumpBlock[n.DataAtom]
	if block {
		d.flush("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		d.walk(c, keep)
	}
	if block {
		d.flush("\n\n")
	}
}

// brokenTitle dumps the contents of a <title> that was never closed: the
// parser read the rest of the page as the title's text, where a browser
// showing the crawled page saw markup.
func (d *dumper) brokenTitle(n *html.Node, keep bool) {
	t := n.FirstChild
	if t == nil || t.Type != html.TextNode || len(t.Data) < 500 || !strings.Contains(t.Data, "</") {
		return
	}
	doc, err := html.Parse(strings.NewReader(t.Data))
	if err != nil {
		return
	}
	d.walk(doc, keep)
}

// text appends s to the current line, collapsing white space.
func (d *dumper) text(s string) {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			if len(d.line) > 0 && d.line[len(d.line)-1] != ' ' {
				d.line = append(d.line, ' ')
			}
		default:
			d.line = utf8.AppendRune(d.line, r)
		}
	}
}

// flush ends the current line with sep, unless it is empty. A "\n\n"
// separator wins over a "\n" one already written.
func (d *dumper) flush(sep string) {
	line := bytes.TrimSpace(d.line)
	d.line = d.line[:0]
	if len(line) == 0 {
		if sep == "\n\n" {
			s := d.out.String()
			if strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, "\n\n") {
				d.out.WriteByte('\n')
			}
		}
		return
	}
	d.out.Write(line)
	d.out.WriteString(sep)
}
