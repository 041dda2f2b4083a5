package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/spike"
)

// TestNotifications: items uploaded through the pipeline raise the instant
// alert of the search they match; the owner sees the count in the menu and
// the notifications in the centre, and marks one, then all, read.
func TestNotifications(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ss := f.seedSearches()
	kepala := f.signedIn("kepala")
	res := kepala.get("/dasbor")
	wantBody(t, "no notifications", res, `<a href="/notifikasi">Notifikasi</a>`)
	wantBody(t, "no notifications", kepala.get("/notifikasi"), "Belum ada notifikasi.", "0 notifikasi, 0 belum dibaca")

	f.upload(f.newsItem("jambi", "Banjir bandang di Sarolangun", "Banjir bandang merendam dua desa di Sarolangun."))
	res = kepala.get("/dasbor")
	wantBody(t, "one notification", res, `<a href="/notifikasi">Notifikasi <span class="status status--off nav-count">1<span class="visually-hidden"> belum dibaca</span></span></a>`)
	res = kepala.get("/notifikasi")
	wantStatus(t, "the centre", res, http.StatusOK)
	wantBody(t, "the centre", res, `aria-current="page">Notifikasi`, "1 notifikasi, 1 belum dibaca",
		`<a href="`+savedSearchPath(ss["banjir"].ID)+`"><strong>Berita baru cocok dengan pencarian &#34;Banjir Jambi&#34;: Banjir bandang di Sarolangun (jambiekspres.co.id)</strong></a>`,
		`<span class="status status--on">Belum dibaca</span>`, ">Tandai sudah dibaca</button>", ">Tandai semua sudah dibaca</button>",
		// The preferences: the alerting search, with where to change it.
		"Pengaturan peringatan", `<a href="`+savedSearchPath(ss["banjir"].ID)+`/ubah">Ubah<span class="visually-hidden"> Banjir Jambi</span></a>`)
	// The notification leads to the search's page, with the item.
	wantBody(t, "the search's page", kepala.get(link(t, res, savedSearchPath(ss["banjir"].ID))),
		"<h1>Banjir Jambi</h1>", "<mark>Banjir</mark> bandang di Sarolangun")

	f.upload(f.newsItem("jambi", "Banjir rendam pasar Kerinci", "Pasar Kerinci kebanjiran sejak subuh."),
		f.newsItem("jambi", "Tanggul jebol, banjir di Tebo", "Banjir di Tebo setelah tanggul jebol."),
		f.newsItem("jambi", "Festival perahu hias dibuka", "Ribuan warga menonton di tepi Batanghari."))
	list, _, unread, err := f.svc.Monitor.Notifications(context.Background(), f.user["kepala"].Actor(), monitor.NotificationFilter{})
	if err != nil || len(list) != 3 || unread != 3 {
		t.Fatalf("kepala's notifications = %d (%d unread), %v; want 3", len(list), unread, err)
	}
	// Another user's form cannot mark kepala's notification.
	res = f.signedIn("analis").submit("/notifikasi", "/notifikasi/baca", url.Values{"id": {strconv.FormatInt(list[2].ID, 10)}})
	wantStatus(t, "analis marks kepala's", res, http.StatusSeeOther)
	res = kepala.submit("/notifikasi", "/notifikasi/baca", url.Values{"id": {strconv.FormatInt(list[2].ID, 10)}, "next": {"/notifikasi?belum=1"}})
	wantStatus(t, "mark one read", res, http.StatusSeeOther)
	if res.location() != "/notifikasi?belum=1&notice=notifications_read" {
		t.Errorf("mark read redirects to %q", res.location())
	}
	res = kepala.get(res.location())
	wantBody(t, "unread only", res, "Notifikasi ditandai sudah dibaca.", "2 notifikasi, 2 belum dibaca",
		`nav-count">2<`, "Banjir rendam pasar Kerinci", "Tanggul jebol, banjir di Tebo", `aria-current="page">Belum dibaca</a>`)
	if strings.Contains(res.body, "Sarolangun") {
		t.Error("the unread filter shows the one marked read")
	}
	res = kepala.get("/notifikasi")
	wantBody(t, "all", res, "3 notifikasi, 2 belum dibaca", "Sarolangun")
	if strings.Count(res.body, ">Tandai sudah dibaca</button>") != 2 {
		t.Error("the centre does not offer to mark exactly the two unread ones")
	}

	res = kepala.submit("/notifikasi", "/notifikasi/baca", url.Values{"next": {"https://contoh.example/"}})
	wantStatus(t, "mark all read", res, http.StatusSeeOther)
	if res.location() != "/notifikasi?notice=notifications_read" {
		t.Errorf("mark all read redirects to %q", res.location())
	}
	res = kepala.get("/notifikasi?belum=1")
	wantBody(t, "none unread", res, "Tidak ada notifikasi yang belum dibaca.", "0 notifikasi, 0 belum dibaca")
	if strings.Contains(res.body, "nav-count") || strings.Contains(res.body, "Tandai semua") {
		t.Error("with nothing unread, the menu shows a count or the centre a button")
	}
	wantStatus(t, "a malformed ID", kepala.submit("/notifikasi", "/notifikasi/baca", url.Values{"id": {"x"}}), http.StatusBadRequest)

	// The analyst has no alerting search: the preferences say how to get one.
	wantBody(t, "analis's centre", f.signedIn("analis").get("/notifikasi"),
		"Tidak ada pencarian tersimpan Anda yang memberi peringatan.")
}

