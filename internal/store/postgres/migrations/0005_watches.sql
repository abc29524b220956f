-- Watches (saved searches, watched entities and storylines) and the alerts
-- they raise, as the SQLite backend's migration 7. Alerts are raised by Put,
-- in the transaction that stores the document, so a document raises at most
-- one alert per watch (the UNIQUE constraint) and an alert is never lost
-- between storing and raising. Webhook delivery is tracked on the alert row.
CREATE TABLE watches (
	id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind    text COLLATE "C" NOT NULL,  -- search | entity | story
	target  text COLLATE "C" NOT NULL,  -- search: the query; entity: the canonical name; story: its ID
	match   text COLLATE "C" NOT NULL,  -- search: the to_tsquery text; entity: lower(target); story: the ID
	name    text COLLATE "C" NOT NULL,
	webhook text COLLATE "C" NOT NULL,
	created text COLLATE "C" NOT NULL
);

CREATE TABLE alerts (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	watch_id   bigint NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
	seq        bigint NOT NULL REFERENCES documents (seq),
	created    text COLLATE "C" NOT NULL,
	delivered  text COLLATE "C",
	attempts   integer NOT NULL DEFAULT 0,
	next_try   text COLLATE "C" NOT NULL,
	last_error text COLLATE "C" NOT NULL DEFAULT '',
	UNIQUE (watch_id, seq)
);

CREATE INDEX alerts_pending ON alerts (next_try) WHERE delivered IS NULL;

-- Whether `dossier migrate-store` copied each source's watches.
ALTER TABLE store_imports ADD COLUMN watches boolean NOT NULL DEFAULT false;
