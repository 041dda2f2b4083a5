package stem

import (
	"os"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/stem/internal/lexicon"
)

// sampleTokens returns the words of testdata/indosum-sample.txt (IndoSum
// news, see testdata/SOURCE.md), split on non-letters and lower-cased.
func sampleTokens(b *testing.B) []string {
	b.Helper()
	text, err := os.ReadFile("testdata/indosum-sample.txt")
	if err != nil {
		b.Fatal(err)
	}
	return lexicon.Words(string(text))
}

// BenchmarkStem stems running news text with a warm memo: the hot path.
func BenchmarkStem(b *testing.B) {
	s := newStemmer(b)
	toks := sampleTokens(b)
	for _, w := range toks {
		s.Stem(w)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, w := range toks {
			s.Stem(w)
		}
		n += len(toks)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkStemCold stems the same text with no memo: every token runs the
// rules.
func BenchmarkStemCold(b *testing.B) {
	s := newStemmer(b)
	s.memo = newMemo(0)
	toks := sampleTokens(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, w := range toks {
			s.Stem(w)
		}
		n += len(toks)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkStemParallel stems with all cores sharing one Stemmer.
func BenchmarkStemParallel(b *testing.B) {
	s := newStemmer(b)
	toks := sampleTokens(b)
	for _, w := range toks {
		s.Stem(w)
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			s.Stem(toks[i%len(toks)])
			i++
		}
	})
}
