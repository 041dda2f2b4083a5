package hoax

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/bahasa"
	"github.com/sinergi-id/sinergi/hoax/match"
)

// Claim returns a claim the actor may see; NotFound otherwise, as if it
// did not exist.
func (s *Service) Claim(ctx context.Context, actor access.Actor, id int64) (*Claim, error) {
	c, err := s.store.FindClaim(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("hoax: claim %d: %w", id, err)
	}
	if !access.Can(actor, access.View, c.Resource()) {
		return nil, fmt.Errorf("hoax: claim %d: %w", id, sinergi.ErrNotFound)
	}
	return c, nil
}

// Claims returns a page of the claims the actor may see, and their total.
func (s *Service) Claims(ctx context.Context, actor access.Actor, f ClaimFilter) ([]*Claim, int, error) {
	f.Visibility = access.VisibilityOf(actor)
	f.Public = false
	f.Now = s.clock.Now()
	list, n, err := s.store.FindClaims(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("hoax: claims: %w", err)
	}
	return list, n, nil
}

// PublicClaims returns a page of the published PUBLIK claims, newest
// first: the public hoax list and the ClaimReview feed.
func (s *Service) PublicClaims(ctx context.Context, limit, offset int) ([]*Claim, int, error) {
	list, n, err := s.store.FindClaims(ctx, ClaimFilter{Public: true, Now: s.clock.Now(), Limit: limit, Offset: offset})
	if err != nil {
		return nil, 0, fmt.Errorf("hoax: public claims: %w", err)
	}
	return list, n, nil
}

// PublicClaim returns a published PUBLIK claim; NotFound for any other.
func (s *Service) PublicClaim(ctx context.Context, id int64) (*Claim, error) {
	c, err := s.store.FindClaim(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("hoax: claim %d: %w", id, err)
	}
	if !c.Public() {
		return nil, fmt.Errorf("hoax: claim %d: %w", id, sinergi.ErrNotFound)
	}
	return c, nil
}

// MaxCheckText is the longest text a citizen may check.
const MaxCheckText = 10_000

// Check compares a citizen's text with the published PUBLIK claims and
// returns those it resembles, best first, one per headline, at most limit.
// The text is not kept: a confirmed match is counted as an appearance of
// the claim with nothing but its time, so that nothing one citizen sends
// is shown to another.
func (s *Service) Check(ctx context.Context, text string, limit int) ([]Match, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.check_empty")
	case !utf8.ValidString(text):
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.encoding")
	case utf8.RuneCountInString(text) > MaxCheckText:
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.check_too_long", MaxCheckText)
	}
	if err := s.Load(ctx); err != nil {
		return nil, err
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	ms := distinctTitles(s.match(s.Text(text, now), candidates, (*Claim).Public), limit)
	var apps []*Appearance
	for _, m := range ms {
		if m.Decision == match.Confirmed {
			apps = append(apps, &Appearance{ClaimID: m.Claim.ID, Kind: KindCheck, At: now, Score: m.Score,
				Decision: m.Decision, Created: now})
		}
	}
	if len(apps) > 0 {
		if err := s.store.AddAppearances(ctx, apps, nil, nil, nil); err != nil {
			return nil, fmt.Errorf("hoax: count the check: %w", err)
		}
	}
	return ms, nil
}

// distinctTitles keeps the first (best) of the matches whose claims have
// the same title, case and spacing aside, at most limit: a registry often
// holds one hoax checked twice under one headline, and a citizen should
// not read it as two hoaxes.
func distinctTitles(ms []Match, limit int) []Match {
	seen := make(map[string]bool, len(ms))
	out := ms[:0]
	for _, m := range ms {
		key := strings.Join(strings.Fields(bahasa.Fold(m.Claim.Title)), " ")
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, m)
		if len(out) == limit {
			break
		}
	}
	return out
}

// Tracking is a hoax's record of appearances: what the claim page shows.
type Tracking struct {
	// Appearances are the newest sightings the reader may see.
	Appearances []*Appearance
	Total       int
	// Days counts the confirmed sightings per day (in loc), oldest first.
	Days []Day
	// Repeaters are the sources that repeated the hoax, most first.
	Repeaters []SourceCount
	// Repeats, Refutes and Checks total the confirmed sightings.
	Repeats, Refutes, Checks int
	// Overtaken: reports refuting the hoax (its clarification's coverage)
	// outnumber those repeating it, over all and over the last 7 days.
	Overtaken bool
}

// Day is one day of a hoax's timeline.
type Day struct {
	Day                      time.Time // midnight, local
	Repeats, Refutes, Checks int
}

