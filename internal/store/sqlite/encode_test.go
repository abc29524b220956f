package sqlite

import (
	"math"
	"testing"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/google/go-cmp/cmp"
)

func TestPackSpans(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spans []news.Span
		size  int // encoded bytes, or 0 to skip the check
	}{
		{"nil", nil, 0},
		{"empty", []news.Span{}, 1},
		{"words", []news.Span{{Start: 0, End: 5}, {Start: 6, End: 11}, {Start: 11, End: 12}, {Start: 14, End: 20}}, 5},
		{"gaps", []news.Span{{Start: 100, End: 105}, {Start: 105, End: 105}, {Start: 1000, End: 1200}}, 0},
		{"overlap and backwards", []news.Span{{Start: 10, End: 20}, {Start: 5, End: 8}, {Start: 9, End: 3}, {Start: 0, End: 0}}, 0},
		{"extremes", []news.Span{{Start: math.MaxInt32, End: math.MaxInt32 + 7}, {Start: -5, End: 3}, {Start: 0, End: 1 << 40}}, 0}, // lengths above 2^61 do not round-trip
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := packSpans(tt.spans).([]byte)
			if tt.size > 0 && len(b) != tt.size {
				t.Errorf("packSpans(%v) = %d bytes, want %d", tt.spans, len(b), tt.size)
			}
			got, err := unpackSpans(b)
			if err != nil {
				t.Fatalf("unpackSpans(packSpans(%v)): %v", tt.spans, err)
			}
			if diff := cmp.Diff(tt.spans, got); diff != "" {
				t.Errorf("unpackSpans(packSpans(%v)) mismatch (-want +got):\n%s", tt.spans, diff)
			}
		})
	}
}

func FuzzUnpackSpans(f *testing.F) {
	f.Add([]byte{spansV1, 0x14, 0x15, 0x03, 0x80})
	f.Fuzz(func(t *testing.T, b []byte) {
		spans, err := unpackSpans(b)
		if err != nil {
			return
		}
		for _, s := range spans {
			if l := s.End - s.Start; l >= 1<<61 || l < -(1<<61) {
				return // beyond what packSpans encodes; never a byte range
			}
		}
		again, err := unpackSpans(packSpans(spans).([]byte))
		if err != nil || !cmp.Equal(spans, again) {
			t.Fatalf("unpackSpans(%x) = %v; repacked: %v, %v", b, spans, again, err)
		}
	})
}
