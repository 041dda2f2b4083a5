package archive

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
)

var wib = time.FixedZone("WIB", 7*3600)

func TestReadFileJSONL(t *testing.T) {
	in := "\ufeff" + `{"title": "Banjir di Jambi", "text": "Warga mengungsi.", "url": "https://jambiprov.go.id/a", "published": "2026-01-15 09:30", "regions": ["15.71", "Kota Jambi"], "classification": "TERBATAS", "agency": 3}

{"text": "Tanpa judul", "published": "2026-01-15T02:30:00Z", "type": "sosial"}
`
	items, lines, err := ReadFile(strings.NewReader(in), FormatJSONL, wib)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if len(items) != 2 || lines[0] != 1 || lines[1] != 3 {
		t.Fatalf("ReadFile = %d items at lines %v, want 2 at 1 and 3", len(items), lines)
	}
	a := items[0]
	if a.Title != "Banjir di Jambi" || a.AgencyID != 3 || a.Classification != access.Terbatas ||
		len(a.Regions) != 2 || !a.Published.Equal(time.Date(2026, 1, 15, 2, 30, 0, 0, time.UTC)) {
		t.Errorf("first item = %+v", a)
	}
	if !items[1].Published.Equal(a.Published) || items[1].Type != "sosial" {
		t.Errorf("second item = %+v", items[1])
	}
}

func TestReadFileCSV(t *testing.T) {
	in := "title,text,source,published,regions,sentiment\n" +
		`"Banjir, lagi",` + "\"Baris satu\nbaris dua\",detik.com,2026-01-15,15.71;15.05,negatif\n" +
		"Kedua,Teks,,,,\n"
	items, lines, err := ReadFile(strings.NewReader(in), FormatCSV, wib)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if len(items) != 2 || lines[0] != 2 || lines[1] != 4 {
		t.Fatalf("ReadFile = %d items at lines %v, want 2 at lines 2 and 4", len(items), lines)
	}
	if a := items[0]; a.Title != "Banjir, lagi" || a.Text != "Baris satu\nbaris dua" || len(a.Regions) != 2 ||
		a.Sentiment != "negatif" || !a.Published.Equal(time.Date(2026, 1, 14, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("first item = %+v", a)
	}
}

func TestReadFileErrors(t *testing.T) {
	tests := []struct {
		name, format, in string
		line             int
		want             string
	}{
		{"bad JSON", FormatJSONL, "{\"title\": \"a\"}\n{\"title\": }\n", 2, "invalid JSON"},
		{"unknown key", FormatJSONL, "{\"titel\": \"a\"}\n", 1, "titel"},
		{"two objects", FormatJSONL, "{\"title\": \"a\"} {\"title\": \"b\"}\n", 1, "more than one"},
		{"bad time", FormatJSONL, "{\"title\": \"a\", \"published\": \"kemarin\"}\n", 1, "published"},
		{"bad classification", FormatJSONL, "{\"title\": \"a\", \"classification\": \"SANGAT\"}\n", 1, "classification"},
		{"unknown column", FormatCSV, "title,judul\n", 1, "judul"},
		{"column twice", FormatCSV, "title,Title\n", 1, "twice"},
		{"short row", FormatCSV, "title,text\na,b\nc\n", 3, "wrong number of fields"},
		{"bad agency", FormatCSV, "title,agency\na,Jambi\n", 2, "agency"},
		{"bad quote", FormatCSV, "title,text\na,\"b\n", 2, ""},
		{"open quote in the first row", FormatCSV, "text\n\"", 2, "quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadFile(strings.NewReader(tt.in), tt.format, wib)
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("ReadFile err = %v, want a LineError", err)
			}
			if le.Line != tt.line || !strings.Contains(le.Error(), tt.want) {
				t.Errorf("ReadFile err = %v (line %d), want line %d mentioning %q", err, le.Line, tt.line, tt.want)
			}
		})
	}
}

// FuzzReadFile: malformed files give an error, never a panic.
func FuzzReadFile(f *testing.F) {
	f.Add("{\"title\": \"a\", \"regions\": [\"15\"]}\n", true)
	f.Add("title,text\n\"a\",b\n", false)
	f.Fuzz(func(t *testing.T, in string, jsonl bool) {
		format := FormatCSV
		if jsonl {
			format = FormatJSONL
		}
		items, lines, err := ReadFile(strings.NewReader(in), format, wib)
		if err == nil && len(items) != len(lines) {
			t.Fatalf("%d items, %d lines", len(items), len(lines))
		}
	})
}
