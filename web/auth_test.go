package web

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name           string
		acceptLanguage string
		langCookie     string // chosen with POST /bahasa first
		username       string
		password       string
		wantStatus     int
		wantLocation   string
		wantBody       []string
	}{
		{name: "success", username: "analis", password: testPassword,
			wantStatus: http.StatusSeeOther, wantLocation: "/dasbor"},
		{name: "username in capitals", username: " ANALIS ", password: testPassword,
			wantStatus: http.StatusSeeOther, wantLocation: "/dasbor"},
		{name: "wrong password", username: "analis", password: "bukan-kata-sandinya",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{`<html lang="id">`, "Nama pengguna atau kata sandi salah.", `aria-invalid="true"`, `value="analis"`}},
		{name: "unknown user", username: "tidakada", password: testPassword,
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{"Nama pengguna atau kata sandi salah."}},
		{name: "wrong password, browser in English: still Indonesian", acceptLanguage: "en-GB,en;q=0.9", username: "kepala", password: "not-the-password",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{`<html lang="id">`, "Nama pengguna atau kata sandi salah."}},
		{name: "wrong password, English chosen", langCookie: "en", username: "kepala", password: "not-the-password",
			wantStatus: http.StatusBadRequest,
			wantBody:   []string{`<html lang="en">`, "Incorrect username or password.", "Sign in to Sinergi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := f.client()
			if tt.acceptLanguage != "" {
				c.header.Set("Accept-Language", tt.acceptLanguage)
			}
			if tt.langCookie != "" {
				res := c.submit("/masuk", "/bahasa", url.Values{"lang": {tt.langCookie}, "next": {"/masuk"}})
				wantStatus(t, "POST /bahasa", res, http.StatusSeeOther)
			}
			res := c.submit("/masuk", "/masuk", url.Values{"username": {tt.username}, "password": {tt.password}})
			wantStatus(t, "POST /masuk", res, tt.wantStatus)
			if tt.wantLocation != "" && res.location() != tt.wantLocation {
				t.Errorf("POST /masuk: Location %q, want %q", res.location(), tt.wantLocation)
			}
			wantBody(t, "POST /masuk", res, tt.wantBody...)
		})
	}
}

func TestLoginSessionCookie(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	form := url.Values{"username": {"analis"}, "password": {testPassword}, "csrf": {c.token("/masuk")}}
	res := c.post("/masuk", form)
	wantStatus(t, "POST /masuk", res, http.StatusSeeOther)
	var session *http.Cookie
	for _, ck := range (&http.Response{Header: res.header}).Cookies() {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil {
		t.Fatalf("POST /masuk set no %s cookie", sessionCookie)
	}
	if !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" || !session.Secure {
		t.Errorf("session cookie = %+v, want HttpOnly, SameSite=Lax, Path=/, Secure (loopback host)", session)
	}
	wantStatus(t, "GET /dasbor", c.get("/dasbor"), http.StatusOK)
}

func TestLoginRateLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.client()
	for i := range 5 {
		res := c.submit("/masuk", "/masuk", url.Values{"username": {"analis"}, "password": {"tebakan-salah-" + string(rune('a'+i))}})
		wantStatus(t, "failed login", res, http.StatusBadRequest)
	}
	// Even the right password is refused now.
	res := c.submit("/masuk", "/masuk", url.Values{"username": {"analis"}, "password": {testPassword}})
	wantStatus(t, "login after 5 failures", res, http.StatusTooManyRequests)
	wantBody(t, "login after 5 failures", res, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.")
	if got := res.header.Get("Retry-After"); got != "900" {
		t.Errorf("Retry-After = %q, want 900", got)
	}
	// Another account from the same address is not blocked yet.
	f.client().login("kepala")
}

