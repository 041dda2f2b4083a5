package agency

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/region"
)

// Auditor records changes; *audit.Log is one.
type Auditor interface {
	Record(ctx context.Context, ev audit.Event) error
}

// Regions looks up the gazetteer; *region.Gazetteer is one.
type Regions interface {
	Lookup(c region.Code) (region.Region, bool)
}

// Service applies the rules for agencies: who may create and change them,
// what a valid agency is, and how one is made from the gazetteer.
type Service struct {
	store   Store
	regions Regions
	audit   Auditor
}

// NewService returns a Service.
func NewService(store Store, regions Regions, auditor Auditor) *Service {
	return &Service{store: store, regions: regions, audit: auditor}
}

// Find returns one agency. The directory of agencies is public.
func (s *Service) Find(ctx context.Context, id ID) (*Agency, error) {
	a, err := s.store.FindAgencyByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("agency: find %d: %w", id, err)
	}
	return a, nil
}

// List returns the agencies matching f and their total count.
func (s *Service) List(ctx context.Context, f Filter) ([]*Agency, int, error) {
	list, n, err := s.store.FindAgencies(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("agency: list: %w", err)
	}
	return list, n, nil
}

// Path returns the chain of agency IDs from the root down to id.
func (s *Service) Path(ctx context.Context, id ID) ([]ID, error) {
	a, err := s.Find(ctx, id)
	if err != nil {
		return nil, err
	}
	return a.Path, nil
}

// Create adds an agency. The actor must administer its parent; a root
// agency may be created only from the console or by an administrator of
// another root agency (a network coordinator).
func (s *Service) Create(ctx context.Context, actor access.Actor, a *Agency) error {
	parent, err := s.checkParent(ctx, actor, a.ParentID)
	if err != nil {
		return err
	}
	if err := s.complete(a, parent); err != nil {
		return err
	}
	if err := s.store.CreateAgency(ctx, a); err != nil {
		return fmt.Errorf("agency: create %q: %w", a.Name, err)
	}
	return s.record(ctx, actor, a, "agency.create", "audit.summary.agency_create", a.Name, string(a.Kind))
}

// CreateFromRegion adds the Humas agency of a province, kabupaten or kota
// from the gazetteer in one step: its name, kind, kode wilayah and time zone
// come from the region. When parentID is 0 the parent is found: the
// province's agency for a kabupaten or kota, the actor's own agency for a
// province.
func (s *Service) CreateFromRegion(ctx context.Context, actor access.Actor, code region.Code, parentID ID) (*Agency, error) {
	a := &Agency{RegionCode: code, ParentID: parentID}
	if err := s.CreateForRegion(ctx, actor, a); err != nil {
		return nil, err
	}
	return a, nil
}

// CreateForRegion is CreateFromRegion for an agency whose other fields
// (short name, contacts, time zone, brief time) the caller has set: a's
// name and kind come from a.RegionCode, and its parent, when a.ParentID
// is 0, as CreateFromRegion finds it.
func (s *Service) CreateForRegion(ctx context.Context, actor access.Actor, a *Agency) error {
	r, ok := s.regions.Lookup(a.RegionCode)
	if !ok {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.region_unknown", string(a.RegionCode))
	}
	a.RegionCode = r.Code
	switch {
	case r.Level == region.Province:
		a.Kind, a.Name = Provinsi, "Humas Pemerintah Provinsi "+r.Name
	case r.Level == region.Regency && r.IsCity():
		a.Kind, a.Name = Kota, "Humas Pemerintah "+r.Name
	case r.Level == region.Regency:
		a.Kind, a.Name = Kabupaten, "Humas Pemerintah "+r.Name
	default:
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.region_level", string(a.RegionCode))
	}
	if a.ParentID == 0 {
		parent, err := s.defaultParent(ctx, actor, r)
		if err != nil {
			return err
		}
		a.ParentID = parent
	}
	return s.Create(ctx, actor, a)
}

