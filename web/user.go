package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/auth"
)

// usersPerPage is the length of a page of the account list.
const usersPerPage = 50

// userListPage is the data of the account list.
type userListPage struct {
	pageLayout
	Users []*auth.User
	Query string
	Role  string
	Roles []access.Role
	Pager pager
}

// handleUserList lists the accounts an administrator administers: those of
// their agency and of the agencies below it. Others are refused (403).
func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	q := r.URL.Query()
	data := &userListPage{pageLayout: s.page(r), Query: strings.TrimSpace(q.Get("q")), Roles: access.Roles}
	f := auth.UserFilter{Query: data.Query, IncludeDisabled: true, Limit: usersPerPage}
	if role, err := access.ParseRole(q.Get("peran")); err == nil {
		f.Role, data.Role = role, string(role)
	}
	page := pageNumber(r)
	f.Offset = (page - 1) * usersPerPage
	users, total, err := s.svc.Auth.ListUsers(r.Context(), rc.actor(), f)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Users, data.Pager = users, newPager(r, page, total, usersPerPage)
	s.render(w, r, http.StatusOK, "user_list", data)
}

// userForm holds what the account form submits.
type userForm struct {
	Username  string
	Name      string
	Email     string
	AgencyID  int64
	Role      string
	Clearance int
}

// userNewPage is the data of the form that adds an account.
type userNewPage struct {
	pageLayout
	Values            userForm
	Form              formState
	Agencies          []parentOption
	Roles             []access.Role
	Clearances        []access.Level
	MinPasswordLength int
}

// handleUserNew shows the form that adds an account.
func (s *Server) handleUserNew(w http.ResponseWriter, r *http.Request) {
	u := requestOf(r).user
	v := userForm{AgencyID: u.AgencyID, Role: string(access.Staf), Clearance: int(access.Publik)}
	if id, err := strconv.ParseInt(r.URL.Query().Get("instansi"), 10, 64); err == nil {
		v.AgencyID = id
	}
	s.renderUserNew(w, r, http.StatusOK, v, formState{})
}

func (s *Server) renderUserNew(w http.ResponseWriter, r *http.Request, status int, v userForm, form formState) {
	u := requestOf(r).user
	if u.Role != access.Administrator {
		s.renderError(w, r, http.StatusForbidden, nil)
		return
	}
	agencies, err := s.agencyChoices(r.Context(), u, 0)
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.render(w, r, status, "user_new", &userNewPage{
		pageLayout: s.page(r), Values: v, Form: form, Agencies: agencies, Roles: access.Roles,
		Clearances: levelsUpTo(u.Clearance), MinPasswordLength: auth.MinPasswordLength,
	})
}

// handleUserCreate adds an account.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	f := r.PostForm
	agencyID, _ := strconv.ParseInt(f.Get("agency"), 10, 64)
	clearance, err := strconv.Atoi(f.Get("clearance"))
	if err != nil {
		clearance = -1 // the service refuses it with its own message
	}
	v := userForm{
		Username: f.Get("username"), Name: f.Get("name"), Email: f.Get("email"),
		AgencyID: agencyID, Role: f.Get("role"), Clearance: clearance,
	}
	_, err = s.svc.Auth.CreateUser(r.Context(), requestOf(r).actor(), auth.NewUser{
		AgencyID: v.AgencyID, Username: v.Username, Name: v.Name, Email: v.Email,
		Role: access.Role(v.Role), Clearance: access.Level(v.Clearance),
		Password: f.Get("password"),
	})
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		s.renderUserNew(w, r, status, v, form)
		return
	}
	http.Redirect(w, r, withNotice("/pengguna", "user_created"), http.StatusSeeOther)
}

// handleUserDisable disables an account and ends its sessions.
func (s *Server) handleUserDisable(w http.ResponseWriter, r *http.Request) {
	s.setDisabled(w, r, true)
}

// handleUserEnable enables an account again.
func (s *Server) handleUserEnable(w http.ResponseWriter, r *http.Request) {
	s.setDisabled(w, r, false)
}

func (s *Server) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.renderError(w, r, http.StatusNotFound, nil)
		return
	}
	if _, err := s.svc.Auth.SetDisabled(r.Context(), requestOf(r).actor(), id, disabled); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	code := "user_enabled"
	if disabled {
		code = "user_disabled"
	}
	http.Redirect(w, r, withNotice("/pengguna", code), http.StatusSeeOther)
}
