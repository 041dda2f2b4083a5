package sentiment

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sinergi-id/sinergi/internal/testenv"
)

func load(t testing.TB) *Model {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m
}

func TestClassify(t *testing.T) {
	m := load(t)
	tests := []struct {
		text string
		want Label
	}{
		{"", NotRated},
		{"ok", NotRated},
		{"!!! 123 :)", NotRated},
		{"makanannya enak banget dan pelayanannya ramah , pasti kembali lagi !", Positive},
		{"pelayanan buruk , makanan dingin dan mahal . kecewa sekali .", Negative},
		{"makanannya tidak enak , pelayanannya lambat", Negative},
		{"Makanannya ENAAAK bgt, pelayanannya ramaaah!!!", Positive},
		{"jahat", Negative},
		{"tidak jahat", Positive},
	}
	for _, tt := range tests {
		got, conf := m.Classify(tt.text)
		if got != tt.want {
			t.Errorf("Classify(%q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
		}
		if conf < 0 || conf > 1 {
			t.Errorf("Classify(%q) confidence %v outside [0, 1]", tt.text, conf)
		}
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bangeeet", "banget"},
		{"ENAAAK", "enak"},
		{"bgt", "banget"},
		{"gak", "tidak"},
		{"nggaaak", "tidak"},
		{"yg", "yang"},
		{"anak2", "anak"},
		{"2020", "2020"},
		{"sepeda", "sepeda"},
		{"mall", "mall"},
		{"Ékspor", "ékspor"},
	}
	for _, tt := range tests {
		if got := normalise(tt.in); got != tt.want {
			t.Errorf("normalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := normalise(normalise(tt.in)); got != normalise(tt.in) {
			t.Errorf("normalise(normalise(%q)) = %q, not idempotent", tt.in, got)
		}
	}
}

func TestSplit(t *testing.T) {
	got, letters := split("kue-kue nya enak , 10/10 -", nil)
	want := []string{"kue-kue", "nya", "enak", "10", "10"}
	if len(got) != len(want) || letters != 13 {
		t.Fatalf("split(...) = %q, %d letters; want %q, 13", got, letters, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("split(...)[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestClauses(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"enak", []string{"enak"}},
		{"tempatnya bagus, makanannya enak, tapi pelayanannya lama sekali.",
			[]string{"tempatnya bagus", " makanannya enak", " ", "tapi pelayanannya lama sekali"}},
		{"Enak. Namun mahal!", []string{"Enak", " ", "Namun mahal"}},
		{"harganya Rp24,500 atau 2.500 per porsi", []string{"harganya Rp24,500 atau 2.500 per porsi"}},
		{"bagus sayangnya", []string{"bagus ", "sayangnya"}},
		{"kapan-kapan mampir lagi… pasti", []string{"kapan-kapan mampir lagi", " pasti"}},
		{"hanyalah tapisan", []string{"hanyalah tapisan"}}, // words that only begin like an opener
	}
	for _, tt := range tests {
		var got []string
		for end := len(tt.text); end > 0; {
			start, rest := lastClause(tt.text[:end])
			if start < end {
				got = append(got, tt.text[start:end])
			}
			end = rest
		}
		slices.Reverse(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("lastClause from the end of %q gives %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestWithNegations(t *testing.T) {
	in := []Example{
		{"jahat", Negative},
		{"tidak sabar", Negative},
		{"gak enak .", Negative},
		{"ramah", Positive},
		{"tidak ramah", Negative}, // already there: not added again
		{"biasa", Neutral},        // neutral has no opposite
		{"enak sekali", Positive}, // two words, no negator
	}
	want := []Example{{"tidak jahat", Positive}, {"sabar", Positive}, {"enak", Positive}}
	got := withNegations(in)
	if len(got) != len(in)+len(want) {
		t.Fatalf("withNegations(...) = %q, want the input and %q", got, want)
	}
	for i, w := range want {
		if g := got[len(in)+i]; g != w {
			t.Errorf("withNegations(...)[%d] = %q, want %q", len(in)+i, g, w)
		}
	}
}

// TestTrainReproducible retrains on a 40-line slice twice: the bytes must
// be equal.
func TestTrainReproducible(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "smsa-train-head.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exs, err := ReadSmSA(f)
	if err != nil {
		t.Fatalf("ReadSmSA: %v", err)
	}
	if len(exs) != 40 {
		t.Fatalf("ReadSmSA read %d examples, want 40", len(exs))
	}
	a, err := Train(exs, 1)
	if err != nil {
		t.Fatalf("Train: %v", err)
	}
	b, err := Train(exs, 1)
	if err != nil {
		t.Fatalf("Train: %v", err)
	}
	if !bytes.Equal(a.Full, b.Full) {
		t.Errorf("Train(seed 1) twice: full models of %d and %d bytes differ", len(a.Full), len(b.Full))
	}
	if !bytes.Equal(a.Words, b.Words) {
		t.Errorf("Train(seed 1) twice: word models of %d and %d bytes differ", len(a.Words), len(b.Words))
	}
	if !bytes.Equal(a.Stack, b.Stack) {
		t.Errorf("Train(seed 1) twice: stackers of %d and %d bytes differ", len(a.Stack), len(b.Stack))
	}
	if _, err := Decode(a); err != nil {
		t.Errorf("Decode(Train(...)): %v", err)
	}
}

// Measured on the valid split with the shipped model (RESULTS.md).
const (
	validMacroF1 = 0.8800 - 0.005
	validNeutral = 0.8078 - 0.01
)

func TestValidMacroF1(t *testing.T) {
	dir := testenv.SharedData(t, "sentiment-smsa")
	f, err := os.Open(filepath.Join(dir, "valid_preprocess.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exs, err := ReadSmSA(f)
	if err != nil {
		t.Fatalf("ReadSmSA: %v", err)
	}
	c := load(t).Evaluate(exs)
	t.Logf("SmSA valid, %d texts:\n%s", len(exs), c)
	if got := c.MacroF1(); got < validMacroF1 {
		t.Errorf("Evaluate(valid).MacroF1() = %.4f, want >= %.4f", got, validMacroF1)
	}
	if got := c.F1(1); got < validNeutral {
		t.Errorf("Evaluate(valid).F1(neutral) = %.4f, want >= %.4f", got, validNeutral)
	}
}

func FuzzClassify(f *testing.F) {
	m := load(f)
	for _, s := range []string{"", "enak bgt", "tidak enak", "\xff\xfe-", "--a--", "aaaaaaa", "ÀÉÎõü ẞ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, conf := m.Classify(s)
		if conf < 0 || conf > 1 || l == "" {
			t.Errorf("Classify(%q) = %q, %v", s, l, conf)
		}
	})
}

func BenchmarkSentiment(b *testing.B) {
	m := load(b)
	f, err := os.Open(filepath.Join("testdata", "smsa-train-head.tsv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	exs, err := ReadSmSA(f)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		m.Classify(exs[n%len(exs)].Text)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}
