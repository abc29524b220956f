-- Stories: where each document sits (the copy it duplicates, its event) and
-- which storyline each event belongs to, plus users' corrections, as in the
-- SQLite backend's migration 5. Placements are written with their documents
-- in Put's transaction; reclustering replaces them all and re-applies the
-- edits.

CREATE TABLE placements (
	seq          bigint PRIMARY KEY REFERENCES documents (seq),
	doc_id       text COLLATE "C" NOT NULL,
	duplicate_of text COLLATE "C" NOT NULL,
	event        text COLLATE "C" NOT NULL
);

CREATE INDEX placements_event ON placements (event);
CREATE INDEX placements_doc ON placements (doc_id);
CREATE INDEX placements_copies ON placements (duplicate_of) WHERE duplicate_of <> '';

CREATE TABLE events (
	id    text COLLATE "C" PRIMARY KEY,
	story text COLLATE "C" NOT NULL
);

CREATE INDEX events_story ON events (story);

CREATE TABLE story_edits (
	id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind text COLLATE "C" NOT NULL,
	a    text COLLATE "C" NOT NULL,
	b    text COLLATE "C" NOT NULL,
	at   text COLLATE "C"
);

-- How many story edits `dossier migrate-store` copied from each source.
ALTER TABLE store_imports ADD COLUMN story_edits integer NOT NULL DEFAULT 0;
