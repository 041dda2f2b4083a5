package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of the live database to out with VACUUM
// INTO: it reads one snapshot while the server keeps writing, and the copy
// is compact and needs no WAL file. out must not exist.
func Backup(ctx context.Context, db *sql.DB, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("sqlite: backup: %s already exists", out)
	}
	if strings.ContainsRune(out, 0) {
		return fmt.Errorf("sqlite: backup: bad file name")
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, out); err != nil {
		return fmt.Errorf("sqlite: backup to %s: %w", out, err)
	}
	return nil
}

// Check opens a backup read-only and reports whether it is a sound Sinergi
// database: SQLite's integrity check passes and the schema holds the tables
// Sinergi needs. It returns the migration version the backup is at.
func Check(ctx context.Context, path string) (int64, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("sqlite: check %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, fmt.Errorf("sqlite: check %s: %w", path, err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return 0, fmt.Errorf("sqlite: check %s: not a database: %w", path, err)
	}
	if result != "ok" {
		return 0, fmt.Errorf("sqlite: check %s: integrity check failed: %s", path, result)
	}
	var version int64
	err = db.QueryRowContext(ctx, `SELECT max(version_id) FROM goose_db_version WHERE is_applied`).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("sqlite: check %s: not a Sinergi database: %w", path, err)
	}
	for _, table := range []string{"agencies", "users", "audit_log", "audit_head"} {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			return 0, fmt.Errorf("sqlite: check %s: table %s: %w", path, table, err)
		}
	}
	return version, nil
}

// Restore checks the backup at from and puts it in place of the database
// at to. The server must be stopped. The old database is kept beside it as
// to + ".before-restore" until the copy is complete, and the WAL files of
// the old database are removed so they cannot be replayed onto the new one.
func Restore(ctx context.Context, from, to string) error {
	if _, err := Check(ctx, from); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(to), ".restore-*")
	if err != nil {
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(from)
	if err != nil {
		tmp.Close()
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sqlite: restore: copy: %w", err)
	}
	if _, err := os.Stat(to); err == nil {
		if err := os.Rename(to, to+".before-restore"); err != nil {
			return fmt.Errorf("sqlite: restore: keep old database: %w", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(to + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("sqlite: restore: %w", err)
		}
	}
	if err := os.Rename(tmp.Name(), to); err != nil {
		return fmt.Errorf("sqlite: restore: %w", err)
	}
	return nil
}
