package analysis

import (
	"fmt"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/bahasa/stem"
	"github.com/sinergi-id/sinergi/query"
)

// Terms is the part of the analysis that search and alerts need: the
// normaliser and the stemmer, without the classifiers. It implements
// query.Analyzer, so archive documents, query terms and stored queries all
// go through the same words. It is safe for concurrent use.
type Terms struct {
	Normalizer *bahasa.Normalizer
	Stemmer    *stem.Stemmer
}

// NewTerms loads the stemmer's lexicon.
func NewTerms() (*Terms, error) {
	s, err := stem.New()
	if err != nil {
		return nil, fmt.Errorf("analysis: stemmer: %w", err)
	}
	return &Terms{Normalizer: bahasa.NewNormalizer(bahasa.Options{WriteOut: true}), Stemmer: s}, nil
}

// Root returns the stem of a word term; other kinds (numbers, URLs,
// mentions) are their own root.
func (a *Terms) Root(t bahasa.Term) string {
	if t.Kind != bahasa.Word {
		return t.Text
	}
	return a.Stemmer.Stem(t.Text)
}

// Terms returns the analysed terms of text for search: each with its
// folded surface form (what exact phrases and prefixes compare), its root
// (what plain terms compare), its position and its byte offsets. Positions
// are 0, 1, 2, ... without gaps, one term per position.
func (a *Terms) Terms(text string) []query.AnalyzedTerm {
	ts := a.Normalizer.AppendTerms(nil, text)
	out := make([]query.AnalyzedTerm, len(ts))
	for i, t := range ts {
		out[i] = query.AnalyzedTerm{
			Folded: bahasa.Fold(text[t.Start:t.End]),
			Root:   a.Root(t),
			Pos:    t.Pos, Start: t.Start, End: t.End,
		}
	}
	return out
}
