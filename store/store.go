// Package store keeps Sinergi's records in SQL. The queries are written once,
// in the SQL both engines understand; each real difference between SQLite and
// PostgreSQL is one method of Dialect, implemented by the store/sqlite and
// store/postgres packages, which also own their migrations and the mapping
// of their driver's errors to the kinds of package sinergi.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
)

// Dialect is what differs between the engines.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Rebind turns the ? placeholders of a query into the engine's own.
	Rebind(query string) string
	// MapError turns a driver error into an error of a sinergi kind,
	// keeping the original in the chain.
	MapError(err error) error
	// ForUpdate is the clause that locks the rows a SELECT reads until the
	// transaction ends ("" where the transaction already holds the lock).
	ForUpdate() string
	// SkipLocked is the clause that locks the rows of table (an alias) a
	// SELECT reads and skips those another transaction holds: a queue's
	// claim ("" where the transaction already holds the lock).
	SkipLocked(table string) string

	// The archive's full-text index: FTS5 on SQLite, a tsvector column
	// with a GIN index on PostgreSQL.

	// IndexColumn is the extra column and placeholder the INSERT of an
	// item fills with IndexValue ("" when the index is a separate table).
	IndexColumn() (column, placeholder string)
	// IndexValue is the value of IndexColumn for an item.
	IndexValue(ix archive.IndexText) any
	// ReserveItemIDs returns n new item IDs, in the transaction that will
	// insert the items.
	ReserveItemIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error)
	// IndexItems adds items (with their IDs) to a separate index table
	// and the index words to the vocabulary, in the transaction that
	// inserts the items.
	IndexItems(ctx context.Context, tx *sql.Tx, items []*archive.Item, ix []archive.IndexText) error
	// UnindexItems removes items from a separate index table, so that
	// IndexItems can index them again (nothing where the index is
	// IndexColumn, which an UPDATE rewrites).
	UnindexItems(ctx context.Context, tx *sql.Tx, items []*archive.Item) error
	// TextMatch renders a full-text condition. published bounds the
	// matching items' publication times when the plan does, for an index
	// that can narrow the matches by it; the caller still checks the
	// bounds exactly.
	TextMatch(m *archive.Match, published Published) TextMatch
	// CountPrefix counts the index words that begin with prefix, up to
	// limit.
	CountPrefix(ctx context.Context, db *sql.DB, prefix string, limit int) (int, error)
	// ExactPhrases reports whether the index matches consecutive words
	// exactly.
	ExactPhrases() bool
}

// BooleanSyntax is how an engine's full-text query language writes AND, OR
// and AND NOT between parenthesised operands.
type BooleanSyntax struct {
	And, Or, AndNot string
}

// Render writes m in the engine's query language, its leaves (words,
// phrases, proximity, prefixes) by leaf.
func (syn BooleanSyntax) Render(m *archive.Match, leaf func(*archive.Match) string) string {
	switch m.Op {
	case archive.MatchAnd, archive.MatchOr:
		op := syn.And
		if m.Op == archive.MatchOr {
			op = syn.Or
		}
		parts := make([]string, len(m.Sub))
		for i, sub := range m.Sub {
			parts[i] = "(" + syn.Render(sub, leaf) + ")"
		}
		return strings.Join(parts, op)
	case archive.MatchAndNot:
		var b strings.Builder
		b.WriteString("(" + syn.Render(m.Sub[0], leaf) + ")")
		for _, sub := range m.Sub[1:] {
			b.WriteString(syn.AndNot + "(" + syn.Render(sub, leaf) + ")")
		}
		return b.String()
	}
	return leaf(m)
}

// Published bounds items' publication times: when Dated, only items with
// a publication time in [From, To) (a zero bound is open).
type Published struct {
	Dated    bool
	From, To time.Time
}

// TextMatch is a full-text condition in an engine's SQL: From replaces the
// FROM of the items table (joining the index when it is a table), Cond goes
// into the WHERE clause and Score (higher is better) into the SELECT list,
// each with its arguments.
type TextMatch struct {
	From, Cond, Score   string
	CondArgs, ScoreArgs []any
}

// DB is the store over one database. It implements the Store interfaces of
// the domain packages.
type DB struct {
	db      *sql.DB
	dialect Dialect
}

