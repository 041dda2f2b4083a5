package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/monitor"
)

// sinergi runs the command line in-process and returns what it printed.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(t.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("sinergi %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func TestConfigErrorsNameTheFlag(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"migrate", "--data-dir", dir, "--db", "mysql://x"}, nil, "--db"},
		{[]string{"migrate", "--data-dir", dir, "--db", "sqlite:"}, nil, "--db"},
		{[]string{"migrate", "--data-dir", dir, "--db", "postgres://"}, nil, "--db"},
		{[]string{"migrate", "--data-dir", dir, "--log-level", "loud"}, nil, "--log-level"},
		{[]string{"serve", "--data-dir", dir, "--addr", "8080"}, nil, "--addr"},
		{[]string{"serve", "--data-dir", dir, "--source-url", "ftp://x"}, nil, "--source-url"},
		{[]string{"serve", "--data-dir", dir, "--trusted-proxies", "10.0.0.0/8,proxy.local"}, nil, "--trusted-proxies"},
		{[]string{"serve", "--data-dir", dir}, map[string]string{"SINERGI_TRUSTED_PROXIES": "10.0.0.0/33"}, "--trusted-proxies"},
		{[]string{"migrate", "--data-dir", dir}, map[string]string{"SINERGI_DB": "oracle:x"}, "--db"},
		{[]string{"migrate", "--data-dir", dir}, map[string]string{"SINERGI_LOG_FORMAT": "xml"}, "--log-format"},
		{[]string{"user", "add", "--data-dir", dir, "--username", "x", "--agency", "1", "--role", "raja"}, nil, "--role"},
		{[]string{"frobnicate"}, nil, "unknown command"},
	}
	for _, tt := range tests {
		for k, v := range tt.env {
			t.Setenv(k, v)
		}
		_, errOut, code := runCLI(t, "", tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("sinergi %v (env %v): exit %d, stderr %q; want exit %d naming %s", tt.args, tt.env, code, errOut, exitUsage, tt.want)
		}
		for k := range tt.env {
			t.Setenv(k, "")
		}
	}
}

func TestEnvironmentConfiguresFlags(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SINERGI_DATA_DIR", dir)
	mustRun(t, "migrate")
	if out := mustRun(t, "agency", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("agency list --json on a new database = %q, want []", out)
	}
	if _, err := filepath.Glob(filepath.Join(dir, "sinergi.db")); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "sinergi.db"))
	if len(matches) != 1 {
		t.Errorf("SINERGI_DATA_DIR=%s did not put the database there", dir)
	}
}

// engines returns the --db values to run a test on: SQLite always,
// PostgreSQL when it is there (and under CI=true it must be).
func engines(t *testing.T) map[string]func(t *testing.T) []string {
	return map[string]func(t *testing.T) []string{
		"sqlite": func(t *testing.T) []string {
			dir := t.TempDir()
			return []string{"--data-dir", dir}
		},
		"postgres": func(t *testing.T) []string {
			return []string{"--data-dir", t.TempDir(), "--db", testenv.Postgres(t)}
		},
	}
}

