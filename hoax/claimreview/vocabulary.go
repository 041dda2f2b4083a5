package claimreview

import (
	"math"

	"github.com/sinergi-id/sinergi/hoax"
)

// The fallback scale is hoax.VocabClaimReview, built into the registry's
// vocabularies: a review whose label (alternateName) no vocabulary knows
// takes the step of its numeric rating (ratingValue between worstRating
// and bestRating, scaled to 0–1). It keeps the verdict's meaning (its
// score) but not a foreign label's wording: a label is only kept when a
// vocabulary knows it, so that every stored verdict re-rates with
// Claim.Clean.

// step returns the fallback verdict nearest to score.
func step(score float64) hoax.Verdict {
	labels := hoax.DefaultVocabularies()[hoax.VocabClaimReview].Labels
	l := labels[int(math.Round(min(max(score, 0), 1)*float64(len(labels)-1)))]
	return hoax.Verdict{Vocabulary: hoax.VocabClaimReview, Label: l.Label, Score: l.Score}
}
