package issue

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
)

// story is a hand-written item of a test stream.
type story struct {
	key       string // the story it tells, for the test's expectations
	hours     float64
	title     string
	text      string
	source    string
	sentiment string
	entities  []string
	regions   []string
}

// stories are reports of three events by several outlets, in time order.
var stories = []story{
	{"banjir", 0, "Banjir Rendam Ratusan Rumah di Kota Jambi",
		"Hujan deras sejak Senin malam membuat Sungai Batanghari meluap dan merendam ratusan rumah warga di Kota Jambi. BPBD Kota Jambi mengevakuasi warga ke posko pengungsian.",
		"jambiekspres.co.id", "negative", []string{"ORG:BPBD Kota Jambi", "LOC:Sungai Batanghari", "LOC:Kota Jambi"}, []string{"15.71"}},
	{"haji", 1, "KPK Periksa Pejabat Kemenag soal Korupsi Kuota Haji",
		"Komisi Pemberantasan Korupsi memeriksa sejumlah pejabat Kementerian Agama terkait dugaan korupsi pembagian kuota haji tambahan tahun 2024.",
		"tempo.co", "negative", []string{"ORG:KPK", "ORG:Kementerian Agama"}, nil},
	{"banjir", 2, "BPBD Evakuasi Ratusan Warga Korban Banjir Jambi",
		"Badan Penanggulangan Bencana Daerah Kota Jambi mengevakuasi ratusan warga yang rumahnya terendam banjir akibat luapan Sungai Batanghari.",
		"antaranews.com", "neutral", []string{"ORG:BPBD Kota Jambi", "LOC:Sungai Batanghari"}, []string{"15.71"}},
	{"timnas", 3, "Timnas Indonesia Kalahkan Vietnam 2-0 di Stadion GBK",
		"Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi Piala Dunia di Stadion Gelora Bung Karno. Pelatih Patrick Kluivert memuji para pemain.",
		"bola.kompas.com", "positive", []string{"ORG:Timnas Indonesia", "PER:Patrick Kluivert", "LOC:Vietnam"}, []string{"31.71"}},
	{"haji", 4, "Kasus Kuota Haji, KPK Panggil Pejabat Kementerian Agama",
		"KPK memanggil pejabat Kementerian Agama untuk diperiksa sebagai saksi kasus dugaan korupsi kuota haji tambahan.",
		"detik.com", "negative", []string{"ORG:KPK", "ORG:Kementerian Agama"}, nil},
	{"banjir", 5, "Wali Kota Jambi Tinjau Posko Pengungsian Korban Banjir",
		"Wali Kota Jambi Maulana meninjau posko pengungsian korban banjir luapan Sungai Batanghari dan memastikan logistik warga tercukupi.",
		"jambiekspres.co.id", "positive", []string{"PER:Maulana", "LOC:Sungai Batanghari", "LOC:Kota Jambi"}, []string{"15.71", "15"}},
	{"timnas", 6, "Kluivert Puji Pemain Timnas Usai Kalahkan Vietnam",
		"Pelatih Timnas Indonesia Patrick Kluivert memuji kerja keras pemain setelah kemenangan 2-0 atas Vietnam di Gelora Bung Karno.",
		"detik.com", "positive", []string{"PER:Patrick Kluivert", "ORG:Timnas Indonesia", "LOC:Vietnam"}, nil},
	{"haji", 7, "KPK Sita Dokumen Kuota Haji dari Kantor Kemenag",
		"Penyidik KPK menyita dokumen terkait pembagian kuota haji tambahan dari kantor Kementerian Agama dalam kasus dugaan korupsi.",
		"kompas.com", "negative", []string{"ORG:KPK", "ORG:Kementerian Agama"}, nil},
}

var t0 = time.Date(2025, 10, 20, 8, 0, 0, 0, time.UTC)

// fixture analyses items as the archive does.
type fixture struct {
	terms *analysis.Terms
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	terms, err := analysis.NewTerms()
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{terms: terms}
}

