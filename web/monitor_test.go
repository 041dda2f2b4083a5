package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// seedSearches saves the fixture's searches, each as its owner:
//
//	banjir    kepala        Jambi   agency   locked  bencana, jambi  instant  banjir
//	gubernur  analis        Jambi   private          pimpinan                 gubernur
//	hoaks     editorsulsel  Sulsel  network          hoaks                    hoaks OR hoax
//	rob       kepalasulsel  Sulsel  agency                                    banjir rob
//	jaringan  kepalasulsel  Sulsel  network  locked                           banjir
//	pusat     admin         root    private          nasional        instant  festival
func (f *fixture) seedSearches() map[string]*monitor.SavedSearch {
	f.t.Helper()
	searches := map[string]struct {
		owner string
		ss    *monitor.SavedSearch
	}{
		"banjir": {"kepala", &monitor.SavedSearch{Name: "Banjir Jambi", Query: "banjir", Sharing: monitor.Agency, Locked: true,
			Labels: []string{"bencana", "jambi"}, Alert: monitor.Instant}},
		"gubernur": {"analis", &monitor.SavedSearch{Name: "Gubernur", Query: "gubernur", Labels: []string{"pimpinan"}}},
		"hoaks": {"editorsulsel", &monitor.SavedSearch{Name: "Hoaks", Query: "hoaks OR hoax", Sharing: monitor.Network,
			Labels: []string{"hoaks"}}},
		"rob":      {"kepalasulsel", &monitor.SavedSearch{Name: "Rob Makassar", Query: "banjir rob", Sharing: monitor.Agency}},
		"jaringan": {"kepalasulsel", &monitor.SavedSearch{Name: "Banjir Nusantara", Query: "banjir", Sharing: monitor.Network, Locked: true}},
		"pusat": {"admin", &monitor.SavedSearch{Name: "Festival", Query: "festival", Labels: []string{"nasional"},
			Alert: monitor.Instant}},
	}
	out := map[string]*monitor.SavedSearch{}
	for _, k := range []string{"banjir", "gubernur", "hoaks", "rob", "jaringan", "pusat"} {
		s := searches[k]
		if err := f.svc.Monitor.Save(context.Background(), f.user[s.owner].Actor(), s.ss); err != nil {
			f.t.Fatalf("save search %s: %v", k, err)
		}
		out[k] = s.ss
	}
	return out
}

// newsItem is a PUBLIK news item of an agency of the fixture, published
// an hour ago.
func (f *fixture) newsItem(agency, title, text string) *archive.Item {
	slug := strings.ToLower(strings.Join(strings.Fields(title), "-"))
	return &archive.Item{AgencyID: f.agency[agency].ID, Classification: access.Publik, Title: title, Text: text,
		URL: "https://jambiekspres.co.id/" + slug, Source: "jambiekspres.co.id", Published: time.Now().UTC().Add(-time.Hour)}
}

// upload sends items through the fixture's pipeline, as a console import
// does: they are stored, and the alerts they match are raised.
func (f *fixture) upload(items ...*archive.Item) {
	f.t.Helper()
	if _, err := f.svc.Ingest.Upload(context.Background(), access.SystemActor(), items); err != nil {
		f.t.Fatalf("Upload: %v", err)
	}
}

