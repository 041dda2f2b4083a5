package hoax_test

import (
	"strings"
	"testing"

	"github.com/sinergi-id/sinergi/hoax"
)

func TestRate(t *testing.T) {
	vs := hoax.DefaultVocabularies()
	for _, tc := range []struct {
		vocab, label, want string
		score              float64
		ok                 bool
	}{
		{hoax.VocabTurnBackHoax, "salah", "SALAH", 0, true},
		{hoax.VocabTurnBackHoax, " HOAKS ", "SALAH", 0, true},
		{hoax.VocabTurnBackHoax, "belum  terbukti", "BELUM TERBUKTI", 0.5, true},
		{hoax.VocabTempo, "sebagian benar", "Sebagian Benar", 0.6, true},
		{hoax.VocabFirstDraft, "konten tiruan", "Konten Tiruan", 0.05, true},
		{hoax.VocabFirstDraft, "Imposter Content", "Konten Tiruan", 0.05, true},
		{hoax.VocabTempo, "SALAH", "", 0, false},
		{"entah", "SALAH", "", 0, false},
	} {
		v, ok := vs.Rate(tc.vocab, tc.label)
		if ok != tc.ok || v.Label != tc.want || v.Score != tc.score {
			t.Errorf("Rate(%q, %q) = %+v, %v; want %q %v, %v", tc.vocab, tc.label, v, ok, tc.want, tc.score, tc.ok)
		}
	}
	if v, ok := vs.Find(hoax.VocabTempo, "Konten Palsu"); !ok || v.Vocabulary != hoax.VocabFirstDraft {
		t.Errorf("Find of another scale's label: %+v, %v", v, ok)
	}
}

func TestLoadVocabularies(t *testing.T) {
	vs, err := hoax.LoadVocabularies(strings.NewReader(`[
		{"name": "Kominfo", "labels": [{"label": "HOAKS", "score": 0}, {"label": "DISINFORMASI", "score": 0.1, "aliases": ["DISINFO"]}]},
		{"name": "tempo", "labels": [{"label": "Keliru", "score": 0.05}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := vs.Rate("kominfo", "disinfo"); !ok || v.Label != "DISINFORMASI" || v.Score != 0.1 {
		t.Errorf("an added vocabulary: %+v, %v", v, ok)
	}
	if v, ok := vs.Rate(hoax.VocabTempo, "Keliru"); !ok || v.Score != 0.05 {
		t.Errorf("a replaced vocabulary: %+v, %v", v, ok)
	}
	if _, ok := vs.Rate(hoax.VocabTempo, "Benar"); ok {
		t.Error("a replaced vocabulary kept its old labels")
	}
	if _, ok := vs.Rate(hoax.VocabTurnBackHoax, "SALAH"); !ok {
		t.Error("a built-in vocabulary left out of the file was lost")
	}
	for name, bad := range map[string]string{
		"not JSON":      `{`,
		"no labels":     `[{"name": "x", "labels": []}]`,
		"score above 1": `[{"name": "x", "labels": [{"label": "A", "score": 1.5}]}]`,
		"no name":       `[{"labels": [{"label": "A", "score": 0}]}]`,
		"unknown field": `[{"name": "x", "labels": [{"label": "A", "score": 0}], "warna": "merah"}]`,
	} {
		if _, err := hoax.LoadVocabularies(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
