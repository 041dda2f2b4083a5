package source

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/region"
)

func TestDomain(t *testing.T) {
	for in, want := range map[string]string{
		"www.Kompas.com":      "kompas.com",
		"regional.kompas.com": "regional.kompas.com",
		"jambiprov.go.id.":    "jambiprov.go.id",
		"WWW.tempo.co":        "tempo.co",
	} {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCollection(t *testing.T) {
	for in, want := range map[string]string{
		"Berita Daerah":     "berita-daerah",
		"  media   daerah ": "media-daerah",
		"jambi":             "jambi",
		"":                  "",
	} {
		if got := Collection(in); got != want {
			t.Errorf("Collection(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWebURL(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"HTTPS://WWW.Kompas.com/Read/1#comments", "https://www.kompas.com/Read/1", true},
		{" http://jambiprov.go.id/feed ", "http://jambiprov.go.id/feed", true},
		{"ftp://x.id/feed", "", false},
		{"javascript:alert(1)", "", false},
		{"https://user:pass@x.id/", "", false},
		{"https:///nohost", "", false},
		{"x.id/feed", "", false},
	}
	for _, tt := range tests {
		u, err := webURL(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("webURL(%q) err = %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && u.String() != tt.want {
			t.Errorf("webURL(%q) = %q, want %q", tt.in, u, tt.want)
		}
	}
}

// memStore keeps sources in memory, with what UpdateSource would keep.
type memStore struct {
	sources map[int64]*Source
	nextID  int64
}

func (m *memStore) id() int64 { m.nextID++; return m.nextID }

func (m *memStore) CreateSource(_ context.Context, s *Source) error {
	s.ID = m.id()
	for i := range s.Feeds {
		s.Feeds[i].ID, s.Feeds[i].SourceID = m.id(), s.ID
	}
	c := *s
	c.Feeds = slices.Clone(s.Feeds)
	m.sources[s.ID] = &c
	return nil
}

func (m *memStore) UpdateSource(_ context.Context, s *Source) error {
	for i := range s.Feeds {
		if s.Feeds[i].ID == 0 {
			s.Feeds[i].ID = m.id()
		}
	}
	c := *s
	c.Feeds = slices.Clone(s.Feeds)
	m.sources[s.ID] = &c
	return nil
}

func (m *memStore) FindSourceByID(_ context.Context, id int64) (*Source, error) {
	s, ok := m.sources[id]
	if !ok {
		return nil, sinergi.Errorf(sinergi.KindNotFound, "source.error.not_found")
	}
	c := *s
	c.Feeds = slices.Clone(s.Feeds)
	return &c, nil
}

func (m *memStore) FindSources(context.Context, Filter) ([]*Source, int, error) { return nil, 0, nil }

func (m *memStore) SetSourcePaused(context.Context, int64, bool, time.Time) error { return nil }

// flatTree puts every agency at the top of the tree.
type flatTree struct{}

func (flatTree) Path(_ context.Context, id int64) ([]int64, error) { return []int64{id}, nil }

type events []audit.Event

func (e *events) Record(_ context.Context, ev audit.Event) error { *e = append(*e, ev); return nil }

// TestUpdateFeeds: a changed source keeps the IDs of the feeds whose
// address it keeps (however the address is written), gets new ones for
// the others, and the audit log says how many were added and removed.
func TestUpdateFeeds(t *testing.T) {
	g, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, log := &memStore{sources: map[int64]*Source{}}, &events{}
	svc := NewService(store, flatTree{}, g, log, sinergi.SystemClock{})
	editor := access.Actor{UserID: 1, Role: access.Editor, Clearance: access.Terbatas, AgencyPath: []int64{7}}
	src := &Source{Name: "Jambi Ekspres", HomePage: "https://jambiekspres.co.id/", Feeds: []FeedURL{
		{URL: "https://jambiekspres.co.id/feed"}, {URL: "https://jambiekspres.co.id/sitemap.xml", Kind: Sitemap}}}
	if err := svc.Add(t.Context(), editor, src); err != nil {
		t.Fatalf("Add: %v", err)
	}
	upd := &Source{Name: "Jambi Ekspres", HomePage: "https://jambiekspres.co.id/", Paused: true, AgencyID: 99, Feeds: []FeedURL{
		{URL: "HTTPS://JAMBIEKSPRES.co.id/feed#baru", FullText: true}, {URL: "https://jambiekspres.co.id/rss/daerah"}}}
	got, err := svc.Update(t.Context(), editor, src.ID, upd)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if got.AgencyID != 7 || got.Paused || len(got.Feeds) != 2 || got.Feeds[0].ID != src.Feeds[0].ID || !got.Feeds[0].FullText ||
		got.Feeds[1].ID == 0 || got.Feeds[1].ID == src.Feeds[1].ID {
		t.Errorf("Update = %+v; want agency 7, not paused, the first feed's ID %d kept", got, src.Feeds[0].ID)
	}
	if upd.Feeds[0].URL != "HTTPS://JAMBIEKSPRES.co.id/feed#baru" {
		t.Errorf("Update changed the caller's feeds: %+v", upd.Feeds)
	}
	last := (*log)[len(*log)-1]
	if last.Action != "source.update" || !slices.Equal(last.SummaryArgs, []string{"Jambi Ekspres", "2", "1", "1"}) {
		t.Errorf("audit of Update = %s %v, want source.update with 2 feeds, 1 added, 1 removed", last.Action, last.SummaryArgs)
	}

	staf := access.Actor{UserID: 2, Role: access.Staf, Clearance: access.Publik, AgencyPath: []int64{7}}
	if _, err := svc.Update(t.Context(), staf, src.ID, upd); sinergi.KindOf(err) != sinergi.KindForbidden {
		t.Errorf("Update as staf: %v, want forbidden", err)
	}
	if _, err := svc.Update(t.Context(), editor, src.ID, &Source{Name: "x", HomePage: "https://a.id", MediaType: "koran"}); sinergi.KindOf(err) != sinergi.KindInvalid {
		t.Errorf("Update(media type koran): %v, want invalid", err)
	}
	if _, err := svc.Update(t.Context(), editor, 404, upd); sinergi.KindOf(err) != sinergi.KindNotFound {
		t.Errorf("Update(missing): %v, want not found", err)
	}
}
