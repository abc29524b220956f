package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dossier-news/dossier/internal/store"
)

// EditEntity records e and applies it to the stored mentions and quotes in
// one transaction, holding the edits lock exclusively (see editsLock).
func (db *DB) EditEntity(ctx context.Context, e store.EntityEdit) (int, error) {
	e.Name, e.Form, e.To = clean(strings.TrimSpace(e.Name)), clean(strings.TrimSpace(e.Form)), clean(strings.TrimSpace(e.To))
	switch {
	case e.Kind != store.EditRename && e.Kind != store.EditSplit:
		return 0, fmt.Errorf("edit entity: unknown kind %q", e.Kind)
	case e.Name == "" || e.To == "":
		return 0, fmt.Errorf("edit entity: a name and a new name are needed")
	case e.Kind == store.EditSplit && e.Form == "":
		return 0, fmt.Errorf("edit entity: a split needs the form to take out")
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	var n int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		n, err = applyEdit(ctx, tx, e)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("edit entity: %w", err)
	}
	return int(n), nil
}

// applyEdit records e and updates the mentions and quotes it changes.
func applyEdit(ctx context.Context, tx pgx.Tx, e store.EntityEdit) (int64, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(editsLock)); err != nil {
		return 0, err
	}
	if err := insertEdit(ctx, tx, e); err != nil {
		return 0, err
	}
	name, form, to := strings.ToLower(e.Name), strings.ToLower(e.Form), strings.ToLower(e.To)
	var (
		tag pgconn.CommandTag
		err error
	)
	if e.Kind == store.EditRename {
		tag, err = tx.Exec(ctx, `UPDATE mentions SET canonical = $1, canonical_lower = $2 WHERE canonical_lower = $3`, e.To, to, name)
		if err == nil {
			_, err = tx.Exec(ctx, `UPDATE quotes SET speaker = $1, speaker_lower = $2 WHERE speaker_lower = $3`, e.To, to, name)
		}
	} else {
		tag, err = tx.Exec(ctx, `UPDATE mentions SET canonical = $1, canonical_lower = $2 WHERE canonical_lower = $3 AND text_lower = $4`,
			e.To, to, name, form)
	}
	return tag.RowsAffected(), err
}

func insertEdit(ctx context.Context, tx pgx.Tx, e store.EntityEdit) error {
	_, err := tx.Exec(ctx, `INSERT INTO entity_edits (kind, name, form, to_name, at) VALUES ($1, $2, $3, $4, $5)`,
		string(e.Kind), e.Name, e.Form, e.To, formatTime(e.Time))
	return err
}

// EntityEdits lists the edits in the order they were made.
func (db *DB) EntityEdits(ctx context.Context) ([]store.EntityEdit, error) {
	return loadEdits(ctx, db.pool)
}

// querier is a pool, a connection or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func loadEdits(ctx context.Context, q querier) ([]store.EntityEdit, error) {
	rows, err := q.Query(ctx, `SELECT kind, name, form, to_name, at FROM entity_edits ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("entity edits: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.EntityEdit, error) {
		var (
			e    store.EntityEdit
			kind string
			at   *string
		)
		if err := row.Scan(&kind, &e.Name, &e.Form, &e.To, &at); err != nil {
			return e, err
		}
		e.Kind = store.EditKind(kind)
		var err error
		e.Time, err = parseTime(at)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("entity edits: %w", err)
	}
	return out, nil
}

// edited returns the canonical name a mention written text with canonical
// name canon has once the edits are applied in order.
func edited(edits []store.EntityEdit, canon, text string) string {
	for _, e := range edits {
		if !strings.EqualFold(canon, e.Name) {
			continue
		}
		if e.Kind == store.EditRename || strings.EqualFold(text, e.Form) {
			canon = e.To
		}
	}
	return canon
}

// editedSpeaker returns the speaker name once the renames are applied.
func editedSpeaker(edits []store.EntityEdit, speaker string) string {
	for _, e := range edits {
		if e.Kind == store.EditRename && strings.EqualFold(speaker, e.Name) {
			speaker = e.To
		}
	}
	return speaker
}
