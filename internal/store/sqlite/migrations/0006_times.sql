-- Where each publication date came from (user, html-meta, dateline, url,
-- filename), and the time expressions of every document, one row each, by
-- their TIMEX3 value ("2015-09-30", "2015-W44", "P1M"), so that documents
-- can be found by the dates they speak of. documents.times keeps the full
-- list; this table is derived from it (and backfilled for existing rows).

ALTER TABLE documents ADD COLUMN published_from TEXT NOT NULL DEFAULT '';

CREATE TABLE times (
	id    INTEGER PRIMARY KEY,
	seq   INTEGER NOT NULL REFERENCES documents (seq),
	n     INTEGER NOT NULL, -- position in the document's time list
	type  TEXT NOT NULL,    -- DATE, TIME, DURATION or SET
	value TEXT NOT NULL,
	text  TEXT NOT NULL,
	start INTEGER NOT NULL,
	end   INTEGER NOT NULL
);

CREATE INDEX times_value ON times (value, seq);
CREATE INDEX times_seq ON times (seq);

INSERT INTO times (seq, n, type, value, text, start, end)
SELECT d.seq, CAST(j.key AS INTEGER),
	coalesce(j.value ->> 'type', ''), coalesce(j.value ->> 'value', ''), coalesce(j.value ->> 'text', ''),
	coalesce(j.value ->> 'start', 0), coalesce(j.value ->> 'end', 0)
FROM documents d, json_each(d.times) j
WHERE d.times IS NOT NULL;
