-- Watches (saved searches, watched entities and storylines) and the alerts they raise.
-- Alerts are raised by Put, in the transaction that stores the document, so
-- a document raises at most one alert per watch (the UNIQUE constraint) and
-- an alert is never lost between storing and raising. Webhook delivery is
-- tracked on the alert row, so it survives a restart.
CREATE TABLE watches (
	id      INTEGER PRIMARY KEY,
	kind    TEXT NOT NULL,     -- search | entity | story
	target  TEXT NOT NULL,     -- search: the query; entity: the canonical name; story: its ID
	match   TEXT NOT NULL,     -- search: the FTS5 expression run; entity: lower(target); story: the ID
	name    TEXT NOT NULL,
	webhook TEXT NOT NULL,
	created TEXT NOT NULL
);

CREATE TABLE alerts (
	id         INTEGER PRIMARY KEY,
	watch_id   INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL REFERENCES documents (seq),
	created    TEXT NOT NULL,
	delivered  TEXT,
	attempts   INTEGER NOT NULL DEFAULT 0,
	next_try   TEXT NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	UNIQUE (watch_id, seq)
);

CREATE INDEX alerts_pending ON alerts (next_try) WHERE delivered IS NULL;
