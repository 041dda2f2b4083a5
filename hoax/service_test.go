package hoax_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
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
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/match"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
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

// registry are hoaxes written for the tests in the manner of
// TurnBackHoax's records: a headline, the narrative as it circulated, a
// verdict. The last is TERBATAS.
var registry = []*hoax.Claim{
	{Key: "test:vaksin-chip", Title: "Vaksin Covid-19 Mengandung Chip Pelacak 5G",
		Claim:   "Beredar pesan berantai yang menyebut vaksin Covid-19 dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G, sehingga warga diminta menolak vaksinasi di puskesmas.",
		Summary: "Faktanya, vaksin tidak mengandung chip; ukuran jarum suntik tidak memungkinkan.", Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH"},
		FactChecker: "Tim Uji", URL: "https://contoh.test/cek/vaksin-chip", Reviewed: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
	{Key: "test:bsu", Title: "Pendaftaran Bantuan Subsidi Upah Rp3,5 Juta Lewat Tautan",
		Claim:   "Segera daftarkan diri anda untuk menerima bantuan subsidi upah sebesar Rp3,5 juta dari Kementerian Ketenagakerjaan, cukup isi data KTP dan nomor rekening pada tautan berikut sebelum kuota habis.",
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "PENIPUAN"}, FactChecker: "Tim Uji"},
	{Key: "test:jembatan", Title: "Jembatan Batanghari II Ambruk Diterjang Banjir",
		Claim:   "Innalillahi, jembatan Batanghari II di Kabupaten Muaro Jambi ambruk diterjang banjir malam ini, kendaraan dari arah Kota Jambi diminta putar balik.",
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabTempo, Label: "keliru"}, FactChecker: "Tim Uji"},
	{Key: "test:gubernur", Title: "Gubernur Mundur karena Kasus Suap Proyek Jalan Provinsi",
		Claim:   "Kabar dari dalam kantor gubernur menyebut gubernur akan mengundurkan diri pekan depan karena terseret kasus suap proyek peningkatan jalan provinsi senilai ratusan miliar rupiah.",
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "BELUM TERBUKTI"}, FactChecker: "Humas Jambi"},
}

func claims() []*hoax.Claim {
	out := make([]*hoax.Claim, len(registry))
	for i, c := range registry {
		cp := *c
		out[i] = &cp
	}
	return out
}

type env struct {
	db       *store.DB
	hoaxes   *hoax.Service
	archives *archive.Service
	pipeline *ingest.Pipeline
	users    map[string]*auth.User
	jambi    *agency.Agency
	aceh     *agency.Agency
}

func newEnv(t *testing.T, db *store.DB, opts ...hoax.Options) *env {
	t.Helper()
	g, err := region.Load()
	if err != nil {
		t.Fatal(err)
	}
	clock := sinergi.SystemClock{}
	log := audit.NewLog(db, clock)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	agencies := agency.NewService(db, g, log)
	users := auth.NewService(db, agencies, log, clock)
	archives := archive.NewService(db, analyzer, g, agencies, log, clock)
	e := &env{db: db, archives: archives, users: map[string]*auth.User{}}
	e.hoaxes = hoax.NewService(db, log, clock, analyzer, quiet, append(opts, hoax.Options{})[0])
	metrics, err := ingest.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	e.pipeline = ingest.NewPipeline(db, archives, safehttp.New(safehttp.Options{}), ingest.Matchers{e.hoaxes},
		metrics, clock, quiet, ingest.Options{})
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
	}{{"analis", e.jambi.ID, access.Analis, access.Terbatas}, {"kepala", e.jambi.ID, access.KepalaHumas, access.Rahasia},
		{"staf", e.jambi.ID, access.Staf, access.Rahasia}, {"publik", e.jambi.ID, access.Analis, access.Publik},
		{"aceh", e.aceh.ID, access.Analis, access.Rahasia}} {
		lang := "id"
		if u.name == "kepala" {
			lang = "en"
		}
		created, err := users.CreateUser(t.Context(), console, auth.NewUser{AgencyID: u.agency, Username: u.name, Name: u.name,
			Email: u.name + "@jambiprov.test", Language: lang, Role: u.role, Clearance: u.clearance, Password: "kata-sandi-yang-panjang-sekali"})
		if err != nil {
			t.Fatalf("CreateUser(%s): %v", u.name, err)
		}
		e.users[u.name] = created
	}
	path := []int64(e.jambi.Path)
	cs := claims()
	if _, _, err := e.hoaxes.Import(t.Context(), e.users["kepala"].Actor(), path, access.Publik, cs[:3]); err != nil {
		t.Fatalf("Import: %v", err)
	}
	if _, _, err := e.hoaxes.Import(t.Context(), e.users["kepala"].Actor(), path, access.Terbatas, cs[3:]); err != nil {
		t.Fatalf("Import TERBATAS: %v", err)
	}
	return e
}

