package safehttp

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"

	"github.com/sinergi-id/sinergi"
)

// Kind says why a fetch failed.
type Kind string

// The kinds of fetch error. The first five are the remote's or the address's
// fault and retrying will not help; the last three may pass.
const (
	Refused          Kind = "refused"            // the address resolves to a private or special network
	BadScheme        Kind = "bad_scheme"         // not http or https (first request or a redirect)
	BadURL           Kind = "bad_url"            // the address cannot be parsed or has no host
	TooLarge         Kind = "too_large"          // the body, on the wire or decompressed, passes a limit
	TooManyRedirects Kind = "too_many_redirects" // more redirects than Options.MaxRedirects
	Timeout          Kind = "timeout"            // connect, headers or the whole exchange took too long
	Network          Kind = "network"            // DNS, TCP or TLS failed
	BadResponse      Kind = "bad_response"       // the response is malformed, truncated or undecodable
)

// Error is a fetch that safehttp refused or that failed. Key is an i18n
// message key (catalogs i18n/catalog/*.json) filled in with Args, for the
// user; URL and Err are for the log. It converts to a *sinergi.Error through
// errors.As, so sinergi.KindOf and sinergi.MessageOf work on it: Refused,
// BadScheme, BadURL, TooLarge and TooManyRedirects are sinergi.KindInvalid,
// the rest sinergi.KindUnavailable.
type Error struct {
	Kind Kind
	Key  string
	Args []any
	URL  string // the address being fetched when it failed
	Err  error  // the cause, never shown to a user
}

func (e *Error) Error() string {
	msg := "safehttp: " + string(e.Kind)
	if e.URL != "" {
		msg += " " + e.URL
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// As sets a **sinergi.Error target to the product's form of e.
func (e *Error) As(target any) bool {
	t, ok := target.(**sinergi.Error)
	if ok {
		*t = e.sinergi()
	}
	return ok
}

// Is reports whether target is the sinergi sentinel of e's kind, so that
// errors.Is(err, sinergi.ErrUnavailable) holds for a timeout.
func (e *Error) Is(target error) bool { return e.sinergi().Is(target) }

func (e *Error) sinergi() *sinergi.Error {
	kind := sinergi.KindUnavailable
	switch e.Kind {
	case Refused, BadScheme, BadURL, TooLarge, TooManyRedirects:
		kind = sinergi.KindInvalid
	}
	return &sinergi.Error{Kind: kind, Key: e.Key, Args: e.Args, Err: e.Err}
}

// errTotalTimeout is the cause of the context of a request whose
// Options.TotalTimeout ran out.
var errTotalTimeout = errors.New("total time limit reached")

// failure turns the error of a request, or of reading its body, into an
// *Error. An *Error in err's chain (from the dialer, the redirect check or
// the body limits) is returned as is, with its URL filled in. When the
// caller's own context ended, err is returned wrapped, not as an *Error:
// nothing failed, the caller gave up.
func (c *Client) failure(parent, ctx context.Context, u *url.URL, err error) error {
	var e *Error
	if errors.As(err, &e) {
		if e.URL == "" {
			e.URL = u.Redacted()
		}
		return e
	}
	if parent.Err() != nil {
		return fmt.Errorf("safehttp: fetch %s: %w", u.Redacted(), err)
	}
	host := u.Hostname()
	var (
		netErr  net.Error
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		hostErr x509.HostnameError
		authErr x509.UnknownAuthorityError
		invErr  x509.CertificateInvalidError
		recErr  tls.RecordHeaderError
		alert   tls.AlertError
		opErr   *net.OpError
	)
	switch {
	case context.Cause(ctx) == errTotalTimeout:
		e = &Error{Kind: Timeout, Key: "fetch.error.timeout", Args: []any{host, c.opts.TotalTimeout.Seconds()}}
	case errors.As(err, &dnsErr):
		e = &Error{Kind: Network, Key: "fetch.error.dns", Args: []any{host}}
	case errors.As(err, &netErr) && netErr.Timeout():
		// The transport's own timers: TLS handshake and response headers.
		e = &Error{Kind: Timeout, Key: "fetch.error.timeout", Args: []any{host, c.opts.HeaderTimeout.Seconds()}}
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &authErr),
		errors.As(err, &invErr), errors.As(err, &recErr), errors.As(err, &alert):
		e = &Error{Kind: Network, Key: "fetch.error.tls", Args: []any{host}}
	case errors.As(err, &opErr), errors.Is(err, io.EOF):
		// A connection refused, reset, or closed before any response.
		e = &Error{Kind: Network, Key: "fetch.error.network", Args: []any{host}}
	default:
		// Malformed status line, headers or Content-Length; a truncated
		// body (io.ErrUnexpectedEOF); corrupt gzip or brotli.
		e = &Error{Kind: BadResponse, Key: "fetch.error.bad_response", Args: []any{host}}
	}
	e.URL, e.Err = u.Redacted(), err
	return e
}
