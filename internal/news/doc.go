// Package news holds the domain types shared by every stage of Dossier: raw
// articles as ingested, cleaned documents, byte spans over their text and the
// annotations that refer to those spans. It imports the standard library only.
//
// The canonical text of a document is [Doc.Text], the cleaned article body.
// Every annotation refers to it by byte offsets ([Span]) and never copies
// substrings of it.
package news
