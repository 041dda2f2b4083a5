// Package dedup finds the copies of a news item: the same article under
// several URLs, the same text fetched twice, and the syndicated or lightly
// edited copies through which Indonesian regional news spreads. It is the
// pure domain of the pipeline's deduplication stage; fetching and storage
// are elsewhere.
//
// Three checks, cheapest first (Stories runs them in this order):
//
//   - CanonicalURL brings the URLs of one article to one form (tracking
//     parameters, AMP, known mobile hosts, trailing slashes; see
//     (*URLRules).Canonical), and CanonicalFromHTML prefers what the page
//     declares with rel=canonical or og:url, on its own registrable domain.
//   - ContentHash hashes a text's normalised words (package bahasa), so a
//     copy that differs only in whitespace, punctuation, case or informal
//     spelling is an exact duplicate.
//   - Index finds near duplicates by estimated Jaccard similarity of word
//     shingles.
//
// # Near duplicates
//
// A text is the sequence of its normalised words (bahasa terms, folded).
// Its features are the shingles of 3 consecutive words: with 2-word
// shingles, reports of one event by different newsrooms share too many
// common pairs ("presiden joko", "kata dia"); with 5, one substituted word
// costs five shingles and a lightly edited copy drops under the threshold.
// With three, bench/dedup finds no pair of different stories on one topic
// over 0.5, and 98% of the synthetic edited copies.
//
// The shingle set is summarised by a 128-value MinHash signature built by
// one-permutation hashing with optimal densification: one 64-bit hash per
// shingle instead of 128, the same collision probability. Two signatures
// agree in a position with probability equal to the sets' Jaccard
// similarity, so the share of equal positions estimates it (standard error
// 0.044 at 0.5).
//
// Candidates come from locality-sensitive hashing: the signature is cut into
// bands and two texts are candidates when one band is equal. Banding(t)
// chooses the steepest banding that still makes a pair at exactly t a
// candidate with probability ≥ 0.95; for the default t = 0.5 it is 42 bands
// of 3 rows, whose S-curve 1-(1-s³)⁴² is
//
//	similarity   0.1   0.2   0.3   0.4   0.5    0.6
//	candidate    0.04  0.29  0.68  0.94  0.996  >0.9999
//
// Each candidate is then verified against t by its estimated similarity,
// so the looseness of the bands costs verifications (a few 128-value
// comparisons per query), not precision.
//
// Short texts (under 40 words: titles, posts, feed summaries) have too few
// shingles: one edit removes three of perhaps twenty. They are also
// compared on their words and word pairs, banded the same way and verified
// by the exact Jaccard similarity of those sets, which a short text makes
// cheap. SimHash, the usual suggestion, was measured out on paper: two
// feature sets of Jaccard 0.6 differ in about 13 of 64 SimHash bits, so a
// Hamming threshold that finds them (≥ 13) cannot be searched by the
// block-permutation tables that make SimHash fast (they suit distances of
// 3 or so, i.e. near-identical texts, which ContentHash already catches).
//
// Everything is deterministic: the hashes are seeded by Options.Seed, and
// there is no global state but read-only tables.
//
// # Stories
//
// A duplicate is not thrown away: Stories records it as another Appearance
// (source, time, URL, how it matched) of the Cluster that its first item
// started, so reach can be counted.
package dedup
