package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// TestBriefGenerate makes a leadership brief from the command line over
// real items (demo articles, their times moved into the window) and reads
// the PDF back with pdftotext.
func TestBriefGenerate(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		testenv.Missing(t, "pdftotext (apt install poppler-utils)")
	}
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("agency", "add", "--region", "31")...)
			dir := t.TempDir()
			items := filepath.Join(dir, "items.jsonl")
			writeShifted(t, items, time.Date(2026, 11, 22, 23, 0, 0, 0, time.UTC), 60)
			mustRun(t, with("ingest", "--file", items, "--agency", "1")...)

			_, errOut, code := runCLI(t, "", with("brief", "generate", "--agency", "1", "--at", "besok", "--out", filepath.Join(dir, "x.pdf"))...)
			if code != 2 || !strings.Contains(errOut, "--at") {
				t.Errorf("brief generate --at besok: exit %d, %q; want a usage error", code, errOut)
			}
			pdf, html := filepath.Join(dir, "brief.pdf"), filepath.Join(dir, "brief.html")
			out := mustRun(t, with("brief", "generate", "--agency", "Humas Pemerintah Provinsi Daerah Khusus Ibukota Jakarta",
				"--at", "2026-11-23 06:00", "--out", pdf, "--html", html)...)
			if !strings.Contains(out, "60 berita") || !strings.Contains(out, "SHA-256") {
				t.Errorf("brief generate: %q", out)
			}
			text, err := exec.CommandContext(t.Context(), pdftotext, "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			flat := strings.Join(strings.Fields(string(text)), " ")
			for _, want := range []string{"Ringkasan pimpinan: Humas Pemerintah Provinsi Daerah Khusus Ibukota Jakarta",
				"Periode Minggu, 22 November 2026 06.00 WIB – Senin, 23 November 2026 06.00 WIB", "Sekilas 60"} {
				if !strings.Contains(flat, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			page, err := os.ReadFile(html)
			if err != nil || !bytes.Contains(page, []byte(`<html lang="id">`)) || !bytes.Contains(page, []byte("Humas Pemerintah Provinsi Daerah Khusus Ibukota Jakarta")) {
				t.Errorf("--html wrote %d bytes, %v", len(page), err)
			}
		})
	}
}

// writeShifted writes the first n demo articles to path, their publication
// times spread over the 24 hours before until.
func writeShifted(t *testing.T, path string, until time.Time, n int) {
	t.Helper()
	src, err := os.Open(filepath.Join(testenv.RepoRoot(t), "demo", "items.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var out bytes.Buffer
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for i := 0; i < n && sc.Scan(); i++ {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		rec["published"] = until.Add(-time.Duration(n-i) * 23 * time.Hour / time.Duration(n)).Format(time.RFC3339)
		line, _ := json.Marshal(rec)
		out.Write(append(line, '\n'))
	}
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}
