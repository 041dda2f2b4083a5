package safehttp

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
)

// body is a response body decoded and held to the limits. Its reads fail
// with an *Error; closing it releases the connection and the total timer.
type body struct {
	raw    io.ReadCloser
	r      io.Reader                 // the decoded, limited stream; nil until open
	open   func() (io.Reader, error) // builds r on the first Read
	fail   func(error) error         // turns a read error into an *Error
	cancel context.CancelFunc        // ends the request's context
	err    error                     // the first failure, returned from then on
}

// newBody wraps resp.Body: the wire limit (checked against Content-Length
// at once when the server declares one), the decoder Content-Encoding names,
// then the decompressed limit. An encoding other than gzip or br, or
// several stacked, is refused: the client never asked for them.
func (c *Client) newBody(resp *http.Response, fail func(error) error, cancel context.CancelFunc) (*body, error) {
	host := resp.Request.URL.Hostname()
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	identity := enc == "" || enc == "identity"
	wireLimit := c.opts.MaxBody
	if identity {
		wireLimit = min(c.opts.MaxBody, c.opts.MaxDecompressed)
	}
	tooLarge := &Error{Kind: TooLarge, Key: "fetch.error.too_large", Args: []any{host, sizeText(wireLimit)},
		Err: fmt.Errorf("body over %d bytes", wireLimit)}
	if resp.Request.Method != http.MethodHead && resp.ContentLength > wireLimit {
		tooLarge.Err = fmt.Errorf("Content-Length %d over %d bytes", resp.ContentLength, wireLimit)
		return nil, tooLarge
	}
	wire := &limited{r: resp.Body, left: wireLimit, err: tooLarge}
	b := &body{raw: resp.Body, fail: fail, cancel: cancel}
	if identity {
		b.r = wire
		return b, nil
	}
	var decode func() (io.Reader, error)
	switch enc {
	case "gzip", "x-gzip":
		decode = func() (io.Reader, error) { return gzip.NewReader(wire) }
	case "br":
		decode = func() (io.Reader, error) { return brotli.NewReader(wire), nil }
	default:
		return nil, &Error{Kind: BadResponse, Key: "fetch.error.content_encoding", Args: []any{host, enc},
			Err: fmt.Errorf("Content-Encoding %q", enc)}
	}
	limit := c.opts.MaxDecompressed
	bomb := &Error{Kind: TooLarge, Key: "fetch.error.decompressed_too_large", Args: []any{host, sizeText(limit)},
		Err: fmt.Errorf("%s body over %d bytes decompressed", enc, limit)}
	b.open = func() (io.Reader, error) {
		r, err := decode()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", enc, err)
		}
		return &limited{r: r, left: limit, err: bomb}, nil
	}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	return b, nil
}

// Read reads decoded bytes; every error but io.EOF is an *Error.
func (b *body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.r == nil {
		r, err := b.open()
		if err != nil {
			b.err = b.fail(err)
			return 0, b.err
		}
		b.r = r
	}
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		b.err = b.fail(err)
		err = b.err
	}
	return n, err
}

// Close closes the connection's body and ends the request's context.
func (b *body) Close() error {
	err := b.raw.Close()
	b.cancel()
	return err
}

// limited passes at most left bytes of r and fails with err, rather than
// ending quietly, when r has more: a truncated document must not pass for
// a whole one.
type limited struct {
	r    io.Reader
	left int64
	err  error
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.err
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1] // one byte more than allowed tells a body over the limit
	}
	n, err := l.r.Read(p)
	if int64(n) > l.left {
		n, l.left = int(l.left), -1
		return n, l.err
	}
	l.left -= int64(n)
	return n, err
}

// sizeText writes a limit for a message: "20 MiB", "512 KiB", "100 B".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
