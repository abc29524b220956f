package eval

// floors are the CI floors: a score below its floor fails CI, so that a
// stage cannot silently get worse.
//
// Where a stage does not reach the floor its issue asks for yet, the floor
// here is a ratchet at the level reached (rounded down), and the issue stays
// open; raise it as the stage improves. Issue floors and goals:
//
//	clean/l3s-gn1              0.85 (goal 0.95)   met
//	clean/aeb                  0.94               met
//	clean/wcxb articles        0.90 (goal 0.93)   met (plain-text path, 0.907)
//	clean/wcxb html            0.86 (goal 0.90)   not met: ratchet (HTML path, all types)
//	ner/conll++ test           0.88 (goal 0.91)   met
//	quotes/polnear dev         0.85 (goal 0.93)   met
//	quotes/polnear dev speaker 0.80 (goal 0.90)   met
//	quotes/polnear dev all     0.60 (goal 0.70)   not met: 0.560, floor 0.55
//	quotes/polnear dev speaker all 0.90           not met: 0.893, floor 0.89
//	timex/tempeval3 value      0.78 (goal 0.85)   met (value F1, TimeBank + AQUAINT)
//	cluster/ecb+ even topics   0.88 (goal 0.93)   not met: ratchet at 0.82
//	cluster/multinews second half over baseline
//	                           +0.05 over the greedy baseline: not met, ratchet
//	dedup/replicate copies     ratchet
//	dedup/bbc as is            ratchet (most "false" pairs are updated versions of one article)
var floors = map[string]float64{
	"clean/l3s-gn1":                               0.85,
	"clean/aeb":                                   0.94,
	"clean/wcxb articles":                         0.90, // plain-text path on WCXB articles (met: 0.907)
	"clean/wcxb html":                             0.81, // ratchet; issue 13 asks 0.86
	"ner/conll++ test":                            0.88,
	"quotes/polnear dev":                          0.85,
	"quotes/polnear dev speaker":                  0.80, // speaker accuracy, not F1
	"quotes/polnear dev all":                      0.55, // all attributions (direct, partial, indirect): F1
	"quotes/polnear dev speaker all":              0.89, // speaker accuracy over all matched attributions
	"timex/tempeval3 value":                       0.78, // TempEval-3 value F1 (relaxed span F1 x value accuracy)
	"cluster/ecb+ even topics":                    0.82, // B-cubed F1, mean of three arrival orders
	"cluster/multinews second half":               0.76,
	"cluster/multinews second half over baseline": -0.03, // B-cubed F1 minus the greedy baseline's
	"dedup/replicate copies":                      0.99,
	"dedup/bbc as is":                             0.70,

	// Issue 10. headline: the official FNC-1 score (share of the best
	// possible) of our features-only baseline on dev, 0.842 (dossier 0.875).
	// brief: ROUGE-1 F1, the floor (goal 0.46; dossier 0.448).
	"headline/fnc1 dev fnc":           0.84,
	"brief/multinews dev odd rouge-1": 0.43,
}

// Floor returns the CI floor of F1 for a task on a set ("quotes", "polnear
// dev speaker" is the floor of speaker accuracy).
func Floor(task, set string) (float64, bool) {
	f, ok := floors[task+"/"+set]
	return f, ok
}
