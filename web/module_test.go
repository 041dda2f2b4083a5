package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCreateAgencyFromRegion(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("adminjambi")

	res := c.get("/instansi/baru?wilayah=kota+jambi")
	wantStatus(t, "search the gazetteer", res, http.StatusOK)
	wantBody(t, "search the gazetteer", res, "Kota Jambi", "15.71", `name="kode" value="15.71"`, "Kabupaten/Kota")

	res = c.submit("/instansi/baru?wilayah=kota+jambi", "/instansi/wilayah", url.Values{"kode": {"15.71"}})
	wantStatus(t, "create from 15.71", res, http.StatusSeeOther)
	loc := res.location()
	if !regexp.MustCompile(`^/instansi/\d+\?notice=agency_created$`).MatchString(loc) {
		t.Fatalf("create from 15.71: Location %q", loc)
	}
	res = c.get(loc)
	wantStatus(t, "GET "+loc, res, http.StatusOK)
	wantBody(t, "the new agency", res, "Humas Pemerintah Kota Jambi", "Instansi telah ditambahkan.",
		"15.71 — Kota Jambi", "Humas Pemerintah Provinsi Jambi", "Waktu Indonesia Barat (WIB)")

	wantBody(t, "the agency tree", c.get("/instansi"), "Humas Pemerintah Kota Jambi")
	wantBody(t, "the audit log", c.get("/audit"), "Humas Pemerintah Kota Jambi", "Instansi ditambahkan", "adminjambi")
	wantBody(t, "the search again", c.get("/instansi/baru?wilayah=kota+jambi"), "Sudah terdaftar")

	// "Add an agency under it" carries the parent through the search.
	root := strconv.FormatInt(f.agency["root"].ID, 10)
	admin := f.signedIn("admin")
	res = admin.get("/instansi/baru?induk=" + root + "&wilayah=kota+makassar")
	wantBody(t, "search under a chosen parent", res, "Instansi baru akan ditempatkan di bawah Kementerian Komunikasi dan Digital.",
		`name="induk" value="`+root+`"`)
	res = admin.submit("/instansi/baru", "/instansi/wilayah", url.Values{"kode": {"73.71"}, "induk": {root}})
	wantStatus(t, "create 73.71 under the root", res, http.StatusSeeOther)
	wantBody(t, "Kota Makassar under the root", admin.get(res.location()), "Humas Pemerintah Kota Makassar",
		`<a href="/instansi/`+root+`">Kementerian Komunikasi dan Digital</a>`, "Waktu Indonesia Tengah (WITA)")

	tests := []struct {
		name, kode string
		want       int
		wantBody   string
	}{
		{"again", "15.71", http.StatusConflict, "Data sudah ada atau telah diubah orang lain."},
		{"malformed code", "15.7", http.StatusBadRequest, "Kode wilayah &#34;15.7&#34; tidak valid"},
		{"unknown code", "15.99", http.StatusBadRequest, "Kode wilayah 15.99 tidak terdapat dalam daftar wilayah Kemendagri."},
		{"kecamatan", "15.71.01", http.StatusBadRequest, "bukan provinsi, kabupaten, atau kota"},
		{"outside the administrator's reach", "73.71", http.StatusForbidden, "Anda tidak berhak melakukan ini."},
	}
	for _, tt := range tests {
		res := c.submit("/instansi/baru", "/instansi/wilayah", url.Values{"kode": {tt.kode}})
		wantStatus(t, tt.name, res, tt.want)
		wantBody(t, tt.name, res, tt.wantBody, `id="region-error"`)
	}
}

