// Command pgcompare measures the presearcher beside PostgreSQL doing the
// same work by brute force, and checks that both find the same matches.
//
// It reads the news corpora (../shared/data), draws stored queries from
// the grammar with plain terms only (what a tsquery over roots expresses
// exactly), loads sample articles into PostgreSQL as `analysed` text (the
// roots of their words joined by spaces) with tsv = to_tsvector('simple',
// analysed), and runs every query against every article in one statement,
// `docs JOIN queries ON tsv @@ q`, with parallel workers off (one core).
// Sinergi matches the same articles against the same queries with
// presearch.Index. Both are timed over a few rounds; the medians are
// printed as articles per second, with the match sets compared.
//
//	GOMAXPROCS=1 taskset -c 0 go run ./query/presearch/internal/pgcompare \
//	    -dsn 'postgres://sinergi:sinergi@127.0.0.1:5432/sinergi?sslmode=disable' -queries 10000
//
// Queries whose words have a root outside [a-z0-9] are skipped and counted
// (to_tsvector would split them differently); so are the article roots, so
// that both sides see the same words.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
)

func main() {
	dsn := flag.String("dsn", os.Getenv("SINERGI_TEST_POSTGRES"), "PostgreSQL address (default $SINERGI_TEST_POSTGRES)")
	data := flag.String("data", "../shared/data", "folder holding news-indosum, news-scrape-2025 and rss-tempo")
	nq := flag.Int("queries", 10000, "stored queries to draw")
	nd := flag.Int("docs", 200, "articles to match")
	maxDF := flag.Float64("maxdf", 0.02, "draw words found in at most this share of documents")
	rounds := flag.Int("rounds", 3, "timed rounds of each side")
	flag.Parse()
	if err := run(*dsn, *data, *nq, *nd, *maxDF, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "pgcompare:", err)
		os.Exit(1)
	}
}

// pair is a match: an article and a stored query.
type pair struct{ doc, query int64 }

func run(dsn, data string, nq, nd int, maxDF float64, rounds int) error {
	if dsn == "" {
		return fmt.Errorf("no -dsn and no SINERGI_TEST_POSTGRES")
	}
	a, err := analysis.NewTerms()
	if err != nil {
		return err
	}
	news, err := workload.ReadNews(data)
	if err != nil {
		return err
	}
	c := workload.NewCorpus(a, news)
	g := &workload.Generator{R: rand.New(rand.NewPCG(5, 2026)), C: c, MaxDF: maxDF, TermsOnly: true}
	x := presearch.NewConfig(a, presearch.Config{Weight: c.Weight})
	var ids []int64
	var tsqs []string
	for id := range int64(nq) {
		n := g.Query()
		tsq, ok := tsquery(n, a)
		if !ok {
			continue
		}
		if err := x.Add(id, n); err != nil {
			return err
		}
		ids, tsqs = append(ids, id), append(tsqs, tsq)
	}
	docs := c.Articles(nd)
	fmt.Printf("%d queries drawn, %d expressible as tsquery; %d articles; words at most %.0f%% of %d documents\n",
		nq, len(ids), len(docs), maxDF*100, len(news))

	ctx := context.Background()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // the temporary tables and SETs belong to one session
	if err := load(ctx, db, a, docs, ids, tsqs); err != nil {
		return err
	}
	var pgPairs []pair
	pgTime, err := median(rounds, func() error {
		pgPairs, err = pgMatch(ctx, db)
		return err
	})
	if err != nil {
		return err
	}
	var ours []pair
	cands := 0
	ourTime, _ := median(rounds, func() error {
		ours, cands = ours[:0], 0
		for i, p := range docs {
			got, st := x.MatchStats(p, time.Now(), time.UTC)
			cands += st.Candidates
			for _, id := range got {
				ours = append(ours, pair{int64(i), id})
			}
		}
		return nil
	})
	same := slices.Equal(ours, pgPairs)
	fmt.Printf("PostgreSQL brute force: %v per round, %.1f articles/s\n", pgTime, float64(len(docs))/pgTime.Seconds())
	fmt.Printf("Sinergi presearch:      %v per round, %.0f articles/s, %.1f candidates and %.1f matches per article\n",
		ourTime, float64(len(docs))/ourTime.Seconds(), float64(cands)/float64(len(docs)), float64(len(ours))/float64(len(docs)))
	fmt.Printf("speed-up %.0f×; match sets identical: %v (%d pairs; PostgreSQL %d)\n",
		pgTime.Seconds()/ourTime.Seconds(), same, len(ours), len(pgPairs))
	if !same {
		return fmt.Errorf("the match sets differ")
	}
	return nil
}

