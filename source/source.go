// Package source is the registry of what Pantau watches (after Media
// Cloud's): each source is an outlet or an account with its home page,
// canonical and alternative domains, media type, language, region, owning
// agency, collections, notes, and the feeds, news sitemaps and single
// pages through which its items arrive. Polling, parsing and feed health
// build on it.
package source

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/region"
)

// MediaType is what kind of outlet a source is.
type MediaType string

// The media types.
const (
	Online     MediaType = "online"
	Print      MediaType = "print"
	TV         MediaType = "tv"
	Radio      MediaType = "radio"
	Social     MediaType = "social"
	Government MediaType = "government" // a government site
)

// MediaTypes lists the media types in the order forms offer them.
var MediaTypes = []MediaType{Online, Print, TV, Radio, Social, Government}

// FeedKind is how a feed is read.
type FeedKind string

// The kinds of feed.
const (
	Feed    FeedKind = "feed"    // RSS, Atom or JSON Feed (told apart when parsed)
	Sitemap FeedKind = "sitemap" // a news sitemap
	Page    FeedKind = "page"    // a single page, watched for changes
)

// FeedKinds lists the kinds of feed.
var FeedKinds = []FeedKind{Feed, Sitemap, Page}

// Source is one watched outlet.
type Source struct {
	ID       int64
	AgencyID int64 // the agency that watches it
	Name     string
	HomePage string
	// Domain is the canonical domain ("kompas.com"), from the home page;
	// AltDomains are others the outlet publishes under.
	Domain      string
	AltDomains  []string
	MediaType   MediaType
	Lang        string // ISO 639 code
	Region      string // kode wilayah of a province or kabupaten/kota; empty: national
	Collections []string
	Notes       string
	Paused      bool
	Feeds       []FeedURL
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// FeedURL is one address a source is read through.
type FeedURL struct {
	ID       int64
	SourceID int64
	URL      string
	Kind     FeedKind
	// FullText asks for each new article's page to be fetched and its
	// main text extracted, for feeds that give only a summary.
	FullText bool
}

// Limits on a source.
const (
	MaxName        = 200 // runes
	MaxNotes       = 2_000
	MaxFeeds       = 50
	MaxDomains     = 20
	MaxCollections = 20
	MaxURL         = 2_048 // bytes
)

// Filter selects sources.
type Filter struct {
	AgencyID   int64
	Collection string
	Query      string // part of the name or domain, any case
	Paused     *bool
	Limit      int
	Offset     int
}

// Store keeps sources and their feeds.
type Store interface {
	CreateSource(ctx context.Context, s *Source) error
	// UpdateSource writes a source's fields and its feeds: a feed whose
	// address is kept keeps its ID and what polling knows of it, a new
	// one is added, one left out is removed.
	UpdateSource(ctx context.Context, s *Source) error
	FindSourceByID(ctx context.Context, id int64) (*Source, error)
	FindSources(ctx context.Context, f Filter) ([]*Source, int, error)
	SetSourcePaused(ctx context.Context, id int64, paused bool, at time.Time) error
}

// Agencies tells the service where an agency stands in the tree.
type Agencies interface {
	Path(ctx context.Context, id int64) ([]int64, error)
}

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Service applies the rules for sources.
type Service struct {
	store    Store
	agencies Agencies
	regions  *region.Gazetteer
	audit    Auditor
	clock    sinergi.Clock
}

// NewService returns a Service.
func NewService(store Store, agencies Agencies, g *region.Gazetteer, auditor Auditor, clock sinergi.Clock) *Service {
	return &Service{store: store, agencies: agencies, regions: g, audit: auditor, clock: clock}
}

// Add registers a source for the actor's agency (the console names one).
// The actor must be able to change the agency's records.
func (s *Service) Add(ctx context.Context, actor access.Actor, src *Source) error {
	if !actor.System || src.AgencyID == 0 {
		src.AgencyID = actor.AgencyID()
	}
	if err := s.clean(src); err != nil {
		return err
	}
	if err := s.allowed(ctx, actor, src.AgencyID); err != nil {
		return err
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	src.CreatedAt, src.UpdatedAt = now, now
	if err := s.store.CreateSource(ctx, src); err != nil {
		return fmt.Errorf("source: add %q: %w", src.Name, err)
	}
	return s.record(ctx, actor, src, "source.create", "audit.summary.source_create", src.Name, strconv.Itoa(len(src.Feeds)))
}

// Update changes a source's fields and feeds to those of upd (its ID,
// agency, paused state and creation time are the source's own). A feed
// whose address is kept keeps its ID, its state and its history; a feed
// left out is removed, and the items it brought stay in the archive. The
// actor must be able to change the records of the source's agency.
func (s *Service) Update(ctx context.Context, actor access.Actor, id int64, upd *Source) (*Source, error) {
	old, err := s.Find(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.allowed(ctx, actor, old.AgencyID); err != nil {
		return nil, err
	}
	src := *upd
	src.AltDomains, src.Collections = slices.Clone(upd.AltDomains), slices.Clone(upd.Collections)
	src.Feeds = slices.Clone(upd.Feeds)
	src.ID, src.AgencyID, src.Paused, src.CreatedAt = old.ID, old.AgencyID, old.Paused, old.CreatedAt
	if err := s.clean(&src); err != nil {
		return nil, err
	}
	kept := make(map[string]int64, len(old.Feeds))
	for _, f := range old.Feeds {
		kept[f.URL] = f.ID
	}
	added, removed := 0, len(old.Feeds)
	for i := range src.Feeds {
		f := &src.Feeds[i]
		f.ID, f.SourceID = kept[f.URL], src.ID
		if f.ID == 0 {
			added++
		} else {
			removed--
		}
	}
	src.UpdatedAt = s.clock.Now().UTC().Truncate(time.Microsecond)
	if err := s.store.UpdateSource(ctx, &src); err != nil {
		return nil, fmt.Errorf("source: update %d: %w", id, err)
	}
	err = s.record(ctx, actor, &src, "source.update", "audit.summary.source_update", src.Name,
		strconv.Itoa(len(src.Feeds)), strconv.Itoa(added), strconv.Itoa(removed))
	return &src, err
}

// Find returns one source. The registry is open to every signed-in user.
func (s *Service) Find(ctx context.Context, id int64) (*Source, error) {
	src, err := s.store.FindSourceByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("source: find %d: %w", id, err)
	}
	return src, nil
}

// List returns the sources matching f and their total count.
func (s *Service) List(ctx context.Context, f Filter) ([]*Source, int, error) {
	f.Collection = Collection(f.Collection)
	list, n, err := s.store.FindSources(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("source: list: %w", err)
	}
	return list, n, nil
}

// SetPaused pauses a source (no feed of it is polled) or resumes it.
func (s *Service) SetPaused(ctx context.Context, actor access.Actor, id int64, paused bool) (*Source, error) {
	src, err := s.Find(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.allowed(ctx, actor, src.AgencyID); err != nil {
		return nil, err
	}
	if src.Paused == paused {
		return src, nil
	}
	now := s.clock.Now().UTC().Truncate(time.Microsecond)
	if err := s.store.SetSourcePaused(ctx, id, paused, now); err != nil {
		return nil, fmt.Errorf("source: pause %d: %w", id, err)
	}
	src.Paused, src.UpdatedAt = paused, now
	action, summary := "source.resume", "audit.summary.source_resume"
	if paused {
		action, summary = "source.pause", "audit.summary.source_pause"
	}
	return src, s.record(ctx, actor, src, action, summary, src.Name)
}

// allowed checks that the actor may change the agency's sources.
func (s *Service) allowed(ctx context.Context, actor access.Actor, agencyID int64) error {
	path, err := s.agencies.Path(ctx, agencyID)
	if err != nil {
		return fmt.Errorf("source: agency %d: %w", agencyID, err)
	}
	if !access.Can(actor, access.Change, access.Resource{Classification: access.Publik, AgencyPath: path}) {
		return sinergi.Errorf(sinergi.KindForbidden, "source.error.forbidden")
	}
	return nil
}

func (s *Service) record(ctx context.Context, actor access.Actor, src *Source, action, summary string, args ...string) error {
	path, err := s.agencies.Path(ctx, src.AgencyID)
	if err != nil {
		return fmt.Errorf("source: agency %d: %w", src.AgencyID, err)
	}
	err = s.audit.Record(ctx, audit.Event{
		Actor: actor, AgencyID: src.AgencyID, AgencyPath: access.PathString(path),
		Action: action, TargetType: "source", TargetID: strconv.FormatInt(src.ID, 10),
		Summary: summary, SummaryArgs: args,
	})
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	return nil
}

// clean normalises the fields of a new or changed source and checks them.
func (s *Service) clean(src *Source) error {
	src.Name = strings.Join(strings.Fields(src.Name), " ")
	src.Notes = strings.TrimSpace(src.Notes)
	src.Lang = strings.ToLower(strings.TrimSpace(src.Lang))
	if src.MediaType == "" {
		src.MediaType = Online
	}
	switch {
	case src.Name == "":
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.name_required")
	case utf8.RuneCountInString(src.Name) > MaxName:
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.name_too_long", MaxName)
	case utf8.RuneCountInString(src.Notes) > MaxNotes:
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.notes_too_long", MaxNotes)
	case !slices.Contains(MediaTypes, src.MediaType):
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.media_type", string(src.MediaType))
	case src.Lang != "" && !query.IsLangCode(src.Lang):
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.lang", src.Lang)
	case len(src.Feeds) > MaxFeeds:
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.too_many_feeds", MaxFeeds)
	case len(src.AltDomains) > MaxDomains:
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.too_many_domains", MaxDomains)
	case len(src.Collections) > MaxCollections:
		return sinergi.Errorf(sinergi.KindInvalid, "source.error.too_many_collections", MaxCollections)
	}
	home, err := webURL(src.HomePage)
	if err != nil {
		return err
	}
	src.HomePage = home.String()
	src.Domain = Domain(home.Hostname())
	for i, d := range src.AltDomains {
		u, err := webURL("https://" + strings.TrimSpace(d))
		if err != nil {
			return err
		}
		src.AltDomains[i] = Domain(u.Hostname())
	}
	slices.Sort(src.AltDomains)
	src.AltDomains = slices.DeleteFunc(slices.Compact(src.AltDomains), func(d string) bool { return d == src.Domain })
	for i, c := range src.Collections {
		src.Collections[i] = Collection(c)
	}
	slices.Sort(src.Collections)
	src.Collections = slices.DeleteFunc(slices.Compact(src.Collections), func(c string) bool { return c == "" })
	if src.Region != "" {
		r, ok := s.regions.Resolve(src.Region)
		if !ok {
			return sinergi.Errorf(sinergi.KindInvalid, "source.error.region", src.Region)
		}
		if l := r.Code.Level(); l != region.Province && l != region.Regency {
			return sinergi.Errorf(sinergi.KindInvalid, "source.error.region_level", r.Name)
		}
		src.Region = string(r.Code)
	}
	seen := map[string]bool{}
	for i := range src.Feeds {
		f := &src.Feeds[i]
		if f.Kind == "" {
			f.Kind = Feed
		}
		if !slices.Contains(FeedKinds, f.Kind) {
			return sinergi.Errorf(sinergi.KindInvalid, "source.error.feed_kind", string(f.Kind))
		}
		u, err := webURL(f.URL)
		if err != nil {
			return err
		}
		f.URL = u.String()
		if seen[f.URL] {
			return sinergi.Errorf(sinergi.KindInvalid, "source.error.feed_twice", f.URL)
		}
		seen[f.URL] = true
	}
	return nil
}

// webURL parses an http(s) address, lower-casing the scheme and host and
// dropping the fragment.
func webURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || len(raw) > MaxURL || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "source.error.url", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// Collection returns a collection's name as the registry keeps it: one
// lower-case word ("Berita Daerah" is "berita-daerah").
func Collection(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), "-"))
}

// Domain returns a host as the registry compares domains: lower case,
// without "www." and a final dot.
func Domain(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return strings.TrimPrefix(host, "www.")
}
