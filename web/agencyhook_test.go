package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAgencyWebhookPage: the head of Humas sets the agency's alert webhook
// (a bad address is refused on the form), sees its secret and its
// deliveries, and removes it; an analyst may not.
func TestAgencyWebhookPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	kepala := f.signedIn("kepala")
	res := kepala.get("/pantau/pencarian")
	wantBody(t, "the list", res, `href="/pantau/pencarian/webhook">Webhook peringatan instansi</a>`)
	res = kepala.get(agencyWebhookPath)
	wantStatus(t, "the page", res, http.StatusOK)
	wantBody(t, "the page", res, "<h1>Webhook peringatan instansi</h1>", "hoax.recirculation", `name="webhook"`,
		`aria-current="page" class="button button--small">Pencarian tersimpan</a>`)
	if strings.Contains(res.body, "Rahasia penanda tangan") {
		t.Error("a secret is shown before any address is set")
	}

	res = kepala.submit(agencyWebhookPath, agencyWebhookPath, url.Values{"webhook": {"ftp://contoh.id/kait"}})
	wantStatus(t, "a bad address", res, http.StatusBadRequest)
	wantBody(t, "a bad address", res, `Alamat webhook &#34;ftp://contoh.id/kait&#34; tidak sah`, `value="ftp://contoh.id/kait"`, `aria-invalid="true"`)

	res = kepala.submit(agencyWebhookPath, agencyWebhookPath, url.Values{"webhook": {" https://bot.jambiprov.go.id/kait "}})
	wantStatus(t, "saving", res, http.StatusSeeOther)
	res = kepala.get(res.location())
	wantBody(t, "after saving", res, "Webhook peringatan instansi telah disimpan.", "<code>https://bot.jambiprov.go.id/kait</code>",
		"Rahasia penanda tangan", "Belum ada pengiriman.")
	hook, _, err := f.svc.Monitor.AgencyWebhook(t.Context(), f.user["kepala"].Actor(), 1)
	if err != nil || hook.URL != "https://bot.jambiprov.go.id/kait" || len(hook.Secret) < 20 || !strings.Contains(res.body, hook.Secret) {
		t.Fatalf("the stored webhook %+v, %v; want the address and a secret shown on the page", hook, err)
	}

	analis := f.signedIn("analis")
	wantStatus(t, "an analyst's view", analis.get(agencyWebhookPath), http.StatusForbidden)
	wantStatus(t, "an analyst's change", analis.submit("/pantau/pencarian", agencyWebhookPath, url.Values{"webhook": {"https://x.id"}}),
		http.StatusForbidden)
	if strings.Contains(analis.get("/pantau/pencarian").body, `href="/pantau/pencarian/webhook"`) {
		t.Error("the analyst's list links to the agency's webhook")
	}

	res = kepala.submit(agencyWebhookPath, agencyWebhookPath, url.Values{"webhook": {""}})
	wantStatus(t, "removing", res, http.StatusSeeOther)
	if hook, _, _ := f.svc.Monitor.AgencyWebhook(t.Context(), f.user["kepala"].Actor(), 1); hook.URL != "" || hook.Secret != "" {
		t.Errorf("after removing: %+v", hook)
	}
}
