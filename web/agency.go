package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/region"
)

// maxAgencies bounds the agencies one page reads: the whole national tree
// (ministries, 38 provinces, 514 kabupaten/kota, TNI, Polri, BUMN...) is
// well under it.
const maxAgencies = 5000

// agencyListPage is the data of the agency tree.
type agencyListPage struct {
	pageLayout
	Query     string
	Kind      string
	Kinds     []agency.Kind
	Tree      []*agency.Node
	Total     int
	CanCreate bool
}

// handleAgencyList shows the tree of agencies, filtered by name and kind.
// When a filter hides an agency's parent, the agency is shown at the top.
func (s *Server) handleAgencyList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := &agencyListPage{
		pageLayout: s.page(r),
		Query:      strings.TrimSpace(q.Get("q")),
		Kinds:      agency.Kinds,
		CanCreate:  requestOf(r).user.Role == access.Administrator,
	}
	f := agency.Filter{Query: data.Query, Limit: maxAgencies}
	if k, err := agency.ParseKind(q.Get("jenis")); err == nil {
		f.Kind, data.Kind = k, string(k)
	}
	list, total, err := s.svc.Agencies.List(r.Context(), f)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Tree, data.Total = agency.Tree(list), total
	s.render(w, r, http.StatusOK, "agency_list", data)
}

// agencyViewPage is the data of one agency.
type agencyViewPage struct {
	pageLayout
	A         *agency.Agency
	Parent    *agency.Agency
	Region    *region.Region  // nil when the agency has no kode wilayah
	Above     []region.Region // the regions above Region, province first
	Children  []*agency.Agency
	CanEdit   bool
	ShowUsers bool
	UserCount int
}

// handleAgencyView shows an agency: its parent, its region in the
// gazetteer, its time zone, its children, and to its administrators the
// number of accounts.
func (s *Server) handleAgencyView(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, ok := s.agencyFromPath(w, r)
	if !ok {
		return
	}
	rc := requestOf(r)
	data := &agencyViewPage{pageLayout: s.page(r), A: a, CanEdit: access.Can(rc.actor(), access.Administer, a.Resource(access.Publik))}
	if a.ParentID != 0 {
		p, err := s.svc.Agencies.Find(ctx, a.ParentID)
		if err != nil {
			s.renderError(w, r, 0, fmt.Errorf("web: parent of agency %d: %w", a.ID, err))
			return
		}
		data.Parent = p
	}
	if reg, ok := s.regions.Lookup(a.RegionCode); ok && a.RegionCode != "" {
		data.Region, data.Above = &reg, s.regions.Ancestors(a.RegionCode)
	}
	parent := a.ID
	children, _, err := s.svc.Agencies.List(ctx, agency.Filter{Parent: &parent, Limit: maxAgencies})
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Children = children
	if data.CanEdit { // an administrator of the agency or of one above it
		data.ShowUsers = true
		_, data.UserCount, err = s.svc.Auth.ListUsers(ctx, rc.actor(), auth.UserFilter{AgencyID: a.ID, IncludeDisabled: true, Limit: 1})
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "agency_view", data)
}

// agencyFromPath loads the agency named by the {id} of the path, or
// answers 404.
func (s *Server) agencyFromPath(w http.ResponseWriter, r *http.Request) (*agency.Agency, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return nil, false
	}
	a, err := s.svc.Agencies.Find(r.Context(), id)
	if err != nil {
		s.renderError(w, r, 0, err)
		return nil, false
	}
	return a, true
}

// agencyForm holds what the agency forms submit, as typed.
type agencyForm struct {
	Name       string
	ShortName  string
	Kind       string
	ParentID   int64
	RegionCode string
	TimeZone   string
	Email      string
	Website    string
	Leader     string
	BriefAt    string
}