func TestSavedSearchList(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ss := f.seedSearches()
	c := f.signedIn("kepala")
	res := c.get("/pantau/pencarian")
	wantStatus(t, "the list", res, http.StatusOK)
	wantBody(t, "the list", res, `aria-current="page" class="button button--small">Pencarian tersimpan</a>`,
		"3 pencarian tersimpan", `<a href="`+savedSearchPath(ss["banjir"].ID)+`">Banjir Jambi</a> <span class="tag">Milik Anda</span>`,
		`<a href="/pantau/pencarian?label=bencana">bencana</a>`, `<a href="/pantau/pencarian?label=jambi">jambi</a>`,
		"Budi Santoso", "Humas Pemerintah Provinsi Jambi", "Instansi", "Seketika", "Dikunci pemiliknya",
		">Hoaks</a>", "Andi Makkasau", "Jejaring", "Tanpa peringatan", ">Banjir Nusantara</a>")
	for _, hidden := range []string{"Gubernur", "Rob Makassar", "Festival"} {
		if strings.Contains(res.body, ">"+hidden+"</a>") {
			t.Errorf("the list shows %q, which kepala may not use", hidden)
		}
	}

	res = c.get(link(t, res, "label=bencana"))
	wantBody(t, "label bencana", res, "1 pencarian tersimpan", ">Banjir Jambi</a>", `value="bencana"`, ">Tampilkan semua</a>")
	res = c.get("/pantau/pencarian?q=NUSANTARA")
	wantBody(t, "name nusantara", res, "1 pencarian tersimpan", ">Banjir Nusantara</a>")
	if strings.Contains(res.body, ">Banjir Jambi</a>") {
		t.Error("the name filter lets Banjir Jambi through")
	}
	res = c.get("/pantau/pencarian?label=tidak-ada")
	wantBody(t, "no label", res, "0 pencarian tersimpan", "Tidak ada pencarian tersimpan yang cocok.")

	// A long list has pages.
	for i := range searchesPerPage + 2 {
		if err := f.svc.Monitor.Save(context.Background(), f.user["staf"].Actor(),
			&monitor.SavedSearch{Name: fmt.Sprintf("Pencarian %02d", i), Query: "banjir"}); err != nil {
			t.Fatal(err)
		}
	}
	staf := f.signedIn("staf")
	res = staf.get("/pantau/pencarian")
	wantBody(t, "page 1", res, "54 pencarian tersimpan", ">Pencarian 00</a>")
	res = staf.get(link(t, res, "halaman=2"))
	wantBody(t, "page 2", res, ">Pencarian 51</a>")
	if strings.Contains(res.body, ">Pencarian 00</a>") {
		t.Error("page 2 repeats page 1")
	}
}

