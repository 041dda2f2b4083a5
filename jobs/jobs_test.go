package jobs_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/feedfarm"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/jobs"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// itemsPerFeed is what each generated feed serves: one step of five items,
// each made of its own demo article.
const itemsPerFeed = 5

// TestSQLitePollsEveryFeedOnce: one runner on SQLite polls each of ten due
// feeds once, soon after it starts, and stores every item; nothing is
// polled twice, the next polls being minutes away.
func TestSQLitePollsEveryFeedOnce(t *testing.T) {
	const feeds = 10
	path := filepath.Join(t.TempDir(), "sinergi.db")
	db := openSQLite(t, path)
	farm, agencyID := newFarm(t, db, feeds)
	p := newProcess(t, db)
	// E-mails a command left in the outbox (a hoax alert raised by
	// `sinergi ingest`): the server's deliver_mail sends them.
	queued := queueMail(t, db, 3)

	start := time.Now()
	r := startRunner(t, jobs.Config{Engine: "sqlite", Target: path, Poll: true}, p)
	waitFor(t, 30*time.Second, fmt.Sprintf("%d feeds polled and their jobs completed", feeds), func() bool {
		return polledFeeds(t, db, agencyID) == feeds && jobStates(t, db, "poll_feed")["completed"] == feeds
	})
	t.Logf("%d feeds polled in %v", feeds, time.Since(start).Round(time.Millisecond))

	checkRequests(t, farm, 1)
	if n, err := p.archive.Count(t.Context()); err != nil || n != feeds*itemsPerFeed {
		t.Errorf("archive Count = %d, %v; want %d", n, err, feeds*itemsPerFeed)
	}
	if got := jobStates(t, db, "purge_sessions"); got["completed"] != 1 {
		t.Errorf("purge_sessions jobs by state = %v, want one completed", got)
	}
	for _, kind := range []string{"send_digests", "deliver_webhooks", "check_spikes", "deliver_mail"} {
		if got := jobStates(t, db, kind); got["completed"] < 1 {
			t.Errorf("%s jobs by state = %v, want one completed at start", kind, got)
		}
	}
	var got []string
	for _, m := range p.smtp.Wait(t, len(queued), 30*time.Second) {
		got = append(got, m.To...)
	}
	slices.Sort(got)
	if !slices.Equal(got, queued) {
		t.Errorf("the outbox sent to %v, want %v", got, queued)
	}
	stopWithin(t, r, 10*time.Second, 5*time.Second)
}

