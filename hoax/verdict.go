package hoax

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Verdict is a fact-checker's rating of a claim on one of the vocabularies.
type Verdict struct {
	// Vocabulary names the rating scale: VocabTurnBackHoax, VocabFirstDraft,
	// VocabTempo, VocabPratiwi or one an administrator configured.
	Vocabulary string
	// Label is the rating as the checker wrote it, in the vocabulary's
	// canonical spelling ("SALAH", "Keliru", "Konten Palsu").
	Label string
	// Score is how true the claim is: 0 false, 1 true.
	Score float64
}

// False reports whether the verdict finds the claim false or misleading:
// what makes a claim a hoax.
func (v Verdict) False() bool { return v.Score < 0.5 }

// The built-in vocabularies.
const (
	VocabTurnBackHoax = "turnbackhoax"
	VocabFirstDraft   = "firstdraft"
	VocabTempo        = "tempo"
	VocabPratiwi      = "pratiwi"
	// VocabClaimReview is the scale a ClaimReview rating falls back to
	// when its label is in no other vocabulary (package claimreview):
	// five steps of the numeric rating, in Indonesian, with the English
	// labels fact-checkers publish as aliases.
	VocabClaimReview = "claimreview"
)

// Vocabulary is one rating scale: each label with its score.
type Vocabulary struct {
	Name   string  `json:"name"`
	Labels []Label `json:"labels"`
}

// Label is one rating of a vocabulary. Aliases are other spellings that
// mean the same ("HOAKS" for "SALAH").
type Label struct {
	Label   string   `json:"label"`
	Score   float64  `json:"score"`
	Aliases []string `json:"aliases,omitempty"`
}

// Vocabularies are the rating scales a registry accepts, by name.
type Vocabularies map[string]Vocabulary

// DefaultVocabularies returns the built-in scales: TurnBackHoax's tags,
// Mafindo's seven mis- and disinformation types after First Draft, Tempo
// Cek Fakta's verdicts, the Hoax/Valid labels of the Pratiwi set and the
// ClaimReview fallback. The scores place each rating between false (0)
// and true (1); a "not proven" rating sits in the middle.
func DefaultVocabularies() Vocabularies {
	return Vocabularies{
		VocabTurnBackHoax: {Name: VocabTurnBackHoax, Labels: []Label{
			{Label: "SALAH", Score: 0, Aliases: []string{"HOAKS", "HOAX", "FALSE", "DISINFORMASI", "FITNAH"}},
			{Label: "PENIPUAN", Score: 0, Aliases: []string{"SCAM"}},
			{Label: "BELUM TERBUKTI", Score: 0.5, Aliases: []string{"UNPROVEN"}},
			{Label: "SATIRE", Score: 0.3},
			{Label: "PARODI", Score: 0.3, Aliases: []string{"PARODY"}},
			{Label: "MISINFORMASI", Score: 0.15},
			{Label: "KLARIFIKASI", Score: 0.7, Aliases: []string{"CLARIFICATION"}},
			{Label: "BENAR", Score: 1, Aliases: []string{"TRUE", "FAKTA"}},
		}},
		VocabFirstDraft: {Name: VocabFirstDraft, Labels: []Label{
			{Label: "Konten Palsu", Score: 0, Aliases: []string{"Fabricated Content"}},
			{Label: "Konten yang Dimanipulasi", Score: 0.05, Aliases: []string{"Konten Manipulasi", "Manipulated Content"}},
			{Label: "Konten Tiruan", Score: 0.05, Aliases: []string{"Imposter Content"}},
			{Label: "Konteks Keliru", Score: 0.2, Aliases: []string{"Konten yang Salah", "Konteks yang Salah", "False Context"}},
			{Label: "Koneksi yang Salah", Score: 0.2, Aliases: []string{"Koneksi Salah", "False Connection"}},
			{Label: "Konten yang Menyesatkan", Score: 0.25, Aliases: []string{"Konten Menyesatkan", "Misleading Content"}},
			{Label: "Satire atau Parodi", Score: 0.3, Aliases: []string{"Konten Satire", "Satire", "Parodi", "Satire or Parody"}},
		}},
		VocabTempo: {Name: VocabTempo, Labels: []Label{
			{Label: "Keliru", Score: 0, Aliases: []string{"False"}},
			{Label: "Menyesatkan", Score: 0.25, Aliases: []string{"Misleading"}},
			{Label: "Belum Ada Bukti", Score: 0.5, Aliases: []string{"Unproven", "Unsupported"}},
			{Label: "Sebagian Benar", Score: 0.6, Aliases: []string{"Partly True", "Half True"}},
			{Label: "Benar", Score: 1, Aliases: []string{"True"}},
		}},
		VocabPratiwi: {Name: VocabPratiwi, Labels: []Label{
			{Label: "Hoax", Score: 0, Aliases: []string{"Hoaks"}},
			{Label: "Valid", Score: 1},
		}},
		VocabClaimReview: {Name: VocabClaimReview, Labels: []Label{
			{Label: "Salah", Score: 0, Aliases: []string{"False", "Pants on Fire", "Fake", "Incorrect", "Hoaks"}},
			{Label: "Sebagian Besar Salah", Score: 0.25, Aliases: []string{"Mostly False", "Misleading", "Missing Context", "Out of Context"}},
			{Label: "Campuran", Score: 0.5, Aliases: []string{"Mixture", "Mixed", "Half True", "Unproven", "Unverified"}},
			{Label: "Sebagian Besar Benar", Score: 0.75, Aliases: []string{"Mostly True", "Mostly Correct"}},
			{Label: "Benar", Score: 1, Aliases: []string{"True", "Correct", "Accurate"}},
		}},
	}
}

