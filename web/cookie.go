package web

import (
	"net"
	"net/http"
	"strings"
	"time"
)

// The cookies Sinergi sets.
const (
	// sessionCookie holds the session token (its SHA-256 is the stored
	// session ID).
	sessionCookie = "sinergi_session"
	// csrfCookie holds a visitor's form token for the double-submit check
	// of the login and language forms, which are posted before a session
	// exists.
	csrfCookie = "sinergi_csrf"
	// langCookie holds the language a visitor chose.
	langCookie = "lang"
)

// langCookieLifetime keeps a visitor's choice of language for a year.
const langCookieLifetime = 365 * 24 * time.Hour

// setCookie sets c with the attributes every Sinergi cookie has: Path=/,
// HttpOnly (no script reads them), SameSite=Lax unless c asks for Strict,
// and Secure whenever the browser will keep a Secure cookie (see secure).
func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, c *http.Cookie) {
	c.Path = "/"
	c.HttpOnly = true
	if c.SameSite != http.SameSiteStrictMode {
		c.SameSite = http.SameSiteLaxMode
	}
	c.Secure = s.secure(r)
	http.SetCookie(w, c)
}

// clearCookie tells the browser to forget a cookie.
func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	s.setCookie(w, r, &http.Cookie{Name: name, Value: "", MaxAge: -1})
}

// secure reports whether cookies for r may carry the Secure attribute:
// when the request came over TLS, through a proxy that says it received
// HTTPS, or to a loopback host (browsers keep Secure cookies from
// http://localhost). On any other plain-HTTP host a Secure cookie would be
// dropped by the browser and nobody could sign in, so the attribute is left
// out and a warning is logged, once.
func (s *Server) secure(r *http.Request) bool {
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") || loopbackHost(r.Host) {
		return true
	}
	s.insecureOnce.Do(func() {
		s.log.Warn("cookies are sent without the Secure attribute because the site is served over plain HTTP; "+
			"serve Sinergi over HTTPS (or behind a proxy that sets X-Forwarded-Proto: https)", "host", r.Host)
	})
	return false
}

// loopbackHost reports whether a Host header names this machine: localhost
// (or a name under .localhost), 127.0.0.0/8 or [::1], with or without a
// port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
