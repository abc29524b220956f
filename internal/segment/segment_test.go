package segment_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/segment"
)

// texts returns the substrings of s that spans cover.
func texts(s string, spans []news.Span) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestParagraphs(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"only whitespace", " \n\n\t \n", nil},
		{"one paragraph", "One line.", []string{"One line."}},
		{"two paragraphs", "First one.\n\nSecond one.", []string{"First one.", "Second one."}},
		{"several blank lines", "First.\n\n\n\nSecond.", []string{"First.", "Second."}},
		{"whitespace-only separator line", "First.\n  \t\nSecond.", []string{"First.", "Second."}},
		{"single newline stays inside", "Line one\nline two.\n\nNext.", []string{"Line one\nline two.", "Next."}},
		{"trimmed", "  \n  Indented text.  \n\n\tTabbed.\n", []string{"Indented text.", "Tabbed."}},
		{"windows line endings", "First.\r\n\r\nSecond.\r\n", []string{"First.", "Second."}},
		{"no-break space is blank", "First.\n\u00a0\nSecond.", []string{"First.", "Second."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, segment.Paragraphs(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Paragraphs(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// sentenceTests is the sentence table; BenchmarkSentences and the prose
// comparison reuse it.
var sentenceTests = []struct {
	name, in string
	want     []string
}{
	{"empty", "", nil},
	{"abbreviation", "Dr. Smith met Gov. Lee. They spoke.", []string{"Dr. Smith met Gov. Lee.", "They spoke."}},
	{"plain", "The vote failed. Lawmakers left early.", []string{"The vote failed.", "Lawmakers left early."}},
	{"question and exclamation", "Was it worth it? Nobody knows! Talks resume today.",
		[]string{"Was it worth it?", "Nobody knows!", "Talks resume today."}},
	{"no final punctuation", "A first sentence. And a fragment", []string{"A first sentence.", "And a fragment"}},
	{"paragraph break", "Voters went home\n\nCounting began.", []string{"Voters went home", "Counting began."}},
	{"sentences never cross paragraphs", "It rained. The game\n\nwas called off.",
		[]string{"It rained.", "The game", "was called off."}},
	{"titles", "Mr. Park, Mrs. Diaz and Ms. Okafor met Sen. Grant, Rep. Holt and Prof. Ueda.",
		[]string{"Mr. Park, Mrs. Diaz and Ms. Okafor met Sen. Grant, Rep. Holt and Prof. Ueda."}},
	{"military ranks", "Gen. Alvarez, Lt. Col. Reyes, Sgt. Mbeki and Capt. Novak arrived.",
		[]string{"Gen. Alvarez, Lt. Col. Reyes, Sgt. Mbeki and Capt. Novak arrived."}},
	{"month before a day", "The vote is on Sept. 14. Polls open at dawn.",
		[]string{"The vote is on Sept. 14.", "Polls open at dawn."}},
	{"months", "Jan. 3, Feb. 9, Aug. 1, Oct. 12, Nov. 5 and Dec. 24 are listed.",
		[]string{"Jan. 3, Feb. 9, Aug. 1, Oct. 12, Nov. 5 and Dec. 24 are listed."}},
	{"U.S. inside a sentence", "Officials in the U.S. Office of Budget Review declined to comment.",
		[]string{"Officials in the U.S. Office of Budget Review declined to comment."}},
	{"U.S. ends a sentence before The", "He stayed in the U.S. The next day he flew home.",
		[]string{"He stayed in the U.S.", "The next day he flew home."}},
	{"U.S. ends a sentence before It", "The plan came from the U.S. It was rejected.",
		[]string{"The plan came from the U.S.", "It was rejected."}},
	{"U.K. and U.N.", "The U.K. and the U.N. Security Council agreed.",
		[]string{"The U.K. and the U.N. Security Council agreed."}},
	{"company suffixes", "Acme Inc. and Widget Corp. sued Gamma Ltd. and Delta Co. over the deal.",
		[]string{"Acme Inc. and Widget Corp. sued Gamma Ltd. and Delta Co. over the deal."}},
	{"company suffix ends a sentence", "She joined Acme Inc. The firm grew fast.",
		[]string{"She joined Acme Inc.", "The firm grew fast."}},
	{"name suffixes", "Martin Webb Jr. and Carl Webb Sr. spoke.", []string{"Martin Webb Jr. and Carl Webb Sr. spoke."}},
	{"saint", "They flew to St. Louis. It was cold.", []string{"They flew to St. Louis.", "It was cold."}},
	{"number sign", "Their No. 2 pick was a surprise.", []string{"Their No. 2 pick was a surprise."}},
	{"versus and etc.", "It was Leeds vs. Hull, with flags, drums, etc. and lots of noise.",
		[]string{"It was Leeds vs. Hull, with flags, drums, etc. and lots of noise."}},
	{"etc. ends a sentence", "They sold hats, scarves, etc. The stall closed at noon.",
		[]string{"They sold hats, scarves, etc.", "The stall closed at noon."}},
	{"a.m. and p.m.", "Doors open at 9 a.m. and close at 5 p.m. on weekdays.",
		[]string{"Doors open at 9 a.m. and close at 5 p.m. on weekdays."}},
	{"p.m. ends a sentence", "The polls closed at 8 p.m. Counting then began.",
		[]string{"The polls closed at 8 p.m.", "Counting then began."}},
	{"p.m. before a weekday", "They meet at 6 p.m. Friday in the hall.", []string{"They meet at 6 p.m. Friday in the hall."}},
	{"initials", "The novel by J. R. R. Tolkien sold well. Fans queued.",
		[]string{"The novel by J. R. R. Tolkien sold well.", "Fans queued."}},
	{"middle initial", "George W. Bush visited Texas. He spoke briefly.",
		[]string{"George W. Bush visited Texas.", "He spoke briefly."}},
	{"title before an initial", "Dr. A. Moreno will testify.", []string{"Dr. A. Moreno will testify."}},
	{"decimal", "Growth was 3.5 percent. Prices rose.", []string{"Growth was 3.5 percent.", "Prices rose."}},
	{"time with a period", "The train left at 10.30 sharp. It was late.", []string{"The train left at 10.30 sharp.", "It was late."}},
	{"year ends a sentence", "It opened in 2019. Sales doubled.", []string{"It opened in 2019.", "Sales doubled."}},
	{"sentence starts with a number", "Turnout was low. 42 percent voted.", []string{"Turnout was low.", "42 percent voted."}},
	{"ellipsis mid-sentence", "We will fight … we will not yield ... ever.", []string{"We will fight … we will not yield ... ever."}},
	{"ellipsis ends a sentence", "He paused... Then he walked out.", []string{"He paused...", "Then he walked out."}},
	{"unicode ellipsis ends a sentence", "The line went dead… Then it rang again.",
		[]string{"The line went dead…", "Then it rang again."}},
	{"ellipsis before a name", "He said the plan … Europe must act.", []string{"He said the plan … Europe must act."}},
	{"spaced ellipsis", "He hesitated . . . and then agreed.", []string{"He hesitated . . . and then agreed."}},
	{"straight quote ends a sentence", `He left." Then the door shut.`, []string{`He left."`, "Then the door shut."}},
	{"curly quote ends a sentence", "“We are done.” The room fell silent.", []string{"“We are done.”", "The room fell silent."}},
	{"single curly quotes", "‘It is over.’ She walked away.", []string{"‘It is over.’", "She walked away."}},
	{"question inside quotes", "“Why now?” Nobody answered.", []string{"“Why now?”", "Nobody answered."}},
	{"exclamation inside straight quotes", `"Run!" The crowd scattered.`, []string{`"Run!"`, "The crowd scattered."}},
	{"quoted question then speaker", `"Why now?" he asked.`, []string{`"Why now?" he asked.`}},
	{"quoted question then named speaker", "“Who pays?” Ortega asked. Nobody replied.",
		[]string{"“Who pays?” Ortega asked.", "Nobody replied."}},
	{"quoted statement then a sentence with said", `She called it "a promise kept." Opponents said otherwise.`,
		[]string{`She called it "a promise kept."`, "Opponents said otherwise."}},
	{"quote ends mid-sentence", "“We will win,” she said. Then she left.", []string{"“We will win,” she said.", "Then she left."}},
	{"sentence opens with a quote", `He nodded. "Fine," he said.`, []string{"He nodded.", `"Fine," he said.`}},
	{"closing bracket", "The bill passed (narrowly.) Critics objected.", []string{"The bill passed (narrowly.)", "Critics objected."}},
	{"sentence inside brackets", "Prices rose. (The index is monthly.) Wages did not.",
		[]string{"Prices rose.", "(The index is monthly.)", "Wages did not."}},
	{"URL", "See www.example.com/news.html for details. It updates hourly.",
		[]string{"See www.example.com/news.html for details.", "It updates hourly."}},
	{"URL ends a sentence", "Read it at https://example.org/a?b=1. Then comment.",
		[]string{"Read it at https://example.org/a?b=1.", "Then comment."}},
	{"email", "Write to tips@example.net. Replies take a day.", []string{"Write to tips@example.net.", "Replies take a day."}},
	{"email mid-sentence", "Mail jo.doe@news.example.com with tips.", []string{"Mail jo.doe@news.example.com with tips."}},
	{"bullets", "Key points:\n• Taxes rise.\n• Spending falls", []string{"Key points:", "Taxes rise.", "Spending falls"}},
	{"dash bullets", "- First item\n- Second item", []string{"First item", "Second item"}},
	{"numbered list", "1. The budget passed.\n2. The vote was close.", []string{"1. The budget passed.", "2. The vote was close."}},
	{"state abbreviation", "He was born in Dayton, Ohio, and raised in Austin, Tex. He moved later.",
		[]string{"He was born in Dayton, Ohio, and raised in Austin, Tex.", "He moved later."}},
	{"hyphenated abbreviation", "The U.S.-led coalition grew. It met weekly.", []string{"The U.S.-led coalition grew.", "It met weekly."}},
	{"lower-case text", "the vote failed. lawmakers left early. mr. lee stayed.",
		[]string{"the vote failed.", "lawmakers left early.", "mr. lee stayed."}},
	{"chinese full stops", "今天下雨。明天晴。", []string{"今天下雨。", "明天晴。"}},
	{"trims whitespace", "  One.   Two.  ", []string{"One.", "Two."}},
	{"line break inside a sentence", "The report was\npublished today.", []string{"The report was\npublished today."}},
}

func TestSentences(t *testing.T) {
	for _, tt := range sentenceTests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, segment.Sentences(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSentencesInvalidUTF8(t *testing.T) {
	in := "Bad \xff byte. Next \xe2\x80 one."
	got := texts(in, segment.Sentences(in))
	want := []string{"Bad \xff byte.", "Next \xe2\x80 one."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", in, diff)
	}
}

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"words and punctuation", "Hello, world!", []string{"Hello", ",", "world", "!"}},
		{"hyphenated word", "al-Qaeda fighters", []string{"al-Qaeda", "fighters"}},
		{"straight apostrophe", "don't", []string{"don't"}},
		{"curly apostrophe", "it’s", []string{"it’s"}},
		{"quotes around a word", "“illegitimate”", []string{"“", "illegitimate", "”"}},
		{"single quotes around a word", "'hello'", []string{"'", "hello", "'"}},
		{"number with separators", "$1,000.50 each", []string{"$", "1,000.50", "each"}},
		{"decimal and percent", "3.5%", []string{"3.5", "%"}},
		{"mixed fraction", "4 1/2 miles", []string{"4", "1/2", "miles"}},
		{"time", "at 10:30.", []string{"at", "10:30", "."}},
		{"year at the end", "in 2015.", []string{"in", "2015", "."}},
		{"number and letters", "the 1990s and 5G", []string{"the", "1990s", "and", "5G"}},
		{"code with digits", "COVID-19 cases", []string{"COVID-19", "cases"}},
		{"acronym", "the U.S. said", []string{"the", "U.S.", "said"}},
		{"acronym at the end", "in the U.S.", []string{"in", "the", "U.S."}},
		{"acronym before a hyphen", "U.S.-led", []string{"U.S.", "-", "led"}},
		{"lower-case acronym", "at 5 p.m.", []string{"at", "5", "p.m."}},
		{"abbreviation", "Sept. 30", []string{"Sept.", "30"}},
		{"titles", "Mr. and Dr. Lee", []string{"Mr.", "and", "Dr.", "Lee"}},
		{"initials", "J. R. R. Tolkien", []string{"J.", "R.", "R.", "Tolkien"}},
		{"word before a period", "It ended.", []string{"It", "ended", "."}},
		{"ellipsis", "wait... what…", []string{"wait", "...", "what", "…"}},
		{"dashes", "yes -- no — maybe", []string{"yes", "-", "-", "no", "—", "maybe"}},
		{"leading apostrophe", "'90s", []string{"'", "90s"}},
		{"trailing hyphen", "pre- and post-war", []string{"pre", "-", "and", "post-war"}},
		{"URL", "example.com", []string{"example", ".", "com"}},
		{"accents", "Zürich café", []string{"Zürich", "café"}},
		{"combining mark", "cafe\u0301 ok", []string{"cafe\u0301", "ok"}},
		{"non-latin", "Москва 東京", []string{"Москва", "東京"}},
		{"invalid byte", "a\xffb", []string{"a", "\xff", "b"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, segment.Tokens(tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
