package bahasa

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Banjir melanda Kab. Muaro Jambi. Warga mengungsi.", []string{"Banjir melanda Kab. Muaro Jambi.", "Warga mengungsi."}},
		{"Surat No. 12 ditandatangani Dr. Ahmad. Ia hadir.", []string{"Surat No. 12 ditandatangani Dr. Ahmad.", "Ia hadir."}},
		{"Inflasi 12.5 persen atau 1.234.567 orang. Naik.", []string{"Inflasi 12.5 persen atau 1.234.567 orang.", "Naik."}},
		{"Presiden Susilo B. Yudhoyono datang. Lalu pergi.", []string{"Presiden Susilo B. Yudhoyono datang.", "Lalu pergi."}},
		{"Ada beras, gula, dll. yang dibagikan. Semua senang.", []string{"Ada beras, gula, dll. yang dibagikan.", "Semua senang."}},
		{"Ada beras, gula, dll. Semua senang.", []string{"Ada beras, gula, dll.", "Semua senang."}},
		{"Benarkah?! Tentu saja! Ya.", []string{"Benarkah?!", "Tentu saja!", "Ya."}},
		{`"Saya setuju." Dia pergi.`, []string{`"Saya setuju."`, "Dia pergi."}},
		{`“Apa?” katanya. (Itu benar.) Selesai`, []string{`“Apa?” katanya.`, "(Itu benar.)", "Selesai"}},
		{"Budi Santoso, S.H., M.Si. Kemudian ia bicara.", []string{"Budi Santoso, S.H., M.Si.", "Kemudian ia bicara."}},
		{"Pukul 09.30 WIB rapat dimulai. Jl. Sudirman ditutup.", []string{"Pukul 09.30 WIB rapat dimulai.", "Jl. Sudirman ditutup."}},
		{"Judul tanpa titik\n\nParagraf baru", []string{"Judul tanpa titik", "Paragraf baru"}},
		{"  \n ", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range Sentences(tt.in) {
			got = append(got, s.In(tt.in))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		prev := 0
		for _, s := range Sentences(in) {
			if s.Start < prev || s.End <= s.Start || s.End > len(in) {
				t.Fatalf("Sentences(%q): span %+v out of order or outside the input", in, s)
			}
			prev = s.End
		}
	})
}
