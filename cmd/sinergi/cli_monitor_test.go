package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
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

// TestIssuesList clusters the archive's recent items from the command
// line: three outlets' copies of one story are one issue of three items.
func TestIssuesList(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("agency", "add", "--region", "15")...)
			now := time.Now().UTC()
			// Three outlets' own reports of one flood (not copies: the
			// pipeline would keep one item of copies).
			reports := []struct{ title, text, source string }{
				{"Banjir bandang rendam tiga desa di Merangin", "Banjir bandang melanda tiga desa di Kecamatan Sungai Manau, Kabupaten Merangin, setelah hujan deras semalaman. BPBD Merangin mencatat ratusan rumah terendam.", "jambiupdate.co"},
				{"Ratusan rumah di Sungai Manau terendam banjir bandang", "BPBD Merangin menyebut air bah datang menjelang subuh. Warga Sungai Manau mengungsi ke balai desa dan masjid sambil menunggu air surut.", "jambi-independent.co.id"},
				{"Warga Merangin mengungsi akibat banjir bandang", "Hujan sepanjang malam membuat sungai meluap di Sungai Manau, Merangin. Bupati Merangin meninjau lokasi banjir bandang dan posko pengungsian.", "metrojambi.com"},
			}
			var lines strings.Builder
			for i, r := range reports {
				fmt.Fprintf(&lines, `{"title": %q, "text": %q, "source": %q, "url": "https://%s/berita/%d", "published": %q}`+"\n",
					r.title, r.text, r.source, r.source, i+1, now.Add(-time.Duration(i+1)*time.Hour).Format(time.RFC3339))
			}
			fmt.Fprintf(&lines, `{"title": "Festival perahu hias Batanghari dibuka", "text": "Ribuan warga menonton perahu hias di tepi sungai pada malam pembukaan festival.", "source": "jambiupdate.co", "published": %q}`+"\n",
				now.Add(-2*time.Hour).Format(time.RFC3339))
			file := filepath.Join(t.TempDir(), "items.jsonl")
			if err := os.WriteFile(file, []byte(lines.String()), 0o600); err != nil {
				t.Fatal(err)
			}
			// Before the issue tracker has run (an item imported into the
			// archive without the pipeline), the listing clusters the archive.
			m := openForTest(t, db)
			err := m.Services.Archive.Import(t.Context(), access.SystemActor(), []*archive.Item{{AgencyID: 1,
				Title: "Harga cabai di Pasar Angso Duo naik", Text: "Pedagang cabai mengeluh harga naik dua kali lipat.",
				Source: "jambiupdate.co", Published: now.Add(-3 * time.Hour)}})
			m.Close()
			if err != nil {
				t.Fatal(err)
			}
			var list []issueJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("issues", "list", "--json", "--min", "1")...)), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Stored || list[0].Items != 1 {
				t.Errorf("issues list --json before the tracker ran = %+v; want the one item clustered from the archive", list)
			}
			if out := mustRun(t, with("issues", "list", "--min", "1")...); !strings.Contains(out, "dikelompokkan ulang dari arsip") {
				t.Errorf("issues list before the tracker ran does not say it clustered the archive:\n%s", out)
			}
			// `sinergi ingest` goes through the pipeline, whose tracker
			// stores the issues; the listing reads them.
			mustRun(t, with("ingest", "--file", file, "--agency", "1")...)
			list = nil
			if err := json.Unmarshal([]byte(mustRun(t, with("issues", "list", "--json", "--since", "24h")...)), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || !list[0].Stored || list[0].Items != 3 || len(list[0].Sources) != 3 || !strings.Contains(list[0].Title, "anjir bandang") {
				t.Errorf("issues list --json = %+v; want one stored issue of the three reports", list)
			}
			if out := mustRun(t, with("issues", "list")...); !strings.Contains(out, "1 isu tersimpan") {
				t.Errorf("issues list does not say it read the stored issues:\n%s", out)
			}
			if _, errOut, code := runCLI(t, "", with("issues", "list", "--since", "800h")...); code != exitUsage || !strings.Contains(errOut, "--since") {
				t.Errorf("issues list --since 90d: exit %d, %q", code, errOut)
			}
		})
	}
}
