package issuetrack_test

import (
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/bahasa/analysis"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/issue"
	"github.com/sinergi-id/sinergi/monitor/issuetrack"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/storetest"
)

var analyzer = sync.OnceValues(func() (*analysis.Analyzer, error) {
	g, err := region.Load()
	if err != nil {
		return nil, err
	}
	return analysis.New(g)
})

// env is the tracker over a real store, fed by the ingestion pipeline
// (beside the Alerter, as the server wires it): Jambi and Aceh, and users
// of each.
type env struct {
	db       *store.DB
	log      *audit.Log
	archives *archive.Service
	tracker  *issuetrack.Tracker
	pipeline *ingest.Pipeline
	users    map[string]*auth.User
	agencies *agency.Service
	accounts *auth.Service
	jambi    *agency.Agency
	aceh     *agency.Agency
}

func forEngine(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) { fn(t, newEnv(t, db)) })
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	g, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	clock := sinergi.SystemClock{}
	e := &env{db: db, log: audit.NewLog(db, clock), users: map[string]*auth.User{}}
	agencies := agency.NewService(db, g, e.log)
	users := auth.NewService(db, agencies, e.log, clock)
	e.agencies, e.accounts = agencies, users
	e.archives = archive.NewService(db, analyzer, g, agencies, e.log, clock)
	e.restart(t)
	console := access.SystemActor()
	if e.jambi, err = agencies.CreateFromRegion(t.Context(), console, "15", 0); err != nil {
		t.Fatal(err)
	}
	if e.aceh, err = agencies.CreateFromRegion(t.Context(), console, "11", 0); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name      string
		agency    int64
		role      access.Role
		clearance access.Level
	}{{"analis", e.jambi.ID, access.Analis, access.Terbatas}, {"staf", e.jambi.ID, access.Staf, access.Terbatas},
		{"pimpinan", e.jambi.ID, access.Pimpinan, access.Rahasia}, {"publik", e.jambi.ID, access.Editor, access.Publik},
		{"aceh", e.aceh.ID, access.Analis, access.Rahasia}} {
		created, err := users.CreateUser(t.Context(), console, auth.NewUser{AgencyID: u.agency, Username: u.name, Name: u.name,
			Role: u.role, Clearance: u.clearance, Password: "kata-sandi-yang-panjang-sekali"})
		if err != nil {
			t.Fatalf("CreateUser(%s): %v", u.name, err)
		}
		e.users[u.name] = created
	}
	return e
}

// restart builds a new tracker and pipeline over the same store, as a
// restarted server does.
func (e *env) restart(t testing.TB) {
	t.Helper()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var err error
	if e.tracker, err = issuetrack.New(e.db, e.log, sinergi.SystemClock{}, quiet, issue.Options{}); err != nil {
		t.Fatal(err)
	}
	metrics, err := ingest.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	alerter := monitor.NewAlerter(e.db, nil, e.archives, sinergi.SystemClock{}, quiet)
	e.pipeline = ingest.NewPipeline(e.db, e.archives, safehttp.New(safehttp.Options{}), ingest.Matchers{alerter, e.tracker},
		metrics, sinergi.SystemClock{}, quiet, ingest.Options{})
}

func (e *env) actor(name string) access.Actor { return e.users[name].Actor() }

