// Package story clusters documents online into events (one real-world
// happening, reported by many outlets) and events into storylines (events
// that belong together over time: the same actors, the same conflict,
// follow-ups).
//
// Each document is a pair of TF-IDF vectors, one over the words of its title
// and body (title words count more), one over its canonical entities and
// the years and months it names. A new document joins the event whose
// centroid is most similar, if that similarity reaches Options.Join and the
// dates (when both are known) are close; otherwise it starts an event, which
// joins the most similar storyline in a wider time window or starts one.
// Candidates come from an inverted index over the documents' strongest
// terms, bounded per term and over time, so the cost of a document does not
// grow with the corpus.
//
// An [Index] is built by [New]; it is not safe for concurrent use (in a run
// it has one owner, the pipeline's sink goroutine).
package story