// readAgencyForm reads the fields of the agency forms.
func readAgencyForm(r *http.Request) agencyForm {
	f := r.PostForm
	parent, _ := strconv.ParseInt(f.Get("parent"), 10, 64)
	return agencyForm{
		Name:       f.Get("name"),
		ShortName:  f.Get("short_name"),
		Kind:       f.Get("kind"),
		ParentID:   parent,
		RegionCode: strings.TrimSpace(f.Get("region_code")),
		TimeZone:   f.Get("time_zone"),
		Email:      f.Get("email"),
		Website:    f.Get("website"),
		Leader:     f.Get("leader"),
		BriefAt:    f.Get("brief_at"),
	}
}

// regionCode parses the typed kode wilayah; empty is no code.
func (f agencyForm) regionCode() (region.Code, error) {
	if f.RegionCode == "" {
		return "", nil
	}
	return region.ParseCode(f.RegionCode)
}

// timeZone parses the chosen zone; empty means "follow the region".
func (f agencyForm) timeZone() (region.TimeZone, error) {
	if f.TimeZone == "" {
		return "", nil
	}
	z, err := region.ParseTimeZone(f.TimeZone)
	if err != nil {
		return "", &sinergi.Error{Kind: sinergi.KindInvalid, Key: "agency.error.timezone_invalid", Err: err}
	}
	return z, nil
}

// parentOption is one agency a parent select offers.
type parentOption struct {
	ID    int64
	Name  string
	Depth int // below the first option, for indenting
}

// agencyChoices returns the agencies the person administers (their own
// and those below it), for the selects of the forms, leaving out the
// subtree of skip (an agency cannot move under itself).
func (s *Server) agencyChoices(ctx context.Context, u *auth.User, skip int64) ([]parentOption, error) {
	if u.Role != access.Administrator {
		return nil, nil
	}
	list, _, err := s.svc.Agencies.List(ctx, agency.Filter{Under: u.AgencyID, Limit: maxAgencies})
	if err != nil {
		return nil, fmt.Errorf("web: agencies of user %d: %w", u.ID, err)
	}
	base := len(u.AgencyPath)
	var opts []parentOption
	for _, a := range list {
		if skip != 0 && slices.Contains(a.Path, skip) {
			continue
		}
		opts = append(opts, parentOption{ID: a.ID, Name: a.Name, Depth: max(len(a.Path)-base, 0)})
	}
	return opts, nil
}

// mayCreateRoot mirrors the rule of agency.Service: only an administrator
// of a root agency (a network coordinator) adds agencies at the top.
func mayCreateRoot(u *auth.User) bool {
	return u.Role == access.Administrator && len(u.AgencyPath) == 1
}

// agencyNewPage is the data of the page that adds an agency, from the
// gazetteer or by hand.
type agencyNewPage struct {
	pageLayout
	RegionQuery string
	// RegionParent is the agency chosen to hold the new one ("Add an agency
	// under it"); when zero the service finds the parent.
	RegionParent     int64
	RegionParentName string
	Searched         bool
	Candidates       []regionCandidate
	RegionForm       formState // the error of a create-from-region
	Values           agencyForm
	Form             formState // the error of the manual form
	Kinds            []agency.Kind
	Zones            []region.TimeZone
	Parents          []parentOption
	AllowRoot        bool
}

// regionCandidate is a region the gazetteer search found, with the agency
// already made from it, if any.
type regionCandidate struct {
	region.Candidate
	Existing *agency.Agency
}

// maxCandidates is how many regions the gazetteer search lists.
const maxCandidates = 20

// handleAgencyNew shows the two ways to add an agency.
func (s *Server) handleAgencyNew(w http.ResponseWriter, r *http.Request) {
	u := requestOf(r).user
	values := agencyForm{Kind: string(agency.Lainnya), ParentID: u.AgencyID}
	if p, err := strconv.ParseInt(r.URL.Query().Get("induk"), 10, 64); err == nil {
		values.ParentID = p
	}
	s.renderAgencyNew(w, r, http.StatusOK, values, formState{}, formState{})
}

