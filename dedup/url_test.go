package dedup

import (
	"errors"
	"testing"

	"github.com/sinergi-id/sinergi"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		// kompas.com: AMP host with the sub-domain in the path, page=all, tracking.
		{"https://amp.kompas.com/nasional/read/2025/07/02/10300021/prabowo-lantik-dubes?utm_source=Whatsapp&utm_medium=Share",
			"https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes"},
		{"https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes?page=all#page2",
			"https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes"},
		{"http://NASIONAL.Kompas.com:80/read/2025/07/02/10300021/prabowo-lantik-dubes/",
			"https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes"},
		{"https://bandung.kompas.com/read/2025/07/03/193724578/getir-hidup-jamin?page=2",
			"https://bandung.kompas.com/read/2025/07/03/193724578/getir-hidup-jamin?page=2"},
		{"https://www.kompas.com/tren/read/2025/06/01/120000065/cek-fakta",
			"https://kompas.com/tren/read/2025/06/01/120000065/cek-fakta"},
		// detik.com: mobile host with the sub-site in the path; regional sites are paths.
		{"https://m.detik.com/news/berita/d-7990123/kpk-periksa-eks-mentan?single=1",
			"https://news.detik.com/berita/d-7990123/kpk-periksa-eks-mentan"},
		{"https://news.detik.com/berita/d-7990123/kpk-periksa-eks-mentan?tag_from=wp_nhl_1&_ga=2.1",
			"https://news.detik.com/berita/d-7990123/kpk-periksa-eks-mentan"},
		{"https://m.detik.com/jatim/berita/d-7990555/banjir-lamongan",
			"https://detik.com/jatim/berita/d-7990555/banjir-lamongan"},
		{"https://www.detik.com/jatim/berita/d-7990555/banjir-lamongan/amp",
			"https://detik.com/jatim/berita/d-7990555/banjir-lamongan"},
		// tempo.co
		{"https://www.tempo.co/hukum/kejaksaan-periksa-saksi-1755622?utm_campaign=rss&fbclid=IwAR0xyz",
			"https://tempo.co/hukum/kejaksaan-periksa-saksi-1755622"},
		{"https://m.tempo.co/read/1755622/kejaksaan-periksa-saksi",
			"https://tempo.co/read/1755622/kejaksaan-periksa-saksi"},
		// antaranews.com: AMP path prefix and mobile host.
		{"https://m.antaranews.com/amp/berita/4890123/bmkg-peringatkan-hujan-lebat",
			"https://antaranews.com/berita/4890123/bmkg-peringatkan-hujan-lebat"},
		{"https://www.antaranews.com/berita/4890123/bmkg-peringatkan-hujan-lebat?amp=1",
			"https://antaranews.com/berita/4890123/bmkg-peringatkan-hujan-lebat"},
		// cnnindonesia.com
		{"https://m.cnnindonesia.com/nasional/20250702133042-20-1246000/dpr-sahkan-ruu?gclid=abc",
			"https://cnnindonesia.com/nasional/20250702133042-20-1246000/dpr-sahkan-ruu"},
		{"https://www.cnnindonesia.com/nasional/20250702133042-20-1246000/dpr-sahkan-ruu/amp?output=amp",
			"https://cnnindonesia.com/nasional/20250702133042-20-1246000/dpr-sahkan-ruu"},
		// tribunnews.com and its regional sub-domains: the sub-domain is the site.
		{"https://jateng.tribunnews.com/amp/2025/07/01/warga-semarang-keluhkan-banjir-rob?page=all",
			"https://jateng.tribunnews.com/2025/07/01/warga-semarang-keluhkan-banjir-rob"},
		{"https://m.tribunnews.com/nasional/2025/07/01/menteri-pu-tinjau-tol?utm_source=dlvr.it&src=fb",
			"https://tribunnews.com/nasional/2025/07/01/menteri-pu-tinjau-tol"},
		{"https://makassar.tribunnews.com/2025/07/01/pilkada-ulang", "https://makassar.tribunnews.com/2025/07/01/pilkada-ulang"},
		// Unknown m. hosts are left alone: they may be another site.
		{"https://m.example.co.id/berita/1", "https://m.example.co.id/berita/1"},
		// Remaining parameters are sorted; empty ones dropped; other ports kept.
		{"https://jatimprov.go.id:8443/berita?id=7&cat=2&x=&utm_term=a", "https://jatimprov.go.id:8443/berita?cat=2&id=7"},
		{"https://www.go.id", "https://go.id"},
		{"https://KOMINFO.go.id/", "https://kominfo.go.id"},
		{"https://[2001:db8::1]:443/a/./b/../c//", "https://[2001:db8::1]/a/c"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestCanonicalURLInvalid(t *testing.T) {
	for _, in := range []string{"", "kompas.com/read/1", "ftp://kompas.com/x", "javascript:alert(1)", "https://", "http://%zz/", "mailto:humas@go.id"} {
		got, err := CanonicalURL(in)
		if !errors.Is(err, sinergi.ErrInvalid) {
			t.Errorf("CanonicalURL(%q) = %q, %v, want an Invalid error", in, got, err)
		}
	}
}

func TestCanonicalFromHTML(t *testing.T) {
	const amp = "https://amp.kompas.com/nasional/read/2025/07/02/10300021/prabowo-lantik-dubes"
	const want = "https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes"
	tests := []struct{ name, page, html, want string }{
		{"canonical link", amp, `<html><head><meta charset="utf-8"><LINK REL="canonical" HREF="https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes?utm_source=amp"></head>`, want},
		{"relative link", "https://www.antaranews.com/amp/berita/4890123/bmkg", `<head><link href='/berita/4890123/bmkg' rel='canonical'/></head>`, "https://antaranews.com/berita/4890123/bmkg"},
		{"og:url when no link", amp, `<head><meta property="og:url" content="https://nasional.kompas.com/read/2025/07/02/10300021/prabowo-lantik-dubes"></head>`, want},
		{"entities in href", "https://tempo.co/x", `<head><link rel="canonical" href="https://www.tempo.co/hukum/a-1?b=1&amp;utm_source=x"></head>`, "https://tempo.co/hukum/a-1?b=1"},
		{"other domain refused", "https://jateng.tribunnews.com/2025/07/01/a", `<head><link rel="canonical" href="https://www.antaranews.com/berita/1/a"></head>`, "https://jateng.tribunnews.com/2025/07/01/a"},
		{"go.id siblings refused", "https://jatimprov.go.id/berita/1", `<head><link rel="canonical" href="https://jatengprov.go.id/berita/1"></head>`, "https://jatimprov.go.id/berita/1"},
		{"javascript refused", amp, `<head><link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="` + want + `"></head>`, want},
		{"link in a comment or script ignored", "https://tempo.co/a", `<head><!-- <link rel="canonical" href="https://tempo.co/b"> --><script>var s='<link rel="canonical" href="https://tempo.co/c">';</script></head>`, "https://tempo.co/a"},
		{"link in body ignored", "https://tempo.co/a", `<head></head><body><link rel="canonical" href="https://tempo.co/b">`, "https://tempo.co/a"},
		{"no head at all", "https://tempo.co/a?utm_source=x", ``, "https://tempo.co/a"},
		{"broken tag", "https://tempo.co/a", `<head><link rel="canonical" href="https://tempo.co/b`, "https://tempo.co/a"},
	}
	for _, tt := range tests {
		got, err := CanonicalFromHTML(tt.page, tt.html)
		if err != nil || got != tt.want {
			t.Errorf("%s: CanonicalFromHTML(%q, ...) = %q, %v, want %q", tt.name, tt.page, got, err, tt.want)
		}
	}
	if _, err := CanonicalFromHTML("not a url", "<head></head>"); !errors.Is(err, sinergi.ErrInvalid) {
		t.Errorf("CanonicalFromHTML(%q) = %v, want an Invalid error", "not a url", err)
	}
}

func TestRegistrableDomain(t *testing.T) {
	for in, want := range map[string]string{
		"nasional.kompas.com": "kompas.com", "www.jatimprov.go.id": "jatimprov.go.id",
		"jateng.tribunnews.com": "tribunnews.com", "tempo.co": "tempo.co", "news.republika.co.id": "republika.co.id",
		"go.id": "go.id", "10.0.0.1": "10.0.0.1", "Kompas.COM.": "kompas.com",
	} {
		if got := RegistrableDomain(in); got != want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://amp.kompas.com/nasional/read/2025/07/02/10300021/x?utm_source=a&page=all",
		"https://m.detik.com/news/berita/d-1/x", "http://[::1]:80/a/../amp", "https://a.b/%41%2f?q=%zz&b=+",
		"https://x.co.id/amp/amp/", "HTTPS://WWW.www.tempo.co./a//b/?b=2&a=1&a=0#f",
		"https://user:pw@host.id:0/?=x&&y", "https://m.kompas.com/read/1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := CanonicalURL(raw)
		if err != nil {
			return
		}
		c2, err := CanonicalURL(c)
		if err != nil || c2 != c {
			t.Fatalf("CanonicalURL(%q) = %q; again: %q, %v", raw, c, c2, err)
		}
	})
}

func FuzzCanonicalFromHTML(f *testing.F) {
	f.Add("https://amp.kompas.com/a", `<head><link rel="canonical" href="https://nasional.kompas.com/b"></head>`)
	f.Add("https://tempo.co/a", `<head><meta property="og:url" content="/b"><script>x</script><!--`)
	f.Fuzz(func(t *testing.T, page, html string) {
		c, err := CanonicalFromHTML(page, html)
		if err != nil {
			return
		}
		if c2, err := CanonicalURL(c); err != nil || c2 != c {
			t.Fatalf("CanonicalFromHTML(%q, %q) = %q, not canonical: %q, %v", page, html, c, c2, err)
		}
	})
}
