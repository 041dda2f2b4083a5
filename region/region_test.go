package region

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// TestEmbeddedMatchesSource checks that every row of the source CSV comes
// back from the Gazetteer: same code, name (trimmed), level and parent, and
// nothing more.
func TestEmbeddedMatchesSource(t *testing.T) {
	// The CSV the embedded file is generated from.
	sourceCSV := filepath.Join(testenv.SharedData(t, "regions-id"), "wilayah.csv")
	f, err := os.Open(sourceCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := gazetteer(t)
	r := csv.NewReader(f)
	r.FieldsPerRecord = 4
	if _, err := r.Read(); err != nil {
		t.Fatalf("read header: %v", err)
	}
	rows := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("read %s: %v", sourceCSV, err)
		}
		rows++
		want := Region{Code(rec[0]), strings.TrimSpace(rec[1]), 0, Code(rec[3])}
		got, ok := g.Lookup(want.Code)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", want.Code)
			continue
		}
		if got.Name != want.Name || got.Parent != want.Parent || got.Level.String() != rec[2] {
			t.Errorf("Lookup(%q) = %+v, want %q, %s, parent %q", want.Code, got, want.Name, rec[2], want.Parent)
		}
	}
	if rows != g.Len() {
		t.Errorf("source has %d rows, Len() = %d", rows, g.Len())
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
