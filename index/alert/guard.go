package alert

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// SSRF guard. A webhook URL is checked when an alert is saved (CheckURL:
// its form, and its host when that is an IP address) and again at every
// connection (guardControl, run by the dialer on the address it is about
// to connect to, after DNS), so that a name resolving to an internal
// address, or changing to one after the check (DNS rebinding), is refused.

// refusedPrefixes are the ranges a webhook may not reach without
// AllowPrivate, beyond what netip.Addr's predicates name: shared address
// space (carrier-grade NAT), benchmarking, IETF protocol assignments and
// the reserved and broadcast blocks; 6to4 relays; NAT64 and discard-only
// prefixes that can wrap internal addresses.
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2002::/16"),
}

// refusedAddr reports why ip may not be connected to, or "" when it may.
func refusedAddr(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "not an address"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	case ip.IsPrivate():
		return "private"
	}
	for _, p := range refusedPrefixes {
		if p.Contains(ip) {
			return "reserved"
		}
	}
	return ""
}

// CheckURL checks a webhook URL: absolute http or https, a host, no user
// information, at most MaxURLBytes; a host that is an IP address must be
// public unless allowPrivate. A host name is resolved only when a
// delivery connects (see the Deliverer). Errors wrap ErrURLRefused.
func CheckURL(raw string, allowPrivate bool) error {
	if len(raw) > MaxURLBytes {
		return fmt.Errorf("%w: URL is longer than %d bytes", ErrURLRefused, MaxURLBytes)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrURLRefused, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%w: scheme must be http or https", ErrURLRefused)
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%w: URL has no host", ErrURLRefused)
	case u.User != nil:
		return fmt.Errorf("%w: URL must not carry user information", ErrURLRefused)
	case strings.ContainsAny(u.Host, " \t\r\n"):
		return fmt.Errorf("%w: host holds white space", ErrURLRefused)
	}
	if p := u.Port(); p != "" {
		if n, err := parsePort(p); err != nil || n == 0 {
			return fmt.Errorf("%w: bad port %q", ErrURLRefused, p)
		}
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil && !allowPrivate {
		if why := refusedAddr(ip); why != "" {
			return fmt.Errorf("%w: %s address %s", ErrURLRefused, why, ip)
		}
	}
	if !allowPrivate && (strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost")) {
		return fmt.Errorf("%w: loopback host %s", ErrURLRefused, host)
	}
	if _, err := netip.ParseAddr(host); err != nil && !allowPrivate && numericHost(host) {
		return fmt.Errorf("%w: host %s is a number, not a DNS name (resolvers may read it as an address: \"0\" as 0.0.0.0, \"0x7f.1\" as 127.0.0.1)", ErrURLRefused, host)
	}
	return nil
}

// numericHost reports whether host's last label (after a trailing dot)
// starts with a digit. No DNS top-level domain does, but the older forms
// of IPv4 address that C resolvers accept do ("0", "127.1",
// "2130706433", "0x7f.1", "127.0.0.1."): refused here as well as at
// connect time, so that a URL that cannot be delivered is not saved.
func numericHost(host string) bool {
	host = strings.TrimSuffix(host, ".")
	last := host[strings.LastIndexByte(host, '.')+1:]
	return last != "" && last[0] >= '0' && last[0] <= '9'
}

// parsePort reads a decimal port, 0..65535.
func parsePort(p string) (int, error) {
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("not a number")
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return 0, fmt.Errorf("out of range")
		}
	}
	return n, nil
}

// guardControl refuses, at connect time, an address refusedAddr refuses;
// it is the net.Dialer's Control, so it sees the address after DNS.
func guardControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrURLRefused, address, err)
	}
	if why := refusedAddr(ap.Addr()); why != "" {
		return fmt.Errorf("%w: %s address %s", ErrURLRefused, why, ap.Addr())
	}
	return nil
}

// newDialer returns the dialer deliveries connect with: guarded unless
// allowPrivate.
func newDialer(timeout time.Duration, allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = guardControl
	}
	return d
}
