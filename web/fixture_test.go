package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// testPassword is every fixture account's password.
const testPassword = "kata-sandi-uji-2026"

// The gazetteer, catalogs and analysis models are read-only; tests share
// one load of each. The models load only when a test touches the archive.
var (
	loadGazetteer = sync.OnceValues(region.Load)
	loadCatalogs  = sync.OnceValues(i18n.Load)
	loadAnalyzer  = sync.OnceValues(func() (*analysis.Analyzer, error) {
		g, err := loadGazetteer()
		if err != nil {
			return nil, err
		}
		return analysis.New(g)
	})
)

// fixture is a server over a fresh SQLite database with a small network:
//
//	Kementerian Komunikasi dan Digital (root)   admin: administrator RAHASIA
//	├── Humas Pemerintah Provinsi Jambi         adminjambi: administrator RAHASIA
//	│   │                                       kepala: kepala_humas RAHASIA
//	│   │                                       analis: analis TERBATAS
//	│   └── Humas Pemerintah Kabupaten Muaro Jambi   staf: staf PUBLIK
//	└── Humas Pemerintah Provinsi Sulawesi Selatan   editorsulsel: editor TERBATAS
//	                                                 kepalasulsel: kepala_humas RAHASIA
//
// and four key messages: RAHASIA, TERBATAS and PUBLIK of Jambi, TERBATAS of
// Sulawesi Selatan.
type fixture struct {
	t       *testing.T
	srv     *Server
	ts      *httptest.Server
	logs    *syncBuffer
	dbDown  atomic.Bool
	svc     Services
	db      *store.DB // for what no service writes: the state polling leaves
	reg     *prometheus.Registry
	agency  map[string]*agency.Agency // root, jambi, muaro, sulsel
	user    map[string]*auth.User
	message map[string]*network.KeyMessage // rahasia, terbatas, publik, sulsel
}

// newFixture builds the fixture over a fresh SQLite database; configure,
// when given, may adjust the services before the server starts.
func newFixture(t *testing.T, configure ...func(*Services)) *fixture {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sinergi.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return newFixtureOn(t, db, configure...)
}

// newFixtureOn builds the fixture over db, for the tests that run on both
// engines (storetest.ForEachEngine).
func newFixtureOn(t *testing.T, db *store.DB, configure ...func(*Services)) *fixture {
	t.Helper()
	ctx := context.Background()
	g, err := loadGazetteer()
	if err != nil {
		t.Fatalf("region.Load: %v", err)
	}
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatalf("i18n.Load: %v", err)
	}
	f := &fixture{t: t, db: db, logs: &syncBuffer{}, reg: prometheus.NewRegistry(),
		agency: map[string]*agency.Agency{}, user: map[string]*auth.User{}, message: map[string]*network.KeyMessage{}}
	log := audit.NewLog(db, sinergi.SystemClock{})
	agencies := agency.NewService(db, g, log)
	archives := archive.NewService(db, loadAnalyzer, g, agencies, log, sinergi.SystemClock{})
	metrics, err := ingest.NewMetrics(f.reg)
	if err != nil {
		t.Fatalf("ingest.NewMetrics: %v", err)
	}
	// The pipeline may fetch from loopback: tests serve their feeds there.
	fetcher := safehttp.New(safehttp.Options{AllowPrivate: true})
	users := auth.NewService(db, agencies, log, sinergi.SystemClock{})
	pipelineLog := slog.New(slog.NewTextHandler(f.logs, nil))
	// The Alerter is the pipeline's matcher, as in cmd/sinergi: an item
	// stored by the pipeline raises the instant alerts of saved searches.
	alerter := monitor.NewAlerter(db, users, archives, sinergi.SystemClock{}, pipelineLog)
	// The issue tracker takes every stored item too.
	tracker, err := issuetrack.New(db, log, sinergi.SystemClock{}, pipelineLog, issue.Options{})
	if err != nil {
		t.Fatalf("issuetrack.New: %v", err)
	}
	// Tangkal's registry matches every stored item, as in cmd/sinergi.
	hoaxes := hoax.NewService(db, log, sinergi.SystemClock{}, loadAnalyzer, pipelineLog, hoax.Options{})
	f.svc = Services{
		Agencies: agencies,
		Auth:     users,
		Audit:    log,
		Network:  network.NewService(db, agencies, log),
		Archive:  archives,
		Sources:  source.NewService(db, agencies, g, log, sinergi.SystemClock{}),
		Ingest: ingest.NewPipeline(db, archives, fetcher, ingest.Matchers{alerter, tracker, hoaxes}, metrics, sinergi.SystemClock{},
			pipelineLog, ingest.Options{}),
		Monitor: monitor.NewService(db, archives, log, sinergi.SystemClock{}, alerter.Reloader()),
		Issues:  tracker,
		Briefs: brief.NewService(brief.Deps{Store: db, Agencies: agencies, Users: users, Compiler: archives,
			Regions: g, Catalogs: cats, Audit: log, Clock: sinergi.SystemClock{}}),
		Hoaxes:  hoaxes,
		Fetcher: fetcher,
		Ping: func(ctx context.Context) error {
			if f.dbDown.Load() {
				return errors.New("database is down (test)")
			}
			return db.Ping(ctx)
		},
	}
	f.seed(ctx)
	for _, c := range configure {
		c(&f.svc)
	}
	f.srv, err = New(Config{
		Logger:   slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Version:  "uji",
		Catalogs: cats,
		Regions:  g,
		Metrics:  f.reg,
		Clock:    sinergi.SystemClock{},
	}, f.svc)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	f.ts = httptest.NewServer(f.srv)
	t.Cleanup(f.ts.Close)
	return f
}