func (f *fixture) item(id int64, s story) (*archive.Item, *archive.Analysis) {
	it := &archive.Item{
		ID: id, Title: s.title, Text: s.text, Source: s.source, Sentiment: s.sentiment,
		Entities: s.entities, Regions: s.regions,
		Published: t0.Add(time.Duration(s.hours * float64(time.Hour))),
	}
	return it, &archive.Analysis{Title: f.terms.Terms(s.title), Text: f.terms.Terms(s.text)}
}

// addAll adds the stories with IDs 1, 2, ... and returns the assignments.
func (f *fixture) addAll(t testing.TB, c *Clusterer, ss []story) []Assignment {
	t.Helper()
	out := make([]Assignment, len(ss))
	for i, s := range ss {
		a, err := c.Add(f.item(int64(i+1), s))
		if err != nil {
			t.Fatalf("Add(%d) = %v", i+1, err)
		}
		out[i] = a
	}
	return out
}

func mustNew(t testing.TB, o Options) *Clusterer {
	t.Helper()
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClusterStories(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{})
	as := f.addAll(t, c, stories)
	issueOf := map[string]ID{}
	for i, a := range as {
		if a.Seq != int64(i+1) || a.ItemID != int64(i+1) {
			t.Errorf("Add(%d) = %+v: wrong Seq or ItemID", i+1, a)
		}
		key := stories[i].key
		want, seen := issueOf[key]
		if !seen {
			issueOf[key] = a.Issue
			if !a.New || a.Similarity != 0 {
				t.Errorf("item %d (%s), first of its story: %+v, want New", i+1, key, a)
			}
			continue
		}
		if a.Issue != want || a.New {
			t.Errorf("item %d (%s) went to issue %d (new %v), want %d", i+1, key, a.Issue, a.New, want)
		}
		if a.Similarity < c.Options().Threshold {
			t.Errorf("item %d joined with similarity %v under the threshold", i+1, a.Similarity)
		}
	}
	if len(issueOf) != 3 || issueOf["banjir"] != 1 || issueOf["haji"] != 2 || issueOf["timnas"] != 3 {
		t.Errorf("issues %v, want banjir 1, haji 2, timnas 3", issueOf)
	}
	if got := c.Len(); got != int64(len(stories)) {
		t.Errorf("Len() = %d, want %d", got, len(stories))
	}
	// Adding an item again changes nothing.
	again, err := c.Add(f.item(3, stories[2]))
	if err != nil || again.Issue != as[2].Issue || again.Seq != 3 {
		t.Errorf("Add(3) again = %+v, %v; want issue %d, seq 3", again, err, as[2].Issue)
	}
	checkIndex(t, c)
}

func TestIssueFigures(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{})
	f.addAll(t, c, stories)
	now := t0.Add(5*time.Hour + 30*time.Minute)
	got, err := c.Issue(1, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Items != 3 || !got.FirstSeen.Equal(t0) || !got.LastSeen.Equal(t0.Add(5*time.Hour)) {
		t.Errorf("Issue(1): items %d, first %v, last %v", got.Items, got.FirstSeen, got.LastSeen)
	}
	if got.Title != got.Headline || got.Renamed || got.Headline == "" {
		t.Errorf("Issue(1): title %q, headline %q, renamed %v", got.Title, got.Headline, got.Renamed)
	}
	wantSources := []Count{{"jambiekspres.co.id", 2}, {"antaranews.com", 1}}
	if !reflect.DeepEqual(got.Sources, wantSources) {
		t.Errorf("Issue(1).Sources = %v, want %v", got.Sources, wantSources)
	}
	if want := []Count{{"15.71", 3}, {"15", 1}}; !reflect.DeepEqual(got.Regions, want) {
		t.Errorf("Issue(1).Regions = %v, want %v", got.Regions, want)
	}
	if want := (Mix{Positive: 1, Neutral: 1, Negative: 1}); got.Mix != want {
		t.Errorf("Issue(1).Mix = %+v, want %+v", got.Mix, want)
	}
	if want := []Count{{"BPBD Kota Jambi", 2}}; !reflect.DeepEqual(got.Organisations, want) {
		t.Errorf("Issue(1).Organisations = %v, want %v", got.Organisations, want)
	}
	if want := []Count{{"Maulana", 1}}; !reflect.DeepEqual(got.People, want) {
		t.Errorf("Issue(1).People = %v, want %v", got.People, want)
	}
	// One item (at 5h) in the last hour; 3 items over 5.5 hours.
	if got.LastHour != 1 || !near(got.PerHour, 3/5.5) || !near(got.Growth, 5.5/3) {
		t.Errorf("Issue(1) growth: last hour %d, per hour %v, growth %v", got.LastHour, got.PerHour, got.Growth)
	}
	list := c.Issues(t0.Add(6*time.Hour), now)
	if len(list) != 2 || list[0].ID != 2 || list[1].ID != 3 {
		t.Errorf("Issues(since 6h) = %v, want issues 2 and 3 (haji has more items)", ids(list))
	}
	members, err := c.Members(2)
	if err != nil || !slices.Equal(members, []int64{2, 5, 8}) {
		t.Errorf("Members(2) = %v, %v; want [2 5 8]", members, err)
	}
	if id, ok := c.IssueOf(7); !ok || id != 3 {
		t.Errorf("IssueOf(7) = %d, %v; want 3", id, ok)
	}
	if _, err := c.Issue(99, now); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("Issue(99) error = %v, want not found", err)
	}
}