func (s *Service) defaultParent(ctx context.Context, actor access.Actor, r region.Region) (ID, error) {
	if r.Level == region.Regency {
		list, _, err := s.store.FindAgencies(ctx, Filter{Kind: Provinsi, RegionCode: r.Code.Province(), Limit: 1})
		if err != nil {
			return 0, fmt.Errorf("agency: find province of %s: %w", r.Code, err)
		}
		if len(list) > 0 {
			return list[0].ID, nil
		}
	}
	return actor.AgencyID(), nil
}

// Update changes an agency the actor administers. Moving it needs the right
// to administer the new parent too, and it may not move under itself.
func (s *Service) Update(ctx context.Context, actor access.Actor, id ID, u Update) (*Agency, error) {
	a, err := s.store.FindAgencyByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("agency: update %d: %w", id, err)
	}
	if !access.Can(actor, access.Administer, a.Resource(access.Publik)) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "error.forbidden")
	}
	next := *a
	var parent *Agency
	if u.ParentID != nil && *u.ParentID != a.ParentID {
		if parent, err = s.checkParent(ctx, actor, *u.ParentID); err != nil {
			return nil, err
		}
		if parent != nil && slices.Contains(parent.Path, a.ID) {
			return nil, sinergi.Errorf(sinergi.KindInvalid, "agency.error.cycle")
		}
		next.ParentID = *u.ParentID
	} else if a.ParentID != 0 {
		if parent, err = s.store.FindAgencyByID(ctx, a.ParentID); err != nil {
			return nil, fmt.Errorf("agency: update %d: parent: %w", id, err)
		}
	}
	setIf(&next.Name, u.Name)
	setIf(&next.ShortName, u.ShortName)
	setIf(&next.Kind, u.Kind)
	setIf(&next.Email, u.Email)
	setIf(&next.Website, u.Website)
	setIf(&next.Leader, u.Leader)
	setIf(&next.BriefAt, u.BriefAt)
	if u.RegionCode != nil && *u.RegionCode != a.RegionCode {
		next.RegionCode, next.TimeZone = *u.RegionCode, ""
	}
	setIf(&next.TimeZone, u.TimeZone)
	if err := s.complete(&next, parent); err != nil {
		return nil, err
	}
	full := Update{
		ParentID: &next.ParentID, Name: &next.Name, ShortName: &next.ShortName, Kind: &next.Kind,
		Email: &next.Email, Website: &next.Website, RegionCode: &next.RegionCode, TimeZone: &next.TimeZone,
		Leader: &next.Leader, BriefAt: &next.BriefAt,
	}
	updated, err := s.store.UpdateAgency(ctx, id, full)
	if err != nil {
		return nil, fmt.Errorf("agency: update %d: %w", id, err)
	}
	if err := s.record(ctx, actor, updated, "agency.update", "audit.summary.agency_update", updated.Name); err != nil {
		return nil, err
	}
	return updated, nil
}

// checkParent loads the parent (nil for a root) and checks that the actor
// may add agencies under it.
func (s *Service) checkParent(ctx context.Context, actor access.Actor, parentID ID) (*Agency, error) {
	if parentID == 0 {
		if actor.System || (actor.Role == access.Administrator && len(actor.AgencyPath) == 1) {
			return nil, nil
		}
		return nil, sinergi.Errorf(sinergi.KindForbidden, "agency.error.root_forbidden")
	}
	parent, err := s.store.FindAgencyByID(ctx, parentID)
	if errors.Is(err, sinergi.ErrNotFound) {
		return nil, sinergi.Errorf(sinergi.KindInvalid, "agency.error.parent_unknown")
	}
	if err != nil {
		return nil, fmt.Errorf("agency: find parent %d: %w", parentID, err)
	}
	if !access.Can(actor, access.Administer, parent.Resource(access.Publik)) {
		return nil, sinergi.Errorf(sinergi.KindForbidden, "error.forbidden")
	}
	return parent, nil
}