// TestCommandLine walks an operator through the commands on each engine,
// then edits the audit table by hand and expects verify to name the entry.
func TestCommandLine(t *testing.T) {
	for name, dbArgs := range engines(t) {
		t.Run(name, func(t *testing.T) {
			db := dbArgs(t)
			with := func(args ...string) []string { return append(args, db...) }
			mustRun(t, with("migrate")...)
			mustRun(t, with("agency", "add", "--name", "Pusat Penerangan Kemendagri", "--short-name", "Puspen Kemendagri", "--kind", "kementerian")...)
			out := mustRun(t, with("agency", "add", "--region", "Provinsi Jambi", "--parent", "Puspen Kemendagri")...)
			if !strings.Contains(out, "Humas Pemerintah Provinsi Jambi") {
				t.Errorf("agency add --region: %q", out)
			}
			mustRun(t, with("agency", "add", "--region", "15.71", "--email", "humas@jambikota.go.id", "--brief-at", "07.30")...)
			if _, errOut, code := runCLI(t, "", with("agency", "add", "--region", "15.72", "--brief-at", "25.00")...); code != 2 && code != 1 || errOut == "" {
				t.Errorf("agency add --brief-at 25.00: exit %d, %q; want an error", code, errOut)
			}
			var agencies []agencyJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("agency", "list", "--json")...)), &agencies); err != nil {
				t.Fatalf("agency list --json: %v", err)
			}
			if len(agencies) != 3 || agencies[2].RegionName != "Kota Jambi" || agencies[2].TimeZone != "WIB" || len(agencies[2].Path) != 3 ||
				agencies[2].Email != "humas@jambikota.go.id" || agencies[2].BriefAt != "07:30" {
				t.Errorf("agency list --json = %+v, want 3 agencies ending with Kota Jambi at depth 3", agencies)
			}
			out, errOut, code := runCLI(t, "kata-sandi-yang-panjang\n", with("user", "add", "--username", "analis.jambi", "--name", "Analis Jambi",
				"--agency", "Humas Pemerintah Provinsi Jambi", "--role", "analis", "--clearance", "TERBATAS", "--password-stdin")...)
			if code != 0 || strings.Contains(out, "kata-sandi-yang-panjang") {
				t.Fatalf("user add: exit %d, %q %q", code, out, errOut)
			}
			out = mustRun(t, with("user", "add", "--username", "admin", "--agency", "1", "--role", "administrator", "--clearance", "RAHASIA")...)
			if !strings.Contains(out, "Kata sandi / password: ") {
				t.Errorf("user add without a password prints no generated password: %q", out)
			}
			_, errOut, code = runCLI(t, "", with("user", "add", "--username", "admin", "--agency", "1")...)
			if code != 1 || !strings.Contains(errOut, "sudah dipakai") && !strings.Contains(errOut, "already") {
				t.Errorf("user add (taken): exit %d, %q", code, errOut)
			}
			mustRun(t, with("user", "disable", "analis.jambi")...)
			mustRun(t, with("user", "passwd", "admin")...)
			var users []userJSON
			if err := json.Unmarshal([]byte(mustRun(t, with("user", "list", "--json")...)), &users); err != nil {
				t.Fatalf("user list --json: %v", err)
			}
			if len(users) != 2 || users[1].Username != "analis.jambi" || !users[1].Disabled || users[1].Clearance != "TERBATAS" {
				t.Errorf("user list --json = %+v", users)
			}

			out = mustRun(t, with("audit", "list")...)
			if !strings.Contains(out, "Menambahkan Humas Pemerintah Kota Jambi") || !strings.Contains(out, "user.disable") {
				t.Errorf("audit list does not show the changes in Indonesian:\n%s", out)
			}
			out = mustRun(t, with("audit", "verify")...)
			if !strings.Contains(out, "utuh") {
				t.Errorf("audit verify: %q", out)
			}
			m := openForTest(t, db)
			if _, err := m.DB.SQL().ExecContext(t.Context(), m.DB.Dialect().Rebind(`UPDATE audit_log SET summary = ? WHERE seq = ?`), "diubah diam-diam", 2); err != nil {
				t.Fatal(err)
			}
			m.Close()
			out, errOut, code = runCLI(t, "", with("audit", "verify")...)
			if code != 1 || !strings.Contains(errOut, "entri 2") {
				t.Errorf("audit verify after editing entry 2: exit %d, stdout %q, stderr %q; want exit 1 naming entry 2", code, out, errOut)
			}
		})
	}
}