func TestSavedSearchCreate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	c := f.signedIn("kepala")
	// The search page offers to save its query.
	res := c.get(searchPath("banjir muaro"))
	form := link(t, res, "/pantau/pencarian/baru?q=")
	if form != "/pantau/pencarian/baru?q=banjir+muaro" {
		t.Errorf("the search page links to %q to save its query", form)
	}
	res = c.get(form)
	wantStatus(t, "the new form", res, http.StatusOK)
	wantBody(t, "the new form", res, "<h1>Simpan pencarian</h1>", ">banjir muaro</textarea>",
		`id="sharing-private" name="sharing" value="private" checked`, `id="alert-none" name="alert" value="" checked`,
		`<label for="sharing-agency">Instansi</label>`, "semua pengguna Humas Pemerintah Provinsi Jambi dapat memakainya.",
		`<label for="alert-instant">Seketika</label>`, "paling banyak 20 per jam", `<label for="locked">Kunci pencarian ini</label>`,
		`value="06:00"`, "(WIB)")

	before := countSearches(t, f, "kepala")
	// The message of a refused form is beside its field; a refused query's
	// shows the spot it fails at.
	const formAlert, queryAlert = `id="form-error" role="alert"`, `id="query-error" role="alert"`
	refusals := []struct {
		name   string
		form   url.Values
		status int
		want   []string
	}{
		{"no name", url.Values{"name": {"  "}, "query": {"banjir"}}, http.StatusBadRequest, []string{
			"Nama pencarian wajib diisi.", formAlert, `aria-invalid="true" aria-describedby="name-hint form-error"`, ">banjir</textarea>"}},
		{"an open quote", url.Values{"name": {"Banjir kota"}, "query": {`banjir "kota jambi`}}, http.StatusBadRequest, []string{
			"Tanda kutip pembuka di posisi 8 tidak ditutup.", queryAlert, `banjir <mark>&#34;</mark>kota jambi`,
			"\n<span aria-hidden=\"true\">       ^</span>", `aria-invalid="true" aria-describedby="query-hint query-error"`,
			`value="Banjir kota"`}},
		{"a dangling AND", url.Values{"name": {"Banjir"}, "query": {"banjir AND"}}, http.StatusBadRequest, []string{
			"Operator AND di posisi 8 tidak diikuti kata pencarian.", queryAlert, "banjir <mark>A</mark>ND"}},
		{"no query", url.Values{"name": {"Kosong"}, "query": {""}}, http.StatusBadRequest, []string{
			"Kueri pencarian wajib diisi.", formAlert, `aria-describedby="query-hint form-error"`}},
		{"a long label", url.Values{"name": {"Banjir"}, "query": {"banjir"}, "labels": {"bencana, " + strings.Repeat("x", 51)}},
			http.StatusBadRequest, []string{"tidak sah: satu kata", formAlert, `aria-describedby="labels-hint form-error"`}},
		{"an unknown sharing", url.Values{"name": {"Banjir"}, "query": {"banjir"}, "sharing": {"semua"}}, http.StatusBadRequest,
			[]string{"Cara berbagi &#34;semua&#34; tidak dikenal", formAlert}},
		{"a daily digest at no time", url.Values{"name": {"Banjir"}, "query": {"banjir"}, "alert": {"digest_daily"}, "digest_at": {"25:99"}},
			http.StatusBadRequest, []string{"Jam ringkasan harian &#34;25:99&#34; tidak sah", formAlert, `aria-describedby="digest_at-hint form-error"`,
				`id="alert-digest_daily" name="alert" value="digest_daily" checked`}},
		{"a webhook not on http(s)", url.Values{"name": {"Banjir"}, "query": {"banjir"}, "alert": {"instant"}, "webhook": {"ftp://x.id/hook"}},
			http.StatusBadRequest, []string{"Alamat webhook &#34;ftp://x.id/hook&#34; tidak sah", formAlert,
				`aria-describedby="webhook-hint form-error"`, `value="ftp://x.id/hook"`}},
		{"an unknown sensitivity", url.Values{"name": {"Banjir"}, "query": {"banjir"}, "sensitivity": {"panik"}},
			http.StatusBadRequest, []string{"Kepekaan harus rendah, sedang atau tinggi.", `aria-describedby="sensitivity-hint form-error"`}},
	}
	for _, tt := range refusals {
		res := c.submit(form, "/pantau/pencarian", tt.form)
		wantStatus(t, tt.name, res, tt.status)
		wantBody(t, tt.name, res, append(tt.want, "<h1>Simpan pencarian</h1>")...)
		if strings.Contains(res.body, formAlert) && strings.Contains(res.body, queryAlert) {
			t.Errorf("%s: the error is shown twice", tt.name)
		}
	}
	if n := countSearches(t, f, "kepala"); n != before {
		t.Errorf("refused forms saved %d searches", n-before)
	}

	res = c.submit(form, "/pantau/pencarian", url.Values{"name": {" Banjir  Muaro "}, "query": {"banjir   muaro"}, "sharing": {"agency"},
		"labels": {"Bencana, Muaro Jambi"}, "alert": {"instant"}, "digest_at": {"06:00"}, "sensitivity": {"high"}})
	wantStatus(t, "save", res, http.StatusSeeOther)
	m := regexp.MustCompile(`^/pantau/pencarian/(\d+)\?notice=search_created$`).FindStringSubmatch(res.location())
	if m == nil {
		t.Fatalf("save redirects to %q", res.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	got, err := f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), id)
	if err != nil || got.Name != "Banjir Muaro" || got.Query != "banjir AND muaro" || got.Sharing != monitor.Agency ||
		got.Alert != monitor.Instant || strings.Join(got.Labels, ",") != "bencana,muaro-jambi" || got.OwnerID != f.user["kepala"].ID || got.DigestAt != "" ||
		got.Sensitivity != spike.High {
		t.Fatalf("saved %+v, %v", got, err)
	}
	res = c.get(res.location())
	wantStatus(t, "the new search's page", res, http.StatusOK)
	wantBody(t, "the new search's page", res, "Pencarian telah disimpan.", "<h1>Banjir Muaro</h1>",
		"Saat ini 1 berita di arsip cocok dengan pencarian ini.", `<p class="search-count" role="status">1 hasil</p>`,
		"<code>banjir AND muaro</code>", "<dd>Tinggi (2σ): lebih awal, lebih banyak alarm palsu</dd>", "Budi Santoso, Humas Pemerintah Provinsi Jambi", "Milik Anda",
		`<a href="/pantau/pencarian?label=muaro-jambi">muaro-jambi</a>`, "<dd>Seketika</dd>", "<dd>Instansi</dd>",
		"<mark>kebanjiran</mark>", `<h3 id="facet-sources">Sumber</h3>`,
		`href="/pantau/pencarian/`+m[1]+`/ubah"`, ">Hapus pencarian</button>",
		`<option value="terbaru" selected>Terbaru</option>`)
	// A facet narrows the query in the archive search.
	link(t, res, searchPath("banjir AND muaro AND source:detik.com")+"&urut=terbaru")
	if strings.Contains(res.body, "Rahasia penanda tangan") {
		t.Errorf("a search without a webhook shows a webhook section")
	}

	// With a webhook, its owner sees the address, the secret and the log.
	res = c.submit(form, "/pantau/pencarian", url.Values{"name": {"Banjir dengan webhook"}, "query": {"banjir"},
		"alert": {"instant"}, "webhook": {"https://hook.example.id/sinergi"}})
	wantStatus(t, "save with a webhook", res, http.StatusSeeOther)
	hooked := regexp.MustCompile(`^/pantau/pencarian/(\d+)\?`).FindStringSubmatch(res.location())
	hid, _ := strconv.ParseInt(hooked[1], 10, 64)
	saved, err := f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), hid)
	if err != nil || saved.WebhookURL != "https://hook.example.id/sinergi" || saved.WebhookSecret == "" {
		t.Fatalf("saved with a webhook: %+v, %v", saved, err)
	}
	res = c.get(res.location())
	wantBody(t, "the page of a search with a webhook", res, "<code>https://hook.example.id/sinergi</code>",
		"<code>"+saved.WebhookSecret+"</code>", "Belum ada pengiriman.")

	// A delivery still pending when the address changes is not sent, and
	// the log says why in the reader's language.
	now := time.Now().UTC().Truncate(time.Microsecond)
	pending := &monitor.WebhookDelivery{SearchID: hid, Event: monitor.EventAlert, URL: saved.WebhookURL, Payload: []byte(`{}`),
		Status: monitor.DeliveryPending, NextAttempt: now, Created: now}
	if err := f.db.AddAlerts(context.Background(), nil, []*monitor.WebhookDelivery{pending}, nil); err != nil {
		t.Fatal(err)
	}
	hookPath := savedSearchPath(hid)
	res = c.submit(hookPath+"/ubah", hookPath, url.Values{"name": {"Banjir dengan webhook"}, "query": {"banjir"},
		"alert": {"instant"}, "webhook": {"https://hook-baru.example.id/sinergi"}})
	wantStatus(t, "a new address", res, http.StatusSeeOther)
	wantBody(t, "the log after a new address", c.get(hookPath),
		"Tidak dikirim: alamat webhook diubah atau dihapus sebelum pengiriman ini terkirim.")
}