func TestCreateAgencyManual(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("adminjambi")
	jambi := strconv.FormatInt(f.agency["jambi"].ID, 10)
	form := func(name, website string) url.Values {
		return url.Values{"name": {name}, "short_name": {"Diskominfo"}, "kind": {"lainnya"}, "parent": {jambi},
			"region_code": {""}, "time_zone": {""}, "email": {"humas@jambiprov.go.id"}, "website": {website}}
	}
	res := c.submit("/instansi/baru", "/instansi", form("", ""))
	wantStatus(t, "no name", res, http.StatusBadRequest)
	wantBody(t, "no name", res, "Nama instansi wajib diisi.", `id="name" name="name" type="text" required maxlength="200" value="" aria-invalid="true" aria-describedby="form-error"`)

	res = c.submit("/instansi/baru", "/instansi", form("Dinas Kominfo Provinsi Jambi", "ftp://x"))
	wantStatus(t, "bad website", res, http.StatusBadRequest)
	wantBody(t, "bad website", res, "Alamat situs web harus diawali http:// atau https://.", `value="Dinas Kominfo Provinsi Jambi"`)

	res = c.submit("/instansi/baru", "/instansi", form("Dinas Kominfo Provinsi Jambi", "https://diskominfo.jambiprov.go.id"))
	wantStatus(t, "create", res, http.StatusSeeOther)
	wantBody(t, "the new agency", c.get(res.location()), "Dinas Kominfo Provinsi Jambi", "Lainnya", "humas@jambiprov.go.id")

	// Staff cannot open the form.
	wantStatus(t, "staf opens the form", f.signedIn("staf").get("/instansi/baru"), http.StatusForbidden)
}

func TestEditAgency(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("adminjambi")
	muaro := f.agency["muaro"]
	path := "/instansi/" + strconv.FormatInt(muaro.ID, 10)
	res := c.get(path + "/ubah")
	wantStatus(t, "GET edit", res, http.StatusOK)
	wantBody(t, "GET edit", res, `value="Humas Pemerintah Kabupaten Muaro Jambi"`, `value="15.05"`)

	form := url.Values{"name": {muaro.Name}, "short_name": {"Humas Muaro Jambi"}, "kind": {"kabupaten"},
		"parent": {strconv.FormatInt(muaro.ParentID, 10)}, "region_code": {"15.05"}, "time_zone": {""},
		"email": {"humas@muarojambikab.go.id"}, "website": {"https://muarojambikab.go.id"}}
	res = c.submit(path+"/ubah", path, form)
	wantStatus(t, "save", res, http.StatusSeeOther)
	wantBody(t, "after saving", c.get(res.location()), "Humas Muaro Jambi", "humas@muarojambikab.go.id", "Perubahan data instansi telah disimpan.")

	form.Set("region_code", "73.71") // Kota Makassar is not a kabupaten
	res = c.submit(path+"/ubah", path, form)
	wantStatus(t, "kind mismatch", res, http.StatusBadRequest)
	wantBody(t, "kind mismatch", res, "Kode wilayah 73.71 tidak sesuai dengan jenis instansi")

	sulsel := "/instansi/" + strconv.FormatInt(f.agency["sulsel"].ID, 10)
	wantStatus(t, "edit outside the subtree", c.get(sulsel+"/ubah"), http.StatusForbidden)
	wantStatus(t, "unknown agency", c.get("/instansi/99999"), http.StatusNotFound)
	wantStatus(t, "malformed id", c.get("/instansi/abc"), http.StatusNotFound)
}

