package segment_test

import (
	"testing"

	"github.com/dossier-news/dossier/internal/segment"
)

// benchArticle is an invented news article of about 3 KB.
const benchArticle = `Harbor city council approves $1.2 billion flood barrier after a decade of delays

The city council voted 7-2 late on Tuesday to fund a $1.2 billion flood barrier across the mouth of the harbor, ending a decade-long fight over how to protect low-lying neighborhoods. Mayor Elena Varga called the vote "a promise kept." Opponents said the cost would fall on renters.

The project, first proposed in 2014 by the U.S. Army Corps of Engineers, will be built by Northgate Marine Inc. and Coastline Works Ltd. under a joint contract. Construction is to begin on Sept. 15 and finish by Dec. 2031, according to the city's engineering office. "We have waited long enough," Varga told reporters at 6 p.m. outside City Hall. "Every storm season we gamble with people's homes."

Councilman Robert T. Hale Jr., who voted against the plan, said the estimates were too optimistic. "Who pays when it runs over budget?" he asked. "It won't be the consultants." Hale pointed to a 2019 audit that found cost overruns of 38.5 percent on three earlier harbor projects.

Residents of the Eastside district, where nearly 40,000 people live less than 1.5 meters above sea level, packed the chamber for the five-hour meeting. Some held signs reading "Build it now" … others chanted against a proposed 0.25 percent sales-tax increase. Dr. Amira Nasser, a hydrologist at the state university, testified that sea levels in the bay had risen about 3.4 mm a year since 1990. She said the barrier would cut flood risk "by an order of magnitude" but warned it was no substitute for better drainage.

The vote followed months of talks with state officials in the capital. Gov. Patricia Lindqvist's office said on Wednesday that the state would cover 30% of the cost if the city secures federal matching funds. A spokesman for Sen. Marcus Webb said the senator would seek money in the next U.S. infrastructure bill. It is not clear when that bill will reach a vote.

Key dates:
• Design review ends in March.
• Contracts are signed by June 30.
• First piles are driven in the fall

Critics also questioned the barrier's effect on the harbor's ecology. A study commissioned by Friends of the Bay, an environmental group, found that closing the gates more than 20 times a year could reduce tidal flushing... The group's director, Sam O'Neill, said the city had "ignored the science." City engineers disputed the figure. They said the gates would close only during storm surges, about four times a year on average.

Business leaders mostly welcomed the decision. The Harbor Chamber of Commerce estimated that a single major flood could cost local firms $450 million in lost trade. "This is insurance, plain and simple," said chamber president Luis Ortega. Still, some shop owners on Front St. worried about years of construction traffic. "Will we survive the build?" asked Mei Chen, who runs a bakery near the pier.

The council will hold a public hearing on the tax measure on Oct. 4 at 10.30 a.m. in the main chamber. Residents can submit comments by email to council@example.gov or at www.example.gov/harbor-barrier before then.
`

func BenchmarkSentences(b *testing.B) {
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		segment.Sentences(benchArticle)
	}
}

func BenchmarkTokens(b *testing.B) {
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		segment.Tokens(benchArticle)
	}
}

func BenchmarkParagraphs(b *testing.B) {
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		segment.Paragraphs(benchArticle)
	}
}
