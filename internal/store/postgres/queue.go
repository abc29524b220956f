package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// The work queue. `dossier enqueue` adds raw documents; any number of
// `dossier work` processes, on any machines, claim batches of them with
// SELECT ... FOR UPDATE SKIP LOCKED (two workers never get the same row),
// process them, and [DB.Complete] stores the results and deletes the rows in
// one transaction: a document is stored exactly once, whole or not at all.
// A claim is a lease: if its worker dies, the lease runs out and another
// worker claims the rows again. A row claimed more than maxAttempts times
// (its workers keep dying on it) is given up and recorded as a failure.

// Claimed is a queued raw document leased to a worker.
type Claimed struct {
	Raw      news.RawArticle
	Attempts int // claims so far, this one included
}

// Enqueue adds raw documents to the work queue and returns how many it
// added: a document already stored or already queued is skipped.
func (db *DB) Enqueue(ctx context.Context, raws []news.RawArticle) (int, error) {
	if len(raws) == 0 {
		return 0, nil
	}
	b := &pgx.Batch{}
	for _, r := range raws {
		if r.ID == "" {
			r.ID = news.ID(r.Raw)
		}
		bytes := r.Raw
		if bytes == nil {
			bytes = []byte{}
		}
		meta := r
		meta.Raw = nil
		m, err := json.Marshal(meta)
		if err != nil {
			return 0, fmt.Errorf("enqueue %s: %w", r.Source, err)
		}
		b.Queue(`INSERT INTO queue (id, source, meta, bytes)
			SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM raw WHERE id = $1)
			ON CONFLICT (id) DO NOTHING`, r.ID, clean(r.Source), m, bytes)
	}
	added := 0
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		added = 0
		br := tx.SendBatch(ctx, b)
		for range raws {
			tag, err := br.Exec()
			if err != nil {
				br.Close()
				return err
			}
			added += int(tag.RowsAffected())
		}
		return br.Close()
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return added, nil
}

// Claim leases up to n queued documents to worker for lease, oldest first:
// documents nobody holds, or whose lease ran out. It returns none when the
// queue has nothing to hand out.
func (db *DB) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]Claimed, error) {
	rows, err := db.pool.Query(ctx, `WITH c AS (
			SELECT seq FROM queue
			WHERE lease_until IS NULL OR lease_until < now()
			ORDER BY seq LIMIT $1
			FOR UPDATE SKIP LOCKED)
		UPDATE queue q SET lease_until = now() + make_interval(secs => $2), attempts = q.attempts + 1, worker = $3
		FROM c WHERE q.seq = c.seq
		RETURNING q.seq, q.id, q.meta, q.bytes, q.attempts`, n, lease.Seconds(), clean(worker))
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	type row struct {
		seq int64
		c   Claimed
	}
	got, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var (
			x    row
			id   string
			meta []byte
			raw  []byte
		)
		if err := r.Scan(&x.seq, &id, &meta, &raw, &x.c.Attempts); err != nil {
			return x, err
		}
		if err := json.Unmarshal(meta, &x.c.Raw); err != nil {
			return x, fmt.Errorf("queued %s: %w", id, err)
		}
		x.c.Raw.ID, x.c.Raw.Raw = id, raw
		return x, nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim: %w", err)
	}
	slices.SortFunc(got, func(a, b row) int { return cmp.Compare(a.seq, b.seq) })
	out := make([]Claimed, len(got))
	for i, x := range got {
		out[i] = x.c
	}
	return out, nil
}

// linkLock is the advisory lock key that serialises the linking of
// batches across workers ("link" in ASCII); see [DB.Complete].
const linkLock = 0x6c696e6b

// Assigner gives a batch's documents, in place, what depends on every
// document stored before them: the canonical names of their entities
// (known lists the stored entities) and their placements among stories. It
// runs inside Complete's transaction, under a lock that makes batches take
// turns, and may run again for the same batch if the transaction is retried.
type Assigner func(ctx context.Context, known func() ([]store.KnownEntity, error), items []store.Item) error

// Complete stores items and records failures as Put and PutFailures do, and
// deletes the queue rows of ids, all in one transaction. Rows no longer
// leased to worker (its lease ran out and another worker took them) are
// left alone; their documents are then duplicates here.
//
// If assign is not nil, Complete first takes an exclusive advisory lock and
// lets assign link and place the items, with a function that reads the
// stored entities (at most maxKnown; 0 for all): the lock is held until the batch is committed,
// so batches are assigned one after the other, each against every batch
// committed before it, whichever worker processed it. The lock is passed
// from worker to worker like the token of a single assigner: processing
// runs in parallel, only this step is serialised.
func (db *DB) Complete(ctx context.Context, worker string, items []store.Item, failures []news.Failure, ids []string,
	assign Assigner, maxKnown int) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(items))
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		clear(res)
		if len(items) > 0 {
			if assign != nil {
				if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(linkLock)); err != nil {
					return err
				}
				known := func() ([]store.KnownEntity, error) { return knownEntities(ctx, tx, maxKnown) }
				if err := assign(ctx, known, items); err != nil {
					return err
				}
			}
			if err := put(ctx, tx, items, res); err != nil {
				return err
			}
		}
		if len(failures) > 0 {
			if err := putFailures(ctx, tx, failures); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `DELETE FROM queue WHERE id = ANY($1) AND worker = $2`, ids, clean(worker))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("complete: %w", err)
	}
	return res, nil
}

// Release gives back the leases worker holds, so that other workers can
// claim its documents at once, without counting the attempt (the documents
// were not at fault): a worker that stops cleanly calls it.
func (db *DB) Release(ctx context.Context, worker string) error {
	if _, err := db.pool.Exec(ctx, `UPDATE queue SET lease_until = NULL, worker = '', attempts = greatest(attempts - 1, 0) WHERE worker = $1`, clean(worker)); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	return nil
}

// MentionsMark returns a number that changes whenever entity mentions are
// written or edited: compare two marks to know whether the known entities
// changed in between.
func (db *DB) MentionsMark(ctx context.Context) (int64, error) {
	var m int64
	err := db.pool.QueryRow(ctx, `SELECT coalesce((SELECT max(id) FROM mentions), 0) * 1000003 +
		coalesce((SELECT max(id) FROM entity_edits), 0)`).Scan(&m)
	if err != nil {
		return 0, fmt.Errorf("mentions mark: %w", err)
	}
	return m, nil
}

// QueueStats counts queued documents: all of them, and those leased now.
func (db *DB) QueueStats(ctx context.Context) (queued, leased int, err error) {
	err = db.pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE lease_until >= now()) FROM queue`).Scan(&queued, &leased)
	if err != nil {
		return 0, 0, fmt.Errorf("queue stats: %w", err)
	}
	return queued, leased, nil
}