func TestAgencyList(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("analis")
	tests := []struct {
		query      string
		want, not  []string
		wantStatus int
	}{
		{"", []string{"Kementerian Komunikasi dan Digital", "Humas Pemerintah Kabupaten Muaro Jambi", "Jumlah instansi: 4"}, nil, http.StatusOK},
		{"?q=muaro", []string{"Humas Pemerintah Kabupaten Muaro Jambi", "Jumlah instansi: 1"}, []string{"Sulawesi Selatan"}, http.StatusOK},
		{"?jenis=provinsi", []string{"Provinsi Jambi", "Sulawesi Selatan", "Jumlah instansi: 2"}, []string{"Muaro Jambi"}, http.StatusOK},
		{"?q=tidak+ada", []string{"Tidak ada instansi yang sesuai dengan pencarian."}, nil, http.StatusOK},
	}
	for _, tt := range tests {
		res := c.get("/instansi" + tt.query)
		wantStatus(t, "GET /instansi"+tt.query, res, tt.wantStatus)
		wantBody(t, "GET /instansi"+tt.query, res, tt.want...)
		for _, s := range tt.not {
			if strings.Contains(res.body, s) {
				t.Errorf("GET /instansi%s: body has %q", tt.query, s)
			}
		}
	}
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("adminjambi")
	muaro := strconv.FormatInt(f.agency["muaro"].ID, 10)
	form := func(username, password, clearance string) url.Values {
		return url.Values{"username": {username}, "name": {"Rina Wulandari"}, "email": {"rina@muarojambikab.go.id"},
			"agency": {muaro}, "role": {"reporter"}, "clearance": {clearance}, "password": {password}}
	}
	tests := []struct {
		name     string
		form     url.Values
		want     int
		wantBody string
	}{
		{"short password", form("rina", "pendek", "0"), http.StatusBadRequest, "Kata sandi paling sedikit 10 karakter."},
		{"bad username", form("Rina W", testPassword, "0"), http.StatusBadRequest, "Nama pengguna hanya boleh berisi"},
		{"username taken", form("analis", testPassword, "0"), http.StatusConflict, "Nama pengguna analis sudah dipakai."},
		{"created", form("rina", testPassword, "1"), http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		res := c.submit("/pengguna/baru", "/pengguna", tt.form)
		wantStatus(t, tt.name, res, tt.want)
		if tt.wantBody != "" {
			wantBody(t, tt.name, res, tt.wantBody, `value="Rina Wulandari"`)
		}
	}
	res := c.get("/pengguna?notice=user_created")
	wantBody(t, "user list", res, "Pengguna telah ditambahkan.", "rina", "Rina Wulandari", "Humas Pemerintah Kabupaten Muaro Jambi", "Reporter", "TERBATAS", "Belum pernah")
	f.client().login("rina")

	// Someone who is no administrator.
	analis := f.signedIn("analis")
	wantStatus(t, "analis opens the user list", analis.get("/pengguna"), http.StatusForbidden)
	wantStatus(t, "analis opens the form", analis.get("/pengguna/baru"), http.StatusForbidden)
	res = analis.submit("/dasbor", "/pengguna", form("rina2", testPassword, "0"))
	wantStatus(t, "analis creates a user", res, http.StatusForbidden)
}

func TestUserListFilter(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("adminjambi")
	res := c.get("/pengguna?peran=analis")
	wantBody(t, "role filter", res, "Dewi Lestari", "Jumlah pengguna: 1")
	if strings.Contains(res.body, "Budi Santoso") {
		t.Error("role filter analis shows the kepala_humas")
	}
	res = c.get("/pengguna")
	if strings.Contains(res.body, "Nurul Hidayah") {
		t.Error("the Jambi administrator sees an account of Sulawesi Selatan")
	}
}

func TestDisableUserEndsSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	staf := f.signedIn("staf")
	wantStatus(t, "staf before", staf.get("/dasbor"), http.StatusOK)
	admin := f.signedIn("adminjambi")
	id := strconv.FormatInt(f.user["staf"].ID, 10)

	res := admin.submit("/pengguna", "/pengguna/"+id+"/nonaktifkan", nil)
	wantStatus(t, "disable", res, http.StatusSeeOther)
	wantBody(t, "user list", admin.get(res.location()), "Pengguna telah dinonaktifkan", "Nonaktif")
	res = staf.get("/dasbor")
	wantStatus(t, "staf after being disabled", res, http.StatusSeeOther)
	res = f.client().submit("/masuk", "/masuk", url.Values{"username": {"staf"}, "password": {testPassword}})
	wantStatus(t, "disabled staf signs in", res, http.StatusBadRequest)

	wantStatus(t, "enable", admin.submit("/pengguna", "/pengguna/"+id+"/aktifkan", nil), http.StatusSeeOther)
	f.client().login("staf")

	// Nobody disables themselves, and nobody outside the subtree.
	self := strconv.FormatInt(f.user["adminjambi"].ID, 10)
	res = admin.submit("/pengguna", "/pengguna/"+self+"/nonaktifkan", nil)
	wantStatus(t, "disable self", res, http.StatusBadRequest)
	wantBody(t, "disable self", res, "Anda tidak dapat menonaktifkan akun Anda sendiri.")
	other := strconv.FormatInt(f.user["editorsulsel"].ID, 10)
	wantStatus(t, "disable outside", admin.submit("/pengguna", "/pengguna/"+other+"/nonaktifkan", nil), http.StatusNotFound)
}

func TestKeyMessageAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	analis := f.signedIn("analis") // TERBATAS clearance, Provinsi Jambi
	path := func(key string) string { return "/sinergi/pesan/" + strconv.FormatInt(f.message[key].ID, 10) }
	tests := []struct {
		name string
		path string
		want int
	}{
		{"RAHASIA of the own agency", path("rahasia"), http.StatusNotFound},
		{"TERBATAS of an unrelated agency", path("sulsel"), http.StatusNotFound},
		{"TERBATAS of the own agency", path("terbatas"), http.StatusOK},
		{"PUBLIK", path("publik"), http.StatusOK},
		{"no such message", "/sinergi/pesan/99999", http.StatusNotFound},
	}
	for _, tt := range tests {
		res := analis.get(tt.path)
		wantStatus(t, tt.name, res, tt.want)
		if tt.want == http.StatusNotFound {
			wantBody(t, tt.name, res, "Tidak ditemukan", "Halaman atau data tidak ditemukan.")
			if strings.Contains(res.body, f.message["rahasia"].Title) || strings.Contains(res.body, f.message["sulsel"].Title) {
				t.Errorf("%s: the 404 page names the message", tt.name)
			}
		}
	}
	res := analis.get(path("terbatas"))
	wantBody(t, "TERBATAS message", res, f.message["terbatas"].Title, "Isi pesan kunci.\nBaris kedua.", "TERBATAS")

	res = analis.get("/sinergi/pesan")
	wantBody(t, "list", res, f.message["terbatas"].Title, f.message["publik"].Title, "Jumlah pesan kunci: 2")
	for _, hidden := range []string{"rahasia", "sulsel"} {
		if strings.Contains(res.body, f.message[hidden].Title) {
			t.Errorf("the list shows the %s message to the analis", hidden)
		}
	}
	// Sulawesi Selatan's PUBLIK-only staff... and the kepala of Jambi reads
	// the RAHASIA message of their own agency.
	wantStatus(t, "kepala reads RAHASIA", f.signedIn("kepala").get(path("rahasia")), http.StatusOK)
}

