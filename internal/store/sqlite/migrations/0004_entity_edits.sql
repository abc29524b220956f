-- Users' corrections of entity linking, in the order they were made. They
-- are applied to the mentions and quotes already stored when made, and to
-- every document written afterwards, so they survive re-ingest and re-training.
CREATE TABLE entity_edits (
	id   INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,          -- rename | split
	name TEXT NOT NULL,          -- the canonical name edited
	form TEXT NOT NULL,          -- split: the written form taken out; else ''
	to_name TEXT NOT NULL,       -- the canonical name it becomes
	at   TEXT
);
