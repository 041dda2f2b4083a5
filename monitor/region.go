package monitor

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/region"
)

// Early warning per region: RegionVolume counts, per agency, how many of
// its public items are about each province and kabupaten/kota per hour
// (an item about Kota Jambi counts for Kota Jambi and for Jambi), and
// CheckSpikes runs the same detector over every such series that held at
// least the minimum volume in the last day, with the seasons of the
// region's own time zone (WIB, WITA or WIT). A spike is told to the
// agency's heads of Humas and analysts. Only public items are counted, so
// that a count never tells anyone of an item they may not see.

// RegionKey names one region series: an agency's items about one region.
type RegionKey struct {
	AgencyID int64
	Code     string // kode wilayah of a province ("15") or kabupaten/kota ("15.71")
}

// RegionHour is a region series' count of items in one hour.
type RegionHour struct {
	RegionKey
	Hour time.Time // the hour's start, UTC
	N    int
}

// RegionStore keeps the region series, their last spikes, and says who
// watches an agency's regions.
type RegionStore interface {
	// AddRegionHours adds counts to the region series.
	AddRegionHours(ctx context.Context, counts []RegionHour) error
	// BusyRegions returns the series that counted at least min items from
	// since on.
	BusyRegions(ctx context.Context, since time.Time, min int) ([]RegionKey, error)
	// RegionHours returns a series' hourly counts from since on.
	RegionHours(ctx context.Context, key RegionKey, since time.Time) ([]HourCount, error)
	// LastRegionSpike returns the end of a series' last spike alert; zero
	// when it had none.
	LastRegionSpike(ctx context.Context, key RegionKey) (time.Time, error)
	// RegionSpikeAlert adds a spike's notifications and its delivery to
	// the agency's webhook (nil for none) and records its end as the
	// series' last spike, in one transaction.
	RegionSpikeAlert(ctx context.Context, key RegionKey, until time.Time, ns []*Notification, d *WebhookDelivery) error
	// FindUsers lists accounts (for the watchers of an agency's regions).
	FindUsers(ctx context.Context, f auth.UserFilter) ([]*auth.User, int, error)
	// FindUserByID returns an account (a saved search's owner).
	FindUserByID(ctx context.Context, id int64) (*auth.User, error)
}

// Watchers are the roles told of what rises in their agency: a spike in
// its regions or issues, a known hoax circulating again (package hoax).
var Watchers = []access.Role{access.KepalaHumas, access.Analis}

// UserFinder lists accounts.
type UserFinder interface {
	FindUsers(ctx context.Context, f auth.UserFilter) ([]*auth.User, int, error)
}

// AgencyWatchers returns the accounts of an agency in the Watchers roles,
// disabled ones included (each caller decides who may be told what).
func AgencyWatchers(ctx context.Context, users UserFinder, agencyID int64) ([]*auth.User, error) {
	var out []*auth.User
	for _, role := range Watchers {
		list, _, err := users.FindUsers(ctx, auth.UserFilter{AgencyID: agencyID, Role: role, Limit: 1000})
		if err != nil {
			return nil, fmt.Errorf("monitor: watchers of agency %d: %w", agencyID, err)
		}
		out = append(out, list...)
	}
	return out, nil
}

// RegionVolume counts new items into the region series; it is an
// ingest.ItemsMatcher, so a poll's items are counted in one write.
type RegionVolume struct {
	store RegionStore
	clock sinergi.Clock
}

// NewRegionVolume returns a RegionVolume writing to store.
func NewRegionVolume(store RegionStore, clock sinergi.Clock) *RegionVolume {
	return &RegionVolume{store: store, clock: clock}
}

// MatchItem counts a new public item for each province and
// kabupaten/kota it is about.
func (v *RegionVolume) MatchItem(ctx context.Context, it *archive.Item, a *archive.Analysis) error {
	return v.MatchItems(ctx, []*archive.Item{it}, []*archive.Analysis{a})[0]
}