func TestKeyMessageCreate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	analis := f.signedIn("analis")
	form := func(title, class string) url.Values {
		return url.Values{"title": {title}, "body": {"Pemprov Jambi menyiapkan 40 posko."}, "classification": {class}}
	}
	tests := []struct {
		name     string
		form     url.Values
		want     int
		wantBody string
	}{
		{"no title", form("", "1"), http.StatusBadRequest, "Judul pesan kunci wajib diisi."},
		{"above own clearance", form("Rahasia", "2"), http.StatusForbidden, "Anda tidak berhak menulis pesan kunci dengan klasifikasi ini"},
		{"unknown classification", form("Judul", "9"), http.StatusBadRequest, "Pilih klasifikasi PUBLIK, TERBATAS, atau RAHASIA."},
		{"saved", form("Posko banjir", "1"), http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		res := analis.submit("/sinergi/pesan/baru", "/sinergi/pesan", tt.form)
		wantStatus(t, tt.name, res, tt.want)
		if tt.wantBody != "" {
			wantBody(t, tt.name, res, tt.wantBody)
		}
		if tt.want == http.StatusSeeOther {
			wantBody(t, "the new message", analis.get(res.location()), "Posko banjir", "Pesan kunci telah disimpan.", "Humas Pemerintah Provinsi Jambi")
		}
	}
	// The classification select offers no level above the writer's clearance.
	if res := analis.get("/sinergi/pesan/baru"); strings.Contains(res.body, `value="2"`) {
		t.Error("the form offers RAHASIA to a TERBATAS-cleared analis")
	}
	wantStatus(t, "staf opens the form", f.signedIn("staf").get("/sinergi/pesan/baru"), http.StatusForbidden)
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	today := time.Now().In(f.agency["jambi"].Location()).Format(dateLayout)
	tomorrow := time.Now().In(f.agency["jambi"].Location()).AddDate(0, 0, 1).Format(dateLayout)
	kepala := f.signedIn("kepala")
	dateTimeRE := regexp.MustCompile(`(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WIB`)
	tests := []struct {
		name      string
		client    *client
		query     string
		want      int
		wantBody  []string
		wantRegex *regexp.Regexp
	}{
		{"key messages of the Jambi subtree", kepala, "?aksi=keymessage.create", http.StatusOK,
			[]string{"Jumlah entri: 3", "Pesan kunci ditulis", "Menulis pesan kunci berklasifikasi RAHASIA."}, dateTimeRE},
		{"sign-ins of kepala", kepala, "?aksi=auth.login&pelaku=kepala", http.StatusOK,
			[]string{"Jumlah entri: 1", "Masuk", "127.0.0.1"}, nil},
		{"today", kepala, "?aksi=keymessage.create&dari=" + today + "&sampai=" + today, http.StatusOK,
			[]string{"Jumlah entri: 3"}, nil},
		{"from tomorrow", kepala, "?dari=" + tomorrow, http.StatusOK,
			[]string{"Jumlah entri: 0", "Tidak ada entri log audit yang sesuai."}, nil},
		{"bad date", kepala, "?dari=2026-13-45", http.StatusBadRequest,
			[]string{"Tanggal &#34;2026-13-45&#34; tidak valid"}, nil},
		{"reversed range", kepala, "?dari=" + tomorrow + "&sampai=" + today, http.StatusBadRequest,
			[]string{"Tanggal awal harus sebelum atau sama dengan tanggal akhir."}, nil},
		{"the root administrator sees every agency", f.signedIn("admin"), "?aksi=keymessage.create", http.StatusOK,
			[]string{"Jumlah entri: 4"}, nil},
		{"Sulawesi Selatan reads its times in WITA", f.signedIn("kepalasulsel"), "?aksi=keymessage.create", http.StatusOK,
			[]string{"Jumlah entri: 1", " WITA"}, nil},
		{"an analis may not read the log", f.signedIn("analis"), "", http.StatusForbidden, nil, nil},
		{"nor staff", f.signedIn("staf"), "", http.StatusForbidden, nil, nil},
	}
	for _, tt := range tests {
		res := tt.client.get("/audit" + tt.query)
		wantStatus(t, tt.name, res, tt.want)
		wantBody(t, tt.name, res, tt.wantBody...)
		if tt.wantRegex != nil && !tt.wantRegex.MatchString(res.body) {
			t.Errorf("%s: no time like %q in the page", tt.name, tt.wantRegex)
		}
	}
	res := kepala.get("/audit")
	if strings.Contains(res.body, "Pesan kunci pelabuhan") || strings.Contains(res.body, "Sulawesi") {
		t.Error("the Jambi audit log shows an entry of Sulawesi Selatan")
	}
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		user string
		want []string
		not  []string
	}{
		{"adminjambi", []string{"Siti Rahmawati", "Humas Pemerintah Provinsi Jambi", "Pengguna yang Anda kelola", "Kegiatan terbaru",
			"Pantau", "Tangkal", "Siaran", "Sinergi", "Aspirasi", "Informasi", "Mitra", "Belum tersedia"}, nil},
		{"analis", []string{"Dewi Lestari", "Analis", "TERBATAS", f.message["terbatas"].Title},
			[]string{"Pengguna yang Anda kelola", "Kegiatan terbaru", f.message["rahasia"].Title, `href="/audit"`, `href="/pengguna"`}},
	}
	for _, tt := range tests {
		res := f.signedIn(tt.user).get("/dasbor")
		wantStatus(t, "dashboard of "+tt.user, res, http.StatusOK)
		wantBody(t, "dashboard of "+tt.user, res, tt.want...)
		for _, s := range tt.not {
			if strings.Contains(res.body, s) {
				t.Errorf("dashboard of %s shows %q", tt.user, s)
			}
		}
	}
	// Real counts: the Jambi administrator's subtree holds 2 agencies
	// (province and Muaro Jambi) and 4 accounts.
	res := f.signedIn("adminjambi").get("/dasbor")
	wantBody(t, "counts", res, `<a href="/instansi">2</a>`, `<a href="/pengguna">4</a>`)
}

