-- Documents, their verbatim raw bytes, failures, and full-text search.
--
-- raw.seq is the ingest sequence number; documents.seq shares it, and the
-- FTS5 index uses it as its rowid so that search joins are integer lookups.
-- raw.id is the only text index: every lookup by document ID goes through it.

CREATE TABLE raw (
	seq   INTEGER PRIMARY KEY,
	id    TEXT NOT NULL UNIQUE,
	bytes BLOB NOT NULL
);

-- Small metadata columns come first and large ones last, so that reading
-- search hits never walks a row's overflow pages. Lists of records are JSON;
-- span lists are packed varints (see spans.go); NULL is a nil list.
CREATE TABLE documents (
	seq          INTEGER PRIMARY KEY REFERENCES raw (seq),
	id           TEXT NOT NULL,
	source       TEXT NOT NULL,
	format       TEXT NOT NULL,
	url          TEXT NOT NULL,
	title        TEXT NOT NULL,
	outlet       TEXT NOT NULL,
	author       TEXT NOT NULL,
	published    TEXT,
	fetched      TEXT,
	language     TEXT NOT NULL,
	grp          TEXT NOT NULL,
	content_type TEXT NOT NULL,
	ingested_at  TEXT NOT NULL,
	flags        TEXT,
	text         TEXT NOT NULL,
	paragraphs   BLOB,
	sentences    BLOB,
	tokens       BLOB,
	entities     TEXT,
	quotes       TEXT,
	citations    TEXT,
	times        TEXT,
	lines        TEXT
);

-- External content: the index holds no copy of the text; snippet() reads it
-- from documents. Rows are added by Put; documents are never updated.
CREATE VIRTUAL TABLE fts USING fts5 (
	title,
	text,
	content = 'documents',
	content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE failures (
	id     INTEGER PRIMARY KEY,
	source TEXT NOT NULL,
	raw_id TEXT NOT NULL,
	stage  TEXT NOT NULL,
	reason TEXT NOT NULL,
	at     TEXT
);

CREATE INDEX failures_at ON failures (at);
