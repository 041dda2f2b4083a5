package safehttp

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// special are the ranges, beyond what netip.Addr's Is* methods know, that
// are not the public Internet (IANA's special-purpose address registries).
// Each is refused unless Options.AllowPrivate.
var special = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "this network"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space (CGNAT; Alibaba Cloud metadata)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("192.88.99.0/24"), "6to4 relay anycast"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved (and broadcast)"},
	{netip.MustParsePrefix("::/96"), "IPv4-compatible (deprecated)"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local-use NAT64"},
	{netip.MustParsePrefix("100::/64"), "discard-only"},
	{netip.MustParsePrefix("2001::/23"), "IETF protocol assignments (Teredo, benchmarking, ORCHID)"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("3fff::/20"), "documentation"},
	{netip.MustParsePrefix("5f00::/16"), "segment routing"},
	{netip.MustParsePrefix("fec0::/10"), "site-local (deprecated)"},
}

// Prefixes whose addresses embed an IPv4 address that the traffic reaches.
var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixto4 = netip.MustParsePrefix("2002::/16")
)

// IsPublic reports whether a is an address of the public Internet, which
// safehttp connects to without Options.AllowPrivate.
func IsPublic(a netip.Addr) bool { return refusal(a) == "" }

// refusal says why a is not public, or returns "".
func refusal(a netip.Addr) string {
	a = a.WithZone("").Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private" // RFC 1918 and fc00::/7 (AWS metadata fd00:ec2::254)
	case a.IsLinkLocalUnicast():
		return "link-local" // 169.254.169.254, the metadata of most clouds
	case a.IsMulticast():
		return "multicast"
	case nat64.Contains(a):
		b := a.As16()
		return embedded(netip.AddrFrom4([4]byte(b[12:16])), "NAT64")
	case sixto4.Contains(a):
		b := a.As16()
		return embedded(netip.AddrFrom4([4]byte(b[2:6])), "6to4")
	}
	for _, s := range special {
		if s.prefix.Contains(a) {
			return s.reason
		}
	}
	return ""
}

// embedded checks the IPv4 address inside a translation prefix.
func embedded(v4 netip.Addr, via string) string {
	if r := refusal(v4); r != "" {
		return r + " via " + via
	}
	return ""
}

// dialContext is the transport's dialer. It resolves host itself, drops
// every address that is not public, and connects to the remaining ones in
// the resolver's order. The address checked is the address connected to:
// no second lookup happens, so a name that resolves to a public address for
// a check and to 127.0.0.1 for the connection (DNS rebinding) cannot get
// through. The dialer's Control checks again on the socket itself.
func (c *Client) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, portText, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", address, err)
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("dial %s: bad port: %w", address, err)
	}
	addrs, err := c.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	var refused []string
	var failed error
	for _, a := range addrs {
		ap := netip.AddrPortFrom(a.Unmap(), uint16(port))
		if !c.allowed(ap) {
			refused = append(refused, a.String()+" is "+refusal(a))
			continue
		}
		conn, err := c.connect(ctx, network, host, ap.String())
		if err == nil || ctx.Err() != nil {
			return conn, err
		}
		failed = err // try the next address; report the last failure
	}
	if failed != nil {
		return nil, failed
	}
	return nil, &Error{Kind: Refused, Key: "fetch.error.private_address", Args: []any{host},
		Err: fmt.Errorf("dial %s: %s", host, strings.Join(refused, ", "))}
}

// resolve returns the addresses of host: host itself when it is an IP
// literal, otherwise the resolver's answer.
func (c *Client) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	addrs, err := c.opts.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", host, err)
	}
	if len(addrs) == 0 {
		return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	return addrs, nil
}

// connect opens one TCP connection to ipPort, an address of host, within
// Options.ConnectTimeout.
func (c *Client) connect(ctx context.Context, network, host, ipPort string) (net.Conn, error) {
	dctx, cancel := context.WithTimeout(ctx, c.opts.ConnectTimeout)
	defer cancel()
	conn, err := c.dial(dctx, network, ipPort)
	if err != nil && ctx.Err() == nil && dctx.Err() == context.DeadlineExceeded {
		return nil, &Error{Kind: Timeout, Key: "fetch.error.timeout", Args: []any{host, c.opts.ConnectTimeout.Seconds()},
			Err: fmt.Errorf("connect %s: %w", ipPort, err)}
	}
	return conn, err
}

// control runs on every socket just before it connects, with the address
// it connects to: the last word on which addresses are refused.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	if c.opts.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("safehttp: control %s: %w", address, err)
	}
	if c.allowed(ap) {
		return nil
	}
	return &Error{Kind: Refused, Key: "fetch.error.private_address", Args: []any{ap.Addr().String()},
		Err: fmt.Errorf("connect %s: %s address", address, refusal(ap.Addr()))}
}

// allowed reports whether the client may connect to ap: a public address,
// one of Options.AllowAddrs, or any with Options.AllowPrivate.
func (c *Client) allowed(ap netip.AddrPort) bool {
	return c.opts.AllowPrivate || c.public(ap.Addr()) || slices.Contains(c.opts.AllowAddrs, ap)
}
