package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchSave saves searches from the command line, lists them, and
// sees an instant alert raised by an import through the pipeline.
func TestSearchSave(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("agency", "add", "--region", "15")...)
			mustRun(t, with("user", "add", "--username", "analis", "--agency", "1", "--role", "analis", "--clearance", "TERBATAS")...)

			_, errOut, code := runCLI(t, "", with("search", "save", "Rusak", "banjir AND (jambi", "--agency", "1")...)
			if code != 1 || !strings.Contains(errOut, "tidak ditutup") {
				t.Errorf("search save (bad query): exit %d, %q", code, errOut)
			}
			out := mustRun(t, with("search", "save", "Banjir Jambi", "banjir jambi", "--agency", "1", "--alert", "instant", "--label", "bencana")...)
			if !strings.Contains(out, `"Banjir Jambi" disimpan`) || !strings.Contains(out, "banjir AND jambi") {
				t.Errorf("search save: %q", out)
			}
			var list []savedSearchJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("search", "saved", "--json")...)), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Alert != "instant" || list[0].Labels[0] != "bencana" {
				t.Errorf("search saved --json = %+v", list)
			}

			file := filepath.Join(t.TempDir(), "items.jsonl")
			lines := `{"title": "Banjir rendam Kota Jambi", "text": "Air setinggi lutut di tiga kelurahan Kota Jambi.", "source": "jambiupdate.co", "published": "2026-11-23T06:00:00+07:00"}
{"title": "Harga cabai naik", "text": "Pedagang di Pasar Angso Duo mengeluh.", "source": "jambiupdate.co", "published": "2026-11-23T07:00:00+07:00"}
`
			if err := os.WriteFile(file, []byte(lines), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRun(t, with("ingest", "--file", file, "--agency", "1")...)
			m := openForTest(t, db)
			defer m.Close()
			var n int
			if err := m.DB.SQL().QueryRowContext(t.Context(), `SELECT count(*) FROM notifications`).Scan(&n); err != nil || n != 1 {
				t.Errorf("notifications after the import = %d, %v; want 1", n, err)
			}
		})
	}
}
