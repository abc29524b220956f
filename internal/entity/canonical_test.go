package entity

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// The -update flag may also be declared by other tests of this package;
// register it only when nobody has.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func canonUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// mn is a mention shorthand: text and type.
type mn struct{ text, typ string }

// fakeDoc builds one document's mentions, laid out in a fake text.
func fakeDoc(ms ...mn) []news.Entity {
	var ents []news.Entity
	pos := 0
	for _, x := range ms {
		ents = append(ents, news.Entity{Text: x.text, Type: x.typ, Start: pos, End: pos + len(x.text)})
		pos += len(x.text) + 2
	}
	return ents
}

func canonNames(ents []news.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.Canonical)
	}
	return out
}

func TestKey(t *testing.T) {
	for _, tt := range []struct {
		name, text, typ, want string
	}{
		{"hyphenated article", "al-Qaeda", "ORG", "al kaida"},
		{"spaced article", "Al Qaeda", "ORG", "al kaida"},
		{"Qaida spelling", "al-Qaida", "ORG", "al kaida"},
		{"possessive", "Al-Qaida's", "ORG", "al kaida"},
		{"curly possessive", "Al-Qaida\u2019s", "ORG", "al kaida"},
		{"plural possessive", "the Brothers'", "ORG", "brothers"},
		{"el article", "Mohamed el-Baradei", "PERSON", "muhamad al baradei"},
		{"sun letter article", "Abu Bakr as-Siddiq", "PERSON", "abu bakr al sidik"},
		{"diacritics", "Ayman al-Ẓawāhirī", "PERSON", "ayman al zawahiri"},
		{"dotted initials", "U.S.", "LOC", "us"},
		{"spaced initials", "U. S.", "LOC", "us"},
		{"leading the", "the United States", "LOC", "united states"},
		{"Muhammad", "Muhammad", "PERSON", "muhamad"},
		{"Mohammed", "Mohammed", "PERSON", "muhamad"},
		{"Youssef", "Youssef", "PERSON", "yusuf"},
		{"Yusuf", "Yusuf", "PERSON", "yusuf"},
		{"-off", "Smirnoff", "PERSON", "smirnov"},
		{"final ah", "Fallujah", "LOC", "faluja"},
		{"honorific", "Mr. Obama", "PERSON", "obama"},
		{"honorific kept off PERSON", "Dr Pepper", "ORG", "dr peper"},
		{"ampersand", "Procter & Gamble", "ORG", "procter and gamble"},
		{"ayn mark", "Qa\u02bfida", "ORG", "kaida"},
		{"empty", "", "ORG", ""},
		{"punctuation only", "--", "ORG", ""},
		{"digits", "Group 7", "ORG", "grup 7"},
		{"non-Latin", "Москва", "LOC", "москва"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.text, tt.typ); got != tt.want {
				t.Errorf("Key(%q, %q) = %q, want %q", tt.text, tt.typ, got, tt.want)
			}
		})
	}
}

