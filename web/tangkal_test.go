package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/internal/testenv"
	"github.com/sinergi-id/sinergi/safehttp"
	"github.com/sinergi-id/sinergi/store"
	"github.com/sinergi-id/sinergi/store/storetest"
)

// testHoaxes are hoaxes written for the tests in the manner of
// TurnBackHoax's records: a headline, the narrative as it circulated, a
// verdict, a finding. Imported into Jambi's registry by seedHoaxes:
//
//	vaksin    PUBLIK    published   SALAH           active
//	bsu       PUBLIK    unpublished PENIPUAN        active
//	jembatan  PUBLIK    unpublished Keliru (Tempo)  active
//	gubernur  TERBATAS  published   BELUM TERBUKTI  not active
var testHoaxes = map[string]*hoax.Claim{
	"vaksin": {Key: "uji:vaksin-chip", Title: "Vaksin Covid-19 Mengandung Chip Pelacak 5G",
		Claim:       "Beredar pesan berantai yang menyebut vaksin Covid-19 dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G, sehingga warga diminta menolak vaksinasi di puskesmas.",
		Summary:     "Faktanya, vaksin tidak mengandung chip; ukuran jarum suntik tidak memungkinkan.",
		Explanation: "Kementerian Kesehatan memastikan vaksin hanya berisi bahan aktif dan pelarut.\n\nJaringan 5G tidak dapat melacak benda di dalam tubuh.",
		Verdict:     hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "SALAH"}, Category: "Kesehatan",
		FactChecker: "Tim Uji Fakta", URL: "https://cekfakta.example/vaksin-chip", Sources: []string{"WhatsApp", "https://sosmed.example/p/1"},
		References: []string{"https://kemkes.example/vaksin"}, Reviewed: time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)},
	"bsu": {Key: "uji:bsu", Title: "Pendaftaran Bantuan Subsidi Upah Rp3,5 Juta Lewat Tautan",
		Claim:   "Segera daftarkan diri anda untuk menerima bantuan subsidi upah sebesar Rp3,5 juta dari Kementerian Ketenagakerjaan, cukup isi data KTP dan nomor rekening pada tautan berikut sebelum kuota habis.",
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "PENIPUAN"}, FactChecker: "Tim Uji Fakta"},
	"jembatan": {Key: "uji:jembatan", Title: "Jembatan Batanghari II Ambruk Diterjang Banjir",
		Claim:   "Innalillahi, jembatan Batanghari II di Kabupaten Muaro Jambi ambruk diterjang banjir malam ini, kendaraan dari arah Kota Jambi diminta putar balik.",
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabTempo, Label: "Keliru"}, FactChecker: "Cek Fakta Uji"},
	"gubernur": {Key: "uji:gubernur", Title: "Gubernur Mundur karena Kasus Suap Proyek Jalan Provinsi",
		Claim:   "Kabar dari dalam kantor gubernur menyebut gubernur akan mengundurkan diri pekan depan karena terseret kasus suap proyek peningkatan jalan provinsi senilai ratusan miliar rupiah.",
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabTurnBackHoax, Label: "BELUM TERBUKTI"}, FactChecker: "Humas Jambi"},
}

// Rewordings of the test hoaxes, as a citizen or an outlet would write
// them.
const (
	rewordedVaksin   = "Benarkah vaksin covid dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G sehingga kita harus menolak vaksinasi?"
	rewordedBSU      = "Kementerian Ketenagakerjaan bagi bantuan subsidi upah Rp3,5 juta! Isi data KTP dan nomor rekening di tautan ini sebelum kuotanya habis ya"
	rewordedGubernur = "Kabarnya gubernur bakal mundur minggu depan, terseret kasus suap proyek peningkatan jalan provinsi ratusan miliar rupiah"
)

