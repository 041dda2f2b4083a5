package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/dedup"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/source"
)

// seedSources registers the fixture's sources, as the console, and gives
// their feeds the state polling would have left (times relative to now):
//
//	antara  root    online, national, "nasional"  rss healthy (with items over the last days), sitemap late
//	kompas  root    online                        rss failing (HTTP 503 five times)
//	detik   root    online, paused                rss gone (HTTP 410)
//	rri     root    radio, "nasional"             page new
//	ekspres jambi   print, Kota Jambi             rss +teks healthy, sitemap failing
//	tribun  sulsel  online, Kota Makassar         rss healthy
//
// The late, failing and gone feeds have their open alarm.
func (f *fixture) seedSources() map[string]*source.Source {
	f.t.Helper()
	ctx := context.Background()
	sys := access.SystemActor()
	root, jambi, sulsel := f.agency["root"].ID, f.agency["jambi"].ID, f.agency["sulsel"].ID
	srcs := map[string]*source.Source{
		"antara": {AgencyID: root, Name: "Antara News", HomePage: "https://www.antaranews.com/", Lang: "id",
			Collections: []string{"nasional"}, Notes: "Kantor berita negara.",
			Feeds: []source.FeedURL{{URL: "https://www.antaranews.com/rss/terkini.xml"},
				{URL: "https://www.antaranews.com/sitemap-news.xml", Kind: source.Sitemap}}},
		"kompas": {AgencyID: root, Name: "Kompas", HomePage: "https://www.kompas.com/",
			Feeds: []source.FeedURL{{URL: "https://www.kompas.com/rss"}}},
		"detik": {AgencyID: root, Name: "Detik", HomePage: "https://www.detik.com/",
			Feeds: []source.FeedURL{{URL: "https://rss.detik.com/index.php/detikcom"}}},
		"rri": {AgencyID: root, Name: "RRI", HomePage: "https://www.rri.co.id/", MediaType: source.Radio,
			Collections: []string{"nasional"}, Feeds: []source.FeedURL{{URL: "https://www.rri.co.id/berita", Kind: source.Page}}},
		"ekspres": {AgencyID: jambi, Name: "Jambi Ekspres", HomePage: "https://jambiekspres.co.id/", MediaType: source.Print,
			Region: "15.71", Collections: []string{"Media Daerah", "jambi"},
			Feeds: []source.FeedURL{{URL: "https://jambiekspres.co.id/feed", FullText: true},
				{URL: "https://jambiekspres.co.id/sitemap-news.xml", Kind: source.Sitemap}}},
		"tribun": {AgencyID: sulsel, Name: "Tribun Timur", HomePage: "https://makassar.tribunnews.com/", Region: "73.71",
			Feeds: []source.FeedURL{{URL: "https://makassar.tribunnews.com/rss"}}},
	}
	for _, k := range []string{"antara", "kompas", "detik", "rri", "ekspres", "tribun"} {
		if err := f.svc.Sources.Add(ctx, sys, srcs[k]); err != nil {
			f.t.Fatalf("add source %s: %v", k, err)
		}
	}
	if _, err := f.svc.Sources.SetPaused(ctx, sys, srcs["detik"].ID, true); err != nil {
		f.t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	day := 24 * time.Hour
	healthy := func(items int) ingest.State {
		return ingest.State{ETag: `"v1"`, NextPoll: now.Add(20 * time.Minute), Interval: 30 * time.Minute,
			LastPoll: now.Add(-10 * time.Minute), LastOK: now.Add(-10 * time.Minute), LastNew: now.Add(-time.Hour),
			FirstNew: now.Add(-30 * day), LastStatus: 200, Polls: 120, NotModified: 40, ItemsNew: items,
			Health: ingest.Healthy, HealthSince: now.Add(-30 * day)}
	}
	late := healthy(48)
	late.LastNew, late.Health, late.HealthSince = now.Add(-4*day), ingest.Late, now.Add(-day)
	late.HealthReason = ingest.Message{Key: "ingest.health.late", Args: []string{"4", "12"}}
	failing := healthy(200)
	failing.LastOK, failing.LastStatus, failing.Failures, failing.Health = now.Add(-6*time.Hour), 503, 5, ingest.Failing
	failing.LastError = ingest.Message{Key: "ingest.error.server", Args: []string{"503"}}
	failing.HealthReason = ingest.Message{Key: "ingest.health.failing", Args: []string{"5"}}
	gone := healthy(90)
	gone.LastOK, gone.LastStatus, gone.Failures, gone.Health = now.Add(-2*day), 410, 1, ingest.Gone
	gone.LastError = ingest.Message{Key: "ingest.error.not_found", Args: []string{"410"}}
	gone.HealthReason = ingest.Message{Key: "ingest.health.gone", Args: []string{"410", "1"}}
	f.saveFeedState(srcs["antara"], 0, healthy(300), []time.Duration{0, 0, 0, -day, -day, -3 * day, -13 * day})
	f.saveFeedState(srcs["antara"], 1, late, nil)
	f.saveFeedState(srcs["kompas"], 0, failing, nil)
	f.saveFeedState(srcs["detik"], 0, gone, nil)
	f.saveFeedState(srcs["ekspres"], 0, healthy(25), []time.Duration{0, -2 * day})
	f.saveFeedState(srcs["ekspres"], 1, failing, nil)
	f.saveFeedState(srcs["tribun"], 0, healthy(60), nil)
	return srcs
}

// saveFeedState writes the state of a source's i-th feed, with its alarm
// when the state raises one, and, for each of ago, an appearance the feed
// brought that long before now (the first stored as an item, the others
// as copies of its story).
func (f *fixture) saveFeedState(src *source.Source, i int, st ingest.State, ago []time.Duration) {
	f.t.Helper()
	fd := src.Feeds[i]
	feed := &ingest.Feed{ID: fd.ID, URL: fd.URL, Kind: fd.Kind, FullText: fd.FullText, Source: src, State: st}
	b := &ingest.Batch{AgencyID: src.AgencyID, Feed: feed}
	if h := st.Health; h.Alarming() {
		b.Alarm = &ingest.Alarm{AgencyID: src.AgencyID, Subject: ingest.FeedSubject(fd.ID), Kind: "feed_" + string(h),
			Message: ingest.Message{Key: "ingest.alarm.feed_" + string(h), Args: []string{src.Name, fd.URL}},
			Raised:  st.LastPoll.Add(-time.Hour)}
	}
	now := time.Now().UTC()
	for n, d := range ago {
		u := fmt.Sprintf("%sberita/%d", src.HomePage, n+1)
		story := fmt.Sprintf("%sberita/1", src.HomePage)
		how := dedup.First
		if n == 0 {
			b.Items = []*archive.Item{{AgencyID: src.AgencyID, Title: "Berita " + src.Name, Text: "Isi berita.", URL: u,
				Source: src.Domain, Fetched: now, ImportedAt: now}}
			b.Analyses, b.Idents = []*archive.Analysis{{}}, []string{u}
		} else {
			how = dedup.SameContent
		}
		b.Appearances = append(b.Appearances, ingest.Appearance{Ident: u, StoryIdent: story, AgencyID: src.AgencyID,
			SourceID: src.ID, FeedID: fd.ID, Source: src.Domain, URL: u, How: how, Similarity: 1, Seen: now.Add(d)})
	}
	if err := f.db.SaveBatch(context.Background(), b); err != nil {
		f.t.Fatalf("save the state of feed %s: %v", fd.URL, err)
	}
}

func TestSourceList(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedSources()
	kepala := f.signedIn("kepala")
	res := kepala.get("/pantau/sumber")
	wantStatus(t, "sources as kepala", res, http.StatusOK)
	wantBody(t, "sources as kepala", res, "<h1>Sumber pantauan</h1>", "Humas Pemerintah Provinsi Jambi",
		`<a class="button" href="/pantau/sumber/baru">Tambah sumber</a>`,
		`>Jambi Ekspres</a><br><span class="muted">jambi, media-daerah</span>`, "<td>jambiekspres.co.id</td>",
		"<td>Cetak</td>", "<td>Kota Jambi</td>", "<td>2</td>", `<span class="status status--on">Aktif</span>`,
		"Jumlah sumber: 1",
		// Pantau's own navigation, this page current.
		`<a href="/pantau/sumber" aria-current="page"`, `<a href="/pantau/kesehatan"`, `<a href="/pantau/pipeline"`)
	for _, other := range []string{"Antara News", "Tribun Timur"} {
		if strings.Contains(res.body, other) {
			t.Errorf("the Jambi list shows %s, another agency's source", other)
		}
	}

	admin := f.signedIn("admin")
	for _, tt := range []struct {
		path      string
		count     string
		sees, not []string
	}{
		{"/pantau/sumber", "Jumlah sumber: 4", []string{"Antara News", "Kompas", "Detik", "RRI", "<td>Radio</td>", "<td>Nasional</td>"}, nil},
		{"/pantau/sumber?q=ANTARA", "Jumlah sumber: 1", []string{"Antara News", `value="ANTARA"`}, []string{"Kompas"}},
		{"/pantau/sumber?q=detik.com", "Jumlah sumber: 1", []string{"Detik", `<span class="status status--off">Dijeda</span>`}, []string{"Antara"}},
		{"/pantau/sumber?koleksi=Nasional", "Jumlah sumber: 2", []string{"Antara News", "RRI", `value="Nasional"`}, []string{"Kompas"}},
		{"/pantau/sumber?status=jeda", "Jumlah sumber: 1", []string{"Detik", `<option value="jeda" selected>`}, []string{"Antara"}},
		{"/pantau/sumber?status=aktif", "Jumlah sumber: 3", []string{"Antara News"}, []string{">Detik<"}},
		{"/pantau/sumber?q=tidak-ada", "Jumlah sumber: 0", []string{"Tidak ada sumber yang cocok."}, nil},
	} {
		res := admin.get(tt.path)
		wantStatus(t, tt.path, res, http.StatusOK)
		wantBody(t, tt.path, res, append(tt.sees, tt.count)...)
		for _, s := range tt.not {
			if strings.Contains(res.body, s) {
				t.Errorf("%s shows %q", tt.path, s)
			}
		}
	}

	// A role that cannot change records sees the list without the button.
	res = f.signedIn("staf").get("/pantau/sumber")
	wantStatus(t, "sources as staf", res, http.StatusOK)
	wantBody(t, "sources as staf", res, "Jumlah sumber: 0", "Tidak ada sumber yang cocok.")
	if strings.Contains(res.body, "/pantau/sumber/baru") {
		t.Error("the list offers a staf officer to add a source")
	}

	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	res = f.signedIn("kepala").get("/pantau/sumber")
	wantBody(t, "English sources", res, `<html lang="en">`, "Watched sources", "Add a source", "Sources: 1", "<td>Print</td>", "Active")
}

// sourceForm is a complete, valid form of the source form.
func validSourceForm() url.Values {
	return url.Values{
		"name": {"  Jambi   Independent "}, "home_page": {"https://www.jambi-independent.co.id/"}, "media_type": {"print"},
		"lang": {"ID"}, "region": {"Kota Jambi"}, "alt_domains": {"jambiindependent.com, www.jambi-independent.co.id"},
		"collections": {"Media Daerah, Jambi"}, "notes": {"Harian terbesar di Jambi."},
		"feeds": {"feed https://www.jambi-independent.co.id/feed +teks\r\n\r\nsitemap https://www.jambi-independent.co.id/sitemap-news.xml\r\nhttps://www.jambi-independent.co.id/rss/daerah"},
	}
}

// sourceIDRE reads the source's ID from the address a form redirects to.
var sourceIDRE = regexp.MustCompile(`^/pantau/sumber/(\d+)\?notice=`)

func TestSourceCreate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedSources()
	c := f.signedIn("analis") // an analyst writes: they may add sources
	res := c.get("/pantau/sumber/baru")
	wantStatus(t, "new source form", res, http.StatusOK)
	wantBody(t, "new source form", res, "<h1>Tambah sumber</h1>", `<form method="post" action="/pantau/sumber" class="form card">`,
		`<option value="online" selected>Daring</option>`, `name="lang" type="text" maxlength="3"`, `value="id"`,
		"feed https://jambiekspres.co.id/feed +teks", "Jenis umpan: feed (RSS, Atom atau JSON Feed)")

	res = c.submit("/pantau/sumber/baru", "/pantau/sumber", validSourceForm())
	wantStatus(t, "create a source", res, http.StatusSeeOther)
	m := sourceIDRE.FindStringSubmatch(res.location())
	if m == nil || !strings.HasSuffix(res.location(), "notice=source_created") {
		t.Fatalf("create a source: redirected to %q", res.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	src, err := f.svc.Sources.Find(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if src.Name != "Jambi Independent" || src.AgencyID != f.agency["jambi"].ID || src.MediaType != source.Print ||
		src.Region != "15.71" || src.Lang != "id" || !slices.Equal(src.AltDomains, []string{"jambiindependent.com"}) ||
		!slices.Equal(src.Collections, []string{"jambi", "media-daerah"}) || len(src.Feeds) != 3 ||
		!src.Feeds[0].FullText || src.Feeds[1].Kind != source.Sitemap || src.Feeds[1].FullText || src.Feeds[2].Kind != source.Feed {
		t.Errorf("the created source is %+v", src)
	}
	res = c.get(res.location())
	wantStatus(t, "the new source", res, http.StatusOK)
	wantBody(t, "the new source", res, "Sumber telah ditambahkan.", "<h1>Jambi Independent</h1>",
		"https://www.jambi-independent.co.id/rss/daerah", `<span class="status ">Baru</span>`,
		"Segera, pada putaran berikutnya", "Teks lengkap diambil dari halaman artikel.")
	entries, _, err := f.svc.Audit.Find(context.Background(), audit.Filter{TargetType: "source", TargetID: m[1]})
	if err != nil || len(entries) != 1 || entries[0].Action != "source.create" {
		t.Errorf("audit of the creation: %v, %v", entries, err)
	}

	// Refused forms come back with the message beside the field at fault.
	for _, tt := range []struct {
		name   string
		change url.Values
		status int
		field  string
		want   string
	}{
		{"no name", url.Values{"name": {" "}}, 400, "name", "Nama sumber wajib diisi."},
		{"bad home page", url.Values{"home_page": {"jambi-independent.co.id"}}, 400, "home_page", `&#34;jambi-independent.co.id&#34; bukan alamat http(s) yang sah.`},
		{"bad feed address", url.Values{"feeds": {"feed ftp://x.id/rss"}}, 400, "feeds", "ftp://x.id/rss"},
		{"unreadable feed line", url.Values{"feeds": {"https://x.id/rss\nfeed sitemap https://x.id/s.xml"}}, 400, "feeds", "Baris umpan ke-2 tidak dapat dibaca"},
		{"unknown kind", url.Values{"feeds": {"atom https://x.id/atom"}}, 400, "feeds", "Jenis umpan &#34;atom&#34; tidak dikenal"},
		{"same feed twice", url.Values{"feeds": {"https://x.id/rss\nhttps://x.id/rss#atas"}}, 400, "feeds", "tercantum dua kali"},
		{"kecamatan", url.Values{"region": {"15.71.01"}}, 400, "region", "harus provinsi atau kabupaten/kota"},
		{"language", url.Values{"lang": {"indonesia"}}, 400, "lang", "Kode bahasa"},
		{"domain taken", url.Values{"home_page": {"https://jambiekspres.co.id/berita"}}, 409, "home_page", "Instansi Anda sudah memantau sumber dengan domain ini."},
	} {
		form := validSourceForm()
		form.Set("home_page", "https://baru.example.id/")
		for k, v := range tt.change {
			form[k] = v
		}
		res := c.submit("/pantau/sumber/baru", "/pantau/sumber", form)
		wantStatus(t, tt.name, res, tt.status)
		wantBody(t, tt.name, res, tt.want, `id="form-error" role="alert"`, `id="`+tt.field+`" name="`+tt.field+`"`)
		if !regexp.MustCompile(`id="` + tt.field + `" name="` + tt.field + `"[^>]*aria-invalid="true"`).MatchString(res.body) {
			t.Errorf("%s: the field %s is not marked invalid", tt.name, tt.field)
		}
	}

	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["analis"], "en"); err != nil {
		t.Fatal(err)
	}
	c = f.signedIn("analis")
	form := validSourceForm()
	form.Set("feeds", "feed")
	res = c.submit("/pantau/sumber/baru", "/pantau/sumber", form)
	wantStatus(t, "English refused form", res, http.StatusBadRequest)
	wantBody(t, "English refused form", res, `<html lang="en">`, `Feed line 1 cannot be read: &#34;feed&#34;.`, "Add a source")
}

func TestSourceUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	ekspres := srcs["ekspres"]
	path := sourcePath(ekspres.ID)
	c := f.signedIn("kepala")
	res := c.get(path + "/ubah")
	wantStatus(t, "edit form", res, http.StatusOK)
	wantBody(t, "edit form", res, "<h1>Ubah Jambi Ekspres</h1>", `<form method="post" action="`+path+`" class="form card">`,
		`value="Jambi Ekspres"`, `<option value="print" selected>Cetak</option>`, `value="15.71"`, `value="jambi, media-daerah"`,
		"feed https://jambiekspres.co.id/feed &#43;teks\nsitemap https://jambiekspres.co.id/sitemap-news.xml</textarea>")

	form := url.Values{"name": {"Jambi Ekspres Online"}, "home_page": {"https://jambiekspres.co.id/"}, "media_type": {"online"},
		"lang": {"id"}, "region": {"15.71"}, "collections": {"jambi"},
		"feeds": {"feed https://jambiekspres.co.id/feed\npage https://jambiekspres.co.id/indeks"}}
	res = c.submit(path+"/ubah", path, form)
	wantStatus(t, "save the edit form", res, http.StatusSeeOther)
	if res.location() != path+"?notice=source_updated" {
		t.Errorf("after saving: redirected to %q", res.location())
	}
	got, err := f.svc.Sources.Find(context.Background(), ekspres.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Jambi Ekspres Online" || got.MediaType != source.Online || len(got.Feeds) != 2 ||
		got.Feeds[0].ID != ekspres.Feeds[0].ID || got.Feeds[0].FullText || got.Feeds[1].Kind != source.Page {
		t.Errorf("after the edit the source is %+v", got)
	}
	res = c.get(res.location())
	wantBody(t, "the changed source", res, "Perubahan sumber telah disimpan.", "<h1>Jambi Ekspres Online</h1>",
		"https://jambiekspres.co.id/indeks", `<span class="status status--on">Sehat</span>`)
	if strings.Contains(res.body, "sitemap-news.xml") {
		t.Error("the removed sitemap is still shown")
	}

	form.Set("name", "")
	res = c.submit(path+"/ubah", path, form)
	wantStatus(t, "a refused edit", res, http.StatusBadRequest)
	wantBody(t, "a refused edit", res, "Nama sumber wajib diisi.", "<h1>Ubah Jambi Ekspres Online</h1>")
}

func TestSourcePauseResume(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	path := sourcePath(srcs["ekspres"].ID)
	c := f.signedIn("kepala")
	res := c.get(path)
	wantBody(t, "an active source", res, `<form method="post" action="`+path+`/jeda" class="inline-form">`, ">Jeda</button>")
	res = c.submit(path, path+"/jeda", nil)
	wantStatus(t, "pause", res, http.StatusSeeOther)
	res = c.get(res.location())
	wantBody(t, "a paused source", res, "Sumber dijeda: umpannya tidak diambil sampai dilanjutkan.",
		`<span class="status status--off">Dijeda</span>`, "Tidak ada selama sumber dijeda", ">Lanjutkan</button>")
	if got, _ := f.svc.Sources.Find(context.Background(), srcs["ekspres"].ID); !got.Paused {
		t.Error("the source is not paused")
	}
	res = c.submit(path, path+"/lanjutkan", nil)
	wantStatus(t, "resume", res, http.StatusSeeOther)
	wantBody(t, "resumed", c.get(res.location()), "Sumber dilanjutkan: umpannya kembali diambil.", ">Jeda</button>")
	if got, _ := f.svc.Sources.Find(context.Background(), srcs["ekspres"].ID); got.Paused {
		t.Error("the source is still paused")
	}
}

// TestSourceForbidden: as a staf officer (who reads only) and as the head
// of another province's Humas, the forms, the changes and the pause are
// refused; the source's page shows no buttons.
func TestSourceForbidden(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	ekspres := srcs["ekspres"]
	path := sourcePath(ekspres.ID)
	staf := f.signedIn("staf")
	res := staf.get("/pantau/sumber/baru")
	wantStatus(t, "new source form as staf", res, http.StatusForbidden)
	wantBody(t, "new source form as staf", res, "Anda tidak berwenang mengelola sumber pantauan instansi ini.")
	res = staf.submit("/pantau/sumber", "/pantau/sumber", validSourceForm())
	wantStatus(t, "create as staf", res, http.StatusForbidden)
	wantBody(t, "create as staf", res, "Anda tidak berwenang mengelola sumber pantauan instansi ini.")

	other := f.signedIn("kepalasulsel")
	res = other.get(path)
	wantStatus(t, "another agency's source", res, http.StatusOK)
	wantBody(t, "another agency's source", res, "<h1>Jambi Ekspres</h1>", "https://jambiekspres.co.id/feed",
		"Sumber ini dipantau instansi lain")
	for _, s := range []string{"/ubah", "/jeda", "Terakhir diambil", "Sehat"} {
		if strings.Contains(res.body, s) {
			t.Errorf("another agency's source page shows %q", s)
		}
	}
	res = other.get(path + "/ubah")
	wantStatus(t, "edit another agency's source", res, http.StatusForbidden)
	for _, action := range []string{path, path + "/jeda", path + "/lanjutkan"} {
		form := validSourceForm()
		res := other.submit("/pantau/sumber", action, form)
		wantStatus(t, "POST "+action+" as another agency", res, http.StatusForbidden)
		wantBody(t, "POST "+action+" as another agency", res, "Anda tidak berwenang mengelola sumber pantauan instansi ini.")
	}
	got, err := f.svc.Sources.Find(context.Background(), ekspres.ID)
	if err != nil || got.Paused || got.Name != "Jambi Ekspres" {
		t.Errorf("after refused changes the source is %+v, %v", got, err)
	}
	wantStatus(t, "a source that does not exist", staf.get("/pantau/sumber/999999"), http.StatusNotFound)
	wantStatus(t, "a malformed source ID", staf.get("/pantau/sumber/x"), http.StatusNotFound)
}

func TestSourceCSRF(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	path := sourcePath(srcs["ekspres"].ID)
	c := f.signedIn("kepala")
	for _, action := range []string{"/pantau/sumber", path, path + "/jeda"} {
		res := c.post(action, validSourceForm())
		wantStatus(t, "POST "+action+" without a token", res, http.StatusForbidden)
		wantBody(t, "POST "+action+" without a token", res, "Formulir ini sudah kedaluwarsa atau tidak sah.")
		form := validSourceForm()
		form.Set("csrf", "bukan-token")
		wantStatus(t, "POST "+action+" with a wrong token", c.post(action, form), http.StatusForbidden)
	}
	if _, n, _ := f.svc.Sources.List(context.Background(), source.Filter{Query: "independent"}); n != 0 {
		t.Error("a form without a token added a source")
	}
	if got, _ := f.svc.Sources.Find(context.Background(), srcs["ekspres"].ID); got.Paused || got.Name != "Jambi Ekspres" {
		t.Errorf("a form without a token changed the source: %+v", got)
	}
}

func TestSourceView(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	c := f.signedIn("admin")
	res := c.get(sourcePath(srcs["antara"].ID))
	wantStatus(t, "Antara", res, http.StatusOK)
	wantBody(t, "Antara", res, "<h1>Antara News</h1>", "Kantor berita negara.", `<a href="/pantau/sumber?koleksi=nasional">nasional</a>`,
		"<dd>Nasional</dd>", ">Ubah sumber</a>",
		// The healthy feed: counts, dates, and items per day.
		`<span class="status status--on">Sehat</span>`, "<dd>200</dd>", "<dd>120</dd>", "<dd>40</dd>", "<dd>300</dd>",
		"Berita per hari, 14 hari terakhir", "7 berita dalam 14 hari terakhir.", "WIB</time>",
		// The late one: its reason in the officer's words.
		`<span class="status ">Terlambat</span> Tidak ada artikel baru selama 4 hari; biasanya 12 per hari.`)
	today := time.Now().In(f.agency["root"].Location()).Format("2006-01-02")
	if !regexp.MustCompile(`<time datetime="` + today + `">[^<]+</time></span>\s*<span class="facet__count">3</span>\s*<svg[^>]*><rect width="100"`).MatchString(res.body) {
		t.Errorf("today's bar is not the full one of 3 items:\n%s", res.body)
	}
	if n := strings.Count(res.body, `<li class="facet__value">`); n != 2*activityDays {
		t.Errorf("the activity lists %d days, want %d", n, 2*activityDays)
	}

	res = c.get(sourcePath(srcs["kompas"].ID))
	wantBody(t, "Kompas", res, `<span class="status status--off">Gagal</span> Gagal diambil 5 kali berturut-turut.`,
		"<dd>503</dd>", "<dd>Server sedang bermasalah (HTTP 503).</dd>")

	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["admin"], "en"); err != nil {
		t.Fatal(err)
	}
	res = f.signedIn("admin").get(sourcePath(srcs["detik"].ID))
	wantBody(t, "English Detik", res, `<html lang="en">`, "Paused", "Resume", "Gone", "Last fetched", "Items per day, last 14 days",
		"None while the source is paused", "<dd>410</dd>")
}

func TestParseFeedLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []source.FeedURL
		bad  bool
	}{
		{"", nil, false},
		{"https://x.id/rss", []source.FeedURL{{URL: "https://x.id/rss"}}, false},
		{"  sitemap   https://x.id/s.xml  \r\n\n page https://x.id/ +TEKS",
			[]source.FeedURL{{URL: "https://x.id/s.xml", Kind: source.Sitemap}, {URL: "https://x.id/", Kind: source.Page, FullText: true}}, false},
		{"Feed https://x.id/rss +text", []source.FeedURL{{URL: "https://x.id/rss", Kind: source.Feed, FullText: true}}, false},
		{"atom https://x.id/a", []source.FeedURL{{URL: "https://x.id/a", Kind: "atom"}}, false}, // the service refuses the kind
		{"x.id/rss", []source.FeedURL{{URL: "x.id/rss"}}, false},                                // and the address
		{"feed", nil, true},
		{"+teks https://x.id/rss", nil, true},
		{"feed https://x.id/rss https://x.id/atom", nil, true},
		{"feed https://x.id/rss +teks +teks", nil, true},
		{"feed https://x.id/rss lengkap", nil, true},
	}
	for _, tt := range tests {
		got, err := parseFeedLines(tt.in)
		if (err != nil) != tt.bad || !slices.Equal(got, tt.want) {
			t.Errorf("parseFeedLines(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

// TestBrowserSourceAdd: the head of Jambi's Humas adds a source through
// the form in Chromium, with two feeds, one asking for full text, and
// finds it on the list and on its own page, in Indonesian and English.
func TestBrowserSourceAdd(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	base := f.ts.URL
	f.browserLogin(b, "kepala")
	b.Run(t, "open the source list and its add form",
		chromedp.Navigate(base+"/pantau/sumber"),
		chromedp.Click(chromedp.CSS(`main a[href="/pantau/sumber/baru"]`)),
		chromedp.WaitVisible(chromedp.CSS("#feeds")),
	)
	b.Run(t, "fill in and send the form",
		chromedp.SendKeys(chromedp.CSS("#name"), "Jambi Independent"),
		chromedp.SendKeys(chromedp.CSS("#home_page"), "https://www.jambi-independent.co.id/"),
		chromedp.SetValue(chromedp.CSS("#media_type"), string(source.Print)),
		chromedp.SendKeys(chromedp.CSS("#region"), "Kota Jambi"),
		chromedp.SendKeys(chromedp.CSS("#collections"), "Media Daerah"),
		chromedp.SendKeys(chromedp.CSS("#feeds"), "feed https://www.jambi-independent.co.id/feed +teks\nsitemap https://www.jambi-independent.co.id/sitemap-news.xml"),
		chromedp.Click(chromedp.CSS(`form[action="/pantau/sumber"] button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS("#feeds")),
	)
	txt := b.Text(t)
	for _, want := range []string{"Sumber telah ditambahkan.", "Jambi Independent", "Kota Jambi", "media-daerah",
		"https://www.jambi-independent.co.id/feed", "https://www.jambi-independent.co.id/sitemap-news.xml",
		"Teks lengkap diambil dari halaman artikel.", "Baru", "Segera, pada putaran berikutnya", "Berita per hari, 14 hari terakhir"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the new source's page lacks %q:\n%s", want, txt)
		}
	}
	list, n, err := f.svc.Sources.List(context.Background(), source.Filter{Query: "independent"})
	if err != nil || n != 1 || list[0].MediaType != source.Print || list[0].Region != "15.71" || len(list[0].Feeds) != 2 || !list[0].Feeds[0].FullText {
		t.Fatalf("the registry after the form: %+v, %d, %v", list, n, err)
	}

	b.Run(t, "find it on the list",
		chromedp.Navigate(base+"/pantau/sumber"),
		chromedp.WaitVisible(chromedp.CSS("main table")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "Jambi Independent") || !strings.Contains(txt, "Cetak") || !strings.Contains(txt, "jambi-independent.co.id") {
		t.Errorf("the list lacks the new source:\n%s", txt)
	}
	b.Run(t, "open it from the list",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href="%s"]`, sourcePath(list[0].ID)))),
		chromedp.WaitVisible(chromedp.CSS("#feeds-heading")),
		chromedp.Click(chromedp.CSS(`form.lang-switch button[value="en"]`)),
		chromedp.WaitReady(chromedp.CSS(`html[lang="en"]`)),
	)
	txt = b.Text(t)
	for _, want := range []string{"Jambi Independent", "Feeds and their health", "Full text is fetched from the article pages.",
		"News sitemap", "Soon, in the next round", "Change the source", "Pause"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the English source page lacks %q:\n%s", want, txt)
		}
	}
	b.CheckNoErrors(t)
}
