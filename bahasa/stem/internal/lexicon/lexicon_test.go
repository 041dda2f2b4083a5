package lexicon

import (
	"maps"
	"slices"
	"testing"

	"github.com/sinergi-id/sinergi/region"
)

func TestWords(t *testing.T) {
	got := Words("Ketua MPR, Zulkifli-Hasan: 2017 naïve rumah2")
	want := []string{"ketua", "mpr", "zulkifli", "hasan", "rumah"}
	if !slices.Equal(got, want) {
		t.Errorf("Words() = %q, want %q", got, want)
	}
}

func TestContent(t *testing.T) {
	toks := []Token{
		{Form: "negara-negara", Lemma: "negara", UPOS: "NOUN"},
		{Form: "jakarta", Lemma: "jakarta", UPOS: "PROPN"},
		{Form: "2017", Lemma: "2017", UPOS: "NOUN"},
		{Form: "menjadi", Lemma: "jadi", UPOS: "VERB"},
	}
	got := Content(toks)
	if len(got) != 2 || got[0].Form != "negara-negara" || got[1].Form != "menjadi" {
		t.Errorf("Content() = %+v, want negara-negara and menjadi", got)
	}
}

func TestEvaluate(t *testing.T) {
	toks := []Token{{Form: "a", Lemma: "a", UPOS: "NOUN"}, {Form: "b", Lemma: "c", UPOS: "VERB"}}
	s := Evaluate(toks, func(w string) string { return w })
	if s.Accuracy() != 50 || s.UPOSAccuracy("NOUN") != 100 || s.UPOSAccuracy("VERB") != 0 {
		t.Errorf("Evaluate() = %+v, want 50 %% (NOUN 100, VERB 0)", s)
	}
	if top := s.TopErrors(5); len(top) != 1 || top[0].Pair != [2]string{"b→b", "c"} {
		t.Errorf("TopErrors() = %+v, want b→b (gold c)", top)
	}
}

func TestPlaceRoots(t *testing.T) {
	g, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string][2]int{
		"bekasi": {40, 0},  // a name
		"lebak":  {3, 30},  // a word (valley) more often than Kabupaten Lebak
		"tegal":  {20, 5},  // a name four times as often as the word
		"batang": {10, 60}, // a word
	}
	got := PlaceRoots(g, counts)
	for w, want := range map[string]bool{
		"bekasi": true, "lebak": false, "tegal": true, "batang": false,
		"semarang": true,                                       // never written: a name
		"jawa":     false, "bandung": true, "kepulauan": false, // "Kepulauan Riau" is two words
	} {
		if got[w] != want {
			t.Errorf("PlaceRoots()[%q] = %v, want %v", w, got[w], want)
		}
	}
}

func TestOneSyllable(t *testing.T) {
	freq := map[string]int{
		// bom: alone, under menge-/penge- and under di-.
		"bom": 9, "mengebom": 3, "pengeboman": 2, "dibom": 1,
		// cek: the same with suffixes only.
		"cek": 4, "pengecekan": 2, "diceknya": 1,
		// kejar explains mengejar; jar is not a root.
		"jar": 5, "mengejar": 7, "dijar": 1,
		// but: no di-but, so mengebut may be meng-kebut.
		"but": 3, "mengebut": 2,
		// tes: under menge- but written alone once only.
		"tes": 1, "mengetes": 2, "dites": 1,
		// rengek: four letters after menge- is no syllable of three.
		"mengerengek": 1,
		// ber: a prefix, never a root (NotRoots).
		"ber": 9, "mengeber": 1, "diberi": 5,
	}
	roots := map[string]bool{"kejar": true, "beri": true}
	got := oneSyllable(freq, roots)
	want := map[string]bool{"bom": true, "cek": true}
	if !maps.Equal(got, want) {
		t.Errorf("oneSyllable = %v, want %v", got, want)
	}
}
