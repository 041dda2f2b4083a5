package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSourceCommands registers, lists, pauses and resumes a source from
// the command line, on each engine.
func TestSourceCommands(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("agency", "add", "--region", "15")...)
			out := mustRun(t, with("source", "add", "--agency", "1", "--name", "Jambi Independent",
				"--home-page", "https://www.jambi-independent.co.id", "--region", "Kota Jambi",
				"--feed", "https://www.jambi-independent.co.id/feed", "--sitemap", "https://www.jambi-independent.co.id/sitemap-news.xml",
				"--collection", "media daerah")...)
			if !strings.Contains(out, "jambi-independent.co.id") || !strings.Contains(out, "2 umpan") {
				t.Errorf("source add: %q", out)
			}
			_, errOut, code := runCLI(t, "", with("source", "add", "--agency", "1", "--name", "Salah", "--home-page", "ftp://x.id")...)
			if code != 1 || !strings.Contains(errOut, "bukan alamat http(s) yang sah") {
				t.Errorf("source add (ftp): exit %d, %q", code, errOut)
			}
			mustRun(t, with("source", "pause", "1")...)
			var list []sourceJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("source", "list", "--json", "--collection", "Media Daerah")...)), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || !list[0].Paused || list[0].Region != "15.71" || len(list[0].Feeds) != 2 ||
				list[0].Feeds[0].Kind != "feed" || list[0].Feeds[1].Kind != "sitemap" {
				t.Errorf("source list --json = %+v", list)
			}
			mustRun(t, with("source", "resume", "1")...)
			out = mustRun(t, with("source", "list")...)
			if !strings.Contains(out, "aktif") {
				t.Errorf("source list after resume: %q", out)
			}
			out = mustRun(t, with("audit", "list")...)
			if !strings.Contains(out, "Menambahkan sumber pantauan Jambi Independent dengan 2 umpan") {
				t.Errorf("audit list does not show the new source:\n%s", out)
			}
		})
	}
}