// seedHoaxes imports testHoaxes into Jambi's registry as its head of
// Humas, publishes two, and adds an analyst of Aceh; it returns the
// claims' IDs by name.
func (f *fixture) seedHoaxes() map[string]int64 {
	t := f.t
	t.Helper()
	ctx := context.Background()
	kepala := f.user["kepala"].Actor()
	path := []int64(f.agency["jambi"].Path)
	for _, class := range []access.Level{access.Publik, access.Terbatas} {
		var cs []*hoax.Claim
		for _, name := range []string{"vaksin", "bsu", "jembatan", "gubernur"} {
			if c := testHoaxes[name]; (name == "gubernur") == (class == access.Terbatas) {
				cp := *c
				cs = append(cs, &cp)
			}
		}
		if _, _, err := f.svc.Hoaxes.Import(ctx, kepala, path, class, cs); err != nil {
			t.Fatalf("Import: %v", err)
		}
	}
	list, _, err := f.svc.Hoaxes.Claims(ctx, access.SystemActor(), hoax.ClaimFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, c := range list {
		for name, tc := range testHoaxes {
			if c.Key == tc.Key {
				ids[name] = c.ID
			}
		}
	}
	// A claim "not proven" is not active. (hoax.Import judges activity
	// before it rates the verdict, so the importer's zero score makes
	// every new claim active; the analysts' form puts it right.)
	published, inactive := true, false
	for _, name := range []string{"vaksin", "gubernur"} {
		ch := hoax.Change{Published: &published}
		if name == "gubernur" {
			ch.Active = &inactive
		}
		if _, err := f.svc.Hoaxes.Update(ctx, kepala, ids[name], ch); err != nil {
			t.Fatalf("publish %s: %v", name, err)
		}
	}
	aceh, err := f.svc.Agencies.CreateFromRegion(ctx, access.SystemActor(), "11", f.agency["root"].ID)
	if err != nil {
		t.Fatalf("CreateFromRegion(11): %v", err)
	}
	f.agency["aceh"] = aceh
	u, err := f.svc.Auth.CreateUser(ctx, access.SystemActor(), auth.NewUser{AgencyID: aceh.ID, Username: "analisaceh",
		Name: "Cut Nyak Meutia", Role: access.Analis, Clearance: access.Rahasia, Password: testPassword})
	if err != nil {
		t.Fatalf("CreateUser(analisaceh): %v", err)
	}
	f.user["analisaceh"] = u
	return ids
}

func idPath(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }

// TestTangkalRegistry: the registry and a claim's page as each reader may
// see them, on both engines: an analyst of Jambi sees the TERBATAS claim,
// the staff of Muaro Jambi (PUBLIK clearance) and Aceh do not; the
// filters narrow the list.
func TestTangkalRegistry(t *testing.T) {
	t.Parallel()
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixtureOn(t, db)
		ids := f.seedHoaxes()
		analis := f.signedIn("analis")
		res := analis.get("/tangkal")
		wantStatus(t, "the registry", res, http.StatusOK)
		wantBody(t, "the registry", res, `<a href="/tangkal" aria-current="page">Tangkal</a>`, "4 klaim",
			`<a href="`+hoax.ClaimPath(ids["vaksin"])+`">Vaksin Covid-19 Mengandung Chip Pelacak 5G</a>`,
			`<span class="verdict verdict--false">SALAH</span>`, `<span class="verdict verdict--mixed">BELUM TERBUKTI</span>`,
			`<span class="verdict verdict--false">Keliru</span>`, "Tim Uji Fakta", "Senin, 2 November 2026",
			`<span class="badge badge--terbatas">TERBATAS</span>`, `<span class="tag">Terbit</span>`, "Tidak aktif")
		for _, tc := range []struct {
			query     string
			want, not []string
		}{
			{"?putusan=PENIPUAN", []string{"1 klaim", "Pendaftaran Bantuan"}, []string{"Jembatan Batanghari"}},
			{"?q=jembatan", []string{"1 klaim", "Jembatan Batanghari"}, []string{"Pendaftaran Bantuan"}},
			{"?aktif=1", []string{"3 klaim"}, []string{"Gubernur Mundur"}},
			{"?urut=sering&halaman=2", []string{"4 klaim"}, []string{"Gubernur Mundur"}},
		} {
			res := analis.get("/tangkal" + tc.query)
			wantStatus(t, tc.query, res, http.StatusOK)
			wantBody(t, tc.query, res, tc.want...)
			for _, s := range tc.not {
				if strings.Contains(res.body, s) {
					t.Errorf("/tangkal%s shows %q", tc.query, s)
				}
			}
		}
		for name, wantTerbatas := range map[string]bool{"kepala": true, "staf": false, "analisaceh": false} {
			res := f.signedIn(name).get("/tangkal")
			wantStatus(t, name+"'s registry", res, http.StatusOK)
			if got := strings.Contains(res.body, "Gubernur Mundur"); got != wantTerbatas {
				t.Errorf("%s sees the TERBATAS claim in the registry: %v, want %v", name, got, wantTerbatas)
			}
		}
		gubernur := hoax.ClaimPath(ids["gubernur"])
		wantStatus(t, "Aceh opens Jambi's TERBATAS claim", f.signedIn("analisaceh").get(gubernur), http.StatusNotFound)
		wantStatus(t, "staff open the TERBATAS claim", f.signedIn("staf").get(gubernur), http.StatusNotFound)
		wantStatus(t, "a claim that does not exist", analis.get(hoax.ClaimPath(999999)), http.StatusNotFound)
		wantStatus(t, "a malformed ID", analis.get("/tangkal/klaim/abc"), http.StatusNotFound)

		res = analis.get(hoax.ClaimPath(ids["vaksin"]))
		wantStatus(t, "a claim's page", res, http.StatusOK)
		wantBody(t, "a claim's page", res, "<h1>Vaksin Covid-19 Mengandung Chip Pelacak 5G</h1>",
			`<p class="body-text">Beredar pesan berantai`, "Faktanya, vaksin tidak mengandung chip",
			"<p class=\"body-text\">Kementerian Kesehatan memastikan vaksin hanya berisi bahan aktif dan pelarut.\n\nJaringan 5G",
			"TurnBackHoax (Mafindo) · skor 0,00 (0 salah, 1 benar)", "Kesehatan",
			`<a href="https://cekfakta.example/vaksin-chip" rel="noopener nofollow">Artikel cek fakta</a>`,
			`WhatsApp, <a href="https://sosmed.example/p/1" rel="noopener nofollow">https://sosmed.example/p/1</a>`,
			`<a href="https://kemkes.example/vaksin" rel="noopener nofollow">`, "Belum ada kemunculan yang boleh Anda lihat.",
			"Ubah klaim", `name="op" value="state"`, `<option value="SALAH" selected>`, `<option value="PENIPUAN">`, "Simpan draf")
		if strings.Contains(res.body, "Setujui klarifikasi") {
			t.Error("an analyst is offered to approve")
		}
		res = f.signedIn("staf").get(hoax.ClaimPath(ids["vaksin"]))
		wantStatus(t, "staff read a PUBLIK claim", res, http.StatusOK)
		if strings.Contains(res.body, `name="op"`) {
			t.Error("staff are offered the forms that change a claim")
		}
		res = f.signedIn("kepala").get(hoax.ClaimPath(ids["jembatan"]))
		wantBody(t, "Tempo's scale", res, `<option value="Keliru" selected>`, `<option value="Menyesatkan">`)
	})
}