func TestLogout(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("analis")
	u, _ := url.Parse(f.ts.URL)
	var token string
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == sessionCookie {
			token = ck.Value
		}
	}
	res := c.submit("/dasbor", "/keluar", nil)
	wantStatus(t, "POST /keluar", res, http.StatusSeeOther)
	if got := res.location(); got != "/masuk?notice=logged_out" {
		t.Errorf("POST /keluar: Location %q", got)
	}
	res = c.get("/masuk?notice=logged_out")
	wantBody(t, "login page after logout", res, "Anda telah keluar.")
	res = c.get("/dasbor")
	wantStatus(t, "GET /dasbor after logout", res, http.StatusSeeOther)
	if got := res.location(); got != "/masuk?next=%2Fdasbor" {
		t.Errorf("GET /dasbor after logout: Location %q", got)
	}
	// The old token is dead on the server, not only forgotten by the browser.
	other := f.client()
	other.hc.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token}})
	wantStatus(t, "GET /dasbor with the old token", other.get("/dasbor"), http.StatusSeeOther)
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	admin := f.signedIn("adminjambi")
	good := admin.token("/dasbor")
	visitorToken := f.client().token("/masuk") // another browser's token
	message := func(token string) url.Values {
		v := url.Values{"title": {"Judul"}, "body": {"Isi"}, "classification": {"0"}}
		if token != "" {
			v.Set("csrf", token)
		}
		return v
	}
	tests := []struct {
		name    string
		client  *client
		path    string
		form    url.Values
		header  map[string]string
		want    int
		wantMsg string
	}{
		{name: "signed in, no token", client: admin, path: "/sinergi/pesan", form: message(""),
			want: http.StatusForbidden, wantMsg: "Formulir ini sudah kedaluwarsa atau tidak sah."},
		{name: "signed in, wrong token", client: admin, path: "/sinergi/pesan", form: message(wrongToken(good)),
			want: http.StatusForbidden, wantMsg: "Formulir ini sudah kedaluwarsa atau tidak sah."},
		{name: "signed in, a visitor's token", client: admin, path: "/sinergi/pesan", form: message(visitorToken),
			want: http.StatusForbidden},
		{name: "logout without token", client: admin, path: "/keluar", form: url.Values{},
			want: http.StatusForbidden},
		{name: "cross-site request with a good token", client: admin, path: "/sinergi/pesan", form: message(good),
			header: map[string]string{"Sec-Fetch-Site": "cross-site"},
			want:   http.StatusForbidden, wantMsg: "Permintaan ditolak karena dikirim dari situs lain."},
		{name: "foreign origin with a good token", client: admin, path: "/sinergi/pesan", form: message(good),
			header: map[string]string{"Origin": "https://phishing.example"},
			want:   http.StatusForbidden},
		{name: "login without token", client: f.client(), path: "/masuk",
			form: url.Values{"username": {"analis"}, "password": {testPassword}}, want: http.StatusForbidden},
		{name: "login with another browser's token", client: f.client(), path: "/masuk",
			form: url.Values{"username": {"analis"}, "password": {testPassword}, "csrf": {visitorToken}}, want: http.StatusForbidden},
		{name: "language without token", client: f.client(), path: "/bahasa",
			form: url.Values{"lang": {"en"}}, want: http.StatusForbidden},
		{name: "signed in, good token", client: admin, path: "/sinergi/pesan", form: message(good),
			want: http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.header {
				tt.client.header.Set(k, v)
			}
			defer func() {
				for k := range tt.header {
					tt.client.header.Del(k)
				}
			}()
			res := tt.client.post(tt.path, tt.form)
			wantStatus(t, "POST "+tt.path, res, tt.want)
			if tt.wantMsg != "" {
				wantBody(t, "POST "+tt.path, res, tt.wantMsg, `<html lang="id">`)
			}
		})
	}
	// The refused logout did not end the session.
	wantStatus(t, "GET /dasbor after refused logout", admin.get("/dasbor"), http.StatusOK)
}

// wrongToken returns good with its first character changed: a token of the
// right shape that is not the session's.
func wrongToken(good string) string {
	if good[0] == 'x' {
		return "y" + good[1:]
	}
	return "x" + good[1:]
}

