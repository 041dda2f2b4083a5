package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/source"
)

// wantOrder fails the test when the texts do not appear in res in this
// order.
func wantOrder(t *testing.T, what string, res *response, texts ...string) {
	t.Helper()
	last := -1
	for _, s := range texts {
		i := strings.Index(res.body, s)
		if i < 0 {
			t.Errorf("%s: body lacks %q", what, s)
			return
		}
		if i < last {
			t.Errorf("%s: %q comes before the text listed ahead of it", what, s)
		}
		last = i
	}
}

func TestFeedHealth(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	admin := f.signedIn("admin")
	res := admin.get("/pantau/kesehatan")
	wantStatus(t, "health as admin", res, http.StatusOK)
	wantBody(t, "health as admin", res, "<h1>Kesehatan umpan</h1>", "Kementerian Komunikasi dan Digital",
		`<a href="/pantau/kesehatan" aria-current="page"`,
		// The counts per state, each a link to its feeds.
		`<dt><span class="status status--off">Hilang</span></dt><dd><a href="/pantau/kesehatan?keadaan=gone">1</a></dd>`,
		`<dt><span class="status status--on">Sehat</span></dt><dd><a href="/pantau/kesehatan?keadaan=healthy">1</a></dd>`,
		"Jumlah umpan: 5",
		// Why, in the officer's words, and the error of the last attempt.
		"Alamat umpan sudah tidak ada di server (HTTP 410, 1 kali berturut-turut).",
		"Gagal diambil 5 kali berturut-turut.",
		"Tidak ada artikel baru selama 4 hari; biasanya 12 per hari.",
		// The alarms, each linking to its source.
		`<h2 id="alarms-heading">Peringatan umpan</h2>`,
		fmt.Sprintf(`<a href="%s">Umpan https://www.kompas.com/rss dari Kompas gagal diambil berulang kali.</a>`, sourcePath(srcs["kompas"].ID)),
		fmt.Sprintf(`<a href="%s">Umpan https://rss.detik.com/index.php/detikcom dari Detik sudah tidak ada di server.</a>`, sourcePath(srcs["detik"].ID)),
		fmt.Sprintf(`<a href="%s">Umpan https://www.antaranews.com/sitemap-news.xml dari Antara News terlambat`, sourcePath(srcs["antara"].ID)),
		"Belum pernah") // the new page feed was never fetched
	// The worst first: gone, failing, late, new, healthy.
	wantOrder(t, "health as admin", res, `<span class="muted">https://rss.detik.com/index.php/detikcom</span>`,
		`<span class="muted">https://www.kompas.com/rss</span>`, `<span class="muted">https://www.antaranews.com/sitemap-news.xml</span>`,
		`<span class="muted">https://www.rri.co.id/berita</span>`, `<span class="muted">https://www.antaranews.com/rss/terkini.xml</span>`)
	for _, other := range []string{"jambiekspres", "tribunnews"} {
		if strings.Contains(res.body, other) {
			t.Errorf("the health page of the ministry shows %s, another agency's feed", other)
		}
	}
	// Each feed links to its own source.
	for _, k := range []string{"antara", "kompas", "detik", "rri"} {
		for _, fd := range srcs[k].Feeds {
			wantBody(t, "health as admin", res, fmt.Sprintf(`<a href="%s">%s</a><br><span class="muted">%s</span>`,
				sourcePath(srcs[k].ID), srcs[k].Name, fd.URL))
		}
	}

	res = admin.get("/pantau/kesehatan?keadaan=failing")
	wantStatus(t, "failing feeds", res, http.StatusOK)
	wantBody(t, "failing feeds", res, "Jumlah umpan: 1", "https://www.kompas.com/rss</span>",
		`<a href="/pantau/kesehatan?keadaan=failing" aria-current="true">1</a>`, `<a href="/pantau/kesehatan">Semua (5)</a>`)
	if strings.Contains(res.body, "terkini.xml</span>") {
		t.Error("the failing feeds include a healthy one")
	}
	wantBody(t, "an unknown state", admin.get("/pantau/kesehatan?keadaan=bingung"), "Jumlah umpan: 5")

	// An analyst of Jambi sees Jambi's feeds and no alarms (they are for
	// administrators and heads of Humas); a staf officer of Muaro Jambi,
	// whose agency watches nothing, is told how to begin.
	res = f.signedIn("analis").get("/pantau/kesehatan")
	wantBody(t, "health as analis", res, "Jumlah umpan: 2", "https://jambiekspres.co.id/feed</span>")
	if strings.Contains(res.body, "alarms-heading") || strings.Contains(res.body, "kompas") {
		t.Error("the analyst's health page shows alarms or another agency's feeds")
	}
	wantBody(t, "health as staf", f.signedIn("staf").get("/pantau/kesehatan"), "Jumlah umpan: 0", "Belum ada umpan.")

	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["admin"], "en"); err != nil {
		t.Fatal(err)
	}
	res = f.signedIn("admin").get("/pantau/kesehatan")
	wantBody(t, "English health", res, `<html lang="en">`, "Feed health", "Feeds: 5", "Feed alarms", "Failed to fetch 5 times in a row.",
		"Never", "Last fetched")
}

