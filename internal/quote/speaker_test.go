package quote

import (
	"strings"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
)

// typedEntities marks the first occurrence of each "TYPE:name" in text as a
// mention of that type; "TYPE:name=Canonical" gives a canonical name.
func typedEntities(text string, specs ...string) []news.Entity {
	var out []news.Entity
	for _, sp := range specs {
		typ, rest, _ := strings.Cut(sp, ":")
		name, canon, ok := strings.Cut(rest, "=")
		if !ok {
			canon = name
		}
		from := 0
		for {
			i := strings.Index(text[from:], name)
			if i < 0 {
				break
			}
			s := from + i
			out = append(out, news.Entity{Text: name, Type: typ, Start: s, End: s + len(name), Canonical: canon})
			from = s + len(name)
		}
	}
	return out
}

// briefsWith is [briefs] with the given entities.
func briefsWith(text string, ents []news.Entity) []brief {
	qs, _ := Find(text, nil, ents)
	var out []brief
	for _, q := range qs {
		out = append(out, brief{q.Kind, q.Text, q.Speaker, q.Cue, q.Addressee, q.Via})
	}
	return out
}

func TestFind_speakerIsNoModifier(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ents     []string
		want     []brief
	}{
		{"adjective before a group noun",
			"Nordic officials insist that the ferry line is safe.", []string{"MISC:Nordic"},
			[]brief{{"indirect", "the ferry line is safe", "Nordic officials", "insist", "", ""}}},
		{"place before a role noun",
			"Two Lisbon bankers said the merger would collapse by June.", []string{"LOC:Lisbon"},
			[]brief{{"indirect", "the merger would collapse by June", "Two Lisbon bankers", "said", "", ""}}},
		{"the person after the description",
			"Harbour-based Dutch pilot Maren Stolk said the fog had lifted.", []string{"MISC:Dutch", "PERSON:Maren Stolk"},
			[]brief{{"indirect", "the fog had lifted", "Maren Stolk", "said", "", ""}}},
		{"a thing with a preposition does not speak",
			"Ann Roe's reference to Canada suggests her letter was written in May.", []string{"PERSON:Ann Roe", "LOC:Canada"},
			nil},
		{"a thing does not suggest",
			"The timing of the vote suggests the deal was already done.", nil,
			nil},
		{"a document does",
			"The audit suggests the fund lost money for years.", nil,
			[]brief{{"indirect", "the fund lost money for years", "The audit", "suggests", "", ""}}},
		{"a role with a preposition speaks",
			"A spokesman for the Harbour Board said the quay would reopen.", []string{"ORG:Harbour Board"},
			[]brief{{"indirect", "the quay would reopen", "A spokesman for the Harbour Board", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefsWith(tt.in, typedEntities(tt.in, tt.ents...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_doubleApostrophes(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"as quotation marks",
			"''We will count every ballot,'' said Mayor Lena Park.",
			[]brief{{"direct", "We will count every ballot,", "Lena Park", "said", "", ""}}},
		{"split by the cue",
			"''The roof leaks,'' Omar Haddad said. ''Nobody came to fix it.''",
			[]brief{{"direct", "The roof leaks, Nobody came to fix it.", "Omar Haddad", "said", "", ""}}},
		{"scare quote",
			"The hill town calls itself a ''republic'' these days.",
			nil},
		{"partial inside indirect",
			"Ruth Ames said the plan was ''a mess'' from the start.",
			[]brief{
				{"indirect", "the plan was ''a mess'' from the start", "Ruth Ames", "said", "", ""},
				{"partial", "a mess", "Ruth Ames", "said", "", ""},
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

func TestFind_moreCues(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"reported as saying",
			"Reuters reported the harbour authority as saying that the port would reopen on Friday.",
			[]brief{{"indirect", "the port would reopen on Friday", "the harbour authority", "reported the harbour authority as saying", "", "Reuters"}}},
		{"reported as saying, after the content",
			"The port may close for a month, Reuters reported the harbour authority as saying.",
			[]brief{{"indirect", "The port may close for a month", "the harbour authority", "reported the harbour authority as saying", "", "Reuters"}}},
		{"quoted as saying",
			"Ann Roe was quoted as saying the vote had been rigged from the start.",
			[]brief{{"indirect", "the vote had been rigged from the start", "Ann Roe", "was quoted as saying", "", ""}}},
		{"a speech act",
			"Ann Roe accused the board of hiding the audit from its members.",
			[]brief{{"indirect", "the board of hiding the audit from its members", "Ann Roe", "accused", "", ""}}},
		{"a participle after a noun is no cue",
			"A group called the Harbour Friends will meet on Monday in the town hall.",
			nil},
		{"a poll found",
			"A new poll found that most voters in the valley oppose the dam.",
			[]brief{{"indirect", "most voters in the valley oppose the dam", "A new poll", "found", "", ""}}},
		{"a person who found something is no source",
			"Ann Roe found the keys under the mat behind the shed.",
			nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_speakerNotOutletNorPlace(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ents     []string
		want     []brief
	}{
		{"the person after a place and a role",
			"“The court will not hear it,” said Oslo-based Dutch lawyer Mira Janssen, who is not involved.",
			nil,
			[]brief{{"direct", "The court will not hear it,", "Mira Janssen", "said", "", ""}}},
		{"the person after a place and a role, with entities",
			"“The court will not hear it,” said Oslo-based Dutch lawyer Mira Janssen, who is not involved.",
			[]string{"LOC:Oslo=Oslo", "MISC:Dutch=Netherlands", "PERSON:Mira Janssen"},
			[]brief{{"direct", "The court will not hear it,", "Mira Janssen", "said", "", ""}}},
		{"a group after a country",
			"“The border stays shut,” said Dutch officials on Monday.",
			[]string{"MISC:Dutch=Netherlands"},
			[]brief{{"direct", "The border stays shut,", "Dutch officials", "said", "", ""}}},
		{"the outlet told is no speaker",
			"One trader, who asked not to be named, told Reuters the results were “a shock to everyone”.",
			nil,
			[]brief{
				{"indirect", "the results were “a shock to everyone”", "One trader", "told", "Reuters", "Reuters"},
				{"partial", "a shock to everyone", "One trader", "told", "Reuters", "Reuters"},
			}},
		{"an outlet cited in another sentence brings no other quote",
			"“Sales were strong,” said Lena Berg. One trader told Reuters the shares would fall.",
			nil,
			[]brief{
				{"direct", "Sales were strong,", "Lena Berg", "said", "", ""},
				{"indirect", "the shares would fall", "One trader", "told", "Reuters", "Reuters"},
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ents []news.Entity
			if tt.ents != nil {
				ents = typedEntities(tt.in, tt.ents...)
			}
			got := briefsWith(tt.in, ents)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_pronounSpeakers(t *testing.T) {
	type kinded struct{ Kind, Text, Speaker, SpeakerKind string }
	for _, tt := range []struct {
		name, in string
		ents     []string
		want     []kinded
	}{
		{"I is the writer: no speaker",
			"I said that the hall was too small for the crowd.", nil,
			[]kinded{{"indirect", "the hall was too small for the crowd", "", "unresolved"}}},
		{"it is the organisation, not the person before",
			"Tom Hale runs Brightline Mobile. It said that most of its buyers were under thirty.",
			[]string{"PERSON:Tom Hale", "ORG:Brightline Mobile"},
			[]kinded{{"indirect", "most of its buyers were under thirty", "Brightline Mobile", "resolved"}}},
		{"it after a person only is unresolved",
			"Tom Hale spoke first. It said that the buyers were young.",
			[]string{"PERSON:Tom Hale"},
			[]kinded{{"indirect", "the buyers were young", "", "unresolved"}}},
		{"it is the report described earlier",
			"The report said sales fell in May. It said that June was better for the shops.",
			nil,
			[]kinded{
				{"indirect", "sales fell in May", "The report", "description"},
				{"indirect", "June was better for the shops", "The report", "resolved"},
			}},
		{"the generic you speaks for no one",
			"If you think of the harbour when someone mentions the town, the new museum will surprise you.", nil,
			nil},
		{"he with a person before",
			"Tom Hale spoke first. He said that the buyers were young.",
			[]string{"PERSON:Tom Hale"},
			[]kinded{{"indirect", "the buyers were young", "Tom Hale", "resolved"}}},
		{"a name",
			"Tom Hale said that the buyers were young.",
			[]string{"PERSON:Tom Hale"},
			[]kinded{{"indirect", "the buyers were young", "Tom Hale", "name"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ents []news.Entity
			if tt.ents != nil {
				ents = typedEntities(tt.in, tt.ents...)
			}
			qs, _ := Find(tt.in, nil, ents)
			var got []kinded
			for _, q := range qs {
				got = append(got, kinded{q.Kind, q.Text, q.Speaker, q.SpeakerKind})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_placesInsideNames(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ents     []string
		want     []brief
	}{
		{"an organisation named after a country",
			"The Hindu Forum of Norway said the ruling was unfair to families.", []string{"ORG:Hindu Forum", "LOC:Norway"},
			[]brief{{"indirect", "the ruling was unfair to families", "Hindu Forum of Norway", "said", "", ""}}},
		{"a place inside a description",
			"Shops across the Netherlands reported that sales were strong.", []string{"LOC:Netherlands"},
			[]brief{{"indirect", "sales were strong", "Shops across the Netherlands", "reported", "", ""}}},
		{"a title of an office before the name",
			"“Debt relief comes first,” said Dutch Minister of Finance Jan Mol.", []string{"MISC:Dutch=Netherlands", "PERSON:Jan Mol"},
			[]brief{{"direct", "Debt relief comes first,", "Jan Mol", "said", "", ""}}},
		{"nouns before a role and a name",
			"“Deliveries start in May,” said Danish shipping official Lars Holm.", []string{"MISC:Danish=Denmark", "PERSON:Lars Holm"},
			[]brief{{"direct", "Deliveries start in May,", "Lars Holm", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefsWith(tt.in, typedEntities(tt.in, tt.ents...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_theyIsTheGroup(t *testing.T) {
	in := "Tom Hale runs the lab. Data experts say most files can be saved. They say that backups are rare."
	qs, _ := Find(in, nil, typedEntities(in, "PERSON:Tom Hale"))
	var got []string
	for _, q := range qs {
		got = append(got, q.Speaker+"/"+q.SpeakerKind)
	}
	want := []string{"Data experts/description", "Data experts/resolved"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find(%q) speakers mismatch (-want +got):\n%s", in, diff)
	}
}

func TestFind_subjectShapes(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"a noun-like cue inside the appositive",
			"Rob Tate, a former state party chairman, said he would back the mayor.",
			[]brief{{"indirect", "he would back the mayor", "Rob Tate", "said", "", ""}}},
		{"a person of a place",
			"Nina Holt of Grace Chapel in Dover said she had called every pastor in town.",
			[]brief{{"indirect", "she had called every pastor in town", "Nina Holt", "said", "", ""}}},
		{"a role a few words before its preposition",
			"A city official familiar with the talks said that the deal would be signed soon.",
			[]brief{{"indirect", "the deal would be signed soon", "A city official familiar with the talks", "said", "", ""}}},
		{"an adverbial opens the content",
			"Ann Roe said in politics it takes years to build trust.",
			[]brief{{"indirect", "in politics it takes years to build trust", "Ann Roe", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_headlinesAndPolls(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ents     []string
		want     []brief
	}{
		{"a name and a colon",
			"Lena Berg: The harbour plan is dead", []string{"PERSON:Lena Berg"},
			[]brief{{"indirect", "The harbour plan is dead", "Lena Berg", ":", "", ""}}},
		{"a place and a colon is a dateline",
			"Oslo: The harbour plan is dead", []string{"LOC:Oslo"},
			nil},
		{"in a poll",
			"In a new survey by the county, most residents backed the harbour plan.", nil,
			[]brief{{"indirect", "most residents backed the harbour plan", "a new survey by the county", "In", "", ""}}},
		{"in an interview the speaker is named after",
			"In a long interview, Lena Berg said the harbour plan was dead.", nil,
			[]brief{{"indirect", "the harbour plan was dead", "Lena Berg", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefsWith(tt.in, typedEntities(tt.in, tt.ents...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_addresseeAndInfinitives(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"the addressee is not the content",
			"Lena Berg left early, telling reporters she saw the mayor as “plainly unfit” for office.",
			[]brief{
				{"indirect", "she saw the mayor as “plainly unfit” for office", "Lena Berg", "telling", "reporters", ""},
				{"partial", "plainly unfit", "Lena Berg", "telling", "reporters", ""},
			}},
		{"an infinitive that is not speech",
			"Omar Diaz said he would sell the boat and use the money to counter \"the harbour board's silence.\"",
			[]brief{
				{"indirect", "he would sell the boat and use the money to counter \"the harbour board's silence.\"", "Omar Diaz", "said", "", ""},
				{"partial", "the harbour board's silence.", "Omar Diaz", "said", "", ""},
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

func TestFind_indirectBesideDirect(t *testing.T) {
	in := "“The plan is dead,” Ann Roe said, adding that the board had known about it for weeks."
	want := []brief{
		{"direct", "The plan is dead,", "Ann Roe", "said", "", ""},
		{"indirect", "the board had known about it for weeks", "Ann Roe", "adding", "", ""},
	}
	if diff := cmp.Diff(want, briefs(in)); diff != "" {
		t.Errorf("Find(%q) mismatch (-want +got):\n%s", in, diff)
	}
}

func TestFind_nationalityIsNoCountry(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		ents     []string
		want     []brief
	}{
		{"a demonym noun",
			"“We will be back next year,” said the New Zealander.", []string{"MISC:New Zealander=New Zealand"},
			[]brief{{"direct", "We will be back next year,", "the New Zealander", "said", "", ""}}},
		{"a government named by its nationality",
			"The Danish Government said exports had risen by a tenth.", []string{"MISC:Danish=Denmark"},
			[]brief{{"indirect", "exports had risen by a tenth", "The Danish Government", "said", "", ""}}},
		{"a team shows no finding",
			"Norway showed great composure in the second half of the match.", []string{"LOC:Norway"},
			nil},
		{"a country speaks for its government",
			"Norway said it would send two ships to the harbour.", []string{"LOC:Norway"},
			[]brief{{"indirect", "it would send two ships to the harbour", "Norway", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefsWith(tt.in, typedEntities(tt.in, tt.ents...))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestFind_clauseAroundPartial(t *testing.T) {
	in := "Nurses “know why the union backed her,” Ann Roe said."
	want := []brief{
		{"indirect", "Nurses “know why the union backed her,”", "Ann Roe", "said", "", ""},
		{"partial", "know why the union backed her,", "Ann Roe", "said", "", ""},
	}
	if diff := cmp.Diff(want, briefs(in)); diff != "" {
		t.Errorf("Find(%q) mismatch (-want +got):\n%s", in, diff)
	}
}

func TestFind_clauseAfterCueWithPartial(t *testing.T) {
	in := "Ann Roe called the harbour plan “a costly mistake” on Monday."
	want := []brief{
		{"indirect", "the harbour plan “a costly mistake” on Monday", "Ann Roe", "called", "", ""},
		{"partial", "a costly mistake", "Ann Roe", "called", "", ""},
	}
	if diff := cmp.Diff(want, briefs(in)); diff != "" {
		t.Errorf("Find(%q) mismatch (-want +got):\n%s", in, diff)
	}
}

func TestFind_relativeClausesAndPolls(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []brief
	}{
		{"a relative clause without commas",
			"Two nurses who spoke with the paper said the ward had been closed for weeks.",
			[]brief{{"indirect", "the ward had been closed for weeks", "Two nurses", "said", "", ""}}},
		{"a dateline before the subject of a participle cue",
			"OSLO — Ann Roe defended the harbour plan, saying the port would reopen in May.",
			[]brief{
				{"indirect", "the harbour plan", "Ann Roe", "defended", "", ""},
				{"indirect", "the port would reopen in May", "Ann Roe", "saying", "", ""},
			}},
		{"a dateline with its agency",
			"Oslo (AFP) – Mayor Ann Roe defended the harbour plan, saying the port would reopen in May.",
			[]brief{
				{"indirect", "the harbour plan", "Ann Roe", "defended", "", ""},
				{"indirect", "the port would reopen in May", "Ann Roe", "saying", "", ""},
			}},
		{"a place in the opening adverbial",
			"Speaking at a rally in Dayton, Ohio, Ann Roe went after the mayor, calling him “a total fraud.”",
			[]brief{
				{"indirect", "him “a total fraud.”", "Ann Roe", "calling", "", ""},
				{"partial", "a total fraud.", "Ann Roe", "calling", "", ""},
			}},
		{"a share of a poll",
			"More than six in 10 said they would vote again in the spring.",
			[]brief{{"indirect", "they would vote again in the spring", "six in 10", "said", "", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
