// Package monitor is Pantau's analysis for people: saved searches and the
// alerts they raise, in-app notifications, and (in its sub-packages) the
// early-warning spike detector and the clustering of items into issues.
//
// A saved search is a query in the query language with a name, an owner, an
// agency, a sharing (private, agency, network), a lock and labels. Its
// alert, when it has one, fires as matching items arrive: the ingestion
// pipeline hands every stored item to the Alerter (alert.go), a presearch
// index of the saved queries, and each query it satisfies becomes a
// notification for the search's owner, when the owner may see the item.
package monitor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/region"
)

// Sharing says who may use a saved search.
type Sharing string

// The sharings.
const (
	Private Sharing = "private" // the owner only
	Agency  Sharing = "agency"  // everyone of the owner's agency
	Network Sharing = "network" // everyone of the Bakohumas network on this Sinergi
)

// Sharings lists the sharings in the order forms offer them.
var Sharings = []Sharing{Private, Agency, Network}

// AlertMode says when a saved search's alert speaks.
type AlertMode string

// The alert modes. Instant alerts are raised as items arrive; digests
// collect the matches and speak once a period (digest.go).
const (
	NoAlert      AlertMode = ""
	Instant      AlertMode = "instant"
	Digest15m    AlertMode = "digest_15m"
	DigestHourly AlertMode = "digest_hourly"
	DigestDaily  AlertMode = "digest_daily" // at DigestAt, in the agency's zone
)

// AlertModes lists the alert modes in the order forms offer them.
var AlertModes = []AlertMode{NoAlert, Instant, Digest15m, DigestHourly, DigestDaily}

// Digest reports whether the mode collects matches into digests.
func (m AlertMode) Digest() bool { return m == Digest15m || m == DigestHourly || m == DigestDaily }

// SavedSearch is a named query.
type SavedSearch struct {
	ID       int64
	AgencyID int64 // the owner's agency
	OwnerID  int64
	Name     string
	Query    string // canonical form (query.Node.String)
	Sharing  Sharing
	// Locked: others who may use the search may not change it.
	Locked bool
	Labels []string
	Alert  AlertMode
	// DigestAt is the local time of a daily digest, "06:30".
	DigestAt string
	// WebhookURL, when set, receives each instant alert as signed JSON
	// (webhook.go); WebhookSecret signs it, chosen by Sinergi and shown
	// to the owner.
	WebhookURL    string
	WebhookSecret string
	// QuietHours, "22:00-06:00" in the agency's zone, hold back instant
	// e-mails and webhooks (quiet.go); "" for none.
	QuietHours string
	// Sensitivity is how readily the search's volume raises a spike alert
	// (spike.go): k = 3, 2.5 or 2 σ above its baseline; zero is Medium.
	Sensitivity spike.Sensitivity
	// Emails are the addresses the alerts are e-mailed to (email.go), as
	// given to Save and Update; nil leaves the recipients as they are.
	// The store does not fill it: Service.Recipients lists them.
	Emails     []string
	LastDigest time.Time // when the last digest was sent; zero: never
	LastSpike  time.Time // the end of the last spike alerted; zero: never
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Filled by the store from the agency: its path, for access
	// decisions, and its zone, for daily digests.
	AgencyPath []int64
	TimeZone   region.TimeZone
}

// Limits on a saved search.
const (
	MaxName   = 200 // runes
	MaxQuery  = 4_000
	MaxLabels = 20
	MaxLabel  = 50
)

// SearchFilter selects saved searches.
type SearchFilter struct {
	Label  string
	Query  string // part of the name, any case
	Limit  int
	Offset int
}

// Store keeps saved searches and notifications.
type Store interface {
	CreateSavedSearch(ctx context.Context, s *SavedSearch) error
	UpdateSavedSearch(ctx context.Context, s *SavedSearch) error
	DeleteSavedSearch(ctx context.Context, id int64) error
	FindSavedSearchByID(ctx context.Context, id int64) (*SavedSearch, error)
	// FindSavedSearches returns the searches the viewer may use: their
	// own, those shared with their agency, those shared with the network.
	FindSavedSearches(ctx context.Context, viewer access.Actor, f SearchFilter) ([]*SavedSearch, int, error)
	// MatchingSearches returns every saved search: the Alerter matches
	// them all, to count their hourly volume, and alerts for those with
	// an alert.
	MatchingSearches(ctx context.Context) ([]*SavedSearch, error)
	// AddDigestEntries records matches waiting for their searches' next
	// digest.
	AddDigestEntries(ctx context.Context, entries []DigestEntry) error
	// DigestSearches returns the saved searches with matches waiting.
	DigestSearches(ctx context.Context) ([]*SavedSearch, error)
	// DigestEntries returns a search's waiting matches, oldest first.
	DigestEntries(ctx context.Context, searchID int64) ([]DigestEntry, error)
	// FinishDigest, in one transaction, adds the digest's notification
	// and e-mails, removes the entries it covers (created at or before
	// upTo) and records when it was sent.
	FinishDigest(ctx context.Context, searchID int64, upTo, at time.Time, n *Notification, mails ...*MailDelivery) error
	// AlertingVersion changes whenever a saved search is created, changed
	// or deleted.
	AlertingVersion(ctx context.Context) (string, error)

	NotificationStore
	WebhookStore
	SpikeStore
	MailStore
	DashboardStore
}