// news are reports of two events (a flood in Jambi, the haji quota case)
// by different outlets in their own words, and one unrelated item.
var news = []struct{ title, text, source string }{
	{"Banjir Rendam Ratusan Rumah di Kota Jambi",
		"Hujan deras sejak Senin malam membuat Sungai Batanghari meluap dan merendam ratusan rumah warga di Kota Jambi. BPBD Kota Jambi mengevakuasi warga ke posko pengungsian.",
		"jambiekspres.co.id"},
	{"KPK Periksa Pejabat Kemenag soal Korupsi Kuota Haji",
		"Komisi Pemberantasan Korupsi memeriksa sejumlah pejabat Kementerian Agama terkait dugaan korupsi pembagian kuota haji tambahan tahun 2024.",
		"tempo.co"},
	{"BPBD Evakuasi Ratusan Warga Korban Banjir Jambi",
		"Badan Penanggulangan Bencana Daerah Kota Jambi mengevakuasi ratusan warga yang rumahnya terendam banjir akibat luapan Sungai Batanghari.",
		"antaranews.com"},
	{"Timnas Indonesia Kalahkan Vietnam 2-0 di Stadion GBK",
		"Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi Piala Dunia di Stadion Gelora Bung Karno.",
		"bola.kompas.com"},
	{"Kuota Haji Tambahan Diselidiki KPK, Pejabat Kemenag Dipanggil",
		"KPK memanggil pejabat Kementerian Agama untuk dimintai keterangan soal pembagian kuota haji tambahan yang diduga menyalahi aturan.",
		"detik.com"},
	{"Sungai Batanghari Meluap, Ratusan Rumah di Jambi Terendam Banjir",
		"Banjir merendam ratusan rumah di Kota Jambi setelah Sungai Batanghari meluap. Warga mengungsi dan BPBD Kota Jambi membuka posko pengungsian.",
		"kompas.com"},
}

// upload brings news[from:to] into Jambi's archive through the pipeline.
func (e *env) upload(t *testing.T, from, to int, class access.Level) []*archive.Item {
	t.Helper()
	var items []*archive.Item
	for i, n := range news[from:to] {
		items = append(items, &archive.Item{AgencyID: e.jambi.ID, Title: n.title, Text: n.text, Source: n.source,
			Classification: class, Published: time.Now().UTC().Add(time.Duration(i-10) * time.Minute)})
	}
	if _, err := e.pipeline.Upload(t.Context(), access.SystemActor(), items); err != nil {
		t.Fatalf("Upload: %v", err)
	}
	return items
}

