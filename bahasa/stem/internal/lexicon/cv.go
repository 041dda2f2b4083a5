package lexicon

import (
	"path/filepath"
	"slices"
)

// Stemmer is what the evaluation needs of a stemmer.
type Stemmer interface{ Stem(string) string }

// CrossValidate scores held-out honesty: each UD file is stemmed with a
// lexicon built without it (from the other UD files and the corpora), and
// the scores are summed. load turns a lexicon into a stemmer.
func CrossValidate(dataDir string, load func([]Entry) (Stemmer, error)) (map[string]Score, error) {
	out := map[string]Score{}
	for _, name := range UDFiles {
		others := slices.DeleteFunc(slices.Clone(UDFiles), func(s string) bool { return s == name })
		entries, err := Build(dataDir, others)
		if err != nil {
			return nil, err
		}
		s, err := load(entries)
		if err != nil {
			return nil, err
		}
		toks, err := ReadUD(filepath.Join(dataDir, "ud-indonesian", name))
		if err != nil {
			return nil, err
		}
		out[name] = Evaluate(Content(toks), s.Stem)
	}
	return out, nil
}
