package importer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/internal/testenv"
)

// readShared reads one shared data file fully in format.
func readShared(t *testing.T, set, file string, format Format) *Result {
	t.Helper()
	f, err := os.Open(filepath.Join(testenv.SharedData(t, set), file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Read(f, format, hoax.DefaultVocabularies())
	if err != nil {
		t.Fatalf("Read(%s/%s, %s): %v", set, file, format, err)
	}
	t.Logf("%s/%s: %d claims, skipped %v", set, file, len(res.Claims), res.Skipped)
	return res
}

// TestSharedData reads every shared file of the sets fully and checks
// the counts against their SOURCE.md.
func TestSharedData(t *testing.T) {
	tests := []struct {
		set, file string
		format    Format
		records   int // SOURCE.md's count of records
		claims    int
		skipped   map[Skip]int
	}{
		// 783 records: berita 30; six are not fact-checks (a live debate
		// check, notes on Facebook's rules, an education piece).
		{"hoax-turnbackhoax-2019", "turnbackhoax_2016_2019.jsonl", FormatTurnBackHoax2019, 783, 747, map[Skip]int{SkipNews: 30, SkipNoVerdict: 6}},
		{"hoax-turnbackhoax-2024", "politics_hoax_text.csv", FormatTurnBackHoax2024, 1088, 1088, map[Skip]int{}},
		{"hoax-turnbackhoax-2024", "others_hoax_text.csv", FormatTurnBackHoax2024, 1134, 1134, map[Skip]int{}},
		{"hoax-turnbackhoax-2024", "scam_hoax_text.csv", FormatTurnBackHoax2024, 758, 758, map[Skip]int{}},
		{"hoax-turnbackhoax-2024", "categorized_hoaxes.csv", FormatTurnBackHoax2024, 2980, 2980, map[Skip]int{}},
		// Every row gives a claim with a verdict.
		{"hoax-turnbackhoax-2025", "articles.csv", FormatTurnBackHoax2025, 720, 720, map[Skip]int{}},
		{"rss-tempo", "items.jsonl", FormatTempo, 5747, 553, map[Skip]int{SkipOtherFeed: 5747 - 553}},
		{"hoax-pratiwi-2017", "600 news with valid hoax label.csv", FormatPratiwi, 472, 181, map[Skip]int{SkipValid: 291}},
		{"hoax-pratiwi-2017", "news_600.utf8.jsonl", FormatPratiwi, 472, 181, map[Skip]int{SkipValid: 291}},
		{"hoax-pratiwi-2017", "250 news with valid hoax label.csv", FormatPratiwi, 201, 77, map[Skip]int{SkipValid: 124}},
		{"hoax-pratiwi-2017", "news_250.utf8.jsonl", FormatPratiwi, 201, 77, map[Skip]int{SkipValid: 124}},
	}
	keys := map[string][]string{}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readShared(t, tt.set, tt.file, FormatAuto)
			if res.Format != tt.format {
				t.Errorf("%s detected as %s, want %s", tt.file, res.Format, tt.format)
			}
			skipped := 0
			for s, n := range res.Skipped {
				skipped += n
				if tt.skipped[s] != n {
					t.Errorf("%s skipped %d as %s, want %d", tt.file, n, s, tt.skipped[s])
				}
			}
			if len(res.Claims) != tt.claims || len(res.Claims)+skipped != tt.records {
				t.Errorf("%s gave %d claims and %d skipped, want %d of %d records", tt.file, len(res.Claims), skipped, tt.claims, tt.records)
			}
			for _, c := range res.Claims {
				if c.Verdict.Label == "" || c.Key == "" || c.Title == "" {
					t.Errorf("%s: claim %q has no verdict, key or title", tt.file, c.Key)
				}
				keys[tt.file] = append(keys[tt.file], c.Key)
			}
		})
	}
	// The CSV and the JSON lines of the Pratiwi set give the same claims.
	for csv, jsonl := range map[string]string{"600 news with valid hoax label.csv": "news_600.utf8.jsonl", "250 news with valid hoax label.csv": "news_250.utf8.jsonl"} {
		a, b := slices.Sorted(slices.Values(keys[csv])), slices.Sorted(slices.Values(keys[jsonl]))
		if !slices.Equal(a, b) {
			t.Errorf("keys of %s differ from those of %s", csv, jsonl)
		}
	}
}

// TestSharedTempoSnapshots reads every Cek Fakta feed snapshot: each
// gives claims with Tempo verdicts, except the empty files the source
// committed while its script was broken, which fail as feeds.
func TestSharedTempoSnapshots(t *testing.T) {
	dir := filepath.Join(testenv.SharedData(t, "rss-tempo"), "snapshots", "cekfakta")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) < 200 {
		t.Fatalf("found %d snapshots (%v)", len(files), err)
	}
	claims, empty := 0, 0
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Read(f, FormatTempo, hoax.DefaultVocabularies())
		f.Close()
		if len(b) < 10 {
			empty++
			if err == nil {
				t.Errorf("%s (%d bytes) read without error", name, len(b))
			}
			continue
		}
		if err != nil {
			t.Fatalf("Read(%s): %v", name, err)
		}
		if len(res.Claims) == 0 {
			t.Errorf("%s gave no claims", name)
		}
		for _, c := range res.Claims {
			if c.Verdict.Vocabulary != hoax.VocabTempo || c.Reviewed.IsZero() {
				t.Errorf("%s: claim %s has verdict %+v, reviewed %v", name, c.Key, c.Verdict, c.Reviewed)
			}
		}
		claims += len(res.Claims)
	}
	t.Logf("%d snapshots (%d empty): %d claims", len(files), empty, claims)
}