// TestTangkalForms: changing a claim, its clarification and the
// approval, each by those allowed; CSRF and bad input refused.
func TestTangkalForms(t *testing.T) {
	t.Parallel()
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixtureOn(t, db)
		ids := f.seedHoaxes()
		path := hoax.ClaimPath(ids["jembatan"])
		analis, kepala := f.signedIn("analis"), f.signedIn("kepala")

		state := url.Values{"op": {"state"}, "active": {"1"}, "published": {"1"}, "classification": {"0"}, "verdict": {"Menyesatkan"}}
		res := analis.submit(path, path, state)
		wantStatus(t, "the analyst changes the claim", res, http.StatusSeeOther)
		if res.location() != path+"?notice=claim_updated" {
			t.Errorf("after the change: Location %q", res.location())
		}
		res = analis.get(res.location())
		wantBody(t, "the changed claim", res, "Perubahan klaim telah disimpan.", `<span class="verdict verdict--false">Menyesatkan</span>`,
			`<span class="tag">Terbit</span>`, `<a href="/hoaks/`+strconv.FormatInt(ids["jembatan"], 10)+`">Halaman publik</a>`)
		c, err := f.svc.Hoaxes.Claim(context.Background(), access.SystemActor(), ids["jembatan"])
		if err != nil || !c.Published || c.Verdict.Label != "Menyesatkan" || c.Verdict.Score != 0.25 {
			t.Errorf("stored claim %+v, %v", c, err)
		}

		bad := url.Values{"op": {"state"}, "classification": {"0"}, "verdict": {"MUNGKIN"}}
		res = analis.submit(path, path, bad)
		wantStatus(t, "an unknown verdict", res, http.StatusBadRequest)
		wantBody(t, "an unknown verdict", res, "Putusan MUNGKIN tidak dikenal dalam kosakata tempo.")
		bad = url.Values{"op": {"state"}, "classification": {"7"}, "verdict": {"Keliru"}}
		wantStatus(t, "an unknown classification", analis.submit(path, path, bad), http.StatusBadRequest)
		wantStatus(t, "an unknown form", analis.submit(path, path, url.Values{"op": {"hapus"}}), http.StatusBadRequest)
		wantStatus(t, "the analyst makes it RAHASIA above their clearance",
			analis.submit(path, path, url.Values{"op": {"state"}, "classification": {"2"}, "verdict": {"Keliru"}}), http.StatusForbidden)

		res = analis.post(path, url.Values{"op": {"state"}, "classification": {"0"}, "verdict": {"Keliru"}})
		wantStatus(t, "a form without its token", res, http.StatusForbidden)
		wantBody(t, "a form without its token", res, "Formulir ini sudah kedaluwarsa")
		staf := f.signedIn("staf")
		wantStatus(t, "staff change a claim", staf.submit("/dasbor", path, state), http.StatusForbidden)
		wantStatus(t, "Aceh changes Jambi's PUBLIK claim", f.signedIn("analisaceh").submit("/dasbor", path, state), http.StatusForbidden)
		gubernur := hoax.ClaimPath(ids["gubernur"])
		wantStatus(t, "Aceh changes Jambi's TERBATAS claim", f.signedIn("analisaceh").submit("/dasbor", gubernur, state), http.StatusNotFound)

		text := "Jembatan Batanghari II dalam keadaan baik dan dapat dilalui."
		res = analis.submit(path, path, url.Values{"op": {"clarification"}, "clarification": {text}})
		wantStatus(t, "the analyst drafts the clarification", res, http.StatusSeeOther)
		wantBody(t, "the draft", analis.get(res.location()), "Klarifikasi disimpan sebagai draf", text, "Draf, menunggu persetujuan")
		public := idPath("/hoaks/", ids["jembatan"])
		if res := f.client().get(public); strings.Contains(res.body, text) {
			t.Errorf("the public page shows a draft clarification:\n%s", res.body)
		}
		approve := path + "/persetujuan"
		wantStatus(t, "the analyst approves", analis.submit(path, approve, url.Values{"keputusan": {"setuju"}}), http.StatusForbidden)
		wantStatus(t, "staff approve", staf.submit("/dasbor", approve, url.Values{"keputusan": {"setuju"}}), http.StatusForbidden)
		res = kepala.get(path)
		wantBody(t, "the head of Humas's page", res, "Setujui klarifikasi", "Kembalikan")
		wantStatus(t, "a decision that is none", kepala.submit(path, approve, url.Values{"keputusan": {"mungkin"}}), http.StatusBadRequest)
		res = kepala.submit(path, approve, url.Values{"keputusan": {"kembalikan"}})
		wantStatus(t, "the head of Humas sends it back", res, http.StatusSeeOther)
		wantBody(t, "sent back", kepala.get(res.location()), "Klarifikasi dikembalikan untuk diperbaiki.", "Dikembalikan untuk diperbaiki")
		res = kepala.submit(path, approve, url.Values{"keputusan": {"setuju"}})
		wantStatus(t, "approving what is not a draft", res, http.StatusConflict)
		wantBody(t, "approving what is not a draft", res, "Tidak ada draf klarifikasi yang menunggu persetujuan.")

		text += " Warga diimbau tidak menyebarkan kabar tersebut."
		analis.submit(path, path, url.Values{"op": {"clarification"}, "clarification": {text}})
		res = kepala.submit(path, approve, url.Values{"keputusan": {"setuju"}})
		wantStatus(t, "the head of Humas approves", res, http.StatusSeeOther)
		wantBody(t, "approved", kepala.get(res.location()), "Klarifikasi disetujui.", "Disetujui · oleh kepala, ")
		res = f.client().get(public)
		wantStatus(t, "the public page", res, http.StatusOK)
		wantBody(t, "the public page", res, "Klarifikasi resmi Humas Pemerintah Provinsi Jambi", text)

		entries, _, err := f.svc.Audit.Find(context.Background(), audit.Filter{Action: "hoax.clarification", Limit: 10})
		if err != nil || len(entries) != 2 {
			t.Errorf("audit of the clarification: %d entries, %v; want 2", len(entries), err)
		}
	})
}