// countSearches counts the saved searches a user may use.
func countSearches(t *testing.T, f *fixture, user string) int {
	t.Helper()
	_, n, err := f.svc.Monitor.List(context.Background(), f.user[user].Actor(), monitor.SearchFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSavedSearchUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	ss := f.seedSearches()
	path := savedSearchPath(ss["banjir"].ID)
	kepala, analis := f.signedIn("kepala"), f.signedIn("analis")

	res := kepala.get(path + "/ubah")
	wantStatus(t, "the owner's edit form", res, http.StatusOK)
	wantBody(t, "the owner's edit form", res, "<h1>Ubah pencarian Banjir Jambi</h1>", `value="Banjir Jambi"`, ">banjir</textarea>",
		`value="bencana, jambi"`, `id="sharing-agency" name="sharing" value="agency" checked`, `id="locked" name="locked" value="1" checked`,
		`id="alert-instant" name="alert" value="instant" checked`)
	res = kepala.submit(path+"/ubah", path, url.Values{"name": {"Banjir Provinsi Jambi"}, "query": {"banjir OR genangan"},
		"sharing": {"agency"}, "locked": {"1"}, "labels": {"bencana"}, "alert": {"digest_daily"}, "digest_at": {"07:30"}})
	wantStatus(t, "the owner's change", res, http.StatusSeeOther)
	if res.location() != path+"?notice=search_updated" {
		t.Errorf("the change redirects to %q", res.location())
	}
	got, err := f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), ss["banjir"].ID)
	if err != nil || got.Name != "Banjir Provinsi Jambi" || got.Query != "banjir OR genangan" || !got.Locked ||
		got.Alert != monitor.DigestDaily || got.DigestAt != "07:30" || strings.Join(got.Labels, ",") != "bencana" {
		t.Fatalf("after the change: %+v, %v", got, err)
	}
	res = kepala.get(res.location())
	wantBody(t, "after the change", res, "Pencarian tersimpan telah diubah.", "<h1>Banjir Provinsi Jambi</h1>",
		"<dd>Ringkasan harian, 07:30 WIB</dd>", "Dikunci pemiliknya")

	// A colleague may use the locked search, not change it.
	res = analis.get(path)
	wantStatus(t, "a colleague opens the locked search", res, http.StatusOK)
	wantBody(t, "a colleague opens the locked search", res, "<h1>Banjir Provinsi Jambi</h1>",
		"Pencarian ini dikunci pemiliknya: Anda dapat memakainya, tetapi tidak dapat mengubahnya.")
	if strings.Contains(res.body, path+"/ubah") || strings.Contains(res.body, path+"/hapus") {
		t.Error("a colleague sees the buttons that change and delete the locked search")
	}
	res = analis.get(path + "/ubah")
	wantStatus(t, "a colleague's edit form of the locked search", res, http.StatusForbidden)
	wantBody(t, "a colleague's edit form of the locked search", res, "dikunci pemiliknya")
	res = analis.submit(path, path, url.Values{"name": {"Diambil alih"}, "query": {"banjir"}, "sharing": {"private"}})
	wantStatus(t, "a colleague changes the locked search", res, http.StatusForbidden)
	wantBody(t, "a colleague changes the locked search", res, "dikunci pemiliknya")
	if got, _ := f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), ss["banjir"].ID); got.Name != "Banjir Provinsi Jambi" {
		t.Errorf("a refused change renamed the search %q", got.Name)
	}

	// Unlocked, a colleague may change it, but not lock it again.
	res = kepala.submit(path+"/ubah", path, url.Values{"name": {"Banjir Provinsi Jambi"}, "query": {"banjir OR genangan"},
		"sharing": {"agency"}, "labels": {"bencana"}, "alert": {"instant"}})
	wantStatus(t, "the owner unlocks", res, http.StatusSeeOther)
	res = analis.get(path + "/ubah")
	wantStatus(t, "a colleague's edit form", res, http.StatusOK)
	if strings.Contains(res.body, `id="locked"`) {
		t.Error("a colleague is offered the lock")
	}
	res = analis.submit(path+"/ubah", path, url.Values{"name": {"Banjir dan genangan"}, "query": {"banjir OR genangan"},
		"sharing": {"agency"}, "locked": {"1"}, "labels": {"bencana, genangan"}, "alert": {"instant"}})
	wantStatus(t, "a colleague's change", res, http.StatusSeeOther)
	got, _ = f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), ss["banjir"].ID)
	if got.Name != "Banjir dan genangan" || got.Locked || got.OwnerID != f.user["kepala"].ID {
		t.Errorf("after a colleague's change: %+v", got)
	}

	// A refused change shows the form again, as typed.
	res = kepala.submit(path+"/ubah", path, url.Values{"name": {"Banjir"}, "query": {"banjir (jambi"}, "sharing": {"agency"}})
	wantStatus(t, "a bad query", res, http.StatusBadRequest)
	wantBody(t, "a bad query", res, "<h1>Ubah pencarian Banjir dan genangan</h1>", ">banjir (jambi</textarea>", "banjir <mark>(</mark>jambi")
	wantStatus(t, "a search that does not exist", kepala.get("/pantau/pencarian/999999/ubah"), http.StatusNotFound)
}

func TestSavedSearchDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ss := f.seedSearches()
	path := savedSearchPath(ss["banjir"].ID)
	res := f.signedIn("analis").submit(path, path+"/hapus", nil)
	wantStatus(t, "a colleague deletes", res, http.StatusForbidden)
	if _, err := f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), ss["banjir"].ID); err != nil {
		t.Fatalf("after a refused delete: %v", err)
	}
	// The administrator of the agency may.
	res = f.signedIn("adminjambi").get(path)
	wantBody(t, "the agency's administrator", res, ">Hapus pencarian</button>")
	kepala := f.signedIn("kepala")
	res = kepala.submit(path, path+"/hapus", nil)
	wantStatus(t, "the owner deletes", res, http.StatusSeeOther)
	if res.location() != "/pantau/pencarian?notice=search_deleted" {
		t.Errorf("delete redirects to %q", res.location())
	}
	wantBody(t, "after delete", kepala.get(res.location()), "Pencarian tersimpan telah dihapus.")
	wantStatus(t, "the deleted search", kepala.get(path), http.StatusNotFound)
	wantStatus(t, "delete it again", kepala.submit("/pantau/pencarian", path+"/hapus", nil), http.StatusNotFound)
}

// TestSavedSearchSharing: who may open a search, as its sharing says,
// across Jambi and Sulawesi Selatan; a search hidden from a viewer is not
// found. The results are what the viewer may see, whoever owns the search.
func TestSavedSearchSharing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	ss := f.seedSearches()
	tests := []struct {
		search string
		opens  []string
		not    []string
	}{
		{"banjir", []string{"kepala", "analis", "adminjambi"}, []string{"staf", "kepalasulsel", "admin"}},
		{"gubernur", []string{"analis"}, []string{"kepala", "adminjambi", "kepalasulsel"}},
		{"hoaks", []string{"kepala", "staf", "kepalasulsel", "admin"}, nil},
		{"rob", []string{"kepalasulsel", "editorsulsel"}, []string{"kepala", "admin"}},
	}
	clients := map[string]*client{}
	as := func(user string) *client {
		if clients[user] == nil {
			clients[user] = f.signedIn(user)
		}
		return clients[user]
	}
	for _, tt := range tests {
		path := savedSearchPath(ss[tt.search].ID)
		for _, u := range tt.opens {
			wantStatus(t, u+" opens "+tt.search, as(u).get(path), http.StatusOK)
			if !strings.Contains(as(u).get("/pantau/pencarian").body, `href="`+path+`"`) {
				t.Errorf("%s's list lacks %s", u, tt.search)
			}
		}
		for _, u := range tt.not {
			res := as(u).get(path)
			wantStatus(t, u+" opens "+tt.search, res, http.StatusNotFound)
			wantBody(t, u+" opens "+tt.search, res, "Pencarian tersimpan tidak ditemukan.")
			wantStatus(t, u+" edits "+tt.search, as(u).get(path+"/ubah"), http.StatusNotFound)
			if strings.Contains(as(u).get("/pantau/pencarian").body, `href="`+path+`"`) {
				t.Errorf("%s's list shows %s", u, tt.search)
			}
		}
	}
	// The network's search for banjir, from Sulawesi Selatan: each viewer
	// sees the items they may see.
	path := savedSearchPath(ss["jaringan"].ID)
	res := as("kepala").get(path)
	wantBody(t, "kepala's results", res, `role="status">4 hasil<`, "Arahan rahasia penanganan <mark>banjir</mark>", "Nurul Hidayah")
	if strings.Contains(res.body, "Banjir rob di Makassar") {
		t.Error("kepala sees Sulawesi Selatan's TERBATAS item through its search")
	}
	res = as("kepalasulsel").get(path)
	wantBody(t, "kepalasulsel's results", res, `role="status">3 hasil<`, "<mark>Banjir</mark> rob di Makassar")
	if strings.Contains(res.body, "Arahan rahasia") || strings.Contains(res.body, "Gubernur salurkan") {
		t.Error("the owner of a network search sees Jambi's classified items through it")
	}
}

