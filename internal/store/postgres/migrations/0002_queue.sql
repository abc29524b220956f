-- The work queue shared by `dossier work` processes (see queue.go): raw
-- documents waiting to be processed. A worker claims rows with FOR UPDATE
-- SKIP LOCKED and a lease; the row is deleted in the transaction that stores
-- the document (or its failure), so a document is stored once. A worker
-- that dies leaves its lease to expire and the rows are claimed again.
CREATE TABLE queue (
	seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id           text COLLATE "C" NOT NULL UNIQUE,
	source       text COLLATE "C" NOT NULL,
	meta         bytea NOT NULL,   -- JSON of the raw article without its bytes
	bytes        bytea NOT NULL,
	attempts     integer NOT NULL DEFAULT 0,
	worker       text COLLATE "C" NOT NULL DEFAULT '',
	lease_until  timestamptz,
	enqueued_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX queue_lease ON queue (lease_until NULLS FIRST, seq);

-- Where `dossier migrate-store` got to, per source database, so that an
-- interrupted copy resumes after the last batch it committed.
CREATE TABLE store_imports (
	source   text COLLATE "C" PRIMARY KEY,
	last_seq bigint NOT NULL,
	edits    integer NOT NULL DEFAULT 0,
	failures boolean NOT NULL DEFAULT false
);
