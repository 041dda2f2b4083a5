package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/region"
)

// request is what one request carries through the handlers: created by
// observe, completed by withRequest for the pages.
type request struct {
	log   *slog.Logger
	route string // the pattern that matched, set by Server.handle

	// Filled by withRequest.
	loaded bool
	tr     *i18n.Translator
	user   *auth.User // nil for a visitor
	sess   *auth.Session
	agency *agency.Agency // the user's agency; nil for a visitor
	loc    *time.Location // the user's agency's time zone; WIB for a visitor
	zone   string
	csrf   string // the token forms carry
}

type requestKey struct{}

// requestOf returns the request context, or nil outside observe.
func requestOf(r *http.Request) *request {
	rc, _ := r.Context().Value(requestKey{}).(*request)
	return rc
}

// actor returns the signed-in person as access sees them.
func (rc *request) actor() access.Actor {
	if rc.user == nil {
		return access.Actor{}
	}
	return rc.user.Actor()
}

// observe starts the request context with a child logger, recovers from
// panics, logs the request and records its metrics.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rc := &request{log: s.log.With("method", r.Method, "path", r.URL.Path)}
		r = r.WithContext(context.WithValue(r.Context(), requestKey{}, rc))
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				rc.log.Error("panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !rec.wrote {
					s.renderError(rec, r, http.StatusInternalServerError, nil)
				}
			}
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			elapsed := time.Since(start)
			route := rc.route
			if route == "" {
				route = "unmatched"
			}
			s.metrics.observe(route, status, elapsed)
			rc.log.Info("request", "route", route, "status", status, "duration_ms", elapsed.Milliseconds())
		}()
		next.ServeHTTP(rec, r)
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withRequest completes the request context for the pages: who is signed
// in, in which language and time zone to answer, and the form token.
func (s *Server) withRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := requestOf(r)
		if err := s.load(w, r, rc); err != nil {
			s.renderError(w, r, 0, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// load fills rc from the cookies and the database.
func (s *Server) load(w http.ResponseWriter, r *http.Request, rc *request) error {
	rc.loaded = true
	rc.loc, rc.zone = region.WIB.Location(), string(region.WIB)
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		sess, user, err := s.svc.Auth.Authenticate(r.Context(), c.Value)
		switch {
		case err == nil:
			rc.user, rc.sess, rc.csrf = user, sess, sess.CSRFToken
			rc.log = rc.log.With("user_id", user.ID)
		case errors.Is(err, sinergi.ErrNotFound):
			// Expired, ended or disabled: forget the cookie.
			s.clearCookie(w, r, sessionCookie)
		default:
			rc.tr = s.catalogs.Translator(s.language(r, nil))
			return fmt.Errorf("web: authenticate: %w", err)
		}
	}
	rc.tr = s.catalogs.Translator(s.language(r, rc.user))
	if rc.user == nil {
		rc.csrf = s.visitorToken(w, r)
		return nil
	}
	a, err := s.svc.Agencies.Find(r.Context(), rc.user.AgencyID)
	if err != nil {
		return fmt.Errorf("web: agency of user %d: %w", rc.user.ID, err)
	}
	rc.agency, rc.loc, rc.zone = a, a.Location(), string(a.TimeZone)
	return nil
}

// language picks the language of the answer: the signed-in person's own,
// else the lang cookie a visitor chose, else Indonesian. The browser's
// Accept-Language is not asked: Sinergi is Indonesian first, and many
// officials' browsers say English only because that is how they shipped.
func (s *Server) language(r *http.Request, user *auth.User) i18n.Lang {
	if user != nil {
		if l, ok := i18n.ParseLang(user.Language); ok {
			return l
		}
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := i18n.ParseLang(c.Value); ok {
			return l
		}
	}
	return i18n.Default
}

// signedIn lets only signed-in people through; a visitor is sent to the
// login page, and back here afterwards.
func (s *Server) signedIn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if requestOf(r).user != nil {
			h(w, r)
			return
		}
		target := "/masuk"
		if r.Method == http.MethodGet {
			target += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	}
}

// clientAddress is the address the request came from: the peer's, or,
// when the peer is one of the trusted proxies, the nearest address in
// X-Forwarded-For that is not a trusted proxy. Addresses further left
// than that are not believed: a client can send X-Forwarded-For itself,
// and the login limiter counts failures per address.
func (s *Server) clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !trusted(peer, s.proxies) {
		return host
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a hop the proxies did not write: believe no further
		}
		client = a.Unmap()
		if !trusted(client, s.proxies) {
			break
		}
	}
	return client.String()
}

// trusted reports whether a is inside one of the prefixes.
func trusted(a netip.Addr, proxies []netip.Prefix) bool {
	a = a.Unmap()
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// localPath returns next when it is a path on this site, else fallback.
// It refuses absolute URLs, scheme-relative ones ("//evil.example"),
// backslashes (which browsers read as slashes) and control characters, so
// a link cannot send someone elsewhere after they sign in.
func localPath(next, fallback string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\") {
		return fallback
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f {
			return fallback
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return fallback
	}
	return next
}
