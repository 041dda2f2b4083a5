package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// removeSQLite deletes a database file and its WAL companions.
func removeSQLite(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// benchDBURL returns the URL of the benchmark's own database next to the
// one adminURL names.
func benchDBURL(adminURL, name string) (string, error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// recreatePostgres drops and creates the benchmark database.
func recreatePostgres(ctx context.Context, adminURL, name string) error {
	db, err := sql.Open("pgx", adminURL)
	if err != nil {
		return err
	}
	defer db.Close()
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+ident+` WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop %s: %w", name, err)
	}
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+ident); err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	return nil
}

// benchAgency creates the agency that holds the archive (Provinsi Jambi).
func benchAgency(ctx context.Context, db *store.DB) (int64, error) {
	gaz, err := region.Load()
	if err != nil {
		return 0, err
	}
	clock := sinergi.FixedClock(benchNow)
	svc := agency.NewService(db, gaz, audit.NewLog(db, clock))
	a, err := svc.CreateFromRegion(ctx, access.SystemActor(), "15", 0)
	if err != nil {
		return 0, fmt.Errorf("create agency: %w", err)
	}
	return a.ID, nil
}

// buildStore fills a Sinergi store through (*store.DB).AddItems in batches
// and returns the time the inserts took (the agency is created before the
// clock starts).
func buildStore(ctx context.Context, db *store.DB, c *corpus, n, batch int) (time.Duration, error) {
	agencyID, err := benchAgency(ctx, db)
	if err != nil {
		return 0, err
	}
	imported := benchNow.UTC()
	start := time.Now()
	items := make([]*archive.Item, 0, batch)
	analyses := make([]*archive.Analysis, 0, batch)
	for i := range n {
		d, base := c.doc(i)
		items = append(items, &archive.Item{
			AgencyID: agencyID, Classification: access.Publik,
			Title: d.Title, Text: d.Text, URL: d.URL, Source: d.Source,
			Published: d.Published, Fetched: d.Published, ImportedAt: imported,
			Lang: "id", Sentiment: d.Sentiment, Type: d.Type,
		})
		analyses = append(analyses, c.Analyses[base])
		if len(items) == batch || i == n-1 {
			if err := db.AddItems(ctx, items, analyses); err != nil {
				return 0, err
			}
			items, analyses = items[:0], analyses[:0]
		}
	}
	return time.Since(start), nil
}

func buildSQLite(ctx context.Context, path string, c *corpus, n, batch int) (time.Duration, error) {
	if err := removeSQLite(path); err != nil {
		return 0, err
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return buildStore(ctx, db, c, n, batch)
}

func buildPostgres(ctx context.Context, adminURL, name string, c *corpus, n, batch int) (time.Duration, error) {
	if err := recreatePostgres(ctx, adminURL, name); err != nil {
		return 0, err
	}
	u, err := benchDBURL(adminURL, name)
	if err != nil {
		return 0, err
	}
	db, err := postgres.Open(ctx, u)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	d, err := buildStore(ctx, db, c, n, batch)
	if err != nil {
		return 0, err
	}
	// Statistics for the planner, as autovacuum would gather soon after a
	// bulk import; not part of the build time.
	if _, err := db.SQL().ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		return 0, err
	}
	return d, nil
}

// buildFTS5Plain fills a plain FTS5 table with the raw title and text,
// tokenised by FTS5's default unicode61, in the same batches and with the
// same durability settings as Sinergi's SQLite store.
func buildFTS5Plain(ctx context.Context, path string, c *corpus, n, batch int) (time.Duration, error) {
	if err := removeSQLite(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE t USING fts5(title, body)`); err != nil {
		return 0, err
	}
	start := time.Now()
	for lo := 0; lo < n; lo += batch {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return 0, err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO t (title, body) VALUES (?, ?)`)
		if err != nil {
			return 0, err
		}
		for i := lo; i < min(n, lo+batch); i++ {
			d, _ := c.doc(i)
			if _, err := stmt.ExecContext(ctx, d.Title, d.Text); err != nil {
				return 0, err
			}
		}
		stmt.Close()
		if err := tx.Commit(); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// openSQLiteTuned opens the SQLite store built for "sqlite" with the
// store's own settings plus a larger page cache and memory-mapped reads,
// to measure what those settings (not in the product) would change.
func openSQLiteTuned(path string) (*store.DB, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(FULL)",
		"cache_size(-262144)", "mmap_size(4294967296)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	return store.New(db, sqlite.Dialect{}), nil
}

// engineList splits the -engines flag.
func engineList(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}