func TestSavedSearchCSRF(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ss := f.seedSearches()
	f.upload(f.newsItem("jambi", "Banjir di Tebo", "Banjir merendam Tebo."))
	path := savedSearchPath(ss["banjir"].ID)
	c := f.signedIn("kepala")
	form := url.Values{"name": {"Dari situs lain"}, "query": {"banjir"}, "sharing": {"private"}}
	for _, action := range []string{"/pantau/pencarian", path, path + "/hapus", "/notifikasi/baca"} {
		res := c.post(action, form)
		wantStatus(t, "POST "+action+" without a token", res, http.StatusForbidden)
		wantBody(t, "POST "+action+" without a token", res, "Formulir ini sudah kedaluwarsa atau tidak sah.")
		bad := url.Values{"csrf": {"bukan-token"}}
		for k, v := range form {
			bad[k] = v
		}
		wantStatus(t, "POST "+action+" with a wrong token", c.post(action, bad), http.StatusForbidden)
	}
	got, err := f.svc.Monitor.Find(context.Background(), f.user["kepala"].Actor(), ss["banjir"].ID)
	if err != nil || got.Name != "Banjir Jambi" {
		t.Errorf("forms without a token changed or deleted the search: %+v, %v", got, err)
	}
	if n := countSearches(t, f, "kepala"); n != 3 {
		t.Errorf("kepala may use %d searches after forged forms, want 3", n)
	}
	if n, _ := f.svc.Monitor.Unread(context.Background(), f.user["kepala"].Actor()); n != 1 {
		t.Errorf("unread after a forged mark-read = %d, want 1", n)
	}
}

