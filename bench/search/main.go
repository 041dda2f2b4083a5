// Command search measures Sinergi's archive (index build and search, on
// SQLite and PostgreSQL) beside Bleve v2 fed the same analysed tokens and a
// plain FTS5 table fed the raw text (issue 5). It is a module of its own so
// that the product never depends on Bleve; see README.md for the commands
// and docs/benchmarks.md for the figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store/postgres"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

type config struct {
	engines    []string
	docs       int
	phase      string
	rounds     int
	buildRuns  int
	queries    int
	seed       uint64
	batch      int
	procs      int
	data       string
	dir        string
	pg         string
	cpuProfile string
}

func main() {
	var c config
	var engines string
	flag.StringVar(&engines, "engines", "sqlite,postgres,bleve,fts5plain", "engines, comma-separated: sqlite, postgres, bleve, fts5plain (build and search), sqlite-tuned (search only: the sqlite file with a larger page cache and mmap)")
	flag.IntVar(&c.docs, "docs", 100_000, "documents in the archive")
	flag.StringVar(&c.phase, "phase", "all", "build, search or all")
	flag.IntVar(&c.rounds, "rounds", 3, "timed rounds of the query set")
	flag.IntVar(&c.buildRuns, "build-rounds", 1, "builds of each engine (the median is reported)")
	flag.IntVar(&c.queries, "queries", 1_000, "queries in the set")
	flag.Uint64Var(&c.seed, "seed", 1, "seed of the query set")
	flag.IntVar(&c.batch, "batch", 1_000, "documents per AddItems call or Bleve batch")
	flag.IntVar(&c.procs, "procs", 2, "GOMAXPROCS")
	flag.StringVar(&c.data, "data", "/work/shared/data", "the shared data sets")
	flag.StringVar(&c.dir, "dir", filepath.Join(os.TempDir(), "sinergi-bench"), "directory for the indexes and the analysed-corpus cache")
	flag.StringVar(&c.pg, "pg", "postgres://sinergi:sinergi@127.0.0.1:5432/sinergi?sslmode=disable",
		"PostgreSQL URL of a role that may create databases; the benchmark uses its own database sinergi_bench_<docs>")
	flag.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the search phase (of the build with -phase build) to this file")
	flag.Parse()
	c.engines = engineList(engines)
	runtime.GOMAXPROCS(c.procs)
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(context.Background(), c, log); err != nil {
		fmt.Fprintln(os.Stderr, "search:", err)
		os.Exit(1)
	}
}

func (c *config) path(engine string) string {
	ext := map[string]string{"sqlite": ".db", "fts5plain": ".db", "bleve": ".bleve"}[engine]
	return filepath.Join(c.dir, fmt.Sprintf("%s-%d%s", engine, c.docs, ext))
}

func (c *config) pgName() string { return fmt.Sprintf("sinergi_bench_%d", c.docs) }

