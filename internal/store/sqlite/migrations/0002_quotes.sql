-- Quotes, one row each, so that `dossier quotes --by NAME` and `--about NAME`
-- need not decode every document. documents.quotes keeps the full list; this
-- table is derived from it (and backfilled here for existing databases).

CREATE TABLE quotes (
	id            INTEGER PRIMARY KEY,
	seq           INTEGER NOT NULL REFERENCES documents (seq),
	n             INTEGER NOT NULL, -- position in the document's quote list
	kind          TEXT NOT NULL,
	speaker       TEXT NOT NULL,
	speaker_lower TEXT NOT NULL,
	speaker_start INTEGER NOT NULL,
	speaker_end   INTEGER NOT NULL,
	cue           TEXT NOT NULL,
	via           TEXT NOT NULL,
	addressee     TEXT NOT NULL,
	start         INTEGER NOT NULL,
	end           INTEGER NOT NULL,
	text          TEXT NOT NULL
);

CREATE INDEX quotes_speaker ON quotes (speaker_lower);
CREATE INDEX quotes_seq ON quotes (seq);

INSERT INTO quotes (seq, n, kind, speaker, speaker_lower, speaker_start, speaker_end,
	cue, via, addressee, start, end, text)
SELECT d.seq, CAST(j.key AS INTEGER),
	coalesce(j.value ->> 'kind', ''),
	coalesce(j.value ->> 'speaker', ''), lower(coalesce(j.value ->> 'speaker', '')),
	coalesce(j.value ->> 'speaker_start', 0), coalesce(j.value ->> 'speaker_end', 0),
	coalesce(j.value ->> 'cue', ''), coalesce(j.value ->> 'via', ''), coalesce(j.value ->> 'addressee', ''),
	coalesce(j.value ->> 'start', 0), coalesce(j.value ->> 'end', 0), coalesce(j.value ->> 'text', '')
FROM documents d, json_each(d.quotes) j
WHERE d.quotes IS NOT NULL;
