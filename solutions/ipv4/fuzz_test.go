package ipv4

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

// FuzzParseAddr checks ParseAddr against netip.ParseAddr: both accept the
// same IPv4 addresses with the same value, every refusal is a one-line
// *ParseError of a known kind, and an accepted address prints back as its
// input (there is one dotted form per address).
func FuzzParseAddr(f *testing.F) {
	for _, s := range []string{"0.0.0.0", "255.255.255.255", "10.0.0.256", "1.2.3", "1.2.3.4.5", "1..2.3",
		"01.2.3.4", "1.2.3.4 ", "1.2.3.a", "::ffff:1.2.3.4", "1.2.3.4%eth0", "", "0x7f.1", "1.2.3.04"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAddr(s)
		n, nerr := netip.ParseAddr(s)
		netipOK := nerr == nil && n.Is4()
		if (err == nil) != netipOK {
			t.Fatalf("ParseAddr(%q) = %v, %v; netip.ParseAddr = %v, %v", s, a, err, n, nerr)
		}
		if err != nil {
			checkParseError(t, err, "ParseAddr", s)
			return
		}
		if a.NetipAddr() != n {
			t.Fatalf("ParseAddr(%q) = %v, netip %v", s, a, n)
		}
		if a.String() != s {
			t.Fatalf("ParseAddr(%q).String() = %q", s, a.String())
		}
	})
}

// FuzzParsePrefix checks ParsePrefix against netip.ParsePrefix in the same
// way, and ParsePrefixStrict against netip's Masked.
func FuzzParsePrefix(f *testing.F) {
	for _, s := range []string{"0.0.0.0/0", "192.168.1.0/30", "192.168.1.5/30", "1.2.3.4/32", "1.2.3.4/33",
		"1.2.3.4/08", "1.2.3.4/", "1.2.3.4", "1.2.3.4/x", "1.2.3.4/ 8", "1.2.3.4/+8", "::/0", "1.2.3.4/8/8", "/8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrefix(s)
		n, nerr := netip.ParsePrefix(s)
		netipOK := nerr == nil && n.Addr().Is4()
		if (err == nil) != netipOK {
			t.Fatalf("ParsePrefix(%q) = %v, %v; netip.ParsePrefix = %v, %v", s, p, err, n, nerr)
		}
		strict, serr := ParsePrefixStrict(s)
		if err != nil {
			checkParseError(t, err, "ParsePrefix", s)
			if serr == nil {
				t.Fatalf("ParsePrefixStrict(%q) accepts what ParsePrefix refuses", s)
			}
			return
		}
		if p.NetipPrefix() != n || p.String() != s {
			t.Fatalf("ParsePrefix(%q) = %v, netip %v", s, p, n)
		}
		if p.Masked().NetipPrefix() != n.Masked() || p.HostBitsSet() != (n != n.Masked()) {
			t.Fatalf("%q: Masked %v, netip %v", s, p.Masked(), n.Masked())
		}
		if p.HostBitsSet() {
			if serr == nil || !errors.Is(serr, ErrHostBits) {
				t.Fatalf("ParsePrefixStrict(%q) = %v, %v; want ErrHostBits", s, strict, serr)
			}
			checkParseError(t, serr, "ParsePrefixStrict", s)
		} else if serr != nil || strict != p {
			t.Fatalf("ParsePrefixStrict(%q) = %v, %v; want %v", s, strict, serr, p)
		}
		if !p.Contains(p.Network()) || !p.Contains(p.Last()) || p.Last().Uint32()-p.Network().Uint32() != uint32(p.NumAddrs()-1) {
			t.Fatalf("%v: network %v last %v count %d", p, p.Network(), p.Last(), p.NumAddrs())
		}
	})
}

func checkParseError(t *testing.T, err error, fn, in string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Func != fn || pe.Input != in {
		t.Fatalf("%s(%q): error %#v is not a *ParseError naming the call", fn, in, err)
	}
	known := []error{ErrEmpty, ErrSpace, ErrNotDigit, ErrOctetCount, ErrEmptyOctet, ErrOctetRange, ErrLeadingZero, ErrNoSlash, ErrBits, ErrHostBits}
	found := false
	for _, k := range known {
		found = found || errors.Is(err, k)
	}
	if !found {
		t.Fatalf("%s(%q): %v is of no known kind", fn, in, err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) > 300 {
		t.Fatalf("%s(%q): message is not one short line: %q", fn, in, msg)
	}
}
