-- What the SQLite backend's migrations 5 and 6 add: where each publication
-- date came from (user, html-meta, dateline, url, filename), the time
-- expressions of every document one row each by their TIMEX3 value, and the
-- distinct written forms of entity mentions, so that a search for part of a
-- name finds the entity's other forms (see entityForms in search.go).
-- documents.times keeps the full list; the times table is derived from it.
-- The times and entity_forms rows of documents stored before this migration
-- are written by its Go step (backfillParity in migrate.go): their keys are
-- computed by the same Go code as Put's.

ALTER TABLE documents ADD COLUMN published_from text COLLATE "C" NOT NULL DEFAULT '';

CREATE TABLE times (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	seq       bigint NOT NULL REFERENCES documents (seq),
	n         integer NOT NULL, -- position in the document's time list
	type      text COLLATE "C" NOT NULL, -- DATE, TIME, DURATION or SET
	value     text COLLATE "C" NOT NULL,
	text      text COLLATE "C" NOT NULL,
	start_off integer NOT NULL,
	end_off   integer NOT NULL
);

CREATE INDEX times_value ON times (value, seq);
CREATE INDEX times_seq ON times (seq);

-- A form's words (nameWords in search.go) are kept last word first, joined
-- by spaces: a query's words name the form when they are all of them or its
-- last ones, that is when rwords equals the query's reversed words or starts
-- with them and a space, a range of this index. Forms that are not plain
-- words (nameWords is nil) have rwords ''.
CREATE TABLE entity_forms (
	form_lower text COLLATE "C" PRIMARY KEY,
	rwords     text COLLATE "C" NOT NULL
);

CREATE INDEX entity_forms_rwords ON entity_forms (rwords) WHERE rwords <> '';
