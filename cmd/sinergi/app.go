package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/jobs"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
	"github.com/sinergi-id/sinergi/web"
)

// Main is the running program: its store, services and web server. Tests
// start it like the serve command does, on address ":0".
type Main struct {
	Config Config
	Demo   bool      // seed the demo content at start
	Stdout io.Writer // where serve prints its address and demo accounts
	Logger *slog.Logger

	DB       *store.DB
	Regions  *region.Gazetteer
	Catalogs *i18n.Catalogs
	Metrics  *prometheus.Registry
	Services Services

	lock     *os.File
	listener net.Listener
	server   *http.Server
	served   chan error
	jobs     *jobs.Runner
	// kickMail, when e-mail is configured, makes the services send the
	// e-mails they queue at once (serve only).
	kickMail func()
	// stopBackground stops the work startBackground began and waits for
	// it to end.
	stopBackground func()
}

// Services are the domain services, wired over one store.
type Services struct {
	Audit    *audit.Log
	Agencies *agency.Service
	Auth     *auth.Service
	Network  *network.Service
	Archive  *archive.Service
	Sources  *source.Service
	Monitor  *monitor.Service
	Webhooks *monitor.Webhooks
	// Mail sends the saved searches' e-mails, Outbox the others (Tangkal's
	// alerts, the briefs); both nil without --smtp-url.
	Mail   *monitor.Mailer
	Outbox *mail.Outbox
	Ingest *ingest.Pipeline
	// Issues clusters each agency's new items into issues and keeps them.
	Issues *issuetrack.Tracker
	Briefs *brief.Service
	// Hoaxes is Tangkal's registry; it matches every stored item.
	Hoaxes *hoax.Service
	// Fetcher fetches outside addresses (feeds, pages, webhooks).
	Fetcher *safehttp.Client
}

// NewMain returns a Main with the default configuration.
func NewMain() *Main {
	return &Main{
		Config: Config{DataDir: "data", Addr: "localhost:8080", LogLevel: "info", LogFormat: "text", SourceURL: defaultSourceURL, Poll: true},
		Stdout: io.Discard,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

// Open opens the store and builds the services, for serve and for the
// commands that work on the data.
func (m *Main) Open(ctx context.Context) error {
	if err := m.Config.validate(); err != nil {
		return err
	}
	if err := m.openStore(ctx); err != nil {
		return err
	}
	if err := m.newServices(); err != nil {
		return err
	}
	return m.Services.Archive.StampNewArchive(ctx)
}

// Run opens everything, seeds the demo when asked, and starts the web
// server in the background. It returns once the server listens.
func (m *Main) Run(ctx context.Context) error {
	if err := m.lockDataDir(); err != nil {
		return err
	}
	if err := m.Open(ctx); err != nil {
		return err
	}
	if m.Demo {
		if err := m.seedDemo(ctx); err != nil {
			return err
		}
	}
	if m.kickMail != nil {
		m.kickMail()
	}
	if err := m.startWebServer(); err != nil {
		return err
	}
	if err := m.startJobs(ctx); err != nil {
		return err
	}
	m.startBackground(ctx)
	fmt.Fprintf(m.Stdout, "Sinergi berjalan di %s (tekan Ctrl+C untuk berhenti) / Sinergi is running at %s\n", m.URL(), m.URL())
	return nil
}

// URL returns the address the web server listens on.
func (m *Main) URL() string {
	if m.listener == nil {
		return ""
	}
	addr := m.listener.Addr().(*net.TCPAddr)
	host := "localhost"
	if !addr.IP.IsLoopback() && !addr.IP.IsUnspecified() {
		host = addr.IP.String()
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

// Wait blocks until the web server stops by itself or ctx ends.
func (m *Main) Wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case err := <-m.served:
		return err
	}
}

// startBackground does in the background what a server's start leaves
// to do, in this order:
//   - it loads Tangkal's matcher (hoax.Service.Load: the analysis models,
//     the registry, the news background), which is otherwise built by the
//     first citizen's check or monitored item, making it wait (seconds
//     for a registry of thousands of claims);
//   - it analyses the archive's words again when they were made by
//     another version of the analysis (archive.Service.ReanalyseIfStale);
//     search meanwhile reads the words it has. Stopped before it ends, it
//     starts over at the next start.
func (m *Main) startBackground(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	m.stopBackground = func() { cancel(); <-done }
	go func() {
		defer close(done)
		start := time.Now()
		if err := m.Services.Hoaxes.Load(ctx); err != nil && !errors.Is(err, context.Canceled) {
			m.Logger.Warn("hoax matcher not loaded; the first check loads it", "err", err)
		} else if err == nil {
			m.Logger.Info("hoax matcher ready", "took", time.Since(start).Round(time.Millisecond))
		}
		start = time.Now()
		n, err := m.Services.Archive.ReanalyseIfStale(ctx, func(items int) {
			if items%10_000 == 0 {
				m.Logger.Info("reanalysing the archive", "items", items)
			}
		})
		switch {
		case errors.Is(err, context.Canceled):
			m.Logger.Info("archive reanalysis stopped; it starts again at the next start")
		case sinergi.KindOf(err) == sinergi.KindConflict:
			m.Logger.Info("another process is reanalysing the archive")
		case err != nil:
			m.Logger.Error("archive reanalysis failed; run sinergi reindex", "err", err)
		case n > 0:
			m.Logger.Info("archive reanalysed", "items", n, "version", archive.AnalysisVersion, "took", time.Since(start).Round(time.Millisecond))
		}
	}()
}

// Close stops the web server gracefully (requests under way get up to 10 s
// to finish), the background work (running jobs get up to 10 s too), and
// the store.
func (m *Main) Close() error {
	var errs []error
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := m.server.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shut down web server: %w", err))
		}
	}
	if m.stopBackground != nil {
		m.stopBackground()
	}
	if m.jobs != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := m.jobs.Stop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("stop jobs: %w", err))
		}
	}
	if m.DB != nil {
		if err := m.DB.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close store: %w", err))
		}
	}
	if m.lock != nil {
		m.lock.Close()
	}
	return errors.Join(errs...)
}

