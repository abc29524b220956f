// Package pipeline runs the per-document stages (clean, segment, ...) over a
// stream of raw documents with a bounded pool of workers and hands the results,
// in input order, to one sink goroutine. It is the only package that processes
// documents concurrently, and the one that decides what a failure means: an
// error about one document is recorded on it and the run goes on; cancellation
// and sink (store) errors stop the run.
package pipeline
