package feedfarm

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/xml"
	"hash/crc32"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// What the hostile endpoints send.
const (
	// HugeSize is the Content-Length of /huge.xml: 2 GiB, streamed.
	HugeSize int64 = 2 << 30
	// BombChunks is how many MiB of spaces /gzipbomb.xml inflates to,
	// after a short RSS start: 1 GiB.
	BombChunks = 1024
	// RetryAfterSeconds is the Retry-After of /ratelimited.xml.
	RetryAfterSeconds = 120
	// CP1252Title is the title of /cp1252.xml's only item, in UTF-8: what a
	// poller that honours the declared encoding must read. Every non-ASCII
	// character in it is one byte in Windows-1252.
	CP1252Title = "Festival “Pekan Budaya” di Café Merdeka – hari kedua"
	// SlowInterval is the time between two bytes of /slow.xml.
	SlowInterval = 2 * time.Second
)

// HostileNames returns the names of the hostile endpoints; each is served
// at /<name>.xml and counted under its name in Stats.ByFeed:
//
//   - slow: headers, then a valid RSS body one byte every SlowInterval
//   - error500: always 500
//   - ratelimited: 429 with Retry-After: 120 (seconds)
//   - unavailable: 503 with Retry-After an HTTP date one hour later
//   - huge: a 2 GiB body (Content-Length HugeSize), an RSS start then filler
//   - gzipbomb: Content-Encoding: gzip, about 1 MiB inflating to over 1 GiB
//   - invalid: 200 with unclosed XML
//   - redirect-loopback: 302 to TargetURL, a valid feed on a second
//     loopback listener (counted as "redirect-target")
//   - cp1252: a valid feed in Windows-1252, declared so; see CP1252Title
//   - notmodified-liar: 304 even to an unconditional request
func HostileNames() []string {
	return []string{"slow", "error500", "ratelimited", "unavailable", "huge",
		"gzipbomb", "invalid", "redirect-loopback", "cp1252", "notmodified-liar"}
}

// Hostile serves feeds that misbehave, for the robustness tests of a
// poller. Make one with NewHostile, Start it, and Close it when the test
// ends: Close also ends the endless answers (slow, huge) still being sent.
// It is safe for concurrent use.
type Hostile struct {
	slowEvery time.Duration // SlowInterval; shorter in this package's tests
	done      chan struct{} // closed by Close, ends endless answers

	bombOnce sync.Once
	bomb     []byte // the gzip body of /gzipbomb.xml, built at first request

	mu        sync.Mutex
	srv       *httptest.Server
	target    *httptest.Server // where /redirect-loopback.xml points
	closeOnce sync.Once
	counter
}

// NewHostile returns a Hostile server, not yet started.
func NewHostile() *Hostile {
	return &Hostile{slowEvery: SlowInterval, done: make(chan struct{})}
}

// Start starts the hostile server and the redirect target, both on
// 127.0.0.1, and returns the hostile server's base URL. Call it once.
func (h *Hostile) Start() (baseURL string) {
	target := httptest.NewServer(http.HandlerFunc(h.serveTarget))
	h.mu.Lock()
	h.target = target
	h.mu.Unlock()
	srv := httptest.NewServer(http.HandlerFunc(h.serve))
	h.mu.Lock()
	h.srv = srv
	h.mu.Unlock()
	return srv.URL
}

// Close ends the answers still being sent and stops both servers.
func (h *Hostile) Close() {
	h.closeOnce.Do(func() { close(h.done) })
	h.mu.Lock()
	servers := []*httptest.Server{h.srv, h.target}
	h.mu.Unlock()
	for _, s := range servers {
		if s != nil {
			s.CloseClientConnections()
			s.Close()
		}
	}
}

// URL returns the address of the endpoint name (see HostileNames).
func (h *Hostile) URL(name string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.srv == nil {
		panic("feedfarm: Hostile.URL before Start")
	}
	return h.srv.URL + "/" + name + ".xml"
}

// TargetURL returns where /redirect-loopback.xml redirects: a valid feed on
// a second loopback listener, which a poller reaches only when it may
// fetch private addresses.
func (h *Hostile) TargetURL() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.target == nil {
		panic("feedfarm: Hostile.TargetURL before Start")
	}
	return h.target.URL + "/feed.xml"
}

// Stats returns a copy of the counters, per endpoint name.
func (h *Hostile) Stats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.counter.copy()
}

// hostileStatus returns the status the endpoint name answers with, counted
// before the body is sent (slow and huge never finish); ok is false for an
// unknown name.
func hostileStatus(name string) (status int, ok bool) {
	switch name {
	case "slow", "huge", "gzipbomb", "invalid", "cp1252":
		return http.StatusOK, true
	case "error500":
		return http.StatusInternalServerError, true
	case "ratelimited":
		return http.StatusTooManyRequests, true
	case "unavailable":
		return http.StatusServiceUnavailable, true
	case "redirect-loopback":
		return http.StatusFound, true
	case "notmodified-liar":
		return http.StatusNotModified, true
	}
	return 0, false
}

