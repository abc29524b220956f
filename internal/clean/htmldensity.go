package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	// unlikelyBox matches class and id values of page furniture.
	unlikelyBox = regexp.MustCompile(`(?i)comment|disqus|share|sharing|social|related|recommend|promo|sidebar|footer|masthead|navbar|\bnav\b|menu|breadcrumb|cookie|consent|gdpr|banner|subscribe|newsletter|signup|advert|\bads?\b|sponsor|popup|modal|outbrain|taboola|widget|byline-tools|toolbar|tags`)
	// likelyBox matches class and id values of the article itself; it
	// overrides unlikelyBox ("article-comments" excepted, see isFurniture).
	likelyBox = regexp.MustCompile(`(?i)article|story|entry|post-?body|main|content|text`)
)

// densityText is our own main-content extractor, used when trafilatura finds
// too little: it scores the parents of paragraphs by the text they hold
// (readability-style), picks the best one, adds siblings that score nearly as
// well, and renders the result without page furniture.
func densityText(doc *html.Node) string {
	scores := make(map[*html.Node]float64)
	var order []*html.Node
	add := func(n *html.Node, s float64) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		if _, ok := scores[n]; !ok {
			order = append(order, n)
		}
		scores[n] += s
	}
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && (skipElement(n) || isFurniture(n)) {
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Pre || n.DataAtom == atom.Blockquote) {
			text, linked := textAndLinkLen(n)
			if text >= 25 && float64(linked) < 0.5*float64(text) {
				s := 1 + float64(strings.Count(nodeText(n), ",")) + min(float64(text)/100, 3)
				add(n.Parent, s)
				if n.Parent != nil {
					add(n.Parent.Parent, s/2)
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)

	var best *html.Node
	var bestScore float64
	for _, n := range order {
		text, linked := textAndLinkLen(n)
		s := scores[n]
		if text > 0 {
			s *= 1 - float64(linked)/float64(text)
		}
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return ""
	}
	keep := []*html.Node{best}
	if parent := best.Parent; parent != nil {
		keep = keep[:0]
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			if c == best || scores[c] >= 0.2*bestScore {
				keep = append(keep, c)
			}
		}
	}
	var parts []string
	for _, n := range keep {
		if t := blockTextFunc(n, isFurniture); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

// isFurniture reports whether n is page furniture: navigation, asides,
// footers, forms, or a box whose class or id says so.
func isFurniture(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Button, atom.Menu, atom.Dialog:
		return true
	case atom.Body, atom.Html, atom.Main, atom.Article:
		return false
	}
	var names []string
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" || a.Key == "role" {
			names = append(names, a.Val)
		}
	}
	box := strings.Join(names, " ")
	if box == "" || !unlikelyBox.MatchString(box) {
		return false
	}
	return !likelyBox.MatchString(box) || strings.Contains(strings.ToLower(box), "comment")
}

// textAndLinkLen returns the number of runes of text under n and how many of
// them are inside links.
func textAndLinkLen(n *html.Node) (text, linked int) {
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			k := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			text += k
			if inLink {
				linked += k
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			inLink = inLink || n.DataAtom == atom.A
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return text, linked
}

// nodeText returns the concatenated text under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && skipElement(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
