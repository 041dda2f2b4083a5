package bahasa

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// tokStr renders tokens as "kind:text" (and "~base" for reduplications).
func tokStr(toks []Token) string {
	var parts []string
	for _, t := range toks {
		s := t.Kind.String() + ":" + t.Text
		if t.Base != "" {
			s += "~" + t.Base
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Banjir melanda Jambi.", "word:Banjir word:melanda word:Jambi punct:."},
		{"anak-anak anak2 anak2nya sayur-mayur", "word:anak-anak~anak word:anak2~anak word:anak2nya~anak word:sayur-mayur~sayur"},
		{"berlari-lari sebaik-baiknya tembak-menembak warna-warni", "word:berlari-lari~lari word:sebaik-baiknya~baik word:tembak-menembak~tembak word:warna-warni~warna"},
		{"Jawa-Bali covid-19 e-KTP G20 5G", "word:Jawa-Bali word:covid-19 word:e-KTP word:G20 word:5G"},
		{"rumahnya bukanlah hanya", "word:rumahnya word:bukanlah word:hanya"},
		{"#BanjirJambi #banjir_jambi #2026 @humas_jambi @", "hashtag:#BanjirJambi hashtag:#banjir_jambi punct:# number:2026 mention:@humas_jambi punct:@"},
		{"Pemprov Pemkab Pemkot Kemendagri Setda Diskominfo DPRD", "abbrev:Pemprov abbrev:Pemkab abbrev:Pemkot abbrev:Kemendagri abbrev:Setda abbrev:Diskominfo abbrev:DPRD"},
		{"Kab. Kec. Kel. Prov. No. Dr. H. Hj. Ir. Jl. dll. dsb. a.n. u.p.", "abbrev:Kab. abbrev:Kec. abbrev:Kel. abbrev:Prov. abbrev:No. abbrev:Dr. abbrev:H. abbrev:Hj. abbrev:Ir. abbrev:Jl. abbrev:dll. abbrev:dsb. abbrev:a.n. abbrev:u.p."},
		{"Budi, S.H., M.Si.", "word:Budi punct:, abbrev:S.H. punct:, abbrev:M.Si."},
		{"BPK bpk DPR dpr", "abbrev:BPK word:bpk abbrev:DPR word:dpr"},
		{"dalam hal. Hal. ini", "word:dalam word:hal punct:. abbrev:Hal. word:ini"},
		{"1.234.567 12,5 12.5 50% 2026.", "number:1.234.567 number:12,5 number:12.5 percent:50% number:2026 punct:."},
		{"Rp 1,2 miliar Rp500.000 Rp. 25 juta Rp", "money:Rp 1,2 miliar money:Rp500.000 money:Rp. 25 juta word:Rp"},
		{"23/11/2026 23-11-2026 2026-11-23 23 November 2026 1 Des 23.11.2026", "date:23/11/2026 date:23-11-2026 date:2026-11-23 date:23 November 2026 date:1 Des date:23.11.2026"},
		{"09.30 09:30 WIB 14.00 WITA 21:15:30 25.30 12.500", "time:09.30 time:09:30 WIB time:14.00 WITA time:21:15:30 number:25.30 number:12.500"},
		{"https://jambiprov.go.id/a?b=1. www.kompas.com kominfo.go.id/x, humas@jambiprov.go.id", "url:https://jambiprov.go.id/a?b=1 punct:. url:www.kompas.com url:kominfo.go.id/x punct:, email:humas@jambiprov.go.id"},
		{"mantap👍🏽 🇮🇩 👨‍👩‍👧 ❤️", "word:mantap emoji:👍🏽 emoji:🇮🇩 emoji:👨‍👩‍👧 emoji:❤️"},
		{"Apa?! Ya... “kata” Jum’at", "word:Apa punct:?! word:Ya punct:... punct:“ word:kata punct:” word:Jum’at"},
		{"café Ñandú naïve", "word:café word:Ñandú word:naïve"},
		{"a\xffb \xf0\x9f", "word:a word:b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := tokStr(Tokenize(tt.in)); got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// checkTokens verifies the invariants every tokenisation must keep.
func checkTokens(t *testing.T, in string, toks []Token) {
	t.Helper()
	prev := 0
	for _, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(in) {
			t.Fatalf("Tokenize(%q): token %+v out of order or outside the input", in, tk)
		}
		if tk.Text != in[tk.Start:tk.End] {
			t.Fatalf("Tokenize(%q): token text %q != input[%d:%d] %q", in, tk.Text, tk.Start, tk.End, in[tk.Start:tk.End])
		}
		if !utf8.ValidString(tk.Text) {
			t.Fatalf("Tokenize(%q): token %q is not valid UTF-8", in, tk.Text)
		}
		if tk.Kind < Word || tk.Kind > Symbol {
			t.Fatalf("Tokenize(%q): token %+v has no kind", in, tk)
		}
		if tk.Base != "" && !strings.Contains(strings.ToLower(tk.Text), strings.ToLower(tk.Base)) {
			t.Fatalf("Tokenize(%q): base %q not inside %q", in, tk.Base, tk.Text)
		}
		prev = tk.End
	}
}

func TestAppendTokensReuse(t *testing.T) {
	text := "Pemprov Jambi salurkan bansos Rp 1,2 miliar, 23/11/2026."
	buf := make([]Token, 0, 64)
	allocs := testing.AllocsPerRun(100, func() { buf = AppendTokens(buf[:0], text) })
	if allocs != 0 {
		t.Errorf("AppendTokens with a reused slice: %v allocations, want 0", allocs)
	}
	checkTokens(t, text, buf)
}

// TestTokenizeLinear feeds inputs that would make a naive scanner
// quadratic (runs of dotted or underscored words, huge hyphenated words).
func TestTokenizeLinear(t *testing.T) {
	for _, unit := range []string{"a.", "a_", "ab.", "a-", "a@", "1.", "x.id.", "Rp1."} {
		in := strings.Repeat(unit, 50_000)
		start := time.Now()
		toks := Tokenize(in)
		Normalize(in)
		Sentences(in)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Tokenize, Normalize, Sentences of %d × %q took %v", 50_000, unit, d)
		}
		checkTokens(t, in, toks)
	}
}

func TestSplitClitic(t *testing.T) {
	tests := []struct{ in, base, clitic string }{
		{"rumahnya", "rumah", "nya"}, {"bukanlah", "bukan", "lah"}, {"apakah", "apa", "kah"},
		{"apapun", "apa", "pun"}, {"bukuku", "buku", "ku"}, {"rumahmu", "rumah", "mu"},
		{"Rumahnya", "Rumah", "nya"}, {"anak-anaknya", "anak-anak", "nya"},
		{"hanya", "hanya", ""}, {"punya", "punya", ""}, {"salah", "salah", ""},
		{"kalah", "kalah", ""}, {"ilmu", "ilmu", ""}, {"buku", "buku", ""}, {"daku", "daku", ""},
		{"sekolah", "sekolah", ""}, {"masalah", "masalah", ""}, {"bertanya", "bertanya", ""},
		{"bertemu", "bertemu", ""}, {"langkah", "langkah", ""}, {"adalah", "adalah", ""},
		{"telah", "telah", ""}, {"mengaku", "mengaku", ""}, {"bangku", "bangku", ""},
		{"nya", "nya", ""}, {"dianya", "dia", "nya"}, {"kamu", "kamu", ""}, {"ampun", "ampun", ""},
	}
	for _, tt := range tests {
		if b, c := SplitClitic(tt.in); b != tt.base || c != tt.clitic {
			t.Errorf("SplitClitic(%q) = %q, %q; want %q, %q", tt.in, b, c, tt.base, tt.clitic)
		}
	}
}

func TestSplitHashtag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"#BanjirJambi", "banjir jambi"}, {"#banjir_jambi", "banjir jambi"},
		{"#PPKMLevel4", "ppkm level 4"}, {"banjirjambi", "banjirjambi"},
		{"#Covid19", "covid 19"}, {"#JambiTangguh2026", "jambi tangguh 2026"}, {"#", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(SplitHashtag(tt.in), " "); got != tt.want {
			t.Errorf("SplitHashtag(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExpandAbbrev(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kab.", "kabupaten"}, {"Pemprov", "pemerintah provinsi"}, {"S.H.", "sarjana hukum"},
		{"DISKOMINFO", "dinas komunikasi dan informatika"}, {"a.n.", "atas nama"}, {"xyz", ""},
	}
	for _, tt := range tests {
		if got, _ := ExpandAbbrev(tt.in); got != tt.want {
			t.Errorf("ExpandAbbrev(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k := Word; k <= Symbol; k++ {
		if s := k.String(); s == "" || s == "invalid" {
			t.Errorf("Kind(%d).String() = %q", k, s)
		}
	}
	if s := Kind(0).String(); s != "invalid" {
		t.Errorf("Kind(0).String() = %q, want invalid", s)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkTokens(t, in, Tokenize(in))
		for _, s := range Sentences(in) {
			if s.Start < 0 || s.End > len(in) || s.Start >= s.End {
				t.Fatalf("Sentences(%q): bad span %+v", in, s)
			}
		}
	})
}

// fuzzSeeds returns short cases plus the paragraphs of the IndoSum sample.
func fuzzSeeds(tb testing.TB) []string {
	seeds := []string{"", "Kab. Bogor", "anak2nya", "Rp 1,2 miliar", "09:30 WIB", "#BanjirJambi",
		"humas@x.go.id", "https://a.id/b.", "👨‍👩‍👧", "S.H., M.Si.", "23 November 2026", "a\xffb",
		"gak bangeeet yg", "dua puluh lima"}
	for i, p := range strings.Split(readSample(tb), "\n\n") {
		if i >= 20 {
			break
		}
		seeds = append(seeds, p)
	}
	return seeds
}

func ExampleTokenize() {
	for _, t := range Tokenize("Pemkab Bogor: banjir 23/11/2026, anak2 #BanjirBogor") {
		fmt.Println(t.Kind, t.Text, t.Start, t.End)
	}
	// Output:
	// abbrev Pemkab 0 6
	// word Bogor 7 12
	// punct : 12 13
	// word banjir 14 20
	// date 23/11/2026 21 31
	// punct , 31 32
	// word anak2 33 38
	// hashtag #BanjirBogor 39 51
}
