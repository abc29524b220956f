package news

import (
	"encoding/json"
	"testing"
)

func TestID(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"empty input", "", "e3b0c44298fc1c14"},
		{"short text", "abc", "ba7816bf8f01cfea"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := ID([]byte(tt.in)); got != tt.want {
				t.Errorf("ID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormat_RoundTrip(t *testing.T) {
	for f := FormatUnknown; f <= FormatJSONL; f++ {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var got Format
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if got != f {
			t.Errorf("Format %v through JSON %s = %v", f, b, got)
		}
	}
	if got := Format(99).String(); got != "unknown" {
		t.Errorf("Format(99).String() = %q, want unknown", got)
	}
	if got := ParseFormat("gopher"); got != FormatUnknown {
		t.Errorf("ParseFormat(gopher) = %v, want unknown", got)
	}
}

func TestLabel_RoundTrip(t *testing.T) {
	for l := LabelUnknown; l <= LabelChrome; l++ {
		if got := ParseLabel(l.String()); got != l {
			t.Errorf("ParseLabel(%q) = %v, want %v", l.String(), got, l)
		}
	}
	var l Line
	if err := json.Unmarshal([]byte(`{"n":3,"label":"caption","text":"x"}`), &l); err != nil || l.Label != LabelCaption || l.N != 3 {
		t.Errorf("Line from JSON = %+v, %v; want n 3, caption", l, err)
	}
}
