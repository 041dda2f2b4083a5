package dedup

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/sinergi-id/sinergi"
)

// URLRules say how URLs of one article are brought to one form. The zero
// value applies only the rules that hold on every site (see Canonical);
// DefaultURLRules adds what is known of Indonesian outlets.
type URLRules struct {
	// MirrorHosts maps a mobile or AMP host to the host that serves the
	// same paths: "m.tribunnews.com" → "tribunnews.com". A host is listed
	// only when its paths are known to be the desktop paths; an m. host in
	// general may be another site, so it is never stripped by pattern.
	MirrorHosts map[string]string
	// SubsiteHosts maps a mobile or AMP host whose first path segment names
	// the desktop sub-domain to the parent domain and the sub-domains it
	// serves that way: amp.kompas.com/nasional/read/... is
	// nasional.kompas.com/read/.... A first segment not in the list keeps
	// its path and goes to the parent domain (m.detik.com/jatim/... is
	// detik.com/jatim/..., detik's regional sites being paths).
	SubsiteHosts map[string]Subsites
	// TrackingParams are query parameters dropped wherever they appear
	// (compared in lower case); TrackingPrefixes drop every parameter whose
	// name starts with one of them ("utm_").
	TrackingParams   []string
	TrackingPrefixes []string
}

// Subsites is the parent domain of a mobile host and the sub-domains that
// its first path segment may name.
type Subsites struct {
	Domain string
	Names  []string
}

// DefaultURLRules returns the rules for Indonesian outlets, checked against
// the URL shapes each publishes (see url_test.go). The tracking list holds
// parameters that only say where a reader came from, or ask for another
// rendering of the same article (page=all, single=1, output=amp).
func DefaultURLRules() *URLRules {
	detik := []string{"news", "finance", "hot", "inet", "sport", "sepakbola", "health", "travel",
		"food", "oto", "wolipop", "haibunda", "20", "edu"}
	kompas := []string{"nasional", "regional", "money", "tekno", "bola", "megapolitan", "internasional",
		"edukasi", "lifestyle", "health", "otomotif", "properti", "travel", "sains", "entertainment",
		"bandung", "surabaya", "medan", "makassar", "yogyakarta", "denpasar", "jakarta", "kilasdaerah"}
	return &URLRules{
		MirrorHosts: map[string]string{
			"m.tribunnews.com":     "tribunnews.com",
			"m.antaranews.com":     "antaranews.com",
			"m.cnnindonesia.com":   "cnnindonesia.com",
			"m.tempo.co":           "tempo.co",
			"m.liputan6.com":       "liputan6.com",
			"m.suara.com":          "suara.com",
			"m.merdeka.com":        "merdeka.com",
			"m.okezone.com":        "okezone.com",
			"m.republika.co.id":    "republika.co.id",
			"m.mediaindonesia.com": "mediaindonesia.com",
			"m.jpnn.com":           "jpnn.com",
			"m.kumparan.com":       "kumparan.com",
			"m.viva.co.id":         "viva.co.id",
			"m.sindonews.com":      "sindonews.com",
		},
		SubsiteHosts: map[string]Subsites{
			"m.detik.com":    {Domain: "detik.com", Names: detik},
			"amp.kompas.com": {Domain: "kompas.com", Names: kompas},
			"m.kompas.com":   {Domain: "kompas.com", Names: kompas},
		},
		TrackingParams: []string{"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
			"igshid", "igsh", "ttclid", "twclid", "mc_cid", "mc_eid", "_ga", "_gl", "_gac", "ref",
			"ref_src", "ref_url", "src", "source", "tag_from", "amp", "amp_js_v", "amp_gsa", "usqp",
			"s_cid", "cx_testid", "cx_testvariant"},
		TrackingPrefixes: []string{"utm_", "ga_", "hsa_", "pk_", "mtm_", "_hs"},
	}
}

// CanonicalURL is (*URLRules).Canonical with DefaultURLRules.
func CanonicalURL(raw string) (string, error) {
	return defaultRules.Canonical(raw)
}

var defaultRules = DefaultURLRules() // read-only after start

