package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/hoax"
)

// TestHoaxCommands imports fact-checks from a file and from a page's
// ClaimReview, matches lines of stdin against them, and exports the
// public ones.
func TestHoaxCommands(t *testing.T) {
	page, err := os.ReadFile("../../hoax/importer/testdata/claimreview.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/cek" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("agency", "add", "--region", "15")...)

			out := mustRun(t, with("hoax", "import", "--format", "pratiwi", "--publish", "../../hoax/importer/testdata/pratiwi.jsonl")...)
			if !strings.Contains(out, "baru") || !strings.Contains(out, "dilewati / skipped") {
				t.Errorf("hoax import pratiwi: %q", out)
			}
			again := mustRun(t, with("hoax", "import", "--format", "pratiwi", "../../hoax/importer/testdata/pratiwi.jsonl")...)
			if !strings.Contains(again, ": 0 baru") {
				t.Errorf("importing again added claims: %q", again)
			}
			// A page's ClaimReview, through the guarded client: refused on
			// loopback unless allowed.
			if _, errOut, code := runCLI(t, "", with("hoax", "import", srv.URL+"/cek")...); code == 0 {
				t.Errorf("a loopback page was fetched without --fetch-allow-private (%q)", errOut)
			}
			out = mustRun(t, with("hoax", "import", "--fetch-allow-private", srv.URL+"/cek")...)
			if !strings.Contains(out, "1 klaim dibaca (claimreview): 1 baru") {
				t.Errorf("hoax import URL: %q", out)
			}
			if _, errOut, code := runCLI(t, "", with("hoax", "import", "--fetch-allow-private", srv.URL+"/hilang")...); code != 1 || !strings.Contains(errOut, "404") {
				t.Errorf("a missing page: exit %d, %q", code, errOut)
			}
			// A file with a bad record imports nothing and names the line.
			bad := filepath.Join(t.TempDir(), "bad.jsonl")
			if err := os.WriteFile(bad, []byte("{\"text\": \"Bahaya! Sikat gigi berbulu babi.\", \"label\": \"Hoax\"}\n{not json\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, errOut, code := runCLI(t, "", with("hoax", "import", "--format", "pratiwi", bad)...); code != 1 || !strings.Contains(errOut, "baris / line 2") {
				t.Errorf("a bad file: exit %d, %q", code, errOut)
			}

			list := mustRun(t, with("hoax", "list", "--json", "--limit", "100")...)
			var claims []struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
			}
			if err := json.Unmarshal([]byte(list), &claims); err != nil || len(claims) < 2 {
				t.Fatalf("hoax list --json: %v, %q", err, list)
			}
			var sikat int64
			for _, c := range claims {
				if strings.Contains(c.Title, "sikat gigi") {
					sikat = c.ID
				}
			}
			if sikat == 0 {
				t.Fatalf("no claim on the toothbrush hoax in %q", list)
			}

			stdin := "Hati-hati, sikat gigi yang kemasannya bertuliskan Bristle ternyata mengandung bulu babi, periksa kemasan sikat gigi dan kuas roti sebelum membeli, bagikan ke keluarga\n" +
				"\n" +
				"Timnas Indonesia menang 2-0 atas Vietnam di Stadion Gelora Bung Karno\r\n" +
				// Longer than the matcher takes: matched by its beginning.
				"Sikat gigi bertuliskan Bristle mengandung bulu babi, periksa kemasan sikat gigi dan kuas roti sebelum membeli! " +
				strings.Repeat("Bagikan ke keluarga dan teman. ", hoax.MaxMatchText/25) + "\n"
			out, errOut, code := runCLI(t, stdin, with("hoax", "match")...)
			if code != 0 {
				t.Fatalf("hoax match: exit %d, %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != 4 {
				t.Fatalf("hoax match printed %d lines for 4: %q", len(lines), out)
			}
			if fourth := strings.Split(lines[3], "\t"); len(fourth) != 4 || fourth[0] != itoa64(sikat) ||
				!strings.Contains(errOut, "baris 4:") || !strings.Contains(errOut, "only the first 50000 are matched") {
				t.Errorf("an over-long line: %q; stderr %q", lines[3], errOut)
			}
			first := strings.Split(lines[0], "\t")
			if len(first) != 4 || first[0] != itoa64(sikat) || first[2] != "confirmed" || !strings.Contains(first[3], "sikat gigi") {
				t.Errorf("line 1: %q", lines[0])
			}
			if lines[1] != "\t0.000\tnone\t" {
				t.Errorf("an empty line: %q", lines[1])
			}
			if third := strings.Split(lines[2], "\t"); len(third) != 4 || third[2] != "none" || third[3] != "" {
				t.Errorf("unrelated news: %q", lines[2])
			}

			feed := mustRun(t, with("hoax", "export")...)
			if !strings.Contains(feed, `"@type":"DataFeed"`) || !strings.Contains(feed, "/hoaks/"+itoa64(sikat)) ||
				strings.Contains(feed, "minyak") { // the page's claim was not published
				t.Errorf("hoax export: %.300s", feed)
			}
		})
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
