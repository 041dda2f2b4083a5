package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"mime"
	"net/http"

	"github.com/sinergi-id/sinergi/auth"
)

// Forged requests are stopped twice. First http.CrossOriginProtection
// (routes.go) refuses state-changing requests that a browser marks as
// cross-site (Sec-Fetch-Site, else Origin against Host). Then checkCSRF
// requires the form's hidden field "csrf":
//
//   - for a signed-in person, the session's own token (auth.ValidCSRF), so
//     a token is worthless outside the session it was issued for;
//   - for the forms a visitor posts before any session exists (login,
//     language and the hoax check, see publicForm), a double-submit token: a random
//     value in the sinergi_csrf cookie (HttpOnly, SameSite=Strict) that the
//     form must repeat. Another site can neither read the cookie nor
//     guess the value.

// csrfField is the name of the hidden form field holding the token.
const csrfField = "csrf"

// publicForm reports whether path is a form a visitor may post: the login
// and the language forms, and the public hoax check.
func publicForm(path string) bool {
	return path == "/masuk" || path == "/bahasa" || path == hoaxCheckPath
}

// maxBodyBytes bounds every request body; forms are small. The one form
// that uploads a file, Tangkal's import, may send maxUploadBytes.
const (
	maxBodyBytes   = 1 << 20
	maxUploadBytes = 16 << 20
	// uploadMemory is how much of an upload is held in memory; the rest
	// waits in a temporary file until the request ends.
	uploadMemory = 4 << 20
)

// limitBody stops reading request bodies after maxBodyBytes
// (maxUploadBytes for the import form).
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			limit := int64(maxBodyBytes)
			if r.URL.Path == tangkalImportPath {
				limit = maxUploadBytes
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

// checkCSRF lets through safe methods and state-changing requests whose
// form carries the right token; others get the 403 page.
func (s *Server) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		parse := r.ParseForm
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
			parse = func() error { return r.ParseMultipartForm(uploadMemory) }
		}
		if err := parse(); err != nil {
			s.renderFormParseError(w, r, err)
			return
		}
		rc := requestOf(r)
		token := r.PostForm.Get(csrfField)
		if rc.sess != nil && auth.ValidCSRF(rc.sess, token) ||
			publicForm(r.URL.Path) && validVisitorToken(r, token) {
			next.ServeHTTP(w, r)
			return
		}
		rc.log.Warn("form token missing or wrong", "signed_in", rc.user != nil)
		s.renderErrorKey(w, r, http.StatusForbidden, "error.csrf")
	})
}

// renderFormParseError answers a body that could not be read: too large
// (413) or malformed (400).
func (s *Server) renderFormParseError(w http.ResponseWriter, r *http.Request, err error) {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.renderErrorKey(w, r, http.StatusRequestEntityTooLarge, "error.too_large")
		return
	}
	s.renderErrorKey(w, r, http.StatusBadRequest, "error.invalid")
}

// visitorToken returns the visitor's double-submit token, setting the
// cookie when there is none yet.
func (s *Server) visitorToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && wellFormedToken(c.Value) {
		return c.Value
	}
	token := newToken()
	s.setCookie(w, r, &http.Cookie{Name: csrfCookie, Value: token, SameSite: http.SameSiteStrictMode})
	return token
}

// validVisitorToken reports whether the form's token repeats the cookie's.
func validVisitorToken(r *http.Request, token string) bool {
	c, err := r.Cookie(csrfCookie)
	return err == nil && wellFormedToken(c.Value) && token != "" &&
		subtle.ConstantTimeCompare([]byte(c.Value), []byte(token)) == 1
}

// tokenBytes is the entropy of a visitor token.
const tokenBytes = 32

// newToken returns a random token, base64url without padding.
func newToken() string {
	b := make([]byte, tokenBytes)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// wellFormedToken reports whether s looks like a token newToken made.
func wellFormedToken(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == tokenBytes
}
