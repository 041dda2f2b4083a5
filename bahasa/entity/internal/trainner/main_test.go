package main

import (
	"reflect"
	"testing"

	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
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
