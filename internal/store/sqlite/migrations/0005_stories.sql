-- Stories: where each document sits (the copy it duplicates, its event) and
-- which storyline each event belongs to, plus users' corrections. Placements
-- are written with their documents in Put's transaction; reclustering
-- replaces them all and re-applies the edits.

CREATE TABLE placements (
	seq          INTEGER PRIMARY KEY REFERENCES documents (seq),
	doc_id       TEXT NOT NULL,
	duplicate_of TEXT NOT NULL,
	event        TEXT NOT NULL
);

CREATE INDEX placements_event ON placements (event);
CREATE INDEX placements_doc ON placements (doc_id);
CREATE INDEX placements_copies ON placements (duplicate_of) WHERE duplicate_of <> '';

CREATE TABLE events (
	id    TEXT PRIMARY KEY,
	story TEXT NOT NULL
);

CREATE INDEX events_story ON events (story);

CREATE TABLE story_edits (
	id   INTEGER PRIMARY KEY,
	kind TEXT NOT NULL, -- merge | split | move
	a    TEXT NOT NULL,
	b    TEXT NOT NULL,
	at   TEXT
);
