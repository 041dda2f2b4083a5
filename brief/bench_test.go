package brief_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

// BenchmarkGenerate100k makes the brief of an agency with 100,000 items
// in its 24-hour window, on SQLite: the shared news corpora (IndoSum,
// news-scrape-2025, Tempo RSS; about 9,500 articles), each analysed once
// as an import does, stored again and again with new URLs until 100,000
// items, their times spread evenly over the window; three shared saved
// searches with a spike alert each. One op is Create: read the window's
// items with their analyses, cluster them into issues, match the mention
// queries, count hours, sentiment and regions, encode, hash and store.
// The PDF of the result is timed beside it (pdf-ms). The setup (analysis
// and import) takes a few minutes; it is not part of the test run.
func BenchmarkGenerate100k(b *testing.B) {
	const total = 100_000
	ctx := context.Background()
	docs, err := workload.ReadNews(filepath.Dir(testenv.SharedData(b, "news-indosum")))
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "sinergi.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	g, _ := loadRegions()
	cats, _ := loadCatalogs()
	clock := sinergi.SystemClock{}
	log := audit.NewLog(db, clock)
	agencies := agency.NewService(db, g, log)
	users := auth.NewService(db, agencies, log, clock)
	archives := archive.NewService(db, loadAnalyzer, g, agencies, log, clock)
	monitors := monitor.NewService(db, archives, log, clock, nil)
	replay := brief.NewService(brief.Deps{Store: db, Agencies: agencies, Users: users, Compiler: archives,
		Regions: g, Catalogs: cats, Audit: log, Clock: clock})
	// What the brief costs once issues are persisted at ingestion (the
	// lead's next step): the source answers from its own records.
	given := brief.NewService(brief.Deps{Store: db, Agencies: agencies, Users: users, Compiler: archives,
		Regions: g, Catalogs: cats, Audit: log, Clock: clock, Issues: storedIssues{}})
	sys := access.SystemActor()
	a, err := agencies.CreateFromRegion(ctx, sys, "32", 0)
	if err != nil {
		b.Fatal(err)
	}
	leader := "Dedi Mulyadi"
	if _, err := agencies.Update(ctx, sys, a.ID, agency.Update{Leader: &leader}); err != nil {
		b.Fatal(err)
	}
	analyst, err := users.CreateUser(ctx, sys, auth.NewUser{AgencyID: a.ID, Username: "analis", Name: "Analis",
		Role: access.Analis, Clearance: access.Terbatas, Password: "kata-sandi-yang-panjang-sekali"})
	if err != nil {
		b.Fatal(err)
	}
	end := time.Now().UTC().Truncate(time.Hour)
	items := make([]*archive.Item, 0, len(docs))
	for i, d := range docs {
		if d.Title == "" && d.Text == "" {
			continue
		}
		items = append(items, &archive.Item{AgencyID: a.ID, Classification: access.Publik, Title: d.Title, Text: d.Text,
			Source: d.Source, URL: fmt.Sprintf("https://bench.example.id/%d", i), Published: end.Add(-time.Hour)})
	}
	analyses, err := archives.Prepare(ctx, sys, items)
	if err != nil {
		b.Fatal(err)
	}
	step := brief.Window / total
	for start := 0; start < total; start += 5_000 {
		batch := make([]*archive.Item, 0, 5_000)
		batchA := make([]*archive.Analysis, 0, 5_000)
		for n := start; n < min(start+5_000, total); n++ {
			it := *items[n%len(items)]
			it.ID = 0
			it.URL = fmt.Sprintf("https://bench.example.id/%d/%d", n/len(items), n%len(items))
			it.Published = end.Add(-brief.Window + time.Duration(n+1)*step)
			batch, batchA = append(batch, &it), append(batchA, analyses[n%len(items)])
		}
		if err := db.AddItems(ctx, batch, batchA); err != nil {
			b.Fatal(err)
		}
	}
	for i, q := range []string{"banjir", "korupsi OR kpk", `"jawa barat"`} {
		ss := &monitor.SavedSearch{Name: fmt.Sprintf("Pantauan %d", i), Query: q, Sharing: monitor.Agency}
		if err := monitors.Save(ctx, analyst.Actor(), ss); err != nil {
			b.Fatal(err)
		}
		n := &monitor.Notification{UserID: analyst.ID, SearchID: ss.ID, Created: end.Add(-time.Duration(i+1) * time.Hour),
			Message: monitor.Message{Key: "spike.reason", Args: []any{40 + i, ss.Name, 3, 5.0, 2.0, 14, 11.0, 3.0}}}
		if err := db.SpikeAlert(ctx, ss.ID, n.Created, n); err != nil {
			b.Fatal(err)
		}
	}
	tr := cats.Translator(i18n.ID)
	for _, run := range []struct {
		name string
		svc  *brief.Service
	}{{"replay-issues", replay}, {"issues-given", given}} {
		b.Run(run.name, func(b *testing.B) {
			var pdfTime time.Duration
			for b.Loop() {
				snap, err := run.svc.Create(ctx, sys, a.ID, end)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				br, err := snap.Brief()
				if err != nil || br.Items != total {
					b.Fatalf("brief of %d items, %v; want %d", br.Items, err, total)
				}
				t0 := time.Now()
				if _, err := brief.PDF(br, tr); err != nil {
					b.Fatal(err)
				}
				pdfTime += time.Since(t0)
				b.StartTimer()
			}
			b.ReportMetric(float64(pdfTime.Milliseconds())/float64(b.N), "pdf-ms")
		})
	}
}

// storedIssues stands for an IssueSource over persisted issues: it does
// not range over the items and answers at once.
type storedIssues struct{}

func (storedIssues) TopIssues(context.Context, brief.IssueInput) ([]brief.Issue, brief.QueryVersion, error) {
	return []brief.Issue{{Title: "Isu tersimpan", Items: 2}}, brief.QueryVersion{Kind: "issues", Name: "stored"}, nil
}
