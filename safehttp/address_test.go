package safehttp

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// Only IsPublic and control are called with these addresses: no test
// connects anywhere but loopback.
func TestIsPublic(t *testing.T) {
	t.Parallel()
	refused := []string{
		// IPv4
		"0.0.0.0", "0.1.2.3", "127.0.0.1", "127.1.2.3", "10.0.0.1", "10.255.255.255",
		"172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1",
		"100.64.0.1", "100.100.100.200", "100.127.255.255", "224.0.0.1", "239.255.255.250",
		"255.255.255.255", "240.0.0.1", "192.0.0.170", "192.0.2.1", "192.88.99.1", "198.18.0.1",
		"198.19.255.255", "198.51.100.1", "203.0.113.1",
		// IPv6
		"::", "::1", "fe80::1", "fe80::1%eth0", "fc00::1", "fd00:ec2::254", "fd12:3456::1",
		"ff02::1", "ff05::2", "fec0::1", "100::1", "2001:db8::1", "2001::1", "2001:2::1",
		"3fff::1", "5f00::1", "64:ff9b:1::1",
		// IPv4 inside IPv6
		"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
		"::127.0.0.1", "::a00:1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c0a8:101",
		"2002:7f00:1::", "2002:a00:1::1", "2002:a9fe:a9fe::",
	}
	public := []string{
		"8.8.8.8", "1.1.1.1", "103.10.20.30", "36.86.63.180", "172.15.255.255", "172.32.0.1",
		"100.63.255.255", "100.128.0.1", "169.253.1.1", "192.0.1.1", "198.17.255.255",
		"223.255.255.255", "2001:4860:4860::8888", "2400:cb00::1", "2606:4700::1111",
		"2001:200::1", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::",
	}
	for _, s := range refused {
		if IsPublic(netip.MustParseAddr(s)) {
			t.Errorf("IsPublic(%s) = true, want false", s)
		}
	}
	for _, s := range public {
		if !IsPublic(netip.MustParseAddr(s)) {
			t.Errorf("IsPublic(%s) = false (%s), want true", s, refusal(netip.MustParseAddr(s)))
		}
	}
	if IsPublic(netip.Addr{}) {
		t.Error("IsPublic(zero Addr) = true, want false")
	}
}

func TestControl(t *testing.T) {
	t.Parallel()
	strict, open := New(Options{}), New(Options{AllowPrivate: true})
	for _, tc := range []struct {
		address string
		refused bool
	}{
		{"127.0.0.1:80", true},
		{"[::1]:443", true},
		{"[::ffff:127.0.0.1]:80", true},
		{"169.254.169.254:80", true},
		{"[fd00:ec2::254]:80", true},
		{"10.1.2.3:8080", true},
		{"8.8.8.8:443", false},
		{"[2001:4860:4860::8888]:443", false},
	} {
		err := strict.control("tcp", tc.address, nil)
		if tc.refused {
			wantError(t, "control("+tc.address+")", err, Refused, "fetch.error.private_address")
		} else if err != nil {
			t.Errorf("control(%s) = %v, want nil", tc.address, err)
		}
		if err := open.control("tcp", tc.address, nil); err != nil {
			t.Errorf("control(%s) with AllowPrivate = %v, want nil", tc.address, err)
		}
	}
}

// TestDialerControl connects with the client's own dialer, skipping the
// check before it, to prove that the socket's Control refuses loopback.
func TestDialerControl(t *testing.T) {
	t.Parallel()
	var hits counter
	srv := httptest.NewServer(hits.wrap(http.NotFoundHandler()))
	t.Cleanup(srv.Close)
	c := New(Options{})
	conn, err := c.dial(context.Background(), "tcp", srv.Listener.Addr().String())
	if err == nil {
		conn.Close()
		t.Fatal("dial to the loopback server succeeded, want refusal by Control")
	}
	var e *Error
	if !errors.As(err, &e) || e.Kind != Refused {
		t.Errorf("dial error = %v, want a Refused *Error", err)
	}
}

func TestRefusal(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"127.0.0.1":          "loopback",
		"::ffff:10.0.0.1":    "private",
		"169.254.169.254":    "link-local",
		"64:ff9b::7f00:1":    "loopback via NAT64",
		"100.100.100.200":    "shared address space",
		"fd00:ec2::254":      "private",
		"2001:db8::1":        "documentation",
		"ff02::1":            "multicast",
		"8.8.8.8":            "",
		"2002:808:808::":     "",
		"2002:c0a8:101::":    "private via 6to4",
		"::ffff:0.0.0.0":     "unspecified",
		"fe80::1%eth0":       "link-local",
		"255.255.255.255":    "reserved",
		"100::dead:beef:1":   "discard-only",
		"2001:0:4136:e378::": "IETF protocol assignments",
	} {
		got := refusal(netip.MustParseAddr(addr))
		if !strings.HasPrefix(got, want) || (want == "") != (got == "") {
			t.Errorf("refusal(%s) = %q, want %q", addr, got, want)
		}
	}
}