// Queries checks queries as the archive reads them, and searches the
// archive (for the explanations of spikes); *archive.Service is one.
type Queries interface {
	Check(ctx context.Context, src string) (string, error)
	Search(ctx context.Context, actor access.Actor, req archive.Request) (*archive.Result, error)
}

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Service applies the rules of saved searches and notifications.
type Service struct {
	// SpikeWindow and SpikeMinVolume tune the early warning (spike.go);
	// zero means the defaults, a 3-hour window and 10 items.
	SpikeWindow    time.Duration
	SpikeMinVolume int
	// Regions names the regions of spike alerts; nil writes their codes.
	Regions *region.Gazetteer
	// MailEnabled says e-mail is configured (--smtp-url): without it a
	// search naming e-mail recipients is refused with a clear message.
	MailEnabled bool

	store   Store
	queries Queries
	audit   Auditor
	clock   sinergi.Clock
	// changed is told when a saved search is created, changed or deleted,
	// so the alerts follow (the Alerter's Reload); may be nil.
	changed func(ctx context.Context)
	// mailKick, when set, is called after confirmation e-mails are queued
	// (Mailer.Kick).
	mailKick func()
}

// NewService returns a Service. changed, when not nil, is called after
// every change of a saved search.
func NewService(store Store, queries Queries, auditor Auditor, clock sinergi.Clock, changed func(context.Context)) *Service {
	return &Service{store: store, queries: queries, audit: auditor, clock: clock, changed: changed}
}

// Save creates a saved search owned by the actor, in the actor's agency.
func (s *Service) Save(ctx context.Context, actor access.Actor, ss *SavedSearch) error {
	if actor.UserID == 0 && !actor.System {
		return sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	if !actor.System || ss.AgencyID == 0 {
		ss.AgencyID = actor.AgencyID()
	}
	if !actor.System || ss.OwnerID == 0 {
		ss.OwnerID = actor.UserID
	}
	if err := s.clean(ctx, ss); err != nil {
		return err
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	ss.CreatedAt, ss.UpdatedAt = now, now
	if err := s.store.CreateSavedSearch(ctx, ss); err != nil {
		return fmt.Errorf("monitor: save search %q: %w", ss.Name, err)
	}
	if err := s.after(ctx, actor, ss, "search.create", "audit.summary.search_create"); err != nil {
		return err
	}
	return s.syncRecipients(ctx, actor, ss)
}

// Find returns a saved search the actor may use; NotFound otherwise.
func (s *Service) Find(ctx context.Context, actor access.Actor, id int64) (*SavedSearch, error) {
	ss, err := s.store.FindSavedSearchByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("monitor: search %d: %w", id, err)
	}
	if !CanUse(actor, ss) {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "monitor.error.not_found")
	}
	return ss, nil
}

// List returns the saved searches the actor may use, and their count.
func (s *Service) List(ctx context.Context, actor access.Actor, f SearchFilter) ([]*SavedSearch, int, error) {
	list, n, err := s.store.FindSavedSearches(ctx, actor, f)
	if err != nil {
		return nil, 0, fmt.Errorf("monitor: list searches: %w", err)
	}
	return list, n, nil
}

// Update changes a saved search's name, query, sharing, lock, labels and
// alert. The owner may; others who may use it may too unless it is locked.
func (s *Service) Update(ctx context.Context, actor access.Actor, id int64, upd *SavedSearch) (*SavedSearch, error) {
	ss, err := s.Find(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanChange(actor, ss) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.locked")
	}
	next := *ss
	next.Name, next.Query, next.Sharing, next.Labels, next.Alert = upd.Name, upd.Query, upd.Sharing, slices.Clone(upd.Labels), upd.Alert
	next.DigestAt, next.QuietHours, next.Emails = upd.DigestAt, upd.QuietHours, slices.Clone(upd.Emails)
	next.Sensitivity = upd.Sensitivity
	if upd.Emails != nil && next.Emails == nil {
		next.Emails = []string{}
	}
	if upd.WebhookURL != ss.WebhookURL {
		next.WebhookURL, next.WebhookSecret = upd.WebhookURL, "" // a new address gets a new secret
	}
	if ss.OwnerID == actor.UserID || actor.System {
		next.Locked = upd.Locked // only the owner locks and unlocks
	}
	if err := s.clean(ctx, &next); err != nil {
		return nil, err
	}
	next.UpdatedAt = s.clock.Now().UTC().Truncate(time.Microsecond)
	if err := s.store.UpdateSavedSearch(ctx, &next); err != nil {
		return nil, fmt.Errorf("monitor: update search %d: %w", id, err)
	}
	if err := s.after(ctx, actor, &next, "search.update", "audit.summary.search_update"); err != nil {
		return nil, err
	}
	return &next, s.syncRecipients(ctx, actor, &next)
}

