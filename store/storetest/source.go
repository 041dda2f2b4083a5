package storetest

import (
	"errors"
	"testing"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
)

// testSources registers, lists, pauses and refuses sources.
func testSources(t *testing.T, db *store.DB) {
	gaz, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := audit.NewLog(db, sinergi.SystemClock{})
	agencies := agency.NewService(db, gaz, log)
	svc := source.NewService(db, agencies, gaz, log, sinergi.SystemClock{})
	console := access.SystemActor()
	jambi, err := agencies.CreateFromRegion(t.Context(), console, "15", 0)
	if err != nil {
		t.Fatal(err)
	}
	aceh, err := agencies.CreateFromRegion(t.Context(), console, "11", 0)
	if err != nil {
		t.Fatal(err)
	}
	src := &source.Source{
		AgencyID: jambi.ID, Name: "  Jambi   Independent ", HomePage: "https://WWW.Jambi-Independent.co.id/",
		AltDomains: []string{"jambiindependent.com", "www.jambi-independent.co.id"}, Lang: "ID",
		Region: "Kota Jambi", Collections: []string{"Berita Daerah", "jambi"}, Notes: "Harian terbesar di Jambi.",
		Feeds: []source.FeedURL{
			{URL: "https://www.jambi-independent.co.id/feed#top"},
			{URL: "https://www.jambi-independent.co.id/sitemap-news.xml", Kind: source.Sitemap},
		},
	}
	if err := svc.Add(t.Context(), console, src); err != nil {
		t.Fatalf("Add: %v", err)
	}
	got, err := svc.Find(t.Context(), src.ID)
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if got.Name != "Jambi Independent" || got.Domain != "jambi-independent.co.id" || got.Region != "15.71" ||
		got.Lang != "id" || got.MediaType != source.Online || len(got.AltDomains) != 1 ||
		len(got.Collections) != 2 || got.Collections[0] != "berita-daerah" || len(got.Feeds) != 2 ||
		got.Feeds[0].URL != "https://www.jambi-independent.co.id/feed" || got.Feeds[1].Kind != source.Sitemap {
		t.Errorf("Find = %+v", got)
	}

	// A user of another branch may not register or pause Jambi's sources.
	acehAdmin := access.Actor{UserID: 9, Role: access.Administrator, Clearance: access.Rahasia, AgencyPath: aceh.Path}
	if _, err := svc.SetPaused(t.Context(), acehAdmin, src.ID, true); sinergi.KindOf(err) != sinergi.KindForbidden {
		t.Errorf("SetPaused by another branch: %v, want forbidden", err)
	}
	paused, err := svc.SetPaused(t.Context(), console, src.ID, true)
	if err != nil || !paused.Paused {
		t.Fatalf("SetPaused: %+v, %v", paused, err)
	}
	yes := true
	list, n, err := svc.List(t.Context(), source.Filter{Paused: &yes, Collection: "Berita Daerah"})
	if err != nil || n != 1 || len(list) != 1 || list[0].ID != src.ID || len(list[0].Feeds) != 2 {
		t.Errorf("List(paused, collection) = %d, %v", n, err)
	}
	if _, n, _ := svc.List(t.Context(), source.Filter{Query: "INDEPENDENT", Collection: "berita"}); n != 0 {
		t.Errorf("List(collection berita) = %d, want 0 (a collection is a whole word)", n)
	}

	err = svc.Add(t.Context(), console, &source.Source{AgencyID: jambi.ID, Name: "Lagi", HomePage: "http://jambi-independent.co.id"})
	wantKind(t, "Add(same domain twice)", err, sinergi.KindConflict)
	for name, bad := range map[string]*source.Source{
		"no name":        {HomePage: "https://a.id"},
		"ftp home":       {Name: "x", HomePage: "ftp://a.id"},
		"media type":     {Name: "x", HomePage: "https://a.id", MediaType: "koran"},
		"kecamatan":      {Name: "x", HomePage: "https://a.id", Region: "15.71.01"},
		"unknown region": {Name: "x", HomePage: "https://a.id", Region: "Atlantis"},
		"feed kind":      {Name: "x", HomePage: "https://a.id", Feeds: []source.FeedURL{{URL: "https://a.id/rss", Kind: "atom"}}},
		"feed twice":     {Name: "x", HomePage: "https://a.id", Feeds: []source.FeedURL{{URL: "https://a.id/rss"}, {URL: "https://a.id/rss#x"}}},
		"javascript":     {Name: "x", HomePage: "https://a.id", Feeds: []source.FeedURL{{URL: "javascript:alert(1)"}}},
	} {
		bad.AgencyID = jambi.ID
		if err := svc.Add(t.Context(), console, bad); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Add(%s) = %v, want invalid", name, err)
		}
	}
	if _, err := svc.Find(t.Context(), 999999); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("Find(missing) = %v, want not found", err)
	}
}