// TestTangkalTracking: items uploaded through the pipeline repeat and
// refute a hoax, and a citizen checks it; the claim's page shows the
// timeline, the repeaters, who is winning and the appearances, the
// citizen's check as nothing but its time; the recirculation alert leads
// there.
func TestTangkalTracking(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ids := f.seedHoaxes()
	now := time.Now().UTC()
	item := func(source, title, text string, ago time.Duration) *archive.Item {
		return &archive.Item{AgencyID: f.agency["jambi"].ID, Classification: access.Publik, Title: title, Text: text, Source: source,
			URL: "https://" + source + "/" + strconv.Itoa(int(ago.Minutes())), Published: now.Add(-ago)}
	}
	f.upload(
		item("kabarviral.example", "Warga Diminta Tolak Vaksinasi",
			"Pesan yang beredar di grup warga menyebut vaksin Covid-19 pemerintah mengandung chip mikro yang dapat dilacak jaringan 5G, warga diminta menolak vaksinasi di puskesmas.", 50*time.Hour),
		item("beritaheboh.example", "Vaksin Berisi Chip 5G, Tolak Vaksinasi!",
			"Vaksin covid dari pemerintah mengandung chip mikro yang bisa dilacak lewat jaringan 5G. Tolak vaksinasi di puskesmas sekarang juga.", 2*time.Hour),
		item("jambiekspres.co.id", "Dinkes Bantah Hoaks Vaksin Mengandung Chip 5G",
			"Dinas Kesehatan membantah kabar bohong bahwa vaksin Covid-19 mengandung chip mikro yang dapat dilacak lewat jaringan 5G, dan meminta warga tetap datang vaksinasi ke puskesmas.", time.Hour),
	)
	citizen := f.client()
	secret := "Pak RT bilang " + rewordedVaksin
	wantStatus(t, "a citizen's check", citizen.submit("/cek-hoaks", "/cek-hoaks", url.Values{"text": {secret}}), http.StatusOK)

	kepala := f.signedIn("kepala")
	res := kepala.get("/notifikasi")
	wantBody(t, "the recirculation alert", res, `href="`+hoax.ClaimPath(ids["vaksin"])+`"`, "beredar lagi")
	res = kepala.get(hoax.ClaimPath(ids["vaksin"]))
	wantStatus(t, "the tracked claim", res, http.StatusOK)
	wantBody(t, "the tracked claim", res,
		"Terkonfirmasi: 2 kali diulang, 1 kali dibantah, 1 kali dicek warga.", "Hoaks masih lebih banyak beredar daripada bantahannya.",
		`<figure class="chart`, "Kemunculan per hari", "Mengulang", "Membantah", "Cek warga",
		`<th scope="row">kabarviral.example</th><td class="num">1</td>`, `<th scope="row">beritaheboh.example</th>`,
		`<a href="https://kabarviral.example/3000" rel="noopener nofollow">Warga Diminta Tolak Vaksinasi</a>`,
		"Terkonfirmasi", `<span class="tag">memicu peringatan</span>`, "mikro", "WIB")
	if !strings.Contains(res.body, `<td colspan="8">Cek warga</td>`) {
		t.Error("the citizen's check is not shown as a bare row")
	}
	for _, leak := range []string{"Pak RT", "Benarkah"} {
		if strings.Contains(res.body, leak) {
			t.Errorf("the claim's page shows the citizen's text (%q)", leak)
		}
	}
	if strings.Contains(f.logs.String(), "Pak RT") {
		t.Error("the log holds the citizen's text")
	}
	// The refutation catches up: two more reports refute it.
	f.upload(
		item("antaranews.com", "Kemenkes: Vaksin Tidak Mengandung Chip, Itu Hoaks",
			"Kementerian Kesehatan menegaskan kabar vaksin Covid-19 mengandung chip mikro yang dapat dilacak jaringan 5G adalah hoaks; warga diminta tetap vaksinasi di puskesmas.", 30*time.Minute),
		item("kompas.com", "Cek Fakta: Tidak Benar Vaksin Covid-19 Berisi Chip 5G",
			"Klarifikasi: pesan yang menyebut vaksin Covid-19 dari pemerintah berisi chip mikro yang dilacak lewat jaringan 5G tidak benar, warga jangan menolak vaksinasi di puskesmas.", 20*time.Minute),
	)
	wantBody(t, "after the refutations", kepala.get(hoax.ClaimPath(ids["vaksin"])), "Klarifikasi sudah menyusul")
	// English, in the agency's zone.
	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	wantBody(t, "in English", f.signedIn("kepala").get(hoax.ClaimPath(ids["vaksin"])), `<html lang="en">`, "Repeat tracking",
		"Appearances per day", "Citizen check", "Who keeps repeating it", "score 0.00 (0 false, 1 true)")
}