// LoadVocabularies reads vocabularies from JSON (a list of {name, labels:
// [{label, score, aliases}]}) over the defaults: a named vocabulary
// replaces the built-in one of that name, others are added.
func LoadVocabularies(r io.Reader) (Vocabularies, error) {
	var list []Vocabulary
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("hoax: vocabularies: %w", err)
	}
	vs := DefaultVocabularies()
	for _, v := range list {
		v.Name = strings.ToLower(strings.TrimSpace(v.Name))
		if v.Name == "" || len(v.Labels) == 0 {
			return nil, fmt.Errorf("hoax: vocabularies: a vocabulary needs a name and labels")
		}
		for _, l := range v.Labels {
			if strings.TrimSpace(l.Label) == "" || l.Score < 0 || l.Score > 1 {
				return nil, fmt.Errorf("hoax: vocabulary %s: label %q needs a name and a score from 0 to 1", v.Name, l.Label)
			}
		}
		vs[v.Name] = v
	}
	return vs, nil
}

// Names returns the vocabularies' names, sorted.
func (vs Vocabularies) Names() []string {
	names := make([]string, 0, len(vs))
	for n := range vs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Rate finds label (any case, any alias) in the named vocabulary and
// returns the verdict with its canonical label and score.
func (vs Vocabularies) Rate(vocabulary, label string) (Verdict, bool) {
	v, ok := vs[strings.ToLower(vocabulary)]
	if !ok {
		return Verdict{}, false
	}
	label = strings.Join(strings.Fields(label), " ")
	for _, l := range v.Labels {
		if strings.EqualFold(l.Label, label) || slices.ContainsFunc(l.Aliases, func(a string) bool { return strings.EqualFold(a, label) }) {
			return Verdict{Vocabulary: v.Name, Label: l.Label, Score: l.Score}, true
		}
	}
	return Verdict{}, false
}

// Find looks label up in every vocabulary, the named one first, for an
// importer that meets a tag of another scale ("KATEGORI: Konten Palsu" in
// a TurnBackHoax article).
func (vs Vocabularies) Find(prefer, label string) (Verdict, bool) {
	if v, ok := vs.Rate(prefer, label); ok {
		return v, true
	}
	for _, name := range vs.Names() {
		if v, ok := vs.Rate(name, label); ok {
			return v, true
		}
	}
	return Verdict{}, false
}
