// Package analysis runs the whole Indonesian analysis of package bahasa and
// its model packages over a text, in the order the monitoring pipeline needs:
// tokenise → normalise → stem → language → sentiment → places → names. A
// document is analysed once; search, alerts, hoax matching and dashboards
// read the result.
package analysis

import (
	"fmt"

	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/bahasa/classify/langid"
	"github.com/sinergi-id/sinergi/bahasa/classify/sentiment"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/bahasa/entity/place"
	"github.com/sinergi-id/sinergi/region"
)

// Analyzer holds the loaded models. It is safe for concurrent use.
type Analyzer struct {
	*Terms
	Languages *langid.Model
	Sentiment *sentiment.Model
	Places    *place.Finder
	Names     *ner.Model
}

// New loads every model; it takes a few hundred milliseconds, once.
func New(g *region.Gazetteer) (*Analyzer, error) {
	a := &Analyzer{Places: place.NewFinder(g)}
	var err error
	if a.Terms, err = NewTerms(); err != nil {
		return nil, err
	}
	if a.Languages, err = langid.Load(); err != nil {
		return nil, fmt.Errorf("analysis: language model: %w", err)
	}
	if a.Sentiment, err = sentiment.Load(); err != nil {
		return nil, fmt.Errorf("analysis: sentiment model: %w", err)
	}
	if a.Names, err = ner.Load(); err != nil {
		return nil, fmt.Errorf("analysis: name model: %w", err)
	}
	return a, nil
}

// Term is a normalised word of the text with its root.
type Term struct {
	bahasa.Term
	Root string
}

// Document is what the analysis found in one text.
type Document struct {
	Terms              []Term
	Language           string
	LanguageConfidence float64
	Sentiment          sentiment.Label
	SentimentScore     float64
	Places             []place.Mention
	Names              []ner.Entity
}

// Analyze runs every stage over text.
func (a *Analyzer) Analyze(text string) Document {
	var d Document
	terms := a.Normalizer.AppendTerms(nil, text)
	d.Terms = make([]Term, len(terms))
	for i, t := range terms {
		d.Terms[i] = Term{Term: t, Root: a.Root(t)}
	}
	d.Language, d.LanguageConfidence = a.Languages.Identify(text)
	d.Sentiment, d.SentimentScore = a.Sentiment.Classify(text)
	d.Places = a.Places.Find(text)
	d.Names = a.Names.Entities(text)
	return d
}