func TestVowelVariant(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"ayman al zawahiri", "ayman al zawahri", true},
		{"zawahri", "zawahiri", true},
		{"bashar", "bashir", false}, // single vowel between consonants changed
		{"hasan", "husein", false},  // two edits
		{"maliki", "malik", false},  // final vowel
		{"gaza", "giza", false},     // too short
		{"niger", "nigeria", false}, // two letters
		{"kaeda", "kaida", true},    // vowel next to a vowel
		{"ayman zawahri", "zawahri", false},
	} {
		if got := vowelVariant(tt.a, tt.b); got != tt.want {
			t.Errorf("vowelVariant(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []news.Entity
		want []string
	}{
		{"al-Qaeda spellings",
			fakeDoc(mn{"al-Qaida", "ORG"}, mn{"al Qaeda", "ORG"}, mn{"al-Qaeda", "ORG"}, mn{"Al Qaeda", "ORG"}, mn{"Al-Qaida's", "ORG"}),
			[]string{"al-Qaeda", "al-Qaeda", "al-Qaeda", "al-Qaeda", "al-Qaeda"}},
		{"Zawahiri spellings",
			fakeDoc(mn{"Ayman al-Zawahiri", "PERSON"}, mn{"al-Zawahri", "PERSON"}, mn{"Zawahri", "PERSON"}, mn{"al-Zawahiri", "PERSON"}, mn{"Al-Zawahiri's", "PERSON"}),
			[]string{"Ayman al-Zawahiri", "Ayman al-Zawahiri", "Ayman al-Zawahiri", "Ayman al-Zawahiri", "Ayman al-Zawahiri"}},
		{"full name later",
			fakeDoc(mn{"Zawahri", "PERSON"}, mn{"Ayman al-Zawahri", "PERSON"}),
			[]string{"Ayman al-Zawahri", "Ayman al-Zawahri"}},
		{"Islamic State names",
			fakeDoc(mn{"Islamic State", "ORG"}, mn{"IS", "ORG"}, mn{"ISIS", "ORG"}, mn{"ISIL", "ORG"}, mn{"Daesh", "ORG"}, mn{"ISIS", "MISC"}),
			[]string{"Islamic State", "Islamic State", "Islamic State", "Islamic State", "Islamic State", "Islamic State"}},
		{"United States names",
			fakeDoc(mn{"U.S.", "LOC"}, mn{"US", "LOC"}, mn{"America", "LOC"}, mn{"United States", "LOC"}, mn{"the United States", "LOC"}, mn{"U.S.", "ORG"}),
			[]string{"United States", "United States", "United States", "United States", "United States", "United States"}},
		{"surname after full name",
			fakeDoc(mn{"Abu Bakr al-Baghdadi", "PERSON"}, mn{"Osama bin Laden", "PERSON"}, mn{"al-Baghdadi", "PERSON"}, mn{"bin Laden", "PERSON"}, mn{"Baghdadi", "PERSON"}),
			[]string{"Abu Bakr al-Baghdadi", "Osama bin Laden", "Abu Bakr al-Baghdadi", "Osama bin Laden", "Abu Bakr al-Baghdadi"}},
		{"two Assads stay apart",
			fakeDoc(mn{"Bashar al-Assad", "PERSON"}, mn{"Hafez al-Assad", "PERSON"}, mn{"Assad", "PERSON"}, mn{"Bashar Assad", "PERSON"}),
			[]string{"Bashar al-Assad", "Hafez al-Assad", "Assad", "Bashar al-Assad"}},
		{"two Clintons stay apart",
			fakeDoc(mn{"Hillary Clinton", "PERSON"}, mn{"Bill Clinton", "PERSON"}, mn{"Clinton", "PERSON"}, mn{"Mrs. Clinton", "PERSON"}),
			[]string{"Hillary Clinton", "Bill Clinton", "Clinton", "Clinton"}},
		{"one Clinton",
			fakeDoc(mn{"Clinton", "PERSON"}, mn{"Hillary Clinton", "PERSON"}, mn{"Mrs. Clinton", "PERSON"}),
			[]string{"Hillary Clinton", "Hillary Clinton", "Hillary Clinton"}},
		{"title and surname",
			fakeDoc(mn{"Vladimir Putin", "PERSON"}, mn{"President Putin", "PERSON"}, mn{"Putin's", "PERSON"}),
			[]string{"Vladimir Putin", "Vladimir Putin", "Vladimir Putin"}},
		{"transliterated given names",
			fakeDoc(mn{"Mohammed Yusuf", "PERSON"}, mn{"Muhammad Youssef", "PERSON"}, mn{"Mohamed Yousef", "PERSON"}),
			[]string{"Muhammad Youssef", "Muhammad Youssef", "Muhammad Youssef"}},
		{"ORG acronym",
			fakeDoc(mn{"Valmora Port Authority", "ORG"}, mn{"VPA", "ORG"}, mn{"the VPA's", "ORG"}),
			[]string{"Valmora Port Authority", "Valmora Port Authority", "Valmora Port Authority"}},
		{"ambiguous acronym",
			fakeDoc(mn{"Valmora Port Authority", "ORG"}, mn{"Valmora Police Academy", "ORG"}, mn{"VPA", "ORG"}),
			[]string{"Valmora Port Authority", "Valmora Police Academy", "VPA"}},
		{"table acronym",
			fakeDoc(mn{"U.S. Office of the Director of National Intelligence", "ORG"}, mn{"ODNI", "ORG"}),
			[]string{"Office of the Director of National Intelligence", "Office of the Director of National Intelligence"}},
		{"case of short acronyms",
			fakeDoc(mn{"us", "LOC"}, mn{"Un", "ORG"}, mn{"UN", "ORG"}),
			[]string{"us", "Un", "United Nations"}},
		{"types kept apart",
			fakeDoc(mn{"Washington", "LOC"}, mn{"Washington", "PERSON"}, mn{"George Washington", "PERSON"}),
			[]string{"Washington", "George Washington", "George Washington"}},
		{"news agencies",
			fakeDoc(mn{"Reuters", "ORG"}, mn{"AP", "ORG"}, mn{"Associated Press", "ORG"}, mn{"AFP", "ORG"}, mn{"Agence France-Presse", "ORG"}),
			[]string{"Reuters", "Associated Press", "Associated Press", "Agence France-Presse", "Agence France-Presse"}},
		{"Russia",
			fakeDoc(mn{"Russian Federation", "LOC"}, mn{"Russia", "LOC"}),
			[]string{"Russia", "Russia"}},
		{"demonyms name their place",
			fakeDoc(mn{"American", "MISC"}, mn{"Syrians", "MISC"}, mn{"Iraqi", "MISC"}, mn{"Martian", "MISC"}, mn{"British", "ORG"}),
			[]string{"United States", "Syria", "Iraq", "Martian", "British"}},
		{"unknown names kept",
			fakeDoc(mn{"Sierra Leone", "LOC"}, mn{"Togo", "LOC"}, mn{"Mullah Omar", "PERSON"}),
			[]string{"Sierra Leone", "Togo", "Mullah Omar"}},
		{"short form typed otherwise joins the person",
			fakeDoc(mn{"Karim al-Faris", "PERSON"}, mn{"al-Faris", "MISC"}, mn{"Al-Faris", "LOC"}),
			[]string{"Karim al-Faris", "Karim al-Faris", "Karim al-Faris"}},
		{"a known company stays a company beside its founder",
			fakeDoc(mn{"Bill Ford", "PERSON"}, mn{"Ford", "ORG"}),
			[]string{"Bill Ford", "Ford"}},
		{"a surname mistyped as an organisation",
			fakeDoc(mn{"Hal Brenner", "PERSON"}, mn{"Brenner", "ORG"}),
			[]string{"Hal Brenner", "Hal Brenner"}},
		{"a place stays a place beside a namesake",
			fakeDoc(mn{"Lena Paris", "PERSON"}, mn{"Paris", "LOC"}),
			[]string{"Lena Paris", "Paris"}},
		{"an award is not a person",
			fakeDoc(mn{"Oscar", "PERSON"}, mn{"Oscars", "MISC"}, mn{"Academy Award", "MISC"}),
			[]string{"Academy Awards", "Academy Awards", "Academy Awards"}},
		{"a person named like an award",
			fakeDoc(mn{"Oscar Lindqvist", "PERSON"}, mn{"Oscar", "PERSON"}),
			[]string{"Oscar Lindqvist", "Oscar"}},
		{"club short form",
			fakeDoc(mn{"Harbour United", "ORG"}, mn{"United", "ORG"}),
			[]string{"Harbour United", "Harbour United"}},
		{"club short form of a table name",
			fakeDoc(mn{"Man Utd", "ORG"}, mn{"United", "ORG"}),
			[]string{"Manchester United", "Manchester United"}},
		{"two clubs keep the short form apart",
			fakeDoc(mn{"Harbour United", "ORG"}, mn{"Mill United", "ORG"}, mn{"United", "ORG"}),
			[]string{"Harbour United", "Mill United", "United"}},
		{"party names and nicknames",
			fakeDoc(mn{"Tories", "MISC"}, mn{"Conservatives", "ORG"}, mn{"Tory", "MISC"}, mn{"Lib Dems", "ORG"}, mn{"Liberal Democrats", "ORG"}),
			[]string{"Conservative Party", "Conservative Party", "Conservative Party", "Liberal Democrats", "Liberal Democrats"}},
		{"empty", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Resolve(tt.in)
			if diff := cmp.Diff(tt.want, canonNames(got)); diff != "" {
				t.Errorf("Resolve(%v) canonical mismatch (-want +got):\n%s", tt.in, diff)
			}
			for i := range got {
				got[i].Canonical = ""
				got[i].Type = tt.in[i].Type // see TestResolve_tableTypes
			}
			if diff := cmp.Diff(tt.in, got); len(tt.in) > 0 && diff != "" {
				t.Errorf("Resolve(%v) changed mentions (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestResolve_tableTypes(t *testing.T) {
	// A mention of an alias-table entry takes the table's type where the
	// tagger's is compatible; other mentions keep theirs.
	in := fakeDoc(mn{"Taliban", "MISC"}, mn{"ISIS", "MISC"}, mn{"U.S.", "ORG"}, mn{"Hezbollah", "ORG"}, mn{"Ramadan", "MISC"}, mn{"America", "PERSON"})
	want := []string{"ORG", "ORG", "LOC", "ORG", "MISC", "PERSON"}
	var got []string
	for _, e := range Resolve(in) {
		got = append(got, e.Type)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Resolve types mismatch (-want +got):\n%s", diff)
	}
}

func TestResolve_orderIndependentNames(t *testing.T) {
	a := fakeDoc(mn{"al-Zawahiri", "PERSON"}, mn{"Ayman al-Zawahiri", "PERSON"}, mn{"Zawahri", "PERSON"})
	b := fakeDoc(mn{"Zawahri", "PERSON"}, mn{"al-Zawahiri", "PERSON"}, mn{"Ayman al-Zawahiri", "PERSON"})
	ga, gb := canonNames(Resolve(a)), canonNames(Resolve(b))
	if ga[0] != gb[0] {
		t.Errorf("Resolve canonical depends on order: %q vs %q", ga[0], gb[0])
	}
}

func TestLinker_Link(t *testing.T) {
	l := NewLinker(LinkerOptions{})
	docs := [][]news.Entity{
		fakeDoc(mn{"Ayman al-Zawahiri", "PERSON"}, mn{"al-Zawahiri", "PERSON"}, mn{"Al Qaeda", "ORG"}, mn{"Hillary Clinton", "PERSON"}, mn{"Clinton", "PERSON"}),
		fakeDoc(mn{"Ayman al-Zawahri", "PERSON"}, mn{"Zawahri", "PERSON"}, mn{"al-Qaida's", "ORG"}, mn{"Bill Clinton", "PERSON"}, mn{"Clinton", "PERSON"}),
		fakeDoc(mn{"Zawahri", "PERSON"}, mn{"Clinton", "PERSON"}),
		fakeDoc(mn{"Zawahiri", "PERSON"}, mn{"Bashar Assad", "PERSON"}),
		fakeDoc(mn{"Bashar al-Assad", "PERSON"}, mn{"Hafez al-Assad", "PERSON"}),
	}
	want := [][]string{
		{"Ayman al-Zawahiri", "Ayman al-Zawahiri", "al-Qaeda", "Hillary Clinton", "Hillary Clinton"},
		{"Ayman al-Zawahiri", "Ayman al-Zawahiri", "al-Qaeda", "Bill Clinton", "Bill Clinton"},
		// Surname-only documents stay apart: the one full name ending with
		// "Zawahri" has fewer than surnameMinMentions mentions, and there
		// are two Clintons (see TestLinker_surnames).
		{"Zawahri", "Clinton"},
		{"Zawahri", "Bashar Assad"},
		{"Bashar Assad", "Hafez al-Assad"},
	}
	for i, d := range docs {
		got := canonNames(l.Link(d))
		if diff := cmp.Diff(want[i], got); diff != "" {
			t.Errorf("Link(doc %d) mismatch (-want +got):\n%s", i, diff)
		}
	}
}

func TestLinker_surnames(t *testing.T) {
	seed := func(l *Linker, counts ...int) {
		for i, first := range []string{"Ilse", "Pavel"} {
			name := first + " Marchetti"
			l.Seed(Canonical{Name: name, Type: "PERSON", Aliases: []Alias{{Text: name, Count: counts[i]}}})
		}
	}
	for _, tt := range []struct {
		name   string
		counts []int
		want   string
	}{
		{"one name dominates", []int{30, 2}, "Ilse Marchetti"},
		{"two names of one surname", []int{10, 5}, "Marchetti"},
		{"only one name", []int{5, 0}, "Ilse Marchetti"},
		{"too few mentions", []int{4, 0}, "Marchetti"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLinker(LinkerOptions{})
			seed(l, tt.counts...)
			if tt.counts[1] == 0 {
				l = NewLinker(LinkerOptions{})
				l.Seed(Canonical{Name: "Ilse Marchetti", Type: "PERSON", Aliases: []Alias{{Text: "Ilse Marchetti", Count: tt.counts[0]}}})
			}
			got := canonNames(l.Link(fakeDoc(mn{"Marchetti", "PERSON"}, mn{"Mr Marchetti", "PERSON"})))
			if diff := cmp.Diff([]string{tt.want, tt.want}, got); diff != "" {
				t.Errorf("Link mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// A word that opens full names is a given name, not a surname.
	gl := NewLinker(LinkerOptions{})
	gl.Seed(Canonical{Name: "Tomas Ilse", Type: "PERSON", Aliases: []Alias{{Text: "Tomas Ilse", Count: 40}}})
	gl.Seed(Canonical{Name: "Ilse Marchetti", Type: "PERSON", Aliases: []Alias{{Text: "Ilse Marchetti", Count: 3}}})
	gl.Seed(Canonical{Name: "Ilse Varga", Type: "PERSON", Aliases: []Alias{{Text: "Ilse Varga", Count: 3}}})
	if got := canonNames(gl.Link(fakeDoc(mn{"Ilse", "PERSON"}))); got[0] != "Ilse" {
		t.Errorf("Link(Ilse) = %q, want it left apart", got[0])
	}
	gl.Seed(Canonical{Name: "Anna Tomas", Type: "PERSON", Aliases: []Alias{{Text: "Anna Tomas", Count: 50}}})
	if got := canonNames(gl.Link(fakeDoc(mn{"Ms Tomas", "PERSON"}))); got[0] != "Anna Tomas" {
		t.Errorf("Link(Ms Tomas) = %q, want Anna Tomas: a title marks a surname", got[0])
	}
	// A club's short form does not carry across documents.
	l := NewLinker(LinkerOptions{})
	l.Link(fakeDoc(mn{"Harbour United", "ORG"}, mn{"United", "ORG"}))
	got := canonNames(l.Link(fakeDoc(mn{"Mill United", "ORG"}, mn{"United", "ORG"})))
	got = append(got, canonNames(l.Link(fakeDoc(mn{"United", "ORG"})))...)
	got = append(got, canonNames(l.Link(fakeDoc(mn{"Dock United", "ORG"}, mn{"United", "ORG"})))...)
	if diff := cmp.Diff([]string{"Mill United", "Mill United", "United", "Dock United", "Dock United"}, got); diff != "" {
		t.Errorf("Link of short club names mismatch (-want +got):\n%s", diff)
	}
}

func TestLinker_Seed(t *testing.T) {
	// A run that sees entities stored by an earlier run keeps their names.
	tests := []struct {
		name string
		seed []Canonical
		doc  []news.Entity
		want []string
	}{
		{
			name: "full name variant links to the stored name",
			seed: []Canonical{{Name: "Ayman al-Zawahri", Type: "PERSON", Aliases: []Alias{{Text: "Ayman al-Zawahri", Count: 3}, {Text: "Zawahri", Count: 2}}}},
			doc:  fakeDoc(mn{"Ayman al-Zawahiri", "PERSON"}, mn{"al-Zawahiri", "PERSON"}),
			want: []string{"Ayman al-Zawahri", "Ayman al-Zawahri"},
		},
		{
			name: "a stored alias links",
			seed: []Canonical{{Name: "Valmora Port Authority", Type: "ORG", Aliases: []Alias{{Text: "Valmora Port Authority", Count: 1}, {Text: "VPA", Count: 4}}}},
			doc:  fakeDoc(mn{"VPA", "ORG"}),
			want: []string{"Valmora Port Authority"},
		},
		{
			name: "a stored surname alone does not capture a new full name",
			seed: []Canonical{{Name: "Hillary Clinton", Type: "PERSON", Aliases: []Alias{{Text: "Hillary Clinton", Count: 1}, {Text: "Clinton", Count: 5}}}},
			doc:  fakeDoc(mn{"Bill Clinton", "PERSON"}, mn{"Clinton", "PERSON"}),
			want: []string{"Bill Clinton", "Bill Clinton"},
		},
		{
			name: "types stay apart",
			seed: []Canonical{{Name: "Jordan", Type: "LOC", Aliases: []Alias{{Text: "Jordan", Count: 1}}}},
			doc:  fakeDoc(mn{"Michael Jordan", "PERSON"}, mn{"Jordan", "LOC"}),
			want: []string{"Michael Jordan", "Jordan"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewLinker(LinkerOptions{})
			for _, c := range tt.seed {
				l.Seed(c)
			}
			if diff := cmp.Diff(tt.want, canonNames(l.Link(tt.doc))); diff != "" {
				t.Errorf("Link after Seed mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// An acronym known only as an organisation's is that organisation
	// whatever type the tagger gave it; a place's acronym stays a place.
	al := NewLinker(LinkerOptions{})
	al.Link(fakeDoc(mn{"Valmora Port Authority", "ORG"}, mn{"VPA", "ORG"}, mn{"UAE", "LOC"}))
	got := al.Link(fakeDoc(mn{"VPA", "LOC"}, mn{"UAE", "LOC"}, mn{"KLM", "LOC"}))
	var gotTypes []string
	for _, e := range got {
		gotTypes = append(gotTypes, e.Type+" "+e.Canonical)
	}
	if diff := cmp.Diff([]string{"ORG Valmora Port Authority", "LOC United Arab Emirates", "LOC KLM"}, gotTypes); diff != "" {
		t.Errorf("Link of acronyms typed LOC mismatch (-want +got):\n%s", diff)
	}
	l := NewLinker(LinkerOptions{})
	l.Seed(Canonical{Name: "al-Qaeda", Type: "ORG", Aliases: []Alias{{Text: "al-Qaida", Count: 2}}})
	l.Link(fakeDoc(mn{"al Qaeda", "ORG"}))
	ents := l.Entities()
	if len(ents) != 1 || ents[0].Mentions != 3 {
		t.Errorf("Entities() after Seed and Link = %+v, want one entity with 3 mentions", ents)
	}
}

func TestLinker_Overrides(t *testing.T) {
	l := NewLinker(LinkerOptions{Overrides: map[string]string{
		Key("Clinton", "PERSON"):              "Bill Clinton",
		Key("Abu Bakr al-Baghdadi", "PERSON"): "Abu Bakr al-Baghdadi (ISIS)",
	}})
	got := canonNames(l.Link(fakeDoc(mn{"Clinton", "PERSON"}, mn{"Abu Bakr al-Baghdadi", "PERSON"}, mn{"al-Baghdadi", "PERSON"})))
	want := []string{"Bill Clinton", "Abu Bakr al-Baghdadi (ISIS)", "Abu Bakr al-Baghdadi (ISIS)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Link with overrides mismatch (-want +got):\n%s", diff)
	}
	got = canonNames(l.Link(fakeDoc(mn{"Bill Clinton", "PERSON"})))
	if diff := cmp.Diff([]string{"Bill Clinton"}, got); diff != "" {
		t.Errorf("Link after override mismatch (-want +got):\n%s", diff)
	}
	if n := len(l.Entities()); n != 2 {
		t.Errorf("Entities() has %d entities, want 2: %+v", n, l.Entities())
	}
}

// canonFixture is one document of testdata/canonical/*.json: a text and its
// mentions in order of occurrence, as [text, type] pairs.
type canonFixture struct {
	Text     string      `json:"text"`
	Mentions [][2]string `json:"mentions"`
}

type canonGoldenMention struct {
	Text      string `json:"text"`
	Type      string `json:"type"`
	Start     int    `json:"start"`
	Canonical string `json:"canonical"`
}

type canonGolden struct {
	Documents [][]canonGoldenMention `json:"documents"`
	Entities  []Canonical            `json:"entities"`
}

func TestLinker_golden(t *testing.T) {
	files, err := filepath.Glob("testdata/canonical/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var docs []canonFixture
			if err := json.Unmarshal(raw, &docs); err != nil {
				t.Fatal(err)
			}
			l := NewLinker(LinkerOptions{})
			var got canonGolden
			for di, d := range docs {
				var ents []news.Entity
				pos := 0
				for _, mt := range d.Mentions {
					i := strings.Index(d.Text[pos:], mt[0])
					if i < 0 {
						t.Fatalf("document %d: mention %q not found after byte %d", di, mt[0], pos)
					}
					ents = append(ents, news.Entity{Text: mt[0], Type: mt[1], Start: pos + i, End: pos + i + len(mt[0])})
					pos += i + len(mt[0])
				}
				var gm []canonGoldenMention
				for _, e := range l.Link(Resolve(ents)) {
					gm = append(gm, canonGoldenMention{e.Text, e.Type, e.Start, e.Canonical})
				}
				got.Documents = append(got.Documents, gm)
			}
			got.Entities = l.Entities()
			out, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, '\n')
			gpath := strings.TrimSuffix(path, ".json") + ".golden.json"
			if canonUpdate() {
				if err := os.WriteFile(gpath, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(gpath)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(out)); diff != "" {
				t.Errorf("Link over %s mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestLinker_seeds feeds the gold entity forms of the seed documents through
// Resolve and Link, as the recognizer would find them, and checks that every
// gold entity ends with one canonical name across both documents: the merge
// half of seedcheck's entities check.
func TestLinker_seeds(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/seeds/gold.json")
	if err != nil {
		t.Skipf("seeds not available: %v", err)
	}
	var gold struct {
		Documents map[string]struct {
			Entities []struct {
				Name  string   `json:"name"`
				Type  string   `json:"type"`
				Forms []string `json:"forms"`
			} `json:"entities"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(gold.Documents))
	for n := range gold.Documents {
		names = append(names, n)
	}
	slices.Sort(names)
	l := NewLinker(LinkerOptions{})
	canon := make(map[string]map[string]bool) // gold name → canonical names
	for _, n := range names {
		var ms []mn
		var owner []string
		for _, e := range gold.Documents[n].Entities {
			for _, f := range e.Forms {
				ms = append(ms, mn{f, e.Type})
				owner = append(owner, e.Name)
			}
		}
		for i, e := range l.Link(Resolve(fakeDoc(ms...))) {
			if canon[owner[i]] == nil {
				canon[owner[i]] = make(map[string]bool)
			}
			canon[owner[i]][canonSeedNorm(e.Canonical)] = true
		}
	}
	for name, cs := range canon {
		if len(cs) != 1 {
			t.Errorf("seed entity %q has %d canonical names: %v", name, len(cs), cs)
		}
	}
	// Distinct gold entities must not share a canonical name.
	seen := make(map[string]string)
	for name, cs := range canon {
		for c := range cs {
			if other, ok := seen[c]; ok && other != name {
				t.Errorf("seed entities %q and %q merged into %q", name, other, c)
			}
			seen[c] = name
		}
	}
}

// seedNorm is seedcheck's norm: lower case, runs of other than [a-z0-9]
// become one space.
func canonSeedNorm(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}), " ")
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"al-Qaida's", "U. S.", "Ayman al-Ẓawāhirī", "the the x", "a ee", "Smirnofff", "ss s x", "", "\xff", "Q'q'"} {
		f.Add(s, "PERSON")
	}
	f.Fuzz(func(t *testing.T, s, typ string) {
		k := Key(s, typ)
		if k2 := Key(s, typ); k2 != k {
			t.Fatalf("Key(%q, %q) not deterministic: %q then %q", s, typ, k, k2)
		}
		if k2 := Key(k, typ); k2 != k {
			t.Errorf("Key(Key(%q, %q)) = %q, want %q", s, typ, k2, k)
		}
		_ = Resolve([]news.Entity{{Text: s, Type: typ}, {Text: k, Type: typ}})
	})
}

func BenchmarkResolve(b *testing.B) {
	var ms []mn
	for range 10 {
		ms = append(ms,
			mn{"Ayman al-Zawahiri", "PERSON"}, mn{"al-Zawahri", "PERSON"}, mn{"al-Qaida's", "ORG"}, mn{"Islamic State", "ORG"},
			mn{"IS", "ORG"}, mn{"U.S.", "LOC"}, mn{"Syria", "LOC"}, mn{"Valmora Port Authority", "ORG"}, mn{"VPA", "ORG"},
			mn{"Bashar al-Assad", "PERSON"}, mn{"Assad", "PERSON"}, mn{"Reuters", "ORG"})
	}
	ents := fakeDoc(ms...)
	b.ReportAllocs()
	for b.Loop() {
		Resolve(ents)
	}
}

func BenchmarkLinker_Link(b *testing.B) {
	ents := Resolve(fakeDoc(mn{"Ayman al-Zawahiri", "PERSON"}, mn{"al-Zawahri", "PERSON"}, mn{"al-Qaida's", "ORG"},
		mn{"Islamic State", "ORG"}, mn{"U.S.", "LOC"}, mn{"Syria", "LOC"}, mn{"Bashar al-Assad", "PERSON"}))
	l := NewLinker(LinkerOptions{})
	b.ReportAllocs()
	for b.Loop() {
		l.Link(ents)
	}
}