// TestBrowserSavedSearchAlert: the head of Jambi's Humas searches the
// archive in Chromium, saves the search with an instant alert; an item
// arrives through the pipeline; on reloading, the menu counts it, the
// centre shows it, and it opens on the saved search's page, with the item.
func TestBrowserSavedSearchAlert(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	f.seedArchive()
	base := f.ts.URL
	f.browserLogin(b, "kepala")
	b.Run(t, "search the archive",
		chromedp.Navigate(base+"/pantau"),
		chromedp.SendKeys(chromedp.CSS("#q"), "banjir jambi"),
		chromedp.Click(chromedp.CSS(`form[action="/pantau"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#results-heading")),
	)
	b.Run(t, "open the form that saves it",
		chromedp.Click(chromedp.CSS(`main a[href^="/pantau/pencarian/baru"]`)),
		chromedp.WaitVisible(chromedp.CSS("#name")),
	)
	if q, err := chromedp.Run(b.Ctx, chromedp.Value(chromedp.CSS("#query"))); err != nil || q != "banjir jambi" {
		t.Errorf("the form's query is %q, %v; want the search's", q, err)
	}
	b.Run(t, "save it with an instant alert",
		chromedp.SendKeys(chromedp.CSS("#name"), "Banjir di Jambi"),
		chromedp.Click(chromedp.CSS("#alert-instant")),
		chromedp.Click(chromedp.CSS(`form[action="/pantau/pencarian"] button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS("#name")),
		chromedp.WaitVisible(chromedp.CSS("#results-heading")),
	)
	for _, want := range []string{"Pencarian telah disimpan.", "Banjir di Jambi", "banjir AND jambi", "Seketika", "Pribadi"} {
		if txt := b.Text(t); !strings.Contains(txt, want) {
			t.Errorf("the saved search's page lacks %q:\n%s", want, txt)
		}
	}
	list, n, err := f.svc.Monitor.List(context.Background(), f.user["kepala"].Actor(), monitor.SearchFilter{})
	if err != nil || n != 1 || list[0].Alert != monitor.Instant {
		t.Fatalf("saved searches after the form: %d, %v", n, err)
	}

	f.upload(f.newsItem("jambi", "Banjir bandang terjang Kerinci Jambi", "Banjir bandang melanda Kabupaten Kerinci, Provinsi Jambi."))
	b.Run(t, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`a[href="/notifikasi"] .nav-count`)))
	count, err := chromedp.Run(b.Ctx, chromedp.Text(chromedp.CSS(`a[href="/notifikasi"] .nav-count`)))
	if err != nil || !strings.HasPrefix(count, "1") {
		t.Errorf("the menu's unread count is %q, %v; want 1", count, err)
	}
	b.Run(t, "open the notifications",
		chromedp.Click(chromedp.CSS(`a[href="/notifikasi"]`)),
		chromedp.WaitVisible(chromedp.CSS("ol.notifications")),
	)
	if txt := b.Text(t); !strings.Contains(txt, `Berita baru cocok dengan pencarian "Banjir di Jambi": Banjir bandang terjang Kerinci Jambi`) {
		t.Errorf("the centre lacks the notification:\n%s", txt)
	}
	b.Run(t, "open the notification",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`ol.notifications a[href="%s"]`, savedSearchPath(list[0].ID)))),
		chromedp.WaitVisible(chromedp.CSS("#results-heading")),
	)
	loc, _ := chromedp.Run(b.Ctx, chromedp.Location())
	if !strings.HasSuffix(loc, savedSearchPath(list[0].ID)) {
		t.Errorf("the notification leads to %s", loc)
	}
	txt := b.Text(t)
	for _, want := range []string{"Banjir di Jambi", "Banjir bandang terjang Kerinci Jambi", "Budi Santoso"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the saved search's page lacks %q:\n%s", want, txt)
		}
	}
	b.CheckNoErrors(t)
}
