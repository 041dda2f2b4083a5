// Package bahasa analyses Indonesian text: it splits text into tokens and
// sentences with byte offsets into the input (for highlighting), normalises
// informal spellings, case, accents and elongated letters to standard forms,
// knows the Indonesian stop words, and turns running text into the normalised
// terms that stemming and search consume.
//
// The package uses the standard library only. Every table it needs is either
// a literal or built once, read-only, from files embedded from data/ (their
// origin and licence are in data/SOURCE.md); all functions are safe for
// concurrent use.
//
// Sub-packages (stem, classify, entity) build on the tokens and terms made
// here.
package bahasa