// issueOf finds the listed issue holding item.
func (e *env) issueOf(t *testing.T, actor access.Actor, item int64) *issuetrack.Issue {
	t.Helper()
	list, _, err := e.tracker.List(t.Context(), actor, issuetrack.ListFilter{Since: time.Now().Add(-24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range list {
		ms, _, err := e.tracker.Members(t.Context(), actor, is)
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(ms, func(m issuetrack.MemberItem) bool { return m.ItemID == item }) {
			return is
		}
	}
	t.Fatalf("no issue listed holds item %d", item)
	return nil
}

// TestPipelineFormsIssues: items uploaded through the pipeline form
// issues that are stored, per agency, with their figures; an issue is
// seen only in its agency by those cleared for its most secret item.
func TestPipelineFormsIssues(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		items := e.upload(t, 0, 4, access.Publik)
		items = append(items, e.upload(t, 4, 6, access.Terbatas)...)
		flood := e.issueOf(t, e.actor("analis"), items[0].ID)
		if flood.Items != 3 || flood.Renamed || flood.Title == "" || len(flood.Sources) != 3 {
			t.Errorf("flood issue = %+v; want 3 items from 3 sources, named by the model", flood)
		}
		if flood.Classification != access.Terbatas || flood.LastHour != 3 || flood.FirstSeen.IsZero() {
			t.Errorf("flood issue: classification %v, last hour %d, first seen %v", flood.Classification, flood.LastHour, flood.FirstSeen)
		}
		if !slices.ContainsFunc(flood.Regions, func(c issue.Count) bool { return c.Name == "15.71" }) {
			t.Errorf("flood issue regions = %v; want Kota Jambi (15.71)", flood.Regions)
		}
		haji := e.issueOf(t, e.actor("analis"), items[1].ID)
		if haji.ID == flood.ID || haji.Items != 2 {
			t.Errorf("haji issue = %+v; want 2 items, apart from the flood", haji)
		}
		list, total, err := e.tracker.List(ctx, e.actor("analis"), issuetrack.ListFilter{MinItems: 2})
		if err != nil || total != 2 || list[0].ID != flood.ID {
			t.Errorf("List(min 2) = %d issues, %v; want the flood then the haji issue", total, err)
		}
		for _, tt := range []struct {
			user string
			want int // issues of at least one item
		}{{"analis", 3}, {"staf", 3}, {"publik", 1}, {"aceh", 0}} {
			if _, n, err := e.tracker.List(ctx, e.actor(tt.user), issuetrack.ListFilter{}); err != nil || n != tt.want {
				t.Errorf("List as %s = %d, %v; want %d", tt.user, n, err, tt.want)
			}
		}
		for _, user := range []string{"aceh", "publik"} {
			if _, err := e.tracker.Find(ctx, e.actor(user), flood.ID); sinergi.KindOf(err) != sinergi.KindNotFound {
				t.Errorf("Find(flood) as %s = %v, want NotFound", user, err)
			}
		}
		all, n, err := e.tracker.List(ctx, access.SystemActor(), issuetrack.ListFilter{All: true, Order: issuetrack.OrderGrowth})
		if err != nil || n != 3 || len(all) != 3 {
			t.Errorf("List(all) by the console = %d, %v", n, err)
		}
	})
}

// TestParentReadsIssuesBelow: the province's Humas reads the issues of a
// kabupaten/kota below it, as far as its relation and clearance reach
// the issues' items, and corrects none of them; the kota's people do not
// read the province's issues.
func TestParentReadsIssuesBelow(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		console := access.SystemActor()
		kota, err := e.agencies.CreateFromRegion(ctx, console, "15.71", e.jambi.ID)
		if err != nil {
			t.Fatal(err)
		}
		kotaUser, err := e.accounts.CreateUser(ctx, console, auth.NewUser{AgencyID: kota.ID, Username: "kota", Name: "kota",
			Role: access.Analis, Clearance: access.Rahasia, Password: "kata-sandi-yang-panjang-sekali"})
		if err != nil {
			t.Fatal(err)
		}
		var items []*archive.Item
		for i, class := range []access.Level{access.Publik, access.Terbatas, access.Terbatas, access.Rahasia, access.Rahasia} {
			n := news[[]int{0, 2, 5, 1, 4}[i]] // the flood (TERBATAS at most) and the haji case (RAHASIA)
			items = append(items, &archive.Item{AgencyID: kota.ID, Title: n.title, Text: n.text, Source: n.source,
				Classification: class, Published: time.Now().UTC().Add(time.Duration(i-10) * time.Minute)})
		}
		if _, err := e.pipeline.Upload(ctx, console, items); err != nil {
			t.Fatal(err)
		}
		below := issuetrack.ListFilter{Agency: kota.Path, MinItems: 2}
		flood := e.issueOf(t, kotaUser.Actor(), items[0].ID)
		for _, tt := range []struct {
			user string
			want int // issues of two items or more
		}{{"analis", 1}, {"pimpinan", 1}, {"publik", 0}} {
			list, n, err := e.tracker.List(ctx, e.actor(tt.user), below)
			if err != nil || n != tt.want || len(list) != tt.want {
				t.Errorf("List(Kota Jambi) as Jambi's %s = %d, %v; want %d (the flood, not the RAHASIA haji case)", tt.user, n, err, tt.want)
			}
		}
		if _, n, err := e.tracker.List(ctx, kotaUser.Actor(), below); err != nil || n != 2 {
			t.Errorf("List as the kota's own analyst = %d, %v; want both issues", n, err)
		}
		is, err := e.tracker.Find(ctx, e.actor("analis"), flood.ID)
		if err != nil {
			t.Fatalf("Find(the kota's flood) as Jambi's analyst: %v", err)
		}
		if ms, _, err := e.tracker.Members(ctx, e.actor("analis"), is); err != nil || len(ms) != 3 {
			t.Errorf("Members as Jambi's analyst = %d, %v; want the 3 flood items", len(ms), err)
		}
		if issuetrack.CanCorrect(e.actor("analis"), is) {
			t.Error("Jambi's analyst may correct the kota's issue")
		}
		if _, err := e.tracker.Correct(ctx, e.actor("analis"), flood.ID, issuetrack.Request{Op: issue.Pin}); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("Correct(the kota's issue) as Jambi's analyst = %v, want Forbidden", err)
		}
		if _, _, err := e.tracker.List(ctx, e.actor("aceh"), below); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("List(Kota Jambi) as Aceh = %v, want NotFound", err)
		}
		if _, _, err := e.tracker.List(ctx, kotaUser.Actor(), issuetrack.ListFilter{Agency: e.jambi.Path}); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("List(Jambi) as the kota below it = %v, want NotFound", err)
		}
	})
}