// renderAgencyNew renders the add-agency page, with the gazetteer search
// of ?wilayah= done.
func (s *Server) renderAgencyNew(w http.ResponseWriter, r *http.Request, status int, values agencyForm, form, regionForm formState) {
	ctx := r.Context()
	u := requestOf(r).user
	if u.Role != access.Administrator {
		s.renderError(w, r, http.StatusForbidden, nil)
		return
	}
	parents, err := s.agencyChoices(ctx, u, 0)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data := &agencyNewPage{
		pageLayout: s.page(r), Values: values, Form: form, RegionForm: regionForm,
		Kinds: agency.Kinds, Zones: zones(), Parents: parents, AllowRoot: mayCreateRoot(u),
		RegionQuery: strings.TrimSpace(r.URL.Query().Get("wilayah")),
	}
	if rq := r.PostForm.Get("wilayah"); rq != "" {
		data.RegionQuery = rq
	}
	induk := r.URL.Query().Get("induk")
	if r.Method == http.MethodPost {
		induk = r.PostForm.Get("induk")
	}
	if id, err := strconv.ParseInt(induk, 10, 64); err == nil {
		for _, p := range parents {
			if p.ID == id {
				data.RegionParent, data.RegionParentName = p.ID, p.Name
			}
		}
	}
	if data.RegionQuery != "" {
		data.Searched = true
		if data.Candidates, err = s.regionCandidates(ctx, data.RegionQuery); err != nil {
			s.renderError(w, r, 0, err)
			return
		}
	}
	s.render(w, r, status, "agency_new", data)
}

// regionCandidates searches the gazetteer for provinces, kabupaten and kota
// and says which already have an agency.
func (s *Server) regionCandidates(ctx context.Context, q string) ([]regionCandidate, error) {
	var out []regionCandidate
	for _, c := range s.regions.Search(q, 0) {
		if c.Level != region.Province && c.Level != region.Regency {
			continue
		}
		rc := regionCandidate{Candidate: c}
		list, _, err := s.svc.Agencies.List(ctx, agency.Filter{RegionCode: c.Code, Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("web: agencies of region %s: %w", c.Code, err)
		}
		if len(list) > 0 {
			rc.Existing = list[0]
		}
		out = append(out, rc)
		if len(out) == maxCandidates {
			break
		}
	}
	return out, nil
}

// handleAgencyCreate adds an agency from the manual form.
func (s *Server) handleAgencyCreate(w http.ResponseWriter, r *http.Request) {
	values := readAgencyForm(r)
	a, err := s.createAgency(r, values)
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		s.renderAgencyNew(w, r, status, values, form, formState{})
		return
	}
	http.Redirect(w, r, withNotice(agencyPath(a.ID), "agency_created"), http.StatusSeeOther)
}

func (s *Server) createAgency(r *http.Request, v agencyForm) (*agency.Agency, error) {
	code, err := v.regionCode()
	if err != nil {
		return nil, err
	}
	zone, err := v.timeZone()
	if err != nil {
		return nil, err
	}
	a := &agency.Agency{
		ParentID: v.ParentID, Name: v.Name, ShortName: v.ShortName, Kind: agency.Kind(v.Kind),
		RegionCode: code, TimeZone: zone, Email: v.Email, Website: v.Website, Leader: v.Leader, BriefAt: v.BriefAt,
	}
	if err := s.svc.Agencies.Create(r.Context(), requestOf(r).actor(), a); err != nil {
		return nil, err
	}
	return a, nil
}

// handleAgencyCreateFromRegion adds the Humas agency of a province,
// kabupaten or kota from its kode wilayah (field kode), under the agency
// of field induk or, when empty, the one the service finds.
func (s *Server) handleAgencyCreateFromRegion(w http.ResponseWriter, r *http.Request) {
	a, err := s.createFromRegion(r)
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		u := requestOf(r).user
		s.renderAgencyNew(w, r, status, agencyForm{Kind: string(agency.Lainnya), ParentID: u.AgencyID}, formState{}, form)
		return
	}
	http.Redirect(w, r, withNotice(agencyPath(a.ID), "agency_created"), http.StatusSeeOther)
}