func (e *env) claimID(t *testing.T, key string) int64 {
	t.Helper()
	list, _, err := e.hoaxes.Claims(t.Context(), access.SystemActor(), hoax.ClaimFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Key == key {
			return c.ID
		}
	}
	t.Fatalf("no claim %s", key)
	return 0
}

func TestImportIsIdempotentAndKeepsAnalystsWork(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		kepala := e.users["kepala"].Actor()
		id := e.claimID(t, "test:vaksin-chip")
		published, text := true, "Dinas Kesehatan menegaskan vaksin tidak mengandung chip."
		if _, err := e.hoaxes.Update(t.Context(), kepala, id, hoax.Change{Published: &published, Clarification: &text}); err != nil {
			t.Fatal(err)
		}
		cs := claims()
		cs[0].Summary = "Ringkasan yang diperbarui."
		added, updated, err := e.hoaxes.Import(t.Context(), kepala, []int64(e.jambi.Path), access.Publik, cs[:3])
		if err != nil || added != 0 || updated != 3 {
			t.Fatalf("re-import = %d added, %d updated, %v; want 0, 3", added, updated, err)
		}
		c, err := e.hoaxes.Claim(t.Context(), kepala, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Summary != "Ringkasan yang diperbarui." || !c.Published || c.Clarification.Text != text ||
			c.Clarification.Status != hoax.ClarificationDraft || !c.Active || c.Verdict.Score != 0 {
			t.Errorf("after re-import: %+v", c)
		}
		if c.Verdict.Label != "SALAH" {
			t.Errorf("verdict %q", c.Verdict.Label)
		}
		jembatan, err := e.hoaxes.Claim(t.Context(), kepala, e.claimID(t, "test:jembatan"))
		if err != nil {
			t.Fatal(err)
		}
		gubernur, err := e.hoaxes.Claim(t.Context(), kepala, e.claimID(t, "test:gubernur"))
		if err != nil {
			t.Fatal(err)
		}
		if gubernur.Active || gubernur.Verdict.Score != 0.5 {
			t.Errorf("a claim not proven false came in active (%v) with score %v", gubernur.Active, gubernur.Verdict.Score)
		}
		if jembatan.Verdict.Label != "Keliru" || !slices.Contains(jembatan.Regions, "15") && !slices.ContainsFunc(jembatan.Regions, func(r string) bool { return strings.HasPrefix(r, "15") }) {
			t.Errorf("jembatan: verdict %q, regions %v: want Keliru in Jambi", jembatan.Verdict.Label, jembatan.Regions)
		}
		// A list that carries only the titles (TurnBackHoax's categorised
		// file after its narratives) keeps the narratives stored.
		titles := claims()[:3]
		for _, c := range titles {
			c.Claim, c.Summary, c.FactChecker, c.URL, c.Reviewed = "", "", "", "", time.Time{}
		}
		if _, updated, err := e.hoaxes.Import(t.Context(), kepala, []int64(e.jambi.Path), access.Publik, titles); err != nil || updated != 3 {
			t.Fatalf("import of the titles = %d updated, %v", updated, err)
		}
		c, err = e.hoaxes.Claim(t.Context(), kepala, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Claim != registry[0].Claim || c.Summary != "Ringkasan yang diperbarui." || c.URL != registry[0].URL || c.Reviewed.IsZero() {
			t.Errorf("after a titles-only import: narrative %q, summary %q, URL %q, reviewed %v", c.Claim, c.Summary, c.URL, c.Reviewed)
		}
		if ms, err := e.hoaxes.Match(t.Context(), kepala, "Vaksin Covid-19 dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G, warga diminta menolak vaksinasi di puskesmas", 1); err != nil || len(ms) != 1 || ms[0].Claim.ID != id || ms[0].Decision != match.Confirmed {
			t.Errorf("the narrative no longer matches after a titles-only import: %v, %v", ms, err)
		}
		// A bad record fails the whole import.
		bad := claims()[:2]
		bad[1].Verdict.Label = "MUNGKIN"
		if _, _, err := e.hoaxes.Import(t.Context(), kepala, []int64(e.jambi.Path), access.Publik, bad); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("import with an unknown verdict: %v, want invalid", err)
		}
		// Staff and other agencies may not import into Jambi's registry.
		for _, name := range []string{"staf", "aceh"} {
			if _, _, err := e.hoaxes.Import(t.Context(), e.users[name].Actor(), []int64(e.jambi.Path), access.Publik, claims()[:1]); sinergi.KindOf(err) != sinergi.KindForbidden {
				t.Errorf("import by %s: %v, want forbidden", name, err)
			}
		}
	})
}

