package safehttp

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestLargeBody serves 2 GB of zeros, streamed, never allocated: with a
// declared Content-Length the client refuses at once; without one it stops
// reading at the limit.
func TestLargeBody(t *testing.T) {
	t.Parallel()
	const twoGB = 2 << 30
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", strconv.Itoa(twoGB))
		}
		chunk := make([]byte, 32<<10)
		for sent := 0; sent < twoGB; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up
			}
		}
	})

	_, err := get(newClient(Options{AllowPrivate: true}), srv.URL+"/declared")
	if e := wantError(t, "Get(/declared)", err, TooLarge, "fetch.error.too_large"); e != nil && e.Args[1] != "20 MiB" {
		t.Errorf("Get(/declared) error args = %v, want the default limit 20 MiB", e.Args)
	}

	c := newClient(Options{AllowPrivate: true, MaxBody: 1 << 20})
	resp, err := get(c, srv.URL+"/streamed")
	if err != nil {
		t.Fatalf("Get(/streamed): %v", err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	wantError(t, "reading /streamed", err, TooLarge, "fetch.error.too_large")
	if n != 1<<20 {
		t.Errorf("read %d bytes of /streamed, want exactly the limit, %d", n, 1<<20)
	}
	// Reading again keeps failing.
	if _, err := resp.Body.Read(make([]byte, 10)); err == nil {
		t.Error("Read after the limit succeeded")
	}
}

// bombs are a gzip stream of 1 GiB of zeros (1,024 concatenated members of
// 1 MiB each, about 1 MB on the wire) and a brotli stream of 64 MiB.
var bombs = sync.OnceValues(func() (gz, br []byte) {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Close()
	gz = bytes.Repeat(member.Bytes(), 1024)

	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, brotli.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 64 {
		bw.Write(zeros)
	}
	bw.Close()
	return gz, b.Bytes()
})

func compressed(enc string, text string) []byte {
	var b bytes.Buffer
	var w io.WriteCloser
	if enc == "br" {
		w = brotli.NewWriter(&b)
	} else {
		w = gzip.NewWriter(&b)
	}
	w.Write([]byte(text))
	w.Close()
	return b.Bytes()
}

func TestDecompression(t *testing.T) {
	t.Parallel()
	gzBomb, brBomb := bombs()
	const text = "<rss><channel><title>Berita Jambi</title></channel></rss>"
	bodies := map[string][]byte{
		"/gzip-bomb": gzBomb,
		"/br-bomb":   brBomb,
		"/gzip":      compressed("gzip", text),
		"/br":        compressed("br", text),
		"/corrupt":   []byte("this is not gzip at all"),
	}
	encodings := map[string]string{
		"/gzip-bomb": "gzip", "/br-bomb": "br", "/gzip": "gzip", "/br": "br", "/corrupt": "gzip",
		"/compress": "compress", "/stacked": "gzip, br",
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", encodings[r.URL.Path])
		w.Write(bodies[r.URL.Path])
	})
	c := newClient(Options{AllowPrivate: true, MaxDecompressed: 8 << 20})

	for _, path := range []string{"/gzip-bomb", "/br-bomb"} {
		resp, err := get(c, srv.URL+path)
		if err != nil {
			t.Errorf("Get(%s): %v", path, err)
			continue
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		wantError(t, "reading "+path, err, TooLarge, "fetch.error.decompressed_too_large")
		if n != 8<<20 {
			t.Errorf("read %d bytes of %s, want the limit, %d", n, path, 8<<20)
		}
	}
	for _, path := range []string{"/gzip", "/br"} {
		resp, err := get(c, srv.URL+path)
		if err != nil {
			t.Errorf("Get(%s): %v", path, err)
			continue
		}
		got, err := resp.Bytes()
		if string(got) != text || err != nil {
			t.Errorf("Get(%s) body = %q, %v; want %q", path, got, err, text)
		}
		if h := resp.Header; h.Get("Content-Encoding") != "" || h.Get("Content-Length") != "" {
			t.Errorf("Get(%s) header = %v, want no Content-Encoding or Content-Length", path, h)
		}
	}
	resp, err := get(c, srv.URL+"/corrupt")
	if err != nil {
		t.Fatalf("Get(/corrupt): %v", err)
	}
	_, err = resp.Bytes()
	wantError(t, "reading /corrupt", err, BadResponse, "fetch.error.bad_response")
	for _, path := range []string{"/compress", "/stacked"} {
		_, err := get(c, srv.URL+path)
		wantError(t, "Get("+path+")", err, BadResponse, "fetch.error.content_encoding")
	}
}

// TestContentLength answers with hand-written responses.
func TestContentLength(t *testing.T) {
	t.Parallel()
	responses := map[string]string{
		"/short":    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this",
		"/invalid":  "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello",
		"/negative": "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello",
		"/twice":    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 11\r\n\r\nhello world",
		"/long":     "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello world",
		"/garbage":  "HTTP/1.1 two hundred\r\n\r\n",
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("Hijack: %v", err)
			return
		}
		defer conn.Close()
		buf.WriteString(responses[r.URL.Path])
		buf.Flush()
	})
	c := newClient(Options{AllowPrivate: true})

	for _, path := range []string{"/invalid", "/negative", "/twice", "/garbage"} {
		_, err := get(c, srv.URL+path)
		wantError(t, "Get("+path+")", err, BadResponse, "fetch.error.bad_response")
	}
	resp, err := get(c, srv.URL+"/short")
	if err != nil {
		t.Fatalf("Get(/short): %v", err)
	}
	_, err = resp.Bytes()
	wantError(t, "reading /short", err, BadResponse, "fetch.error.bad_response")

	// Bytes past the declared length are not part of the response.
	resp, err = get(c, srv.URL+"/long")
	if err != nil {
		t.Fatalf("Get(/long): %v", err)
	}
	if b, err := resp.Bytes(); string(b) != "hello" || err != nil {
		t.Errorf("Get(/long) body = %q, %v; want hello", b, err)
	}
}

func TestLimited(t *testing.T) {
	t.Parallel()
	tooLarge := &Error{Kind: TooLarge}
	for _, tc := range []struct {
		in    string
		limit int64
		ok    bool
	}{
		{"", 0, true}, {"a", 0, false}, {"abc", 3, true}, {"abcd", 3, false}, {strings.Repeat("x", 100000), 99999, false},
	} {
		got, err := io.ReadAll(&limited{r: strings.NewReader(tc.in), left: tc.limit, err: tooLarge})
		if tc.ok && (err != nil || string(got) != tc.in) {
			t.Errorf("ReadAll(limited(%d bytes, %d)) = %d bytes, %v; want all", len(tc.in), tc.limit, len(got), err)
		}
		if !tc.ok && (err != tooLarge || int64(len(got)) != tc.limit) {
			t.Errorf("ReadAll(limited(%d bytes, %d)) = %d bytes, %v; want %d and TooLarge", len(tc.in), tc.limit, len(got), err, tc.limit)
		}
	}
}

func TestSizeText(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{100: "100 B", 2048: "2 KiB", 20 << 20: "20 MiB", 50<<20 + 1: "50 MiB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
