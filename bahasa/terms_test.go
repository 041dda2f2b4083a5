package bahasa

import (
	"os"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	in := "Pemprov Jambi: gak ada banjir di Kab. Muaro Jambi, anak2 aman! #BanjirJambi gpp S.H. dr Budi dr sana"
	want := "pemprov jambi tidak ada banjir di kabupaten muaro jambi anak-anak aman banjir jambi tidak apa-apa sh dokter budi dari sana"
	terms := Terms(in)
	var got []string
	for i, tm := range terms {
		got = append(got, tm.Text)
		if tm.Pos != i {
			t.Errorf("Terms(%q)[%d].Pos = %d, want %d", in, i, tm.Pos, i)
		}
	}
	if strings.Join(got, " ") != want {
		t.Errorf("Terms(%q)\n got %q\nwant %q", in, strings.Join(got, " "), want)
	}
	// The words of a hashtag point at themselves inside it.
	for _, tm := range terms {
		if tm.Kind == Hashtag && !strings.EqualFold(in[tm.Start:tm.End], tm.Text) {
			t.Errorf("Terms(%q): hashtag term %q has offsets of %q", in, tm.Text, in[tm.Start:tm.End])
		}
	}
}

func TestTermsWriteOut(t *testing.T) {
	expand := NewNormalizer(Options{WriteOut: true})
	tests := []struct{ in, want string }{
		{"Pemkab Bogor", "pemerintah kabupaten bogor"},
		{"pemkab bogor", "pemerintah kabupaten bogor"},
		{"BMKG: hujan", "badan meteorologi klimatologi dan geofisika hujan"},
		{"Kemendikbudristek", "kementerian pendidikan kebudayaan riset dan teknologi"},
		// Up to three letters an acronym stays one word, in either case.
		{"DPR dan dpr", "dpr dan dpr"},
		// Dotted abbreviations as without the option.
		{"Kab. Bogor, S.H.", "kabupaten bogor sh"},
		// Joined compounds that standard spelling writes as two words.
		{"Walikota Jambi", "wali kota jambi"},
		{"sepakbola, Kerjasama", "sepak bola kerja sama"},
		{"olahraga", "olahraga"}, // standard as one word
	}
	for _, tt := range tests {
		terms := expand.AppendTerms(nil, tt.in)
		var got []string
		for i, tm := range terms {
			got = append(got, tm.Text)
			if tm.Pos != i {
				t.Errorf("AppendTerms(%q)[%d].Pos = %d, want %d", tt.in, i, tm.Pos, i)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("AppendTerms(%q) = %q, want %q", tt.in, strings.Join(got, " "), tt.want)
		}
	}
	// The written-out words are words (the analysis stems them) and point
	// at the abbreviation.
	for _, tm := range expand.AppendTerms(nil, "Pemkab") {
		if tm.Kind != Word || tm.Start != 0 || tm.End != len("Pemkab") {
			t.Errorf("AppendTerms(%q): term %q of kind %v at %d:%d, want a word at 0:%d", "Pemkab", tm.Text, tm.Kind, tm.Start, tm.End, len("Pemkab"))
		}
	}
	// Without the option the abbreviation is one term.
	if got := Terms("Pemkab Bogor"); len(got) != 2 || got[0].Text != "pemkab" {
		t.Errorf("Terms(%q) = %v, want pemkab, bogor", "Pemkab Bogor", got)
	}
}

func TestStopWords(t *testing.T) {
	all, keep := StopWords(false), StopWords(true)
	if all.Len() != 758 {
		t.Errorf("StopWords(false).Len() = %d, want 758", all.Len())
	}
	for _, w := range []string{"tidak", "bukan", "belum", "jangan", "tanpa", "tak"} {
		if keep.Has(w) {
			t.Errorf("StopWords(true).Has(%q) = true, want false (a negation)", w)
		}
		if IsStopWord(w) != all.Has(w) {
			t.Errorf("IsStopWord(%q) = %v, StopWords(false).Has = %v", w, IsStopWord(w), all.Has(w))
		}
	}
	for _, w := range []string{"yang", "dan", "adalah"} {
		if !IsStopWord(w) || !keep.Has(w) {
			t.Errorf("IsStopWord(%q) = %v, StopWords(true).Has = %v; want true, true", w, IsStopWord(w), keep.Has(w))
		}
	}
	if IsStopWord("banjir") {
		t.Errorf("IsStopWord(%q) = true, want false", "banjir")
	}
	if n := len(keep.Words()); n != keep.Len() {
		t.Errorf("len(StopWords(true).Words()) = %d, Len() = %d", n, keep.Len())
	}
}

// readSample returns the IndoSum sample of testdata (see testdata/SOURCE.md).
func readSample(tb testing.TB) string {
	b, err := os.ReadFile("testdata/indosum-50.txt")
	if err != nil {
		tb.Fatalf("read sample: %v", err)
	}
	return string(b)
}

func BenchmarkTokenize(b *testing.B) {
	text := readSample(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var buf []Token
	for b.Loop() {
		buf = AppendTokens(buf[:0], text)
	}
}

func BenchmarkNormalize(b *testing.B) {
	text := readSample(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(text)
	}
}

// BenchmarkTerms measures tokenising and normalising together, as the
// indexer runs them.
func BenchmarkTerms(b *testing.B) {
	text := readSample(b)
	n := defaultNormalizer()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var buf []Term
	for b.Loop() {
		buf = n.AppendTerms(buf[:0], text)
	}
}

func BenchmarkSentences(b *testing.B) {
	text := readSample(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Sentences(text)
	}
}
