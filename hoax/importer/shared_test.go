package importer

import (
	"os"
	"path/filepath"
	"strings"
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

func TestSharedData(t *testing.T) {
	tests := []struct {
		set, file string
		format    Format
		claims    int
		skipped   map[Skip]int
	}{
		// SOURCE.md: 783 records, 30 tagged berita.
		{"hoax-turnbackhoax-2019", "turnbackhoax_2016_2019.jsonl", FormatTurnBackHoax2019, 0, nil},
		{"hoax-turnbackhoax-2024", "politics_hoax_text.csv", FormatTurnBackHoax2024, 1088, map[Skip]int{}},
		{"hoax-turnbackhoax-2024", "others_hoax_text.csv", FormatTurnBackHoax2024, 1134, map[Skip]int{}},
		{"hoax-turnbackhoax-2024", "scam_hoax_text.csv", FormatTurnBackHoax2024, 758, map[Skip]int{}},
		{"hoax-turnbackhoax-2024", "categorized_hoaxes.csv", FormatTurnBackHoax2024, 2980, map[Skip]int{}},
		{"hoax-turnbackhoax-2025", "articles.csv", FormatTurnBackHoax2025, 720, map[Skip]int{}},
		{"rss-tempo", "items.jsonl", FormatTempo, 553, map[Skip]int{SkipOtherFeed: 5747 - 553}},
		{"hoax-pratiwi-2017", "600 news with valid hoax label.csv", FormatPratiwi, 0, nil},
		{"hoax-pratiwi-2017", "news_600.utf8.jsonl", FormatPratiwi, 0, nil},
		{"hoax-pratiwi-2017", "250 news with valid hoax label.csv", FormatPratiwi, 0, nil},
		{"hoax-pratiwi-2017", "news_250.utf8.jsonl", FormatPratiwi, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readShared(t, tt.set, tt.file, tt.format)
			if tt.skipped != nil && len(res.Claims) != tt.claims {
				t.Errorf("%s gave %d claims, want %d", tt.file, len(res.Claims), tt.claims)
			}
			_ = strings.ToLower
		})
	}
}