func TestDashboardAlarms(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srcs := f.seedSources()
	res := f.signedIn("admin").get("/dasbor")
	wantStatus(t, "dashboard as admin", res, http.StatusOK)
	wantBody(t, "dashboard as admin", res, `<h2 id="alarms-heading">Peringatan umpan</h2>`,
		fmt.Sprintf(`<a href="%s">Umpan https://www.kompas.com/rss dari Kompas`, sourcePath(srcs["kompas"].ID)),
		`<span class="status status--off">Gagal</span>`, `<span class="status ">Terlambat</span>`)
	if n := strings.Count(res.body, `<li><span class="status`); n != 3 {
		t.Errorf("the administrator's dashboard shows %d alarms, want 3", n)
	}
	kepala := f.signedIn("kepala")
	res = kepala.get("/dasbor")
	wantBody(t, "dashboard as kepala", res, "Peringatan umpan", fmt.Sprintf(`<a href="%s">Umpan https://jambiekspres.co.id/sitemap-news.xml dari Jambi Ekspres`, sourcePath(srcs["ekspres"].ID)))
	for _, u := range []string{"analis", "kepalasulsel"} {
		if res := f.signedIn(u).get("/dasbor"); strings.Contains(res.body, "alarms-heading") {
			t.Errorf("the dashboard of %s shows alarms", u)
		}
	}
	// Taking the failing sitemap out of the registry clears its alarm.
	ekspres := srcs["ekspres"]
	upd := *ekspres
	upd.Feeds = upd.Feeds[:1]
	if _, err := f.svc.Sources.Update(context.Background(), access.SystemActor(), ekspres.ID, &upd); err != nil {
		t.Fatal(err)
	}
	if res := kepala.get("/dasbor"); strings.Contains(res.body, "alarms-heading") {
		t.Error("the alarm of a removed feed is still shown")
	}
}

