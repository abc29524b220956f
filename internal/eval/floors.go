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
//	ner/conll++ test           0.88 (goal 0.91)   met
//	quotes/polnear dev         0.85 (goal 0.93)   met
//	quotes/polnear dev speaker 0.80 (goal 0.90)   met
//	clean/wcxb articles        0.90 (goal 0.93)   met (plain-text path)
//	clean/wcxb html            0.86 (goal 0.90)   not met: ratchet (HTML path, all types)
var floors = map[string]float64{
	"clean/l3s-gn1":              0.85,
	"clean/aeb":                  0.94,
	"ner/conll++ test":           0.88,
	"quotes/polnear dev":         0.85,
	"quotes/polnear dev speaker": 0.80, // speaker accuracy, not F1
	"clean/wcxb articles":        0.90, // plain-text path, WCXB dev articles
	"clean/wcxb html":            0.81, // ratchet; issue 13 asks 0.86
}

// Floor returns the CI floor of F1 for a task on a set ("quotes", "polnear
// dev speaker" is the floor of speaker accuracy).
func Floor(task, set string) (float64, bool) {
	f, ok := floors[task+"/"+set]
	return f, ok
}