// Delete removes a saved search: its owner, or an administrator of its
// agency.
func (s *Service) Delete(ctx context.Context, actor access.Actor, id int64) error {
	ss, err := s.Find(ctx, actor, id)
	if err != nil {
		return err
	}
	if ss.OwnerID != actor.UserID && !actor.System &&
		!(actor.Role == access.Administrator && access.Can(actor, access.Administer, access.Resource{AgencyPath: ss.AgencyPath})) {
		return sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	if err := s.store.DeleteSavedSearch(ctx, id); err != nil {
		return fmt.Errorf("monitor: delete search %d: %w", id, err)
	}
	return s.after(ctx, actor, ss, "search.delete", "audit.summary.search_delete")
}

// WebhookLog returns the last deliveries of a saved search's webhook, for
// those who may change the search (they see its secret too).
func (s *Service) WebhookLog(ctx context.Context, actor access.Actor, id int64, limit int) ([]*WebhookDelivery, error) {
	ss, err := s.Find(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !CanChange(actor, ss) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "monitor.error.forbidden")
	}
	list, err := s.store.FindWebhookDeliveries(ctx, id, limit)
	if err != nil {
		return nil, fmt.Errorf("monitor: webhook log of search %d: %w", id, err)
	}
	return list, nil
}

// CanUse reports whether actor may use (see, run) a saved search.
func CanUse(actor access.Actor, ss *SavedSearch) bool {
	switch {
	case actor.System, ss.OwnerID == actor.UserID && actor.UserID != 0:
		return true
	case ss.Sharing == Network:
		return len(actor.AgencyPath) > 0
	case ss.Sharing == Agency:
		return actor.AgencyID() == ss.AgencyID
	}
	return false
}

// CanChange reports whether actor may change a saved search: its owner; or,
// when it is not locked, whoever may use it and may change records.
func CanChange(actor access.Actor, ss *SavedSearch) bool {
	if actor.System || ss.OwnerID == actor.UserID && actor.UserID != 0 {
		return true
	}
	return !ss.Locked && CanUse(actor, ss) && access.Can(actor, access.Change, access.Resource{AgencyPath: actor.AgencyPath})
}

// clean checks a saved search and brings its query to canonical form.
func (s *Service) clean(ctx context.Context, ss *SavedSearch) error {
	ss.Name = strings.Join(strings.Fields(ss.Name), " ")
	if ss.Sharing == "" {
		ss.Sharing = Private
	}
	for i, l := range ss.Labels {
		ss.Labels[i] = strings.ToLower(strings.Join(strings.Fields(l), "-"))
	}
	slices.Sort(ss.Labels)
	ss.Labels = slices.DeleteFunc(slices.Compact(ss.Labels), func(l string) bool { return l == "" })
	switch {
	case ss.Name == "":
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.name_required")
	case utf8.RuneCountInString(ss.Name) > MaxName:
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.name_too_long", MaxName)
	case strings.TrimSpace(ss.Query) == "":
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.query_required")
	case len(ss.Query) > MaxQuery:
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.query_too_long", MaxQuery)
	case !slices.Contains(Sharings, ss.Sharing):
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.sharing", string(ss.Sharing))
	case !slices.Contains(AlertModes, ss.Alert):
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.alert", string(ss.Alert))
	case len(ss.Labels) > MaxLabels:
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.too_many_labels", MaxLabels)
	case ss.Sensitivity < 0 || ss.Sensitivity > spike.High:
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.sensitivity")
	}
	if ss.Sensitivity == 0 {
		ss.Sensitivity = spike.Medium
	}
	if ss.Alert != DigestDaily {
		ss.DigestAt = ""
	} else if _, err := time.Parse("15:04", ss.DigestAt); err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.digest_at", ss.DigestAt)
	}
	if err := cleanWebhook(ss); err != nil {
		return err
	}
	if err := cleanQuiet(ss); err != nil {
		return err
	}
	if err := s.cleanEmails(ss); err != nil {
		return err
	}
	for _, l := range ss.Labels {
		if utf8.RuneCountInString(l) > MaxLabel || strings.ContainsAny(l, " \t\n") {
			return sinergi.Errorf(sinergi.KindInvalid, "monitor.error.label", l)
		}
	}
	canonical, err := s.queries.Check(ctx, ss.Query)
	if err != nil {
		return err
	}
	ss.Query = canonical
	return nil
}

// after records a change in the audit log and tells the alerts.
func (s *Service) after(ctx context.Context, actor access.Actor, ss *SavedSearch, action, summary string) error {
	err := s.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: ss.AgencyID, AgencyPath: access.PathString(ss.AgencyPath),
		Action: action, TargetType: "saved_search", TargetID: fmt.Sprint(ss.ID),
		Summary: summary, SummaryArgs: []string{ss.Name},
	})
	if err != nil {
		return fmt.Errorf("monitor: %w", err)
	}
	if s.changed != nil {
		s.changed(ctx)
	}
	return nil
}