// TestHoaxCheck: a citizen, not signed in, checks a reworded hoax and
// finds it with its verdict; TERBATAS and unpublished claims never show
// on the check, the list or their pages; nothing of the text is logged.
func TestHoaxCheck(t *testing.T) {
	t.Parallel()
	storetest.ForEachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixtureOn(t, db)
		ids := f.seedHoaxes()
		c := f.client()
		res := c.get("/cek-hoaks")
		wantStatus(t, "the check", res, http.StatusOK)
		wantBody(t, "the check", res, `<html lang="id">`, "<h1>Cek hoaks</h1>", `<textarea id="text" name="text"`,
			`<input id="link" name="link" type="url"`, "tidak disimpan")
		if strings.Contains(res.body, "<script") {
			t.Error("the public check has a script")
		}
		res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"text": {rewordedVaksin}})
		wantStatus(t, "a reworded hoax", res, http.StatusOK)
		wantBody(t, "a reworded hoax", res, "Mirip dengan 1 hoaks yang sudah diperiksa",
			`<a href="/hoaks/`+strconv.FormatInt(ids["vaksin"], 10)+`">Vaksin Covid-19 Mengandung Chip Pelacak 5G</a>`,
			"<strong>Terkonfirmasi</strong>", `<span class="verdict verdict--false">SALAH</span>`, "Tim Uji Fakta",
			"Faktanya, vaksin tidak mengandung chip", rewordedVaksin)
		for name, text := range map[string]string{"TERBATAS": rewordedGubernur, "unpublished": rewordedBSU} {
			res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"text": {text}})
			wantStatus(t, "the "+name+" claim's rewording", res, http.StatusOK)
			wantBody(t, "the "+name+" claim's rewording", res, "Tidak ditemukan hoaks serupa dalam registri.", "Periksa siapa sumbernya")
			for _, hidden := range []string{"Gubernur Mundur", "Subsidi Upah Rp3,5 Juta", "Humas Jambi"} {
				if strings.Contains(res.body, hidden) {
					t.Errorf("the check of the %s claim's rewording shows %q", name, hidden)
				}
			}
		}
		res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"text": {"  "}})
		wantStatus(t, "nothing to check", res, http.StatusBadRequest)
		wantBody(t, "nothing to check", res, "Tempelkan teks atau tautan yang ingin dicek.", `aria-invalid="true"`)
		res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"text": {strings.Repeat("hoaks ", hoax.MaxCheckText)}})
		wantStatus(t, "a text too long", res, http.StatusBadRequest)
		wantStatus(t, "a check without its token", c.post("/cek-hoaks", url.Values{"text": {rewordedVaksin}}), http.StatusForbidden)

		res = c.get("/hoaks")
		wantStatus(t, "the public list", res, http.StatusOK)
		wantBody(t, "the public list", res, "1 klaim", `<a href="/hoaks/`+strconv.FormatInt(ids["vaksin"], 10)+`">`)
		for _, hidden := range []string{"Gubernur", "Subsidi", "Jembatan"} {
			if strings.Contains(res.body, hidden) {
				t.Errorf("the public list shows %q", hidden)
			}
		}
		res = c.get(idPath("/hoaks/", ids["vaksin"]))
		wantStatus(t, "a public claim", res, http.StatusOK)
		wantBody(t, "a public claim", res, "<h1>Vaksin Covid-19 Mengandung Chip Pelacak 5G</h1>", `<blockquote class="body-text">Beredar pesan berantai`,
			"Kementerian Kesehatan memastikan", `<a href="https://kemkes.example/vaksin" rel="noopener nofollow">`, "Cek hoaks")
		wantBody(t, "a public claim's ClaimReview", res, `<script type="application/ld+json">`, `"@type":"ClaimReview"`,
			`"alternateName":"SALAH"`, `/hoaks/`+strconv.FormatInt(ids["vaksin"], 10)+`"`)
		res = c.get("/hoaks/feed.jsonld")
		wantStatus(t, "the ClaimReview feed", res, http.StatusOK)
		if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/ld+json") {
			t.Errorf("the feed's Content-Type is %q", ct)
		}
		var feed struct {
			Type     string `json:"@type"`
			Elements []struct {
				Item struct {
					Name string `json:"name"`
					URL  string `json:"url"`
				} `json:"item"`
			} `json:"dataFeedElement"`
		}
		if err := json.Unmarshal([]byte(res.body), &feed); err != nil {
			t.Fatalf("the feed: %v", err)
		}
		if feed.Type != "DataFeed" || len(feed.Elements) != 1 || feed.Elements[0].Item.Name != "Vaksin Covid-19 Mengandung Chip Pelacak 5G" ||
			!strings.HasSuffix(feed.Elements[0].Item.URL, "/hoaks/"+strconv.FormatInt(ids["vaksin"], 10)) {
			t.Errorf("the feed holds %+v, want the one public claim", feed)
		}
		for name, id := range map[string]int64{"TERBATAS": ids["gubernur"], "unpublished": ids["bsu"], "absent": 999999} {
			wantStatus(t, "the public page of the "+name+" claim", c.get(idPath("/hoaks/", id)), http.StatusNotFound)
		}
		logs := f.logs.String()
		for _, s := range []string{"Benarkah", "kuotanya", "miliar rupiah"} {
			if strings.Contains(logs, s) {
				t.Errorf("the log holds the citizen's text (%q)", s)
			}
		}
	})
}