// TestCreateAndEdit: an analyst registers a hoax found in the region,
// with the classification and activity they chose; it is matched at once,
// restates the registry's claim it repeats, and follows its edits.
func TestCreateAndEdit(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		analis := e.users["analis"].Actor()
		path := []int64(e.jambi.Path)
		c := &hoax.Claim{Title: "Air Sungai Batanghari Tercemar Merkuri, Warga Dilarang Mandi",
			Claim:       "Pesan berantai menyebut air Sungai Batanghari tercemar merkuri dari tambang emas ilegal sehingga warga Kota Jambi dilarang mandi dan mencuci di sungai selama sebulan.",
			Explanation: "Dinas Lingkungan Hidup belum menemukan merkuri di atas baku mutu.", Classification: access.Terbatas, Active: true,
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "BELUM TERBUKTI"}, FactChecker: "Humas Jambi"}
		if err := e.hoaxes.Create(t.Context(), e.users["publik"].Actor(), path, c); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("an analyst cleared for PUBLIK creating a TERBATAS claim: %v, want Forbidden", err)
		}
		if err := e.hoaxes.Create(t.Context(), analis, path, c); err != nil {
			t.Fatalf("Create: %v", err)
		}
		if c.ID == 0 || !strings.HasPrefix(c.Key, "sinergi:") || c.Verdict.Score != 0.5 || !c.Active || c.Published {
			t.Errorf("created %+v", c)
		}
		if !slices.Contains(c.Regions, "15.71") {
			t.Errorf("regions %v, want Kota Jambi (15.71) found in the text", c.Regions)
		}
		rewording := "Warga Kota Jambi dilarang mandi dan mencuci di Sungai Batanghari selama sebulan karena airnya tercemar merkuri dari tambang emas ilegal."
		ms, err := e.hoaxes.Match(t.Context(), analis, rewording, 1)
		if err != nil || len(ms) != 1 || ms[0].Claim.ID != c.ID {
			t.Fatalf("Match of a rewording = %v, %v; want the new claim", ms, err)
		}
		if ms, err := e.hoaxes.Match(t.Context(), e.users["publik"].Actor(), rewording, 1); err != nil || len(ms) != 0 {
			t.Errorf("an analyst cleared for PUBLIK sees the TERBATAS claim: %v, %v", ms, err)
		}

		// A second claim that restates the vaccine hoax is its appearance.
		again := &hoax.Claim{Title: "Vaksin Mengandung Chip 5G untuk Melacak Warga",
			Claim:   "Beredar lagi pesan bahwa vaksin Covid-19 pemerintah mengandung chip mikro yang dilacak jaringan 5G, warga diminta menolak vaksinasi di puskesmas.",
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH"}}
		if err := e.hoaxes.Create(t.Context(), analis, path, again); err != nil {
			t.Fatal(err)
		}
		tr, err := e.hoaxes.Track(t.Context(), analis, e.claimID(t, "test:vaksin-chip"), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(tr.Appearances, func(a *hoax.Appearance) bool { return a.Kind == hoax.KindClaim && a.OtherClaimID == again.ID }) {
			t.Errorf("the restating claim is not an appearance of the vaccine hoax: %+v", tr.Appearances)
		}

		// Edited, the claim is matched by its new words, no longer by the old.
		text := hoax.ClaimText{Title: "Pasokan Air PDAM Tirta Mayang Dihentikan Sepekan",
			Claim:   "Kabar beredar bahwa PDAM Tirta Mayang menghentikan pasokan air bersih ke seluruh Kota Jambi selama sepekan karena pipa induk bocor.",
			Sources: []string{"WhatsApp", " WhatsApp ", "https://facebook.test/p/1"}}
		got, err := e.hoaxes.Update(t.Context(), analis, c.ID, hoax.Change{Text: &text})
		if err != nil {
			t.Fatalf("Update text: %v", err)
		}
		if got.Title != text.Title || got.Explanation != "" || !slices.Equal(got.Sources, []string{"WhatsApp", "https://facebook.test/p/1"}) ||
			!slices.Equal(got.Regions, []string{"15.71"}) {
			t.Errorf("after the edit: title %q, explanation %q, sources %v, regions %v", got.Title, got.Explanation, got.Sources, got.Regions)
		}
		ms, err = e.hoaxes.Match(t.Context(), analis, "PDAM Tirta Mayang hentikan pasokan air bersih ke seluruh Kota Jambi selama sepekan, pipa induk bocor.", 1)
		if err != nil || len(ms) != 1 || ms[0].Claim.ID != c.ID {
			t.Errorf("Match of the new wording = %v, %v; want the edited claim", ms, err)
		}
		if ms, err := e.hoaxes.Match(t.Context(), analis, rewording, 1); err != nil || len(ms) == 1 && ms[0].Claim.ID == c.ID {
			t.Errorf("the old wording still finds the edited claim: %v, %v", ms, err)
		}
		if _, err := e.hoaxes.Update(t.Context(), e.users["aceh"].Actor(), c.ID, hoax.Change{Text: &text}); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("another agency's analyst editing the claim: %v, want NotFound", err)
		}
		bad := text
		bad.URL = "javascript:alert(1)"
		if _, err := e.hoaxes.Update(t.Context(), analis, c.ID, hoax.Change{Text: &bad}); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("an edit with a javascript: link: %v, want Invalid", err)
		}
	})
}

