package ipv4

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestPrefixEdges(t *testing.T) {
	for _, tc := range []struct {
		in                    string
		mask, network, last   string
		n                     uint64
		hostBits              bool
		contains, notContains string
	}{
		{"192.168.1.0/30", "255.255.255.252", "192.168.1.0", "192.168.1.3", 4, false, "192.168.1.3", "192.168.1.4"},
		{"192.168.1.5/30", "255.255.255.252", "192.168.1.4", "192.168.1.7", 4, true, "192.168.1.4", "192.168.1.3"},
		{"10.1.2.3/8", "255.0.0.0", "10.0.0.0", "10.255.255.255", 1 << 24, true, "10.200.0.1", "11.0.0.0"},
		{"0.0.0.0/0", "0.0.0.0", "0.0.0.0", "255.255.255.255", 1 << 32, false, "255.255.255.255", ""},
		{"1.2.3.4/0", "0.0.0.0", "0.0.0.0", "255.255.255.255", 1 << 32, true, "0.0.0.0", ""},
		{"1.2.3.4/32", "255.255.255.255", "1.2.3.4", "1.2.3.4", 1, false, "1.2.3.4", "1.2.3.5"},
		{"1.2.3.5/31", "255.255.255.254", "1.2.3.4", "1.2.3.5", 2, true, "1.2.3.4", "1.2.3.6"},
		{"255.255.255.255/24", "255.255.255.0", "255.255.255.0", "255.255.255.255", 256, true, "255.255.255.0", "255.255.254.255"},
		{"172.16.200.9/20", "255.255.240.0", "172.16.192.0", "172.16.207.255", 4096, true, "172.16.207.1", "172.16.208.0"},
	} {
		p, err := ParsePrefix(tc.in)
		if err != nil {
			t.Errorf("ParsePrefix(%q): %v", tc.in, err)
			continue
		}
		if p.String() != tc.in {
			t.Errorf("%s: String() = %q", tc.in, p)
		}
		if got := p.Mask().String(); got != tc.mask {
			t.Errorf("%s: Mask = %s, want %s", tc.in, got, tc.mask)
		}
		if got := p.Network().String(); got != tc.network {
			t.Errorf("%s: Network = %s, want %s", tc.in, got, tc.network)
		}
		if got := p.Last().String(); got != tc.last {
			t.Errorf("%s: Last = %s, want %s", tc.in, got, tc.last)
		}
		if got := p.NumAddrs(); got != tc.n {
			t.Errorf("%s: NumAddrs = %d, want %d", tc.in, got, tc.n)
		}
		if got := p.HostBitsSet(); got != tc.hostBits {
			t.Errorf("%s: HostBitsSet = %v", tc.in, got)
		}
		if m := p.Masked(); m.Addr() != p.Network() || m.Bits() != p.Bits() || m.HostBitsSet() {
			t.Errorf("%s: Masked = %v", tc.in, m)
		}
		if !p.Contains(MustParseAddr(tc.contains)) {
			t.Errorf("%s: does not contain %s", tc.in, tc.contains)
		}
		if tc.notContains != "" && p.Contains(MustParseAddr(tc.notContains)) {
			t.Errorf("%s: contains %s", tc.in, tc.notContains)
		}
		_, err = ParsePrefixStrict(tc.in)
		if tc.hostBits != (err != nil) {
			t.Errorf("ParsePrefixStrict(%q) error = %v, host bits %v", tc.in, err, tc.hostBits)
		}
		if err != nil && (!errors.Is(err, ErrHostBits) || !strings.Contains(err.Error(), "the block is "+tc.network+"/")) {
			t.Errorf("ParsePrefixStrict(%q) = %v, want ErrHostBits naming %s", tc.in, err, tc.network)
		}
	}
}

func TestParsePrefixBad(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind error
		says string
	}{
		{"", ErrEmpty, "no block"},
		{"10.0.0.0", ErrNoSlash, `no "/"`},
		{"10.0.0.0/", ErrBits, "empty"},
		{"10.0.0.0/33", ErrBits, `"33" is over 32`},
		{"10.0.0.0/100", ErrBits, `"100" is over 32`},
		{"10.0.0.0/x", ErrBits, `"x" is not a number`},
		{"10.0.0.0/-1", ErrBits, `"-1" is not a number`},
		{"10.0.0.0/+8", ErrBits, "not a number"},
		{"10.0.0.0/08", ErrBits, "leading zero"},
		{"10.0.0.0/ 8", ErrSpace, "space in prefix length"},
		{"10.0.0.0 /8", ErrSpace, "at byte 8"},
		{"10.0.0.256/8", ErrOctetRange, `octet 4 "256"`},
		{"10.0.0/8", ErrOctetCount, "too few"},
		{"10.0.0.01/8", ErrLeadingZero, "octet 4"},
		{"/8", ErrEmpty, "no address"},
		{"10.0.0.0/8/8", ErrNotDigit, `'/'`},
	} {
		for _, parse := range []func(string) (Prefix, error){ParsePrefix, ParsePrefixStrict} {
			p, err := parse(tc.in)
			if err == nil {
				t.Errorf("%q accepted as %v", tc.in, p)
				continue
			}
			if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("%q: %v; want kind %v saying %q", tc.in, err, tc.kind, tc.says)
			}
			if !strings.Contains(err.Error(), "ParsePrefix") || !strings.Contains(err.Error(), `"`+tc.in+`"`) {
				t.Errorf("%q: error %q does not name the function and input", tc.in, err)
			}
		}
	}
}

func TestPrefixZeroValue(t *testing.T) {
	var p Prefix
	if p.IsValid() || p.Bits() != -1 || p.NumAddrs() != 0 || p.Contains(Addr{}) || p.HostBitsSet() {
		t.Errorf("zero Prefix: valid %v bits %d n %d", p.IsValid(), p.Bits(), p.NumAddrs())
	}
	if p.String() != "invalid Prefix" || p.Masked() != (Prefix{}) || p.NetipPrefix().IsValid() {
		t.Errorf("zero Prefix: %v %v %v", p, p.Masked(), p.NetipPrefix())
	}
	if p.Mask() != (Addr{}) || p.Network() != (Addr{}) || p.Last() != (Addr{}) {
		t.Errorf("zero Prefix has bounds")
	}
	for a := range Block(p) {
		t.Fatalf("zero Prefix yields %v", a)
	}
	for a := range p.Backward() {
		t.Fatalf("zero Prefix yields %v backward", a)
	}
	for _, bits := range []int{-1, 33, 1000} {
		if q := PrefixFrom(Addr{}, bits); q.IsValid() {
			t.Errorf("PrefixFrom(0.0.0.0, %d) is valid", bits)
		}
	}
}

func TestPrefixNetip(t *testing.T) {
	p := MustParsePrefix("192.168.1.5/30")
	n := p.NetipPrefix()
	if n.String() != "192.168.1.5/30" || n.Masked().String() != "192.168.1.4/30" {
		t.Fatalf("NetipPrefix = %v (masked %v)", n, n.Masked())
	}
	back, ok := PrefixFromNetip(n)
	if !ok || back != p {
		t.Fatalf("PrefixFromNetip(%v) = %v, %v", n, back, ok)
	}
	for _, bad := range []netip.Prefix{{}, netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("::ffff:1.2.3.0/120")} {
		if got, ok := PrefixFromNetip(bad); ok {
			t.Errorf("PrefixFromNetip(%v) = %v, true", bad, got)
		}
	}
}