func (s *Server) createFromRegion(r *http.Request) (*agency.Agency, error) {
	code, err := region.ParseCode(r.PostForm.Get("kode"))
	if err != nil {
		return nil, err
	}
	var parent int64
	if p := r.PostForm.Get("induk"); p != "" {
		if parent, err = strconv.ParseInt(p, 10, 64); err != nil || parent < 0 {
			return nil, sinergi.Errorf(sinergi.KindInvalid, "agency.error.parent_unknown")
		}
	}
	return s.svc.Agencies.CreateFromRegion(r.Context(), requestOf(r).actor(), code, parent)
}

// agencyEditPage is the data of the form that changes an agency.
type agencyEditPage struct {
	pageLayout
	A         *agency.Agency
	Values    agencyForm
	Form      formState
	Kinds     []agency.Kind
	Zones     []region.TimeZone
	Parents   []parentOption
	AllowRoot bool
}

// handleAgencyEdit shows the form that changes an agency.
func (s *Server) handleAgencyEdit(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agencyFromPath(w, r)
	if !ok {
		return
	}
	v := agencyForm{
		Name: a.Name, ShortName: a.ShortName, Kind: string(a.Kind), ParentID: a.ParentID,
		RegionCode: string(a.RegionCode), Email: a.Email, Website: a.Website, Leader: a.Leader, BriefAt: a.BriefAt,
	}
	if a.RegionCode == "" || a.TimeZone != region.TimeZoneOf(a.RegionCode) {
		v.TimeZone = string(a.TimeZone)
	}
	s.renderAgencyEdit(w, r, http.StatusOK, a, v, formState{})
}

func (s *Server) renderAgencyEdit(w http.ResponseWriter, r *http.Request, status int, a *agency.Agency, v agencyForm, form formState) {
	rc := requestOf(r)
	if !access.Can(rc.actor(), access.Administer, a.Resource(access.Publik)) {
		s.renderError(w, r, http.StatusForbidden, nil)
		return
	}
	parents, err := s.agencyChoices(r.Context(), rc.user, a.ID)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	if a.ParentID != 0 && !containsOption(parents, a.ParentID) {
		// The current parent lies above the administrator's reach; keep it
		// on offer so that saving does not move the agency.
		p, err := s.svc.Agencies.Find(r.Context(), a.ParentID)
		if err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		parents = append([]parentOption{{ID: p.ID, Name: p.Name}}, parents...)
	}
	s.render(w, r, status, "agency_edit", &agencyEditPage{
		pageLayout: s.page(r), A: a, Values: v, Form: form, Kinds: agency.Kinds, Zones: zones(),
		Parents: parents, AllowRoot: mayCreateRoot(rc.user) || a.ParentID == 0,
	})
}

func containsOption(opts []parentOption, id int64) bool {
	for _, o := range opts {
		if o.ID == id {
			return true
		}
	}
	return false
}

// handleAgencyUpdate saves the agency form.
func (s *Server) handleAgencyUpdate(w http.ResponseWriter, r *http.Request) {
	a, ok := s.agencyFromPath(w, r)
	if !ok {
		return
	}
	v := readAgencyForm(r)
	updated, err := s.updateAgency(r, a, v)
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		s.renderAgencyEdit(w, r, status, a, v, form)
		return
	}
	http.Redirect(w, r, withNotice(agencyPath(updated.ID), "agency_updated"), http.StatusSeeOther)
}

func (s *Server) updateAgency(r *http.Request, a *agency.Agency, v agencyForm) (*agency.Agency, error) {
	code, err := v.regionCode()
	if err != nil {
		return nil, err
	}
	zone, err := v.timeZone()
	if err != nil {
		return nil, err
	}
	kind := agency.Kind(v.Kind)
	u := agency.Update{
		Name: &v.Name, ShortName: &v.ShortName, Kind: &kind, Email: &v.Email, Website: &v.Website,
		RegionCode: &code, Leader: &v.Leader, BriefAt: &v.BriefAt,
	}
	if v.ParentID != a.ParentID {
		u.ParentID = &v.ParentID
	}
	if zone != "" {
		u.TimeZone = &zone
	}
	return s.svc.Agencies.Update(r.Context(), requestOf(r).actor(), a.ID, u)
}

// agencyPath is the URL of an agency's page.
func agencyPath(id int64) string { return "/instansi/" + strconv.FormatInt(id, 10) }