// TestCorrectionsSurviveRestart: analysts' corrections are checked,
// stored, audited and win over the model; a restart gives the same
// issues, IDs and corrections, and new items go where they went before.
func TestCorrectionsSurviveRestart(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		items := e.upload(t, 0, 5, access.Publik)
		analis := e.actor("analis")
		flood := e.issueOf(t, analis, items[0].ID)
		haji := e.issueOf(t, analis, items[1].ID)
		sport := e.issueOf(t, analis, items[3].ID)

		if _, err := e.tracker.Correct(ctx, e.actor("staf"), flood.ID, issuetrack.Request{Op: issue.Rename, Title: "x"}); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("Correct as staf = %v, want Forbidden", err)
		}
		if _, err := e.tracker.Correct(ctx, e.actor("pimpinan"), flood.ID, issuetrack.Request{Op: issue.Pin}); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("Correct as pimpinan = %v, want Forbidden", err)
		}
		if _, err := e.tracker.Correct(ctx, e.actor("aceh"), flood.ID, issuetrack.Request{Op: issue.Pin}); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("Correct as another agency = %v, want NotFound", err)
		}
		for name, req := range map[string]issuetrack.Request{
			"unknown op":     {Op: "explode"},
			"split all":      {Op: issue.Split, Items: []int64{items[0].ID, items[2].ID}},
			"split stranger": {Op: issue.Split, Items: []int64{items[1].ID}},
			"merge itself":   {Op: issue.Merge, Other: flood.ID},
			"bad sentiment":  {Op: issue.IssueSentiment, Sentiment: "marah"},
			"no items":       {Op: issue.ItemSentiment, Sentiment: "positive"},
			"title too long": {Op: issue.Rename, Title: string(make([]byte, archive.MaxTitle+1))},
		} {
			if _, err := e.tracker.Correct(ctx, analis, flood.ID, req); sinergi.KindOf(err) != sinergi.KindInvalid {
				t.Errorf("Correct(%s) = %v, want Invalid", name, err)
			}
		}
		steps := []struct {
			issue int64
			req   issuetrack.Request
		}{
			{flood.ID, issuetrack.Request{Op: issue.Rename, Title: "Banjir Kota Jambi"}},
			{flood.ID, issuetrack.Request{Op: issue.IssueSentiment, Sentiment: "negative"}},
			{haji.ID, issuetrack.Request{Op: issue.ItemSentiment, Items: []int64{items[1].ID}, Sentiment: "positive"}},
			{haji.ID, issuetrack.Request{Op: issue.Pin}},
			{flood.ID, issuetrack.Request{Op: issue.Merge, Other: sport.ID}},
			{flood.ID, issuetrack.Request{Op: issue.Split, Items: []int64{items[3].ID}}},
		}
		var split *issuetrack.Issue
		for _, s := range steps {
			if _, err := e.tracker.Correct(ctx, analis, s.issue, s.req); err != nil {
				t.Fatalf("Correct(%d, %+v): %v", s.issue, s.req, err)
			}
			if s.req.Op == issue.Split {
				split = e.issueOf(t, analis, items[3].ID)
			}
		}
		if split == nil || split.ID == flood.ID || split.ID == sport.ID {
			t.Fatalf("after the split, item %d is in %+v", items[3].ID, split)
		}
		if _, err := e.tracker.Find(ctx, analis, sport.ID); err != nil {
			t.Errorf("Find(merged-away issue) = %v; its page must still land", err)
		}
		hist, err := e.tracker.Corrections(ctx, analis, flood, 10)
		if err != nil || len(hist) != 4 || hist[0].Op != issue.Split || hist[0].CreatedID != split.ID || hist[0].ActorName != "analis" {
			t.Errorf("flood's corrections = %d, %v; want 4, the split last, naming the new issue", len(hist), err)
		}
		entries, n, err := e.log.Find(ctx, audit.Filter{Action: "issue.", Limit: 20})
		if err != nil || n != len(steps) || entries[0].TargetType != "issue" {
			t.Errorf("audit log holds %d issue entries, %v; want %d", n, err, len(steps))
		}

		before := listAll(t, e)
		e.restart(t)
		if after := listAll(t, e); !reflect.DeepEqual(after, before) {
			t.Fatalf("after restart:\n%+v\nwant\n%+v", after, before)
		}
		// A new report of the flood joins the renamed flood issue; the
		// split-off item's issue stays apart.
		more := e.upload(t, 5, 6, access.Publik)
		got := e.issueOf(t, analis, more[0].ID)
		if got.ID != flood.ID || got.Title != "Banjir Kota Jambi" || got.Sentiment != "negative" || got.Items != 3 {
			t.Errorf("after restart, the new flood report is in %+v; want the renamed flood issue %d with 3 items", got, flood.ID)
		}
		if _, err := e.tracker.Correct(ctx, analis, haji.ID, issuetrack.Request{Op: issue.Unpin}); err != nil {
			t.Errorf("Unpin after restart: %v", err)
		}
		if is, _ := e.tracker.Find(ctx, analis, haji.ID); is == nil || is.Pinned || is.Mix.Positive != 1 {
			t.Errorf("haji issue after unpin = %+v; want unpinned, one item corrected to positive", is)
		}
	})
}

