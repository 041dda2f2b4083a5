// Package ner finds named entities — persons, organisations, places,
// events, food and drink — in Indonesian text.
//
// The model is an averaged structured perceptron over a linear chain of
// BIO tags (the mean of four trained side by side on different sentence
// orders), decoded by Viterbi under the BIO constraint (an I- tag only
// continues an entity of its own type). Features are the word, its
// prefixes and suffixes, its neighbours, title and organisation cue words,
// a gazetteer (provinces, kabupaten/kota and kecamatan of the region
// package, and the entities of the training data, jackknifed so that a
// training sentence never sees its own), how cased news usually writes the word
// (which gives lower-cased text back what capitals say), word clusters
// learned from unlabelled news and reviews (see ClusterCounter) and, for
// models trained on cased text, the shape of the word. Entity scores come from
// forward-backward marginals. RESULTS.md has this round's figures and
// ../RESULTS.md the method's history.
//
// Two models are embedded, trained by bahasa/entity/internal/trainner on
// the IndoNLU NER data (Apache-2.0, see data/SOURCE.md; the shipped
// weights on the train and valid splits together, the choices made on
// valid first): NERP (Prosa news,
// lower-cased text; types PER, ORG, LOC, EVT, FNB) and NERGrit (cased text;
// types PER, ORG, LOC). Load returns the NERP model, the default for news
// text: it was trained on news, knows the most types and, being case
// blind, works on lower-cased social-media text too. LoadNERGrit returns
// the other. A Model is read-only and safe for concurrent use.
package ner
