// Package ingest reads raw news from files, directories, globs and standard
// input and splits containers (WARC files, feeds, JSON Lines) into documents.
// Formats are sniffed from content. Bytes are kept verbatim; a source or record
// that cannot be read is reported as an [*Error] and reading goes on.
package ingest