// lockDataDir takes an exclusive lock on DIR/sinergi.lock for a server on
// SQLite, so that a restore (or a second server) cannot run beside it.
func (m *Main) lockDataDir() error {
	if err := m.Config.validate(); err != nil {
		return err
	}
	if kind, _, _ := m.Config.engine(); kind != "sqlite" {
		return nil
	}
	f, err := lockFile(m.Config.DataDir)
	if err != nil {
		return err
	}
	m.lock = f
	return nil
}

func lockFile(dataDir string) (*os.File, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("--data-dir: %w", err)
	}
	path := filepath.Join(dataDir, "sinergi.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("direktori data %s sedang dipakai proses sinergi lain / data directory %s is in use by another sinergi process (%s is locked)", dataDir, dataDir, path)
	}
	return f, nil
}

func (m *Main) openStore(ctx context.Context) error {
	kind, target, err := m.Config.engine()
	if err != nil {
		return err
	}
	switch kind {
	case "sqlite":
		if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
			return fmt.Errorf("--db: %w", err)
		}
		m.DB, err = sqlite.Open(ctx, target)
	case "postgres":
		m.DB, err = postgres.Open(ctx, target)
	}
	if err != nil {
		return fmt.Errorf("open store (%s): %w", kind, err)
	}
	m.Logger.Debug("store open", "engine", kind)
	return nil
}

