-- Documents, their verbatim raw bytes, failures, full-text search, quotes,
-- entity mentions and users' entity edits: the same data as the SQLite
-- backend's migrations 1 to 4, in one step.
--
-- Every text column is COLLATE "C" so that sorting and min() compare bytes,
-- as SQLite does, whatever the database's locale. Text columns hold valid
-- UTF-8 without NUL (PostgreSQL accepts nothing else); a document field that
-- was not is stored repaired, and documents.verbatim keeps its exact bytes.

CREATE TABLE raw (
	seq   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id    text COLLATE "C" NOT NULL UNIQUE,
	bytes bytea NOT NULL
);

-- Lists of records are JSON and span lists packed varints (as in SQLite),
-- both bytea; NULL is a nil list. tsv indexes the title (weight A) and the
-- body (weight D) with diacritics folded.
CREATE TABLE documents (
	seq          bigint PRIMARY KEY REFERENCES raw (seq),
	id           text COLLATE "C" NOT NULL,
	source       text COLLATE "C" NOT NULL,
	format       text COLLATE "C" NOT NULL,
	url          text COLLATE "C" NOT NULL,
	title        text COLLATE "C" NOT NULL,
	outlet       text COLLATE "C" NOT NULL,
	author       text COLLATE "C" NOT NULL,
	published    text COLLATE "C",
	fetched      text COLLATE "C",
	language     text COLLATE "C" NOT NULL,
	grp          text COLLATE "C" NOT NULL,
	content_type text COLLATE "C" NOT NULL,
	ingested_at  text COLLATE "C" NOT NULL,
	flags        bytea,
	text         text COLLATE "C" NOT NULL,
	paragraphs   bytea,
	sentences    bytea,
	tokens       bytea,
	entities     bytea,
	quotes       bytea,
	citations    bytea,
	times        bytea,
	lines        bytea,
	verbatim     bytea, -- JSON {"field": base64 bytes} of fields stored repaired
	tsv          tsvector NOT NULL
);

CREATE UNIQUE INDEX documents_id ON documents (id);
CREATE INDEX documents_tsv ON documents USING gin (tsv);

CREATE TABLE failures (
	id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source text COLLATE "C" NOT NULL,
	raw_id text COLLATE "C" NOT NULL,
	stage  text COLLATE "C" NOT NULL,
	reason text COLLATE "C" NOT NULL,
	at     text COLLATE "C"
);

CREATE INDEX failures_at ON failures (at DESC NULLS LAST, id DESC);

CREATE TABLE quotes (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	seq           bigint NOT NULL REFERENCES documents (seq),
	n             integer NOT NULL,
	kind          text COLLATE "C" NOT NULL,
	speaker       text COLLATE "C" NOT NULL,
	speaker_lower text COLLATE "C" NOT NULL,
	speaker_start integer NOT NULL,
	speaker_end   integer NOT NULL,
	cue           text COLLATE "C" NOT NULL,
	via           text COLLATE "C" NOT NULL,
	addressee     text COLLATE "C" NOT NULL,
	start_off     integer NOT NULL,
	end_off       integer NOT NULL,
	text          text COLLATE "C" NOT NULL
);

CREATE INDEX quotes_speaker ON quotes (speaker_lower);
CREATE INDEX quotes_seq ON quotes (seq);

CREATE TABLE mentions (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	seq             bigint NOT NULL REFERENCES documents (seq),
	n               integer NOT NULL,
	type            text COLLATE "C" NOT NULL,
	text            text COLLATE "C" NOT NULL,
	canonical       text COLLATE "C" NOT NULL,
	canonical_lower text COLLATE "C" NOT NULL,
	text_lower      text COLLATE "C" NOT NULL,
	start_off       integer NOT NULL,
	end_off         integer NOT NULL
);

CREATE INDEX mentions_canonical ON mentions (canonical_lower, seq);
CREATE INDEX mentions_text ON mentions (text_lower);
CREATE INDEX mentions_seq ON mentions (seq);

CREATE TABLE entity_edits (
	id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind    text COLLATE "C" NOT NULL,
	name    text COLLATE "C" NOT NULL,
	form    text COLLATE "C" NOT NULL,
	to_name text COLLATE "C" NOT NULL,
	at      text COLLATE "C"
);