func TestMatchDecisions(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		analis := e.users["analis"].Actor()
		for _, tc := range []struct {
			name, text, want string
			decision         match.Decision
		}{
			{"reworded and reordered, slang", "Hati2 gaes!! katanya vaksin covid dr pemerintah ada chip mikronya, bisa dilacak pake jaringan 5G. Mending tolak vaksinasi di puskesmas aja deh", "test:vaksin-chip", match.Confirmed},
			{"short text is never confirmed", "vaksin covid ada chip 5g", "test:vaksin-chip", match.Suggested},
			{"the scam, reworded", "Kementerian Ketenagakerjaan bagi bantuan subsidi upah Rp3,5 juta! Isi data KTP dan nomor rekening di tautan ini sebelum kuotanya habis ya", "test:bsu", match.Confirmed},
			{"unrelated news", "Timnas Indonesia mengalahkan Vietnam dua gol tanpa balas dalam laga kualifikasi Piala Dunia di Stadion Gelora Bung Karno, Jakarta, Selasa malam.", "", match.None},
		} {
			ms, err := e.hoaxes.Match(t.Context(), analis, tc.text, 3)
			if err != nil {
				t.Fatal(err)
			}
			got, decision := "", match.None
			if len(ms) > 0 {
				got, decision = ms[0].Claim.Key, ms[0].Decision
			}
			if got != tc.want || decision != tc.decision {
				t.Errorf("%s: best %q %s, want %q %s (%+v)", tc.name, got, decision, tc.want, tc.decision, ms)
			}
		}
		// The TERBATAS claim is matched for those cleared for it only.
		text := "Kabarnya gubernur bakal mundur minggu depan, terseret kasus suap proyek peningkatan jalan provinsi ratusan miliar"
		for name, want := range map[string]bool{"analis": true, "publik": false, "aceh": false} {
			ms, err := e.hoaxes.Match(t.Context(), e.users[name].Actor(), text, 3)
			if err != nil {
				t.Fatal(err)
			}
			if found := slices.ContainsFunc(ms, func(m hoax.Match) bool { return m.Claim.Key == "test:gubernur" }); found != want {
				t.Errorf("%s sees the TERBATAS claim: %v, want %v", name, found, want)
			}
		}
	})
}

