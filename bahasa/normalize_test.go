package bahasa

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeWord(t *testing.T) {
	tests := []struct{ in, want string }{
		// slang and informal spellings
		{"gak", "tidak"}, {"nggak", "tidak"}, {"ga", "tidak"}, {"tdk", "tidak"}, {"enggak", "tidak"},
		{"yg", "yang"}, {"bgt", "banget"}, {"sdh", "sudah"}, {"udah", "sudah"}, {"udh", "sudah"},
		{"blm", "belum"}, {"krn", "karena"}, {"dgn", "dengan"}, {"utk", "untuk"}, {"jg", "juga"},
		{"aja", "saja"}, {"gimana", "bagaimana"}, {"tp", "tapi"}, {"kalo", "kalau"},
		{"emang", "memang"}, {"dr", "dari"}, {"bpk", "bapak"}, {"aku", "aku"}, {"gpp", "tidak apa-apa"},
		{"YG", "yang"}, {"Gak", "tidak"},
		{"nyang", "yang"}, {"nyerah", "menyerah"},
		// a joined compound is a word as written (WriteOut splits it in terms)
		{"walikota", "walikota"},
		// elongation: runs of three or more → one, unless known with two
		{"bangeeet", "banget"}, {"bgtttt", "banget"}, {"gakkkk", "tidak"}, {"sekolaaah", "sekolah"},
		{"maaaaf", "maaf"}, {"saaaat", "saat"}, {"maaf", "maaf"}, {"saat", "saat"}, {"taat", "taat"},
		{"bangett", "banget"}, {"yaa", "ya"}, {"kerennn", "keren"}, {"Allah", "allah"},
		{"tunggu", "tunggu"}, {"sekolah", "sekolah"}, {"2000", "2000"},
		{"massa", "massa"}, // not masa
		// a word of one letter repeated is an acronym or a numeral, not elongated
		{"PPP", "ppp"}, {"www", "www"}, {"III", "iii"},
		// laughter
		{"wkwkwkwk", "wkwk"}, {"hahahaha", "haha"}, {"hehe", "hehe"},
		// case and accents
		{"Café", "cafe"}, {"NAÏVE", "naive"}, {"Jum’at", "jumat"}, {"e\u0301", "e"}, {"ÆRA", "aera"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeWord(tt.in); got != tt.want {
			t.Errorf("NormalizeWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Gak  bangeeet,  yg  ini!!", "tidak banget, yang ini!!"},
		{"anak2nya main", "anak-anaknya main"},
		{"anak2nnnya", "anak-anaknya"}, // the clitic read once its elongation is shortened
		{"dr Terawan dan dr. Budi dr jakarta", "dr. terawan dan dr. budi dari jakarta"},
		{"BPK dan bpk", "BPK dan bapak"},
		{"Kab. Bogor, 23 November 2026 09:30 WIB Rp 1,2 M", "kab. bogor, 23 november 2026 09:30 wib rp 1,2 m"},
		{"Lihat https://X.id/A @Humas #BanjirJambi 👍", "lihat https://X.id/A @humas #banjirjambi 👍"},
		{"gpp2 yg2", "gpp-gpp yang-yang"},
		{"𝐆𝐄𝐁𝐘𝐀𝐑 𝘜𝘯𝘥𝘪𝘢𝘯 ＢＰＪＳ ᴅɪꜰᴏʟʟᴏᴡ", "gebyar undian bpjs difollow"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestStyledTerms: the terms of styled letters and digits are plain.
func TestStyledTerms(t *testing.T) {
	var got []string
	for _, term := range Terms("𝐔𝐍𝐃𝐈𝐀𝐍 ＢＰＪＳ ２０２４ 𝟏𝟎𝟎 ℎ𝑎𝑑𝑖𝑎ℎ") {
		got = append(got, term.Text)
	}
	if want := "undian bpjs 2024 100 hadiah"; strings.Join(got, " ") != want {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

func TestNormalizeNumberWords(t *testing.T) {
	n := NewNormalizer(Options{NumberWords: true})
	tests := []struct{ in, want string }{
		{"dua puluh lima orang", "25 orang"},
		{"seratus dua belas", "112"},
		{"dana tiga juta lima ratus ribu", "dana 3500000"},
		{"dua tiga", "2 3"},
		{"satu setengah juta warga", "1500000 warga"},
		{"setengah hari", "setengah hari"},
		{"ada dua.", "ada 2."},
		// Joined to other letters or digits by '.' or ',', a number word
		// stays a word: as digits it would read as one number with them.
		{"dua.5", "dua.5"},
		{"5,dua", "5,dua"},
	}
	for _, tt := range tests {
		if got := n.Normalize(tt.in); got != tt.want {
			t.Errorf("Normalizer{NumberWords}.Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeepSlang(t *testing.T) {
	n := NewNormalizer(Options{KeepSlang: true})
	if got := n.Normalize("Gak BANGEEET"); got != "gak banget" {
		t.Errorf("Normalizer{KeepSlang}.Normalize(%q) = %q, want %q", "Gak BANGEEET", got, "gak banget")
	}
}

func TestWordsToNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"dua puluh lima", 25, true}, {"seratus", 100, true}, {"seribu", 1000, true},
		{"sejuta", 1000000, true}, {"sebelas", 11, true}, {"tujuh belas", 17, true},
		{"Sembilan Ratus Sembilan Puluh Sembilan", 999, true}, {"dua ribu dua puluh enam", 2026, true},
		{"tiga juta lima ratus ribu", 3500000, true}, {"satu setengah juta", 1500000, true},
		{"setengah juta", 500000, true}, {"satu miliar", 1000000000, true}, {"nol", 0, true},
		{"dua tiga", 0, false}, {"ribu", 0, false}, {"ribu juta", 0, false}, {"satu setengah", 0, false},
		{"juta ribu", 0, false}, {"seribu juta", 0, false}, {"", 0, false}, {"banjir", 0, false},
		{"puluh", 0, false}, {"nol puluh", 0, false},
	}
	for _, tt := range tests {
		got, ok := WordsToNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("WordsToNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSlangList checks the shipped list: every standard form is a fixed
// point, so that normalising twice changes nothing.
func TestSlangList(t *testing.T) {
	slang := Slang()
	if len(slang) < 300 {
		t.Errorf("Slang() has %d entries, want at least 300", len(slang))
	}
	for informal, standard := range slang {
		if informal != strings.ToLower(informal) || strings.ContainsAny(informal, " \t") {
			t.Errorf("slang.tsv: key %q is not one lower-case word", informal)
		}
		if got := Normalize(standard); got != standard {
			t.Errorf("Normalize(%q) = %q: the standard form of %q must be a fixed point", standard, got, informal)
		}
	}
}

// TestAbbrevIdempotent normalises every abbreviation in three spellings
// twice.
func TestAbbrevIdempotent(t *testing.T) {
	var keys []string
	for k := range dottedAbbrevs {
		keys = append(keys, k)
	}
	for k := range undottedAbbrevs {
		keys = append(keys, k)
	}
	for _, k := range keys {
		for _, s := range []string{k, strings.ToUpper(k), strings.ToUpper(k[:1]) + k[1:]} {
			in := "Kata " + s + " Budi."
			once := Normalize(in)
			if twice := Normalize(once); twice != once {
				t.Errorf("Normalize(%q) = %q, but Normalize(%q) = %q", in, once, once, twice)
			}
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"bangeeet", "anak2", "dr Budi", "BPK", "maaaaf", "wkwkwk2", "gpp-gpp", "Hal. ini", "Pemkab BMKG-Kemendikbudristek"} {
		f.Add(s)
	}
	numbers := NewNormalizer(Options{NumberWords: true})
	expand := NewNormalizer(Options{WriteOut: true})
	f.Fuzz(func(t *testing.T, in string) {
		for _, n := range []*Normalizer{defaultNormalizer(), numbers} {
			once := n.Normalize(in)
			if !utf8.ValidString(once) {
				t.Fatalf("Normalize(%q) = %q: not valid UTF-8", in, once)
			}
			if twice := n.Normalize(once); twice != once {
				t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q", in, once, once, twice)
			}
		}
		for _, n := range []*Normalizer{defaultNormalizer(), expand} {
			for i, tm := range n.AppendTerms(nil, in) {
				if tm.Start < 0 || tm.End > len(in) || tm.Start >= tm.End || !utf8.ValidString(tm.Text) || tm.Pos != i {
					t.Fatalf("AppendTerms(%q): bad term %d %+v", in, i, tm)
				}
			}
		}
	})
}