// TestTwoProcesses: two trackers over one store (a server and a
// `sinergi ingest` beside it) number issues without a gap or a clash.
func TestTwoProcesses(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		first := e.pipeline
		a := e.upload(t, 0, 2, access.Publik)
		e.restart(t) // the second process
		b := e.upload(t, 2, 4, access.Publik)
		e.pipeline = first
		c := e.upload(t, 4, 6, access.Publik)
		analis := e.actor("analis")
		if f0, f2, f5 := e.issueOf(t, analis, a[0].ID), e.issueOf(t, analis, b[0].ID), e.issueOf(t, analis, c[1].ID); f0.ID != f2.ID || f2.ID != f5.ID || f0.Items != 3 {
			t.Errorf("flood reports from two processes are in issues %d, %d, %d", f0.ID, f2.ID, f5.ID)
		}
		list, _, err := e.tracker.List(t.Context(), analis, issuetrack.ListFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var numbers []issue.ID
		for _, is := range list {
			numbers = append(numbers, is.Number)
		}
		slices.Sort(numbers)
		if !reflect.DeepEqual(numbers, []issue.ID{1, 2, 3}) {
			t.Errorf("issue numbers = %v; want 1, 2, 3", numbers)
		}
	})
}

// listAll is every issue of Jambi as the console lists it, with what may
// differ between two readings (the time of reading) left out.
func listAll(t *testing.T, e *env) []issuetrack.Issue {
	t.Helper()
	list, _, err := e.tracker.List(t.Context(), access.SystemActor(), issuetrack.ListFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]issuetrack.Issue, len(list))
	for i, is := range list {
		out[i] = *is
		out[i].PerHour, out[i].Growth = 0, 0
	}
	return out
}

