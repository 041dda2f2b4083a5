package web

import (
	"net/http"
	"strconv"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/i18n"
)

// loginPage is the data of the login form.
type loginPage struct {
	pageLayout
	Next     string
	Username string
	Form     formState
}

// handleRoot sends a signed-in person to the dashboard and a visitor to
// the login page.
func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	target := "/masuk"
	if requestOf(r).user != nil {
		target = "/dasbor"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// handleLoginForm shows the login form; a signed-in person goes on to
// where they were going.
func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"), "/dasbor")
	if requestOf(r).user != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", &loginPage{pageLayout: s.page(r), Next: next})
}

// handleLogin checks the credentials, starts a session and goes to the
// page the person asked for (a local path only) or the dashboard. A wrong
// username or password re-shows the form (400); too many failures answer
// 429 with the minutes to wait.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostForm.Get("next"), "/dasbor")
	username := r.PostForm.Get("username")
	creds := auth.Credentials{
		Username:  username,
		Password:  r.PostForm.Get("password"),
		Address:   s.clientAddress(r),
		UserAgent: r.UserAgent(),
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		creds.OldSessionID = auth.SessionID(c.Value)
	}
	token, sess, _, err := s.svc.Auth.Login(r.Context(), creds)
	if err != nil {
		form, status, ok := s.formError(r, err)
		if !ok {
			s.renderError(w, r, 0, err)
			return
		}
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(err)))
		}
		s.render(w, r, status, "login", &loginPage{pageLayout: s.page(r), Next: next, Username: username, Form: form})
		return
	}
	s.setCookie(w, r, &http.Cookie{Name: sessionCookie, Value: token, Expires: sess.ExpiresAt})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// retryAfterSeconds reads the minutes to wait from a rate-limit error.
func retryAfterSeconds(err error) int {
	if _, args, ok := sinergi.MessageOf(err); ok && len(args) > 0 {
		if minutes, ok := args[0].(int); ok && minutes > 0 {
			return minutes * 60
		}
	}
	return 60
}

// handleLogout ends the session and forgets the cookie.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	if err := s.svc.Auth.Logout(r.Context(), rc.user, rc.sess, s.clientAddress(r)); err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, withNotice("/masuk", "logged_out"), http.StatusSeeOther)
}

// handleLanguage switches the language: a cookie for a visitor, and the
// account's own setting for a signed-in person. It goes back to the page
// the form was on.
func (s *Server) handleLanguage(w http.ResponseWriter, r *http.Request) {
	lang, ok := i18n.ParseLang(r.PostForm.Get("lang"))
	if !ok {
		s.renderError(w, r, 0, sinergi.Errorf(sinergi.KindInvalid, "profile.error.language"))
		return
	}
	rc := requestOf(r)
	if rc.user != nil {
		if err := s.svc.Auth.SetLanguage(r.Context(), rc.user, string(lang)); err != nil {
			s.renderError(w, r, 0, err)
			return
		}
	}
	s.setCookie(w, r, &http.Cookie{Name: langCookie, Value: string(lang), MaxAge: int(langCookieLifetime.Seconds())})
	http.Redirect(w, r, localPath(r.PostForm.Get("next"), "/"), http.StatusSeeOther)
}