func TestModulePlaceholders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("staf")
	for _, m := range moduleList() {
		res := c.get(m.Path)
		wantStatus(t, "GET "+m.Path, res, http.StatusOK)
		wantBody(t, "GET "+m.Path, res, `aria-current="page"`)
		if !m.Built {
			wantBody(t, "GET "+m.Path, res, "Modul ini belum tersedia")
		}
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	res := c.get("/healthz")
	wantStatus(t, "healthy", res, http.StatusOK)
	if res.body != `{"status":"ok"}`+"\n" || res.header.Get("Content-Type") != "application/json" {
		t.Errorf("GET /healthz = %q (%s)", res.body, res.header.Get("Content-Type"))
	}
	f.dbDown.Store(true)
	res = c.get("/healthz")
	wantStatus(t, "database down", res, http.StatusServiceUnavailable)
	if strings.Contains(res.body, "test") {
		t.Errorf("GET /healthz shows the cause: %q", res.body)
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	c.get("/masuk")
	c.get("/tidak-ada")
	res := c.get("/metrics")
	wantStatus(t, "GET /metrics", res, http.StatusOK)
	wantBody(t, "GET /metrics", res,
		"# TYPE http_requests_total counter",
		`http_requests_total{route="GET /masuk",status="2xx"} 1`,
		`http_requests_total{route="/",status="4xx"} 1`,
		`http_request_duration_seconds_bucket{route="GET /masuk",status="2xx",le="0.005"}`)
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	css := regexp.MustCompile(`href="(/static/app\.[0-9a-f]{12}\.css)"`).FindStringSubmatch(c.get("/masuk").body)
	if css == nil {
		t.Fatal("the login page links no hashed stylesheet")
	}
	for _, path := range []string{"/masuk", "/tidak-ada", css[1], "/healthz"} {
		res := c.get(path)
		for header, want := range map[string]string{
			"Content-Security-Policy": "default-src 'self'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "same-origin",
			"X-Frame-Options":         "DENY",
		} {
			if got := res.header.Get(header); !strings.Contains(got, want) {
				t.Errorf("GET %s: %s = %q, want %q", path, header, got, want)
			}
		}
	}
	if strings.Contains(c.get("/masuk").body, "<script") || strings.Contains(c.get("/masuk").body, "style=") {
		t.Error("the login page has inline script or style, which the CSP forbids")
	}
}

func TestStatic(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	css := regexp.MustCompile(`href="(/static/app\.[0-9a-f]{12}\.css)"`).FindStringSubmatch(c.get("/masuk").body)
	if css == nil {
		t.Fatal("the login page links no hashed stylesheet")
	}
	res := c.get(css[1])
	wantStatus(t, "GET "+css[1], res, http.StatusOK)
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("GET %s: Content-Type %q", css[1], ct)
	}
	if cc := res.header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("GET %s: Cache-Control %q", css[1], cc)
	}
	wantBody(t, "stylesheet", res, ":focus-visible", ".skip-link")
	wantStatus(t, "unhashed name", c.get("/static/app.css"), http.StatusNotFound)
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("analis")
	form := url.Values{"csrf": {c.token("/dasbor")}, "title": {"x"}, "body": {strings.Repeat("a", maxBodyBytes)}, "classification": {"0"}}
	res := c.post("/sinergi/pesan", form)
	wantStatus(t, "a 1 MiB form", res, http.StatusRequestEntityTooLarge)
	wantBody(t, "a 1 MiB form", res, "Data yang dikirim terlalu besar.")
}