// rssServer serves an RSS feed of three unrelated items published in the
// last hours, with an ETag: asked again with it, it answers 304.
func rssServer(t *testing.T) *httptest.Server {
	t.Helper()
	now := time.Now().UTC()
	var items strings.Builder
	for i, it := range [][2]string{
		{"Banjir melanda Kota Jambi", "Hujan deras sejak pagi membuat banjir setinggi lutut; warga mengungsi ke posko."},
		{"Festival budaya Batanghari dibuka", "Ribuan warga menonton perahu hias di tepi sungai pada malam pembukaan."},
		{"Harga cabai merah naik di pasar", "Pedagang menyebut pasokan dari Kerinci berkurang sejak pekan lalu."},
	} {
		fmt.Fprintf(&items, `<item><title>%s</title><link>%%[1]s/berita/%d</link><description>%s</description>
<pubDate>%s</pubDate></item>`, it[0], i+1, it[1], now.Add(-time.Duration(i+1)*time.Hour).Format(time.RFC1123Z))
	}
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"satu"`)
		if r.Header.Get("If-None-Match") == `"satu"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Berita Uji</title><link>%[1]s/</link>`+
			items.String()+`</channel></rss>`, ts.URL)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// TestPipelinePage polls a feed on loopback twice (new items, then 304)
// and reads the result on the pipeline page and the source's page.
func TestPipelinePage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("kepala")
	res := c.get("/pantau/pipeline")
	wantStatus(t, "pipeline before any poll", res, http.StatusOK)
	wantBody(t, "pipeline before any poll", res, "<h1>Alur pengolahan berita</h1>", "Belum ada pengambilan sejak proses ini dimulai.",
		`<th scope="row">Ambil</th>`, "Server menjawab 304 (tidak berubah): tidak ada yang perlu diolah.",
		`<th scope="row">Kenali duplikat</th>`, "dicatat sebagai kemunculan, tidak disimpan lagi")

	ts := rssServer(t)
	src := &source.Source{Name: "Berita Uji", HomePage: ts.URL + "/", Feeds: []source.FeedURL{{URL: ts.URL + "/feed.xml"}}}
	if err := f.svc.Sources.Add(context.Background(), f.user["kepala"].Actor(), src); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		results, err := f.svc.Ingest.PollDue(context.Background(), true)
		if err != nil || len(results) != 1 {
			t.Fatalf("PollDue: %+v, %v", results, err)
		}
	}
	res = c.get("/pantau/pipeline")
	wantBody(t, "pipeline after two polls", res, "Pengambilan terakhir selesai")
	row := func(name string, in, out, dropped, failed, runs int) {
		t.Helper()
		re := fmt.Sprintf(`<th scope="row">%s</th>\s*<td>%d</td>\s*<td>%d</td>\s*<td>%d</td>\s*<td>%d</td>\s*<td>%d</td>\s*<td>[0-9.,]+ (md|dtk)</td>`,
			name, in, out, dropped, failed, runs)
		if !regexp.MustCompile(re).MatchString(res.body) {
			t.Errorf("the pipeline page lacks the row %s in %d, out %d, dropped %d, failed %d, runs %d:\n%s", name, in, out, dropped, failed, runs, res.body)
		}
	}
	row("Ambil", 2, 1, 1, 0, 2) // the second poll heard 304
	row("Kenali duplikat", 3, 3, 0, 0, 2)
	row("Simpan", 3, 3, 0, 0, 2) // the 304 is stored too: the feed's new state

	res = c.get(sourcePath(src.ID))
	wantBody(t, "the polled source", res, `<span class="status status--on">Sehat</span>`, "3 berita dalam 14 hari terakhir.",
		"<dd>304</dd>", "<dd>2</dd>", "<dd>1</dd>", "<dd>3</dd>")
	today := time.Now().In(f.agency["jambi"].Location()).Format("2006-01-02")
	if !regexp.MustCompile(`<time datetime="` + today + `">[^<]+</time></span>\s*<span class="facet__count">3</span>`).MatchString(res.body) {
		t.Errorf("the source's page does not count today's 3 items:\n%s", res.body)
	}

	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	res = f.signedIn("kepala").get("/pantau/pipeline")
	wantBody(t, "English pipeline", res, `<html lang="en">`, "Ingestion pipeline", "The last fetch ended", "What &#34;dropped&#34; means here",
		`<th scope="row">Fetch</th>`, "recorded as an appearance, not stored again")
}

func TestDurationText(t *testing.T) {
	t.Parallel()
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		d      time.Duration
		id, en string
	}{
		{0, "0,0 md", "0.0 ms"},
		{1500 * time.Microsecond, "1,5 md", "1.5 ms"},
		{2300 * time.Millisecond, "2,3 dtk", "2.3 s"},
		{90 * time.Second, "1,5 mnt", "1.5 min"},
		{25 * time.Hour, "1.500,0 mnt", "1,500.0 min"},
	}
	for _, tt := range tests {
		for lang, want := range map[i18n.Lang]string{i18n.ID: tt.id, i18n.EN: tt.en} {
			if got := durationText(&request{tr: cats.Translator(lang)}, tt.d); got != want {
				t.Errorf("durationText(%v) in %s = %q, want %q", tt.d, lang, got, want)
			}
		}
	}
}
