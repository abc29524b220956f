package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/news"
	"github.com/dossier-news/dossier/internal/store"
)

// ImportState is how far a copy from another store (`dossier migrate-store`)
// got: the source's sequence number of the last document copied, and how
// many of its entity edits and failures were copied.
type ImportState struct {
	LastSeq    int64
	Edits      int
	StoryEdits int
	Failures   bool // the failures were copied
}

// ImportState returns how far the copy from source got; zero if it never began.
func (db *DB) ImportState(ctx context.Context, source string) (ImportState, error) {
	var s ImportState
	err := db.pool.QueryRow(ctx, `SELECT last_seq, edits, story_edits, failures FROM store_imports WHERE source = $1`, clean(source)).
		Scan(&s.LastSeq, &s.Edits, &s.StoryEdits, &s.Failures)
	if errors.Is(err, pgx.ErrNoRows) {
		return ImportState{}, nil
	}
	if err != nil {
		return s, fmt.Errorf("import state: %w", err)
	}
	return s, nil
}

// ImportEdits applies the entity edits of source from the first not yet
// copied on, in order, and records how many were copied, in one
// transaction. Each is applied as [DB.EditEntity] applies it: to the
// documents already copied, and kept for those copied later.
func (db *DB) ImportEdits(ctx context.Context, source string, edits []store.EntityEdit) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		st, err := lockImport(ctx, tx, source)
		if err != nil {
			return err
		}
		for _, e := range edits[min(st.Edits, len(edits)):] {
			e.Name, e.Form, e.To = clean(e.Name), clean(e.Form), clean(e.To)
			if _, err := applyEdit(ctx, tx, e); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE store_imports SET edits = $2 WHERE source = $1`, clean(source), max(st.Edits, len(edits)))
		return err
	})
	if err != nil {
		return fmt.Errorf("import edits: %w", err)
	}
	return nil
}

// ImportStoryEdits records the story edits of source from the first not yet
// copied on, in order. Placements are copied as they are, edits applied, so
// an edit copied before any document is only recorded (to be re-applied
// after a reclustering); one made after part of the documents were copied
// is applied to them too, as [DB.EditStory] applies it.
func (db *DB) ImportStoryEdits(ctx context.Context, source string, edits []store.StoryEdit) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		st, err := lockImport(ctx, tx, source)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(storiesLock)); err != nil {
			return err
		}
		for _, e := range edits[min(st.StoryEdits, len(edits)):] {
			e.A, e.B = clean(e.A), clean(e.B)
			if st.LastSeq > 0 {
				if _, err := applyStoryEdit(ctx, tx, e); err != nil && !errors.Is(err, store.ErrNotFound) {
					return err
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO story_edits (kind, a, b, at) VALUES ($1, $2, $3, $4)`,
				string(e.Kind), e.A, e.B, formatTime(e.Time)); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE store_imports SET story_edits = $2 WHERE source = $1`, clean(source), max(st.StoryEdits, len(edits)))
		return err
	})
	if err != nil {
		return fmt.Errorf("import story edits: %w", err)
	}
	return nil
}

// Import stores a batch of source's documents as Put does and records
// lastSeq, the source's sequence number of the batch's last document, in
// the same transaction, so that an interrupted copy resumes after the last
// batch it committed.
func (db *DB) Import(ctx context.Context, source string, items []store.Item, lastSeq int64) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(items))
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		clear(res)
		if _, err := lockImport(ctx, tx, source); err != nil {
			return err
		}
		if err := put(ctx, tx, items, res); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE store_imports SET last_seq = greatest(last_seq, $2) WHERE source = $1`, clean(source), lastSeq)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

// ImportFailures records source's failures, once: a copy that already
// recorded them does nothing.
func (db *DB) ImportFailures(ctx context.Context, source string, fs []news.Failure) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var done bool
		if _, err := lockImport(ctx, tx, source); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT failures FROM store_imports WHERE source = $1`, clean(source)).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
		if len(fs) > 0 {
			if err := putFailures(ctx, tx, fs); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE store_imports SET failures = true WHERE source = $1`, clean(source))
		return err
	})
	if err != nil {
		return fmt.Errorf("import failures: %w", err)
	}
	return nil
}

// ImportWatches stores source's watches (saved searches, watched entities
// and storylines) with their names, webhooks and creation times, once: a
// copy that already stored them does nothing. Their past alerts are not
// copied; documents stored from then on raise new ones.
func (db *DB) ImportWatches(ctx context.Context, source string, ws []store.Watch) error {
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockImport(ctx, tx, source); err != nil {
			return err
		}
		var done bool
		if err := tx.QueryRow(ctx, `SELECT watches FROM store_imports WHERE source = $1`, clean(source)).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
		for _, w := range ws {
			w.Target, w.Name, w.Webhook = clean(w.Target), clean(w.Name), clean(w.Webhook)
			match := w.Target
			switch w.Kind {
			case store.WatchSearch:
				match = tsQuery(w.Target)
			case store.WatchEntity:
				match = strings.ToLower(w.Target)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO watches (kind, target, match, name, webhook, created)
				VALUES ($1, $2, $3, $4, $5, $6)`, string(w.Kind), w.Target, match, w.Name, w.Webhook, formatTime(w.Created)); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE store_imports SET watches = true WHERE source = $1`, clean(source))
		return err
	})
	if err != nil {
		return fmt.Errorf("import watches: %w", err)
	}
	return nil
}

// lockImport creates source's store_imports row if needed and locks it, so
// that two copies of one source do not interleave.
func lockImport(ctx context.Context, tx pgx.Tx, source string) (ImportState, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO store_imports (source, last_seq) VALUES ($1, 0) ON CONFLICT (source) DO NOTHING`, clean(source)); err != nil {
		return ImportState{}, err
	}
	var s ImportState
	err := tx.QueryRow(ctx, `SELECT last_seq, edits, story_edits FROM store_imports WHERE source = $1 FOR UPDATE`, clean(source)).
		Scan(&s.LastSeq, &s.Edits, &s.StoryEdits)
	return s, err
}