// TestHoaxCheckRateLimit: the eleventh check of a minute from one
// address is refused with 429 and when to come back.
func TestHoaxCheckRateLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.seedHoaxes()
	c := f.client()
	token := c.token("/cek-hoaks")
	for i := range checksPerWindow {
		wantStatus(t, fmt.Sprintf("check %d", i+1), c.post("/cek-hoaks", url.Values{"csrf": {token}, "text": {rewordedVaksin}}), http.StatusOK)
	}
	res := c.post("/cek-hoaks", url.Values{"csrf": {token}, "text": {rewordedVaksin}})
	wantStatus(t, "one check too many", res, http.StatusTooManyRequests)
	wantBody(t, "one check too many", res, "Terlalu banyak pengecekan dari alamat Anda.")
	if s, err := strconv.Atoi(res.header.Get("Retry-After")); err != nil || s < 1 || s > 60 {
		t.Errorf("Retry-After %q", res.header.Get("Retry-After"))
	}
	wantStatus(t, "the form still opens", c.get("/cek-hoaks"), http.StatusOK)
}

// TestHoaxCheckRateLimitBehindProxy: behind a trusted proxy each citizen
// has their own limit, by the address the proxy forwards; without the
// proxy trusted, a forwarded address the client wrote itself changes
// nothing.
func TestHoaxCheckRateLimitBehindProxy(t *testing.T) {
	t.Parallel()
	for _, trusted := range []bool{true, false} {
		f := newFixture(t)
		f.seedHoaxes()
		if trusted {
			f.srv.proxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
		}
		first, second := f.client(), f.client()
		first.header = http.Header{"X-Forwarded-For": {"203.0.113.7"}}
		second.header = http.Header{"X-Forwarded-For": {"198.51.100.20, 127.0.0.1"}}
		token := first.token("/cek-hoaks")
		for i := range checksPerWindow {
			wantStatus(t, fmt.Sprintf("trusted %v: check %d", trusted, i+1), first.post("/cek-hoaks", url.Values{"csrf": {token}, "text": {rewordedVaksin}}), http.StatusOK)
		}
		wantStatus(t, fmt.Sprintf("trusted %v: the first citizen's check too many", trusted),
			first.post("/cek-hoaks", url.Values{"csrf": {token}, "text": {rewordedVaksin}}), http.StatusTooManyRequests)
		want := http.StatusOK
		if !trusted {
			want = http.StatusTooManyRequests
		}
		token = second.token("/cek-hoaks")
		wantStatus(t, fmt.Sprintf("trusted %v: another citizen's first check", trusted),
			second.post("/cek-hoaks", url.Values{"csrf": {token}, "text": {rewordedVaksin}}), want)
	}
}

