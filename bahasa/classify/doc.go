// Package classify groups Sinergi's small text classifiers, each trained in
// Go on a shared data set and shipped as embedded weights:
//
//   - langid: which of 12 languages of Indonesia a text is written in
//     (trained on NusaX-MT, CC BY-SA 4.0);
//   - sentiment: positive, neutral or negative (trained on SmSA, Apache-2.0).
//
// Both are multinomial logistic regressions over hashed word and character
// n-grams (package internal/linear). The weights are rebuilt byte for byte by
// `go run ./bahasa/classify/internal/train`; RESULTS.md gives the figures and
// the commands.
package classify
