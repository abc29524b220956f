package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dossier-news/dossier/internal/news"
)

// ErrSchemaTooNew is returned, wrapped, by [Open] when the database has
// migrations this binary does not know: it was written by a newer Dossier.
var ErrSchemaTooNew = errors.New("database schema is newer than this binary")

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrateLock is the advisory lock key held while migrating ("dossier" in
// ASCII), so that processes starting at once apply each migration once.
const migrateLock = 0x646f7373696572

// migration is one embedded SQL file, migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order; versions run 1, 2,
// 3... without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", base)
		}
		if v != len(ms)+1 {
			return nil, fmt.Errorf("migration %s: want version %d", base, len(ms)+1)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(base, ".sql"), sql: string(b)})
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction with its schema_migrations row, holding a session advisory
// lock on one connection throughout.
func migrate(ctx context.Context, pool *pgxpool.Pool) (err error) {
	ms, err := migrations()
	if err != nil {
		return err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer func() {
		// A fresh context: the lock must go even when ctx is done.
		if _, uerr := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock)); uerr != nil {
			err = errors.Join(err, fmt.Errorf("migrate: unlock: %w", uerr))
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var have int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if have > len(ms) {
		return fmt.Errorf("schema version %d, this binary knows up to %d: %w", have, len(ms), ErrSchemaTooNew)
	}
	for _, m := range ms[have:] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			if step := goSteps[m.name]; step != nil {
				if err := step(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	return nil
}

// goSteps are Go code that completes a migration, run after its SQL in its
// transaction: backfills whose values Go computes, as Put does.
var goSteps = map[string]func(context.Context, pgx.Tx) error{
	"0006_parity": backfillParity,
}

// backfillBatch is how many documents backfillParity reads at a time.
const backfillBatch = 1000

// backfillParity writes the entity_forms rows of the stored mentions and the
// times rows of the stored documents (migration 6).
func backfillParity(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT text_lower FROM mentions ORDER BY 1`)
	if err != nil {
		return fmt.Errorf("entity forms: %w", err)
	}
	forms, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("entity forms: %w", err)
	}
	if err := putForms(ctx, tx, forms); err != nil {
		return err
	}
	for last := int64(-1); ; {
		rows, err := tx.Query(ctx, `SELECT seq, times FROM documents WHERE seq > $1 AND times IS NOT NULL
			ORDER BY seq LIMIT $2`, last, backfillBatch)
		if err != nil {
			return fmt.Errorf("times: %w", err)
		}
		var (
			times [][]any
			docs  int
			seq   int64
			list  []byte
		)
		_, err = pgx.ForEachRow(rows, []any{&seq, &list}, func() error {
			last, docs = seq, docs+1
			ts, err := unmarshalList[news.TimeRef](list, "times")
			if err != nil {
				return fmt.Errorf("document %d: %w", seq, err)
			}
			times = append(times, timeRows(seq, ts)...)
			return nil
		})
		if err != nil {
			return fmt.Errorf("times: %w", err)
		}
		if err := putTimes(ctx, tx, times); err != nil {
			return err
		}
		if docs < backfillBatch {
			return nil
		}
	}
}