// TestRecirculationAlert: an item repeating an active hoax, uploaded
// through the pipeline, is an appearance and alerts the agency's
// watchers once per gap; a report refuting it is an appearance that does
// not alert.
func TestRecirculationAlert(t *testing.T) {
	catalogs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		srv := testenv.SMTP(t)
		sender, err := mail.New(srv.URL(), "Sinergi <sinergi@jambiprov.test>")
		if err != nil {
			t.Fatal(err)
		}
		outbox := mail.NewOutbox(db, sender, sinergi.SystemClock{}, slog.New(slog.DiscardHandler))
		e := newEnv(t, db, hoax.Options{Catalogs: catalogs, PublicURL: "https://sinergi.jambiprov.test/", Outbox: outbox})
		now := time.Now().UTC()
		items := []*archive.Item{
			{AgencyID: e.jambi.ID, Title: "Warga Diminta Tolak Vaksinasi", Source: "kabarviral.test", URL: "https://kabarviral.test/1",
				Text: "Pesan yang beredar di grup warga menyebut vaksin Covid-19 pemerintah mengandung chip mikro yang dapat dilacak jaringan 5G, warga diminta menolak vaksinasi di puskesmas.", Published: now.Add(-2 * time.Hour)},
			{AgencyID: e.jambi.ID, Title: "Vaksin Berisi Chip 5G, Tolak Vaksinasi!", Source: "beritaheboh.test", URL: "https://beritaheboh.test/2",
				Text: "Vaksin covid dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G. Tolak vaksinasi di puskesmas sekarang juga.", Published: now.Add(-time.Hour)},
			{AgencyID: e.jambi.ID, Title: "Dinkes Bantah Hoaks Vaksin Mengandung Chip 5G", Source: "jambiekspres.test", URL: "https://jambiekspres.test/3",
				Text: "Dinas Kesehatan membantah kabar bohong bahwa vaksin Covid-19 mengandung chip mikro yang dapat dilacak lewat jaringan 5G, dan meminta warga tetap datang vaksinasi ke puskesmas.", Published: now.Add(-30 * time.Minute)},
			{AgencyID: e.jambi.ID, Title: "Timnas Menang atas Vietnam", Source: "bola.test",
				Text: "Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam dalam laga kualifikasi Piala Dunia.", Published: now},
			// On the topic, not the hoax: a weak suggestion (0.53), not kept.
			{AgencyID: e.jambi.ID, Title: "Vaksin Covid-19 dari Pemerintah Tiba di Puskesmas", Source: "jambiupdate.test",
				Text: "Warga diminta datang ke puskesmas untuk vaksinasi Covid-19 dosis lanjutan dari pemerintah pekan ini.", Published: now},
		}
		if _, err := e.pipeline.Upload(t.Context(), access.SystemActor(), items); err != nil {
			t.Fatalf("Upload: %v", err)
		}
		id := e.claimID(t, "test:vaksin-chip")
		tr, err := e.hoaxes.Track(t.Context(), e.users["analis"].Actor(), id, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Repeats != 2 || tr.Refutes != 1 || tr.Total != 3 {
			t.Errorf("tracking: %d repeats, %d refutes, %d in all; want 2, 1, 3", tr.Repeats, tr.Refutes, tr.Total)
		}
		if len(tr.Repeaters) != 2 || tr.Overtaken {
			t.Errorf("repeaters %v, overtaken %v", tr.Repeaters, tr.Overtaken)
		}
		alerted := 0
		for _, a := range tr.Appearances {
			if a.Alerted {
				alerted++
				if a.Source != "kabarviral.test" {
					t.Errorf("alerted appearance from %s, want the first item", a.Source)
				}
			}
		}
		if alerted != 1 {
			t.Errorf("%d appearances alerted, want 1", alerted)
		}
		for name, want := range map[string]int{"analis": 1, "kepala": 1, "publik": 1, "staf": 0, "aceh": 0} {
			ns, _, _, err := db.FindNotifications(t.Context(), e.users[name].ID, monitor.NotificationFilter{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(ns) != want {
				t.Errorf("%s has %d notifications, want %d", name, len(ns), want)
				continue
			}
			if want == 1 {
				n := ns[0]
				if n.Message.Key != "hoax.alert.recirculation" || n.Link != hoax.ClaimPath(id) || n.ItemID != items[0].ID ||
					n.Message.Args[0] != "Vaksin Covid-19 Mengandung Chip Pelacak 5G" || n.Message.Args[2] != "kabarviral.test" {
					t.Errorf("notification %+v", n)
				}
			}
		}
		// The watchers with an address have it by e-mail too, each in
		// their language, through the mail outbox.
		byTo := map[string]*testenv.Received{}
		for _, m := range srv.Wait(t, 3, 30*time.Second) {
			byTo[m.To[0]] = m
		}
		link := "https://sinergi.jambiprov.test" + hoax.ClaimPath(id)
		for to, want := range map[string][]string{
			"analis@jambiprov.test": {"Hoaks beredar lagi: Vaksin Covid-19 Mengandung Chip Pelacak 5G", "kabarviral.test", "Kata yang cocok:", link},
			"kepala@jambiprov.test": {"Hoax circulating again: Vaksin Covid-19 Mengandung Chip Pelacak 5G", "kabarviral.test", "Matched words:", link},
			"publik@jambiprov.test": {"Hoaks beredar lagi: Vaksin Covid-19 Mengandung Chip Pelacak 5G", link},
		} {
			m := byTo[to]
			if m == nil {
				t.Errorf("no e-mail to %s", to)
				continue
			}
			got := m.Header.Get("Subject") + "\n" + m.Text
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("the e-mail to %s lacks %q:\n%s", to, w, got)
				}
			}
		}
		// Uploading the same items again adds nothing.
		again := []*archive.Item{{AgencyID: e.jambi.ID, Title: "Awas Vaksin Mengandung Chip", Source: "lain.test",
			Text: "Vaksin Covid-19 pemerintah mengandung chip mikro yang bisa dilacak jaringan 5G, warga diminta menolak vaksinasi di puskesmas terdekat.", Published: now}}
		if _, err := e.pipeline.Upload(t.Context(), access.SystemActor(), again); err != nil {
			t.Fatal(err)
		}
		ns, _, _, err := db.FindNotifications(t.Context(), e.users["analis"].ID, monitor.NotificationFilter{Limit: 10})
		if err != nil || len(ns) != 1 {
			t.Errorf("a third repeat within the gap: %d notifications, %v; want still 1", len(ns), err)
		}
	})
}

