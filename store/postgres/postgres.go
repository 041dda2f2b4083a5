// Package postgres opens Sinergi's store on PostgreSQL (through pgx's
// database/sql driver), migrates it and maps its errors. It is the engine for
// a national network: several sinergi processes share one database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the database at url (postgres://...) and migrates it to
// the newest schema.
func Open(ctx context.Context, url string) (*store.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return store.New(db, Dialect{}), nil
}

// Migrate brings the schema up to date. goose takes an advisory lock, so
// processes starting together migrate once.
func Migrate(ctx context.Context, db *sql.DB) error {
	if err := store.Migrate(ctx, db, goose.DialectPostgres, migrations, "migrations"); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// Dialect is PostgreSQL's side of store.Dialect.
type Dialect struct{}

// Name returns "postgres".
func (Dialect) Name() string { return "postgres" }

// Rebind turns ? into $1, $2, ...
func (Dialect) Rebind(query string) string { return store.RebindDollar(query) }

// ForUpdate locks the selected rows until the transaction ends.
func (Dialect) ForUpdate() string { return " FOR UPDATE" }

// SkipLocked locks the rows of table that a queue's claim reads and skips
// those another transaction holds, so two processes claim different rows.
func (Dialect) SkipLocked(table string) string { return " FOR UPDATE OF " + table + " SKIP LOCKED" }

// MapError maps SQLSTATE codes to sinergi kinds.
func (Dialect) MapError(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		if pgconn.Timeout(err) || pgconn.SafeToRetry(err) {
			return &sinergi.Error{Kind: sinergi.KindUnavailable, Err: err}
		}
		return &sinergi.Error{Kind: sinergi.KindInternal, Err: err}
	}
	kind := sinergi.KindInternal
	switch pe.Code {
	case "23505": // unique_violation
		kind = sinergi.KindConflict
	case "23503", "23502", "23514", "22001", "22P02": // foreign key, not null, check, too long, bad text
		kind = sinergi.KindInvalid
	case "40001", "40P01", "55P03", "57014", "53300": // serialization, deadlock, lock, cancelled, too many connections
		kind = sinergi.KindUnavailable
	}
	return &sinergi.Error{Kind: kind, Err: err}
}
