package archive

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
)

// File formats ReadFile understands.
const (
	FormatJSONL = "jsonl"
	FormatCSV   = "csv"
)

// maxLine is the longest line (JSONL) or record (CSV) a file may hold.
const maxLine = MaxText + 64<<10

// Record is one item as an import file writes it. JSONL lines are
// objects with these keys; CSV files have a header row naming them.
type Record struct {
	Title          string   `json:"title"`
	Text           string   `json:"text"`
	URL            string   `json:"url"`
	Source         string   `json:"source"`
	Author         string   `json:"author"`
	Published      string   `json:"published"` // RFC 3339, or "2026-01-15 09:30" / "2026-01-15" in the file's zone
	Fetched        string   `json:"fetched"`
	Lang           string   `json:"lang"`
	Regions        []string `json:"regions"` // codes or names; in CSV separated by ";"
	Sentiment      string   `json:"sentiment"`
	Type           string   `json:"type"`
	Classification string   `json:"classification"` // PUBLIK (default), TERBATAS or RAHASIA
	Agency         int64    `json:"agency"`         // agency ID; empty: the importer's agency
}

// LineError is an error in one line of an import file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadFile reads the items of an import file in the given format; times
// without a zone are read in loc. It returns the line of each item too, so
// that errors found later (by Import, as *ItemError) can name the line.
// The first malformed line stops the reading with a *LineError.
func ReadFile(r io.Reader, format string, loc *time.Location) ([]*Item, []int, error) {
	switch format {
	case FormatJSONL:
		return readJSONL(r, loc)
	case FormatCSV:
		return readCSV(r, loc)
	}
	return nil, nil, fmt.Errorf("archive: unknown import format %q (want jsonl or csv)", format)
}

func readJSONL(r io.Reader, loc *time.Location) ([]*Item, []int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var (
		items []*Item
		lines []int
	)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(line) == 0 {
			continue
		}
		var rec Record
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, nil, &LineError{Line: n, Err: jsonError(err)}
		}
		if dec.More() {
			return nil, nil, &LineError{Line: n, Err: errors.New("lebih dari satu objek JSON dalam satu baris / more than one JSON object on the line")}
		}
		it, err := rec.item(loc)
		if err != nil {
			return nil, nil, &LineError{Line: n, Err: err}
		}
		if err := add(&items, &lines, it, n); err != nil {
			return nil, nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, nil, &LineError{Line: len(lines) + 1, Err: fmt.Errorf("baris lebih panjang dari %d bita / line longer than %d bytes", maxLine, maxLine)}
		}
		return nil, nil, fmt.Errorf("archive: read: %w", err)
	}
	return items, lines, nil
}

// jsonError keeps the useful part of a decoding error.
func jsonError(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("JSON tidak sah di bita %d / invalid JSON at byte %d: %v", syn.Offset, syn.Offset, err)
	}
	return fmt.Errorf("JSON tidak sah / invalid JSON: %v", err)
}

func add(items *[]*Item, lines *[]int, it *Item, line int) error {
	if len(*items) >= MaxImport {
		return &LineError{Line: line, Err: fmt.Errorf("lebih dari %d item dalam satu impor / more than %d items in one import", MaxImport, MaxImport)}
	}
	*items = append(*items, it)
	*lines = append(*lines, line)
	return nil
}

// csvColumns are the accepted header names.
var csvColumns = []string{"title", "text", "url", "source", "author", "published", "fetched", "lang",
	"regions", "sentiment", "type", "classification", "agency"}

func readCSV(r io.Reader, loc *time.Location) ([]*Item, []int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0 // every record as long as the header
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, &LineError{Line: 1, Err: fmt.Errorf("baris judul kolom / header: %v", err)}
	}
	index := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(csvColumns, h) {
			return nil, nil, &LineError{Line: 1, Err: fmt.Errorf("kolom %q tidak dikenal / unknown column %q (known: %s)", h, h, strings.Join(csvColumns, ", "))}
		}
		if _, dup := index[h]; dup {
			return nil, nil, &LineError{Line: 1, Err: fmt.Errorf("kolom %q muncul dua kali / column %q twice", h, h)}
		}
		index[h] = i
	}
	var (
		items []*Item
		lines []int
	)
	line := 1 // of the last record read
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// The reader has no record to ask for its position.
			line++
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, nil, &LineError{Line: line, Err: err}
		}
		line, _ = cr.FieldPos(0)
		get := func(col string) string {
			if i, ok := index[col]; ok {
				return rec[i]
			}
			return ""
		}
		if size := len(strings.Join(rec, "")); size > maxLine {
			return nil, nil, &LineError{Line: line, Err: fmt.Errorf("baris lebih panjang dari %d bita / record longer than %d bytes", maxLine, maxLine)}
		}
		r := Record{
			Title: get("title"), Text: get("text"), URL: get("url"), Source: get("source"), Author: get("author"),
			Published: get("published"), Fetched: get("fetched"), Lang: get("lang"), Sentiment: get("sentiment"),
			Type: get("type"), Classification: get("classification"),
		}
		for _, reg := range strings.Split(get("regions"), ";") {
			if reg = strings.TrimSpace(reg); reg != "" {
				r.Regions = append(r.Regions, reg)
			}
		}
		if a := strings.TrimSpace(get("agency")); a != "" {
			if r.Agency, err = strconv.ParseInt(a, 10, 64); err != nil || r.Agency <= 0 {
				return nil, nil, &LineError{Line: line, Err: fmt.Errorf("%q bukan ID instansi / agency %q is not an agency ID", a, a)}
			}
		}
		it, err := r.item(loc)
		if err != nil {
			return nil, nil, &LineError{Line: line, Err: err}
		}
		if err := add(&items, &lines, it, line); err != nil {
			return nil, nil, err
		}
	}
	return items, lines, nil
}

// item converts the record's text fields; the rest is checked by Import.
func (r *Record) item(loc *time.Location) (*Item, error) {
	it := &Item{
		Title: r.Title, Text: r.Text, URL: r.URL, Source: r.Source, Author: r.Author, Lang: r.Lang,
		Regions: r.Regions, Sentiment: r.Sentiment, Type: r.Type, AgencyID: r.Agency,
	}
	var err error
	if it.Published, err = parseTime(r.Published, loc); err != nil {
		return nil, fmt.Errorf("published (tanggal terbit): %w", err)
	}
	if it.Fetched, err = parseTime(r.Fetched, loc); err != nil {
		return nil, fmt.Errorf("fetched (tanggal diambil): %w", err)
	}
	if c := strings.TrimSpace(r.Classification); c != "" {
		if it.Classification, err = access.ParseLevel(c); err != nil {
			return nil, fmt.Errorf("classification (klasifikasi): %w", err)
		}
	}
	return it, nil
}

// timeLayouts are the accepted forms of a time without a zone.
var timeLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"}

func parseTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q bukan waktu / is not a time (tulis / want RFC 3339, \"2006-01-02 15:04\" atau / or \"2006-01-02\")", s)
}
