package ingest_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// engines are the two stores every pipeline test runs on.
var engines = []struct {
	name string
	open func(t testing.TB) *store.DB
}{
	{"sqlite", func(t testing.TB) *store.DB {
		db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sinergi.db"))
		if err != nil {
			t.Fatalf("sqlite.Open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}},
	{"postgres", func(t testing.TB) *store.DB {
		db, err := postgres.Open(t.Context(), testenv.Postgres(t))
		if err != nil {
			t.Fatalf("postgres.Open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}},
}

// forEngine runs fn on each engine as a subtest.
func forEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { fn(t, e.open(t)) })
	}
}

// noDNS is a resolver that refuses every name and remembers it was asked:
// the farms are addressed by IP, so a lookup means a request outside them.
type noDNS struct {
	mu    sync.Mutex
	asked []string
}

func (r *noDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asked = append(r.asked, host)
	return nil, &net.DNSError{Err: "lookups are not allowed in this test", Name: host, IsNotFound: true}
}

func (r *noDNS) Asked() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.asked...)
}

// env is a pipeline over a real store, with one agency.
type env struct {
	db       *store.DB
	clock    *testenv.Clock
	dns      *noDNS
	sources  *source.Service
	archive  *archive.Service
	pipeline *ingest.Pipeline
	agency   *agency.Agency
	gaz      *region.Gazetteer
}

// analyzer loads the analysis models once for the whole test binary.
var analyzer = sync.OnceValues(func() (*analysis.Analyzer, error) {
	g, err := region.Load()
	if err != nil {
		return nil, err
	}
	return analysis.New(g)
})

// newEnv builds the pipeline with fetch options (AllowPrivate or
// AllowAddrs for the loopback servers; the resolver is always noDNS).
func newEnv(t testing.TB, db *store.DB, fetch safehttp.Options, opts ingest.Options) *env {
	t.Helper()
	gaz, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, clock: testenv.NewClock(time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC)), dns: &noDNS{}, gaz: gaz}
	log := audit.NewLog(db, e.clock)
	agencies := agency.NewService(db, gaz, log)
	e.agency, err = agencies.CreateFromRegion(t.Context(), access.SystemActor(), "15", 0)
	if err != nil {
		t.Fatalf("CreateFromRegion: %v", err)
	}
	e.sources = source.NewService(db, agencies, gaz, log, e.clock)
	e.archive = archive.NewService(db, analyzer, gaz, agencies, log, e.clock)
	e.pipeline = e.newPipeline(fetch, nil, opts)
	return e
}

// newPipeline returns a new pipeline over the env's store, as a process
// started again would build it: no memory of the last one.
func (e *env) newPipeline(fetch safehttp.Options, m ingest.Matcher, opts ingest.Options) *ingest.Pipeline {
	fetch.Resolver = e.dns
	metrics, err := ingest.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		panic(err) // a new registry refuses nothing
	}
	return ingest.NewPipeline(e.db, e.archive, safehttp.New(fetch), m, metrics, e.clock,
		slog.New(slog.NewTextHandler(io.Discard, nil)), opts)
}

// restart is newPipeline without stored queries.
func (e *env) restart(_ testing.TB, fetch safehttp.Options, opts ingest.Options) *ingest.Pipeline {
	return e.newPipeline(fetch, nil, opts)
}

// addSource registers a source with the given feeds.
func (e *env) addSource(t testing.TB, name, home string, feeds ...source.FeedURL) *source.Source {
	t.Helper()
	src := &source.Source{AgencyID: e.agency.ID, Name: name, HomePage: home, Lang: "id", Feeds: feeds}
	if err := e.sources.Add(t.Context(), access.SystemActor(), src); err != nil {
		t.Fatalf("source Add(%q): %v", name, err)
	}
	return src
}
