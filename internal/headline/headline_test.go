package headline

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dossier-news/dossier/internal/news"
)

// sentences splits test text at ". " (the tests write their own text).
func sentences(text string) []news.Span {
	var out []news.Span
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '.' && text[i+1] == ' ' {
			out = append(out, news.Span{Start: start, End: i + 1})
			start = i + 2
		}
	}
	if start < len(text) {
		out = append(out, news.Span{Start: start, End: len(text)})
	}
	return out
}

func TestTitleQualified(t *testing.T) {
	for _, tt := range []struct {
		name, title string
		want        bool
	}{
		{"plain assertion", "Harbour board approves dredging plan", false},
		{"hedge word", "Harbour board reportedly approves dredging plan", true},
		{"speaker says", "Mayor says harbour plan will go ahead", true},
		{"speech verb calls", "Union calls for strike at the port", true},
		{"question", "Will the harbour plan go ahead?", true},
		{"quotation", "Mayor: \"the plan is dead\"", true},
		{"curly quotation", "Board rejects “illegal” dredging", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := TitleQualified(tt.title); got != tt.want {
				t.Errorf("TitleQualified(%q) = %v, want %v", tt.title, got, tt.want)
			}
		})
	}
}

func TestVerdict(t *testing.T) {
	text := "The board approved the plan on Tuesday. The mayor said the board approved the plan."
	asserted := []news.Span{{Start: 0, End: 39}}
	reported := []news.Span{{Start: 40, End: len(text)}}
	for _, tt := range []struct {
		name, stance, title string
		evidence            []news.Span
		want                string
	}{
		{"unrelated body", news.StanceUnrelated, "Board approves plan", nil, news.VerdictUnsupported},
		{"body refutes", news.StanceDisagree, "Board approves plan", asserted, news.VerdictContradicted},
		{"body agrees in its own voice", news.StanceAgree, "Board approves plan", asserted, news.VerdictSupported},
		{"body agrees only through a speaker", news.StanceAgree, "Board approves plan", reported, news.VerdictOverstated},
		{"body reports, title asserts", news.StanceDiscuss, "Board approves plan", reported, news.VerdictOverstated},
		{"body reports, title attributes", news.StanceDiscuss, "Mayor says board approves plan", reported, news.VerdictSupported},
		{"body reports, title asks", news.StanceDiscuss, "Has the board approved the plan?", reported, news.VerdictSupported},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := verdict(tt.stance, tt.title, text, tt.evidence); got != tt.want {
				t.Errorf("verdict(%s, %q) = %s, want %s", tt.stance, tt.title, got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	body := "The harbour board voted on Tuesday to approve a dredging plan for the eastern channel. " +
		"Board chair Anneke Volder said larger grain ships could call at the port by spring. " +
		"Fishing crews said they would watch how the spoil was disposed of."
	t.Run("no title", func(t *testing.T) {
		if got := Check("  ", body, sentences(body)); got != nil {
			t.Errorf("Check(empty title) = %+v, want nil", got)
		}
	})
	t.Run("title about something else", func(t *testing.T) {
		got := Check("Pop star cancels world tour after throat surgery", body, sentences(body))
		want := &news.Headline{Stance: news.StanceUnrelated, Verdict: news.VerdictUnsupported, Evidence: []news.Span{}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Check mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("title the body reports", func(t *testing.T) {
		got := Check("Harbour board approves dredging plan for eastern channel", body, sentences(body))
		if got == nil || got.Stance == news.StanceUnrelated || len(got.Evidence) == 0 {
			t.Fatalf("Check = %+v, want a related stance with evidence", got)
		}
		if ev, first := got.Evidence[0], sentences(body)[0]; ev != first {
			t.Errorf("Check evidence = %q, want the first sentence", body[ev.Start:ev.End])
		}
	})
}

func TestTrain_Reproducible(t *testing.T) {
	pairs := syntheticPairs()
	write := func() []byte {
		m, err := Train(context.Background(), pairs, TrainOptions{Epochs: 3, Bits: 12}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := m.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(), write()
	if !bytes.Equal(a, b) {
		t.Fatal("Train twice on the same pairs gave different model files")
	}
	m, err := LoadModel(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if _, err := m.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again.Bytes()) {
		t.Error("LoadModel then WriteTo changed the model")
	}
	if _, err := LoadModel(strings.NewReader("not gzip")); err == nil {
		t.Error("LoadModel(garbage) succeeded")
	}
	if _, err := Train(context.Background(), nil, TrainOptions{}, io.Discard); err == nil {
		t.Error("Train(no pairs) succeeded")
	}
}

// syntheticPairs are made-up pairs of each stance.
func syntheticPairs() []Pair {
	bodies := []string{
		"The council approved the new bridge on Monday. Work starts in May.",
		"Officials denied reports that the bridge would close. The claim was false, they said.",
		"A local paper reported the bridge may close. The council has not commented.",
	}
	var out []Pair
	for i, b := range bodies {
		for j, title := range []string{"Council approves new bridge", "Bridge to close, reports say", "Football club signs striker"} {
			stance := []string{news.StanceAgree, news.StanceDisagree, news.StanceDiscuss}[i]
			if j == 2 {
				stance = news.StanceUnrelated
			}
			out = append(out, Pair{Title: title, Body: b, BodyID: i, Sents: sentences(b), Stance: stance})
		}
	}
	return out
}

func FuzzCheck(f *testing.F) {
	f.Add("Board approves plan?", "The board approved the plan. It said so.")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, title, text string) {
		sents := sentences(text)
		sents = append(sents, news.Span{Start: len(text) + 5, End: len(text) + 9}) // out of range: must be ignored
		h := Check(title, text, sents)
		if strings.TrimSpace(title) == "" {
			if h != nil {
				t.Fatalf("Check(%q) = %+v, want nil", title, h)
			}
			return
		}
		if h == nil {
			t.Fatalf("Check(%q, %q) = nil", title, text)
		}
		for _, e := range h.Evidence {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || utf8.ValidString(text) && !utf8.ValidString(text[e.Start:e.End]) {
				t.Fatalf("Check(%q, %q): bad evidence %+v", title, text, e)
			}
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	body := strings.Repeat("The harbour board voted on Tuesday to approve a dredging plan for the eastern channel. "+
		"Board chair Anneke Volder said larger grain ships could call at the port by spring. ", 15)
	sents := sentences(body)
	Default()
	for b.Loop() {
		Check("Harbour board approves dredging plan", body, sents)
	}
}
