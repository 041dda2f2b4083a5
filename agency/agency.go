// Package agency holds the tree of government bodies that use Sinergi: the
// ministries and institutions of the centre, provinces, kabupaten and kota,
// TNI, Polri, BUMN, BUMD and others. Every record in Sinergi belongs to one
// agency, and an agency's place in the tree decides who oversees it.
package agency

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/region"
)

// ID identifies an agency.
type ID = int64

// Kind is the sort of government body an agency is.
type Kind string

// The kinds of agency.
const (
	Kementerian Kind = "kementerian" // ministry (pusat)
	Lembaga     Kind = "lembaga"     // non-ministerial institution (pusat)
	Provinsi    Kind = "provinsi"
	Kabupaten   Kind = "kabupaten"
	Kota        Kind = "kota"
	TNI         Kind = "tni"
	Polri       Kind = "polri"
	BUMN        Kind = "bumn"
	BUMD        Kind = "bumd"
	Lainnya     Kind = "lainnya" // any other body
)

// Kinds lists every kind in the order forms show them.
var Kinds = []Kind{Kementerian, Lembaga, Provinsi, Kabupaten, Kota, TNI, Polri, BUMN, BUMD, Lainnya}

// ParseKind parses a kind name.
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("agency: unknown kind %q", s)
}

// Regional reports whether agencies of this kind belong to a region of the
// gazetteer (and so must carry its kode wilayah).
func (k Kind) Regional() bool { return k == Provinsi || k == Kabupaten || k == Kota }

// Agency is a government body in the tree.
type Agency struct {
	ID         ID
	ParentID   ID // 0 for a root of the tree
	Name       string
	ShortName  string
	Kind       Kind
	RegionCode region.Code     // kode wilayah; empty for bodies without one
	TimeZone   region.TimeZone // WIB, WITA or WIT
	Email      string
	Website    string
	// Leader is the name of the body's leader (pimpinan: minister,
	// governor, regent, mayor), whom the leadership brief looks for in
	// the news; empty when not given.
	Leader string
	// BriefAt is the local time ("06:00", in TimeZone) at which the
	// daily leadership brief is made; DefaultBriefAt when not set.
	BriefAt string
	// Path is the chain of IDs from the root down to this agency (last).
	Path      []ID
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Location returns the agency's time zone, for showing times as its staff
// read them.
func (a *Agency) Location() *time.Location { return a.TimeZone.Location() }

// Resource returns what access needs to judge records of this agency with
// the given classification.
func (a *Agency) Resource(class access.Level) access.Resource {
	return access.Resource{Classification: class, AgencyPath: a.Path}
}

// DefaultBriefAt is the local time of the daily leadership brief when an
// agency has not chosen one: before the morning meeting.
const DefaultBriefAt = "06:00"

// ParseBriefAt parses a local time of day written "06:00" or "06.00" (the
// Indonesian way) and returns it as hour and minute.
func ParseBriefAt(s string) (hour, minute int, err error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", ":")
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, 0, fmt.Errorf("agency: brief time %q: want HH:MM", s)
	}
	return t.Hour(), t.Minute(), nil
}

// Depth is the agency's level in the tree, 0 for a root.
func (a *Agency) Depth() int { return max(len(a.Path)-1, 0) }

// Filter selects agencies.
type Filter struct {
	Query  string // part of the name or short name, any case
	Kind   Kind
	Parent *ID // direct children of this agency (0: roots)
	// Under limits to an agency's subtree, itself included.
	Under         ID
	RegionCode    region.Code
	Limit, Offset int
}

// Update changes some fields of an agency; nil fields stay as they are.
type Update struct {
	ParentID  *ID
	Name      *string
	ShortName *string
	Kind      *Kind
	Email     *string
	Website   *string
	Leader    *string
	BriefAt   *string
	// RegionCode changes the kode wilayah; TimeZone follows it.
	RegionCode *region.Code
	TimeZone   *region.TimeZone
}

// Store keeps agencies. CreateAgency fills ID, Path and the times;
// UpdateAgency moves the whole subtree when the parent changes.
type Store interface {
	CreateAgency(ctx context.Context, a *Agency) error
	FindAgencyByID(ctx context.Context, id ID) (*Agency, error)
	FindAgencies(ctx context.Context, f Filter) ([]*Agency, int, error)
	UpdateAgency(ctx context.Context, id ID, u Update) (*Agency, error)
}
