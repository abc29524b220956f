package clean

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// trainingPages are small pages written for these tests: an article whose
// body has subheadings and list items, between navigation and a footer.
func trainingPages(n int) []TrainPage {
	var pages []TrainPage
	for i := range n {
		var page, gold strings.Builder
		fmt.Fprintf(&page, "Home\n\nNews\n\nSport\n\nHarbour works number %d begin\n\n", i)
		para := fmt.Sprintf("Crews began the %d works on the east quay on Monday, and the port said the berths would reopen before the summer season starts.", i)
		for _, l := range []string{para, "What changes", "Two new cranes", "A wider channel", para + " The council agreed."} {
			page.WriteString(l + "\n\n")
			gold.WriteString(l + "\n\n")
		}
		page.WriteString("Share this\n\nContact us\n\nPrivacy\n")
		pages = append(pages, TrainPage{Raw: news.RawArticle{Raw: []byte(page.String()), Format: news.FormatText, Body: news.FormatText}, Gold: gold.String()})
	}
	return pages
}

func TestTrainLines(t *testing.T) {
	pages := trainingPages(20)
	m, err := TrainLines(t.Context(), pages, LineTrainOptions{Bits: 12, Iterations: 5}, io.Discard)
	if err != nil {
		t.Fatalf("TrainLines: %v", err)
	}
	c := Plain(pages[0].Raw, Options{Lines: m})
	var body []string
	for _, l := range c.Lines {
		if l.Label == news.LabelBody {
			body = append(body, l.Text)
		}
	}
	want := []string{"What changes", "Two new cranes", "A wider channel"}
	for _, w := range want {
		if !slices.Contains(body, w) {
			t.Errorf("Plain with a trained model: %q not in the body %q", w, body)
		}
	}
	if slices.Contains(body, "Contact us") {
		t.Errorf("Plain with a trained model kept %q", "Contact us")
	}

	// Reproducible, and the file reads back to the same model.
	m2, err := TrainLines(t.Context(), pages, LineTrainOptions{Bits: 12, Iterations: 5}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 bytes.Buffer
	if _, err := m.WriteTo(&b1); err != nil {
		t.Fatal(err)
	}
	m2.WriteTo(&b2)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("TrainLines twice on the same pages gave different files")
	}
	r, err := ReadLineModel(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatalf("ReadLineModel: %v", err)
	}
	if diff := cmp.Diff(m, r, cmp.AllowUnexported(LineModel{})); diff != "" {
		t.Errorf("ReadLineModel(WriteTo(m)) differs (-want +got):\n%s", diff)
	}
}

func TestReadLineModel_bad(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("not gzip"), gz(t, "dossier-lines 2\n"), gz(t, lineModelMagic+"\x03")} {
		if _, err := ReadLineModel(bytes.NewReader(in)); err == nil {
			t.Errorf("ReadLineModel(%q) = nil error, want one", in)
		}
	}
}

func TestDefaultLineModel(t *testing.T) {
	if DefaultLineModel() == nil {
		t.Fatal("DefaultLineModel() = nil: model/lines.bin.gz is missing from the build")
	}
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	m := &LineModel{bits: 8, w: make([]float32, 256)}
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	// Rewrite with the given payload.
	var out bytes.Buffer
	cw := &countWriter{w: &out}
	zw := newGzip(cw)
	zw.Write([]byte(s))
	zw.Close()
	return out.Bytes()
}

func TestDecode(t *testing.T) {
	// Features 0 (content evidence) and 1 (other evidence); switching
	// states costs 1.
	w := []float32{2, -2}
	trans := [2][2]float32{{0, -1}, {-1, 0}}
	for _, tt := range []struct {
		name  string
		feats [][]uint32
		want  []bool
	}{
		{"empty", nil, nil},
		{"one content line", [][]uint32{{0}}, []bool{true}},
		{"weak line inside content is smoothed", [][]uint32{{0}, {}, {0}}, []bool{true, true, true}},
		{"clear other line ends content", [][]uint32{{0}, {1}, {1}}, []bool{true, false, false}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := decode(tt.feats, w, &trans); !slices.Equal(got, tt.want) {
				t.Errorf("decode(%v) = %v, want %v", tt.feats, got, tt.want)
			}
		})
	}
}

func TestGoldLines(t *testing.T) {
	p := newPlainPage("Share\n\nThe port will reopen on Monday after the repairs.\n\nWhat changes\n\nRead our privacy policy\n", "", nil)
	gold := "The port will reopen on Monday after the repairs. Crews share the work.\n\nWhat changes\n"
	got := goldLines(p, gold)
	want := []bool{false, true, true, false}
	if !slices.Equal(got, want) {
		t.Errorf("goldLines = %v, want %v", got, want)
	}
}

func TestReadsAsWindows1252(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want bool
	}{
		{"accents inside words", "caf\xe9 cr\xe8me br\xfbl\xe9e", true},
		{"curly quotes and a dash", "\x93Yes,\x94 she said \x96 twice", true},
		{"apostrophe inside a word", "the mayor\x92s office", true},
		{"capital opening a word", "\xc9cole Normale", true},
		{"upper-case word", "CR\xc8ME", true},
		{"stray bytes between words", "met \xff\xfe on Monday", false},
		{"undefined byte", "rose\x81 again", false},
		{"letter alone", "12 \xe9 40", false},
		{"capital after lower case", "caf\xc3 noir", false},
		{"punctuation jammed between high bytes", "\xe9\x93\xe9", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := readsAsWindows1252([]byte(tt.in)); got != tt.want {
				t.Errorf("readsAsWindows1252(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzReadLineModel(f *testing.F) {
	var b bytes.Buffer
	(&LineModel{bits: 8, w: make([]float32, 256)}).WriteTo(&b)
	f.Add(b.Bytes())
	f.Add([]byte("x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadLineModel(bytes.NewReader(data))
		if err == nil && len(m.w) != 1<<m.bits {
			t.Errorf("ReadLineModel: %d weights for %d bits", len(m.w), m.bits)
		}
	})
}
