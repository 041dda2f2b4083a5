// Command gen builds region/data/wilayah.tsv.gz, the gazetteer embedded in
// package region, from the wilayah.csv derived from cahyadsn/wilayah.
//
// Run it from the repository root:
//
//	go run ./region/internal/gen -in ../shared/data/regions-id/wilayah.csv -out region/data/wilayah.tsv.gz
//
// The output is one header line "kode\tnama" followed by one line per region
// in code order, gzip-compressed at the best level with an empty header (no
// file name, no modification time), so the same input always gives the same
// bytes. Level and parent are not stored: both follow from the code. The
// generator checks them against the CSV's tingkat and kode_induk columns and
// refuses input that disagrees, so the package's decoder can rely on them.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	in := flag.String("in", "../shared/data/regions-id/wilayah.csv", "source CSV (kode,nama,tingkat,kode_induk)")
	out := flag.String("out", "region/data/wilayah.tsv.gz", "gzip-compressed TSV to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run reads the CSV at in and writes the compressed TSV to out.
func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("gen: open source: %w", err)
	}
	defer f.Close()
	data, err := encode(f)
	if err != nil {
		return fmt.Errorf("gen: %s: %w", in, err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("gen: write output: %w", err)
	}
	return nil
}

// encode converts the CSV read from r into the compressed TSV.
func encode(r io.Reader) ([]byte, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	if got := strings.Join(header, ","); got != "kode,nama,tingkat,kode_induk" {
		return nil, fmt.Errorf("header %q, want kode,nama,tingkat,kode_induk", got)
	}
	var tsv bytes.Buffer
	tsv.WriteString("kode\tnama\n")
	prev := ""
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read row: %w", err)
		}
		code, name, level, parent := rec[0], rec[1], rec[2], rec[3]
		if err := check(code, name, level, parent); err != nil {
			return nil, fmt.Errorf("row %s: %w", code, err)
		}
		if code <= prev {
			return nil, fmt.Errorf("row %s: not after %s: rows must be in code order", code, prev)
		}
		prev = code
		tsv.WriteString(code)
		tsv.WriteByte('\t')
		tsv.WriteString(name)
		tsv.WriteByte('\n')
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	// The zero Header (no Name, no ModTime) keeps the output reproducible.
	if _, err := zw.Write(tsv.Bytes()); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return gz.Bytes(), nil
}

// check verifies that a row's level and parent are the ones its code implies
// and that its name fits in a TSV field.
func check(code, name, level, parent string) error {
	parts := strings.Split(code, ".")
	widths := []int{2, 2, 2, 4}
	levels := []string{"provinsi", "kabupaten_kota", "kecamatan", "desa_kelurahan"}
	if len(parts) > len(widths) {
		return fmt.Errorf("code has %d parts, want at most 4", len(parts))
	}
	for i, p := range parts {
		if len(p) != widths[i] || strings.Trim(p, "0123456789") != "" || strings.Trim(p, "0") == "" {
			return fmt.Errorf("code part %q: want %d digits, not all zero", p, widths[i])
		}
	}
	if want := levels[len(parts)-1]; level != want {
		return fmt.Errorf("tingkat %q, want %q", level, want)
	}
	if want := strings.Join(parts[:len(parts)-1], "."); parent != want {
		return fmt.Errorf("kode_induk %q, want %q", parent, want)
	}
	if strings.TrimSpace(name) == "" || strings.ContainsAny(name, "\t\r\n") {
		return fmt.Errorf("name %q is empty or holds a tab or line break", name)
	}
	return nil
}
