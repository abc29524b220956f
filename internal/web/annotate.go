package web

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// annotate renders the clean text of d as HTML paragraphs with its entity
// mentions linked to their pages, its quotes, its citations and the
// evidence sentences of its headline verdict marked.
// Annotations may overlap (a speaker's name inside a quote): the text is cut
// at every annotation boundary and each piece is wrapped in whatever covers
// it. Spans that are out of range or not on UTF-8 boundaries are ignored.
func annotate(d news.Doc) template.HTML {
	text := d.Text
	valid := func(s, e int) bool {
		return 0 <= s && s < e && e <= len(text) && utf8.RuneStart(byteAt(text, s)) && (e == len(text) || utf8.RuneStart(text[e]))
	}
	type ann struct {
		start, end int
		kind       byte // 'e' entity, 'q' quote, 'c' citation, 'h' headline evidence
		i          int
	}
	var anns []ann
	for i, e := range d.Entities {
		if valid(e.Start, e.End) {
			anns = append(anns, ann{e.Start, e.End, 'e', i})
		}
	}
	for i, q := range d.Quotes {
		if valid(q.Start, q.End) {
			anns = append(anns, ann{q.Start, q.End, 'q', i})
		}
	}
	for i, c := range d.Citations {
		if valid(c.Start, c.End) {
			anns = append(anns, ann{c.Start, c.End, 'c', i})
		}
	}
	if d.Headline != nil {
		for i, sp := range d.Headline.Evidence {
			if valid(sp.Start, sp.End) {
				anns = append(anns, ann{sp.Start, sp.End, 'h', i})
			}
		}
	}
	paras := d.Paragraphs
	if len(paras) == 0 {
		paras = splitParagraphs(text)
	}
	var b strings.Builder
	for _, p := range paras {
		if !valid(p.Start, p.End) {
			continue
		}
		cuts := []int{p.Start, p.End}
		for _, a := range anns {
			for _, x := range []int{a.start, a.end} {
				if p.Start < x && x < p.End {
					cuts = append(cuts, x)
				}
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		b.WriteString("<p>")
		for k := 0; k+1 < len(cuts); k++ {
			s, e := cuts[k], cuts[k+1]
			var ent, quo, cit, evi = -1, -1, -1, -1
			for _, a := range anns {
				if a.start <= s && e <= a.end {
					switch a.kind {
					case 'e':
						ent = a.i
					case 'q':
						quo = a.i
					case 'c':
						cit = a.i
					case 'h':
						evi = a.i
					}
				}
			}
			var closers []string
			if evi >= 0 {
				fmt.Fprintf(&b, `<mark class="evidence" title="evidence for the headline verdict: %s">`, template.HTMLEscapeString(d.Headline.Verdict))
				closers = append(closers, "</mark>")
			}
			if quo >= 0 {
				q := d.Quotes[quo]
				who := q.Speaker
				if who == "" {
					who = "unknown speaker"
				}
				fmt.Fprintf(&b, `<q class="quote %s" title="%s quote · %s">`, template.HTMLEscapeString(q.Kind),
					template.HTMLEscapeString(q.Kind), template.HTMLEscapeString(who))
				closers = append(closers, "</q>")
			}
			if cit >= 0 {
				fmt.Fprintf(&b, `<mark class="cite" title="cites %s">`, template.HTMLEscapeString(d.Citations[cit].Source))
				closers = append(closers, "</mark>")
			}
			if ent >= 0 {
				e := d.Entities[ent]
				name := e.Canonical
				if name == "" {
					name = e.Text
				}
				fmt.Fprintf(&b, `<a class="ent %s" href="%s" title="%s · %s">`, strings.ToLower(template.HTMLEscapeString(e.Type)),
					template.HTMLEscapeString(entityURL(name)), template.HTMLEscapeString(e.Type), template.HTMLEscapeString(name))
				closers = append(closers, "</a>")
			}
			b.WriteString(template.HTMLEscapeString(text[s:e]))
			for i := len(closers) - 1; i >= 0; i-- {
				b.WriteString(closers[i])
			}
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// splitParagraphs splits text at blank lines.
func splitParagraphs(text string) []news.Span {
	var out []news.Span
	start := 0
	for {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		if end > start {
			out = append(out, news.Span{Start: start, End: end})
		}
		if i < 0 {
			return out
		}
		start = end + 2
	}
}

// monthChart draws documents per month as an inline SVG bar chart, months
// without documents included (up to ten years); undated documents are left
// out. The chart is SVG markup with presentation attributes only (no inline
// styles, which the Content-Security-Policy forbids).
func monthChart(months []store.Count) template.HTML {
	var dated []store.Count
	for _, m := range months {
		if m.Name != "" {
			dated = append(dated, m)
		}
	}
	if len(dated) == 0 {
		return ""
	}
	byMonth := map[string]int{}
	for _, m := range dated {
		byMonth[m.Name] = m.N
	}
	var y, mo int
	if _, err := fmt.Sscanf(dated[0].Name, "%d-%d", &y, &mo); err != nil {
		return ""
	}
	var all []store.Count
	for len(all) < 120 {
		name := fmt.Sprintf("%04d-%02d", y, mo)
		all = append(all, store.Count{Name: name, N: byMonth[name]})
		if name >= dated[len(dated)-1].Name {
			break
		}
		if mo++; mo > 12 {
			mo, y = 1, y+1
		}
	}
	top := 1
	for _, m := range all {
		top = max(top, m.N)
	}
	const h, barH, gap = 160, 110, 4 // bars stand on y = barH+20
	bw := max(8, min(48, 640/len(all)-gap))
	width := len(all)*(bw+gap) + gap
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="Documents per month">`, width, h, width, h)
	fmt.Fprintf(&b, `<line x1="0" y1="%d" x2="%d" y2="%d" stroke="#9aa5b1" stroke-width="1"/>`, barH+20, width, barH+20)
	for i, m := range all {
		bh := m.N * barH / top
		if m.N > 0 && bh < 2 {
			bh = 2
		}
		x := gap + i*(bw+gap)
		fmt.Fprintf(&b, `<g><title>%s: %d document%s</title>`, monthLabel(m.Name), m.N, plural(m.N))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="2" fill="#2f7f86"/>`, x, barH+20-bh, bw, bh)
		if m.N > 0 {
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle" fill="#3e4c59">%d</text>`, x+bw/2, barH+16-bh, m.N)
		}
		if i == 0 || i == len(all)-1 || len(all) <= 12 {
			fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" text-anchor="middle" fill="#52606d">%s</text>`, x+bw/2, h-8, shortMonth(m.Name))
		}
		b.WriteString("</g>")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

func shortMonth(m string) string {
	l := monthLabel(m)
	if len(l) == len("Jan 2006") {
		return l[:3] + " ’" + l[6:]
	}
	return l
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
