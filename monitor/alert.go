package monitor

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
	"github.com/sinergi-id/sinergi/region"
)

// Compiler reads queries as the archive does; *archive.Service is one.
type Compiler interface {
	Analyzer() (*analysis.Analyzer, error)
	Options(ctx context.Context, q query.Node) (query.Options, error)
}

// Users finds a search's owner, to judge what they may see; *auth.Service
// is one.
type Users interface {
	FindUser(ctx context.Context, actor access.Actor, id int64) (*auth.User, error)
}

// MaxPerHour is how many notifications (and e-mails to each recipient) one
// saved search raises in an hour. Past it, the matches are held, and when
// the hour ends one notification (and one e-mail) says how many more
// matched, linking to the search's results: an alert is read, a flood is
// not.
const MaxPerHour = 20

// Alerter raises the alerts of saved searches: a notification at once for
// an instant alert (and its webhook delivery), an entry waiting for the
// next digest otherwise. The ingestion pipeline hands it every item it
// stores (it is an ingest.Matcher); a presearch index of every saved search
// finds the searches the item satisfies (the same matcher as search: what
// an alert says matches, the search finds). For each one whose owner may
// see the item, the item is counted in the search's hourly volume (the
// early warning's series) and, when the search alerts, the alert is raised.
// Safe for concurrent use.
type Alerter struct {
	store    Store
	users    Users
	compiler Compiler
	clock    sinergi.Clock
	log      *slog.Logger

	mu       sync.RWMutex
	index    *presearch.Index
	searches map[int64]*SavedSearch
	// queries are the searches' parsed queries, for marking the words an
	// alert matched, and terms the analysis they are marked with.
	queries map[int64]query.Node
	terms   query.Analyzer
	version string    // of the saved searches the index holds
	checked time.Time // when the version was last compared
	// owners caches the searches' owners between two checks (an item may
	// satisfy hundreds of searches of a few people); a change of role or
	// clearance is seen within checkEvery.
	owners map[int64]*auth.User
	// recipients caches the searches' e-mail recipients likewise: a
	// confirmation or an unsubscription is seen within checkEvery (and
	// the Mailer checks each recipient again before it sends).
	recipients map[int64][]*Recipient

	// kick, when set, is called after alerts with webhook deliveries are
	// written (Webhooks.Kick); mailKick likewise for e-mails (Mailer.Kick).
	kick     func()
	mailKick func()

	capMu sync.Mutex
	hour  time.Time     // the hour the counts are for
	sent  map[int64]int // saved search → notifications raised this hour
}

// NewAlerter returns an Alerter; it loads the saved searches at its first
// item (or at Reload).
func NewAlerter(store Store, users Users, compiler Compiler, clock sinergi.Clock, log *slog.Logger) *Alerter {
	return &Alerter{store: store, users: users, compiler: compiler, clock: clock, log: log,
		searches: map[int64]*SavedSearch{}, sent: map[int64]int{}}
}

// Reload rebuilds the index from every saved search. A search whose query
// no longer compiles (an agency renamed away) is skipped with a warning.
func (a *Alerter) Reload(ctx context.Context) error {
	version, err := a.store.AlertingVersion(ctx)
	if err != nil {
		return fmt.Errorf("monitor: reload alerts: %w", err)
	}
	list, err := a.store.MatchingSearches(ctx)
	if err != nil {
		return fmt.Errorf("monitor: reload alerts: %w", err)
	}
	an, err := a.compiler.Analyzer()
	if err != nil {
		return err
	}
	agencies := map[string][]int64{}
	regions := func(string) []string { return nil }
	index := presearch.NewConfig(an.Terms, presearch.Config{Options: query.Options{
		Regions:  func(name string) []string { return regions(name) },
		Agencies: func(name string) []int64 { return agencies[name] },
	}})
	searches := make(map[int64]*SavedSearch, len(list))
	queries := make(map[int64]query.Node, len(list))
	for _, ss := range list {
		q, err := query.Parse(ss.Query)
		if err == nil {
			var opts query.Options
			if opts, err = a.compiler.Options(ctx, q); err == nil {
				regions = opts.Regions
				query.Walk(q, func(n query.Node) bool {
					if f, ok := n.(*query.Filter); ok && f.Field == "agency" {
						agencies[f.Value] = opts.Agencies(f.Value)
					}
					return true
				})
				err = index.Add(ss.ID, q)
			}
		}
		if err != nil {
			a.log.Warn("saved search skipped by alerts", "search_id", ss.ID, "err", err)
			continue
		}
		searches[ss.ID], queries[ss.ID] = ss, q
	}
	a.mu.Lock()
	a.index, a.searches, a.version, a.checked = index, searches, version, a.clock.Now()
	a.queries, a.terms = queries, an.Terms
	a.owners, a.recipients = map[int64]*auth.User{}, nil
	a.mu.Unlock()
	return nil
}