func (h *Hostile) serve(w http.ResponseWriter, r *http.Request) {
	name, _ := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	status, ok := hostileStatus(name)
	h.mu.Lock()
	if !ok || r.URL.Path != "/"+name+".xml" {
		h.unknownPath(r.URL.Path)
		h.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	h.count(name, status)
	h.mu.Unlock()

	hd := w.Header()
	switch name {
	case "slow":
		h.serveSlow(w, r)
	case "error500":
		http.Error(w, "kesalahan server", status)
	case "ratelimited":
		hd.Set("Retry-After", strconv.Itoa(RetryAfterSeconds))
		http.Error(w, "terlalu banyak permintaan", status)
	case "unavailable":
		hd.Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
		http.Error(w, "layanan tidak tersedia", status)
	case "huge":
		h.serveHuge(w, r)
	case "gzipbomb":
		h.bombOnce.Do(func() { h.bomb = gzipBomb() })
		hd.Set("Content-Type", "application/rss+xml; charset=utf-8")
		hd.Set("Content-Encoding", "gzip")
		hd.Set("Content-Length", strconv.Itoa(len(h.bomb)))
		w.Write(h.bomb)
	case "invalid":
		hd.Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte("<rss><channel><item><title>Tidak ditutup"))
	case "redirect-loopback":
		h.mu.Lock()
		to := h.target.URL + "/feed.xml"
		h.mu.Unlock()
		http.Redirect(w, r, to, status)
	case "cp1252":
		hd.Set("Content-Type", "application/rss+xml; charset=windows-1252")
		w.Write(cp1252Feed())
	case "notmodified-liar":
		w.WriteHeader(status)
	}
}

// serveTarget serves the valid feed the redirect points at.
func (h *Hostile) serveTarget(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	if r.URL.Path != "/feed.xml" {
		h.unknownPath("target:" + r.URL.Path)
		h.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	h.count("redirect-target", http.StatusOK)
	h.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(hostileFeed("redirect-target"))
}

// serveSlow sends a valid feed one byte at a time, until the feed ends, the
// client goes or the Hostile closes.
func (h *Hostile) serveSlow(w http.ResponseWriter, r *http.Request) {
	body := hostileFeed("slow")
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	rc := http.NewResponseController(w)
	w.WriteHeader(http.StatusOK)
	rc.Flush()
	tick := time.NewTicker(h.slowEvery)
	defer tick.Stop()
	for i := range body {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case <-tick.C:
		}
		if _, err := w.Write(body[i : i+1]); err != nil {
			return
		}
		rc.Flush()
	}
}

// serveHuge streams HugeSize bytes, an RSS start then spaces, from one
// small buffer, until the client goes or the Hostile closes.
func (h *Hostile) serveHuge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("Content-Length", strconv.FormatInt(HugeSize, 10))
	head := []byte(xml.Header + `<rss version="2.0"><channel><title>Umpan raksasa</title><item><title>Berkas besar</title><description>`)
	if _, err := w.Write(head); err != nil {
		return
	}
	fill := bytes.Repeat([]byte(" "), 64<<10)
	for left := HugeSize - int64(len(head)); left > 0; {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		default:
		}
		n := min(left, int64(len(fill)))
		if _, err := w.Write(fill[:n]); err != nil {
			return
		}
		left -= n
	}
}

// gzipBomb returns a gzip stream of an RSS start then BombChunks MiB of
// spaces. A MiB is deflated once and its blocks repeated: each copy is
// byte-aligned (a sync flush) and refers only to itself, so the copies
// concatenate into one valid stream without compressing a GiB.
func gzipBomb() []byte {
	deflate := func(p []byte, final bool) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression) // the level is valid
		fw.Write(p)
		if final {
			fw.Close()
		} else {
			fw.Flush()
		}
		return b.Bytes()
	}
	head := []byte(xml.Header + `<rss version="2.0"><channel><title>Bom</title><item><title>Kompresi</title><description>`)
	fill := bytes.Repeat([]byte(" "), 1<<20)
	fillBlocks := deflate(fill, false)

	out := []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255} // gzip header: deflate, no name, best compression
	out = append(out, deflate(head, false)...)
	crc := crc32.Update(0, crc32.IEEETable, head)
	for range BombChunks {
		out = append(out, fillBlocks...)
		crc = crc32.Update(crc, crc32.IEEETable, fill)
	}
	out = append(out, deflate(nil, true)...) // the final, empty block
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(len(head)+BombChunks<<20)) // size mod 2^32
}

// hostileFeed returns a small valid feed of neutral sentences.
func hostileFeed(name string) []byte {
	sentences := []Text{
		{"Taman baca baru dibuka di dekat pasar", "Pemerintah kota membuka taman baca baru yang dapat dikunjungi warga setiap hari."},
		{"Perpustakaan daerah memperpanjang jam layanan", "Selama libur sekolah, perpustakaan daerah buka sampai pukul delapan malam."},
		{"Warga bergotong royong membersihkan saluran air", "Kegiatan kerja bakti dilakukan pada Minggu pagi menjelang musim hujan."},
	}
	doc := rssDoc{Version: "2.0", Channel: rssChannel{
		Title: "Umpan uji " + name, Link: "https://uji.example.id/", Description: "Umpan kecil yang sah", Language: "id",
	}}
	pub := time.Date(2025, 1, 6, 9, 0, 0, 0, wib())
	for i, s := range sentences {
		link := "https://uji.example.id/" + name + "/" + strconv.Itoa(i+1)
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: s.Title, Link: link, GUID: rssGUID{IsPermaLink: "true", Value: link},
			PubDate: pub.Add(-time.Duration(i) * time.Hour).Format(time.RFC1123Z), Description: s.Body,
		})
	}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("feedfarm: render hostile feed: " + err.Error()) // the types always marshal
	}
	return append([]byte(xml.Header), body...)
}