// queueMail puts n messages in the mail outbox and returns their
// recipients, sorted.
func queueMail(t *testing.T, db *store.DB, n int) []string {
	t.Helper()
	var to []string
	var out []*mail.Outgoing
	for i := range n {
		addr := fmt.Sprintf("kepala%d@example.id", i)
		o, err := mail.NewOutgoing("hoax_alert", int64(i+1), mail.Message{To: []string{addr}, Subject: "Hoaks beredar lagi", Text: "Teks"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		to, out = append(to, addr), append(out, o)
	}
	if err := db.AddOutgoing(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	slices.Sort(to)
	return to
}

// TestSQLiteNoPoll: a runner started with Poll false queues the due feeds'
// polls but works none of them.
func TestSQLiteNoPoll(t *testing.T) {
	const feeds = 3
	path := filepath.Join(t.TempDir(), "sinergi.db")
	db := openSQLite(t, path)
	farm, agencyID := newFarm(t, db, feeds)
	r := startRunner(t, jobs.Config{Engine: "sqlite", Target: path, Poll: false}, newProcess(t, db))
	waitFor(t, 30*time.Second, "the polls queued", func() bool {
		return jobStates(t, db, "poll_feed")["available"] == feeds
	})
	stopWithin(t, r, 10*time.Second, 5*time.Second)
	checkRequests(t, farm, 0)
	if n := polledFeeds(t, db, agencyID); n != 0 {
		t.Errorf("%d feeds polled by a runner that does not poll", n)
	}
}

// TestPostgresTwoRunners: two runners, as two serve processes would be
// (each its own store pool, pipeline and River client), share one
// PostgreSQL database and twenty due feeds: every feed is polled exactly
// once in all, and every item stored once.
func TestPostgresTwoRunners(t *testing.T) {
	const feeds = 20
	url := testenv.Postgres(t)
	db := openPostgres(t, url)
	farm, agencyID := newFarm(t, db, feeds)
	procs := []*process{newProcess(t, db), newProcess(t, openPostgres(t, url))}

	start := time.Now()
	runners := make([]*jobs.Runner, len(procs))
	var wg sync.WaitGroup
	for i, p := range procs {
		wg.Go(func() { runners[i] = startRunner(t, jobs.Config{Engine: "postgres", Target: url, Poll: true}, p) })
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	waitFor(t, 30*time.Second, fmt.Sprintf("%d feeds polled and their jobs completed", feeds), func() bool {
		return polledFeeds(t, db, agencyID) == feeds && jobStates(t, db, "poll_feed")["completed"] == feeds
	})
	t.Logf("%d feeds polled in %v; polls by client: %v", feeds, time.Since(start).Round(time.Millisecond), pollsByClient(t, db))

	checkRequests(t, farm, 1)
	var rows, idents int
	err := db.SQL().QueryRowContext(t.Context(), `SELECT count(*), count(DISTINCT ident) FROM appearances`).Scan(&rows, &idents)
	if err != nil || rows != feeds*itemsPerFeed || idents != rows {
		t.Errorf("appearances: %d rows, %d distinct idents (%v); want %d of each", rows, idents, err, feeds*itemsPerFeed)
	}
	if n, err := procs[0].archive.Count(t.Context()); err != nil || n != feeds*itemsPerFeed {
		t.Errorf("archive Count = %d, %v; want %d", n, err, feeds*itemsPerFeed)
	}
	for _, r := range runners {
		stopWithin(t, r, 10*time.Second, 5*time.Second)
	}
}

// TestStopCancelsSlowPoll: a poll still running when Stop's context ends
// (a feed that sends a byte every two seconds) is cancelled and Stop
// returns soon after; the cut poll records nothing and its job waits in
// the database, taken again by the next runner started.
func TestStopCancelsSlowPoll(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sinergi.db")
	db := openSQLite(t, path)
	hostile := feedfarm.NewHostile()
	hostile.Start()
	t.Cleanup(hostile.Close)
	agencyID := addSources(t, db, hostile.URL("slow"))
	requests := func() int { return hostile.Stats().ByFeed["slow"].Requests }
	cfg := jobs.Config{Engine: "sqlite", Target: path, Poll: true}
	r := startRunner(t, cfg, newProcess(t, db))
	waitFor(t, 30*time.Second, "the slow poll running", func() bool {
		return jobStates(t, db, "poll_feed")["running"] == 1 && requests() == 1
	})

	stopWithin(t, r, 500*time.Millisecond, 3*time.Second)
	if n := polledFeeds(t, db, agencyID); n != 0 {
		t.Errorf("%d feeds recorded as polled by a cancelled poll", n)
	}
	if got := jobStates(t, db, "poll_feed"); got["available"] != 1 || len(got) != 1 {
		t.Errorf("poll_feed jobs by state after Stop = %v, want the cut one available again", got)
	}

	r = startRunner(t, cfg, newProcess(t, db))
	waitFor(t, 30*time.Second, "the cut poll taken again after a restart", func() bool { return requests() == 2 })
	stopWithin(t, r, 500*time.Millisecond, 3*time.Second)
}

// TestNewRefuses: New names what is missing.
func TestNewRefuses(t *testing.T) {
	p := &process{}
	for _, cfg := range []jobs.Config{
		{Engine: "sqlite", Target: filepath.Join(t.TempDir(), "x.db")},
		{Engine: "oracle", Target: "x", Poller: &ingest.Pipeline{}, Purger: p},
	} {
		if _, err := jobs.New(t.Context(), cfg); err == nil {
			t.Errorf("New(%+v) = nil error, want one", cfg)
		}
	}
}

// process is what one serve process has that the jobs use: a store pool,
// the pipeline over it and the auth service.
type process struct {
	archive  *archive.Service
	pipeline *ingest.Pipeline
	auth     *auth.Service
	monitor  *monitor.Service
	webhooks *monitor.Webhooks
	mailer   *monitor.Mailer
	outbox   *mail.Outbox
	smtp     *testenv.SMTPServer // where both send
}

// smtpSender sends the Mailer's e-mails with a mail.Sender.
type smtpSender struct{ s *mail.Sender }

func (a smtpSender) SendEmail(ctx context.Context, e *monitor.Email) error {
	return a.s.Send(ctx, &mail.Message{To: []string{e.To}, Subject: e.Subject, Text: e.Text, HTML: e.HTML, Header: e.Header})
}

func (p *process) PurgeExpiredSessions(ctx context.Context) (int, error) {
	return p.auth.PurgeExpiredSessions(ctx)
}

// analyzer loads the analysis models once for the whole test binary.
var analyzer = sync.OnceValues(func() (*analysis.Analyzer, error) {
	g, err := region.Load()
	if err != nil {
		return nil, err
	}
	return analysis.New(g)
})

// newProcess builds the services of one process over db, on the system
// clock, fetching from loopback (the farm).
func newProcess(t *testing.T, db *store.DB) *process {
	t.Helper()
	gaz, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	clock := sinergi.SystemClock{}
	log := audit.NewLog(db, clock)
	agencies := agency.NewService(db, gaz, log)
	archives := archive.NewService(db, analyzer, gaz, agencies, log, clock)
	metrics, err := ingest.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	users := auth.NewService(db, agencies, log, clock)
	alerter := monitor.NewAlerter(db, users, archives, clock, discard())
	smtp := testenv.SMTP(t)
	sender, err := mail.New(smtp.URL(), "sinergi@example.id")
	if err != nil {
		t.Fatal(err)
	}
	catalogs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return &process{
		mailer:  monitor.NewMailer(db, users, smtpSender{sender}, catalogs, "https://sinergi.example.id", clock, discard()),
		outbox:  mail.NewOutbox(db, sender, clock, discard()),
		smtp:    smtp,
		archive: archives,
		pipeline: ingest.NewPipeline(db, archives, safehttp.New(safehttp.Options{AllowPrivate: true}), alerter,
			metrics, clock, discard(), ingest.Options{}),
		auth:     users,
		monitor:  monitor.NewService(db, archives, log, clock, alerter.Reloader()),
		webhooks: monitor.NewWebhooks(db, safehttp.New(safehttp.Options{AllowPrivate: true}), clock, discard()),
	}
}

// newFarm serves feeds generated feeds of itemsPerFeed distinct demo
// articles each and registers one source per feed in a new agency, whose
// ID it returns.
func newFarm(t *testing.T, db *store.DB, feeds int) (*feedfarm.Farm, int64) {
	t.Helper()
	farm := feedfarm.NewGenerated(feeds, itemsPerFeed, 1, demoTexts(t, feeds*itemsPerFeed))
	farm.Start()
	t.Cleanup(farm.Close)
	farm.SetTime(farm.Steps()[0])
	var urls []string
	for _, name := range farm.Feeds() {
		urls = append(urls, farm.URL(name))
	}
	return farm, addSources(t, db, urls...)
}

// addSources registers one source per feed URL in a new agency, whose ID
// it returns. The feeds are due at once.
func addSources(t *testing.T, db *store.DB, urls ...string) int64 {
	t.Helper()
	gaz, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	clock := sinergi.SystemClock{}
	log := audit.NewLog(db, clock)
	agencies := agency.NewService(db, gaz, log)
	ag, err := agencies.CreateFromRegion(t.Context(), access.SystemActor(), "15", 0)
	if err != nil {
		t.Fatalf("CreateFromRegion: %v", err)
	}
	sources := source.NewService(db, agencies, gaz, log, clock)
	for i, u := range urls {
		src := &source.Source{AgencyID: ag.ID, Name: fmt.Sprintf("Media %d", i+1), HomePage: fmt.Sprintf("https://media%d.example.id/", i+1),
			Lang: "id", Feeds: []source.FeedURL{{URL: u}}}
		if err := sources.Add(t.Context(), access.SystemActor(), src); err != nil {
			t.Fatalf("source Add(%q): %v", src.Name, err)
		}
	}
	return ag.ID
}

// demoTexts returns n IndoSum articles of the demo content (CC BY-SA).
func demoTexts(t *testing.T, n int) []feedfarm.Text {
	t.Helper()
	items, _, err := archive.ReadFile(demo.Items(), archive.FormatJSONL, region.WIB.Location())
	if err != nil {
		t.Fatal(err)
	}
	if n > len(items) {
		t.Fatalf("want %d texts, the demo has %d", n, len(items))
	}
	texts := make([]feedfarm.Text, n)
	for i, it := range items[:n] {
		texts[i] = feedfarm.Text{Title: it.Title, Body: it.Text}
	}
	return texts
}

func openSQLite(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t *testing.T, url string) *store.DB {
	t.Helper()
	db, err := postgres.Open(t.Context(), url)
	if err != nil {
		t.Fatalf("postgres.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// startRunner builds and starts a runner for p; the test stops it at the
// end if it has not.
func startRunner(t *testing.T, cfg jobs.Config, p *process) *jobs.Runner {
	t.Helper()
	cfg.Poller, cfg.Purger, cfg.Digester, cfg.Webhooks, cfg.Spikes, cfg.Logger = p.pipeline, p, p.monitor, p.webhooks, p.monitor, discard()
	cfg.Mail = []jobs.MailSender{p.mailer, p.outbox}
	r, err := jobs.New(t.Context(), cfg)
	if err != nil {
		t.Errorf("jobs.New: %v", err)
		return nil
	}
	if err := r.Start(t.Context()); err != nil {
		t.Errorf("Start: %v", err)
		return nil
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		r.Stop(ctx)
	})
	return r
}

// stopWithin stops r with a context of the given timeout and fails when
// Stop takes longer than limit.
func stopWithin(t *testing.T, r *jobs.Runner, timeout, limit time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	start := time.Now()
	if err := r.Stop(ctx); err != nil {
		t.Errorf("Stop: %v", err)
	}
	if d := time.Since(start); d > limit {
		t.Errorf("Stop took %v, want under %v", d, limit)
	}
}

// waitFor polls cond until it holds, failing the test at the deadline.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// polledFeeds returns how many of the agency's feeds were polled at least
// once.
func polledFeeds(t *testing.T, db *store.DB, agencyID int64) int {
	t.Helper()
	feeds, _, err := db.FindFeeds(t.Context(), ingest.FeedFilter{AgencyID: agencyID})
	if err != nil {
		t.Fatalf("FindFeeds: %v", err)
	}
	var n int
	for _, f := range feeds {
		if f.State.Polls > 0 {
			n++
		}
	}
	return n
}

// jobStates counts River's jobs of a kind by state.
func jobStates(t *testing.T, db *store.DB, kind string) map[string]int {
	t.Helper()
	rows, err := db.SQL().QueryContext(t.Context(),
		db.Dialect().Rebind(`SELECT state, count(*) FROM river_job WHERE kind = ? GROUP BY state`), kind)
	if err != nil {
		t.Fatalf("count jobs: %v", err)
	}
	defer rows.Close()
	states := map[string]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			t.Fatal(err)
		}
		states[state] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return states
}

// pollsByClient counts the poll_feed jobs each River client worked
// (PostgreSQL: attempted_by is a text array).
func pollsByClient(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	rows, err := db.SQL().QueryContext(t.Context(),
		`SELECT attempted_by[1], count(*) FROM river_job WHERE kind = 'poll_feed' GROUP BY 1`)
	if err != nil {
		t.Fatalf("count polls by client: %v", err)
	}
	defer rows.Close()
	by := map[string]int{}
	for rows.Next() {
		var client string
		var n int
		if err := rows.Scan(&client, &n); err != nil {
			t.Fatal(err)
		}
		by[client] = n
	}
	return by
}

// checkRequests fails unless the farm answered want requests for each feed.
func checkRequests(t *testing.T, farm *feedfarm.Farm, want int) {
	t.Helper()
	stats := farm.Stats()
	for _, name := range farm.Feeds() {
		if got := stats.ByFeed[name].Requests; got != want {
			t.Errorf("farm requests for %s = %d, want %d", name, got, want)
		}
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