func openForTest(t *testing.T, dbArgs []string) *Main {
	t.Helper()
	cfg := NewMain().Config
	c := &cli{ctx: t.Context(), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	fs := c.flags("test", &cfg)
	if _, err := c.parse(fs, &cfg, dbArgs, 0); err != nil {
		t.Fatal(err)
	}
	m, err := c.open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// startServer starts Main like `sinergi serve --demo --addr :0` and returns
// it with what it printed.
func startServer(t *testing.T, dataDir string) (*Main, string) {
	t.Helper()
	var out bytes.Buffer
	m := NewMain()
	m.Config.DataDir, m.Config.Addr, m.Demo, m.Stdout = dataDir, "127.0.0.1:0", true, &out
	if err := m.Run(t.Context()); err != nil {
		m.Close()
		t.Fatalf("Main.Run: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m, out.String()
}

func TestServeDemo(t *testing.T) {
	dir := t.TempDir()
	m, out := startServer(t, dir)
	for _, want := range []string{"Sinergi berjalan di http://localhost:", "admin", "analis", "petugas_ppid", "Kata sandi hanya ditampilkan sekali"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve --demo output lacks %q:\n%s", want, out)
		}
	}
	res, err := http.Get(m.URL() + "/masuk")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `lang="id"`) {
		t.Errorf("GET /masuk = %d, want 200 in Indonesian", res.StatusCode)
	}
	if !strings.Contains(string(body), `href="`+defaultSourceURL+`"`) {
		t.Errorf("GET /masuk does not link to the source (AGPL section 13)")
	}
	res, err = http.Get(m.URL() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Errorf("GET /healthz = %v, %v", res, err)
	}

	// The demo archive is recent, so the dashboards have something to
	// show (about a week's share of the 200 articles in the last 7 days,
	// and the 3 social media posts of the last hours), and came through
	// the ingestion pipeline, as fed items do: the post repeating a hoax
	// of the registry alerted Jambi's analyst.
	week, err := m.Services.Archive.Search(t.Context(), access.SystemActor(), archive.Request{Query: "date:>now-7d", Limit: 1})
	if err != nil || week.Total < 43 || week.Total > 58 {
		t.Errorf("demo items of the last 7 days: %v, %v; want about 50", week, err)
	}
	stored := false
	for _, st := range m.Services.Ingest.Metrics().Totals() {
		stored = stored || st.Stage == ingest.StageStore && st.Out == 203
	}
	if !stored {
		t.Errorf("the demo items did not pass the pipeline's store stage: %+v", m.Services.Ingest.Metrics().Totals())
	}
	analis, err := m.Services.Auth.FindUserByUsername(t.Context(), access.SystemActor(), "analis")
	if err != nil {
		t.Fatal(err)
	}
	ns, _, _, err := m.DB.FindNotifications(t.Context(), analis.ID, monitor.NotificationFilter{Limit: 20})
	if err != nil || !slices.ContainsFunc(ns, func(n *monitor.Notification) bool { return n.Message.Key == "hoax.alert.recirculation" }) {
		t.Errorf("the demo analyst's notifications (%v) hold no recirculation alert", err)
	}

	// A second server on the same data directory is refused.
	second := NewMain()
	second.Config.DataDir, second.Config.Addr = dir, "127.0.0.1:0"
	if err := second.Run(t.Context()); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("second Main.Run on the same data directory: %v, want refusal", err)
	}
	second.Close()

	// Restore is refused while the server runs; backup works beside it.
	backup := filepath.Join(t.TempDir(), "cadangan.db")
	out = mustRun(t, "backup", "--data-dir", dir, "--out", backup)
	if !strings.Contains(out, "Cadangan tersimpan") {
		t.Errorf("backup: %q", out)
	}
	if _, errOut, code := runCLI(t, "", "restore", "--data-dir", dir, "--from", backup); code == 0 || !strings.Contains(errOut, "stop the server") {
		t.Errorf("restore while serving: exit %d, %q; want refusal", code, errOut)
	}
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	// A second start is idempotent: no new agencies, no passwords shown.
	_, out = startServer(t, dir)
	if !strings.Contains(out, "0 instansi baru") || !strings.Contains(out, "sudah ada") {
		t.Errorf("second serve --demo output:\n%s", out)
	}
}

func TestBackupRestore(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, "agency", "add", "--data-dir", dir, "--name", "Diskominfo DIY", "--kind", "provinsi", "--region", "34")
	backup := filepath.Join(t.TempDir(), "cadangan.db")
	mustRun(t, "backup", "--data-dir", dir, "--out", backup)
	if _, _, code := runCLI(t, "", "backup", "--data-dir", dir, "--out", backup); code == 0 {
		t.Error("backup over an existing file succeeded")
	}
	mustRun(t, "agency", "add", "--data-dir", dir, "--name", "Biro Humas Setda Aceh", "--kind", "provinsi", "--region", "11")
	out := mustRun(t, "restore", "--data-dir", dir, "--from", backup)
	if !strings.Contains(out, "utuh: true") {
		t.Errorf("restore: %q", out)
	}
	var agencies []agencyJSON
	if err := json.Unmarshal([]byte(mustRun(t, "agency", "list", "--data-dir", dir, "--json")), &agencies); err != nil {
		t.Fatal(err)
	}
	if len(agencies) != 1 || agencies[0].Name != "Diskominfo DIY" {
		t.Errorf("after restore: %+v, want only Diskominfo DIY", agencies)
	}
	notDB := filepath.Join(t.TempDir(), "bukan.db")
	if err := os.WriteFile(notDB, []byte("ini bukan basis data"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "", "restore", "--data-dir", dir, "--from", notDB); code != 1 {
		t.Errorf("restore of a non-database: exit %d, %q; want 1", code, errOut)
	}
	if out, _, code := runCLI(t, "", "backup", "--db", "postgres://u:p@127.0.0.1/x", "--out", "x.dump"); code != 1 || !strings.Contains(out, "pg_dump") {
		t.Errorf("backup on PostgreSQL: exit %d, %q; want the pg_dump advice", code, out)
	}
}

// TestServeStopsOnSignal runs `sinergi serve` as main does and cancels its
// context, as SIGINT or SIGTERM would: it must stop cleanly, exit 0, and
// free the data directory.
func TestServeStopsOnSignal(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	var out, errOut syncBuffer
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"serve", "--data-dir", dir, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "Sinergi berjalan di") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s %s", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The matcher is loaded without waiting for a first check.
	for !strings.Contains(errOut.String(), "hoax matcher ready") {
		if time.Now().After(deadline.Add(40 * time.Second)) {
			t.Fatalf("serve did not load the hoax matcher by itself: %s", errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after the signal, want 0: %s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop within 20 s of the signal")
	}
	lock, err := lockFile(dir)
	if err != nil {
		t.Fatalf("data directory still locked after serve stopped: %v", err)
	}
	lock.Close()
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestAnalyzeCommands(t *testing.T) {
	tests := []struct {
		analysis, in string
		flags        []string
		want         []string // one per input line: the fields that line must have
	}{
		{"stem", "kebanjiran\nmengatakan\nnegara-negara\n", nil, []string{"kebanjiran\tbanjir", "mengatakan\tkata", "negara-negara\tnegara"}},
		{"stem", "Warga kebanjiran di Jambi\n", nil, []string{"Warga kebanjiran di Jambi\twarga banjir di jambi"}},
		{"stem", "Pemkab\nBansos disalurkan\n", nil, []string{"Pemkab\tpemkab", "Bansos disalurkan\tbansos salur"}},
		// One word is stemmed as written; running text is normalised first.
		{"stem", "karir\n1960-an\n Dinaikin \nkarir saya\n", nil, []string{"karir\tkarir", "1960-an\t1960-an", " Dinaikin \tnaik", "karir saya\tkarier saya"}},
		{"tokens", "Pemkab Bogor: banjir 23/11/2026, lihat https://bogorkab.go.id #BanjirBogor\n", nil, []string{"Pemkab\tBogor\t:\tbanjir\t23/11/2026\t,\tlihat\thttps://bogorkab.go.id\t#BanjirBogor"}},
		{"lang", "Pemerintah daerah menyiapkan posko pengungsian bagi warga yang terdampak banjir.\nThe regional government is preparing shelters for residents hit by the flood.\n", nil, []string{"id\t", "en\t"}},
		{"sentiment", "pelayanan di kantor ini sangat bagus dan ramah sekali\n\n", nil, []string{"positive\t", "not_rated\t"}},
		{"places", "Banjir melanda Kabupaten Muaro Jambi dan Kota Jambi.\n", nil, []string{"15.05=Kabupaten Muaro Jambi\t15.71=Kota Jambi"}},
		{"entities", "Presiden Joko Widodo meresmikan jalan tol di Jawa Tengah.\n", nil, []string{"PER=Joko Widodo"}},
		// NERP's model (the default) knows events; NERGrit's knows only
		// persons, organisations and places.
		{"entities", "Timnas Indonesia tampil di Piala Dunia U-17 di Jakarta.\n", nil, []string{"ORG=Timnas Indonesia\tEVT=Piala Dunia U-17\tLOC=Jakarta"}},
		{"entities", "Timnas Indonesia tampil di Piala Dunia U-17 di Jakarta.\n", []string{"--model", "nergrit"}, []string{"LOC=Indonesia\tLOC=Jakarta"}},
	}
	for _, tt := range tests {
		out, errOut, code := runCLI(t, tt.in, append([]string{"analyze", tt.analysis}, tt.flags...)...)
		if code != 0 {
			t.Fatalf("sinergi analyze %s: exit %d: %s", tt.analysis, code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(tt.want) {
			t.Fatalf("sinergi analyze %s: %d lines out for %d in: %q", tt.analysis, len(lines), len(tt.want), out)
		}
		for i, want := range tt.want {
			if !strings.HasPrefix(lines[i], want) {
				t.Errorf("sinergi analyze %s, line %d = %q, want it to start with %q", tt.analysis, i+1, lines[i], want)
			}
		}
	}
	if _, _, code := runCLI(t, "", "analyze", "horoscope"); code != exitUsage {
		t.Errorf("sinergi analyze horoscope: exit %d, want %d", code, exitUsage)
	}
	if _, _, code := runCLI(t, "", "analyze", "entities", "--model", "horoscope"); code != exitUsage {
		t.Errorf("sinergi analyze entities --model horoscope: exit %d, want %d", code, exitUsage)
	}
}

func TestTrustedProxies(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"127.0.0.1", []string{"127.0.0.1/32"}},
		{" 10.1.2.3/8 , ::1,::ffff:192.0.2.1", []string{"10.0.0.0/8", "::1/128", "192.0.2.1/32"}},
		{"2001:db8::/32,", []string{"2001:db8::/32"}},
	}
	for _, tt := range tests {
		c := Config{TrustedProxies: tt.in}
		got, err := c.proxies()
		if err != nil {
			t.Errorf("proxies(%q): %v", tt.in, err)
			continue
		}
		var s []string
		for _, p := range got {
			s = append(s, p.String())
		}
		if !slices.Equal(s, tt.want) {
			t.Errorf("proxies(%q) = %v, want %v", tt.in, s, tt.want)
		}
	}
}
