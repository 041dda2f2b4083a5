package storetest

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/demo"
	"github.com/sinergi-id/sinergi/internal/workload"
	"github.com/sinergi-id/sinergi/query"
	"github.com/sinergi-id/sinergi/query/presearch"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/store"
)

var (
	analyzerOnce sync.Once
	analyzer     *analysis.Analyzer
	analyzerErr  error
)

// loadAnalyzer loads the analysis models once for the whole test binary.
func loadAnalyzer() (*analysis.Analyzer, error) {
	analyzerOnce.Do(func() {
		g, err := region.Load()
		if err != nil {
			analyzerErr = err
			return
		}
		analyzer, analyzerErr = analysis.New(g)
	})
	return analyzer, analyzerErr
}

// archiveFixture is an archive filled with the demo items (IndoSum news).
type archiveFixture struct {
	svc      *archive.Service
	items    []*archive.Item
	prepared map[int64]*query.Prepared
	jambi    *agency.Agency // the sample's agency
	aceh     *agency.Agency // another branch of the tree
	kota     *agency.Agency // below jambi
}

// now is the fixture's clock: after the sample's last article.
var archiveNow = time.Date(2018, 3, 1, 12, 0, 0, 0, time.UTC)

// newArchiveService returns an archive service over db at the fixture's
// clock, and the agency service beside it.
func newArchiveService(t *testing.T, db *store.DB) (*archive.Service, *agency.Service) {
	t.Helper()
	gaz, err := region.Load()
	if err != nil {
		t.Fatalf("region.Load: %v", err)
	}
	clock := sinergi.FixedClock(archiveNow)
	log := audit.NewLog(db, clock)
	agencies := agency.NewService(db, gaz, log)
	return archive.NewService(db, loadAnalyzer, gaz, agencies, log, clock), agencies
}

// newJambiArchive returns an archive service and the agency of Provinsi
// Jambi, for tests that import their own few items.
func newJambiArchive(t *testing.T, db *store.DB) (*archive.Service, *agency.Agency) {
	t.Helper()
	svc, agencies := newArchiveService(t, db)
	jambi, err := agencies.CreateFromRegion(t.Context(), access.SystemActor(), "15", 0)
	if err != nil {
		t.Fatal(err)
	}
	return svc, jambi
}

func newArchiveFixture(t *testing.T, db *store.DB) *archiveFixture {
	t.Helper()
	svc, agencies := newArchiveService(t, db)
	console := access.SystemActor()
	f := &archiveFixture{svc: svc}
	var err error
	if f.jambi, err = agencies.CreateFromRegion(t.Context(), console, "15", 0); err != nil {
		t.Fatalf("CreateFromRegion(15): %v", err)
	}
	if f.kota, err = agencies.CreateFromRegion(t.Context(), console, "15.71", f.jambi.ID); err != nil {
		t.Fatalf("CreateFromRegion(15.71): %v", err)
	}
	if f.aceh, err = agencies.CreateFromRegion(t.Context(), console, "11", 0); err != nil {
		t.Fatalf("CreateFromRegion(11): %v", err)
	}
	items, _, err := archive.ReadFile(demo.Items(), archive.FormatJSONL, region.WIB.Location())
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	for _, it := range items {
		it.AgencyID = f.jambi.ID
	}
	if err := f.svc.Import(t.Context(), console, items); err != nil {
		t.Fatalf("Import: %v", err)
	}
	an, err := f.svc.Analyzer()
	if err != nil {
		t.Fatal(err)
	}
	f.items = items
	f.prepared = map[int64]*query.Prepared{}
	for _, it := range items {
		f.prepared[it.ID] = query.Prepare(an.Terms, it.Document())
	}
	return f
}

// searchAll returns the IDs of every hit of q, reading all pages.
func searchAll(t *testing.T, svc *archive.Service, actor access.Actor, q string) ([]int64, *archive.Result) {
	t.Helper()
	var ids []int64
	var first *archive.Result
	for offset := 0; ; offset += archive.MaxLimit {
		res, err := svc.Search(t.Context(), actor, archive.Request{Query: q, Limit: archive.MaxLimit, Offset: offset, Location: time.UTC})
		if err != nil {
			t.Fatalf("Search(%s): %v", q, err)
		}
		if first == nil {
			first = res
		}
		for _, h := range res.Hits {
			ids = append(ids, h.Item.ID)
		}
		if len(res.Hits) < archive.MaxLimit {
			break
		}
	}
	if len(ids) != first.Total {
		t.Errorf("Search(%s): %d hits over all pages, Total %d", q, len(ids), first.Total)
	}
	slices.Sort(ids)
	return ids, first
}

