package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/demo"
)

// TestArchiveCommands fills the archive from the IndoSum sample and
// searches it from the command line, on each engine.
func TestArchiveCommands(t *testing.T) {
	sample := filepath.Join(t.TempDir(), "items.jsonl")
	b, err := io.ReadAll(demo.Items())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sample, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			_, errOut, code := runCLI(t, "", with("ingest", "--file", sample)...)
			if code != 2 || !strings.Contains(errOut, "agency add") {
				t.Errorf("ingest before any agency: exit %d, %q; want a usage error saying how to add one", code, errOut)
			}
			mustRun(t, with("agency", "add", "--region", "15")...)

			// A bad line stops the import, names its line, and stores nothing.
			bad := filepath.Join(t.TempDir(), "items.csv")
			csv := "title,text,type\nBanjir di Muaro Jambi,Warga mengungsi,news\nKedua,Teks,koran\n"
			if err := os.WriteFile(bad, []byte(csv), 0o600); err != nil {
				t.Fatal(err)
			}
			_, errOut, code = runCLI(t, "", with("ingest", "--file", bad)...) // the only agency
			if code != 1 || !strings.Contains(errOut, "line 3") || !strings.Contains(errOut, "koran") {
				t.Errorf("ingest (bad type on line 3): exit %d, %q", code, errOut)
			}
			out := mustRun(t, with("search", "muaro")...)
			if !strings.HasPrefix(out, "0 hasil") {
				t.Errorf("after a failed import, search muaro = %q, want 0 results", out)
			}
			_, errOut, code = runCLI(t, "", with("ingest", "--file", filepath.Join(t.TempDir(), "x.txt"))...)
			if code != 2 {
				t.Errorf("ingest x.txt: exit %d, %q; want a usage error", code, errOut)
			}

			out = mustRun(t, with("ingest", "--file", sample, "--agency", "Humas Pemerintah Provinsi Jambi")...)
			if !strings.Contains(out, "200 item dibaca: 200 baru disimpan") {
				t.Errorf("ingest: %q", out)
			}
			// The same file again goes through the pipeline's known stage:
			// nothing is stored twice.
			out = mustRun(t, with("ingest", "--file", sample, "--agency", "1")...)
			if !strings.Contains(out, "0 baru disimpan") || !strings.Contains(out, "200 sudah ada") {
				t.Errorf("ingest of the same file again: %q", out)
			}
			out = mustRun(t, with("reindex")...)
			if !strings.Contains(out, "200 item dianalisis ulang") {
				t.Errorf("reindex: %q", out)
			}
			out = mustRun(t, with("search", "banjir", "--limit", "5")...)
			if !strings.Contains(out, "«banjir»") && !strings.Contains(out, "«Banjir»") || !strings.Contains(out, "«membanjiri»") {
				t.Errorf("search banjir: want the word and a derived form marked:\n%s", out)
			}
			var res struct {
				Total int `json:"total"`
				Hits  []struct {
					Source  string `json:"source"`
					Snippet []struct {
						Text string `json:"text"`
						Hit  bool   `json:"hit"`
					} `json:"snippet"`
				} `json:"hits"`
				Facets struct {
					Sources []struct {
						Key string `json:"key"`
						N   int    `json:"n"`
					} `json:"sources"`
				} `json:"facets"`
			}
			out = mustRun(t, with("search", "--json", "--facets", "--limit", "3", "pemerintah source:cnnindonesia.com")...)
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("search --json: %v\n%s", err, out)
			}
			if res.Total < 3 || len(res.Hits) != 3 || res.Hits[0].Source != "cnnindonesia.com" ||
				len(res.Facets.Sources) != 1 || res.Facets.Sources[0].N != res.Total {
				t.Errorf("search --json = %+v", res)
			}

			_, errOut, code = runCLI(t, "", with("search", `banjir "kota jambi`)...)
			if code != 1 || !strings.Contains(errOut, "Tanda kutip pembuka di posisi 8 tidak ditutup") ||
				!strings.Contains(errOut, "\n       ^") {
				t.Errorf("search with an unclosed quote: exit %d, %q", code, errOut)
			}
			out = mustRun(t, with("query", "check", "Banjir dan (jambi atau bukan-kota)")...)
			if !strings.Contains(out, "Banjir AND (jambi OR bukan-kota)") {
				t.Errorf("query check: %q", out)
			}
			_, errOut, code = runCLI(t, "", append(with("query", "check"), "--", "-banjir")...)
			if code != 1 || !strings.Contains(errOut, "^") {
				t.Errorf("query check -banjir: exit %d, %q", code, errOut)
			}
		})
	}
}