func (m *Main) newServices() error {
	var err error
	if m.Regions, err = region.Load(); err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	if m.Catalogs, err = i18n.Load(); err != nil {
		return fmt.Errorf("load catalogs: %w", err)
	}
	m.Metrics = prometheus.NewRegistry()
	m.Metrics.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	ingestMetrics, err := ingest.NewMetrics(m.Metrics)
	if err != nil {
		return err
	}
	clock := sinergi.SystemClock{}
	log := audit.NewLog(m.DB, clock)
	agencies := agency.NewService(m.DB, m.Regions, log)
	archives := archive.NewService(m.DB, func() (*analysis.Analyzer, error) { return analysis.New(m.Regions) },
		m.Regions, agencies, log, clock)
	fetcher := safehttp.New(safehttp.Options{
		AllowPrivate: m.Config.FetchAllowPrivate,
		UserAgent:    "Sinergi/" + Version() + " (+" + cmp.Or(m.Config.SourceURL, defaultSourceURL) + ")",
	})
	users := auth.NewService(m.DB, agencies, log, clock)
	alerter := monitor.NewAlerter(m.DB, users, archives, clock, m.Logger)
	webhooks := monitor.NewWebhooks(m.DB, fetcher, clock, m.Logger)
	alerter.OnWebhooks(webhooks.Kick)
	monitors := monitor.NewService(m.DB, archives, log, clock, alerter.Reloader())
	monitors.Regions = m.Regions
	sender, err := m.newSender()
	if err != nil {
		return err
	}
	var (
		mailer *monitor.Mailer
		outbox *mail.Outbox
		kicks  *serverKick // nil: no e-mail
	)
	if sender != nil {
		mailer = monitor.NewMailer(m.DB, users, mailSender{sender}, m.Catalogs, m.Config.PublicURL, clock, m.Logger)
		monitors.MailEnabled = true
		outbox = mail.NewOutbox(m.DB, sender, clock, m.Logger)
		kicks = &serverKick{outbox: outbox}
		// Only a server sends at once what it queues: a command ends
		// before a background send would, and leaves its e-mails to the
		// servers' deliver_mail job.
		m.kickMail = func() {
			alerter.OnMail(mailer.Kick)
			monitors.OnMail(mailer.Kick)
			kicks.on.Store(true)
		}
	}
	tracker, err := issuetrack.New(m.DB, log, clock, m.Logger, issue.Options{})
	if err != nil {
		return err
	}
	vocabularies, err := m.hoaxVocabularies()
	if err != nil {
		return err
	}
	hoaxOpts := hoax.Options{Vocabularies: vocabularies, Catalogs: m.Catalogs, PublicURL: m.Config.PublicURL}
	briefDeps := brief.Deps{Store: m.DB, Agencies: agencies, Users: users, Compiler: archives,
		Issues: brief.TrackedIssues{Store: m.DB}, Regions: m.Regions, Catalogs: m.Catalogs, Audit: log, Clock: clock,
		Logger: m.Logger}
	if kicks != nil { // a nil *serverKick would be a non-nil interface
		hoaxOpts.Outbox, briefDeps.Outbox = kicks, kicks
	}
	hoaxes := hoax.NewService(m.DB, log, clock, archives.Analyzer, m.Logger, hoaxOpts)
	m.Services = Services{
		Audit:    log,
		Agencies: agencies,
		Auth:     users,
		Network:  network.NewService(m.DB, agencies, log),
		Archive:  archives,
		Sources:  source.NewService(m.DB, agencies, m.Regions, log, clock),
		Monitor:  monitors,
		Webhooks: webhooks,
		Mail:     mailer,
		Outbox:   outbox,
		Ingest: ingest.NewPipeline(m.DB, archives, fetcher,
			ingest.Matchers{alerter, monitor.NewRegionVolume(m.DB, clock), tracker, hoaxes}, ingestMetrics, clock, m.Logger,
			ingest.Options{CallbackURL: m.Config.PublicURL}),
		Issues:  tracker,
		Briefs:  brief.NewService(briefDeps),
		Hoaxes:  hoaxes,
		Fetcher: fetcher,
	}
	return nil
}

// hoaxVocabularies are Tangkal's verdict scales: the built-in ones
// (ClaimReview's fallback among them), with --hoax-vocabularies over them.
func (m *Main) hoaxVocabularies() (hoax.Vocabularies, error) {
	vs := hoax.DefaultVocabularies()
	if m.Config.HoaxVocabularies != "" {
		f, err := os.Open(m.Config.HoaxVocabularies)
		if err != nil {
			return nil, fmt.Errorf("--hoax-vocabularies: %w", err)
		}
		defer f.Close()
		if vs, err = hoax.LoadVocabularies(f); err != nil {
			return nil, fmt.Errorf("--hoax-vocabularies: %w", err)
		}
	}
	return vs, nil
}

// newSender returns the sender of e-mails over --smtp-url, or nil when no
// SMTP server is configured.
func (m *Main) newSender() (*mail.Sender, error) {
	if m.Config.SMTPURL == "" {
		return nil, nil
	}
	sender, err := mail.New(m.Config.SMTPURL, m.Config.MailFrom)
	if err != nil {
		return nil, fmt.Errorf("--smtp-url: %w", err)
	}
	return sender, nil
}

// importDemoHoaxes imports the demo's hoax file (the Pratiwi set) into an
// agency's registry as published PUBLIK claims.
func (m *Main) importDemoHoaxes(ctx context.Context, agencyPath []int64, r io.Reader) (int, error) {
	res, err := importer.Read(r, importer.FormatPratiwi, m.Services.Hoaxes.Vocabularies())
	if err != nil {
		return 0, err
	}
	for _, c := range res.Claims {
		c.Published = true
	}
	added, _, err := m.Services.Hoaxes.Import(ctx, access.SystemActor(), agencyPath, access.Publik, res.Claims)
	return added, err
}