// TestRecirculationWebhook: a recirculation alert goes to the webhook of
// the item's agency, signed, as the event hoax.recirculation, with the
// claim's and the item's content only when each is PUBLIK.
func TestRecirculationWebhook(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		type received struct {
			event string
			body  map[string]any
		}
		var (
			mu   sync.Mutex
			got  []received
			hook = &monitor.AgencyWebhook{AgencyID: e.jambi.ID, Secret: "rahasia-penanda-tangan-uji", Updated: time.Now()}
		)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			var v struct {
				Event string         `json:"event"`
				Data  map[string]any `json:"data"`
			}
			if r.Header.Get("X-Sinergi-Signature") != monitor.Sign(hook.Secret, body) || json.Unmarshal(body, &v) != nil ||
				v.Event != r.Header.Get("X-Sinergi-Event") {
				http.Error(w, "bad delivery", http.StatusBadRequest)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			got = append(got, received{v.Event, v.Data})
		}))
		defer srv.Close()
		hook.URL = srv.URL + "/kait"
		if err := db.SetAgencyWebhook(t.Context(), hook); err != nil {
			t.Fatal(err)
		}

		// The TERBATAS claim is "belum terbukti": the analysts mark it
		// active to be alerted when it comes back.
		active := true
		if _, err := e.hoaxes.Update(t.Context(), e.users["kepala"].Actor(), e.claimID(t, "test:gubernur"), hoax.Change{Active: &active}); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		items := []*archive.Item{
			{AgencyID: e.jambi.ID, Title: "Warga Diminta Tolak Vaksinasi", Source: "kabarviral.test", URL: "https://kabarviral.test/1",
				Text: "Pesan yang beredar di grup warga menyebut vaksin Covid-19 pemerintah mengandung chip mikro yang dapat dilacak jaringan 5G, warga diminta menolak vaksinasi di puskesmas.", Published: now.Add(-time.Hour)},
			{AgencyID: e.jambi.ID, Title: "Laporan grup pesan warga", Source: "laporan-internal", Classification: access.Terbatas,
				Text: "Kementerian Ketenagakerjaan bagi bantuan subsidi upah Rp3,5 juta! Isi data KTP dan nomor rekening di tautan ini sebelum kuotanya habis ya", Published: now.Add(-time.Hour)},
			{AgencyID: e.jambi.ID, Title: "Gubernur Mundur Pekan Depan?", Source: "kabarviral.test", URL: "https://kabarviral.test/3",
				Text: "Kabar dari dalam kantor gubernur: gubernur akan mengundurkan diri pekan depan karena terseret kasus suap proyek peningkatan jalan provinsi senilai ratusan miliar rupiah.", Published: now.Add(-time.Hour)},
		}
		if _, err := e.pipeline.Upload(t.Context(), access.SystemActor(), items); err != nil {
			t.Fatalf("Upload: %v", err)
		}
		hooks := monitor.NewWebhooks(db, safehttp.New(safehttp.Options{AllowPrivate: true}), sinergi.SystemClock{}, slog.New(slog.DiscardHandler))
		if n, err := hooks.Deliver(t.Context()); err != nil || n != 3 {
			t.Fatalf("Deliver = %d, %v; want 3 (one alert per hoax)", n, err)
		}
		mu.Lock()
		defer mu.Unlock()
		byItem := map[float64]map[string]any{}
		for _, r := range got {
			if r.event != monitor.EventHoaxRecirculation {
				t.Errorf("event %q", r.event)
			}
			byItem[r.body["item"].(map[string]any)["id"].(float64)] = r.body
		}
		claim := func(d map[string]any) map[string]any { return d["claim"].(map[string]any) }
		item := func(d map[string]any) map[string]any { return d["item"].(map[string]any) }

		// Both PUBLIK: the whole story.
		d := byItem[float64(items[0].ID)]
		if c := claim(d); c["title"] != "Vaksin Covid-19 Mengandung Chip Pelacak 5G" || c["verdict"] != "SALAH" || c["rating"] != 0.0 ||
			c["classification"] != "PUBLIK" || d["words"] == nil || item(d)["title"] != items[0].Title ||
			d["link"] != hoax.ClaimPath(e.claimID(t, "test:vaksin-chip")) || d["decision"] != "confirmed" {
			t.Errorf("the PUBLIK alert: %v", d)
		}
		// A TERBATAS item: the claim, not the item nor the words.
		d = byItem[float64(items[1].ID)]
		if c, it := claim(d), item(d); c["title"] == nil || it["classification"] != "TERBATAS" || len(it) != 2 || d["words"] != nil {
			t.Errorf("the alert of a TERBATAS item: %v", d)
		}
		// A TERBATAS claim: the item, not the claim nor the words.
		d = byItem[float64(items[2].ID)]
		if c, it := claim(d), item(d); c["classification"] != "TERBATAS" || len(c) != 2 || it["title"] != items[2].Title || d["words"] != nil {
			t.Errorf("the alert of a TERBATAS claim: %v", d)
		}
	})
}

