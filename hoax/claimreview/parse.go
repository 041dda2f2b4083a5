// Package claimreview reads and writes schema.org ClaimReview, the JSON-LD
// that fact-checkers embed in their articles and that search engines read:
// Parse turns the reviews of a document (one object, an array, a @graph, a
// DataFeed, or the Google Fact Check Tools API's answer) into registry
// claims, FromHTML finds the JSON-LD blocks of a page, and Marshal and
// Feed publish the registry's public claims.
package claimreview

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
)

// Limits on what Parse reads.
const (
	MaxDocument = 64 << 20 // bytes of one JSON-LD document or page
	maxErrors   = 20       // problems reported before Parse stops looking
)

// Review is one ClaimReview read: the claim it gives and the line of the
// document where the review starts. The claim is not yet cleaned: the
// caller runs Claim.Clean with vocabularies that include Vocabulary.
type Review struct {
	Line  int
	Claim *hoax.Claim
}

// LineError is a problem with the part of a document that starts at Line.
// Err carries the message key (a *sinergi.Error).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Parse reads every ClaimReview of a JSON-LD document: a single object,
// an array, objects nested anywhere (a @graph, a DataFeed's items, a
// WebPage's mainEntity), several documents one after another (JSON
// lines), and the Google Fact Check Tools API's {"claims": [...]}.
// References by @id are followed. Type and property names may carry the
// schema.org prefix ("schema:ClaimReview", "https://schema.org/author").
//
// A review maps to a claim as follows: url (else an absolute @id) is the
// URL and Key; claimReviewed the Claim (else the itemReviewed's text or
// name); name or headline the Title; reviewBody or description the
// Summary; author's name the FactChecker; datePublished the Reviewed date;
// inLanguage the Lang; the itemReviewed's firstAppearance and appearance
// (their url, else name) the Sources, the first appearance's date (else
// the item's datePublished) FirstSeen, its author a person or an
// organisation involved; citation the References. The verdict is the
// reviewRating's alternateName when one of vs knows it (the fact-checker's
// own vocabulary first: Tempo, TurnBackHoax), else a step of Vocabulary
// by label or by ratingValue scaled between worstRating (default 1) and
// bestRating (default 5). A review with neither fails. A date without a
// zone is taken as WIB; a date that does not parse is left unknown.
//
// On problems Parse returns an error joining one *LineError per problem
// (at most 20).
func Parse(data []byte, vs hoax.Vocabularies) ([]Review, error) {
	if len(data) > MaxDocument {
		return nil, &LineError{Line: 1, Err: sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.too_large", MaxDocument)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	roots, err := decode(data)
	if err != nil {
		return nil, err
	}
	g := newGraph(roots)
	var out []Review
	var errs []error
	add := func(n *node, c *hoax.Claim, err error) {
		line := lineAt(data, n.off)
		if err != nil {
			if len(errs) < maxErrors {
				errs = append(errs, &LineError{Line: line, Err: err})
			}
			return
		}
		out = append(out, Review{Line: line, Claim: c})
	}
	for _, n := range g.reviews(roots) {
		c, err := g.claim(n, vs)
		add(n, c, err)
	}
	for _, r := range roots {
		for _, cl := range g.all(r, "claims") {
			for _, rv := range g.all(cl, "claimReview") {
				c, err := g.apiClaim(cl, rv, vs)
				add(rv, c, err)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// reviews finds the ClaimReview objects of the documents, each once.
func (g graph) reviews(roots []*node) []*node {
	var out []*node
	seen := make(map[*node]bool)
	var walk func(n *node)
	walk = func(n *node) {
		n = g.resolve(n)
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		switch {
		case n.kind == 'o' && is(n, "ClaimReview"):
			out = append(out, n)
		case n.kind == 'o':
			for _, v := range n.obj {
				walk(v)
			}
		case n.kind == 'a':
			for _, v := range n.arr {
				walk(v)
			}
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return out
}

// claim maps one ClaimReview object to a claim.
func (g graph) claim(n *node, vs hoax.Vocabularies) (*hoax.Claim, error) {
	c := &hoax.Claim{
		URL:         g.textOf(n, "url"),
		Claim:       g.textOf(n, "claimReviewed"),
		Title:       firstOf(g.textOf(n, "name"), g.textOf(n, "headline")),
		Summary:     firstOf(g.textOf(n, "reviewBody"), g.textOf(n, "description")),
		FactChecker: firstOf(g.name(g.get(n, "author")), g.name(g.get(n, "publisher"))),
		Reviewed:    parseDate(g.textOf(n, "datePublished")),
		Lang:        g.lang(g.get(n, "inLanguage")),
	}
	for _, r := range g.all(n, "citation") {
		c.References = appendText(c.References, firstOf(g.textOf(r, "url"), g.name(r)))
	}
	if item := g.get(n, "itemReviewed"); item != nil {
		g.item(c, item)
	}
	c.Key = g.key(n, c)
	v, err := g.verdict(g.get(n, "reviewRating"), c.FactChecker, vs)
	if err != nil {
		return nil, err
	}
	c.Verdict = v
	return c, nil
}

// item fills what the reviewed Claim (or the older CreativeWork) tells:
// where it appeared, when first, and who said it.
func (g graph) item(c *hoax.Claim, item *node) {
	if c.Claim == "" {
		c.Claim = firstOf(g.textOf(item, "text"), g.textOf(item, "name"))
	}
	if c.Lang == "" {
		c.Lang = g.lang(g.get(item, "inLanguage"))
	}
	first := g.get(item, "firstAppearance")
	if !is(item, "Claim") {
		c.Sources = appendText(c.Sources, g.textOf(item, "url"))
	}
	for _, a := range append([]*node{first}, g.all(item, "appearance")...) {
		if a == nil {
			continue
		}
		c.Sources = appendText(c.Sources, firstOf(g.textOf(a, "url"), g.name(a)))
	}
	c.FirstSeen = parseDate(g.textOf(first, "datePublished"))
	if c.FirstSeen.IsZero() {
		c.FirstSeen = parseDate(g.textOf(item, "datePublished"))
	}
	for _, a := range g.all(item, "author") {
		if hasSuffixType(a, "Organization") {
			c.Organisations = appendText(c.Organisations, g.name(a))
		} else {
			c.People = appendText(c.People, g.name(a))
		}
	}
}

// key is the claim's identity in its origin: its URL, else the review's
// absolute @id, else a hash of the claim's text.
func (g graph) key(n *node, c *hoax.Claim) string {
	if c.URL != "" {
		return c.URL
	}
	if id := text(n.obj["@id"]); strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://") {
		return id
	}
	if t := firstOf(c.Claim, c.Title); t != "" {
		return HashKey(hoax.VocabClaimReview, t)
	}
	return ""
}

// HashKey returns "<prefix>:" and a hash of text with its spaces
// normalised and its case folded: the Key of a claim whose origin gives
// no address or number.
func HashKey(prefix, text string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
	return prefix + ":" + hex.EncodeToString(sum[:12])
}

// verdict rates a review (see Parse).
func (g graph) verdict(rating *node, checker string, vs hoax.Vocabularies) (hoax.Verdict, error) {
	label := firstOf(g.textOf(rating, "alternateName"), g.textOf(rating, "name"))
	if v, ok := rate(label, checker, vs); ok {
		return v, nil
	}
	if value, ok := number(g.textOf(rating, "ratingValue")); ok {
		best, okb := number(g.textOf(rating, "bestRating"))
		worst, okw := number(g.textOf(rating, "worstRating"))
		if !okb {
			best = 5
		}
		if !okw {
			worst = 1
		}
		if best == worst {
			return hoax.Verdict{}, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.rating_scale", value)
		}
		return step((value - worst) / (best - worst)), nil
	}
	if label == "" {
		return hoax.Verdict{}, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.no_rating")
	}
	return hoax.Verdict{}, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.rating_unknown", label)
}

// rate looks label up in vs, the checker's own vocabulary first, then in
// the built-in fallback scale (hoax.VocabClaimReview, even when an
// administrator's vocabulary replaced it); a long label ("Salah. Video itu ...") is tried by its first
// words too.
func rate(label, checker string, vs hoax.Vocabularies) (hoax.Verdict, bool) {
	if label == "" {
		return hoax.Verdict{}, false
	}
	prefer := hoax.VocabClaimReview
	switch lc := strings.ToLower(checker); {
	case strings.Contains(lc, "tempo"):
		prefer = hoax.VocabTempo
	case strings.Contains(lc, "turnbackhoax"), strings.Contains(lc, "mafindo"):
		prefer = hoax.VocabTurnBackHoax
	}
	own := hoax.Vocabularies{hoax.VocabClaimReview: hoax.DefaultVocabularies()[hoax.VocabClaimReview]}
	tries := []string{label}
	if f := strings.FieldsFunc(label, isLabelEnd); len(f) > 0 && f[0] != label {
		tries = append(tries, strings.TrimSpace(f[0]))
	}
	for _, l := range tries {
		if v, ok := vs.Find(prefer, l); ok {
			return v, true
		}
		if v, ok := own.Rate(hoax.VocabClaimReview, l); ok {
			return v, true
		}
	}
	return hoax.Verdict{}, false
}

func isLabelEnd(r rune) bool { return strings.ContainsRune(".,:;!()[]–—", r) }

// number reads a rating value: "4", "4.5" or "4,5".
func number(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
}

// wib is the zone of a date published without one: these are Indonesian
// fact-checks.
var wib = time.FixedZone("WIB", 7*3600)

// parseDate reads a schema.org Date or DateTime; zero when it does not
// parse.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, wib); err == nil {
			return t
		}
	}
	return time.Time{}
}

// lang reads inLanguage: "id", "id-ID", or a Language with a name or
// alternateName; the primary subtag, lower case.
func (g graph) lang(n *node) string {
	s := text(n)
	if n != nil && n.kind == 'o' {
		s = firstOf(g.textOf(n, "alternateName"), g.textOf(n, "name"))
	}
	s, _, _ = strings.Cut(s, "-")
	s, _, _ = strings.Cut(s, "_")
	if len(s) > 8 {
		return ""
	}
	return strings.ToLower(s)
}

// apiClaim maps one review of the Google Fact Check Tools API's answer
// (claims[].claimReview[]) to a claim.
func (g graph) apiClaim(cl, rv *node, vs hoax.Vocabularies) (*hoax.Claim, error) {
	pub := g.get(rv, "publisher")
	c := &hoax.Claim{
		Claim:       g.textOf(cl, "text"),
		Title:       g.textOf(rv, "title"),
		URL:         g.textOf(rv, "url"),
		FactChecker: firstOf(g.textOf(pub, "name"), g.textOf(pub, "site")),
		FirstSeen:   parseDate(g.textOf(cl, "claimDate")),
		Reviewed:    parseDate(g.textOf(rv, "reviewDate")),
		Lang:        g.lang(g.get(rv, "languageCode")),
		People:      appendText(nil, g.textOf(cl, "claimant")),
	}
	c.Key = c.URL
	if c.Key == "" && c.Claim != "" {
		c.Key = HashKey(hoax.VocabClaimReview, c.Claim)
	}
	label := g.textOf(rv, "textualRating")
	v, ok := rate(label, c.FactChecker, vs)
	if !ok {
		if label == "" {
			return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.no_rating")
		}
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.rating_unknown", label)
	}
	c.Verdict = v
	return c, nil
}

func hasSuffixType(n *node, suffix string) bool {
	for _, t := range types(n) {
		if strings.HasSuffix(t, suffix) {
			return true
		}
	}
	return false
}

func appendText(l []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		return append(l, s)
	}
	return l
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