// TestNotificationsEnglish: the centre and the form in English.
func TestNotificationsEnglish(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ss := f.seedSearches()
	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	f.upload(f.newsItem("jambi", "Banjir di Muaro Bungo", "Banjir merendam Muaro Bungo."))
	c := f.signedIn("kepala")
	wantBody(t, "English centre", c.get("/notifikasi"), `<html lang="en">`, "1 notifications, 1 unread",
		"New item matches the search &#34;Banjir Jambi&#34;: Banjir di Muaro Bungo", "Mark as read", "Alert settings",
		`<span class="visually-hidden"> unread</span>`)
	wantBody(t, "English form", c.get(savedSearchPath(ss["banjir"].ID)+"/ubah"), "Change the search Banjir Jambi",
		"Shared with", "Instant", "Daily digest", "Lock this search")
}

// TestSpikeNotificationNumbers: the numbers of a spike's explanation and
// its details are written the reader's way, from the stored notification.
func TestSpikeNotificationNumbers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	n := &monitor.Notification{UserID: f.user["kepala"].ID, Created: time.Now().UTC(), Link: "/pantau/pencarian",
		Message: monitor.Message{Key: "spike" + spike.KeyReasonDay, Args: []any{1234, `"Demo"`, 24, 0.7, 1.4, 14, 3.3, 2.5},
			Details: []monitor.Message{{Key: "spike.detail.sentiment", Args: []any{1200, 30, 4}}}}}
	if err := f.db.AddAlerts(context.Background(), []*monitor.Notification{n}, nil, nil); err != nil {
		t.Fatal(err)
	}
	res := f.signedIn("kepala").get("/notifikasi")
	wantBody(t, "a spike in Indonesian", res, `Lonjakan: 1.234 artikel cocok dengan pencarian &#34;Demo&#34; dalam 24 jam terakhir; biasanya 0,7 ± 1,4 per 24 jam (14 hari terakhir); ambang 3,3 (2,5σ).`, `<li>Sentimen: 1.200 negatif, 30 netral, 4 positif.</li>`)
	if err := f.svc.Auth.SetLanguage(context.Background(), f.user["kepala"], "en"); err != nil {
		t.Fatal(err)
	}
	res = f.signedIn("kepala").get("/notifikasi")
	wantBody(t, "a spike in English", res, `Spike: 1,234 articles match the search &#34;Demo&#34; in the last 24 hours; usually 0.7 ± 1.4 per 24 hours (last 14 days); threshold 3.3 (2.5σ).`, `<li>Sentiment: 1,200 negative, 30 neutral, 4 positive.</li>`)
}
