// Package clean turns a raw document into the article it carries: the body
// text with paragraph breaks, the title, outlet, author, publication date,
// language and flags. Plain-text pages (scraped dumps with page chrome still in
// them) get every non-empty line labelled title, body, caption or chrome;
// HTML pages go through main-content extraction.
//
// Cleaning is pure: the only cross-document signal, lines that recur across
// documents of one site, comes in through [Options.Repeats], which the caller
// builds with [NewRepeats].
package clean