func run(ctx context.Context, c config, log *slog.Logger) error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	co, err := loadCorpus(c.data, filepath.Join(c.dir, "cache"), log)
	if err != nil {
		return err
	}
	describeCorpus(co, c.docs)
	if c.phase == "build" || c.phase == "all" {
		if c.phase == "build" && c.cpuProfile != "" {
			stop, err := startProfile(c.cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		if err := runBuilds(ctx, c, co, log); err != nil {
			return err
		}
	}
	if c.phase == "search" || c.phase == "all" {
		return runSearchPhase(ctx, c, co, log)
	}
	return nil
}

// describeCorpus prints what the archive is made of.
func describeCorpus(co *corpus, docs int) {
	sets := map[string]int{}
	var order []string
	dated, words := 0, 0
	for i, d := range co.Docs {
		if sets[d.Set] == 0 {
			order = append(order, d.Set)
		}
		sets[d.Set]++
		if d.Dated {
			dated++
		}
		words += len(co.Analyses[i].Title) + len(co.Analyses[i].Text)
	}
	fmt.Printf("\n#### Corpus: %d distinct texts (%d dated by their set), %d words; archive of %d documents = %.1f copies\n\n",
		len(co.Docs), dated, words, docs, float64(docs)/float64(len(co.Docs)))
	fmt.Printf("| set | texts |\n|---|---|\n")
	for _, s := range order {
		fmt.Printf("| %s | %d |\n", s, sets[s])
	}
	if co.AnalyseRate > 0 {
		fmt.Printf("\nAnalysis (analysis.NewTerms, title and text): %.0f documents/s on %d cores\n", co.AnalyseRate, runtime.GOMAXPROCS(0))
	}
}

// runBuilds builds every engine's index, build-rounds times, the engines'
// order rotating, and prints the median rate.
func runBuilds(ctx context.Context, c config, co *corpus, log *slog.Logger) error {
	times := map[string][]time.Duration{}
	for r := range c.buildRuns {
		for k := range c.engines {
			e := c.engines[(k+r)%len(c.engines)]
			log.Info("build", "engine", e, "docs", c.docs, "round", r+1)
			var d time.Duration
			var err error
			switch e {
			case "sqlite":
				d, err = buildSQLite(ctx, c.path(e), co, c.docs, c.batch)
			case "postgres":
				d, err = buildPostgres(ctx, c.pg, c.pgName(), co, c.docs, c.batch)
			case "bleve":
				d, err = buildBleve(c.path(e), co, c.docs, c.batch)
			case "fts5plain":
				d, err = buildFTS5Plain(ctx, c.path(e), co, c.docs, c.batch)
			default:
				err = fmt.Errorf("unknown engine %q", e)
			}
			if err != nil {
				return fmt.Errorf("build %s: %w", e, err)
			}
			log.Info("built", "engine", e, "seconds", d.Seconds(), "docs_per_s", float64(c.docs)/d.Seconds())
			times[e] = append(times[e], d)
		}
	}
	fmt.Printf("\n#### Index build, %d documents, GOMAXPROCS=%d, batches of %d (documents/s)\n\n", c.docs, c.procs, c.batch)
	fmt.Printf("| engine | median docs/s | each build (s) | on disk | × Bleve |\n|---|---|---|---|---|\n")
	rate := func(e string) float64 {
		ds := slices.Clone(times[e])
		slices.Sort(ds)
		return float64(c.docs) / ds[len(ds)/2].Seconds()
	}
	for _, e := range c.engines {
		var each string
		for i, d := range times[e] {
			if i > 0 {
				each += " / "
			}
			each += fmt.Sprintf("%.1f", d.Seconds())
		}
		ratio := ""
		if _, ok := times["bleve"]; ok {
			ratio = fmt.Sprintf("%.2f", rate(e)/rate("bleve"))
		}
		fmt.Printf("| %s | %.0f | %s | %s | %s |\n", e, rate(e), each, diskSize(ctx, c, e), ratio)
	}
	return nil
}

// diskSize reports the size of an engine's index.
func diskSize(ctx context.Context, c config, e string) string {
	var n int64
	if e == "postgres" {
		u, err := benchDBURL(c.pg, c.pgName())
		if err != nil {
			return "?"
		}
		db, err := postgres.Open(ctx, u)
		if err != nil {
			return "?"
		}
		defer db.Close()
		if err := db.SQL().QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
			return "?"
		}
	} else {
		filepath.Walk(c.path(e), func(_ string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				n += fi.Size()
			}
			return nil
		})
		for _, s := range []string{"-wal", "-shm"} {
			if fi, err := os.Stat(c.path(e) + s); err == nil {
				n += fi.Size()
			}
		}
	}
	return fmt.Sprintf("%.0f MB", float64(n)/1e6)
}

// runSearchPhase opens the built indexes and times the query set.
func runSearchPhase(ctx context.Context, c config, co *corpus, log *slog.Logger) error {
	gaz, err := region.Load()
	if err != nil {
		return err
	}
	an, err := analysis.New(gaz)
	if err != nil {
		return err
	}
	g := newGenerator(co, an.Terms, c.seed)
	qs, err := g.generate(c.queries)
	if err != nil {
		return err
	}
	if f, err := os.Create(filepath.Join(c.dir, fmt.Sprintf("queries-%d.txt", c.seed))); err == nil {
		for _, q := range qs {
			fmt.Fprintf(f, "%s\t%s\n", q.Kind, q.Text)
		}
		f.Close()
	}
	var ss []searcher
	for _, e := range c.engines {
		switch e {
		case "sqlite":
			db, err := sqlite.Open(ctx, c.path(e))
			if err != nil {
				return err
			}
			defer db.Close()
			s, err := sinergiSearcher("sinergi-sqlite", db, an, qs)
			if err != nil {
				return err
			}
			ss = append(ss, s)
		case "sqlite-tuned":
			db, err := openSQLiteTuned(c.path("sqlite"))
			if err != nil {
				return err
			}
			defer db.Close()
			s, err := sinergiSearcher("sinergi-sqlite-tuned", db, an, qs)
			if err != nil {
				return err
			}
			ss = append(ss, s)
		case "postgres":
			u, err := benchDBURL(c.pg, c.pgName())
			if err != nil {
				return err
			}
			db, err := postgres.Open(ctx, u)
			if err != nil {
				return err
			}
			defer db.Close()
			s, err := sinergiSearcher("sinergi-postgres", db, an, qs)
			if err != nil {
				return err
			}
			ss = append(ss, s)
		case "bleve":
			idx, err := bleve.Open(c.path(e))
			if err != nil {
				return err
			}
			defer idx.Close()
			n, _ := idx.DocCount()
			log.Info("bleve opened", "docs", n)
			ss = append(ss, bleveSearcher(idx, qs))
		}
	}
	if len(ss) == 0 {
		return nil
	}
	if c.cpuProfile != "" {
		stop, err := startProfile(c.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	start := time.Now()
	runs := runSearches(ctx, ss, len(qs), c.rounds)
	log.Info("searched", "seconds", time.Since(start).Seconds())
	reportSearch(os.Stdout, runs, qs, c.docs)
	return nil
}

// startProfile starts a CPU profile into path and returns what stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
