// Package lexicon builds the stemmer's root lexicon from redistributable
// data (UD Indonesian lemmas and roots learned from licensed corpora) and
// reads the UD gold used to evaluate the stemmer.
package lexicon

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Token is one syntactic word of a CoNLL-U file, FORM and LEMMA lower-cased.
type Token struct {
	Form, Lemma, UPOS string
	Sentence          int // index of its sentence in the file
}

// UDFiles are the shared UD Indonesian files, by name inside the data set.
var UDFiles = []string{"id_csui-ud-train.conllu", "id_gsd-ud-dev.conllu"}

// ReadUD returns the syntactic words of a CoNLL-U file: lines of ten
// columns whose ID is an integer (multi-word lines such as 6-7 and empty
// nodes such as 6.1 are skipped).
func ReadUD(path string) ([]Token, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	var toks []Token
	sent := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			sent++
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 || !digits(cols[0]) {
			continue
		}
		toks = append(toks, Token{
			Form:     strings.ToLower(cols[1]),
			Lemma:    strings.ToLower(cols[2]),
			UPOS:     cols[3],
			Sentence: sent,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: read %s: %w", path, err)
	}
	return toks, nil
}

// Content keeps the tokens scored by the evaluation (PEERS.md): UPOS NOUN,
// VERB, ADJ or ADV whose FORM is made of letters and '-'.
func Content(toks []Token) []Token {
	var out []Token
	for _, t := range toks {
		switch t.UPOS {
		case "NOUN", "VERB", "ADJ", "ADV":
			if wordish(t.Form) {
				out = append(out, t)
			}
		}
	}
	return out
}

// wordish reports whether s is non-empty and made of ASCII letters and '-'.
func wordish(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
