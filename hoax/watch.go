package hoax

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/query"
)

// The Service is a matcher of the ingestion pipeline: every stored item is
// compared with the registry. A confirmed match is recorded as an
// appearance of the claim, with the item's stance (repeating the hoax or
// refuting it); so is a suggested one that scores as high as a confirmed
// one and is only held back by the short-text guard (a short post that
// may be the hoax, for an analyst to judge). Weaker suggestions, a tenth
// of ordinary news, are not kept: they are for a person's check, not for
// the record. A confirmed match of an active hoax by an item that repeats
// it raises a recirculation alert to the item's agency's heads of Humas
// and analysts (monitor.Watchers) who may see both the item and the
// claim, at most once per AlertGap for one hoax and agency:
//
//	Hoaks “Vaksin mengandung babi” beredar lagi: “…” di contoh.com (kecocokan 82%).

// perItem is the most claims one item is recorded as an appearance of.
const perItem = 3

// MatchItem compares one stored item with the registry.
func (s *Service) MatchItem(ctx context.Context, it *archive.Item, a *archive.Analysis) error {
	return s.MatchItems(ctx, []*archive.Item{it}, []*archive.Analysis{a})[0]
}

// MatchItems compares the items of one poll with the registry and stores
// their appearances and alerts in one transaction; it returns one error
// per item.
func (s *Service) MatchItems(ctx context.Context, items []*archive.Item, analyses []*archive.Analysis) []error {
	errs := make([]error, len(items))
	if err := s.Load(ctx); err != nil {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	var apps []*Appearance
	var ns []*monitor.Notification
	var ds []*monitor.WebhookDelivery
	var mails []*mail.Outgoing
	alerted := map[[2]int64]bool{} // claim, agency: alerted in this batch
	for i, it := range items {
		t := itemText(it, analyses[i])
		ms := s.match(t, perItem, func(*Claim) bool { return true })
		s.index.Observe(t) // the stream, for the matcher's background
		if len(ms) == 0 {
			continue
		}
		stance := stanceOf(t.Terms)
		for _, m := range ms {
			if m.Decision != match.Confirmed && m.Score < s.confirm {
				continue
			}
			app := &Appearance{ClaimID: m.Claim.ID, Kind: KindItem, ItemID: it.ID, AgencyID: it.AgencyID,
				Classification: it.Classification, Title: it.Title, Source: it.Source, URL: it.URL, Regions: it.Regions,
				At: t.At, Score: m.Score, Decision: m.Decision, Stance: stance, Words: m.Words, Created: now}
			apps = append(apps, app)
			key := [2]int64{m.Claim.ID, it.AgencyID}
			if m.Decision != match.Confirmed || !m.Claim.Active || stance != Repeats || alerted[key] {
				continue
			}
			last, err := s.store.LastAlert(ctx, m.Claim.ID, it.AgencyID)
			if err != nil {
				errs[i] = fmt.Errorf("hoax: last alert of claim %d: %w", m.Claim.ID, err)
				continue
			}
			if !last.IsZero() && now.Sub(last) < s.alertGap {
				continue
			}
			users, err := s.watchers(ctx, it, m.Claim)
			if err != nil {
				errs[i] = err
				continue
			}
			d, err := s.webhookDelivery(ctx, it, m, now)
			if err != nil {
				errs[i] = err
				continue
			}
			if d != nil {
				ds = append(ds, d)
			}
			alerted[key] = true
			app.Alerted = true
			msg := alertMessage(it, m)
			for _, u := range users {
				ns = append(ns, &monitor.Notification{UserID: u.ID, ItemID: it.ID, Message: msg,
					Link: ClaimPath(m.Claim.ID), Created: now})
				if u.Email == "" || s.outbox == nil {
					continue
				}
				lang, ok := i18n.ParseLang(u.Language)
				if !ok {
					lang = i18n.ID
				}
				out, err := s.alertMail(msg, m.Claim.ID, u.Email, lang, now)
				if err != nil { // an address the mail server would refuse
					s.log.Warn("hoax alert e-mail not queued", "claim_id", m.Claim.ID, "user_id", u.ID, "err", err)
					continue
				}
				mails = append(mails, out)
			}
		}
	}
	if len(apps) == 0 {
		return errs
	}
	if err := s.store.AddAppearances(ctx, apps, ns, ds, mails); err != nil {
		err = fmt.Errorf("hoax: appearances: %w", err)
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	if len(ns) > 0 {
		s.log.Info("hoax recirculation alert", "appearances", len(apps), "notifications", len(ns))
	}
	if len(mails) > 0 {
		s.outbox.Kick()
	}
	return errs
}

// ClaimPath is the web interface's page of a claim, for analysts.
func ClaimPath(id int64) string { return "/tangkal/klaim/" + strconv.FormatInt(id, 10) }

// PublicPath is the public page of a published PUBLIK claim.
func PublicPath(id int64) string { return "/hoaks/" + strconv.FormatInt(id, 10) }

// watchers returns the item's agency's watchers (monitor.Watchers) who
// may see the item and the claim.
func (s *Service) watchers(ctx context.Context, it *archive.Item, c *Claim) ([]*auth.User, error) {
	users, err := monitor.AgencyWatchers(ctx, s.store, it.AgencyID)
	if err != nil {
		return nil, fmt.Errorf("hoax: %w", err)
	}
	var out []*auth.User
	for _, u := range users {
		actor := u.Actor()
		if !u.Disabled && access.Can(actor, access.View, it.Resource()) && access.Can(actor, access.View, c.Resource()) {
			out = append(out, u)
		}
	}
	return out, nil
}

// itemText is an archive item as the matcher reads it: its analysed
// words, names and places, at its publication (or fetch) time.
func itemText(it *archive.Item, a *archive.Analysis) match.Text {
	at := it.Published
	if at.IsZero() {
		at = it.Fetched
	}
	return match.Text{Terms: slices.Concat(a.Title, a.Text), Entities: it.Entities, Regions: it.Regions, At: at}
}

// alertMessage is the recirculation alert: the hoax, the new source and
// what matched.
func alertMessage(it *archive.Item, m Match) monitor.Message {
	title := it.Title
	if title == "" {
		title = headline(it.Text)
	}
	details := []monitor.Message{
		{Key: "hoax.alert.verdict", Args: []any{m.Claim.Verdict.Label, m.Claim.FactChecker}},
	}
	if len(m.Words) > 0 {
		details = append(details, monitor.Message{Key: "hoax.alert.words", Args: []any{strings.Join(m.Words, ", ")}})
	}
	if it.URL != "" {
		details = append(details, monitor.Message{Key: "hoax.alert.link", Args: []any{it.URL}})
	}
	return monitor.Message{Key: "hoax.alert.recirculation",
		Args:    []any{m.Claim.Title, title, it.Source, int(math.Round(m.Score * 100))},
		Details: details}
}

// refuting are the roots (and pairs of roots) of a text that refutes a
// hoax rather than repeating it: a news report of the debunk, an
// agency's clarification.
var refuting = map[string]bool{
	"hoaks": true, "hoax": true, "bantah": true, "klarifikasi": true, "disinformasi": true, "misinformasi": true,
	"keliru": true, "turnbackhoax": true, "mafindo": true, "tidak benar": true, "cek fakta": true,
	"periksa fakta": true, "kabar bohong": true, "berita bohong": true, "informasi palsu": true,
}

// stanceOf tells whether a text refutes a hoax or repeats it.
func stanceOf(terms []query.AnalyzedTerm) Stance {
	prev := ""
	for _, t := range terms {
		if refuting[t.Root] || prev != "" && refuting[prev+" "+t.Root] {
			return Refutes
		}
		prev = t.Root
	}
	return Repeats
}