// Canonical returns the form of raw that every URL of the same article
// shares, or an Invalid error when raw is not an absolute http(s) URL with
// a host. The rules, in order:
//
//   - the scheme becomes https (outlets serve both; one article either
//     way), user info and the fragment are dropped;
//   - the host is lower-cased, loses a trailing dot, the port 80 or 443, and
//     a leading "www."; a host of r.MirrorHosts becomes its desktop host and
//     one of r.SubsiteHosts takes its sub-domain from the path;
//   - an "amp" path segment at the start or end is dropped ("/amp/...",
//     ".../amp"), and so are dot segments, repeated and trailing slashes;
//   - tracking parameters are dropped, and so are amp (any value),
//     output=amp, page=all, page=1, single=1 and parameters without a
//     value; the rest are sorted by name, then value.
//
// Canonical(Canonical(u)) == Canonical(u) for every u (FuzzCanonicalURL).
func (r *URLRules) Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", invalidURL(raw, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", invalidURL(raw, fmt.Errorf("scheme %q is not http(s)", u.Scheme))
	}
	host, err := r.host(u)
	if err != nil {
		return "", invalidURL(raw, err)
	}
	p := u.Path
	if sub, ok := r.SubsiteHosts[host]; ok {
		host, p = subsite(sub, p)
	}
	out := url.URL{Scheme: "https", Host: host, Path: cleanPath(p)}
	out.RawQuery = r.query(u.RawQuery)
	return out.String(), nil
}

func invalidURL(raw string, err error) error {
	if len(raw) > 200 {
		raw = raw[:200] + "..."
	}
	return &sinergi.Error{Kind: sinergi.KindInvalid, Err: fmt.Errorf("dedup: canonical url %q: %w", raw, err)}
}

// host returns the canonical host of u (port and "www." dropped, mirrors
// mapped), refusing hosts that no browser would open.
func (r *URLRules) host(u *url.URL) (string, error) {
	h := strings.ToLower(u.Hostname())
	h = strings.TrimRight(h, ".")
	if h == "" {
		return "", fmt.Errorf("no host")
	}
	if strings.ContainsAny(h, " %/\\@[]") && net.ParseIP(h) == nil {
		return "", fmt.Errorf("host %q is not a host name", h)
	}
	for strings.HasPrefix(h, "www.") && strings.Count(h, ".") >= 2 {
		h = h[len("www."):]
	}
	if m, ok := r.MirrorHosts[h]; ok {
		h = m
	}
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		return net.JoinHostPort(h, port), nil
	}
	if strings.Contains(h, ":") { // IPv6 literal
		return "[" + h + "]", nil
	}
	return h, nil
}

// subsite maps a mobile host whose first path segment names a sub-domain.
func subsite(s Subsites, p string) (host, rest string) {
	trimmed := strings.TrimPrefix(p, "/")
	first, after, _ := strings.Cut(trimmed, "/")
	if after != "" && slices.Contains(s.Names, strings.ToLower(first)) {
		return strings.ToLower(first) + "." + s.Domain, "/" + after
	}
	return s.Domain, p
}

// cleanPath drops dot segments, repeated and trailing slashes and an AMP
// segment at either end of the path.
func cleanPath(p string) string {
	if p == "" || p == "/" {
		return ""
	}
	p = path.Clean("/" + p)
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for len(segs) > 1 && strings.EqualFold(segs[0], "amp") {
		segs = segs[1:]
	}
	for len(segs) > 1 && strings.EqualFold(segs[len(segs)-1], "amp") {
		segs = segs[:len(segs)-1]
	}
	if len(segs) == 1 && (segs[0] == "" || strings.EqualFold(segs[0], "amp")) {
		return ""
	}
	return "/" + strings.Join(segs, "/")
}

// query drops tracking and rendering parameters and sorts the rest.
func (r *URLRules) query(raw string) string {
	if raw == "" {
		return ""
	}
	type kv struct{ k, v string }
	var kept []kv
	for part := range strings.SplitSeq(raw, "&") {
		k, v, _ := strings.Cut(part, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil || k == "" || r.dropParam(k, v) {
			continue
		}
		kept = append(kept, kv{k, v})
	}
	slices.SortFunc(kept, func(a, b kv) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	var b strings.Builder
	for i, p := range kept {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.k))
		if p.v != "" {
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(p.v))
		}
	}
	return b.String()
}

func (r *URLRules) dropParam(k, v string) bool {
	lk, lv := strings.ToLower(k), strings.ToLower(v)
	switch {
	case slices.Contains(r.TrackingParams, lk):
		return true
	case lk == "page" && (lv == "all" || lv == "1"), lk == "single" && lv == "1",
		lk == "output" && lv == "amp":
		return true
	case v == "":
		return true // "?" or "?foo=": nothing an article depends on
	}
	for _, p := range r.TrackingPrefixes {
		if strings.HasPrefix(lk, p) {
			return true
		}
	}
	return false
}