// complete validates a and fills what follows from its region and parent.
func (s *Service) complete(a *Agency, parent *Agency) error {
	a.Name = strings.Join(strings.Fields(a.Name), " ")
	a.ShortName = strings.Join(strings.Fields(a.ShortName), " ")
	a.Email = strings.TrimSpace(a.Email)
	a.Website = strings.TrimSpace(a.Website)
	switch n := utf8.RuneCountInString(a.Name); {
	case n == 0:
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.name_required")
	case n > 200:
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.name_too_long", 200)
	}
	if utf8.RuneCountInString(a.ShortName) > 60 {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.short_name_too_long", 60)
	}
	a.Leader = strings.Join(strings.Fields(a.Leader), " ")
	if utf8.RuneCountInString(a.Leader) > 200 {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.leader_too_long", 200)
	}
	if strings.TrimSpace(a.BriefAt) == "" {
		a.BriefAt = DefaultBriefAt
	}
	h, m, err := ParseBriefAt(a.BriefAt)
	if err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.brief_at_invalid")
	}
	a.BriefAt = fmt.Sprintf("%02d:%02d", h, m)
	if _, err := ParseKind(string(a.Kind)); err != nil {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.kind_unknown")
	}
	if a.Email != "" {
		if addr, err := mail.ParseAddress(a.Email); err != nil || addr.Address != a.Email {
			return sinergi.Errorf(sinergi.KindInvalid, "agency.error.email_invalid")
		}
	}
	if a.Website != "" {
		u, err := url.Parse(a.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return sinergi.Errorf(sinergi.KindInvalid, "agency.error.website_invalid")
		}
	}
	if err := s.checkRegion(a); err != nil {
		return err
	}
	switch {
	case a.TimeZone != "":
		if _, err := region.ParseTimeZone(string(a.TimeZone)); err != nil {
			return sinergi.Errorf(sinergi.KindInvalid, "agency.error.timezone_invalid")
		}
	case a.RegionCode != "":
		a.TimeZone = region.TimeZoneOf(a.RegionCode)
	case parent != nil:
		a.TimeZone = parent.TimeZone
	default:
		a.TimeZone = region.WIB
	}
	return nil
}

// checkRegion checks that a regional agency names a region of its level.
func (s *Service) checkRegion(a *Agency) error {
	if a.RegionCode == "" {
		if a.Kind.Regional() {
			return sinergi.Errorf(sinergi.KindInvalid, "agency.error.region_required")
		}
		return nil
	}
	r, ok := s.regions.Lookup(a.RegionCode)
	if !ok {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.region_unknown", string(a.RegionCode))
	}
	fits := true
	switch a.Kind {
	case Provinsi:
		fits = r.Level == region.Province
	case Kabupaten:
		fits = r.Level == region.Regency && !r.IsCity()
	case Kota:
		fits = r.Level == region.Regency && r.IsCity()
	}
	if !fits {
		return sinergi.Errorf(sinergi.KindInvalid, "agency.error.region_kind_mismatch", string(a.RegionCode), string(a.Kind))
	}
	return nil
}

// record appends to the audit log; summary is a message key, args its
// arguments.
func (s *Service) record(ctx context.Context, actor access.Actor, a *Agency, action, summary string, args ...string) error {
	err := s.audit.Record(ctx, audit.Event{
		Actor:       actor,
		AgencyID:    a.ID,
		AgencyPath:  access.PathString(a.Path),
		Action:      action,
		TargetType:  "agency",
		TargetID:    strconv.FormatInt(a.ID, 10),
		Summary:     summary,
		SummaryArgs: args,
	})
	if err != nil {
		return fmt.Errorf("agency: %w", err)
	}
	return nil
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// Node is an agency with its children, for showing the tree.
type Node struct {
	*Agency
	Children []*Node
}

// Tree arranges agencies into a forest ordered by name. An agency whose
// parent is not in the list becomes a root of the forest.
func Tree(list []*Agency) []*Node {
	nodes := make(map[ID]*Node, len(list))
	for _, a := range list {
		nodes[a.ID] = &Node{Agency: a}
	}
	var roots []*Node
	for _, a := range list {
		n := nodes[a.ID]
		if p, ok := nodes[a.ParentID]; ok && a.ParentID != 0 {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var sortNodes func([]*Node)
	sortNodes = func(ns []*Node) {
		slices.SortFunc(ns, func(a, b *Node) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
		for _, n := range ns {
			sortNodes(n.Children)
		}
	}
	sortNodes(roots)
	return roots
}