// articlePage is a news page that repeats the vaccine hoax, among a
// site's menus.
const articlePage = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Heboh Chip di Vaksin</title></head><body>
<nav><a href="/">Beranda</a> <a href="/politik">Politik</a></nav>
<article><h1>Heboh Chip di Vaksin</h1>
<p>Sebuah pesan yang ramai dibagikan di grup keluarga menyebutkan bahwa vaksin Covid-19 dari pemerintah mengandung chip mikro.</p>
<p>Menurut pesan itu, chip tersebut bisa dilacak lewat jaringan 5G, sehingga warga diminta menolak vaksinasi di puskesmas terdekat.</p>
<p>Pesan tersebut juga meminta penerimanya meneruskan kabar itu kepada sebanyak mungkin orang.</p>
</article><footer>Hak cipta contoh</footer></body></html>`

// TestHoaxCheckLink: a link is fetched from a real loopback server, its
// main text checked; without permission for private addresses the same
// link is refused; a missing page and a non-page say so.
func TestHoaxCheckLink(t *testing.T) {
	t.Parallel()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/berita/vaksin":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, articlePage)
		case "/gambar.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(site.Close)
	f := newFixture(t) // its fetcher may reach loopback
	ids := f.seedHoaxes()
	c := f.client()
	res := c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"link": {site.URL + "/berita/vaksin"}})
	wantStatus(t, "a link to the hoax", res, http.StatusOK)
	wantBody(t, "a link to the hoax", res, `<a href="/hoaks/`+strconv.FormatInt(ids["vaksin"], 10)+`">`, "SALAH",
		`value="`+site.URL+`/berita/vaksin"`)
	if strings.Contains(res.body, "ramai dibagikan") {
		t.Error("the answer shows the fetched page's text")
	}
	res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"link": {site.URL + "/tidak-ada"}})
	wantStatus(t, "a missing page", res, http.StatusBadRequest)
	wantBody(t, "a missing page", res, "kode HTTP 404")
	res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"link": {site.URL + "/gambar.png"}})
	wantStatus(t, "an image", res, http.StatusBadRequest)
	wantBody(t, "an image", res, "bukan halaman teks")
	res = c.submit("/cek-hoaks", "/cek-hoaks", url.Values{"link": {"ftp://contoh.example/berkas"}})
	wantStatus(t, "another scheme", res, http.StatusBadRequest)
	if strings.Contains(f.logs.String(), "/berita/vaksin") {
		t.Error("the log holds the citizen's link")
	}

	strict := newFixture(t, func(s *Services) { s.Fetcher = safehttp.New(safehttp.Options{}) })
	strict.seedHoaxes()
	sc := strict.client()
	res = sc.submit("/cek-hoaks", "/cek-hoaks", url.Values{"link": {site.URL + "/berita/vaksin"}})
	wantStatus(t, "a private address", res, http.StatusBadRequest)
	wantBody(t, "a private address", res, "mengarah ke jaringan internal", `id="link"`)
	if strings.Contains(res.body, "--fetch-allow-private") {
		t.Error("the citizen is told about the operator's flag")
	}
}

// TestBrowserHoaxCheck: in Chromium, a citizen opens the hoax check,
// pastes a reworded hoax and sees its verdict, in Indonesian, without
// errors on the page.
func TestBrowserHoaxCheck(t *testing.T) {
	t.Parallel()
	b := testenv.NewBrowser(t, nil)
	f := newFixture(t)
	f.seedHoaxes()
	b.Run(t, "open the check",
		chromedp.Navigate(f.ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`footer a[href="/cek-hoaks"]`)),
		chromedp.Click(chromedp.CSS(`footer a[href="/cek-hoaks"]`)),
		chromedp.WaitVisible(chromedp.CSS("#text")),
	)
	if lang := testenv.Get(t, b, "read the language", chromedp.AttributeValue(chromedp.CSS("html"), "lang")).Value; lang != "id" {
		t.Errorf("the check opens in %q, want id", lang)
	}
	b.Run(t, "paste and check",
		chromedp.SendKeys(chromedp.CSS("#text"), rewordedVaksin),
		chromedp.Click(chromedp.CSS(`form[action="/cek-hoaks"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#results-heading")),
	)
	txt := b.Text(t)
	for _, want := range []string{"Vaksin Covid-19 Mengandung Chip Pelacak 5G", "Terkonfirmasi", "SALAH", "Faktanya, vaksin tidak mengandung chip"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the answer lacks %q:\n%s", want, txt)
		}
	}
	b.Run(t, "open the hoax",
		chromedp.Click(chromedp.CSS("ol.matches a")),
		chromedp.WaitVisible(chromedp.CSS("#verdict-heading")),
	)
	if txt := b.Text(t); !strings.Contains(txt, "Kementerian Kesehatan memastikan") {
		t.Errorf("the public claim page reads:\n%s", txt)
	}
	b.CheckNoErrors(t)
}