// lexeme is a root that to_tsvector('simple') keeps as one lexeme.
var lexeme = regexp.MustCompile(`^[a-z0-9]+$`)

// tsquery translates a tree of plain unfielded terms under AND, OR and
// NOT; ok is false for anything else.
func tsquery(n query.Node, a query.Analyzer) (string, bool) {
	join := func(ns []query.Node, op string) (string, bool) {
		parts := make([]string, len(ns))
		for i, c := range ns {
			s, ok := tsquery(c, a)
			if !ok {
				return "", false
			}
			parts[i] = s
		}
		return "(" + strings.Join(parts, op) + ")", true
	}
	switch n := n.(type) {
	case *query.And:
		return join(n.Nodes, " & ")
	case *query.Or:
		return join(n.Nodes, " | ")
	case *query.Not:
		s, ok := tsquery(n.X, a)
		return "!" + s, ok
	case *query.Term:
		ts := a.Terms(n.Text)
		if n.Field != "" || n.Prefix || len(ts) != 1 || !lexeme.MatchString(ts[0].Root) {
			return "", false
		}
		return "'" + ts[0].Root + "'", true
	}
	return "", false
}

// load creates the session's tables: docs (id, analysed, tsv) and
// queries (id, q).
func load(ctx context.Context, db *sql.DB, a query.Analyzer, docs []*query.Prepared, ids []int64, tsqs []string) error {
	var docIDs []int64
	var analysed []string
	for i, p := range docs {
		var roots []string
		for _, t := range append(a.Terms(p.Doc.Title), a.Terms(p.Doc.Text)...) {
			if lexeme.MatchString(t.Root) {
				roots = append(roots, t.Root)
			}
		}
		docIDs, analysed = append(docIDs, int64(i)), append(analysed, strings.Join(roots, " "))
	}
	for _, s := range []string{
		`SET max_parallel_workers_per_gather = 0`,
		`CREATE TEMP TABLE docs (id bigint, analysed text, tsv tsvector)`,
		`CREATE TEMP TABLE queries (id bigint, q tsquery)`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO docs (id, analysed, tsv)
		SELECT id, t, to_tsvector('simple', t) FROM unnest($1::bigint[], $2::text[]) AS u(id, t)`, docIDs, analysed); err != nil {
		return fmt.Errorf("load articles: %w", err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO queries (id, q)
		SELECT id, q::tsquery FROM unnest($1::bigint[], $2::text[]) AS u(id, q)`, ids, tsqs); err != nil {
		return fmt.Errorf("load queries: %w", err)
	}
	_, err := db.ExecContext(ctx, `ANALYZE docs; ANALYZE queries`)
	return err
}

// pgMatch runs every query against every article, ordered as Sinergi
// reports them.
func pgMatch(ctx context.Context, db *sql.DB) ([]pair, error) {
	rows, err := db.QueryContext(ctx, `SELECT d.id, q.id FROM docs d JOIN queries q ON d.tsv @@ q.q ORDER BY d.id, q.id`)
	if err != nil {
		return nil, fmt.Errorf("brute force: %w", err)
	}
	defer rows.Close()
	var out []pair
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.doc, &p.query); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// median runs fn rounds times and returns the median duration.
func median(rounds int, fn func() error) (time.Duration, error) {
	var ds []time.Duration
	for range max(rounds, 1) {
		start := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2], nil
}
