// Package dedup finds syndicated and re-posted copies of documents: exact
// copies by a hash of the normalised body, near-duplicates (small edits,
// other chrome, a changed title) by MinHash signatures over word shingles of
// the clean body, looked up through locality-sensitive hashing (LSH) bands,
// so that the cost of a new document does not grow with the corpus.
//
// An [Index] remembers a bounded number of recent documents (Options.Capacity);
// older ones are forgotten. It is not safe for concurrent use: in a run it
// has one owner, the pipeline's sink goroutine.
package dedup
