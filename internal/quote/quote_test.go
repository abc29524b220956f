package quote

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// brief is what the tests compare of a quote.
type brief struct{ Kind, Text, Speaker, Cue, Addressee, Via string }

func briefs(text string) []brief {
	qs, _ := Find(text, nil, nil)
	var out []brief
	for _, q := range qs {
		out = append(out, brief{q.Kind, q.Text, q.Speaker, q.Cue, q.Addressee, q.Via})
	}
	return out
}

func TestFind(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"curly, speaker after", "“We will rebuild the bridge by spring,” Mayor Ellen Varga said.",
			[]brief{{"direct", "We will rebuild the bridge by spring,", "Ellen Varga", "said", "", ""}}},
		{"straight, inverted cue", `"The vote was rigged from the start," said Tomas Brandt.`,
			[]brief{{"direct", "The vote was rigged from the start,", "Tomas Brandt", "said", "", ""}}},
		{"split by cue, pronoun", "Karim bin Tahir spoke first.\n\n“We ask for patience,” he continues, “and for calm in the streets.”",
			[]brief{{"direct", "We ask for patience, and for calm in the streets.", "Karim bin Tahir", "continues", "", ""}}},
		{"cue before, colon", "Lena Ostrova told reporters:\n\n“The talks are over. Nothing was agreed.”",
			[]brief{{"direct", "The talks are over. Nothing was agreed.", "Lena Ostrova", "told", "reporters", ""}}},
		{"addressee", "“Keep the border open for a week,” Omar al-Fayed tells Yusuf abd al-Karim, his deputy.",
			[]brief{{"direct", "Keep the border open for a week,", "Omar al-Fayed", "tells", "Yusuf abd al-Karim", ""}}},
		{"several paragraphs", "Senator Ada Quill said:\n\n“The first thing we must do is count.\n\n“The second is to count again.”",
			[]brief{{"direct", "The first thing we must do is count. The second is to count again.", "Ada Quill", "said", "", ""}}},
		{"partial inside indirect", "Governor Paul Dreyer said that the plan was “dead on arrival” and would be withdrawn.",
			[]brief{
				{"indirect", "the plan was “dead on arrival” and would be withdrawn", "Paul Dreyer", "said", "", ""},
				{"partial", "dead on arrival", "Paul Dreyer", "said", "", ""},
			}},
		{"scare quote", "The group has proclaimed a “republic” in the hills.", nil},
		{"title", "She starred in “Winter Harbor” last year.", nil},
		{"via outlet", "“We are ready,” Ivo Marek said, Reuters reported.",
			[]brief{{"direct", "We are ready,", "Ivo Marek", "said", "", "Reuters"}}},
		{"according to", "According to Hana Sato, the factory will close in March.",
			[]brief{{"indirect", "the factory will close in March", "Hana Sato", "According to", "", ""}}},
		{"she skips a man", "Marta Lind met Governor Tom Haskell in Ohio. “We found no common ground,” she said.",
			[]brief{{"direct", "We found no common ground,", "Marta Lind", "said", "", ""}}},
		{"he skips a place", "Peter Vance spoke for an hour. He toured New Hampshire.\n\n“The roads are the worst I have seen,” he said.",
			[]brief{{"direct", "The roads are the worst I have seen,", "Peter Vance", "said", "", ""}}},
		{"appositive after quote", "“Nobody reads the fine print,” Dana Whitlow, a lecturer at Hale College, told reporters.",
			[]brief{{"direct", "Nobody reads the fine print,", "Dana Whitlow", "told", "reporters", ""}}},
		{"age appositive", "“I drove six hours to be here,” Rob Kessel, 61, said.",
			[]brief{{"direct", "I drove six hours to be here,", "Rob Kessel", "said", "", ""}}},
		{"capitalised inverted cue", "The debate went on.\n\nContinued Alvarez: “We cannot wait another year.”",
			[]brief{{"direct", "We cannot wait another year.", "Alvarez", "Continued", "", ""}}},
		{"saying colon", "Councilwoman Iris Bede posted a video, saying: “The park stays open.”",
			[]brief{{"direct", "The park stays open.", "Iris Bede", "saying", "", ""}}},
		{"cue not read from the next paragraph", "“We start at dawn,” Lea Moss said. “Bring water.”\n\nFarmers say the drought is the worst in years.",
			[]brief{
				{"direct", "We start at dawn, Bring water.", "Lea Moss", "said", "", ""},
				{"indirect", "the drought is the worst in years", "Farmers", "say", "", ""},
			}},
		{"lower-case quote ending a sentence is partial", "Nora Pell said that “nobody here wants a second vote.”",
			[]brief{
				{"indirect", "“nobody here wants a second vote.”", "Nora Pell", "said", "", ""},
				{"partial", "nobody here wants a second vote.", "Nora Pell", "said", "", ""},
			}},
		{"object of a preposition is no antecedent", "After the death of Carl Rowe, Martin Vale spoke to the crowd. “We will carry on,” he said.",
			[]brief{{"direct", "We will carry on,", "Martin Vale", "said", "", ""}}},
		{"uncued quote after a new subject", "“Taxes stay,” Ben Ortiz said.\n\nLuke Hanley was not convinced.\n\n“Nobody believes that anymore.”",
			[]brief{
				{"direct", "Taxes stay,", "Ben Ortiz", "said", "", ""},
				{"direct", "Nobody believes that anymore.", "Luke Hanley", "", "", ""},
			}},
		{"name between commas before the cue", "In a letter to the board, her chief of staff, Mara Quint, said: “We will appeal the ruling.”",
			[]brief{{"direct", "We will appeal the ruling.", "Mara Quint", "said", "", ""}}},
		{"name between commas after the quote", "“Nobody called us back,” the mayor’s chief aide, Ivan Tull, told reporters.",
			[]brief{{"direct", "Nobody called us back,", "Ivan Tull", "told", "reporters", ""}}},
		{"bulletin line", "Reactions came fast.\n\n- Tobias Rehn: “This is a dark day for the league.”",
			[]brief{{"direct", "This is a dark day for the league.", "Tobias Rehn", "", "", ""}}},
		{"subject of a second verb", "Olaf Brenner raised a hand, then leaned in and boomed: “Sit down, all of you.”",
			[]brief{{"direct", "Sit down, all of you.", "Olaf Brenner", "boomed", "", ""}}},
		{"appositive with several commas", "“Nobody asked us,” Lia Dorn, 44, of Tulsa, Okla., said.",
			[]brief{{"direct", "Nobody asked us,", "Lia Dorn", "said", "", ""}}},
		{"uncued paragraph continues the quote before it", "“Taxes stay,” Ben Ortiz said.\n\n“Nobody believes the other side anymore.”\n\nThe vote is on Friday.",
			[]brief{{"direct", "Taxes stay, Nobody believes the other side anymore.", "Ben Ortiz", "said", "", ""}}},
		{"trailing cue", "The economy is growing faster than expected, Finance Minister Rui Costa said.",
			[]brief{{"indirect", "The economy is growing faster than expected", "Rui Costa", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_citations(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"reported", "The ministry denied the claim, Reuters reported on Monday.", []string{"Reuters"}},
		{"points out", "CNN points out that the tape is undated.", []string{"CNN"}},
		{"told the AP", "“It was a mistake,” Ruth Kell told the AP.", []string{"Associated Press"}},
		{"according to", "The deal is off, according to The New York Times.", []string{"The New York Times"}},
		{"documents", "Files released by the U.S. Department of Energy in June show the cost.", []string{"Department of Energy"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, cs := Find(tt.in, nil, nil)
			var got []string
			for _, c := range cs {
				got = append(got, c.Source)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) citations mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	f.Add("“We call for calm,” he said, “and for patience.”")
	f.Add("\"Open\n\n\"and closed\" said Ann Lee. According to Reuters, it rained.")
	f.Add("a \" b “ c ” d ”“ \n\n“")
	f.Add("''Yes,'' Ann Roe said.  xy \n\nReuters reported Bo as saying, according to")
	f.Fuzz(func(t *testing.T, s string) {
		qs, cs := Find(s, nil, nil)
		prev := 0
		for _, q := range qs {
			if q.Start < prev || q.End < q.Start || q.End > len(s) || q.SpeakerStart < 0 || q.SpeakerEnd < q.SpeakerStart || q.SpeakerEnd > len(s) {
				t.Fatalf("Find(%q): bad quote %+v (previous start %d)", s, q, prev)
			}
			if utf8.ValidString(s) && (!utf8.ValidString(s[q.Start:q.End]) || !utf8.ValidString(s[q.SpeakerStart:q.SpeakerEnd])) {
				t.Fatalf("Find(%q): quote %+v splits a rune", s, q)
			}
			prev = q.Start
		}
		for _, c := range cs {
			if c.Start < 0 || c.End < c.Start || c.End > len(s) {
				t.Fatalf("Find(%q): bad citation %+v", s, c)
			}
		}
	})
}

func TestFind_splitQuotes(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"new sentence after a long cue sentence",
			"“The bridge is safe,” said Ana Ruiz, the county engineer who inspected it on Monday after the storm. “We found no cracks.”",
			[]brief{{"direct", "The bridge is safe, We found no cracks.", "Ana Ruiz", "said", "", ""}}},
		{"new sentence opening with a bracket",
			"“The count was fair,” said Omar Hale. “[The board] checked every ballot twice.”",
			[]brief{{"direct", "The count was fair, [The board] checked every ballot twice.", "Omar Hale", "said", "", ""}}},
		{"no-break space after the cue sentence",
			"“We keep going,” Rosa Wen said.\u00a0“The money is there.”",
			[]brief{{"direct", "We keep going, The money is there.", "Rosa Wen", "said", "", ""}}},
		{"three parts after one cue",
			"“Stay calm,” Ivo Dana said. “Stay home.” “Stay safe.”",
			[]brief{{"direct", "Stay calm, Stay home. Stay safe.", "Ivo Dana", "said", "", ""}}},
		{"next quote with its own cue",
			"“We lost,” Tom Abel said. “We will be back,” he added.",
			[]brief{
				{"direct", "We lost,", "Tom Abel", "said", "", ""},
				{"direct", "We will be back,", "Tom Abel", "added", "", ""},
			}},
		{"next quote with a cue before it",
			"“Look at the map,” Tom Abel said. Mia Roth replied, “The map is old.”",
			[]brief{
				{"direct", "Look at the map,", "Tom Abel", "said", "", ""},
				{"direct", "The map is old.", "Mia Roth", "replied", "", ""},
			}},
		{"title after the cue is no part of the quote",
			"“We will carry the state,” Bo Lind said on NBC’s “Meet the Voters.”",
			[]brief{{"direct", "We will carry the state,", "Bo Lind", "said", "", "NBC"}}},
		{"partial quote after the cue clause is another quote",
			"“We are ready,” Kay Oda said, adding that the plan is “long overdue.”",
			[]brief{
				{"direct", "We are ready,", "Kay Oda", "said", "", ""},
				{"indirect", "the plan is “long overdue.”", "Kay Oda", "adding", "", ""},
				{"partial", "long overdue.", "Kay Oda", "adding", "", ""},
			}},
		{"closing straight mark after a curly opening",
			"“We will win in the fall,\" Nia Cole said. \"Every district counts.”",
			[]brief{{"direct", "We will win in the fall, Every district counts.", "Nia Cole", "said", "", ""}}},
		{"straight quote nested in a curly one",
			"“They chanted \"four more years\" all night,” Nia Cole said.",
			[]brief{{"direct", "They chanted \"four more years\" all night,", "Nia Cole", "said", "", ""}}},
		{"curly closing mark after a straight opening",
			"\"We were outspent,” Dan Frey said. \"Next time we will not be.\"",
			[]brief{{"direct", "We were outspent, Next time we will not be.", "Dan Frey", "said", "", ""}}},
		{"cue after a question introduces the next quote",
			"Ida Sall spoke last.\n\n“Will you run?” Tom Abel asked. She replied, “Not this year.”",
			[]brief{
				{"direct", "Will you run?", "Tom Abel", "asked", "", ""},
				{"direct", "Not this year.", "Ida Sall", "replied", "", ""},
			}},
		{"a second cue in the cue sentence",
			"“We are ready,” Kay Oda said, adding that the plan was late. “It is still the right plan.”",
			[]brief{
				{"direct", "We are ready,", "Kay Oda", "said", "", ""},
				{"indirect", "the plan was late", "Kay Oda", "adding", "", ""},
				{"direct", "It is still the right plan.", "Kay Oda", "", "", ""},
			}},
		{"a second cue between the parts",
			"“It was close,” Eli Marsh said, adding, “Closer than we hoped.”",
			[]brief{
				{"direct", "It was close,", "Eli Marsh", "said", "", ""},
				{"direct", "Closer than we hoped.", "Eli Marsh", "adding", "", ""},
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

func TestFind_lowerCaseAfterCue(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"object of the cue ending the sentence",
			"The date slipped again.\n\nVera Holt said, “nobody told us the date.”",
			[]brief{{"direct", "nobody told us the date.", "Vera Holt", "said", "", ""}}},
		{"without a comma",
			"The vote is near.\n\nHe says “we will know by Friday.”",
			[]brief{{"direct", "we will know by Friday.", "", "says", "", ""}}},
		{"belief verb",
			"Omar Reed believes “there is still time.”",
			[]brief{
				{"indirect", "“there is still time.”", "Omar Reed", "believes", "", ""},
				{"partial", "there is still time.", "Omar Reed", "believes", "", ""},
			}},
		{"cue set off by commas",
			"The cuts, Ida Brun said, “will hurt the schools first.”",
			[]brief{{"partial", "will hurt the schools first.", "Ida Brun", "said", "", ""}}},
		{"predicate of a subject outside the quote",
			"Tax reform, said Ida Brun, “is the next fight.”",
			[]brief{{"partial", "is the next fight.", "Ida Brun", "said", "", ""}}},
		{"not ending the sentence",
			"Leo Marx said “not now” and left the room.",
			[]brief{
				{"indirect", "“not now” and left the room", "Leo Marx", "said", "", ""},
				{"partial", "not now", "Leo Marx", "said", "", ""},
			}},
		{"nested quote closing with the sentence",
			"“Voters told me, ‘fix the roads,’” Ana Pike said.",
			[]brief{{"direct", "Voters told me, ‘fix the roads,’", "Ana Pike", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_bracketAfterName(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"cue after the bracket",
			"Sen. Ada Lorne (R-Ohio) said, “The bill is dead.”",
			[]brief{{"direct", "The bill is dead.", "Ada Lorne", "said", "", ""}}},
		{"comma after the bracket",
			"Rep. Ada Lorne (D-Vt.), said: “We have the votes.”",
			[]brief{{"direct", "We have the votes.", "Ada Lorne", "said", "", ""}}},
		{"after the quote",
			"“We have the votes,” Rep. Ada Lorne (D-Vt.) said Tuesday.",
			[]brief{{"direct", "We have the votes,", "Ada Lorne", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_indirectClause(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"ends before a second predicate",
			"Gov. Ana Ruiz said the budget would pass, and called the critics impatient.",
			[]brief{{"indirect", "the budget would pass", "Ana Ruiz", "said", "", ""}}},
		{"ends before a participle cue",
			"Ana Ruiz said the budget would pass this week, saying the votes were there.",
			[]brief{
				{"indirect", "the budget would pass this week", "Ana Ruiz", "said", "", ""},
				{"indirect", "the votes were there", "Ana Ruiz", "saying", "", ""},
			}},
		{"two speakers in one sentence",
			"Ana Ruiz said the budget would pass, but Omar Diaz said the votes were not there.",
			[]brief{
				{"indirect", "the budget would pass", "Ana Ruiz", "said", "", ""},
				{"indirect", "the votes were not there", "Omar Diaz", "said", "", ""},
			}},
		{"according to a description",
			"The mill will close in March, according to a person close to the owners.",
			[]brief{{"indirect", "The mill will close in March", "a person close to the owners", "according to", "", ""}}},
		{"name and description before the cue",
			"Omar Diaz, a farmer from Iowa, said the rain came too late for the corn.",
			[]brief{{"indirect", "the rain came too late for the corn", "Omar Diaz", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
