// Package hoax is Tangkal, the hoax registry: the claims that circulate
// (NARASI), their explanations (PENJELASAN), the fact-checkers' verdicts on
// configurable vocabularies each mapped to a score from 0 (false) to 1
// (true), the official clarification with its own approval, and every
// appearance of a known hoax in what Pantau monitors.
//
// The registry is fed by importers (package hoax/importer: ClaimReview
// JSON-LD, TurnBackHoax, Tempo Cek Fakta, the Pratiwi set) and by analysts.
// Every monitored item, every citizen's check and every new registry entry
// is compared with the registry by package hoax/match; a confirmed match
// of an active hoax is recorded as an appearance and raises a
// recirculation alert to the agency's watchers and to its alert webhook
// (webhook.go). The matcher weighs down the words of the day: every
// monitored item is counted into its background, and a process that
// starts counts the archive's newest items first, over a sample of news
// it ships (match.NewsBackground), so that it weighs words so even on an
// empty archive.
//
// Claims carry an owning agency and a classification like every record:
// the public hoax check and the ClaimReview feed show only published
// PUBLIK claims.
package hoax
