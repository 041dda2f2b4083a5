package hoax

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/bahasa/entity/ner"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/i18n"
)

// Options configure a Service.
type Options struct {
	// Vocabularies are the verdict scales; DefaultVocabularies when nil.
	Vocabularies Vocabularies
	// Match tunes the matcher (thresholds).
	Match match.Options
	// AlertGap is the shortest time between two recirculation alerts of
	// one hoax to one agency (DefaultAlertGap when 0): a hoax that comes
	// back in fifty posts in an hour is one alert, and every post an
	// appearance.
	AlertGap time.Duration
	// Outbox, with Catalogs, also e-mails each alert to the watchers
	// with an address (mail.go); nil sends no e-mail. PublicURL begins
	// the e-mails' links.
	Outbox    Outbox
	Catalogs  *i18n.Catalogs
	PublicURL string
}

// DefaultAlertGap is the default Options.AlertGap.
const DefaultAlertGap = 6 * time.Hour

// Service is the registry: claims, their import and matching, and the
// appearances of known hoaxes. It is safe for concurrent use.
type Service struct {
	store     Store
	audit     Auditor
	clock     sinergi.Clock
	log       *slog.Logger
	analyze   func() (*analysis.Analyzer, error)
	vocab     Vocabularies
	alertGap  time.Duration
	confirm   float64 // the matcher's Confirm threshold
	outbox    Outbox
	catalogs  *i18n.Catalogs
	publicURL string

	loading  sync.Mutex // held while the index is built; guards what follows
	loaded   bool
	analyzer *analysis.Analyzer
	version  Version   // the store's registry the index was built from
	checked  time.Time // when version was last compared with the store's

	mu    sync.RWMutex // guards known, and index's entries against known
	index *match.Index
	known map[int64]*Claim // the indexed claims, by ID
}

// NewService returns a registry over store. analyze returns the loaded
// analysis models (archive.Service.Analyzer shares its own); they and the
// matcher's index are loaded on first use.
func NewService(store Store, auditor Auditor, clock sinergi.Clock, analyze func() (*analysis.Analyzer, error), log *slog.Logger, opts Options) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Vocabularies == nil {
		opts.Vocabularies = DefaultVocabularies()
	}
	index := match.New(opts.Match)
	return &Service{
		store: store, audit: auditor, clock: clock, log: log, analyze: analyze, vocab: opts.Vocabularies,
		alertGap: cmp.Or(opts.AlertGap, DefaultAlertGap), confirm: index.Options().Confirm,
		outbox: opts.Outbox, catalogs: opts.Catalogs, publicURL: strings.TrimSuffix(opts.PublicURL, "/"),
		index: index, known: map[int64]*Claim{},
	}
}

// Vocabularies returns the verdict scales the registry accepts.
func (s *Service) Vocabularies() Vocabularies { return s.vocab }

// RefreshEvery is how often a Service compares its index with the store,
// to take in what other processes changed (servers sharing PostgreSQL,
// an import on the command line).
const RefreshEvery = time.Minute