func ids(is []Issue) []ID {
	out := make([]ID, len(is))
	for i, x := range is {
		out[i] = x.ID
	}
	return out
}

func TestGrowth(t *testing.T) {
	at := func(hours ...float64) []*member {
		var ms []*member
		for _, h := range hours {
			ms = append(ms, &member{at: t0.Add(time.Duration(h * float64(time.Hour)))})
		}
		return ms
	}
	tests := []struct {
		name     string
		ms       []*member
		now      float64 // hours after t0; the first item is at t0
		lastHour int
		perHour  float64
		growth   float64
	}{
		{"one item just now", at(0), 0, 1, 1, 1},             // life counts as one hour
		{"steady", at(0, 1, 2, 3), 3.5, 1, 4 / 3.5, 3.5 / 4}, // one in the last hour, at the mean pace
		{"burst", at(0, 10.1, 10.2, 10.5, 10.9), 11, 4, 5.0 / 11, 4 / (5.0 / 11)},
		{"quiet", at(0, 1), 5, 0, 2.0 / 5, 0},
		{"hour edge excluded", at(0, 2), 3, 0, 2.0 / 3, 0}, // 2h is exactly an hour before 3h
		{"future items ignored", at(0, 1, 9), 2, 0, 2.0 / 2, 0},
	}
	for _, tt := range tests {
		now := t0.Add(time.Duration(tt.now * float64(time.Hour)))
		lh, ph, g := growth(tt.ms, t0, now)
		if lh != tt.lastHour || !near(ph, tt.perHour) || !near(g, tt.growth) {
			t.Errorf("%s: growth = %d, %v, %v; want %d, %v, %v", tt.name, lh, ph, g, tt.lastHour, tt.perHour, tt.growth)
		}
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct {
		name    string
		members []*member
		want    string
	}{
		{"most central", []*member{
			{title: "edge", vec: vec(feature{1, 1})},
			{title: "centre", vec: vec(feature{1, 0.6}, feature{2, 0.8})},
			{title: "other edge", vec: vec(feature{3, 1})},
		}, "centre"},
		{"tie keeps the earlier", []*member{
			{title: "first", vec: vec(feature{2, 1})},
			{title: "second", vec: vec(feature{2, 1})},
		}, "first"},
		{"untitled skipped", []*member{
			{title: " ", vec: vec(feature{2, 1})},
			{title: "titled", vec: vec(feature{1, 1})},
		}, "titled"},
		{"none titled", []*member{{vec: vec(feature{2, 1})}}, ""},
	}
	for _, tt := range tests {
		s := &issueState{members: tt.members}
		var sum vector
		for _, m := range tt.members {
			sum = add(nil, sum, m.vec)
		}
		s.centroid = sum
		if got := s.headline(); got != tt.want {
			t.Errorf("%s: headline() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWindow(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{})
	first := stories[0]
	later := stories[2]
	later.hours = 72 + 1 // more than Window after the first report
	as := f.addAll(t, c, []story{first, later})
	if as[1].Issue == as[0].Issue || !as[1].New {
		t.Errorf("a report %v h after its story's last item joined it: %+v", later.hours, as[1])
	}
	within := stories[5]
	within.hours = 72 + 2 // within Window of the second
	a, _ := c.Add(f.item(3, within))
	if a.Issue != as[1].Issue {
		t.Errorf("a report within the window of the reopened story went to %d, want %d", a.Issue, as[1].Issue)
	}
	checkIndex(t, c)
}

func TestKeep(t *testing.T) {
	f := newFixture(t)
	c := mustNew(t, Options{Keep: 96 * time.Hour})
	f.addAll(t, c, stories[:2])
	if _, err := c.Pin(2, true); err != nil {
		t.Fatal(err)
	}
	late := stories[3]
	late.hours = 200
	if _, err := c.Add(f.item(3, late)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.IssueOf(1); ok {
		t.Error("item 1 still remembered after Keep")
	}
	if _, err := c.Rename(1, "x"); !errors.Is(err, sinergi.ErrNotFound) {
		t.Errorf("Rename of a forgotten issue: %v, want not found", err)
	}
	if _, err := c.Issue(2, c.Now()); err != nil {
		t.Errorf("pinned issue forgotten: %v", err)
	}
	// A pinned issue stays open: a late report of it joins.
	h := stories[4]
	h.hours = 201
	if a, _ := c.Add(f.item(4, h)); a.Issue != 2 {
		t.Errorf("late report of the pinned issue went to %d, want 2", a.Issue)
	}
	checkIndex(t, c)
}

func TestOptions(t *testing.T) {
	bad := []Options{
		{Threshold: 1.5}, {Threshold: -1}, {Window: 10 * time.Hour, Keep: time.Hour},
		{TitleWeight: 0.5}, {ItemTerms: -1}, {CentroidTerms: 4, IndexTerms: 8}, {Slots: 1000},
	}
	for _, o := range bad {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) accepted", o)
		}
	}
	c := mustNew(t, Options{})
	if o := c.Options(); o.Threshold != 0.30 || o.Window != 72*time.Hour || o.ItemTerms != 32 {
		t.Errorf("defaults = %+v", o)
	}
}

// checkIndex verifies the candidate index: every open issue is listed
// under exactly its index features, and nothing else is listed.
func checkIndex(t *testing.T, c *Clusterer) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	listed := map[*issueState][]uint64{}
	for h, list := range c.post {
		if len(list) == 0 {
			t.Errorf("empty posting list for %x", h)
		}
		for _, s := range list {
			listed[s] = append(listed[s], h)
		}
	}
	for _, s := range c.issues {
		hs := listed[s]
		slices.Sort(hs)
		want, _ := heaviest(s.centroid, c.opts.IndexTerms, nil)
		if !slices.Equal(s.index, want) {
			t.Errorf("issue %d: index %v, heaviest of centroid %v", s.id, s.index, want)
		}
		switch {
		case s.indexed && !slices.Equal(hs, s.index):
			t.Errorf("issue %d listed under %v, want %v", s.id, hs, s.index)
		case !s.indexed && len(hs) > 0:
			t.Errorf("issue %d not indexed but listed under %v", s.id, hs)
		case !s.indexed && c.open(s) && len(s.index) > 0:
			t.Errorf("open issue %d not indexed", s.id)
		}
		delete(listed, s)
		for _, m := range s.members {
			if m.issue != s || c.items[m.id] != m {
				t.Errorf("issue %d: member %d points elsewhere", s.id, m.id)
			}
		}
	}
	for s := range listed {
		t.Errorf("issue %d listed but not in memory", s.id)
	}
	var n int
	for _, s := range c.issues {
		n += len(s.members)
	}
	if n != len(c.items) {
		t.Errorf("%d members in issues, %d items remembered", n, len(c.items))
	}
}
