package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockText renders the text under n with one paragraph per block element
// (paragraphs, headings, list items, quotes, table rows, divisions holding
// text, two consecutive line breaks), paragraphs separated by a blank line,
// whitespace collapsed to single spaces. Scripts, styles and other invisible
// elements are skipped.
func blockText(n *html.Node) string {
	return blockTextFunc(n, nil)
}

// blockTextFunc is blockText that also skips the subtrees for which skip
// returns true (skip may be nil).
func blockTextFunc(n *html.Node, skip func(*html.Node) bool) string {
	return joinParas(blockParas(n, skip))
}

// para is one paragraph of block text.
type para struct {
	text    string
	heading bool // from a heading element h1-h6
}

// blockParas returns the paragraphs of blockTextFunc.
func blockParas(n *html.Node, skip func(*html.Node) bool) []para {
	w := paraWriter{skip: skip}
	w.walk(n)
	w.flush()
	return w.paras
}

func joinParas(ps []para) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// paraWriter accumulates paragraphs while walking a tree.
type paraWriter struct {
	paras []para
	cur   strings.Builder
	heads int // depth of heading elements around the current text
	brs   int // consecutive <br> since the last text
	skip  func(*html.Node) bool
}

func (w *paraWriter) flush() {
	w.brs = 0
	if w.cur.Len() == 0 {
		return
	}
	p := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	if p != "" {
		w.paras = append(w.paras, para{text: p, heading: w.heads > 0})
	}
}

func (w *paraWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if strings.TrimSpace(n.Data) != "" {
			w.brs = 0
		}
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipElement(n) || (w.skip != nil && w.skip(n)) {
			return
		}
		switch tagAtom(n) {
		case atom.Br:
			w.brs++
			if w.brs >= 2 {
				w.flush()
			} else {
				w.cur.WriteByte(' ')
			}
			return
		case atom.Td, atom.Th, atom.Img, atom.Input, atom.Button, atom.Label:
			w.cur.WriteByte(' ')
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && isBlock(n)
	if block {
		w.flush()
	}
	heading := n.Type == html.ElementNode && isHeading(n)
	if heading {
		w.heads++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
	if heading {
		w.heads--
	} else if a := tagAtom(n); n.Type == html.ElementNode && (a == atom.Td || a == atom.Th) {
		w.cur.WriteByte(' ')
	}
}

// skipElement reports whether n and its subtree hold no readable text.
func skipElement(n *html.Node) bool {
	if n.DataAtom == atom.Head { // not trafilatura's "head" (a heading), which has no atom
		return true
	}
	switch tagAtom(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Title,
		atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Select, atom.Textarea, atom.Canvas:
		return true
	}
	if n.Data == "graphic" { // trafilatura's image element
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "hidden" || (a.Key == "aria-hidden" && a.Val == "true") {
			return true
		}
	}
	return false
}

// isBlock reports whether n starts a new paragraph.
func isBlock(n *html.Node) bool {
	switch tagAtom(n) {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.Aside, atom.Nav, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Figure, atom.Figcaption, atom.Table, atom.Tr, atom.Thead, atom.Tbody,
		atom.Tfoot, atom.Caption, atom.Form, atom.Fieldset, atom.Hr, atom.Address,
		atom.Details, atom.Summary, atom.Body, atom.Html, atom.Center, atom.Menu,
		atom.Legend, atom.Option:
		return true
	}
	switch n.Data { // trafilatura's internal names, should any survive
	case "head", "list", "item", "quote", "row", "code":
		return true
	}
	return false
}

// isHeading reports whether n is a heading element.
func isHeading(n *html.Node) bool {
	switch tagAtom(n) {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return n.Data == "head" && n.DataAtom == 0
}

// tagAtom returns the atom of n's tag name. Elements built by go-trafilatura
// carry a tag name but no atom.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
