-- Each document's headline check (stance, verdict, evidence) as JSON; NULL
-- when the document has no title. As the SQLite backend's migration 6.
ALTER TABLE documents ADD COLUMN headline bytea;
