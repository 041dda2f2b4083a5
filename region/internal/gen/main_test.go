package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// TestReproducesEmbeddedFile regenerates the embedded file from the shared
// source CSV and requires the same bytes.
func TestReproducesEmbeddedFile(t *testing.T) {
	src := filepath.Join(testenv.SharedData(t, "regions-id"), "wilayah.csv")
	out := filepath.Join(t.TempDir(), "wilayah.tsv.gz")
	if err := run(src, out); err != nil {
		t.Fatalf("run(%q, %q): %v", src, out, err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "data", "wilayah.tsv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("run(%q) wrote %d bytes that differ from region/data/wilayah.tsv.gz (%d bytes); regenerate it", src, len(got), len(want))
	}
}

func TestEncodeRejects(t *testing.T) {
	const h = "kode,nama,tingkat,kode_induk\n"
	tests := []struct {
		name, in, want string
	}{
		{"header", "kode,nama,level,parent\n", "header"},
		{"level", h + "11,Aceh,kabupaten_kota,\n", "tingkat"},
		{"parent", h + "11.01,Kabupaten Aceh Selatan,kabupaten_kota,12\n", "kode_induk"},
		{"code", h + "11.1,X,kabupaten_kota,11\n", "code part"},
		{"zero", h + "11.00,X,kabupaten_kota,11\n", "code part"},
		{"depth", h + "11.01.01.2001.01,X,desa_kelurahan,11.01.01.2001\n", "parts"},
		{"tab", h + "11,\"A\tceh\",provinsi,\n", "tab"},
		{"order", h + "12,Sumatera Utara,provinsi,\n11,Aceh,provinsi,\n", "code order"},
		{"fields", h + "11,Aceh,provinsi\n", "wrong number of fields"},
	}
	for _, tt := range tests {
		_, err := encode(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: encode(%q) error = %v, want one containing %q", tt.name, tt.in, err, tt.want)
		}
	}
}

func TestEncodeDeterministic(t *testing.T) {
	in := "kode,nama,tingkat,kode_induk\n11,Aceh,provinsi,\n11.01,Kabupaten Aceh Selatan,kabupaten_kota,11\n"
	a, err := encode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := encode(strings.NewReader(in))
	if !bytes.Equal(a, b) {
		t.Error("encode gave different bytes for the same input")
	}
	// gzip header: magic, deflate, no flags (no name), zero mtime.
	if want := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0}; !bytes.HasPrefix(a, want) {
		t.Errorf("encode header = % x, want % x", a[:8], want)
	}
}
