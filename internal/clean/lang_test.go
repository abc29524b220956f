package clean

import (
	"strings"
	"testing"
)

func TestLanguage(t *testing.T) {
	for _, tt := range []struct {
		name, text, hint, want string
	}{
		{"english text, german declaration", "The harbour board voted on Tuesday to approve a dredging plan for the eastern channel, ending two years of argument over the cost of the work and the disposal of the spoil.", "de", "en"},
		{"portuguese text", "O conselho municipal aprovou na terça-feira o plano de dragagem do canal oriental, pondo fim a dois anos de discussão sobre o custo da obra.", "en", "pt"},
		{"russian text", "Городской совет во вторник одобрил план углубления восточного канала, положив конец двухлетнему спору о стоимости работ.", "", "ru"},
		{"german text", "Der Stadtrat hat am Dienstag den Plan zur Ausbaggerung des östlichen Kanals gebilligt und damit einen zweijährigen Streit über die Kosten beendet.", "", "de"},
		{"english jargon the trigram model reads as french", "Through our team of domain experts, ecosystem partners and flexible delivery options, we help turn your data into a corporate asset. Data monetization strategies. Data visualization and storytelling.", "", "en"},
		{"too short: the declaration decides", "Harbour plan", "en", "en"},
		{"too short and no declaration", "OK", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Language(tt.text, tt.hint); got != tt.want {
				t.Errorf("Language(%q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
			}
		})
	}
}

func BenchmarkLanguage(b *testing.B) {
	text := strings.Repeat("The harbour board voted on Tuesday to approve a dredging plan for the eastern channel, ending two years of argument over the cost. ", 30)
	pt := strings.Repeat("O conselho municipal aprovou na terça-feira o plano de dragagem do canal oriental, pondo fim a dois anos de discussão sobre o custo. ", 30)
	b.Run("english", func(b *testing.B) {
		for b.Loop() {
			Language(text, "")
		}
	})
	b.Run("portuguese", func(b *testing.B) {
		for b.Loop() {
			Language(pt, "")
		}
	})
}
