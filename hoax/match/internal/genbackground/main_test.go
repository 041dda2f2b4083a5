package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

// TestBackgroundUpToDate checks that the shipped news background is what
// the generator makes from the shared data with today's analysis: a
// change to the analysis that changes the words needs it generated again.
func TestBackgroundUpToDate(t *testing.T) {
	data := filepath.Dir(testenv.SharedData(t, "news-indosum"))
	out := filepath.Join(t.TempDir(), "background.tsv.gz")
	if err := run(data, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile("../../data/background.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, shipped) {
		t.Errorf("hoax/match/data/background.tsv.gz differs from the generator's output: run go run ./hoax/match/internal/genbackground")
	}
}
