// Package headline checks a document's title against its own body: the
// body's stance towards the title in FNC-1's four classes (agree, disagree,
// discuss, unrelated), the verdict a reader should be told (supported,
// overstated, contradicted, unsupported) and the sentences it rests on.
//
// The stance comes from a multinomial logistic regression over features of
// the (title, body) pair: word and bigram overlap after Porter stemming,
// TF-IDF cosines against the whole body and its best sentences, refuting,
// hedging and attribution words, negation, and hashed words of the title and
// of the body sentences closest to it. The model is trained by [Train] (`dossier
// train headline`) on FNC-1 and embedded in the binary (model/, with its
// TRAINING.md). The verdict adds what the title itself does: a title that
// hedges or attributes ("reportedly", "X says", a question) is supported by
// a body that reports the claim; one that asserts it is overstated.
//
// The package is pure: no goroutines, no logging, no I/O.
package headline
