package claimreview

import (
	"maps"
	"math"

	"github.com/sinergi-id/sinergi/hoax"
)

// VocabName names the vocabulary of ClaimReview ratings that no other
// vocabulary knows.
const VocabName = "claimreview"

// Vocabulary returns the scale a review falls back to when its label
// (alternateName) is in none of the registry's vocabularies: five steps of
// the numeric rating (ratingValue between worstRating and bestRating,
// scaled to 0–1), in Indonesian, with the English labels fact-checkers
// publish as aliases.
//
// The fallback keeps the verdict's meaning (its score) but not a foreign
// label's wording: a label is only kept when a vocabulary knows it, so
// that every stored verdict re-rates with Claim.Clean. Callers add this
// vocabulary to theirs with WithVocabulary.
func Vocabulary() hoax.Vocabulary {
	return hoax.Vocabulary{Name: VocabName, Labels: []hoax.Label{
		{Label: "Salah", Score: 0, Aliases: []string{"False", "Pants on Fire", "Fake", "Incorrect", "Hoaks"}},
		{Label: "Sebagian Besar Salah", Score: 0.25, Aliases: []string{"Mostly False", "Misleading", "Missing Context", "Out of Context"}},
		{Label: "Campuran", Score: 0.5, Aliases: []string{"Mixture", "Mixed", "Half True", "Unproven", "Unverified"}},
		{Label: "Sebagian Besar Benar", Score: 0.75, Aliases: []string{"Mostly True", "Mostly Correct"}},
		{Label: "Benar", Score: 1, Aliases: []string{"True", "Correct", "Accurate"}},
	}}
}

// WithVocabulary returns vs with Vocabulary added, unless vs already has
// one of that name (an administrator's own). vs itself is not changed.
func WithVocabulary(vs hoax.Vocabularies) hoax.Vocabularies {
	if _, ok := vs[VocabName]; ok {
		return vs
	}
	out := maps.Clone(vs)
	if out == nil {
		out = make(hoax.Vocabularies)
	}
	out[VocabName] = Vocabulary()
	return out
}

// step returns the fallback verdict nearest to score.
func step(score float64) hoax.Verdict {
	labels := Vocabulary().Labels
	l := labels[int(math.Round(min(max(score, 0), 1)*float64(len(labels)-1)))]
	return hoax.Verdict{Vocabulary: VocabName, Label: l.Label, Score: l.Score}
}
