package demo_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/network"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store/sqlite"
)

func TestSeedIsIdempotent(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	gaz, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := audit.NewLog(db, sinergi.SystemClock{})
	agencies := agency.NewService(db, gaz, log)
	svc := demo.Services{Agencies: agencies, Auth: auth.NewService(db, agencies, log, sinergi.SystemClock{}),
		Network: network.NewService(db, agencies, log),
		Archive: archive.NewService(db, func() (*analysis.Analyzer, error) { return analysis.New(gaz) }, gaz, agencies, log, sinergi.SystemClock{}),
		Sources: source.NewService(db, agencies, gaz, log, sinergi.SystemClock{})}
	analyze := func() (*analysis.Analyzer, error) { return analysis.New(gaz) }
	hoaxes := hoax.NewService(db, log, sinergi.SystemClock{}, analyze, nil, hoax.Options{})
	svc.ImportHoaxes = func(ctx context.Context, path []int64, r io.Reader) (int, error) {
		res, err := importer.Read(r, importer.FormatPratiwi, hoaxes.Vocabularies())
		if err != nil {
			return 0, err
		}
		for _, c := range res.Claims {
			c.Published = true
		}
		added, _, err := hoaxes.Import(ctx, access.SystemActor(), path, access.Publik, res.Claims)
		return added, err
	}

	first, err := demo.Seed(t.Context(), svc)
	if err != nil {
		t.Fatalf("Seed: %v", err)
	}
	if first.ItemsImported != 203 {
		t.Errorf("Seed imported %d items, want the 200 of items.jsonl and the 3 of posts.jsonl", first.ItemsImported)
	}
	if first.HoaxesImported != 181 {
		t.Errorf("Seed imported %d hoaxes, want the 181 of hoaxes.jsonl", first.HoaxesImported)
	}
	if first.SourcesCreated != 21 {
		t.Errorf("Seed registered %d sources, want the 21 of sources.json", first.SourcesCreated)
	}
	if first.AgenciesCreated < 5 || len(first.Accounts) != len(access.Roles) {
		t.Fatalf("Seed created %d agencies and %d accounts; want >= 5 and one per role (%d)", first.AgenciesCreated, len(first.Accounts), len(access.Roles))
	}
	roles := map[access.Role]bool{}
	for _, a := range first.Accounts {
		roles[a.Role] = true
		if a.Password == "" {
			t.Errorf("first Seed: account %s has no password to show", a.Username)
		}
		if _, _, _, err := svc.Auth.Login(t.Context(), auth.Credentials{Username: a.Username, Password: a.Password}); err != nil {
			t.Errorf("Login(%s) with the shown password: %v", a.Username, err)
		}
	}
	if len(roles) != len(access.Roles) {
		t.Errorf("Seed covers roles %v, want all %v", roles, access.Roles)
	}
	second, err := demo.Seed(t.Context(), svc)
	if err != nil {
		t.Fatalf("second Seed: %v", err)
	}
	if second.AgenciesCreated != 0 || second.ItemsImported != 0 || second.SourcesCreated != 0 || second.HoaxesImported != 0 {
		t.Errorf("second Seed created %d agencies, want 0", second.AgenciesCreated)
	}
	for _, a := range second.Accounts {
		if a.Password != "" {
			t.Errorf("second Seed: account %s shows a password again", a.Username)
		}
	}
	_, n, err := svc.Network.List(t.Context(), access.SystemActor(), network.Filter{})
	if err != nil || n != 4 {
		t.Errorf("key messages after two seeds = %d, %v; want 4", n, err)
	}
	paused := true
	if list, n, err := svc.Sources.List(t.Context(), source.Filter{Paused: &paused, Limit: 100}); err != nil || n != 21 || len(list[1].Feeds) == 0 {
		t.Errorf("paused sources after two seeds = %d, %v; want the 21 of the starter list, with feeds", n, err)
	}
	if n, err := svc.Archive.Count(t.Context()); err != nil || n != 203 {
		t.Errorf("archive after two seeds = %d, %v; want 203", n, err)
	}
	if _, n, err := hoaxes.PublicClaims(t.Context(), 10, 0); err != nil || n != 181 {
		t.Errorf("public hoaxes after two seeds = %d, %v; want 181", n, err)
	}
}
