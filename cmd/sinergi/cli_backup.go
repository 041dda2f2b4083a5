package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/sinergi-id/sinergi/store/sqlite"
)

// postgresBackupHelp tells an operator on PostgreSQL what to run instead.
const postgresBackupHelp = `Sinergi di PostgreSQL dicadangkan dengan alat PostgreSQL sendiri /
on PostgreSQL, back up with PostgreSQL's own tools:
  pg_dump --format=custom --file=sinergi.dump "$SINERGI_DB"
  pg_restore --clean --if-exists --dbname="$SINERGI_DB" sinergi.dump
(or continuous archiving with pg_basebackup and WAL archiving for point-in-time recovery)`

func (c *cli) backup(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("backup", &cfg)
	out := fs.String("out", "", "write the copy to `FILE` (must not exist)")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	if kind, _, _ := cfg.engine(); kind != "sqlite" {
		fmt.Fprintln(c.stdout, postgresBackupHelp)
		return errors.New("backup hanya untuk SQLite; untuk PostgreSQL lihat di atas / backup works on SQLite only; see above for PostgreSQL")
	}
	if *out == "" {
		return usageError{errors.New("--out: wajib diisi / required")}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := sqlite.Backup(c.ctx, m.DB.SQL(), *out); err != nil {
		return err
	}
	version, err := sqlite.Check(c.ctx, *out)
	if err != nil {
		return fmt.Errorf("salinan gagal diperiksa / the copy failed its check: %w", err)
	}
	fmt.Fprintf(c.stdout, "Cadangan tersimpan di %s (skema versi %d, sudah diperiksa). / Backup written and checked.\n", *out, version)
	return nil
}

func (c *cli) restore(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("restore", &cfg)
	from := fs.String("from", "", "restore the backup `FILE`")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	kind, path, _ := cfg.engine()
	if kind != "sqlite" {
		fmt.Fprintln(c.stdout, postgresBackupHelp)
		return errors.New("restore hanya untuk SQLite; untuk PostgreSQL lihat di atas / restore works on SQLite only; see above for PostgreSQL")
	}
	if *from == "" {
		return usageError{errors.New("--from: wajib diisi / required")}
	}
	lock, err := lockFile(cfg.DataDir)
	if err != nil {
		return fmt.Errorf("hentikan server terlebih dahulu / stop the server first: %w", err)
	}
	defer lock.Close()
	if err := sqlite.Restore(c.ctx, *from, path); err != nil {
		return err
	}
	// Open once: checks the copy and migrates it if it is older.
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	rep, err := m.Services.Audit.Verify(c.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Dipulihkan dari %s ke %s; basis data lama disimpan sebagai %s. Log audit: %d entri, utuh: %v.\n",
		*from, path, filepath.Base(path)+".before-restore", rep.Entries, rep.OK)
	return nil
}