// TestCitizenCheck: the public check sees only published PUBLIK claims,
// keeps nothing of the text, and counts a confirmed check.
func TestCitizenCheck(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		kepala := e.users["kepala"].Actor()
		published := true
		for _, key := range []string{"test:vaksin-chip", "test:gubernur"} {
			if _, err := e.hoaxes.Update(t.Context(), kepala, e.claimID(t, key), hoax.Change{Published: &published}); err != nil {
				t.Fatal(err)
			}
		}
		// The same hoax checked again under the same headline: a citizen
		// sees it once.
		again := &hoax.Claim{Key: "test:vaksin-chip-lagi", Title: "VAKSIN  Covid-19 mengandung chip pelacak 5G", Published: true,
			Claim:   "Pesan berantai kembali beredar: vaksin Covid-19 disebut berisi chip yang terhubung ke jaringan 5G.",
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH"}, FactChecker: "Tim Uji"}
		if _, _, err := e.hoaxes.Import(t.Context(), kepala, e.jambi.Path, access.Publik, []*hoax.Claim{again}); err != nil {
			t.Fatal(err)
		}
		ms, err := e.hoaxes.Check(t.Context(), "Benarkah vaksin covid dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G sehingga kita harus menolak vaksinasi?", 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Claim.Key != "test:vaksin-chip" || ms[0].Decision != match.Confirmed {
			t.Fatalf("check: %+v", ms)
		}
		if slices.ContainsFunc(ms, func(m hoax.Match) bool { return m.Claim.Key == again.Key }) {
			t.Errorf("the check shows the hoax twice, under one headline")
		}
		if all, err := e.hoaxes.Match(t.Context(), kepala, "vaksin covid chip 5G jaringan", 5); err != nil ||
			!slices.ContainsFunc(all, func(m hoax.Match) bool { return m.Claim.Key == again.Key }) {
			t.Errorf("the second record is not in the registry's matches (%v): the test shows nothing", err)
		}
		secret, err := e.hoaxes.Check(t.Context(), "Kabarnya gubernur bakal mundur minggu depan, terseret kasus suap proyek peningkatan jalan provinsi ratusan miliar rupiah", 5)
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(secret, func(m hoax.Match) bool { return m.Claim.Classification != access.Publik || !m.Claim.Published }) {
			t.Errorf("the public check showed a claim that is not public: %+v", secret)
		}
		if _, err := e.hoaxes.Check(t.Context(), "  ", 5); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("empty check: %v", err)
		}
		if _, err := e.hoaxes.Check(t.Context(), strings.Repeat("hoaks ", hoax.MaxCheckText), 5); sinergi.KindOf(err) != sinergi.KindInvalid {
			t.Errorf("long check: %v", err)
		}
		tr, err := e.hoaxes.Track(t.Context(), kepala, e.claimID(t, "test:vaksin-chip"), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Checks != 1 || tr.Appearances[0].Title != "" || tr.Appearances[0].Source != "" || tr.Appearances[0].URL != "" {
			t.Errorf("the check was kept as %+v (checks %d)", tr.Appearances[0], tr.Checks)
		}
		if _, err := e.hoaxes.PublicClaim(t.Context(), e.claimID(t, "test:gubernur")); sinergi.KindOf(err) != sinergi.KindNotFound {
			t.Errorf("the TERBATAS claim's public page: %v, want not found", err)
		}
		list, n, err := e.hoaxes.PublicClaims(t.Context(), 10, 0)
		if err != nil || n != 2 || len(list) != 2 || !slices.ContainsFunc(list, func(c *hoax.Claim) bool { return c.Key == "test:vaksin-chip" }) {
			t.Errorf("public claims: %d %v", n, err)
		}
	})
}

func TestClarificationApproval(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		id := e.claimID(t, "test:jembatan")
		text := "Jembatan Batanghari II dalam keadaan baik dan dapat dilalui."
		if _, err := e.hoaxes.Update(t.Context(), e.users["analis"].Actor(), id, hoax.Change{Clarification: &text}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.hoaxes.Approve(t.Context(), e.users["analis"].Actor(), id, true); sinergi.KindOf(err) != sinergi.KindForbidden {
			t.Errorf("an analyst approved: %v", err)
		}
		c, err := e.hoaxes.Approve(t.Context(), e.users["kepala"].Actor(), id, true)
		if err != nil {
			t.Fatal(err)
		}
		if c.Clarification.Status != hoax.ClarificationApproved || c.Clarification.ApprovedBy != "kepala" || c.Clarification.ApprovedAt.IsZero() {
			t.Errorf("approved clarification: %+v", c.Clarification)
		}
		if _, err := e.hoaxes.Approve(t.Context(), e.users["kepala"].Actor(), id, true); sinergi.KindOf(err) != sinergi.KindConflict {
			t.Errorf("approving twice: %v", err)
		}
	})
}

