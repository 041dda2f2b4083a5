package main

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/region"
)

func TestEntityNames(t *testing.T) {
	sents := []ner.Sentence{{
		Words: []string{"Joko", "Widodo", "ke", "Kota", "Jambi", "dan", "Bogor"},
		Tags:  []string{"B-PERSON", "I-PERSON", "O", "B-PLACE", "I-PLACE", "O", "B-PLACE"},
	}}
	want := map[string][]string{"PER": {"Joko Widodo"}, "LOC": {"Kota Jambi", "Bogor"}}
	if got := entityNames(sents); !reflect.DeepEqual(got, want) {
		t.Errorf("entityNames(%v) = %v, want %v", sents, got, want)
	}
}

func TestAsNERP(t *testing.T) {
	in := []ner.Sentence{{Words: []string{"Joko", "di", "Jambi", "PT", "X"},
		Tags: []string{"B-PERSON", "O", "B-PLACE", "B-ORGANISATION", "I-ORGANISATION"}}}
	want := []ner.Sentence{{Words: []string{"joko", "di", "jambi", "pt", "x"},
		Tags: []string{"B-PPL", "O", "B-PLC", "B-IND", "I-IND"}}}
	if got := asNERP(in); !reflect.DeepEqual(got, want) {
		t.Errorf("asNERP(%v) = %v, want %v", in, got, want)
	}
}

func TestFinalEpochs(t *testing.T) {
	tests := []struct {
		spec, set string
		n         int
		ok, err   bool
	}{
		{"nerp=16,nergrit=19", "nerp", 16, true, false},
		{"nerp=16,nergrit=19", "nergrit", 19, true, false},
		{"nerp=16", "nergrit", 0, false, false},
		{"", "nerp", 0, false, false},
		{"nerp=x", "nerp", 0, false, true},
		{"nerp=0", "nerp", 0, false, true},
	}
	for _, tt := range tests {
		n, ok, err := finalEpochs(tt.spec, tt.set)
		if n != tt.n || ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("finalEpochs(%q, %q) = %d, %v, %v; want %d, %v, error %v", tt.spec, tt.set, n, ok, err, tt.n, tt.ok, tt.err)
		}
	}
}

func TestRegionNames(t *testing.T) {
	g, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	all := regionNames(g, region.District, nil)
	kept := regionNames(g, region.District, map[string]string{"raya": "l"})
	if !slices.Contains(all, "raya") || slices.Contains(kept, "raya") {
		t.Errorf("regionNames: \"baru\" in all %v, in kept %v; want true, false",
			slices.Contains(all, "raya"), slices.Contains(kept, "raya"))
	}
	if len(all) < 7000 || len(all)-len(kept) > 20 {
		t.Errorf("regionNames(District) = %d names, %d without \"baru\"; want over 7,000 and a few fewer", len(all), len(kept))
	}
}

func TestNewsSentences(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news.jsonl")
	text := `{"text": "Joko Widodo tiba di Jakarta . Apa kabar ?\n\nBaca juga : Setya Novanto"}` + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := newsSentences(path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, toks := range got {
		words := make([]string, len(toks))
		for i, tok := range toks {
			words[i] = tok.Text
		}
		keys = append(keys, sentenceKey(words))
	}
	want := []string{"joko widodo tiba di jakarta .", "apa kabar ?", "baca juga : setya novanto"}
	if !slices.Equal(keys, want) {
		t.Errorf("newsSentences = %q, want %q", keys, want)
	}
}