// New returns a store over an open, migrated database.
func New(db *sql.DB, dialect Dialect) *DB {
	return &DB{db: db, dialect: dialect}
}

// SQL returns the underlying database, for the engine packages and tests.
func (s *DB) SQL() *sql.DB { return s.db }

// Dialect returns the engine's dialect.
func (s *DB) Dialect() Dialect { return s.dialect }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Ping checks that the database answers, for /healthz.
func (s *DB) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return s.mapError(err)
	}
	return nil
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *DB) exec(ctx context.Context, q querier, query string, args ...any) (sql.Result, error) {
	res, err := q.ExecContext(ctx, s.dialect.Rebind(query), args...)
	return res, s.mapError(err)
}

func (s *DB) query(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	rows, err := q.QueryContext(ctx, s.dialect.Rebind(query), args...)
	return rows, s.mapError(err)
}

func (s *DB) queryRow(ctx context.Context, q querier, query string, args ...any) *sql.Row {
	return q.QueryRowContext(ctx, s.dialect.Rebind(query), args...)
}

// inTx runs fn in a transaction, committing when it returns nil.
func (s *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.mapError(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.mapError(err)
	}
	return s.mapError(tx.Commit())
}

// mapError maps sql.ErrNoRows to NotFound and driver errors through the
// dialect. Errors that already carry a kind pass unchanged.
func (s *DB) mapError(err error) error {
	var kinded *sinergi.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &kinded):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return &sinergi.Error{Kind: sinergi.KindNotFound, Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &sinergi.Error{Kind: sinergi.KindUnavailable, Err: err}
	}
	return s.dialect.MapError(err)
}

// rowScanner is what *sql.Row and *sql.Rows share.
type rowScanner interface{ Scan(dest ...any) error }

// findPage runs a listing: the count of every matching row (from, with w)
// and one page of them (cols from ... order ... limit), each read by scan.
func findPage[T any](ctx context.Context, s *DB, cols, from string, w *where, order string, limit, offset int,
	scan func(rowScanner) (*T, error)) ([]*T, int, error) {
	var total int
	if err := s.queryRow(ctx, s.db, `SELECT count(*)`+from+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count: %w", s.mapError(err))
	}
	rows, err := s.query(ctx, s.db, `SELECT `+cols+from+w.String()+` ORDER BY `+order+page(limit, offset), w.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var list []*T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, 0, s.mapError(err)
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.mapError(err)
	}
	return list, total, nil
}

// queryAll runs a query on q (the database or a transaction) and reads
// every row with scan.
func queryAll[T any](ctx context.Context, s *DB, q querier, query string, args []any, scan func(rowScanner) (T, error)) ([]T, error) {
	rows, err := s.query(ctx, q, query, args...)
	if err != nil {
		return nil, s.mapError(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, s.mapError(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, s.mapError(err)
	}
	return out, nil
}

// where builds the WHERE clause of a listing from conditions with ?
// placeholders.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page renders LIMIT and OFFSET, with a default and a ceiling on the limit
// so no listing reads a whole table by accident.
func page(limit, offset int) string {
	switch {
	case limit <= 0:
		limit = 50
	case limit > 10_000:
		limit = 10_000
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

// likePattern returns a LIKE pattern matching s anywhere, lower case, with
// the pattern characters of s escaped (queries say ESCAPE '\').
func likePattern(s string) string {
	return "%" + likeLiteral(strings.ToLower(s)) + "%"
}

// prefixPattern returns a LIKE pattern matching strings that start with s.
func prefixPattern(s string) string {
	return likeLiteral(s) + "%"
}

// likeLiteral escapes s for a LIKE pattern with ESCAPE '\'.
func likeLiteral(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// RebindDollar rewrites ? placeholders as $1, $2, ... outside quoted
// strings; PostgreSQL's dialect uses it.
func RebindDollar(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Migrate brings a database up to date with the numbered .sql files of an
// engine's migrations folder and its Go migrations.
func Migrate(ctx context.Context, db *sql.DB, dialect goose.Dialect, migrations fs.FS, dir string, goMigrations ...*goose.Migration) error {
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(dialect, db, fsys, goose.WithGoMigrations(goMigrations...))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