// bruteForce returns the IDs of the fixture's items the matcher accepts.
func (f *archiveFixture) bruteForce(t *testing.T, q string) []int64 {
	t.Helper()
	node, err := query.Parse(q)
	if err != nil {
		t.Fatalf("Parse(%s): %v", q, err)
	}
	c, err := f.svc.Compile(t.Context(), q, node)
	if err != nil {
		t.Fatalf("Compile(%s): %v", q, err)
	}
	var ids []int64
	for _, it := range f.items {
		if c.Match(f.prepared[it.ID], archiveNow, time.UTC) {
			ids = append(ids, it.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// testArchiveSearch checks search on the sample against the matcher run
// over every item, and what each kind of query must find.
func testArchiveSearch(t *testing.T, db *store.DB) {
	f := newArchiveFixture(t, db)
	console := access.SystemActor()
	tests := []struct {
		query string
		min   int  // at least this many hits
		exact bool // the index answers alone on SQLite (Verified == 0)
	}{
		{query: "banjir", min: 2, exact: true},
		{query: "presiden jokowi", min: 3, exact: true},
		{query: `"presiden jokowi"`, min: 2, exact: true},
		{query: `"jokowi presiden"~3`, min: 1},
		{query: "jokowi OR prabowo", min: 5, exact: true},
		{query: "jokowi -ahok", min: 3, exact: true},
		{query: "pemerintah AND (jakarta OR bandung) NOT sepakbola", min: 5, exact: true},
		{query: "title:jakarta", min: 5, exact: true},
		{query: "presid*", min: 5, exact: true},
		{query: "title:presid*", min: 1, exact: true},
		{query: "source:cnnindonesia.com", min: 20, exact: true},
		{query: "source:cnnindonesia.com timnas", min: 1, exact: true},
		{query: "region:31 pemerintah", min: 5, exact: true},
		{query: "wilayah:jakarta pemerintah", min: 5, exact: true},
		{query: "lang:id type:news date:2017-01-01..2017-06-30", min: 10, exact: true},
		{query: "date:>now-90d", min: 1, exact: true},
		{query: "sentiment:negative", min: 1, exact: true},
		{query: "jakarta -type:news", min: 0},
		{query: "persib OR source:antaranews.com", min: 5},
		{query: "tidakadasamasekali", min: 0, exact: true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, res := searchAll(t, f.svc, console, tt.query)
			want := f.bruteForce(t, tt.query)
			if !slices.Equal(got, want) {
				t.Fatalf("Search(%s) = %d items, the matcher over every item %d\nonly search: %v\nonly matcher: %v",
					tt.query, len(got), len(want), minus(got, want), minus(want, got))
			}
			if len(got) < tt.min {
				t.Errorf("Search(%s) = %d items, want at least %d", tt.query, len(got), tt.min)
			}
			if tt.exact && db.ExactPhrases() && res.Verified != 0 {
				t.Errorf("Search(%s) verified %d candidates, want an exact plan", tt.query, res.Verified)
			}
		})
	}

	// A stem finds its derived forms.
	res, err := f.svc.Search(t.Context(), console, archive.Request{Query: "banjir", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Hits, func(h archive.Hit) bool {
		return strings.Contains(h.Item.Text, "membanjiri") && !strings.Contains(strings.ToLower(h.Item.Title+" "+h.Item.Text), " banjir ")
	}) {
		t.Errorf("Search(banjir) found no item with only a derived form (membanjiri)")
	}
	for _, h := range res.Hits {
		if !slices.ContainsFunc(append(h.Title, h.Snippet...), func(fr archive.Fragment) bool { return fr.Hit }) {
			t.Errorf("hit %d has no highlighted word: %+v", h.Item.ID, h.Snippet)
		}
	}

	// Facets count every match once per value.
	res, err = f.svc.Search(t.Context(), console, archive.Request{Query: "pemerintah", Facets: true, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if res.Facets == nil || sum(res.Facets.Sentiments) != res.Total || sum(res.Facets.Days) != res.Total || sum(res.Facets.Sources) > res.Total {
		t.Errorf("facets of %d matches: %+v", res.Total, res.Facets)
	}
	if len(res.Facets.Provinces) == 0 || res.Facets.Provinces[0].Label == "" {
		t.Errorf("province facet without names: %+v", res.Facets.Provinces)
	}

	// Newest first is ordered by publication time.
	res, err = f.svc.Search(t.Context(), console, archive.Request{Query: "pemerintah", Newest: true, Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(res.Hits, func(a, b archive.Hit) int { return b.Item.Published.Compare(a.Item.Published) }) {
		t.Errorf("Newest: hits not newest first")
	}

	// A malformed query is a *query.Error; a prefix standing for too many
	// words is refused at its position.
	_, err = f.svc.Search(t.Context(), console, archive.Request{Query: `banjir "kota jambi`})
	var qe *query.Error
	if !errors.As(err, &qe) || qe.Offset != 7 {
		t.Errorf("Search(unclosed quote) err = %v, want a query error at byte 7", err)
	}
	f.svc.MaxExpansions = 3
	_, err = f.svc.Search(t.Context(), console, archive.Request{Query: `banjir OR mem*`})
	if !errors.As(err, &qe) || qe.Key != query.KeyPrefixTooBroad || qe.Offset != 10 {
		t.Errorf("Search(mem* with 3 expansions allowed) err = %v, want %s at byte 10", err, query.KeyPrefixTooBroad)
	}
}

func sum(cs []archive.Count) int {
	n := 0
	for _, c := range cs {
		n += c.N
	}
	return n
}

// minus returns the elements of a not in b.
func minus(a, b []int64) []int64 {
	var out []int64
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// testArchiveAccess checks that a search never returns or counts an item
// the viewer may not see.
func testArchiveAccess(t *testing.T, db *store.DB) {
	f := newArchiveFixture(t, db)
	console := access.SystemActor()
	word := "kuesionerrahasia" // in no sample article
	items := []*archive.Item{
		{Title: "Catatan internal " + word, Text: "Dibagi ke jajaran provinsi.", AgencyID: f.jambi.ID, Classification: access.Terbatas},
		{Title: "Catatan krisis " + word, Text: "Hanya untuk Humas provinsi.", AgencyID: f.jambi.ID, Classification: access.Rahasia},
		{Title: "Rilis " + word, Text: "Untuk umum.", AgencyID: f.aceh.ID, Classification: access.Publik},
	}
	if err := f.svc.Import(t.Context(), console, items); err != nil {
		t.Fatalf("Import: %v", err)
	}
	actor := func(a *agency.Agency, clearance access.Level) access.Actor {
		return access.Actor{UserID: 99, Username: "viewer", Role: access.Analis, Clearance: clearance, AgencyPath: a.Path}
	}
	tests := []struct {
		who   string
		actor access.Actor
		want  int
	}{
		{"console", console, 3},
		{"Jambi RAHASIA", actor(f.jambi, access.Rahasia), 3},
		{"Jambi TERBATAS", actor(f.jambi, access.Terbatas), 2},
		{"Kota Jambi RAHASIA (below)", actor(f.kota, access.Rahasia), 2},
		{"Aceh RAHASIA (another branch)", actor(f.aceh, access.Rahasia), 1},
		{"Jambi PUBLIK", actor(f.jambi, access.Publik), 1},
	}
	for _, tt := range tests {
		for _, facets := range []bool{false, true} {
			res, err := f.svc.Search(t.Context(), tt.actor, archive.Request{Query: word, Facets: facets})
			if err != nil {
				t.Fatalf("%s: Search: %v", tt.who, err)
			}
			if res.Total != tt.want || len(res.Hits) != tt.want {
				t.Errorf("%s (facets %v): Total %d, %d hits; want %d", tt.who, facets, res.Total, len(res.Hits), tt.want)
			}
			for _, h := range res.Hits {
				if !access.Can(tt.actor, access.View, h.Item.Resource()) {
					t.Errorf("%s sees item %d (%s)", tt.who, h.Item.ID, h.Item.Classification)
				}
			}
		}
	}
	_, err := f.svc.Search(t.Context(), console, archive.Request{Query: word + " NOT (" + word + ")"})
	if err != nil {
		t.Errorf("Search(x NOT (x)): %v", err)
	}
	err = f.svc.Import(t.Context(), actor(f.aceh, access.Rahasia), []*archive.Item{{Title: "Bukan arsip Aceh", AgencyID: f.jambi.ID}})
	if err != nil {
		t.Errorf("Import by a user goes to the user's own agency, got %v", err)
	}
}

// testArchiveImportAllOrNothing checks that one bad item stops the whole
// import, and that the items before it are not stored.
func testArchiveImportAllOrNothing(t *testing.T, db *store.DB) {
	gaz, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := audit.NewLog(db, sinergi.SystemClock{})
	agencies := agency.NewService(db, gaz, log)
	svc := archive.NewService(db, loadAnalyzer, gaz, agencies, log, sinergi.SystemClock{})
	console := access.SystemActor()
	a, err := agencies.CreateFromRegion(t.Context(), console, "15", 0)
	if err != nil {
		t.Fatal(err)
	}
	word := "kataunikimpor"
	batch := []*archive.Item{
		{Title: "Pertama " + word, AgencyID: a.ID},
		{Title: "Kedua " + word, AgencyID: a.ID, Regions: []string{"Kota Jambi"}},
		{Title: "Ketiga " + word, AgencyID: a.ID, Type: "koran"},
	}
	err = svc.Import(t.Context(), console, batch)
	var ie *archive.ItemError
	if !errors.As(err, &ie) || ie.Index != 2 || sinergi.KindOf(err) != sinergi.KindInvalid {
		t.Fatalf("Import(bad third item) err = %v, want an invalid ItemError at index 2", err)
	}
	for _, bad := range []*archive.Item{
		{Title: "x", AgencyID: a.ID, Regions: []string{"Negeri Antah"}},
		{Title: "x", AgencyID: a.ID, URL: "ftp://contoh.go.id/a"},
		{Title: "x", AgencyID: a.ID, Lang: "indonesia"},
		{Title: " ", Text: "\n", AgencyID: a.ID},
		{Title: "x", AgencyID: 999999},
	} {
		if err := svc.Import(t.Context(), console, []*archive.Item{bad}); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("Import(%+v) err = %v, want invalid", bad, err)
		}
	}
	res, err := svc.Search(t.Context(), console, archive.Request{Query: word})
	if err != nil || res.Total != 0 {
		t.Fatalf("after failed imports: Search(%s) = %v, %v; want nothing stored", word, res, err)
	}
	if err := svc.Import(t.Context(), console, batch[:2]); err != nil {
		t.Fatalf("Import(good items): %v", err)
	}
	res, err = svc.Search(t.Context(), console, archive.Request{Query: word + " region:15.71"})
	if err != nil || res.Total != 1 || res.Hits[0].Item.Regions[0] != "15.71" {
		t.Fatalf("Search(region of a named region) = %+v, %v", res, err)
	}

	// An analysis the store cannot encode (its words out of order) fails
	// the whole call, before anything is written.
	term := query.AnalyzedTerm{Folded: word, Root: word, Start: 0, End: len(word)}
	err = db.AddItems(t.Context(),
		[]*archive.Item{{Title: word, AgencyID: a.ID}, {Title: word, AgencyID: a.ID}},
		[]*archive.Analysis{{Title: []query.AnalyzedTerm{term}}, {Title: []query.AnalyzedTerm{term, term}}})
	if err == nil || !strings.Contains(err.Error(), "item 2") {
		t.Fatalf("AddItems(second analysis out of order) err = %v, want an error naming item 2", err)
	}
	if res, err := svc.Search(t.Context(), console, archive.Request{Query: word}); err != nil || res.Total != 2 {
		t.Fatalf("after a failed AddItems: Search(%s) total = %+v, %v; want the 2 items imported before", word, res, err)
	}
}

// testArchiveAgreement is the agreement property of the query language:
// for random queries of the grammar over the demo items, the archive's
// search finds exactly the items on which the stored-query matcher fires
// for that query, all queries stored in one presearch index.
// testArchiveDateBounds checks a date filter at its bounds, to the
// microsecond, and publication times the index keeps apart (none, before
// 1970, after 2106): the SQLite index narrows a search by the second
// (store/sqlite/fts.go), the bounds are exact all the same.
func testArchiveDateBounds(t *testing.T, db *store.DB) {
	svc, jambi := newJambiArchive(t, db)
	console := access.SystemActor()
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC)
	times := map[string]time.Time{
		"before from":      from.Add(-time.Microsecond),
		"at from":          from,
		"in from's second": from.Add(999_999 * time.Microsecond),
		"before to":        to.Add(-time.Microsecond),
		"at to":            to,
		"in to's second":   to.Add(time.Microsecond),
		"undated":          {},
		"before 1970":      time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC),
		"after 2106":       time.Date(2150, 1, 1, 0, 0, 0, 0, time.UTC),
		"on the last day":  time.Date(2106, 2, 7, 6, 28, 15, 0, time.UTC), // 2³² − 1 s
		"just after 1970":  time.Unix(0, 500_000),
		"just before 1970": time.Unix(-1, 999_999_000),
	}
	var items []*archive.Item
	for name, at := range times {
		items = append(items, &archive.Item{AgencyID: jambi.ID, Title: "Kunci batas tanggal: " + name,
			Text: "Berita uji batas tanggal.", URL: "https://contoh.go.id/" + strings.ReplaceAll(name, " ", "-"),
			Source: "contoh.go.id", Type: "news", Published: at})
	}
	if err := svc.Import(t.Context(), console, items); err != nil {
		t.Fatalf("Import: %v", err)
	}
	byName := map[int64]string{}
	for _, it := range items {
		byName[it.ID] = strings.TrimPrefix(it.Title, "Kunci batas tanggal: ")
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"kunci date:2020-01-01..2020-01-31", []string{"at from", "in from's second", "before to"}},
		{"kunci date:<1970-01-01", []string{"before 1970", "just before 1970"}},
		{"kunci date:>=1970-01-01 date:<1970-01-02", []string{"just after 1970"}},
		{"kunci date:>=2100-01-01", []string{"after 2106", "on the last day"}},
		{"kunci", slices.Collect(maps.Keys(times))},
	} {
		checkSearch(t, svc, tt.query, byName, tt.want)
	}
}

// testArchiveRankAdjacent: ranked by relevance, an item where the terms
// of a query stand together, as typed, comes before items that hold them
// apart, even more often.
func testArchiveRankAdjacent(t *testing.T, db *store.DB) {
	svc, jambi := newJambiArchive(t, db)
	texts := map[string]string{
		"apart": "Hubungan kerja di pabrik membaik. Kerja lembur berkurang, hubungan dengan serikat cair. " +
			"Pemutusan listrik sempat terjadi; kerja kembali normal dan hubungan pulih.",
		"together": "Ratusan karyawan terkena pemutusan hubungan kerja di Karawang.",
		"reversed": "Kerja dan hubungan antarwarga terganggu oleh pemutusan jalan desa.",
	}
	byName := map[int64]string{}
	for _, name := range []string{"apart", "reversed", "together"} {
		it := &archive.Item{AgencyID: jambi.ID, Title: "Berita ketenagakerjaan", Text: texts[name],
			URL: "https://contoh.go.id/" + name, Source: "contoh.go.id", Type: "news",
			Published: time.Date(2026, 1, 5, 3, 0, 0, 0, time.UTC)}
		if err := svc.Import(t.Context(), access.SystemActor(), []*archive.Item{it}); err != nil {
			t.Fatalf("Import: %v", err)
		}
		byName[it.ID] = name
	}
	for _, q := range []string{"pemutusan hubungan kerja", "pemutusan hubungan kerja date:2026-01"} {
		res, err := svc.Search(t.Context(), access.SystemActor(), archive.Request{Query: q, Limit: 10, Location: time.UTC})
		if err != nil {
			t.Fatalf("Search(%s): %v", q, err)
		}
		if res.Total != 3 || len(res.Hits) != 3 {
			t.Fatalf("Search(%s): %d hits of %d, want 3", q, len(res.Hits), res.Total)
		}
		if got := byName[res.Hits[0].Item.ID]; got != "together" {
			t.Errorf("Search(%s): first %q, want the item with the terms together", q, got)
		}
	}
}

// checkSearch searches for query and compares the names of the items
// found (names by ID) with want, in any order.
func checkSearch(t *testing.T, svc *archive.Service, query string, names map[int64]string, want []string) {
	t.Helper()
	ids, _ := searchAll(t, svc, access.SystemActor(), query)
	var got []string
	for _, id := range ids {
		got = append(got, names[id])
	}
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("Search(%s) = %q, want %q", query, got, want)
	}
}

// testArchiveFilterNames checks the names a filter resolves: source:
// finds a source's subdomains, whole labels only, with LIKE's wildcards
// taken literally; region: finds every region of a name at its level.
func testArchiveFilterNames(t *testing.T, db *store.DB) {
	svc, jambi := newJambiArchive(t, db)
	console := access.SystemActor()
	samples := []struct{ name, source, region string }{
		{"kompas.com", "kompas.com", ""},
		{"nasional.kompas.com", "nasional.kompas.com", ""},
		{"regional.kompas.com", "https://www.regional.kompas.com/", ""},
		{"kompas.com.my", "kompas.com.my", ""},
		{"notkompas.com", "notkompas.com", ""},
		{"kompas_com", "kompas_com", ""},
		{"Kompas TV", "Kompas TV", ""},
		{"Kabupaten Bandung", "contoh.go.id", "32.04"},
		{"Kota Bandung", "contoh.go.id", "32.73.07"}, // Kecamatan Sukajadi
		{"Kota Bogor", "contoh.go.id", "32.71"},
	}
	var items []*archive.Item
	for i, s := range samples {
		it := &archive.Item{AgencyID: jambi.ID, Title: "Kunci nama filter " + strconv.Itoa(i),
			Text: "Berita uji nama filter.", URL: "https://contoh.go.id/filter/" + strconv.Itoa(i), Source: s.source, Type: "news"}
		if s.region != "" {
			it.Regions = []string{s.region}
		}
		items = append(items, it)
	}
	if err := svc.Import(t.Context(), console, items); err != nil {
		t.Fatalf("Import: %v", err)
	}
	names := map[int64]string{}
	for i, it := range items {
		names[it.ID] = samples[i].name
	}
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"kunci source:kompas.com", []string{"kompas.com", "nasional.kompas.com", "regional.kompas.com"}},
		{"kunci source:nasional.kompas.com", []string{"nasional.kompas.com"}},
		{"kunci source:com", []string{"kompas.com", "nasional.kompas.com", "regional.kompas.com", "notkompas.com"}},
		{"kunci source:l.kompas.com", nil},
		{"kunci source:kompas", nil},
		{`kunci source:"_ompas.com"`, nil},
		{`kunci source:"%.com"`, nil},
		{`kunci source:"kompas tv"`, []string{"Kompas TV"}},
		{"kunci region:bandung", []string{"Kabupaten Bandung", "Kota Bandung"}},
		{`kunci region:"kota bandung"`, []string{"Kota Bandung"}},
		{"kunci region:sukajadi", []string{"Kota Bandung"}}, // and Sukajadi in Pekanbaru
		{"kunci region:bogor", []string{"Kota Bogor"}},
		{"kunci region:32", []string{"Kabupaten Bandung", "Kota Bandung", "Kota Bogor"}},
	} {
		checkSearch(t, svc, tt.query, names, tt.want)
	}
}

// testArchiveReanalyse checks that reanalysing rewrites the words search
// finds items by, on every engine's index, and gives back what an import
// gives.
func testArchiveReanalyse(t *testing.T, db *store.DB) {
	svc, jambi := newJambiArchive(t, db)
	console := access.SystemActor()
	var items []*archive.Item
	names := map[int64]string{}
	for i := range 7 { // more than one batch below
		items = append(items, &archive.Item{AgencyID: jambi.ID, Title: "Relawan banjir " + strconv.Itoa(i),
			Text: "Relawan membantu warga.", URL: "https://contoh.go.id/relawan/" + strconv.Itoa(i), Source: "contoh.go.id",
			Type: "news", Published: archiveNow.Add(-time.Duration(i) * time.Hour)})
	}
	items[6].Published = time.Time{} // undated: its index key has no time
	if err := svc.Import(t.Context(), console, items); err != nil {
		t.Fatalf("Import: %v", err)
	}
	all := make([]string, len(items))
	for i, it := range items {
		names[it.ID] = it.Title
		all[i] = it.Title
	}
	an, err := svc.Analyzer()
	if err != nil {
		t.Fatal(err)
	}
	// An older analysis, as a previous version would have stored: other words.
	var batches []int
	n, err := db.ReanalyseItems(t.Context(), 3, func(it *archive.Item) *archive.Analysis {
		return &archive.Analysis{Title: an.Terms.Terms("Sukarela " + it.Title[len("Relawan "):]), Text: an.Terms.Terms("Sukarelawan datang.")}
	}, func(done int) { batches = append(batches, done) })
	if err != nil || n != len(items) || !slices.Equal(batches, []int{3, 6, 7}) {
		t.Fatalf("ReanalyseItems = %d, %v, batches %v; want %d items in batches of 3", n, err, batches, len(items))
	}
	checkSearch(t, svc, "relawan", names, nil)
	checkSearch(t, svc, "sukarelawan", names, all)
	checkSearch(t, svc, `"sukarela banjir"`, names, all)

	if _, err := svc.Reanalyse(t.Context(), access.Actor{UserID: 1, Role: access.Administrator, Clearance: access.Rahasia}, nil); !errors.Is(err, sinergi.ErrForbidden) {
		t.Errorf("Reanalyse by a signed-in user = %v, want forbidden", err)
	}
	if n, err := svc.Reanalyse(t.Context(), console, nil); err != nil || n != len(items) {
		t.Fatalf("Reanalyse = %d, %v", n, err)
	}
	checkSearch(t, svc, "relawan", names, all)
	checkSearch(t, svc, `"relawan banjir"`, names, all)
	checkSearch(t, svc, "sukarelawan", names, nil)
	checkSearch(t, svc, "relawan date:>=2000-01-01", names, all[:6])

	// Another process holds the reanalysis: both ways in are refused,
	// nothing is rewritten, and the lease is the other's still.
	other := "another-server"
	if ok, err := db.TakeLease(t.Context(), archive.ReanalysisLease, other, archiveNow.Add(time.Minute), archiveNow); err != nil || !ok {
		t.Fatalf("TakeLease(free) = %v, %v", ok, err)
	}
	if err := db.SetArchiveAnalysisVersion(t.Context(), archive.AnalysisVersion-1); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Reanalyse(t.Context(), console, nil); n != 0 || sinergi.KindOf(err) != sinergi.KindConflict {
		t.Errorf("Reanalyse while another process does = %d, %v; want a conflict", n, err)
	}
	if n, err := svc.ReanalyseIfStale(t.Context(), nil); n != 0 || sinergi.KindOf(err) != sinergi.KindConflict {
		t.Errorf("ReanalyseIfStale while another process reanalyses = %d, %v; want a conflict", n, err)
	}
	if ok, err := db.TakeLease(t.Context(), archive.ReanalysisLease, other, archiveNow.Add(time.Minute), archiveNow); err != nil || !ok {
		t.Errorf("the other process renewing its lease = %v, %v; want it still its own", ok, err)
	}
	// Its lease lapsed (it died): the next start reanalyses and lets go.
	if err := db.ReleaseLease(t.Context(), archive.ReanalysisLease, other); err != nil {
		t.Fatal(err)
	}
	if ok, err := db.TakeLease(t.Context(), archive.ReanalysisLease, other, archiveNow.Add(-time.Second), archiveNow.Add(-time.Minute)); err != nil || !ok {
		t.Fatalf("TakeLease(released) = %v, %v", ok, err)
	}
	if n, err := svc.ReanalyseIfStale(t.Context(), nil); err != nil || n != len(items) {
		t.Errorf("ReanalyseIfStale after the other's lease lapsed = %d, %v; want %d items", n, err, len(items))
	}
	if ok, err := db.TakeLease(t.Context(), archive.ReanalysisLease, other, archiveNow.Add(time.Minute), archiveNow); err != nil || !ok {
		t.Errorf("TakeLease after a reanalysis = %v, %v; want it released", ok, err)
	}
}

// testLeases checks that a lease is one holder's at a time until it
// lapses, however the holders ask.
func testLeases(t *testing.T, db *store.DB) {
	ctx := t.Context()
	t0 := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	take := func(holder string, until, now time.Time) bool {
		t.Helper()
		ok, err := db.TakeLease(ctx, "work", holder, until, now)
		if err != nil {
			t.Fatalf("TakeLease(%s): %v", holder, err)
		}
		return ok
	}
	steps := []struct {
		name   string
		holder string
		until  time.Duration // after t0
		now    time.Duration
		want   bool
	}{
		{"a free lease", "a", 2 * time.Minute, 0, true},
		{"held by another", "b", 3 * time.Minute, time.Minute, false},
		{"renewed by its holder", "a", 4 * time.Minute, time.Minute, true},
		{"held until its new end", "b", 5 * time.Minute, 3 * time.Minute, false},
		{"lapsed", "b", 6 * time.Minute, 5 * time.Minute, true},
		{"the old holder, too late", "a", 7 * time.Minute, 5 * time.Minute, false},
	}
	for _, s := range steps {
		if got := take(s.holder, t0.Add(s.until), t0.Add(s.now)); got != s.want {
			t.Errorf("%s: TakeLease(%s) = %v, want %v", s.name, s.holder, got, s.want)
		}
	}
	if err := db.ReleaseLease(ctx, "work", "a"); err != nil { // not a's: nothing happens
		t.Fatal(err)
	}
	if take("a", t0.Add(7*time.Minute), t0.Add(5*time.Minute)) {
		t.Error("a took b's lease after releasing what it did not hold")
	}
	if err := db.ReleaseLease(ctx, "work", "b"); err != nil {
		t.Fatal(err)
	}
	if !take("a", t0.Add(7*time.Minute), t0.Add(5*time.Minute)) {
		t.Error("a could not take the lease b released")
	}
	// Another name is another lease.
	if ok, err := db.TakeLease(ctx, "other work", "b", t0.Add(7*time.Minute), t0.Add(5*time.Minute)); err != nil || !ok {
		t.Errorf("TakeLease(other work, b) = %v, %v; want a free lease", ok, err)
	}
}

// testArchiveAnalysisVersion checks when the archive is reanalysed at a
// server's start: when its words are of another version of the analysis
// or of none recorded, not when they are of this one.
func testArchiveAnalysisVersion(t *testing.T, db *store.DB) {
	svc, jambi := newJambiArchive(t, db)
	version := func() string {
		v, known, err := db.ArchiveAnalysisVersion(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(v, known)
	}
	it := &archive.Item{AgencyID: jambi.ID, Title: "Relawan banjir", Text: "Relawan membantu warga.", Type: "news"}
	if err := svc.Import(t.Context(), access.SystemActor(), []*archive.Item{it}); err != nil {
		t.Fatal(err)
	}
	// Filled before versions were recorded: not stamped, reanalysed.
	if err := svc.StampNewArchive(t.Context()); err != nil || version() != "0 false" {
		t.Fatalf("StampNewArchive on a filled archive: %v, version %s; want none recorded", err, version())
	}
	if n, err := svc.ReanalyseIfStale(t.Context(), nil); err != nil || n != 1 {
		t.Fatalf("ReanalyseIfStale without a version = %d, %v; want 1 item", n, err)
	}
	current := fmt.Sprint(archive.AnalysisVersion, true)
	if version() != current {
		t.Fatalf("version after reanalysis %s, want %s", version(), current)
	}
	if n, err := svc.ReanalyseIfStale(t.Context(), nil); err != nil || n != 0 {
		t.Fatalf("ReanalyseIfStale at this version = %d, %v; want nothing done", n, err)
	}
	if err := db.SetArchiveAnalysisVersion(t.Context(), archive.AnalysisVersion-1); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.ReanalyseIfStale(t.Context(), nil); err != nil || n != 1 || version() != current {
		t.Fatalf("ReanalyseIfStale at an older version = %d, %v, version %s", n, err, version())
	}
	checkSearch(t, svc, "relawan", map[int64]string{it.ID: "relawan"}, []string{"relawan"})
}

func testArchiveAgreement(t *testing.T, db *store.DB) {
	f := newArchiveFixture(t, db)
	an, err := f.svc.Analyzer()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]query.Document, len(f.items))
	for i, it := range f.items {
		docs[i] = it.Document()
	}
	corpus := workload.NewCorpus(an.Terms, docs)
	gen := &workload.Generator{R: rand.New(rand.NewPCG(23, uint64(len(db.Dialect().Name())))), C: corpus, MaxDF: 0.3}
	opts, err := f.svc.Options(t.Context(), &query.Term{Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	index := presearch.NewConfig(an.Terms, presearch.Config{Options: opts})
	const n = 200
	queries := make([]string, n)
	for i := range queries {
		queries[i] = gen.Query().String()
		node, err := query.Parse(queries[i])
		if err != nil {
			t.Fatalf("Parse(%s): %v", queries[i], err)
		}
		if err := index.Add(int64(i), node); err != nil {
			t.Fatalf("Add(%s): %v", queries[i], err)
		}
	}
	fired := make([][]int64, n) // by query: the items it fires on
	for _, it := range f.items {
		for _, id := range index.Match(f.prepared[it.ID], archiveNow, time.UTC) {
			fired[id] = append(fired[id], it.ID)
		}
	}
	hitsTotal := 0
	for i, q := range queries {
		got, _ := searchAll(t, f.svc, access.SystemActor(), q)
		slices.Sort(fired[i])
		if !slices.Equal(got, fired[i]) {
			t.Errorf("query %s: search finds %d items, the stored-query matcher fires on %d\nonly search: %v\nonly alerts: %v",
				q, len(got), len(fired[i]), minus(got, fired[i]), minus(fired[i], got))
		}
		hitsTotal += len(got)
	}
	if hitsTotal == 0 {
		t.Fatalf("no query found anything: the generator is broken")
	}
	t.Logf("%d queries, %d hits in all", n, hitsTotal)
}