func TestOpenRedirect(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		next, want string
	}{
		{"/instansi?q=jambi", "/instansi?q=jambi"},
		{"", "/dasbor"},
		{"//evil.example/masuk", "/dasbor"},
		{"https://evil.example/", "/dasbor"},
		{`/\evil.example`, "/dasbor"},
		{"javascript:alert(1)", "/dasbor"},
		{"/%0a/evil.example", "/%0a/evil.example"}, // still a path on this site
		{"/\x00", "/dasbor"},
	}
	for _, tt := range tests {
		c := f.client()
		res := c.submit("/masuk", "/masuk", url.Values{"username": {"analis"}, "password": {testPassword}, "next": {tt.next}})
		wantStatus(t, "login with next="+tt.next, res, http.StatusSeeOther)
		if got := res.location(); got != tt.want {
			t.Errorf("login with next=%q: Location %q, want %q", tt.next, got, tt.want)
		}
	}
	// The language form goes back to local paths only, too.
	c := f.client()
	res := c.submit("/masuk", "/bahasa", url.Values{"lang": {"en"}, "next": {"//evil.example"}})
	if got := res.location(); got != "/" {
		t.Errorf("POST /bahasa with next=//evil.example: Location %q, want /", got)
	}
}

func TestLocalPath(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"/dasbor", "/dasbor"},
		{"/instansi/3?notice=agency_created", "/instansi/3?notice=agency_created"},
		{"dasbor", "/x"},
		{"//a.example", "/x"},
		{"/\\a.example", "/x"},
		{"http://a.example/", "/x"},
		{"/a\tb", "/x"},
		{"", "/x"},
	}
	for _, tt := range tests {
		if got := localPath(tt.in, "/x"); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClientAddress(t *testing.T) {
	t.Parallel()
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name, peer string
		forwarded  []string // X-Forwarded-For headers
		want       string
	}{
		{"no proxy", "203.0.113.7:4100", nil, "203.0.113.7"},
		{"untrusted peer's header ignored", "203.0.113.7:4100", []string{"198.51.100.1"}, "203.0.113.7"},
		{"trusted proxy, one hop", "10.1.2.3:4100", []string{"198.51.100.1"}, "198.51.100.1"},
		{"trusted proxy without header", "10.1.2.3:4100", nil, "10.1.2.3"},
		{"client's own entry not believed", "10.1.2.3:4100", []string{"192.0.2.66, 198.51.100.1"}, "198.51.100.1"},
		{"chain of proxies", "10.1.2.3:4100", []string{"198.51.100.1, 10.9.9.9", "10.8.8.8"}, "198.51.100.1"},
		{"only proxies", "10.1.2.3:4100", []string{"10.9.9.9"}, "10.9.9.9"},
		{"malformed hop stops the walk", "10.1.2.3:4100", []string{"198.51.100.1, bukan-alamat, 10.9.9.9"}, "10.9.9.9"},
		{"IPv6 proxy", "[::1]:4100", []string{"2001:db8::5"}, "2001:db8::5"},
		{"mapped IPv4", "10.1.2.3:4100", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
	}
	s := &Server{proxies: proxies}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tt.peer
		for _, h := range tt.forwarded {
			r.Header.Add("X-Forwarded-For", h)
		}
		if got := s.clientAddress(r); got != tt.want {
			t.Errorf("%s: clientAddress = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCookieSecurity(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name       string
		host       string
		tls        bool
		forwarded  string
		wantSecure bool
	}{
		{name: "plain HTTP on a public name", host: "sinergi.jambiprov.go.id", wantSecure: false},
		{name: "TLS", host: "sinergi.jambiprov.go.id", tls: true, wantSecure: true},
		{name: "behind a TLS proxy", host: "sinergi.jambiprov.go.id", forwarded: "https", wantSecure: true},
		{name: "localhost", host: "localhost:8080", wantSecure: true},
		{name: "127.0.0.1", host: "127.0.0.1:8080", wantSecure: true},
		{name: "127.1.2.3", host: "127.1.2.3", wantSecure: true},
		{name: "[::1]", host: "[::1]:8080", wantSecure: true},
		{name: "private address", host: "192.168.1.10:8080", wantSecure: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/masuk", nil)
			req.Host = tt.host
			if tt.tls {
				req.TLS = &tls.ConnectionState{}
			}
			if tt.forwarded != "" {
				req.Header.Set("X-Forwarded-Proto", tt.forwarded)
			}
			rec := httptest.NewRecorder()
			f.srv.ServeHTTP(rec, req)
			cookies := rec.Result().Cookies()
			if len(cookies) != 1 || cookies[0].Name != csrfCookie {
				t.Fatalf("GET /masuk set cookies %v, want one %s", cookies, csrfCookie)
			}
			c := cookies[0]
			if c.Secure != tt.wantSecure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" {
				t.Errorf("%s cookie = %+v, want Secure=%v HttpOnly SameSite=Strict Path=/", csrfCookie, c, tt.wantSecure)
			}
		})
	}
	if n := strings.Count(f.logs.String(), "without the Secure attribute"); n != 1 {
		t.Errorf("the warning about cookies without Secure was logged %d times, want once", n)
	}
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name           string
		acceptLanguage string
		cookie         string
		want           string
		wantText       string
	}{
		{name: "default", want: "id", wantText: "Masuk ke Sinergi"},
		{name: "browser prefers English: Indonesian first", acceptLanguage: "en-US,en;q=0.9,id;q=0.5", want: "id", wantText: "Masuk ke Sinergi"},
		{name: "browser prefers Indonesian", acceptLanguage: "id-ID,id;q=0.9,en;q=0.8", want: "id"},
		{name: "unsupported language", acceptLanguage: "fr-FR", want: "id"},
		{name: "cookie chooses English", acceptLanguage: "id", cookie: "en", want: "en", wantText: "Sign in to Sinergi"},
		{name: "cookie alone", cookie: "en", want: "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/masuk", nil)
			if tt.acceptLanguage != "" {
				req.Header.Set("Accept-Language", tt.acceptLanguage)
			}
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: langCookie, Value: tt.cookie})
			}
			rec := httptest.NewRecorder()
			f.srv.ServeHTTP(rec, req)
			body := rec.Body.String()
			if !strings.Contains(body, `<html lang="`+tt.want+`">`) {
				t.Errorf("GET /masuk: want <html lang=%q>", tt.want)
			}
			if tt.wantText != "" && !strings.Contains(body, tt.wantText) {
				t.Errorf("GET /masuk: body lacks %q", tt.wantText)
			}
		})
	}

	// A signed-in person's own language beats the cookie.
	c := f.signedIn("analis")
	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["analis"], "en"); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(f.ts.URL)
	c.hc.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: "id"}})
	wantBody(t, "dashboard of an English speaker", c.get("/dasbor"), `<html lang="en">`, "Dashboard")

	// Switching language while signed in changes the account's language.
	res := c.submit("/dasbor", "/bahasa", url.Values{"lang": {"id"}, "next": {"/profil"}})
	wantStatus(t, "POST /bahasa", res, http.StatusSeeOther)
	if res.location() != "/profil" {
		t.Errorf("POST /bahasa: Location %q, want /profil", res.location())
	}
	wantBody(t, "profile after switching", c.get("/profil"), `<html lang="id">`, "Ganti kata sandi")
}

