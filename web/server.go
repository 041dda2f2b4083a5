// Package web is Sinergi's user interface: server-rendered HTML pages over
// net/http that work without JavaScript, in Indonesian first and English
// second.
//
// The shape of the package:
//
//   - routes.go lists every route and the middleware around them;
//   - one file per module holds its handlers (agency.go, user.go,
//     network.go, pantau.go, source.go, ingest.go, monitor.go,
//     notification.go, issues.go, audit.go, profile.go, auth.go, module.go;
//     tangkal.go and tangkal_public.go for the hoax registry and the
//     public hoax check);
//   - render.go parses the embedded templates once at start and renders a
//     page per request on a clone bound to the request's translator;
//   - request.go builds the per-request context (user, session, language,
//     time zone); cookie.go and csrf.go hold the rules for cookies and
//     forged requests; error.go maps error kinds to HTTP statuses in one
//     function;
//   - static.go serves the embedded stylesheet under a content-hashed name;
//     metrics.go counts and times requests for Prometheus.
package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/ratelimit"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
)

// Config is what the web server needs from the program that starts it.
type Config struct {
	// Logger receives one line per request and every internal error; nil
	// discards them.
	Logger *slog.Logger
	// Version is shown in the footer to signed-in people.
	Version string
	// SourceURL is where the program's source can be had; every page links
	// to it, as the AGPL asks of software used over a network.
	SourceURL string
	// Catalogs translates every visible text. Required.
	Catalogs *i18n.Catalogs
	// Regions is the gazetteer, for creating agencies from a kode wilayah
	// and naming regions. Required.
	Regions *region.Gazetteer
	// Metrics receives the HTTP metrics, and /metrics serves it. When nil,
	// the server uses a registry of its own.
	Metrics *prometheus.Registry
	// Clock tells the time; nil means the system clock.
	Clock sinergi.Clock
	// PublicURL is the address the outside world reaches the server at,
	// for the links in the ClaimReview JSON-LD; "" takes the request's
	// host.
	PublicURL string
	// TrustedProxies are the reverse proxies in front of the server (nginx,
	// a load balancer). A request from one of them is counted against the
	// client address its X-Forwarded-For names (the login and hoax-check
	// limits, the audit log); from any other peer, the header is ignored.
	TrustedProxies []netip.Prefix
}

// Services are the domain services the pages use. All are required.
type Services struct {
	Agencies *agency.Service
	Auth     *auth.Service
	Audit    *audit.Log
	Network  *network.Service
	// Archive searches the monitored items, for Pantau.
	Archive *archive.Service
	// Sources is Pantau's registry of watched sources.
	Sources *source.Service
	// Ingest tells what polling knows of the feeds: their health, the
	// pipeline's counts and the open alarms.
	Ingest *ingest.Pipeline
	// Monitor keeps the saved searches and the notifications their alerts
	// raise.
	Monitor *monitor.Service
	// Issues lists the agencies' issues and takes analysts' corrections.
	Issues *issuetrack.Tracker
	// Briefs keeps the leadership briefs.
	Briefs *brief.Service
	// Hoaxes is Tangkal's registry: the analysts' pages and the public
	// hoax check.
	Hoaxes *hoax.Service
	// Fetcher fetches the page a citizen's hoax check names.
	Fetcher *safehttp.Client
	// Ping checks the database, for /healthz.
	Ping func(context.Context) error
}

// Server is Sinergi's HTTP handler. It is safe for concurrent use.
type Server struct {
	log     *slog.Logger
	version string
	source  string
	// publicURL is Config.PublicURL.
	publicURL string
	catalogs  *i18n.Catalogs
	regions   *region.Gazetteer
	clock     sinergi.Clock
	registry  *prometheus.Registry
	svc       Services

	pages   map[string]*template.Template
	assets  *assets
	metrics *httpMetrics
	handler http.Handler
	// app is the mux of the pages, kept so tests can ask which pattern a
	// URL reaches.
	app *http.ServeMux
	// patterns lists every registered route pattern, in registration order.
	patterns []string

	// checks limits the public hoax checks per client address.
	checks *ratelimit.Window
	// proxies is Config.TrustedProxies.
	proxies []netip.Prefix

	// insecureOnce makes the warning about cookies without Secure appear
	// once per server, not once per request.
	insecureOnce sync.Once
}

// New builds the server: it checks the configuration, parses every
// template (failing if one is broken), hashes the static assets and
// registers the HTTP metrics.
func New(cfg Config, svc Services) (*Server, error) {
	if err := check(cfg, svc); err != nil {
		return nil, err
	}
	s := &Server{
		log:       cfg.Logger,
		version:   cfg.Version,
		source:    cfg.SourceURL,
		publicURL: cfg.PublicURL,
		catalogs:  cfg.Catalogs,
		regions:   cfg.Regions,
		clock:     cfg.Clock,
		registry:  cfg.Metrics,
		svc:       svc,
		checks:    ratelimit.New(checksPerWindow, checkWindow),
		proxies:   cfg.TrustedProxies,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = sinergi.SystemClock{}
	}
	if s.registry == nil {
		s.registry = prometheus.NewRegistry()
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(templateFS, s.staticFuncs(), s.catalogs.Translator(i18n.Default)); err != nil {
		return nil, err
	}
	if s.metrics, err = newHTTPMetrics(s.registry); err != nil {
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// check names the first missing part of the configuration.
func check(cfg Config, svc Services) error {
	missing := func(name string) error { return fmt.Errorf("web: %s is required", name) }
	switch {
	case cfg.Catalogs == nil:
		return missing("Config.Catalogs")
	case cfg.Regions == nil:
		return missing("Config.Regions")
	case svc.Agencies == nil:
		return missing("Services.Agencies")
	case svc.Auth == nil:
		return missing("Services.Auth")
	case svc.Audit == nil:
		return missing("Services.Audit")
	case svc.Network == nil:
		return missing("Services.Network")
	case svc.Archive == nil:
		return missing("Services.Archive")
	case svc.Sources == nil:
		return missing("Services.Sources")
	case svc.Ingest == nil:
		return missing("Services.Ingest")
	case svc.Monitor == nil:
		return missing("Services.Monitor")
	case svc.Issues == nil:
		return missing("Services.Issues")
	case svc.Briefs == nil:
		return missing("Services.Briefs")
	case svc.Hoaxes == nil:
		return missing("Services.Hoaxes")
	case svc.Fetcher == nil:
		return missing("Services.Fetcher")
	case svc.Ping == nil:
		return missing("Services.Ping")
	}
	return nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// errNoPage is returned by render when a page name has no template: a bug.
var errNoPage = errors.New("web: no such page template")
