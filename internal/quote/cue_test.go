package quote

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCueAt(t *testing.T) {
	for _, tt := range []struct {
		name, in, word string
		want           bool
	}{
		{"verb after a name", "Ana Reyes said", "said", true},
		{"verb after a pronoun", "she added", "added", true},
		{"noun after a possessive pronoun", "his answer was short", "answer", false},
		{"noun after an article", "the report was leaked", "report", false},
		{"noun after a possessive name", "Reyes’s emails were read", "emails", false},
		{"capitalised inside a name", "the United States will", "States", false},
		{"capitalised at the start", "Continued Reyes:", "Continued", true},
		{"capitalised after a dash", "— Said Reyes:", "Said", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			toks := tokenize(tt.in, 0, len(tt.in))
			i := -1
			for k, tok := range toks {
				if tok.s == tt.word {
					i = k
				}
			}
			if i < 0 {
				t.Fatalf("no token %q in %q", tt.word, tt.in)
			}
			if got := cueAt(toks, i); got != tt.want {
				t.Errorf("cueAt(%q, %q) = %v, want %v", tt.in, tt.word, got, tt.want)
			}
		})
	}
}

func TestFind_cueForms(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"infinitive cue: the subject speaks", "Asked about taxes, Tom Ruiz gave a short answer, then went on to say, “We will not raise them this year.”",
			[]brief{{"direct", "We will not raise them this year.", "Tom Ruiz", "say", "", ""}}},
		{"relative who", "The loudest voice was that of Ana Reyes, who wrote: “We need every vote in this county.”",
			[]brief{{"direct", "We need every vote in this county.", "Ana Reyes", "wrote", "", ""}}},
		{"pressed next to a direct quote", "“Is the deal still on the table?” Sean Darby pressed.",
			[]brief{{"direct", "Is the deal still on the table?", "Sean Darby", "pressed", "", ""}}},
		{"pressed is no indirect cue", "The mayor pressed the council to pass the budget before June.", nil},
		{"dateline before the subject", "BRIDGEPORT — Senator Ana Reyes rallied supporters on Monday, saying: “The bill is dead.”",
			[]brief{{"direct", "The bill is dead.", "Ana Reyes", "saying", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_colonAndDescriptions(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"the subject of a colon sentence without a cue", "Mayor Ellen Varga turned to her critics:\n\n“Read the budget before you complain.”",
			[]brief{{"direct", "Read the budget before you complain.", "Ellen Varga", "", "", ""}}},
		{"a description before a colon, as written", "The appeals board was blunt in its ruling: “The permit is void and the work must stop.”",
			[]brief{{"direct", "The permit is void and the work must stop.", "The appeals board", "", "", ""}}},
		{"no subject before a colon", "Wait, it gets better:\n\n“Nobody saw the memo before May.”",
			[]brief{{"direct", "Nobody saw the memo before May.", "", "", "", ""}}},
		{"a described speaker keeps a later uncued quote", "“We will appeal,” a company spokesman said.\n\nThe hearing is set for June.\n\n“The ruling ignores the contract.”",
			[]brief{
				{"direct", "We will appeal,", "a company spokesman", "said", "", ""},
				{"direct", "The ruling ignores the contract.", "a company spokesman", "", "", ""},
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