// TestConcurrentItems: the pipeline's workers hand items to the tracker
// at once, while an analyst corrects; every item is stored once, the
// sequence has no gap, and a restart finds the same issues.
func TestConcurrentItems(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		first := e.upload(t, 0, 2, access.Publik) // an issue to correct
		var items []*archive.Item
		for round := range 8 {
			for i, n := range news {
				items = append(items, &archive.Item{AgencyID: e.jambi.ID, Title: fmt.Sprintf("%s (%d)", n.title, round),
					Text: n.text, Source: n.source, URL: fmt.Sprintf("https://%s/%d/%d", n.source, round, i),
					Published: time.Now().UTC().Add(-time.Duration(round*10+i) * time.Minute)})
			}
		}
		if err := e.archives.Import(ctx, access.SystemActor(), items); err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.ID
		}
		stored, analyses, err := e.db.FindItems(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		flood := e.issueOf(t, e.actor("analis"), first[0].ID)
		var wg sync.WaitGroup
		errs := make(chan error, len(stored)+1)
		for w := range 6 {
			wg.Go(func() {
				for i := w; i < len(stored); i += 6 {
					if err := e.tracker.MatchItem(ctx, stored[i], analyses[i]); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Go(func() {
			if _, err := e.tracker.Correct(ctx, e.actor("analis"), flood.ID, issuetrack.Request{Op: issue.Rename, Title: "Banjir"}); err != nil {
				errs <- err
			}
		})
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent: %v", err)
		}
		var n, maxSeq int64
		if err := e.db.SQL().QueryRowContext(ctx, `SELECT count(*), max(seq) FROM issue_items`).Scan(&n, &maxSeq); err != nil {
			t.Fatal(err)
		}
		if want := int64(len(stored) + len(first)); n != want || maxSeq != want {
			t.Errorf("issue_items: %d rows, last seq %d; want %d and %d", n, maxSeq, want, want)
		}
		before := listAll(t, e)
		e.restart(t)
		if err := e.tracker.MatchItem(ctx, stored[0], analyses[0]); err != nil { // rebuilds; taken before
			t.Fatal(err)
		}
		if after := listAll(t, e); !reflect.DeepEqual(after, before) {
			t.Errorf("after restart:\n%+v\nwant\n%+v", after, before)
		}
		if got, err := e.tracker.Find(ctx, e.actor("analis"), flood.ID); err != nil || got.Title != "Banjir" {
			t.Errorf("flood after the concurrent rename = %+v, %v", got, err)
		}
	})
}

// TestCatchUp: items that reached the archive without reaching the
// tracker (imported without the pipeline, or stored by a process that
// stopped before their assignment was) join the issues when the agency's
// clusterer is next rebuilt.
func TestCatchUp(t *testing.T) {
	forEngine(t, func(t *testing.T, e *env) {
		var items []*archive.Item
		for i, n := range news[:3] {
			items = append(items, &archive.Item{AgencyID: e.jambi.ID, Title: n.title, Text: n.text, Source: n.source,
				Published: time.Now().UTC().Add(-time.Duration(10-i) * time.Minute)})
		}
		if err := e.archives.Import(t.Context(), access.SystemActor(), items); err != nil {
			t.Fatal(err)
		}
		more := e.upload(t, 5, 6, access.Publik)
		flood := e.issueOf(t, e.actor("analis"), items[0].ID)
		if got := e.issueOf(t, e.actor("analis"), more[0].ID); got.ID != flood.ID || flood.Items != 3 {
			t.Errorf("after the catch-up the flood issue holds %d items (the new report in %d, want %d)", flood.Items, got.ID, flood.ID)
		}
		if haji := e.issueOf(t, e.actor("analis"), items[1].ID); haji.ID == flood.ID {
			t.Errorf("the haji report joined the flood")
		}
	})
}
