package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one sentence of CoNLL data: its words and their BIO tags.
type Sentence struct {
	Words, Tags []string
}

// ReadCoNLL reads sentences in the format of the IndoNLU NER files: one
// "word<TAB>tag" per line, a blank line between sentences. A line without a
// tab is an error naming its number; a line of spaces counts as blank.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var out []Sentence
	var cur Sentence
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		word, tag, ok := strings.Cut(line, "\t")
		tag = strings.TrimSpace(tag)
		if !ok || word == "" || tag == "" {
			return nil, fmt.Errorf("ner: read conll: line %d: want word<TAB>tag, got %q", n, line)
		}
		if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			return nil, fmt.Errorf("ner: read conll: line %d: tag %q is not O, B-X or I-X", n, tag)
		}
		cur.Words = append(cur.Words, word)
		cur.Tags = append(cur.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: read conll: %w", err)
	}
	flush()
	return out, nil
}