// SourceCount is a source and how often it repeated a hoax.
type SourceCount struct {
	Source string
	N      int
	Last   time.Time
}

// MaxTracked is the most appearances a claim page reads.
const MaxTracked = 10_000

// Track returns a claim's appearances the actor may see, with the
// timeline in loc.
func (s *Service) Track(ctx context.Context, actor access.Actor, claimID int64, loc *time.Location) (*Tracking, error) {
	if _, err := s.Claim(ctx, actor, claimID); err != nil {
		return nil, err
	}
	list, total, err := s.store.FindAppearances(ctx, claimID, access.VisibilityOf(actor), MaxTracked)
	if err != nil {
		return nil, fmt.Errorf("hoax: appearances of claim %d: %w", claimID, err)
	}
	return track(list, total, loc, s.clock.Now()), nil
}

// track sums appearances into a Tracking.
func track(list []*Appearance, total int, loc *time.Location, now time.Time) *Tracking {
	tr := &Tracking{Appearances: list[:min(len(list), 200)], Total: total}
	days := map[time.Time]*Day{}
	sources := map[string]*SourceCount{}
	weekRepeats, weekRefutes := 0, 0
	for _, a := range list {
		if a.Decision != match.Confirmed {
			continue
		}
		t := a.At.In(loc)
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		d := days[day]
		if d == nil {
			d = &Day{Day: day}
			days[day] = d
		}
		recent := now.Sub(a.At) <= 7*24*time.Hour
		switch {
		case a.Kind == KindCheck:
			d.Checks++
			tr.Checks++
		case a.Stance == Refutes:
			d.Refutes++
			tr.Refutes++
			if recent {
				weekRefutes++
			}
		default:
			d.Repeats++
			tr.Repeats++
			if recent {
				weekRepeats++
			}
			if a.Source != "" {
				sc := sources[a.Source]
				if sc == nil {
					sc = &SourceCount{Source: a.Source}
					sources[a.Source] = sc
				}
				sc.N++
				if a.At.After(sc.Last) {
					sc.Last = a.At
				}
			}
		}
	}
	for _, d := range days {
		tr.Days = append(tr.Days, *d)
	}
	slices.SortFunc(tr.Days, func(a, b Day) int { return a.Day.Compare(b.Day) })
	for _, sc := range sources {
		tr.Repeaters = append(tr.Repeaters, *sc)
	}
	slices.SortFunc(tr.Repeaters, func(a, b SourceCount) int {
		return cmp.Or(cmp.Compare(b.N, a.N), b.Last.Compare(a.Last), strings.Compare(a.Source, b.Source))
	})
	tr.Overtaken = tr.Refutes > tr.Repeats && weekRefutes >= weekRepeats
	return tr
}

// Change is an analyst's change of a claim; nil fields stay as they are.
type Change struct {
	Active         *bool
	Published      *bool
	Classification *access.Level
	// Verdict is a label of the claim's vocabulary.
	Verdict *string
	// Clarification sets the clarification's text, as a draft.
	Clarification *string
	// Text replaces what the claim says; the people and organisations
	// it names are found again, and the regions too when Text has none.
	Text *ClaimText
}

// ClaimText is what a claim says, as an analyst writes it.
type ClaimText struct {
	Title, Claim, Summary, Explanation string
	Category, URL, FactChecker         string
	Sources, Regions                   []string
	FirstSeen                          time.Time
}

// text returns what c says.
func (c *Claim) text() ClaimText {
	return ClaimText{Title: c.Title, Claim: c.Claim, Summary: c.Summary, Explanation: c.Explanation, Category: c.Category,
		URL: c.URL, FactChecker: c.FactChecker, Sources: c.Sources, Regions: c.Regions, FirstSeen: c.FirstSeen}
}

// setText makes c say t.
func (c *Claim) setText(t ClaimText) {
	c.Title, c.Claim, c.Summary, c.Explanation, c.Category = t.Title, t.Claim, t.Summary, t.Explanation, t.Category
	c.URL, c.FactChecker, c.Sources, c.Regions, c.FirstSeen = t.URL, t.FactChecker, t.Sources, t.Regions, t.FirstSeen
	c.People, c.Organisations = nil, nil
}

