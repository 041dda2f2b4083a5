package bahasa_test

import (
	"fmt"

	"github.com/sinergi-id/sinergi/bahasa"
)

func ExampleNormalize() {
	fmt.Println(bahasa.Normalize("Gak nyangka, banjirnya parah bangeeet yg di Kab. Bogor!!"))
	// Output: tidak nyangka, banjirnya parah banget yang di kab. bogor!!
}

func ExampleTerms() {
	text := "Pemkab Bogor: gpp, anak2 aman #BanjirBogor"
	for _, t := range bahasa.Terms(text) {
		fmt.Printf("%d %s %q\n", t.Pos, t.Text, text[t.Start:t.End])
	}
	// Output:
	// 0 pemkab "Pemkab"
	// 1 bogor "Bogor"
	// 2 tidak "gpp"
	// 3 apa-apa "gpp"
	// 4 anak-anak "anak2"
	// 5 aman "aman"
	// 6 banjir "Banjir"
	// 7 bogor "Bogor"
}

func ExampleSentences() {
	text := "Bupati Kab. Bogor, Dr. H. Ahmad, S.H., hadir pukul 09.30 WIB. Inflasi 2.5 persen, dll. Rapat selesai."
	for _, s := range bahasa.Sentences(text) {
		fmt.Println(s.In(text))
	}
	// Output:
	// Bupati Kab. Bogor, Dr. H. Ahmad, S.H., hadir pukul 09.30 WIB.
	// Inflasi 2.5 persen, dll.
	// Rapat selesai.
}

func ExampleWordsToNumber() {
	n, ok := bahasa.WordsToNumber("dua ribu dua puluh enam")
	fmt.Println(n, ok)
	// Output: 2026 true
}

func ExampleStopWords() {
	sentiment := bahasa.StopWords(true)
	fmt.Println(bahasa.IsStopWord("tidak"), sentiment.Has("tidak"), sentiment.Has("yang"))
	// Output: true false true
}
