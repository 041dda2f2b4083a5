// Package testenv finds the real services tests need: a PostgreSQL server,
// Debian's Chromium, the shared data sets. A test that cannot find one fails
// when CI=true and otherwise skips, naming what to install or set.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// PostgresEnv names the variable holding the address of a PostgreSQL
// database whose role may CREATE DATABASE; each test gets a database of its
// own, made from it and dropped afterwards.
const PostgresEnv = "SINERGI_TEST_POSTGRES"

// InCI reports whether the tests run in CI, where nothing may be skipped.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing fails the test in CI and skips it elsewhere, saying what is
// missing and how to get it.
func Missing(t testing.TB, what string) {
	t.Helper()
	if InCI() {
		t.Fatalf("missing under CI=true: %s", what)
	}
	t.Skipf("skipped: %s", what)
}

// Postgres returns the URL of a new, empty database for this test.
func Postgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		Missing(t, "PostgreSQL: install postgresql, start it and set "+PostgresEnv+
			"=postgres://USER:PASSWORD@127.0.0.1:5432/DB (a role with CREATEDB); .ci/run does this")
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", admin)
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		Missing(t, fmt.Sprintf("PostgreSQL at %s=%s does not answer: %v", PostgresEnv, redact(admin), err))
		return ""
	}
	name := "sinergi_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := db.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		db.Close()
		t.Fatalf("testenv: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		defer db.Close()
		// An autovacuum worker (the server's own role) may be visiting the
		// new database after a bulk insert; a role that may not signal it
		// cannot force it out, so wait for it to finish.
		var err error
		for attempt := range 20 {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			_, err = db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
			cancel()
			if err == nil || !strings.Contains(err.Error(), "42501") {
				break
			}
			time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
		}
		if err != nil {
			t.Errorf("testenv: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("testenv: %s is not a URL: %v", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// Chromium returns the path of Debian's Chromium (or SINERGI_TEST_CHROMIUM).
func Chromium(t testing.TB) string {
	t.Helper()
	candidates := []string{os.Getenv("SINERGI_TEST_CHROMIUM"), "chromium", "chromium-browser"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	Missing(t, "Chromium: apt-get install -y chromium (or set SINERGI_TEST_CHROMIUM)")
	return ""
}

// RepoRoot returns the repository's root directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testenv: cannot locate the source")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// SharedData returns the path of a folder of ../shared/data (beside the
// repository), which holds data sets whose licences keep them out of it.
func SharedData(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "..", "shared", "data", name)
	if _, err := os.Stat(dir); err != nil {
		Missing(t, "data set "+dir+": needs the ../shared/data folder beside the repository")
	}
	return dir
}
