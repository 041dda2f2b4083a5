package stem

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func newStemmer(t testing.TB) *Stemmer {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatalf("New() error: %v", err)
	}
	return s
}

// TestStem covers the cases where the peers go wrong (issue 4) and the
// rules the stemmer implements.
func TestStem(t *testing.T) {
	s := newStemmer(t)
	tests := []struct{ in, want string }{
		// Roots that end like affixes stay whole (Snowball: tama, nila, ekonom).
		{"pertama", "pertama"},
		{"nilai", "nilai"},
		{"ekonomi", "ekonomi"},
		{"perang", "perang"},
		{"keras", "keras"},
		// Roots that the corpus rule once read as a piece and an affix
		// (lexicon.NotRoots): ber-rani, nyam-an, pen-jara, ber-ta-nya.
		{"berani", "berani"},
		{"keberanian", "berani"},
		{"nyaman", "nyaman"},
		{"kenyamanan", "nyaman"},
		{"penjara", "penjara"},
		{"dipenjara", "penjara"},
		{"bertanya", "tanya"},
		{"pengemudi", "kemudi"},
		{"medali", "medali"},
		{"kepingan", "keping"},
		{"berselang", "selang"},
		// Common words that read as an affixed form of a rarer root
		// (lexicon.ExtraRoots): bala-i, mil-an, pe-tang.
		{"balai", "balai"},
		{"milan", "milan"},
		{"petang", "petang"},
		// menge- before roots of one syllable (lexicon.oneSyllable).
		{"mengebom", "bom"},
		{"pengeboman", "bom"},
		{"pengecekan", "cek"},
		{"dites", "tes"},
		{"mengejar", "kejar"},
		// Informal affixes, for words with no formal reading: -in, and the
		// bare nasal prefix.
		{"dinaikin", "naik"},
		{"dibeliin", "beli"},
		{"disebarin", "sebar"},
		{"nyebarin", "sebar"},
		{"ngecek", "cek"},
		{"ngopi", "kopi"},
		{"nyari", "cari"},
		{"nyalahin", "salah"},
		{"diakuin", "aku"},
		{"nulis", "tulis"},
		{"nembak", "tembak"},
		// Roots that end in -in or begin like the nasal stay whole.
		{"ingin", "ingin"},
		{"mungkin", "mungkin"},
		{"vaksin", "vaksin"},
		{"menderita", "derita"},
		{"nasional", "nasional"},
		{"makar", "makar"}, // no bare m-: not pakar
		{"ngakak", "ngakak"},
		{"nyeri", "nyeri"},
		// Names of provinces and kabupaten/kota stay whole, though they
		// read as affixed words (bekas-i, s-em-arang, malu-ku, kuning-an).
		{"bekasi", "bekasi"},
		{"semarang", "semarang"},
		{"maluku", "maluku"},
		{"kuningan", "kuningan"},
		{"kepulauan", "pulau"}, // a word, written in lower case too
		// Only the words that have an infix lose it.
		{"gemetar", "getar"},
		{"telunjuknya", "tunjuk"},
		{"jelang", "jelang"},
		{"relawan", "relawan"},
		{"seminar", "seminar"},
		// Nasal substitution is restored.
		{"mengatakan", "kata"},
		{"memiliki", "milik"},
		{"menyapu", "sapu"},
		{"memukul", "pukul"},
		{"menulis", "tulis"},
		{"mengirim", "kirim"},
		{"mengenal", "kenal"},
		{"penurunan", "turun"},
		{"pemain", "main"},
		{"pembangunan", "bangun"},
		{"menyelesaikan", "selesai"},
		{"pengawasan", "awas"},
		// ber-, ter-, per-, ke-, di- and their combinations.
		{"terletak", "letak"},
		{"perbankan", "bank"},
		{"kebanjiran", "banjir"},
		{"diberitakan", "berita"},
		{"keberhasilan", "hasil"},
		{"mempertanyakan", "tanya"},
		{"pelajaran", "ajar"},
		{"belajar", "ajar"},
		{"bekerja", "kerja"},
		{"perekonomian", "ekonomi"},
		{"memberikan", "beri"},
		// Particles and possessives.
		{"rumahnya", "rumah"},
		{"bukankah", "bukan"},
		// Reduplication.
		{"negara-negara", "negara"},
		{"bersama-sama", "sama"},
		{"berlari-lari", "lari"},
		{"sayur-mayur", "sayur"},
		{"anak2", "anak"},
		{"anak-anak", "anak"},
		// Case is folded; unknown words come back unchanged.
		{"Kebanjiran", "banjir"},
		{"xyzzy", "xyzzy"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := s.Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestStemMemo checks that the memo returns what the rules return, stays
// bounded, and is safe under concurrent use (run with -race).
func TestStemMemo(t *testing.T) {
	s := newStemmer(t)
	plain, err := Load(strings.NewReader("kata\nbanjir\n"), 0)
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	if got := plain.Stem("mengatakan"); got != "kata" {
		t.Errorf("Stem(%q) without memo = %q, want %q", "mengatakan", got, "kata")
	}
	small, err := Load(strings.NewReader("kata\n"), 64)
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				w := strings.Repeat("x", 1+(i+g)%40) + "mengatakan"
				small.Stem(w)
				if got := s.Stem("mengatakan"); got != "kata" {
					t.Errorf("Stem(%q) = %q, want %q", "mengatakan", got, "kata")
					return
				}
			}
		}()
	}
	wg.Wait()
	n := 0
	for i := range small.memo.shards {
		n += len(small.memo.shards[i].m)
	}
	if limit := small.memo.limit * memoShards; n > limit {
		t.Errorf("memo holds %d words, want at most %d", n, limit)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, in := range []string{"", "kata\tx\n"} {
		if _, err := Load(strings.NewReader(in), 0); err == nil {
			t.Errorf("Load(%q) error = nil, want an error", in)
		}
	}
}

// FuzzStem checks, for any input: no panic; valid UTF-8 out; a non-empty
// root for non-empty letter input; and that the root is a reduction of the
// lower-cased input: never longer, and apart from its first letter (which
// nasal restoration may change: menulis → tulis) a substring of it.
func FuzzStem(f *testing.F) {
	for _, w := range []string{"mengatakan", "negara-negara", "anak2", "Kebanjiran", "gemetar",
		"memper", "-", "a-", "penge", "menyanyi", "\xff\xfe", "ÉKONOMI", "berlari-lari"} {
		f.Add(w)
	}
	s := newStemmer(f)
	f.Fuzz(func(t *testing.T, in string) {
		got := s.Stem(in)
		if !utf8.ValidString(got) {
			t.Fatalf("Stem(%q) = %q, not valid UTF-8", in, got)
		}
		low := lower(in)
		if in != "" && letters(in) && got == "" {
			t.Fatalf("Stem(%q) = %q, want non-empty", in, got)
		}
		if len(got) > len(low) {
			t.Fatalf("Stem(%q) = %q, longer than the input", in, got)
		}
		if _, size := utf8.DecodeRuneInString(got); !strings.Contains(low, got[size:]) {
			t.Fatalf("Stem(%q) = %q, not a reduction of %q", in, got, low)
		}
		if again := s.Stem(in); again != got {
			t.Fatalf("Stem(%q) = %q then %q: memo disagrees", in, got, again)
		}
	})
}

func letters(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return s != ""
}