// MatchItems counts new public items for each province and kabupaten/kota
// they are about, in one write: every item shares its outcome.
func (v *RegionVolume) MatchItems(ctx context.Context, items []*archive.Item, _ []*archive.Analysis) []error {
	now := v.clock.Now().UTC()
	sums := map[RegionHour]int{} // keyed with N zero
	var order []RegionHour
	for _, it := range items {
		if it.Classification != access.Publik {
			continue
		}
		hour := volumeHour(it, now)
		for _, c := range volumeRegions(it.Regions) {
			k := RegionHour{RegionKey: RegionKey{AgencyID: it.AgencyID, Code: c}, Hour: hour}
			if sums[k] == 0 {
				order = append(order, k)
			}
			sums[k]++
		}
	}
	errs := make([]error, len(items))
	if len(order) == 0 {
		return errs
	}
	counts := make([]RegionHour, len(order))
	for i, k := range order {
		counts[i] = k
		counts[i].N = sums[k]
	}
	if err := v.store.AddRegionHours(ctx, counts); err != nil {
		err = fmt.Errorf("monitor: region volume of %d items: %w", len(items), err)
		for i := range errs {
			errs[i] = err
		}
	}
	return errs
}

// volumeRegions returns the provinces and kabupaten/kota that codes (kode
// wilayah at any level) lie in, each once, ascending.
func volumeRegions(codes []string) []string {
	var out []string
	for _, c := range codes {
		parts := strings.SplitN(c, ".", 3)
		out = append(out, parts[0])
		if len(parts) > 1 {
			out = append(out, parts[0]+"."+parts[1])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkRegionSpikes looks for spikes in the busy region series at now.
func (s *Service) checkRegionSpikes(ctx context.Context, now time.Time) (int, error) {
	end := now.Truncate(time.Hour)
	minVolume := cmp.Or(s.SpikeMinVolume, spikeMinVolume)
	keys, err := s.store.BusyRegions(ctx, end.Add(-24*time.Hour), minVolume)
	if err != nil {
		return 0, fmt.Errorf("monitor: region spikes: %w", err)
	}
	raised := 0
	for _, key := range keys {
		code, err := region.ParseCode(key.Code)
		if err != nil {
			continue // a code of an older gazetteer; nothing to name it by
		}
		counts, err := s.store.RegionHours(ctx, key, end.Add(-spikeHistory))
		if err != nil {
			return raised, fmt.Errorf("monitor: volume of region %s: %w", key.Code, err)
		}
		last, err := s.store.LastRegionSpike(ctx, key)
		if err != nil {
			return raised, fmt.Errorf("monitor: region %s: %w", key.Code, err)
		}
		_, alerts, err := s.rebuild(counts, end, region.TimeZoneOf(code).Location(), spike.Medium)
		if err != nil {
			return raised, err
		}
		a, ok := newSpike(alerts, end, last)
		if !ok {
			continue
		}
		if err := s.regionAlert(ctx, key, code, a, now); err != nil {
			return raised, err
		}
		raised++
	}
	return raised, nil
}

// regionAlert tells the agency's watchers of a region's spike.
func (s *Service) regionAlert(ctx context.Context, key RegionKey, code region.Code, a spike.Alert, now time.Time) error {
	name := key.Code
	if s.Regions != nil {
		if r, ok := s.Regions.Lookup(code); ok {
			name = r.Name
		}
	}
	k, args := a.Reason("spike.region", name)
	q := windowQuery("region:"+key.Code, a)
	users, err := AgencyWatchers(ctx, s.store, key.AgencyID)
	if err != nil {
		return err
	}
	var ns []*Notification
	for _, u := range users {
		details, err := s.explain(ctx, u.Actor(), q, name, a)
		if err != nil {
			return fmt.Errorf("monitor: spike of region %s: %w", key.Code, err)
		}
		ns = append(ns, &Notification{UserID: u.ID, Created: now.Truncate(time.Microsecond), Link: archiveLink(q),
			Message: Message{Key: k, Args: args, Details: details}})
	}
	p := newSpikePayload(key.AgencyID, a, archiveLink(q))
	p.Region = &spikeRegion{Code: key.Code, Name: name}
	d, err := AgencyDelivery(ctx, s.store, key.AgencyID, EventRegionSpike, p, now.Truncate(time.Microsecond))
	if err != nil {
		return err
	}
	if err := s.store.RegionSpikeAlert(ctx, key, a.Until, ns, d); err != nil {
		return fmt.Errorf("monitor: spike of region %s: %w", key.Code, err)
	}
	return nil
}