// checkEvery is how often the Alerter asks the store whether the alerting
// searches changed: another process (or the command line) may have
// changed them.
const checkEvery = 30 * time.Second

// current reloads the index when it was never loaded, or when the alerting
// searches changed since (checked at most every checkEvery).
func (a *Alerter) current(ctx context.Context) error {
	a.mu.RLock()
	loaded, version, checked := a.index != nil, a.version, a.checked
	a.mu.RUnlock()
	now := a.clock.Now()
	if loaded && now.Sub(checked) < checkEvery {
		return nil
	}
	if loaded {
		v, err := a.store.AlertingVersion(ctx)
		if err != nil {
			return fmt.Errorf("monitor: alerts version: %w", err)
		}
		if v == version {
			a.mu.Lock()
			a.checked, a.owners, a.recipients = now, map[int64]*auth.User{}, nil
			a.mu.Unlock()
			return nil
		}
	}
	return a.Reload(ctx)
}

// HourCount is a saved search's matches in one hour: the series of the
// early warning (spike.go).
type HourCount struct {
	SearchID int64
	Hour     time.Time // the hour's start, UTC
	N        int
}

// volumeHour is the hour an item counts in: the hour it was published,
// when that is known and within the baseline's reach (an import of last
// week's clippings fills last week's hours), else the hour it arrived.
func volumeHour(it *archive.Item, now time.Time) time.Time {
	t := it.Published
	if t.IsZero() || t.After(now.Add(15*time.Minute)) || now.Sub(t) > spikeHistory {
		t = now
	}
	return t.UTC().Truncate(time.Hour)
}

// OnWebhooks makes the Alerter call kick after it writes alerts with
// webhook deliveries; Webhooks.Kick sends them at once.
func (a *Alerter) OnWebhooks(kick func()) { a.kick = kick }

// OnMail makes the Alerter call kick after it writes alerts with e-mail
// deliveries; Mailer.Kick sends them at once.
func (a *Alerter) OnMail(kick func()) { a.mailKick = kick }

// Reloader returns Reload as the Service's change hook, logging failures.
func (a *Alerter) Reloader() func(context.Context) {
	return func(ctx context.Context) {
		if err := a.Reload(ctx); err != nil {
			a.log.Error("reload alerts", "err", err)
		}
	}
}

// MatchItem raises the instant alerts an item triggers. Past MaxPerHour
// notifications of a search in an hour, the rest are held and summarised
// once the hour ends ("and N more", in the app and by e-mail); during a
// search's quiet hours its e-mails are held for one summary when they
// end, and its webhooks wait until then.
func (a *Alerter) MatchItem(ctx context.Context, it *archive.Item, an *archive.Analysis) error {
	if err := a.current(ctx); err != nil {
		return err
	}
	a.mu.RLock()
	index, searches, queries, terms := a.index, a.searches, a.queries, a.terms
	a.mu.RUnlock()
	now := a.clock.Now().UTC()
	var (
		out        []*Notification
		deliveries []*WebhookDelivery
		waiting    []DigestEntry
		counts     []HourCount
		mails      AlertMail
	)
	hour := volumeHour(it, now)
	for _, id := range index.Match(an.Prepared(it), now, region.WIB.Location()) {
		ss := searches[id]
		if ss == nil {
			continue
		}
		owner, err := a.owner(ctx, ss.OwnerID)
		if err != nil {
			return fmt.Errorf("monitor: owner of search %d: %w", id, err)
		}
		if owner == nil || owner.Disabled || !access.Can(owner.Actor(), access.View, it.Resource()) {
			continue
		}
		counts = append(counts, HourCount{SearchID: id, Hour: hour, N: 1})
		switch {
		case ss.Alert == NoAlert:
			continue
		case ss.Alert.Digest():
			waiting = append(waiting, DigestEntry{SearchID: id, ItemID: it.ID, Title: it.Title, Created: now})
			continue
		}
		recipients, err := a.searchRecipients(ctx, id)
		if err != nil {
			return err
		}
		marked := archive.Highlight(queries[id], terms, it.Title, an.Title)
		var mi MailItem
		if len(recipients) > 0 {
			mi = mailItem(it, marked)
		}
		quiet, quietEnd := ss.QuietAt(now)
		if a.count(id, now) > MaxPerHour {
			mails.More = append(mails.More, HourCount{SearchID: id, Hour: now.Truncate(time.Hour), N: 1})
			if len(recipients) > 0 {
				mails.Held = append(mails.Held, HeldItem{SearchID: id, Quiet: quiet, Item: mi, Created: now})
			}
			continue
		}
		n := &Notification{UserID: owner.ID, SearchID: id, ItemID: it.ID, Created: now, Link: searchLink(id),
			Message: Message{Key: "monitor.alert.instant", Args: []any{ss.Name, it.Title, it.Source}}}
		if words := hitWords(marked); words != "" {
			n.Message.Details = []Message{{Key: "monitor.alert.matched", Args: []any{words}}}
		}
		out = append(out, n)
		if ss.WebhookURL != "" {
			d, err := newDelivery(ss, it, marked, n.Link, now)
			if err != nil {
				return err
			}
			if quiet {
				d.NextAttempt = quietEnd
			}
			deliveries = append(deliveries, d)
		}
		if len(recipients) > 0 && quiet {
			mails.Held = append(mails.Held, HeldItem{SearchID: id, Quiet: true, Item: mi, Created: now})
			continue
		}
		for _, r := range recipients {
			if ok, err := a.mayReceive(ctx, r, mi.Resource()); err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
			mails.Deliveries = append(mails.Deliveries, &MailDelivery{SearchID: id, RecipientID: r.ID, Kind: MailAlert,
				Payload: MailPayload{Items: []MailItem{mi}}, Status: DeliveryPending, NextAttempt: now, Created: now})
		}
	}
	if len(waiting) > 0 {
		if err := a.store.AddDigestEntries(ctx, waiting); err != nil {
			return fmt.Errorf("monitor: digests for item %d: %w", it.ID, err)
		}
	}
	if len(out) > 0 || len(counts) > 0 || len(mails.Held) > 0 || len(mails.Deliveries) > 0 || len(mails.More) > 0 {
		if err := a.store.AddAlerts(ctx, out, deliveries, counts, mails); err != nil {
			return fmt.Errorf("monitor: alerts for item %d: %w", it.ID, err)
		}
	}
	if len(deliveries) > 0 && a.kick != nil {
		a.kick()
	}
	if len(mails.Deliveries) > 0 && a.mailKick != nil {
		a.mailKick()
	}
	return nil
}