// Load builds the matcher's index from the store's claims on first use;
// afterwards, at most every RefreshEvery, it takes in the claims changed
// since (the store's registry version tells whether any did). A failure
// is tried again at the next call.
func (s *Service) Load(ctx context.Context) error {
	s.loading.Lock()
	defer s.loading.Unlock()
	now := s.clock.Now()
	if s.loaded && now.Sub(s.checked) < RefreshEvery {
		return nil
	}
	v, err := s.store.RegistryVersion(ctx)
	if err != nil {
		return fmt.Errorf("hoax: registry version: %w", err)
	}
	if s.loaded && v == s.version {
		s.checked = now
		return nil
	}
	if s.analyzer == nil {
		if s.analyzer, err = s.analyze(); err != nil {
			return fmt.Errorf("hoax: analysis models: %w", err)
		}
	}
	// Changes committed out of clock order are caught by reading a
	// margin of RefreshEvery before the last version's newest change.
	var since time.Time
	if s.loaded {
		since = time.UnixMicro(s.version.Updated).Add(-RefreshEvery)
	}
	list, err := s.store.IndexClaims(ctx, since)
	if err != nil {
		return fmt.Errorf("hoax: load the registry: %w", err)
	}
	if !s.loaded {
		s.prime(ctx)
	}
	entries := make([]match.Entry, len(list))
	for i, ic := range list {
		entries[i] = s.entry(ic.Claim, ic.LastSeen)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded {
		s.index.Replace(entries...)
	} else {
		s.index.Add(entries...)
	}
	for _, ic := range list {
		s.known[ic.Claim.ID] = ic.Claim
	}
	s.loaded, s.version, s.checked = true, v, now
	s.log.Debug("hoax registry loaded", "claims", len(list))
	return nil
}

// prime starts the matcher's background from the news sample the product
// ships (match.NewsBackground) and the archive's newest items, so that a
// process that has just started (a restarted server, `sinergi hoax
// match`, the citizen's check), even on an empty archive, weighs the words
// of the news as a pipeline that has run for a while does. It is done
// once, before the registry is indexed (each refresh of the weights is
// then cheap); a failure leaves the background to the stream.
func (s *Service) prime(ctx context.Context) {
	start := time.Now()
	r, err := match.NewsBackground()
	if err == nil {
		err = s.index.StartBackground(r)
	}
	if err != nil {
		s.log.Warn("hoax matcher: news background not read", "err", err)
	}
	n := 0
	err = s.store.LatestItems(ctx, match.BackgroundWindow, func(it *archive.Item, a *archive.Analysis) error {
		s.index.Observe(itemText(it, a))
		n++
		return nil
	})
	if err != nil {
		s.log.Warn("hoax matcher: background not read from the archive", "err", err)
		return
	}
	s.log.Debug("hoax matcher: background read from the archive", "items", n, "took", time.Since(start))
}

// entry is a claim as the matcher indexes it.
func (s *Service) entry(c *Claim, lastSeen time.Time) match.Entry {
	seen := lastSeen
	for _, t := range []time.Time{c.FirstSeen, c.Reviewed} {
		if t.After(seen) {
			seen = t
		}
	}
	var names []string
	for _, p := range c.People {
		names = append(names, "PER:"+p)
	}
	for _, o := range c.Organisations {
		names = append(names, "ORG:"+o)
	}
	e := match.Entry{ID: c.ID, Seen: seen,
		Text: match.Text{Terms: s.analyzer.Terms.Terms(c.MatchText()), Entities: names, Regions: c.Regions}}
	if c.Claim != "" {
		e.Title = s.analyzer.Terms.Terms(c.Title)
	}
	return e
}

// Text analyses a text for the matcher: its words, names and places.
func (s *Service) Text(text string, at time.Time) match.Text {
	t := match.Text{Terms: s.analyzer.Terms.Terms(text), At: at,
		Entities: ner.Names(s.analyzer.Names.Entities(text), 0)}
	for _, m := range s.analyzer.Places.Find(text) {
		t.Regions = append(t.Regions, string(m.Code))
	}
	return t
}

// Match is a claim a text resembles.
type Match struct {
	match.Result
	Claim *Claim
}

// MaxMatchText is the longest text the matcher takes from a person.
const MaxMatchText = 50_000

// candidates is how many index results are read to find limit visible
// ones.
const candidates = 20

// match returns up to limit claims t resembles that visible allows.
func (s *Service) match(t match.Text, limit int, visible func(*Claim) bool) []Match {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Match
	for _, r := range s.index.Match(t, candidates) {
		c := s.known[r.ID]
		if c == nil || !visible(c) {
			continue
		}
		out = append(out, Match{Result: r, Claim: c})
		if len(out) == limit {
			break
		}
	}
	return out
}

// Match returns the claims the actor may see that text resembles, best
// first, at most limit: what an analyst's check and `sinergi hoax match`
// show.
func (s *Service) Match(ctx context.Context, actor access.Actor, text string, limit int) ([]Match, error) {
	if len(text) > MaxMatchText {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.text_too_long", MaxMatchText)
	}
	if err := s.Load(ctx); err != nil {
		return nil, err
	}
	v := access.VisibilityOf(actor)
	return s.match(s.Text(text, s.clock.Now()), limit, func(c *Claim) bool { return v.Allows(c.Resource()) }), nil
}

// Nearest returns the claim text resembles most among all claims,
// however little (decision None under the Suggest threshold): what
// `sinergi hoax match` prints, for evaluation. False when text shares no
// content word with the registry.
func (s *Service) Nearest(ctx context.Context, text string) (Match, bool, error) {
	if len(text) > MaxMatchText {
		return Match{}, false, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.text_too_long", MaxMatchText)
	}
	if err := s.Load(ctx); err != nil {
		return Match{}, false, err
	}
	t := s.Text(text, s.clock.Now())
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.index.Nearest(t)
	if !ok || s.known[r.ID] == nil {
		return Match{}, false, nil
	}
	return Match{Result: r, Claim: s.known[r.ID]}, true, nil
}

// Import adds claims to the agency's registry, or updates those it holds
// by key (a field the import leaves empty keeps what is stored), all or
// none. New claims take the classification class, are
// active when their verdict is false, and published as the caller set
// them (the importers leave them unpublished); an entry that restates a
// claim already in the registry is recorded as its appearance. It returns
// how many claims were added and updated.
func (s *Service) Import(ctx context.Context, actor access.Actor, agencyPath []int64, class access.Level, claims []*Claim) (added, updated int, err error) {
	if len(claims) > MaxClaimsBatch {
		return 0, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.too_many", MaxClaimsBatch)
	}
	for _, c := range claims {
		c.Classification = class
	}
	added, updated, err = s.register(ctx, actor, agencyPath, claims, func(c *Claim) { c.Active = c.Verdict.False() })
	if err != nil {
		return 0, 0, err
	}
	err = s.audit.Record(ctx, audit.Event{Actor: actor, ActorName: actor.Username, AgencyID: agencyPath[len(agencyPath)-1],
		AgencyPath: access.PathString(agencyPath), Action: "hoax.import", TargetType: "hoax_claim",
		Summary: "audit.summary.hoax_import", SummaryArgs: []string{strconv.Itoa(added), strconv.Itoa(updated)}})
	if err != nil {
		return added, updated, fmt.Errorf("hoax: audit: %w", err)
	}
	return added, updated, nil
}

// Create adds a claim an analyst wrote to the agency's registry, with the
// classification, activity and publication they chose; its key is made
// here. Like an imported claim, it is matched against the registry.
func (s *Service) Create(ctx context.Context, actor access.Actor, agencyPath []int64, c *Claim) error {
	var key [8]byte
	if _, err := rand.Read(key[:]); err != nil {
		return fmt.Errorf("hoax: claim key: %w", err)
	}
	c.Key = "sinergi:" + hex.EncodeToString(key[:])
	if _, _, err := s.register(ctx, actor, agencyPath, []*Claim{c}, nil); err != nil {
		return err
	}
	err := s.audit.Record(ctx, audit.Event{Actor: actor, ActorName: actor.Username, AgencyID: c.AgencyID,
		AgencyPath: access.PathString(agencyPath), Action: "hoax.create", TargetType: "hoax_claim",
		TargetID: strconv.FormatInt(c.ID, 10), Summary: "audit.summary.hoax_create", SummaryArgs: []string{c.Title}})
	if err != nil {
		return fmt.Errorf("hoax: audit: %w", err)
	}
	return nil
}

// register checks claims and stores them in the registry of the agency
// at the end of agencyPath, all or none: new ones are added (fresh, when
// set, gives them their defaults once checked), those it holds by key are
// updated, keeping the analysts' fields as stored. Each is indexed, and a
// new claim that restates a claim of the registry is recorded as that
// claim's appearance.
func (s *Service) register(ctx context.Context, actor access.Actor, agencyPath []int64, claims []*Claim, fresh func(*Claim)) (added, updated int, err error) {
	if len(agencyPath) == 0 {
		return 0, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.agency_required")
	}
	agencyID := agencyPath[len(agencyPath)-1]
	for _, c := range claims {
		if !access.Can(actor, access.Change, access.Resource{Classification: c.Classification, AgencyPath: agencyPath}) {
			return 0, 0, sinergi.Errorf(sinergi.KindForbidden, "hoax.error.forbidden")
		}
	}
	if err := s.Load(ctx); err != nil {
		return 0, 0, err
	}
	stored := s.storedByKey(agencyID)
	seen := map[string]int{}
	for i, c := range claims {
		c.AgencyID, c.AgencyPath = agencyID, agencyPath
		if err := c.Clean(s.vocab); err != nil {
			return 0, 0, fmt.Errorf("hoax: claim %d (%s): %w", i+1, c.Key, err)
		}
		if fresh != nil {
			fresh(c)
		}
		if j, ok := seen[c.Key]; ok {
			return 0, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.error.duplicate_key", c.Key, j+1, i+1)
		}
		seen[c.Key] = i
		if old := stored[c.Key]; old != nil {
			c.keep(old)
		}
		s.describe(c)
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	isNew, err := s.store.UpsertClaims(ctx, claims, now)
	if err != nil {
		return 0, 0, fmt.Errorf("hoax: import: %w", err)
	}
	var restated []*Appearance
	var entries []match.Entry
	s.mu.Lock()
	for i, c := range claims {
		if isNew[i] {
			added++
			restated = append(restated, s.restatements(c, now)...)
		} else {
			updated++
			if old := s.known[c.ID]; old != nil { // the analysts' fields stay as stored
				c.Classification, c.Active, c.Published, c.Clarification = old.Classification, old.Active, old.Published, old.Clarification
			}
		}
		entries = append(entries, s.entry(c, time.Time{}))
		s.known[c.ID] = c
	}
	s.index.Add(entries...)
	s.mu.Unlock()
	if len(restated) > 0 {
		if err := s.store.AddAppearances(ctx, restated, nil, nil, nil); err != nil {
			return added, updated, fmt.Errorf("hoax: restated claims: %w", err)
		}
	}
	return added, updated, nil
}

// storedByKey returns the indexed claims of an agency by key.
func (s *Service) storedByKey(agencyID int64) map[string]*Claim {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string]*Claim{}
	for _, c := range s.known {
		if c.AgencyID == agencyID {
			out[c.Key] = c
		}
	}
	return out
}

// describe fills the people, organisations and regions a claim names
// when the importer left them empty.
func (s *Service) describe(c *Claim) {
	text := c.MatchText()
	if len(c.People) == 0 && len(c.Organisations) == 0 {
		for _, e := range ner.Names(s.analyzer.Names.Entities(text), 0) {
			switch typ, name, _ := strings.Cut(e, ":"); typ {
			case "PER":
				c.People = append(c.People, name)
			case "ORG":
				c.Organisations = append(c.Organisations, name)
			}
		}
		c.People, c.Organisations = capList(cleanList(c.People)), capList(cleanList(c.Organisations))
	}
	if len(c.Regions) == 0 {
		for _, m := range s.analyzer.Places.Find(text) {
			c.Regions = append(c.Regions, string(m.Code))
		}
		slices.Sort(c.Regions)
		c.Regions = capList(slices.Compact(c.Regions))
	}
}

func capList(l []string) []string { return l[:min(len(l), MaxList)] }

// restatements returns the appearances of the registry's claims that a new
// claim restates (its confirmed matches). An appearance carries the new
// claim's agency and classification, so that a reader of the old claim
// sees it only when they may see the new one. The caller holds s.mu.
func (s *Service) restatements(c *Claim, now time.Time) []*Appearance {
	var out []*Appearance
	for _, r := range s.index.Match(s.entry(c, time.Time{}).Text, candidates) {
		old := s.known[r.ID]
		if r.Decision != match.Confirmed || old == nil || old.ID == c.ID {
			continue
		}
		out = append(out, &Appearance{ClaimID: old.ID, Kind: KindClaim, OtherClaimID: c.ID, AgencyID: c.AgencyID,
			Classification: c.Classification, Title: c.Title, Source: c.FactChecker, URL: c.URL, Regions: c.Regions,
			At: cmp.Or(c.FirstSeen, c.Reviewed, now), Score: r.Score, Decision: r.Decision, Stance: Repeats,
			Words: r.Words, Created: now})
	}
	return out
}
