// Package ingest reads raw news from files, directories, globs and standard
// input and splits containers (WARC files, feeds, JSON Lines) into documents.
// Formats are sniffed from content. Bytes are kept verbatim; a source or record
// that cannot be read is reported as an [*Error] and reading goes on.
//
// # Sources
//
// [Documents] takes paths: a file; a directory, walked recursively and lazily
// in lexical order, skipping hidden entries (names starting with ".") and
// anything that is neither a regular file nor a symbolic link to one
// (symbolic links to directories are not followed); a glob pattern
// ([path/filepath.Glob] syntax), tried only when no file has that literal
// name; or "-" for standard input. [Split] reads one stream.
//
// # Formats
//
// [Sniff] decides the format from the first 8 KB of content; the file name
// only breaks ties (an ".html" file with few tags is HTML, a ".jsonl" file
// whose first line is any JSON object is JSON Lines). A gzip stream is
// decompressed and its content sniffed again. What becomes a
// [news.RawArticle], with ID = [news.ID](Raw) and Group = the URL's host, else
// the file's parent directory ("-" for standard input):
//
//   - Plain text or HTML: the whole file, verbatim (no decoding, BOM kept;
//     for a gzip file, the decompressed bytes). Source is the path.
//   - JSON Lines: one object per line with the keys "url", "outlet",
//     "published" (RFC 3339 or YYYY-MM-DD), "fetched", "title", and "text" or
//     "html" ("html" wins when both are present). The envelope is metadata,
//     carried in the hint fields; Raw is the decoded "text" or "html" string
//     (UTF-8), which is the article's raw content. Source is "path#L<line>".
//     Blank lines are skipped.
//   - Feeds (RSS, Atom, RDF, JSON Feed): one document per item. Raw is the
//     item's content string as the feed gives it after XML or JSON decoding
//     (content:encoded or Atom content, else description or summary); Body is
//     HTML when it contains HTML tags. Outlet is the feed title. Source is
//     "path#item<N>", N counting items from 1.
//   - WARC 1.0/1.1, uncompressed or gzip-compressed (a member per record, as
//     the standard recommends, or one stream): "response" records holding an
//     HTTP 200 response with an HTML, XHTML or plain-text Content-Type, and
//     "resource" records of those types. Other record types (warcinfo,
//     request, metadata, revisit, conversion) and other media types are
//     skipped silently. For a response, Raw is the HTTP payload as a client
//     sees it: the transfer coding (chunked) and the content coding (gzip,
//     deflate) are removed, the charset is untouched; ContentType is the HTTP
//     Content-Type. An "HTTP/2" status line is read as HTTP/1.1. A body that
//     does not decode (bad chunking, unknown coding) is reported. For a resource, Raw is the record block. URL is
//     WARC-Target-URI, Fetched is WARC-Date. Source is "path#record<N>", N
//     counting all records of the file from 1; errors give the byte offset of
//     the record (of its gzip member when compressed).
//
// A truncated or unreadable WARC record ends that file, after the records
// before it were yielded: offsets cannot be trusted past it. A malformed
// record header is skipped up to the next gzip member when records are
// compressed one per member, and ends the file otherwise. Records must not
// span gzip members.
//
// # Limits
//
// Containers are streamed record by record and have no size limit as a
// whole, except feeds, which are parsed in memory. The limits, all in bytes
// and set in [Options]:
//
//   - MaxFileSize (default [DefaultMaxFileSize], 50 MiB): a plain-text or
//     HTML document read whole. A larger file is reported without being read.
//   - MaxRecordSize (default MaxFileSize): one JSON Lines line, one WARC
//     record block, one feed item's content. A larger record is reported and
//     skipped; the rest of the container is read.
//   - MaxFeedSize (default 4 × MaxFileSize): a whole feed.
//
// Empty input and binary input (NUL bytes, many control bytes or a known
// binary signature in the first 8 KB, unless gzip or WARC) are reported as
// errors too.
package ingest