// Update applies an analyst's change to a claim.
func (s *Service) Update(ctx context.Context, actor access.Actor, id int64, ch Change) (*Claim, error) {
	c, err := s.Claim(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !access.Can(actor, access.Change, c.Resource()) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "hoax.error.forbidden")
	}
	var what []string
	if ch.Active != nil && *ch.Active != c.Active {
		c.Active = *ch.Active
		what = append(what, "active")
	}
	if ch.Published != nil && *ch.Published != c.Published {
		c.Published = *ch.Published
		what = append(what, "published")
	}
	if ch.Classification != nil && *ch.Classification != c.Classification {
		if !access.Can(actor, access.Change, access.Resource{Classification: *ch.Classification, AgencyPath: c.AgencyPath}) {
			return nil, sinergi.Errorf(sinergi.KindForbidden, "hoax.error.forbidden")
		}
		c.Classification = *ch.Classification
		what = append(what, "classification")
	}
	if ch.Verdict != nil && *ch.Verdict != c.Verdict.Label {
		c.Verdict.Label = *ch.Verdict
		what = append(what, "verdict")
	}
	if ch.Clarification != nil && strings.TrimSpace(*ch.Clarification) != c.Clarification.Text {
		c.Clarification = Clarification{Text: *ch.Clarification, Status: ClarificationDraft}
		if strings.TrimSpace(*ch.Clarification) == "" {
			c.Clarification.Status = ClarificationNone
		}
		what = append(what, "clarification")
	}
	retext := false
	if ch.Text != nil {
		var was, now Claim
		was.setText(c.text())
		now.setText(*ch.Text)
		now.tidy()
		if !reflect.DeepEqual(was.text(), now.text()) {
			if err := s.Load(ctx); err != nil { // the models that find the names
				return nil, err
			}
			c.setText(now.text())
			s.describe(c)
			retext = true
			what = append(what, "text")
		}
	}
	if len(what) == 0 {
		return c, nil
	}
	if err := s.save(ctx, actor, c, "hoax.update", "audit.summary.hoax_update", strings.Join(what, ", ")); err != nil {
		return nil, err
	}
	if retext {
		seen, _ := s.index.Seen(c.ID)
		s.mu.Lock()
		s.index.Add(s.entry(c, seen))
		s.mu.Unlock()
	}
	return c, nil
}

// CanApprove reports whether actor may approve a claim's clarification:
// the head of Humas, leadership or an administrator of its agency.
func CanApprove(actor access.Actor, c *Claim) bool {
	if !access.Can(actor, access.View, c.Resource()) {
		return false
	}
	if actor.System {
		return true
	}
	switch actor.Role {
	case access.KepalaHumas, access.Pimpinan, access.Administrator:
		return actor.AgencyID() == c.AgencyID
	}
	return false
}

// Approve approves (or, with approve false, sends back) a claim's draft
// clarification.
func (s *Service) Approve(ctx context.Context, actor access.Actor, id int64, approve bool) (*Claim, error) {
	c, err := s.Claim(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanApprove(actor, c) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "hoax.error.forbidden")
	}
	if c.Clarification.Status != ClarificationDraft {
		return nil, sinergi.Errorf(sinergi.KindConflict, "hoax.error.no_draft")
	}
	summary := "audit.summary.hoax_clarification_reject"
	c.Clarification.Status = ClarificationRejected
	if approve {
		summary = "audit.summary.hoax_clarification_approve"
		c.Clarification.Status = ClarificationApproved
		c.Clarification.ApprovedBy = cmp.Or(actor.Username, "system")
		c.Clarification.ApprovedAt = s.clock.Now().UTC().Truncate(time.Microsecond)
	}
	return c, s.save(ctx, actor, c, "hoax.clarification", summary, "")
}

// save checks and stores a changed claim, updates the index and audits.
func (s *Service) save(ctx context.Context, actor access.Actor, c *Claim, action, summary, what string) error {
	if err := c.Clean(s.vocab); err != nil {
		return err
	}
	c.Updated = s.clock.Now().UTC().Truncate(time.Microsecond)
	if err := s.store.UpdateClaim(ctx, c); err != nil {
		if errors.Is(err, sinergi.ErrNotFound) {
			return err
		}
		return fmt.Errorf("hoax: update claim %d: %w", c.ID, err)
	}
	s.mu.Lock()
	if s.loaded {
		s.known[c.ID] = c
	}
	s.mu.Unlock()
	args := []string{strconv.FormatInt(c.ID, 10)}
	if what != "" {
		args = append(args, what)
	}
	err := s.audit.Record(ctx, audit.Event{Actor: actor, ActorName: actor.Username, AgencyID: c.AgencyID,
		AgencyPath: access.PathString(c.AgencyPath), Action: action, TargetType: "hoax_claim",
		TargetID: strconv.FormatInt(c.ID, 10), Summary: summary, SummaryArgs: args})
	if err != nil {
		return fmt.Errorf("hoax: audit: %w", err)
	}
	return nil
}
