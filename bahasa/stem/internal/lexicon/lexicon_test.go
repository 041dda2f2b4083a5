package lexicon

import (
	"slices"
	"testing"
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