// uploadDemoItems stores the demo archive through the ingestion pipeline,
// as `sinergi ingest` would.
func (m *Main) uploadDemoItems(ctx context.Context, items []*archive.Item) (int, error) {
	res, err := m.Services.Ingest.Upload(ctx, access.SystemActor(), items)
	return res.Items, err
}

func (m *Main) seedDemo(ctx context.Context) error {
	res, err := demo.Seed(ctx, demo.Services{Agencies: m.Services.Agencies, Auth: m.Services.Auth,
		Network: m.Services.Network, Archive: m.Services.Archive, Sources: m.Services.Sources,
		ImportHoaxes: m.importDemoHoaxes, Upload: m.uploadDemoItems})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Konten demo: %d instansi baru, %d berita baru di arsip, %d sumber pantauan baru (dijeda; aktifkan dengan sinergi source resume ID), %d hoaks baru di registri Tangkal. Akun demo / demo accounts:\n",
		res.AgenciesCreated, res.ItemsImported, res.SourcesCreated, res.HoaxesImported)
	tw := tabwriter.NewWriter(m.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  PENGGUNA\tPERAN\tKEWENANGAN\tINSTANSI\tKATA SANDI")
	for _, a := range res.Accounts {
		password := a.Password
		if password == "" {
			password = "(sudah ada, tidak diubah / unchanged)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", a.Username, a.Role, a.Clearance, a.AgencyName, password)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, "Kata sandi hanya ditampilkan sekali. / Passwords are shown only once.")
	return nil
}

func (m *Main) startWebServer() error {
	proxies, err := m.Config.proxies()
	if err != nil {
		return err
	}
	handler, err := web.New(web.Config{
		Logger:         m.Logger,
		Version:        Version(),
		SourceURL:      m.Config.SourceURL,
		Catalogs:       m.Catalogs,
		Regions:        m.Regions,
		Metrics:        m.Metrics,
		Clock:          sinergi.SystemClock{},
		PublicURL:      m.Config.PublicURL,
		TrustedProxies: proxies,
	}, web.Services{
		Agencies: m.Services.Agencies,
		Auth:     m.Services.Auth,
		Audit:    m.Services.Audit,
		Network:  m.Services.Network,
		Archive:  m.Services.Archive,
		Sources:  m.Services.Sources,
		Ingest:   m.Services.Ingest,
		Monitor:  m.Services.Monitor,
		Issues:   m.Services.Issues,
		Briefs:   m.Services.Briefs,
		Hoaxes:   m.Services.Hoaxes,
		Fetcher:  m.Services.Fetcher,
		Ping:     m.DB.Ping,
	})
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	addr := m.Config.Addr
	if addr == "" {
		addr = "localhost:8080"
	}
	m.listener, err = net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("--addr: tidak dapat mendengarkan di / cannot listen on %s: %w", addr, err)
	}
	m.server = &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.Logger.Handler(), slog.LevelWarn),
	}
	m.served = make(chan error, 1)
	go func() {
		err := m.server.Serve(m.listener)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		m.served <- err
	}()
	m.Logger.Info("listening", "url", m.URL())
	return nil
}

// startJobs starts the background work of this process (package jobs):
// feed polling, unless --poll=false, and the hourly purge of expired
// sessions, as durable jobs in the store's database.
func (m *Main) startJobs(ctx context.Context) error {
	kind, target, err := m.Config.engine()
	if err != nil {
		return err
	}
	var mailJobs []jobs.MailSender // a nil *monitor.Mailer would be a non-nil interface
	if m.Services.Mail != nil {
		mailJobs = append(mailJobs, m.Services.Mail, m.Services.Outbox)
	}
	runner, err := jobs.New(ctx, jobs.Config{Engine: kind, Target: target, Poller: m.Services.Ingest,
		Purger: m.Services.Auth, Digester: m.Services.Monitor, Webhooks: m.Services.Webhooks, Spikes: m.Services.Monitor,
		Mail: mailJobs, Briefs: m.Services.Briefs, Poll: m.Config.Poll, Logger: m.Logger})
	if err != nil {
		return err
	}
	if err := runner.Start(ctx); err != nil {
		runner.Stop(ctx)
		return err
	}
	m.jobs = runner
	return nil
}
