package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
	"github.com/sinergi-id/sinergi/store"
)

// testSources registers, lists, pauses, changes and refuses sources.
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
	t.Run("Update", func(t *testing.T) { testSourceUpdate(t, db, svc, jambi, aceh) })
}

// testSourceUpdate (a part of testSources) changes a source's fields and feeds: a kept feed keeps
// its ID (and so its state), a new one is added with a state, a removed
// one goes with its state while the appearances it brought stay.
func testSourceUpdate(t *testing.T, db *store.DB, svc *source.Service, jambi, aceh *agency.Agency) {
	console := access.SystemActor()
	src := &source.Source{
		AgencyID: jambi.ID, Name: "Jambi Ekspres", HomePage: "https://jambiekspres.co.id/", Collections: []string{"jambi"},
		Feeds: []source.FeedURL{
			{URL: "https://jambiekspres.co.id/feed"},
			{URL: "https://jambiekspres.co.id/sitemap-news.xml", Kind: source.Sitemap},
		},
	}
	if err := svc.Add(t.Context(), console, src); err != nil {
		t.Fatalf("Add: %v", err)
	}
	kept, removed := src.Feeds[0], src.Feeds[1]
	if _, err := svc.SetPaused(t.Context(), console, src.ID, true); err != nil {
		t.Fatal(err)
	}

	// What polling knows of the kept feed stays, and an item the removed
	// feed brought stays in the archive.
	seen := time.Now().UTC().Truncate(time.Microsecond)
	it := &archive.Item{AgencyID: jambi.ID, Title: "Banjir di Kota Jambi", Text: "Banjir setinggi lutut.",
		URL: "https://jambiekspres.co.id/banjir", Source: "jambiekspres.co.id", Fetched: seen, ImportedAt: seen}
	err := db.SaveBatch(t.Context(), &ingest.Batch{
		AgencyID: jambi.ID, Items: []*archive.Item{it}, Analyses: []*archive.Analysis{{}}, Idents: []string{it.URL},
		Appearances: []ingest.Appearance{{Ident: it.URL, StoryIdent: it.URL, AgencyID: jambi.ID, SourceID: src.ID,
			FeedID: removed.ID, Source: it.Source, URL: it.URL, Seen: seen}},
		Feed: &ingest.Feed{ID: kept.ID, State: ingest.State{Polls: 7, ItemsNew: 3, Health: ingest.Healthy, LastPoll: seen}},
	})
	if err != nil {
		t.Fatalf("SaveBatch: %v", err)
	}

	upd := &source.Source{
		Name: "Jambi Ekspres Online", HomePage: "https://www.jambiekspres.co.id/", MediaType: source.Print, Lang: "id",
		Region: "15.71", AltDomains: []string{"jambiekspres.com"}, Collections: []string{"Media Daerah"}, Notes: "Koran harian.",
		Feeds: []source.FeedURL{
			{URL: "https://jambiekspres.co.id/feed", Kind: source.Feed, FullText: true},
			{URL: "https://jambiekspres.co.id/rss/daerah", Kind: source.Feed},
		},
	}
	acehAdmin := access.Actor{UserID: 9, Role: access.Administrator, Clearance: access.Rahasia, AgencyPath: aceh.Path}
	if _, err := svc.Update(t.Context(), acehAdmin, src.ID, upd); sinergi.KindOf(err) != sinergi.KindForbidden {
		t.Errorf("Update by another branch's administrator: %v, want forbidden", err)
	}
	updated, err := svc.Update(t.Context(), console, src.ID, upd)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	got, err := svc.Find(t.Context(), src.ID)
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if got.Name != "Jambi Ekspres Online" || got.Domain != "jambiekspres.co.id" || got.MediaType != source.Print ||
		got.Lang != "id" || got.Region != "15.71" || len(got.AltDomains) != 1 || got.AltDomains[0] != "jambiekspres.com" ||
		len(got.Collections) != 1 || got.Collections[0] != "media-daerah" || got.Notes != "Koran harian." ||
		got.AgencyID != jambi.ID || !got.Paused || !got.CreatedAt.Equal(src.CreatedAt) || got.UpdatedAt.Before(src.UpdatedAt) {
		t.Errorf("Find after Update = %+v", got)
	}
	if len(got.Feeds) != 2 || len(updated.Feeds) != 2 {
		t.Fatalf("Find after Update: feeds %+v, want 2", got.Feeds)
	}
	if f := got.Feeds[0]; f.ID != kept.ID || !f.FullText || f.URL != kept.URL {
		t.Errorf("kept feed = %+v, want ID %d with full text", f, kept.ID)
	}
	added := got.Feeds[1]
	if added.ID == kept.ID || added.ID == removed.ID || added.URL != "https://jambiekspres.co.id/rss/daerah" || added.ID != updated.Feeds[1].ID {
		t.Errorf("added feed = %+v (Update returned %+v)", added, updated.Feeds[1])
	}
	if f, err := db.FindFeedByID(t.Context(), kept.ID); err != nil || f.State.Polls != 7 || f.State.ItemsNew != 3 || !f.FullText {
		t.Errorf("FindFeedByID(kept) = %+v, %v; want its state kept", f, err)
	}
	if f, err := db.FindFeedByID(t.Context(), added.ID); err != nil || f.State.Health != ingest.New || !f.State.NextPoll.Equal(time.UnixMicro(0).UTC()) {
		t.Errorf("FindFeedByID(added) = %+v, %v; want a new state, due at once", f, err)
	}
	if _, err := db.FindFeedByID(t.Context(), removed.ID); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("FindFeedByID(removed) = %v, want not found", err)
	}
	if known, err := db.KnownIdents(t.Context(), jambi.ID, []string{it.URL}); err != nil || known[it.URL] != it.ID {
		t.Errorf("KnownIdents after removing the feed = %v, %v; want the appearance kept", known, err)
	}

	// The same checks as Add, and no other source's domain.
	other := &source.Source{AgencyID: jambi.ID, Name: "Tribun Jambi", HomePage: "https://jambi.tribunnews.com/"}
	if err := svc.Add(t.Context(), console, other); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Update(t.Context(), console, other.ID, &source.Source{Name: "Tribun", HomePage: "https://jambiekspres.co.id/"})
	wantKind(t, "Update(to another source's domain)", err, sinergi.KindConflict)
	_, err = svc.Update(t.Context(), console, other.ID, &source.Source{Name: "", HomePage: "https://jambi.tribunnews.com/"})
	wantKind(t, "Update(no name)", err, sinergi.KindInvalid)
	_, err = svc.Update(t.Context(), console, 999999, upd)
	wantKind(t, "Update(missing)", err, sinergi.KindNotFound)
}
