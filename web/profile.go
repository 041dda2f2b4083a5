package web

import (
	"net/http"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/i18n"
)

// profilePage is the data of a person's own page.
type profilePage struct {
	pageLayout
	Form              formState // the error of the password form
	MinPasswordLength int
}

// handleProfile shows a person's account, the password form and the
// language setting.
func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request) {
	s.renderProfile(w, r, http.StatusOK, formState{})
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, status int, form formState) {
	s.render(w, r, status, "profile", &profilePage{pageLayout: s.page(r), Form: form, MinPasswordLength: auth.MinPasswordLength})
}

// handleProfilePassword changes a person's own password. Their other
// sessions end; the one in use stays.
func (s *Server) handleProfilePassword(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	f := r.PostForm
	next := f.Get("password")
	var err error
	if next != f.Get("confirm") {
		err = sinergi.Errorf(sinergi.KindInvalid, "profile.error.password_mismatch")
	} else {
		err = s.svc.Auth.ChangePassword(r.Context(), rc.user, f.Get("current"), next, rc.sess.ID)
	}
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		s.renderProfile(w, r, status, form)
		return
	}
	http.Redirect(w, r, withNotice("/profil", "password_changed"), http.StatusSeeOther)
}

// handleProfileLanguage saves a person's language, and sets the language
// cookie too so the login page speaks it after they sign out.
func (s *Server) handleProfileLanguage(w http.ResponseWriter, r *http.Request) {
	lang, ok := i18n.ParseLang(r.PostForm.Get("lang"))
	if !ok {
		s.renderError(w, r, 0, sinergi.Errorf(sinergi.KindInvalid, "profile.error.language"))
		return
	}
	if err := s.svc.Auth.SetLanguage(r.Context(), requestOf(r).user, string(lang)); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.setCookie(w, r, &http.Cookie{Name: langCookie, Value: string(lang), MaxAge: int(langCookieLifetime.Seconds())})
	http.Redirect(w, r, withNotice("/profil", "language_saved"), http.StatusSeeOther)
}
