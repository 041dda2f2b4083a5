package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, as the store uses
)

// openSQLite sets River up on the SQLite file at path, beside the store.
//
// River gets a pool of its own on the same file rather than the store's,
// because it wants different settings: riversqlite's documentation and
// River's own tests use one connection (SetMaxOpenConns(1)), since River
// runs many small operations concurrently (fetches, completions, the
// leader lease, the notification outbox polled every 50 ms) and SQLite
// takes one writer at a time. One connection serialises River's work in
// Go instead of in SQLite's lock, and leaves the store's pool free for
// the pages and the polls. Against the store's writers, River's one
// connection waits like any other (busy_timeout, _txlock below).
func (r *Runner) openSQLite(ctx context.Context, path string, rc *river.Config) error {
	db, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return fmt.Errorf("jobs: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fmt.Errorf("jobs: open %s: %w", path, err)
	}
	if err := setClient(r, riversqlite.New(db), rc); err != nil {
		db.Close()
		return err
	}
	r.close = func() { db.Close() }
	return nil
}

// sqliteDSN returns the connection string of River's pool. Each setting is
// set on purpose:
//   - journal_mode(WAL): the store's mode (persistent in the file, set
//     again should River ever open the file first); readers never wait.
//   - busy_timeout(10000): River waits up to 10 s for the store's writer
//     (a poll's transaction) instead of failing at once with SQLITE_BUSY.
//   - _txlock=immediate: River's transactions read, then write; begun
//     deferred, one that finds a store transaction committed meanwhile
//     cannot upgrade and fails at once (SQLITE_BUSY, busy_timeout
//     ignored). Immediate takes the write lock at BEGIN, waiting its turn.
//   - synchronous(NORMAL): River commits often (leader lease, fetches,
//     completions); a power cut may lose its last commits, never corrupt
//     the file, and a lost job is queued again by its schedule. The
//     store's own connections keep FULL.
//
// foreign_keys and _time_format are left as River is tested with them:
// River writes its times as text itself, and its table rebuild (migration
// 8) is tested without foreign keys enforced.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// openPostgres sets River up on PostgreSQL: riverpgxv5 needs a pgx pool,
// opened here from the store's URL (the store uses pgx too, through
// database/sql). Ten connections: one LISTENs, the producers, completer,
// elector and maintenance share the rest; the jobs' own work goes through
// the store's pool.
func (r *Runner) openPostgres(ctx context.Context, dbURL string, rc *river.Config) error {
	pc, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return fmt.Errorf("jobs: postgres URL: %w", err)
	}
	pc.MaxConns = 10
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return fmt.Errorf("jobs: open postgres: %w", err)
	}
	if err := setClient(r, riverpgxv5.New(pool), rc); err != nil {
		pool.Close()
		return err
	}
	migrate := r.migrate
	// River's migrator takes no lock, and two serve processes may start
	// together: the first to take this advisory lock migrates, the other
	// then finds nothing to do.
	r.migrate = func(ctx context.Context) error {
		conn, err := pool.Acquire(ctx)
		if err != nil {
			return fmt.Errorf("jobs: migrate: %w", err)
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLockKey); err != nil {
			return fmt.Errorf("jobs: migrate: lock: %w", err)
		}
		defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLockKey)
		return migrate(ctx)
	}
	r.close = pool.Close
	return nil
}

// migrateLockKey is the PostgreSQL advisory lock held while River's tables
// are migrated: "sinergi" in ASCII, then 1.
const migrateLockKey int64 = 0x73696e6572676901

// setClient builds the River client and the migration of River's tables
// on driver.
func setClient[TTx any](r *Runner, driver riverdriver.Driver[TTx], rc *river.Config) error {
	c, err := river.NewClient(driver, rc)
	if err != nil {
		return fmt.Errorf("jobs: river client: %w", err)
	}
	// The migrator's own log says "no migrations to apply" at every start;
	// its errors are returned, and what it applied is logged below.
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("jobs: river migrator: %w", err)
	}
	r.client = c
	r.migrate = func(ctx context.Context) error {
		res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		if err != nil {
			return fmt.Errorf("jobs: migrate river tables: %w", err)
		}
		if len(res.Versions) > 0 {
			last := res.Versions[len(res.Versions)-1]
			r.log.Info("river tables migrated", "applied", len(res.Versions), "version", last.Version)
		}
		return nil
	}
	return nil
}
