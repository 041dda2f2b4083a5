package hoax

import (
	"context"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor"
)

// A recirculation alert also goes to the agency's alert webhook, when it
// has one (monitor.AgencyWebhook), as the event "hoax.recirculation". The
// webhook's receiver is outside the access rules, so the claim's and the
// item's content are in it only when each is PUBLIK, and the words that
// matched only when both are: otherwise their IDs, classifications and
// links, for the receiver's readers to open in Sinergi.

// recirculation is the payload of the event.
type recirculation struct {
	AgencyID int64               `json:"agency_id"`
	Claim    webhookClaim        `json:"claim"`
	Item     monitor.WebhookItem `json:"item"`
	Score    float64             `json:"score"`
	Decision string              `json:"decision"`
	Words    []string            `json:"words,omitempty"`
	Link     string              `json:"link"`
	Matched  time.Time           `json:"matched_at"`
}

// webhookClaim is a claim as a webhook receives it.
type webhookClaim struct {
	ID             int64  `json:"id"`
	Classification string `json:"classification"`
	// The rest is left out for a claim that is not PUBLIK.
	Title       string   `json:"title,omitempty"`
	Verdict     string   `json:"verdict,omitempty"`
	Rating      *float64 `json:"rating,omitempty"` // 0 false … 1 true
	FactChecker string   `json:"fact_checker,omitempty"`
	Summary     string   `json:"summary,omitempty"`
	// PublicPath is the claim's public page, when it is published.
	PublicPath string `json:"public_path,omitempty"`
}

// recirculationPayload is the event of a confirmed match m of it.
func recirculationPayload(it *archive.Item, m Match, now time.Time) recirculation {
	c := m.Claim
	p := recirculation{AgencyID: it.AgencyID, Item: monitor.NewWebhookItem(it, nil), Score: m.Score,
		Decision: string(m.Decision), Link: ClaimPath(c.ID), Matched: now,
		Claim: webhookClaim{ID: c.ID, Classification: c.Classification.String()}}
	if c.Classification != access.Publik {
		return p
	}
	rating := c.Verdict.Score
	p.Claim.Title, p.Claim.Verdict, p.Claim.Rating = c.Title, c.Verdict.Label, &rating
	p.Claim.FactChecker, p.Claim.Summary = c.FactChecker, c.Summary
	if c.Public() {
		p.Claim.PublicPath = PublicPath(c.ID)
	}
	if it.Classification == access.Publik {
		p.Words = m.Words
	}
	return p
}

// webhookDelivery is the delivery of the recirculation alert of m to the
// webhook of the item's agency; nil when the agency has none.
func (s *Service) webhookDelivery(ctx context.Context, it *archive.Item, m Match, now time.Time) (*monitor.WebhookDelivery, error) {
	d, err := monitor.AgencyDelivery(ctx, s.store, it.AgencyID, monitor.EventHoaxRecirculation, recirculationPayload(it, m, now), now)
	if err != nil {
		return nil, fmt.Errorf("hoax: %w", err)
	}
	return d, nil
}