// TestRefreshTakesInOtherProcesses: a claim imported by another process
// (another Service on the same store) is matched after RefreshEvery.
func TestRefreshTakesInOtherProcesses(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		c := testenv.NewClock(time.Now())
		log := audit.NewLog(db, c)
		server := hoax.NewService(db, log, c, analyzer, nil, hoax.Options{})
		other := hoax.NewService(db, log, c, analyzer, nil, hoax.Options{})
		text := "Beredar kabar PDAM memutus aliran air bersih di seluruh kecamatan selama tiga hari mulai besok untuk perbaikan pipa induk, warga diminta menampung air."
		if ms, err := server.Match(t.Context(), access.SystemActor(), text, 1); err != nil || len(ms) != 0 {
			t.Fatalf("before the import: %+v, %v", ms, err)
		}
		added, _, err := other.Import(t.Context(), access.SystemActor(), []int64(e.jambi.Path), access.Publik, []*hoax.Claim{{
			Key: "test:pdam", Title: "PDAM Putus Air Bersih Tiga Hari", FactChecker: "Tim Uji",
			Claim:   "PDAM akan memutus aliran air bersih di seluruh kecamatan selama tiga hari mulai besok untuk perbaikan pipa induk, warga diminta menampung air.",
			Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH"}}})
		if err != nil || added != 1 {
			t.Fatalf("Import: %d, %v", added, err)
		}
		if ms, _ := server.Match(t.Context(), access.SystemActor(), text, 1); len(ms) != 0 {
			t.Errorf("matched before RefreshEvery: %+v", ms)
		}
		c.Add(hoax.RefreshEvery)
		ms, err := server.Match(t.Context(), access.SystemActor(), text, 1)
		if err != nil || len(ms) != 1 || ms[0].Claim.Key != "test:pdam" || ms[0].Decision != match.Confirmed {
			t.Fatalf("after RefreshEvery: %+v, %v", ms, err)
		}
		// A change there (publishing it) reaches the public check here.
		published := true
		c.Add(time.Second)
		if _, err := other.Update(t.Context(), access.SystemActor(), ms[0].Claim.ID, hoax.Change{Published: &published}); err != nil {
			t.Fatal(err)
		}
		if ms, _ := server.Check(t.Context(), text, 1); len(ms) != 0 {
			t.Errorf("published before RefreshEvery: %+v", ms)
		}
		c.Add(hoax.RefreshEvery)
		if ms, err := server.Check(t.Context(), text, 1); err != nil || len(ms) != 1 || ms[0].Claim.Key != "test:pdam" {
			t.Errorf("the public check after the change: %+v, %v", ms, err)
		}
	})
}

// TestBackgroundFromArchive: a service that starts over a filled archive
// (a restarted server, `sinergi hoax match`) weighs the words of the day
// as the pipeline's service does after seeing the same items arrive, so
// a report on the topic of a scam scores lower than on a fresh archive.
func TestBackgroundFromArchive(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		report := "Kementerian Ketenagakerjaan mulai menyalurkan bantuan subsidi upah Rp3,5 juta ke rekening pekerja yang datanya lengkap, kata menteri di Jakarta."
		score := func(s *hoax.Service) float64 {
			t.Helper()
			ms, err := s.Match(t.Context(), access.SystemActor(), report, 3)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				if m.Claim.Key == "test:bsu" {
					return m.Score
				}
			}
			t.Fatalf("the report does not resemble the scam at all: %+v", ms)
			return 0
		}
		fresh := score(e.hoaxes)

		// The day's news on the topic: the background counts from 1,000
		// items on, and refreshes every 500, so after exactly 1,000 both
		// services weigh the same counts.
		now := time.Now().UTC()
		items := make([]*archive.Item, 1000)
		for i := range items {
			items[i] = &archive.Item{AgencyID: e.jambi.ID, Source: fmt.Sprintf("berita%d.test", i%7),
				Title:     fmt.Sprintf("Bantuan Subsidi Upah Tahap %d Cair", i%40+1),
				Text:      "Kementerian Ketenagakerjaan menyalurkan bantuan subsidi upah kepada pekerja melalui rekening bank penyalur.",
				Published: now.Add(-time.Duration(len(items)-i) * time.Minute)}
		}
		analyses, err := e.archives.Prepare(t.Context(), access.SystemActor(), items)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AddItems(t.Context(), items, analyses); err != nil {
			t.Fatal(err)
		}
		for i, err := range e.hoaxes.MatchItems(t.Context(), items, analyses) {
			if err != nil {
				t.Fatalf("item %d: %v", i, err)
			}
		}
		pipeline := score(e.hoaxes)

		restarted := hoax.NewService(db, audit.NewLog(db, sinergi.SystemClock{}), sinergi.SystemClock{}, analyzer, nil, hoax.Options{})
		if got := score(restarted); got != pipeline || got >= fresh {
			t.Errorf("score of the report: restarted %.4f, pipeline %.4f, fresh archive %.4f; want restarted = pipeline < fresh", got, pipeline, fresh)
		}
	})
}

// TestConcurrentUse: imports, citizens' checks and analysts' matches at
// once (run with -race).
func TestConcurrentUse(t *testing.T) {
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		kepala := e.users["kepala"].Actor()
		text := "Katanya vaksin covid dari pemerintah ada chip mikronya, bisa dilacak lewat jaringan 5G, jadi warga diminta menolak vaksinasi di puskesmas"
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		wg.Go(func() {
			for i := range 5 {
				c := claims()[1]
				c.Key = fmt.Sprintf("test:bsu-%d", i)
				if _, _, err := e.hoaxes.Import(t.Context(), kepala, []int64(e.jambi.Path), access.Publik, []*hoax.Claim{c}); err != nil {
					errs <- err
				}
			}
		})
		for range 2 {
			wg.Go(func() {
				for range 10 {
					if _, err := e.hoaxes.Check(t.Context(), text, 3); err != nil {
						errs <- err
					}
					if _, err := e.hoaxes.Match(t.Context(), kepala, text, 3); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if ms, err := e.hoaxes.Match(t.Context(), kepala, text, 1); err != nil || len(ms) != 1 || ms[0].Claim.Key != "test:vaksin-chip" {
			t.Errorf("after: %+v, %v", ms, err)
		}
	})
}
