package eval

// floors are the CI floors: a score below its floor fails CI, so that a
// stage cannot silently get worse. Goals are higher (see the README).
var floors = map[string]float64{
	"clean/l3s-gn1":    0.85,
	"clean/aeb":        0.94,
	"ner/conll++ test": 0.88,
}

// Floor returns the CI floor of F1 for a task on a set.
func Floor(task, set string) (float64, bool) {
	f, ok := floors[task+"/"+set]
	return f, ok
}
