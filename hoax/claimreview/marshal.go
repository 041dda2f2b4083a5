package claimreview

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
)

// The JSON-LD written; the field order is the order of the output.
type (
	thing struct {
		Type string `json:"@type"`
		Name string `json:"name,omitempty"`
		URL  string `json:"url,omitempty"`
	}
	rating struct {
		Type          string `json:"@type"`
		RatingValue   int    `json:"ratingValue"`
		BestRating    int    `json:"bestRating"`
		WorstRating   int    `json:"worstRating"`
		AlternateName string `json:"alternateName"`
	}
	reviewed struct {
		Type            string  `json:"@type"`
		DatePublished   string  `json:"datePublished,omitempty"`
		FirstAppearance *thing  `json:"firstAppearance,omitempty"`
		Appearance      []thing `json:"appearance,omitempty"`
	}
	review struct {
		Context       string   `json:"@context,omitempty"`
		Type          string   `json:"@type"`
		URL           string   `json:"url"`
		Name          string   `json:"name"`
		ClaimReviewed string   `json:"claimReviewed"`
		ReviewBody    string   `json:"reviewBody,omitempty"`
		ItemReviewed  reviewed `json:"itemReviewed"`
		ReviewRating  rating   `json:"reviewRating"`
		Author        *thing   `json:"author,omitempty"`
		Publisher     *thing   `json:"publisher,omitempty"`
		DatePublished string   `json:"datePublished,omitempty"`
		DateModified  string   `json:"dateModified,omitempty"`
		InLanguage    string   `json:"inLanguage,omitempty"`
		Citation      []string `json:"citation,omitempty"`
	}
	feedItem struct {
		Type         string `json:"@type"`
		DateCreated  string `json:"dateCreated,omitempty"`
		DateModified string `json:"dateModified,omitempty"`
		Item         review `json:"item"`
	}
	dataFeed struct {
		Context         string     `json:"@context"`
		Type            string     `json:"@type"`
		URL             string     `json:"url"`
		DateModified    string     `json:"dateModified"`
		DataFeedElement []feedItem `json:"dataFeedElement"`
	}
)

const schemaContext = "https://schema.org"

// Marshal returns the ClaimReview JSON-LD of a public claim for its page
// at pageURL: claimReviewed is the Claim (else the Title), itemReviewed a
// Claim with its first known date and the Sources that are links as
// firstAppearance and appearance, reviewRating a Rating from 1 (false) to
// 5 (true) derived from the verdict's score with the verdict's label as
// alternateName, author the fact-checker (else the agency), publisher the
// agency. The output escapes <, > and &, so it may sit in a <script>
// element as it is.
//
// A claim that is not public (published and PUBLIK) is refused with
// sinergi.ErrNotFound: nothing else may appear on a public page.
func Marshal(c *hoax.Claim, pageURL string) ([]byte, error) {
	if !c.Public() {
		return nil, fmt.Errorf("claimreview: claim %d is not public: %w", c.ID, sinergi.ErrNotFound)
	}
	r := newReview(c, pageURL)
	r.Context = schemaContext
	return json.Marshal(r)
}

// Feed returns a schema.org DataFeed of the public claims among claims
// (others are left out), each a DataFeedItem holding its ClaimReview
// (pageURL gives each claim's page) with the dates it was created and
// last changed, so that a reader can fetch the feed and take only what
// changed since its last visit. A DataFeed rather than an ItemList: an
// ItemList is an ordered list shown on a page (a carousel), while a feed
// of all claims is a data set that others synchronise, which is what
// DataFeed and its per-item dates are for (Data Commons publishes
// fact-checks the same way).
func Feed(claims []*hoax.Claim, pageURL func(*hoax.Claim) string, feedURL string, updated time.Time) ([]byte, error) {
	f := dataFeed{Context: schemaContext, Type: "DataFeed", URL: feedURL, DateModified: dateTime(updated), DataFeedElement: []feedItem{}}
	for _, c := range claims {
		if !c.Public() {
			continue
		}
		f.DataFeedElement = append(f.DataFeedElement, feedItem{
			Type:         "DataFeedItem",
			DateCreated:  dateTime(c.Created),
			DateModified: dateTime(c.Updated),
			Item:         newReview(c, pageURL(c)),
		})
	}
	return json.Marshal(f)
}

func newReview(c *hoax.Claim, pageURL string) review {
	r := review{
		Type:          "ClaimReview",
		URL:           pageURL,
		Name:          c.Title,
		ClaimReviewed: firstOf(c.Claim, c.Title),
		ReviewBody:    c.Summary,
		ItemReviewed:  reviewed{Type: "Claim", DatePublished: date(c.FirstSeen)},
		ReviewRating: rating{
			Type:          "Rating",
			RatingValue:   int(math.Round(1 + 4*min(max(c.Verdict.Score, 0), 1))),
			BestRating:    5,
			WorstRating:   1,
			AlternateName: c.Verdict.Label,
		},
		DatePublished: date(c.Reviewed),
		DateModified:  dateTime(c.Updated),
		InLanguage:    c.Lang,
		Citation:      links(c.References),
	}
	for _, s := range links(c.Sources) {
		if r.ItemReviewed.FirstAppearance == nil {
			r.ItemReviewed.FirstAppearance = &thing{Type: "CreativeWork", URL: s}
		} else {
			r.ItemReviewed.Appearance = append(r.ItemReviewed.Appearance, thing{Type: "CreativeWork", URL: s})
		}
	}
	if name := firstOf(c.FactChecker, c.AgencyName); name != "" {
		r.Author = &thing{Type: "Organization", Name: name}
	}
	if c.AgencyName != "" {
		r.Publisher = &thing{Type: "Organization", Name: c.AgencyName}
	}
	return r
}

// links returns the entries of l that are http(s) addresses.
func links(l []string) []string {
	var out []string
	for _, s := range l {
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			out = append(out, s)
		}
	}
	return out
}

// date writes a schema.org Date when t is midnight in WIB (a date without
// a time, as the importers store them), else a DateTime in WIB; "" for
// the zero time.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(wib)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(wib).Format(time.RFC3339)
}

// Publisher lists the published PUBLIK claims; *hoax.Service is one.
type Publisher interface {
	PublicClaims(ctx context.Context, limit, offset int) ([]*hoax.Claim, int, error)
}

// MaxFeed is the most claims the public feed holds, the newest.
const MaxFeed = 50_000

// PublicFeed returns the Feed of every published PUBLIK claim (the newest
// MaxFeed), each with its public page under baseURL, as
// /hoaks/feed.jsonld and `sinergi hoax export` give it.
func PublicFeed(ctx context.Context, p Publisher, baseURL string, now time.Time) ([]byte, error) {
	var all []*hoax.Claim
	for len(all) < MaxFeed {
		page, total, err := p.PublicClaims(ctx, 1000, len(all))
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			break
		}
	}
	base := strings.TrimSuffix(baseURL, "/")
	return Feed(all, func(c *hoax.Claim) string { return base + hoax.PublicPath(c.ID) }, base+FeedPath, now)
}

// FeedPath is where the server publishes the feed.
const FeedPath = "/hoaks/feed.jsonld"
