package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/hoax"
)

// galleryPage is one page the gallery renders.
type galleryPage struct {
	name   string
	path   string     // GET path, or POST path when form is set
	form   url.Values // posted with the page's token (unless noToken)
	from   string     // the page whose token the form carries
	status int
	// visitor renders the page signed out; otherwise as the administrator.
	visitor bool
	noToken bool
}

// TestGallery renders every page, in both languages: each GET route as the
// network's administrator, the login page as a visitor, the error pages
// and forms showing their errors. It checks the status, that no catalog key
// is missing ("[[key]]"), that <html lang> is right and that every form
// field has a label. The pages are written to $SINERGI_GALLERY_DIR when set
// (to look at them), else to a temporary directory.
func TestGallery(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedArchive()
	srcs := f.seedSources()
	srch := f.seedSearches()
	mailConfirm, mailUnsub := f.seedMailTokens(srch["pusat"], "admin")
	// The administrator's alerting search gets a notification.
	f.upload(f.newsItem("root", "Festival film nasional dibuka", "Festival film nasional dibuka di Jakarta."))
	// Issues of the administrator's agency, one of an agency below it
	// (which the administrator reads) and one of an agency outside its
	// tree (which it may not).
	rootIssue, _ := f.seedIssues("root")
	sulselIssue, _ := f.seedIssues("sulsel")
	aceh, err := f.svc.Agencies.CreateFromRegion(context.Background(), access.SystemActor(), "11", 0)
	if err != nil {
		t.Fatal(err)
	}
	f.agency["aceh"] = aceh
	acehIssue, _ := f.seedIssues("aceh")
	snap, err := f.svc.Briefs.Create(context.Background(), access.SystemActor(), f.agency["jambi"].ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("SINERGI_GALLERY_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	jambi, muaro, root := id(f.agency["jambi"].ID), id(f.agency["muaro"].ID), id(f.agency["root"].ID)
	antara, detik, ekspres := sourcePath(srcs["antara"].ID), sourcePath(srcs["detik"].ID), sourcePath(srcs["ekspres"].ID)
	pusat, hoaks, jaringan := savedSearchPath(srch["pusat"].ID), savedSearchPath(srch["hoaks"].ID), savedSearchPath(srch["jaringan"].ID)
	badSearch := url.Values{"name": {"Banjir"}, "query": {`banjir "kota jambi`}, "sharing": {"agency"}, "alert": {"instant"}}
	badSource := url.Values{"name": {"Sumber Baru"}, "home_page": {"https://baru.example.id/"}, "media_type": {"online"},
		"feeds": {"feed https://baru.example.id/rss\nsitemap"}}
	pages := []galleryPage{
		{name: "login", path: "/masuk", status: 200, visitor: true},
		{name: "login-logged-out", path: "/masuk?notice=logged_out", status: 200, visitor: true},
		{name: "login-failed", path: "/masuk", from: "/masuk", form: url.Values{"username": {"analis"}, "password": {"salah-sekali"}}, status: 400, visitor: true},
		{name: "login-rate-limited", path: "/masuk", from: "/masuk", form: url.Values{"username": {"staf"}, "password": {"salah-lagi"}}, status: 429, visitor: true},
		{name: "visitor-not-found", path: "/tidak-ada", status: 404, visitor: true},
		{name: "mail-confirm", path: "/surel/konfirmasi/" + mailConfirm, status: 200, visitor: true},
		{name: "mail-unsubscribe", path: "/surel/berhenti/" + mailUnsub, status: 200, visitor: true},
		{name: "mail-unsubscribed", path: "/surel/berhenti/" + mailUnsub, form: url.Values{}, status: 200, visitor: true, noToken: true},
		{name: "mail-token-unknown", path: "/surel/berhenti/TIDAKADA", status: 404, visitor: true},

		{name: "dashboard", path: "/dasbor", status: 200},
		{name: "dashboard-notice", path: "/dasbor?notice=agency_created", status: 200},
		{name: "network", path: "/sinergi", status: 200},
		{name: "agencies", path: "/instansi", status: 200},
		{name: "agencies-filtered", path: "/instansi?q=jambi&jenis=provinsi", status: 200},
		{name: "agencies-none", path: "/instansi?q=tidak-ada-instansinya", status: 200},
		{name: "agency-root", path: "/instansi/" + root, status: 200},
		{name: "agency-province", path: "/instansi/" + jambi, status: 200},
		{name: "agency-new", path: "/instansi/baru", status: 200},
		{name: "agency-new-search", path: "/instansi/baru?wilayah=jambi", status: 200},
		{name: "agency-new-search-none", path: "/instansi/baru?wilayah=atlantis", status: 200},
		{name: "agency-new-error", path: "/instansi", from: "/instansi/baru", form: url.Values{"name": {""}, "kind": {"lainnya"}, "parent": {jambi}}, status: 400},
		{name: "agency-new-region-error", path: "/instansi/wilayah", from: "/instansi/baru", form: url.Values{"kode": {"15.7"}, "wilayah": {"jambi"}}, status: 400},
		{name: "agency-edit", path: "/instansi/" + muaro + "/ubah", status: 200},
		{name: "agency-edit-error", path: "/instansi/" + muaro, from: "/instansi/" + muaro + "/ubah",
			form: url.Values{"name": {"Humas Muaro Jambi"}, "kind": {"kabupaten"}, "region_code": {"15.05"}, "website": {"ftp://x"}}, status: 400},
		{name: "users", path: "/pengguna", status: 200},
		{name: "users-filtered", path: "/pengguna?q=dewi&peran=analis", status: 200},
		{name: "user-new", path: "/pengguna/baru", status: 200},
		{name: "user-new-error", path: "/pengguna", from: "/pengguna/baru",
			form: url.Values{"username": {"baru"}, "name": {"Pengguna Baru"}, "agency": {jambi}, "role": {"staf"}, "clearance": {"0"}, "password": {"pendek"}}, status: 400},
		{name: "keymessages", path: "/sinergi/pesan", status: 200},
		{name: "keymessages-search", path: "/sinergi/pesan?q=banjir", status: 200},
		{name: "keymessage", path: "/sinergi/pesan/" + id(f.message["terbatas"].ID), status: 200},
		{name: "keymessage-new", path: "/sinergi/pesan/baru", status: 200},
		{name: "keymessage-new-error", path: "/sinergi/pesan", from: "/sinergi/pesan/baru", form: url.Values{"title": {""}, "body": {"x"}, "classification": {"1"}}, status: 400},
		{name: "keymessage-hidden", path: "/sinergi/pesan/" + id(f.message["rahasia"].ID), status: 404},
		{name: "pantau", path: "/pantau", status: 200},
		{name: "pantau-results", path: "/pantau?q=banjir", status: 200},
		{name: "pantau-filtered-newest", path: "/pantau?q=banjir+AND+source%3Akompas.com&urut=terbaru", status: 200},
		{name: "pantau-none", path: "/pantau?q=tidakadasamasekali", status: 200},
		{name: "pantau-error", path: "/pantau?q=banjir+%22kota+jambi", status: 400},
		{name: "searches", path: "/pantau/pencarian", status: 200},
		{name: "searches-filtered", path: "/pantau/pencarian?q=hoa&label=hoaks", status: 200},
		{name: "searches-none", path: "/pantau/pencarian?label=tidak-ada", status: 200},
		{name: "search-new", path: "/pantau/pencarian/baru?q=banjir+jambi", status: 200},
		{name: "agency-webhook", path: agencyWebhookPath, status: 200},
		{name: "agency-webhook-error", path: agencyWebhookPath, from: agencyWebhookPath, form: url.Values{"webhook": {"bot.jambiprov.go.id"}}, status: 400},
		{name: "search-new-error", path: "/pantau/pencarian", from: "/pantau/pencarian/baru", form: url.Values{"name": {""}, "query": {"banjir"}}, status: 400},
		{name: "search-new-query-error", path: "/pantau/pencarian", from: "/pantau/pencarian/baru", form: badSearch, status: 400},
		{name: "search", path: pusat, status: 200},
		{name: "search-created", path: pusat + "?notice=search_created", status: 200},
		{name: "search-shared-relevant", path: hoaks + "?urut=relevan", status: 200},
		{name: "search-network-locked", path: jaringan, status: 200},
		{name: "search-hidden", path: savedSearchPath(srch["banjir"].ID), status: 404},
		{name: "search-edit", path: pusat + "/ubah", status: 200},
		{name: "search-edit-shared", path: hoaks + "/ubah", status: 200},
		{name: "search-edit-error", path: pusat, from: pusat + "/ubah", form: badSearch, status: 400},
		{name: "search-edit-locked", path: jaringan + "/ubah", status: 403},
		{name: "briefs", path: "/pantau/brief", status: 200},
		{name: "briefs-jambi", path: "/pantau/brief?instansi=" + jambi, status: 200},
		{name: "brief", path: briefPath(snap.ID), status: 200},
		{name: "notifications", path: "/notifikasi", status: 200},
		{name: "notifications-unread", path: "/notifikasi?belum=1", status: 200},
		{name: "notifications-read", path: "/notifikasi?notice=notifications_read", status: 200},
		{name: "issues", path: "/pantau/isu", status: 200},
		{name: "issues-7d-growth", path: "/pantau/isu?periode=7hari&urut=cepat&min=1", status: 200},
		{name: "issues-none", path: "/pantau/isu?min=1000", status: 200},
		{name: "issue", path: issuePath(rootIssue.ID), status: 200},
		{name: "issue-corrected", path: issuePath(rootIssue.ID) + "?notice=issue_corrected", status: 200},
		{name: "issue-correct-error", path: issuePath(rootIssue.ID) + "/koreksi", from: issuePath(rootIssue.ID),
			form: url.Values{"op": {"split"}}, status: 400},
		{name: "issue-below", path: issuePath(sulselIssue.ID), status: 200},
		{name: "issues-below", path: "/pantau/isu?instansi=" + strconv.FormatInt(f.agency["sulsel"].ID, 10), status: 200},
		{name: "issue-hidden", path: issuePath(acehIssue.ID), status: 404},
		{name: "sources", path: "/pantau/sumber", status: 200},
		{name: "sources-filtered", path: "/pantau/sumber?q=antara&koleksi=nasional&status=aktif", status: 200},
		{name: "sources-none", path: "/pantau/sumber?q=tidak-ada-sumbernya", status: 200},
		{name: "source-new", path: "/pantau/sumber/baru", status: 200},
		{name: "source-new-error", path: "/pantau/sumber", from: "/pantau/sumber/baru", form: badSource, status: 400},
		{name: "source", path: antara, status: 200},
		{name: "source-created", path: antara + "?notice=source_created", status: 200},
		{name: "source-paused", path: detik + "?notice=source_paused", status: 200},
		{name: "source-other-agency", path: ekspres, status: 200},
		{name: "source-edit", path: antara + "/ubah", status: 200},
		{name: "source-edit-error", path: antara, from: antara + "/ubah", form: url.Values{"name": {"Antara"}, "home_page": {"antaranews"}}, status: 400},
		{name: "source-edit-forbidden", path: ekspres + "/ubah", status: 403},
		{name: "feed-health", path: "/pantau/kesehatan", status: 200},
		{name: "feed-health-failing", path: "/pantau/kesehatan?keadaan=failing", status: 200},
		{name: "pipeline", path: "/pantau/pipeline", status: 200},
		{name: "pantau-dashboard", path: "/pantau/dasbor", status: 200},
		{name: "pantau-dashboard-24h", path: "/pantau/dasbor?periode=24jam", status: 200},
		{name: "pantau-dashboard-other-agency", path: "/pantau/dasbor?instansi=999999", status: 404},
		{name: "audit", path: "/audit", status: 200},
		{name: "audit-filtered", path: "/audit?aksi=agency.create&pelaku=system", status: 200},
		{name: "audit-error", path: "/audit?dari=kemarin", status: 400},
		{name: "profile", path: "/profil", status: 200},
		{name: "profile-error", path: "/profil/sandi", from: "/profil", form: url.Values{"current": {testPassword}, "password": {"satu-dua-tiga-empat"}, "confirm": {"lain"}}, status: 400},
		{name: "not-found", path: "/tidak-ada", status: 404},
		{name: "forbidden-csrf", path: "/sinergi/pesan", form: url.Values{"title": {"x"}}, noToken: true, status: 403},
	}
	// Tangkal: the registry, a claim with its tracking, the checks and
	// the public pages (the administrator of the root sees Jambi's
	// claims below it).
	hoaxes := f.seedHoaxes()
	f.upload(f.newsItem("jambi", "Vaksin Berisi Chip 5G, Tolak Vaksinasi!",
		"Vaksin covid dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G. Tolak vaksinasi di puskesmas sekarang juga."))
	vaksin, gubernur := hoax.ClaimPath(hoaxes["vaksin"]), hoax.ClaimPath(hoaxes["gubernur"])
	pages = append(pages,
		galleryPage{name: "tangkal", path: "/tangkal", status: 200},
		galleryPage{name: "tangkal-filtered", path: "/tangkal?q=vaksin&putusan=SALAH&aktif=1&urut=sering", status: 200},
		galleryPage{name: "tangkal-none", path: "/tangkal?q=tidak-ada-klaimnya", status: 200},
		galleryPage{name: "tangkal-claim", path: vaksin, status: 200},
		galleryPage{name: "tangkal-claim-updated", path: vaksin + "?notice=claim_updated", status: 200},
		galleryPage{name: "tangkal-claim-error", path: vaksin, from: vaksin,
			form: url.Values{"op": {"state"}, "classification": {"7"}, "verdict": {"SALAH"}}, status: 400},
		galleryPage{name: "tangkal-claim-terbatas", path: gubernur, status: 200},
		galleryPage{name: "tangkal-new", path: "/tangkal/baru", status: 200},
		galleryPage{name: "tangkal-new-error", path: "/tangkal/baru", from: "/tangkal/baru",
			form: url.Values{"title": {"Hoaks baru"}, "url": {"ftp://x"}, "verdict": {"turnbackhoax|SALAH"}, "classification": {"0"}}, status: 400},
		galleryPage{name: "tangkal-import", path: "/tangkal/impor", status: 200},
		galleryPage{name: "tangkal-import-error", path: "/tangkal/impor", from: "/tangkal/impor",
			form: url.Values{"format": {"auto"}, "classification": {"0"}}, status: 400},
		galleryPage{name: "tangkal-check", path: "/tangkal/cek", status: 200},
		galleryPage{name: "tangkal-check-results", path: "/tangkal/cek", from: "/tangkal/cek", form: url.Values{"text": {rewordedGubernur}}, status: 200},
		galleryPage{name: "hoax-check", path: "/cek-hoaks", status: 200, visitor: true},
		galleryPage{name: "hoax-check-found", path: "/cek-hoaks", from: "/cek-hoaks", form: url.Values{"text": {rewordedVaksin}}, status: 200, visitor: true},
		galleryPage{name: "hoax-check-none", path: "/cek-hoaks", from: "/cek-hoaks", form: url.Values{"text": {rewordedBSU}}, status: 200, visitor: true},
		galleryPage{name: "hoax-check-error", path: "/cek-hoaks", from: "/cek-hoaks", form: url.Values{"text": {""}}, status: 400, visitor: true},
		galleryPage{name: "hoaxes", path: "/hoaks", status: 200, visitor: true},
		galleryPage{name: "hoax", path: idPath("/hoaks/", hoaxes["vaksin"]), status: 200, visitor: true},
		galleryPage{name: "hoax-hidden", path: idPath("/hoaks/", hoaxes["gubernur"]), status: 404, visitor: true},
	)
	for _, m := range moduleList() {
		if !m.Built {
			pages = append(pages, galleryPage{name: "module-" + m.Slug, path: m.Path, status: 200})
		}
	}
	// Block the account "staf" so the rate-limited login page can be seen.
	for range 5 {
		f.client().submit("/masuk", "/masuk", url.Values{"username": {"staf"}, "password": {"tebakan"}})
	}

	n := 0
	for _, lang := range []string{"id", "en"} {
		if err := f.svc.Auth.SetLanguage(context.Background(), f.user["admin"], lang); err != nil {
			t.Fatal(err)
		}
		admin := f.signedIn("admin")
		visitor := f.client()
		visitor.submit("/masuk", "/bahasa", url.Values{"lang": {lang}, "next": {"/masuk"}})
		for _, p := range pages {
			c := admin
			if p.visitor {
				c = visitor
			}
			var res *response
			switch {
			case p.form == nil:
				res = c.get(p.path)
			case p.noToken:
				res = c.post(p.path, p.form)
			default:
				form := url.Values{}
				for k, v := range p.form {
					form[k] = v
				}
				res = c.submit(p.from, p.path, form)
			}
			n++
			checkGalleryPage(t, dir, fmt.Sprintf("%s-%02d-%s", lang, n, p.name), lang, res, p.status)
		}
		for _, status := range []int{http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusTooManyRequests} {
			n++
			res := renderErrorPage(t, f, admin, status)
			checkGalleryPage(t, dir, fmt.Sprintf("%s-%02d-error-%d", lang, n, status), lang, res, status)
		}
	}
	checkGalleryCoverage(t, f, pages)
	t.Logf("gallery: %d pages in %s", n, dir)
}

// renderErrorPage renders the error page of status through the server's
// own middleware, as the handler of a failing request would.
func renderErrorPage(t *testing.T, f *fixture, c *client, status int) *response {
	t.Helper()
	h := f.srv.observe(f.srv.withRequest(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.srv.renderError(w, r, status, errors.New("gallery: internal detail that must not show"))
	})))
	req := httptest.NewRequest(http.MethodGet, "/dasbor", nil)
	req.Host = "127.0.0.1"
	u, _ := url.Parse(f.ts.URL)
	for _, ck := range c.hc.Jar.Cookies(u) {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if strings.Contains(rec.Body.String(), "internal detail") {
		t.Errorf("error page %d shows the internal error", status)
	}
	return &response{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
}

var (
	fieldRE = regexp.MustCompile(`<(?:input|select|textarea)\b[^>]*>`)
	idRE    = regexp.MustCompile(`\bid="([^"]+)"`)
)

// checkGalleryPage checks one rendered page and writes it to dir.
func checkGalleryPage(t *testing.T, dir, name, lang string, res *response, status int) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name+".html"), []byte(res.body), 0o644); err != nil {
		t.Fatal(err)
	}
	if res.status != status {
		t.Errorf("%s: status %d, want %d", name, res.status, status)
	}
	if i := strings.Index(res.body, "[["); i >= 0 {
		end := min(i+60, len(res.body))
		t.Errorf("%s: missing catalog key: %s", name, res.body[i:end])
	}
	for _, bad := range []string{"<no value>", "%!"} {
		if strings.Contains(res.body, bad) {
			t.Errorf("%s: body contains %q", name, bad)
		}
	}
	if !strings.Contains(res.body, `<html lang="`+lang+`">`) {
		t.Errorf("%s: no <html lang=%q>", name, lang)
	}
	// IDs are unique, or labels and aria-describedby point at the wrong
	// element.
	ids := make(map[string]bool)
	for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(res.body, -1) {
		if ids[m[1]] {
			t.Errorf("%s: duplicate id %q", name, m[1])
		}
		ids[m[1]] = true
	}
	// Every visible form field has a label.
	for _, field := range fieldRE.FindAllString(res.body, -1) {
		if strings.Contains(field, `type="hidden"`) || strings.HasSuffix(field, " hidden>") {
			continue
		}
		m := idRE.FindStringSubmatch(field)
		if m == nil || !strings.Contains(res.body, `<label for="`+m[1]+`"`) {
			t.Errorf("%s: field without a label: %s", name, field)
		}
	}
}

// checkGalleryCoverage fails when a GET route of the pages is missing from
// the gallery.
func checkGalleryCoverage(t *testing.T, f *fixture, pages []galleryPage) {
	seen := make(map[string]bool)
	for _, p := range pages {
		if p.form == nil {
			_, pattern := f.srv.app.Handler(httptest.NewRequest(http.MethodGet, p.path, nil))
			seen[pattern] = true
		}
	}
	notPages := map[string]bool{"GET /static/{name}": true, "GET /healthz": true, "GET /metrics": true, "GET /{$}": true,
		"GET /websub/{feed}":     true, // a hub's callback, not a page
		"GET /hoaks/feed.jsonld": true, // JSON-LD, not a page (TestHoaxCheck reads it)
		// On the root mux (no form token), rendered above as mail-*.
		"GET /surel/konfirmasi/{token}": true, "GET /surel/berhenti/{token}": true}
	for _, pattern := range f.srv.patterns {
		if strings.HasPrefix(pattern, "GET ") && !notPages[pattern] && !seen[pattern] {
			t.Errorf("the gallery renders no page of route %q", pattern)
		}
	}
}
