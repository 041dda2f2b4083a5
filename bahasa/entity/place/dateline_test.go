package place

import "testing"

func TestDateline(t *testing.T) {
	tests := []struct {
		text, want string // want: the dateline
	}{
		{"JAKARTA, KOMPAS.com - Komisi Pemberantasan Korupsi", "JAKARTA, KOMPAS.com"},
		{"BANDUNG, KOMPAS.com- Tim K9", "BANDUNG, KOMPAS.com"},
		{"TEMPO.CO, Jakarta - Serial Squid Game", "TEMPO.CO, Jakarta"},
		{"Jakarta (ANTARA News) - Petugas Polda", "Jakarta (ANTARA News)"},
		{"Jakarta, CNN Indonesia -- Pemain legendaris", "Jakarta, CNN Indonesia"},
		{"YOGYAKARTA, KOMPAS.com–Kementerian Sosial", "YOGYAKARTA, KOMPAS.com"},
		{"Jakarta - Presiden meresmikan", "Jakarta"},
		{"Jakarta-Bandung macet total sejak pagi", ""},          // a hyphen inside words
		{"Warga Kota Jambi kebanjiran sejak Senin - tulis", ""}, // a sentence, not a dateline
		{"Ia datang. Lalu - pergi", ""},
		{"Banjir merendam rumah warga di Kecamatan Kumpeh Ulu, Kabupaten Muaro Jambi, sejak Senin - kata warga", ""}, // too long
		{"", ""},
		{"-", ""},
	}
	for _, tt := range tests {
		if got := tt.text[:Dateline(tt.text)]; got != tt.want {
			t.Errorf("Dateline(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzDateline(f *testing.F) {
	for _, s := range []string{"JAKARTA, KOMPAS.com - x", "TEMPO.CO, Jakarta -", "—", "a\n-", "\xff - x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n := Dateline(s); n < 0 || n > len(s) {
			t.Fatalf("Dateline(%q) = %d, outside the text", s, n)
		}
	})
}

func TestFindStory(t *testing.T) {
	f := newTestFinder(t)
	tests := []struct {
		name, title, text, want string
	}{
		{"Jakarta in a national dateline only", "Matthaeus Puji Timnas Jerman",
			"Jakarta, CNN Indonesia -- Pemain legendaris Jerman, Lothar Matthaeus, memuji timnas.", ""},
		{"the story's own region stays", "KPK Bisa Panggil Gubernur",
			"JAKARTA, KOMPAS.com - KPK membuka kemungkinan memanggil Gubernur Sumatera Utara.", "Sumatera Utara=12"},
		{"Jakarta named again in the text", "Banjir Rob",
			"JAKARTA, KOMPAS.com - Banjir rob merendam Jakarta Utara. Warga Jakarta diminta waspada.",
			"JAKARTA=31; Jakarta Utara=31.72; Jakarta=31"},
		{"Jakarta named in the title", "Macet Parah di Jakarta", "TEMPO.CO, Jakarta - Kemacetan terjadi sejak pagi.",
			"Jakarta=31; Jakarta=31"},
		{"a dateline elsewhere counts", "Jerman Dukung Pelestarian Candi",
			"Magelang (ANTARA News) - Pemerintah Jerman terus mendukung pelestarian candi.", "Magelang=33.71"},
		{"no dateline", "Banjir", "Warga Kota Jambi kebanjiran sejak Senin.", "Kota Jambi=15.71"},
	}
	for _, tt := range tests {
		if got := render(f.FindStory(tt.title, tt.text)); got != tt.want {
			t.Errorf("%s: FindStory = %q, want %q", tt.name, got, tt.want)
		}
	}
}
