// Package brief assembles what a set of articles about one story says: an
// extractive multi-source brief whose every sentence cites each article
// that reports it, the claims the articles share (aligned at the level of
// clauses, not only of shared words), what a single outlet alone reports,
// and where articles reporting the same claim disagree (figures, dates,
// names, negation).
//
// Sentences are compared as sets of Porter stems and canonical entities,
// weighted by their inverse frequency among the story's sentences. A brief
// is chosen greedily by maximal marginal relevance: salience (centrality in
// the story, how many articles report the sentence's claim, a lead-position
// prior) against redundancy with the sentences already chosen, within a
// words budget. A sentence that opens on a pronoun or a connective whose
// referent is elsewhere, or a quotation cut from its speaker, is chosen only
// when the brief runs short, and then only right after the sentence it
// follows in its article. The brief reads in story order: earlier relative
// positions in their articles first, then earlier articles.
//
// The package is pure: no goroutines, no logging, no I/O.
package brief