func TestProfilePassword(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.signedIn("analis")
	other := f.signedIn("analis") // a second device
	const next = "sandi-baru-yang-panjang"
	tests := []struct {
		name             string
		current, pw, rep string
		want             int
		wantBody         string
	}{
		{"wrong current password", "salah-sekali-ini", next, next, http.StatusBadRequest, "Kata sandi saat ini salah."},
		{"confirmation differs", testPassword, next, next + "x", http.StatusBadRequest, "Kata sandi baru dan ulangannya tidak sama."},
		{"too short", testPassword, "pendek", "pendek", http.StatusBadRequest, "Kata sandi paling sedikit 10 karakter."},
		{"changed", testPassword, next, next, http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		res := c.submit("/profil", "/profil/sandi", url.Values{"current": {tt.current}, "password": {tt.pw}, "confirm": {tt.rep}})
		wantStatus(t, tt.name, res, tt.want)
		if tt.wantBody != "" {
			wantBody(t, tt.name, res, tt.wantBody, `aria-invalid="true"`)
		}
	}
	wantBody(t, "profile after the change", c.get("/profil?notice=password_changed"), "Kata sandi telah diganti.")
	wantStatus(t, "the other device", other.get("/dasbor"), http.StatusSeeOther)
	res := f.client().submit("/masuk", "/masuk", url.Values{"username": {"analis"}, "password": {next}})
	wantStatus(t, "login with the new password", res, http.StatusSeeOther)
}
