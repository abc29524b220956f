-- Entity mentions, one row each, for `dossier entity NAME`: aliases, counts
-- by outlet and over time, mentions in context, co-occurring entities.
-- documents.entities keeps the full list; this table is derived from it (and
-- backfilled here for existing databases).

CREATE TABLE mentions (
	id              INTEGER PRIMARY KEY,
	seq             INTEGER NOT NULL REFERENCES documents (seq),
	n               INTEGER NOT NULL, -- position in the document's entity list
	type            TEXT NOT NULL,
	text            TEXT NOT NULL,
	canonical       TEXT NOT NULL,
	canonical_lower TEXT NOT NULL,
	text_lower      TEXT NOT NULL,
	start           INTEGER NOT NULL,
	end             INTEGER NOT NULL
);

CREATE INDEX mentions_canonical ON mentions (canonical_lower, seq);
CREATE INDEX mentions_text ON mentions (text_lower);
CREATE INDEX mentions_seq ON mentions (seq);

INSERT INTO mentions (seq, n, type, text, canonical, canonical_lower, text_lower, start, end)
SELECT d.seq, CAST(j.key AS INTEGER),
	coalesce(j.value ->> 'type', ''), coalesce(j.value ->> 'text', ''),
	coalesce(nullif(j.value ->> 'canonical', ''), j.value ->> 'text', ''),
	lower(coalesce(nullif(j.value ->> 'canonical', ''), j.value ->> 'text', '')),
	lower(coalesce(j.value ->> 'text', '')),
	coalesce(j.value ->> 'start', 0), coalesce(j.value ->> 'end', 0)
FROM documents d, json_each(d.entities) j
WHERE d.entities IS NOT NULL;