// searchRecipients returns a search's confirmed e-mail recipients, from
// the cache, which one query fills with every search's after each check.
func (a *Alerter) searchRecipients(ctx context.Context, id int64) ([]*Recipient, error) {
	a.mu.RLock()
	all := a.recipients
	a.mu.RUnlock()
	if all == nil {
		list, err := a.store.ConfirmedMailRecipients(ctx)
		if err != nil {
			return nil, fmt.Errorf("monitor: e-mail recipients: %w", err)
		}
		all = map[int64][]*Recipient{}
		for _, r := range list {
			all[r.SearchID] = append(all[r.SearchID], r)
		}
		a.mu.Lock()
		a.recipients = all
		a.mu.Unlock()
	}
	return all[id], nil
}

// mayReceive reports whether a recipient may be e-mailed an item.
func (a *Alerter) mayReceive(ctx context.Context, r *Recipient, res access.Resource) (bool, error) {
	var u *auth.User
	if r.UserID != 0 {
		var err error
		if u, err = a.owner(ctx, r.UserID); err != nil {
			return false, fmt.Errorf("monitor: recipient %d: %w", r.ID, err)
		}
	}
	return mayReceive(r, u, res), nil
}

// hitWords lists the marked words of fragments, each once, in order:
// "banjir, Jambi".
func hitWords(frags []archive.Fragment) string {
	var words []string
	for _, f := range frags {
		if w := strings.TrimSpace(f.Text); f.Hit && w != "" && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	return strings.Join(words, ", ")
}

// owner returns a search's owner, from the cache when it can; nil when
// the account is gone.
func (a *Alerter) owner(ctx context.Context, id int64) (*auth.User, error) {
	a.mu.RLock()
	u, ok := a.owners[id]
	a.mu.RUnlock()
	if ok {
		return u, nil
	}
	u, err := a.users.FindUser(ctx, access.SystemActor(), id)
	switch {
	case sinergi.KindOf(err) == sinergi.KindNotFound:
		u = nil
	case err != nil:
		return nil, err
	}
	a.mu.Lock()
	a.owners[id] = u
	a.mu.Unlock()
	return u, nil
}

// count counts one more notification of a search in now's hour and
// returns the new count.
func (a *Alerter) count(id int64, now time.Time) int {
	a.capMu.Lock()
	defer a.capMu.Unlock()
	if h := now.Truncate(time.Hour); !h.Equal(a.hour) {
		a.hour, a.sent = h, map[int64]int{}
	}
	a.sent[id]++
	return a.sent[id]
}
