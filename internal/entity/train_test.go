package entity

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// conllDir is the CoNLL-2003/CoNLL++ folder of the evaluation data, which
// lives outside the repository.
var conllDir = filepath.Join("..", "..", "..", "shared", "data", "conll")

var (
	trainModel = flag.Bool("entity.train", false, "train the NER model on ../shared/data/conll and write model/ner.bin.gz")
	trainIter  = flag.Int("entity.iter", 0, "training iterations (0: default)")
	trainAug   = flag.Float64("entity.aug", 0, "case augmentation fraction (0: default, negative: none)")
	trainFolds = flag.Int("entity.folds", 0, "folds for the second pass (0: default, negative: one pass)")
	trainBeam  = flag.Int("entity.beam", 0, "beam width (0: default, 1: greedy)")
	trainSeed  = flag.Uint64("entity.seed", 0, "seed of the document order and case augmentation (0: default)")
	scoreSet   = flag.String("entity.score", "", "score a model with its rules after tagging on CoNLL++ dev or test (dev, test)")
	scoreModel = flag.String("entity.model", "", "model file -entity.score reads (default: the embedded model)")
	trainAll   = flag.Bool("entity.all-lists", false, "train with every gazetteer list, clubs_1996.txt included")
	trainOut   = flag.String("entity.out", filepath.Join("model", "ner.bin.gz"), "where -entity.train writes the model")
)

// readCoNLLFile reads one CoNLL file of the evaluation data, or skips.
func readCoNLLFile(t testing.TB, name string) []Sentence {
	t.Helper()
	f, err := os.Open(filepath.Join(conllDir, name))
	if err != nil {
		t.Skipf("CoNLL data not found (evaluation data lives outside the repository): %v", err)
	}
	defer f.Close()
	ss, err := ReadCoNLL(f)
	if err != nil {
		t.Fatalf("ReadCoNLL(%s): %v", name, err)
	}
	return ss
}

// TestTrainModel retrains the shipped model when run with -entity.train:
//
//	go test ./internal/entity -run TestTrainModel -entity.train -timeout 30m
func TestTrainModel(t *testing.T) {
	if !*trainModel {
		t.Skip("run with -entity.train to retrain model/ner.bin.gz")
	}
	train := readCoNLLFile(t, "conllpp_train.txt")
	dev := readCoNLLFile(t, "conllpp_dev.txt")
	m, err := Train(t.Context(), train, dev, TrainOptions{Iterations: *trainIter, Seed: *trainSeed, Beam: *trainBeam, Augment: *trainAug, Folds: *trainFolds, Unlabelled: unlabelled(t), Exclude: trainExclude()}, testWriter{t})
	if err != nil {
		t.Fatalf("Train: %v", err)
	}
	f, err := os.Create(*trainOut)
	if err != nil {
		t.Fatal(err)
	}
	n, err := m.WriteTo(f)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote model/ner.bin.gz: %d bytes", n)
	test := readCoNLLFile(t, "conllpp_test.txt")
	p, r, f1 := scoreDocs(m.w, m.w2, groupDocs(test), m.gaz, m.clusters, int(m.beam))
	t.Logf("conllpp test: P %.4f R %.4f F1 %.4f", p, r, f1)
}

// unlabelled returns the raw text of the evaluation data for learning word
// clusters (see [UnlabelledText]).
func unlabelled(t testing.TB) []string {
	out, err := UnlabelledText(filepath.Join(conllDir, ".."))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

// trainExclude is the Exclude option of -entity.all-lists.
func trainExclude() []string {
	if *trainAll {
		return []string{}
	}
	return nil
}

// TestScoreModel scores a model on CoNLL++ dev or test as [Model.Recognize]
// tags (the rules after tagging included), by type, when run with
// -entity.score: dev decides which of those rules are kept. With
// -entity.all-lists the model tags with every gazetteer list.
//
//	go test ./internal/entity -run TestScoreModel -v -args -entity.score dev
func TestScoreModel(t *testing.T) {
	if *scoreSet == "" {
		t.Skip("run with -entity.score dev|test to score a model on CoNLL++")
	}
	opts := Options{Exclude: trainExclude()}
	if *scoreModel != "" {
		f, err := os.Open(*scoreModel)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		opts.Model = f
	}
	m, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var tp, np, ng int
	type prf struct{ tp, np, ng int }
	by := map[int]*prf{1: {}, 2: {}, 3: {}, 4: {}}
	for _, d := range groupDocs(readCoNLLFile(t, "conllpp_"+*scoreSet+".txt")) {
		words := make([][]string, len(d))
		for i, s := range d {
			words[i] = s.Words
		}
		pred := m.decode(m.prepare(words))
		for i, s := range d {
			gold := make([]int, len(s.Tags))
			for j, tag := range s.Tags {
				gold[j] = parseTag(tag)
			}
			gc, pc := chunks(gold), chunks(pred[i])
			set := make(map[chunk]bool, len(gc))
			for _, c := range gc {
				set[c] = true
				ng++
				by[c.typ].ng++
			}
			for _, c := range pc {
				np++
				by[c.typ].np++
				if set[c] {
					tp++
					by[c.typ].tp++
				}
			}
		}
	}
	f := func(c prf) string {
		p, r := float64(c.tp)/float64(max(c.np, 1)), float64(c.tp)/float64(max(c.ng, 1))
		return fmt.Sprintf("P %.4f R %.4f F1 %.4f", p, r, 2*p*r/max(p+r, 1e-9))
	}
	t.Logf("conllpp %s, as tagged with the rules after tagging: %s", *scoreSet, f(prf{tp, np, ng}))
	for k := 1; k <= 4; k++ {
		t.Logf("  %-6s %s", entityTypes[k], f(*by[k]))
	}
}
