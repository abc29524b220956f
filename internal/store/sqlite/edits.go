package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

// EditEntity records e and applies it to the stored mentions and quotes in
// one transaction.
func (db *DB) EditEntity(ctx context.Context, e store.EntityEdit) (_ int, err error) {
	e.Name, e.Form, e.To = strings.TrimSpace(e.Name), strings.TrimSpace(e.Form), strings.TrimSpace(e.To)
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
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("edit entity: %w", err)
	}
	defer rollback(tx, &err)
	if _, err := tx.ExecContext(ctx, `INSERT INTO entity_edits (kind, name, form, to_name, at) VALUES (?, ?, ?, ?, ?)`,
		string(e.Kind), e.Name, e.Form, e.To, formatTime(e.Time)); err != nil {
		return 0, fmt.Errorf("edit entity: %w", err)
	}
	var res sql.Result
	name, form := strings.ToLower(e.Name), strings.ToLower(e.Form)
	if e.Kind == store.EditRename {
		res, err = tx.ExecContext(ctx, `UPDATE mentions SET canonical = ?, canonical_lower = ? WHERE canonical_lower = ?`,
			e.To, strings.ToLower(e.To), name)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE quotes SET speaker = ?, speaker_lower = ? WHERE speaker_lower = ?`,
				e.To, strings.ToLower(e.To), name)
		}
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE mentions SET canonical = ?, canonical_lower = ? WHERE canonical_lower = ? AND text_lower = ?`,
			e.To, strings.ToLower(e.To), name, form)
	}
	if err != nil {
		return 0, fmt.Errorf("edit entity: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("edit entity: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("edit entity: %w", err)
	}
	return int(n), nil
}

// EntityEdits lists the edits in the order they were made.
func (db *DB) EntityEdits(ctx context.Context) ([]store.EntityEdit, error) {
	return loadEdits(ctx, db.r)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func loadEdits(ctx context.Context, q querier) ([]store.EntityEdit, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, name, form, to_name, at FROM entity_edits ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("entity edits: %w", err)
	}
	defer rows.Close()
	var out []store.EntityEdit
	for rows.Next() {
		var (
			e    store.EntityEdit
			kind string
			at   sql.NullString
		)
		if err := rows.Scan(&kind, &e.Name, &e.Form, &e.To, &at); err != nil {
			return nil, fmt.Errorf("entity edits: %w", err)
		}
		e.Kind = store.EditKind(kind)
		if e.Time, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("entity edits: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
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