// seed builds the network of the fixture through the services.
func (f *fixture) seed(ctx context.Context) {
	t := f.t
	sys := access.SystemActor()
	root := &agency.Agency{Name: "Kementerian Komunikasi dan Digital", ShortName: "Komdigi", Kind: agency.Kementerian}
	if err := f.svc.Agencies.Create(ctx, sys, root); err != nil {
		t.Fatalf("create root agency: %v", err)
	}
	f.agency["root"] = root
	for _, a := range []struct {
		name   string
		code   region.Code
		parent int64
	}{{"jambi", "15", root.ID}, {"muaro", "15.05", 0}, {"sulsel", "73", root.ID}} {
		created, err := f.svc.Agencies.CreateFromRegion(ctx, sys, a.code, a.parent)
		if err != nil {
			t.Fatalf("CreateFromRegion(%s): %v", a.code, err)
		}
		f.agency[a.name] = created
	}
	for _, u := range []struct {
		username, name, agency string
		role                   access.Role
		clearance              access.Level
	}{
		{"admin", "Andi Pratama", "root", access.Administrator, access.Rahasia},
		{"adminjambi", "Siti Rahmawati", "jambi", access.Administrator, access.Rahasia},
		{"kepala", "Budi Santoso", "jambi", access.KepalaHumas, access.Rahasia},
		{"analis", "Dewi Lestari", "jambi", access.Analis, access.Terbatas},
		{"staf", "Rudi Hartono", "muaro", access.Staf, access.Publik},
		{"editorsulsel", "Andi Makkasau", "sulsel", access.Editor, access.Terbatas},
		{"kepalasulsel", "Nurul Hidayah", "sulsel", access.KepalaHumas, access.Rahasia},
	} {
		created, err := f.svc.Auth.CreateUser(ctx, sys, auth.NewUser{
			AgencyID: f.agency[u.agency].ID, Username: u.username, Name: u.name,
			Role: u.role, Clearance: u.clearance, Password: testPassword,
		})
		if err != nil {
			t.Fatalf("CreateUser(%s): %v", u.username, err)
		}
		f.user[u.username] = created
	}
	for _, m := range []struct {
		key, author, title string
		class              access.Level
	}{
		{"rahasia", "kepala", "Arahan internal penanganan banjir", access.Rahasia},
		{"terbatas", "kepala", "Pokok pesan vaksinasi", access.Terbatas},
		{"publik", "kepala", "Jambi siaga banjir: informasi posko", access.Publik},
		{"sulsel", "editorsulsel", "Pesan kunci pelabuhan Makassar", access.Terbatas},
	} {
		km := &network.KeyMessage{Title: m.title, Body: "Isi pesan kunci.\nBaris kedua.", Classification: m.class}
		if err := f.svc.Network.Create(ctx, f.user[m.author].Actor(), km); err != nil {
			t.Fatalf("create key message %q: %v", m.title, err)
		}
		f.message[m.key] = km
	}
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent logging.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// client is a browser: it keeps cookies and does not follow redirects, so
// tests see them.
type client struct {
	t  *testing.T
	f  *fixture
	hc *http.Client
	// header is sent with every request (e.g. Sec-Fetch-Site).
	header http.Header
}

func (f *fixture) client() *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return &client{t: f.t, f: f, header: http.Header{}, hc: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// response is what a request answered.
type response struct {
	status int
	header http.Header
	body   string
}

// location is the redirect target.
func (r *response) location() string { return r.header.Get("Location") }

func (c *client) do(method, path string, form url.Values) *response {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.f.ts.URL+path, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *client) get(path string) *response { return c.do(http.MethodGet, path, nil) }

// post sends a form as is: the caller adds the csrf field.
func (c *client) post(path string, form url.Values) *response {
	return c.do(http.MethodPost, path, form)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// token returns the form token of the page at path.
func (c *client) token(path string) string {
	c.t.Helper()
	res := c.get(path)
	m := csrfRE.FindStringSubmatch(res.body)
	if m == nil {
		c.t.Fatalf("GET %s (%d): no csrf field in the page", path, res.status)
	}
	return m[1]
}

// submit posts a form with the token of the page at from.
func (c *client) submit(from, path string, form url.Values) *response {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", c.token(from))
	return c.post(path, form)
}

// login signs in and fails the test if that does not work.
func (c *client) login(username string) *client {
	c.t.Helper()
	res := c.submit("/masuk", "/masuk", url.Values{"username": {username}, "password": {testPassword}})
	if res.status != http.StatusSeeOther || res.location() != "/dasbor" {
		c.t.Fatalf("login %s: status %d, location %q; body:\n%s", username, res.status, res.location(), res.body)
	}
	return c
}

// signedIn returns a client signed in as username.
func (f *fixture) signedIn(username string) *client { return f.client().login(username) }

// wantStatus fails the test when res has another status.
func wantStatus(t *testing.T, what string, res *response, want int) {
	t.Helper()
	if res.status != want {
		t.Fatalf("%s: status %d, want %d; body:\n%s", what, res.status, want, res.body)
	}
}

// wantBody fails the test when the body lacks one of the texts.
func wantBody(t *testing.T, what string, res *response, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(res.body, s) {
			t.Errorf("%s: body lacks %q", what, s)
		}
	}
}

// browserLogin signs username in through the login form in Chromium.
func (f *fixture) browserLogin(b *testenv.Browser, username string) {
	f.t.Helper()
	b.Run(f.t, "log in as "+username,
		chromedp.Navigate(f.ts.URL+"/masuk"),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/masuk"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/keluar"]`)),
	)
}
