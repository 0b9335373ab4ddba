package ipv4

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestParseAddrGood(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"0.0.0.0", 0},
		{"255.255.255.255", 0xFFFFFFFF},
		{"10.0.1.2", 0x0A000102},
		{"192.168.1.7", 0xC0A80107},
		{"1.20.100.255", 0x011464FF},
	} {
		a, err := ParseAddr(tc.in)
		if err != nil {
			t.Errorf("ParseAddr(%q): %v", tc.in, err)
			continue
		}
		if a.Uint32() != tc.want {
			t.Errorf("ParseAddr(%q) = %#x, want %#x", tc.in, a.Uint32(), tc.want)
		}
		if a.String() != tc.in {
			t.Errorf("ParseAddr(%q).String() = %q", tc.in, a.String())
		}
	}
}

func TestParseAddrBad(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind error
		says string // the message must contain this
	}{
		{"", ErrEmpty, "no address"},
		{"10.0.0.256", ErrOctetRange, `octet 4 "256" is over 255`},
		{"300.0.0.1", ErrOctetRange, `octet 1 "300" is over 255`},
		{"1.2.3.4000", ErrOctetRange, `octet 4 "4000" is over 255`},
		{"1.2.3.99999999999999999999", ErrOctetRange, "is over 255"},
		{"1.2.3", ErrOctetCount, "too few octets: 3"},
		{"1", ErrOctetCount, "too few octets: 1"},
		{"1.2.3.4.5", ErrOctetCount, "too many octets: 5"},
		{"1..3.4", ErrEmptyOctet, "octet 2 is empty"},
		{".1.2.3", ErrEmptyOctet, "octet 1 is empty"},
		{"1.2.3.", ErrEmptyOctet, "octet 4 is empty"},
		{"10.0.0.010", ErrLeadingZero, `octet 4 "010" has a leading zero`},
		{"00.1.2.3", ErrLeadingZero, `octet 1 "00"`},
		{" 1.2.3.4", ErrSpace, "at byte 0"},
		{"1.2.3.4\n", ErrSpace, `'\n' at byte 7`},
		{"1.2. 3.4", ErrSpace, "at byte 4"},
		{"1.2.3.a", ErrNotDigit, `'a' at byte 6 is not a digit`},
		{"0x7f.0.0.1", ErrNotDigit, `'x' at byte 1`},
		{"1.2.3.-4", ErrNotDigit, `'-'`},
		{"::1", ErrNotDigit, `':'`},
		{"1.2.3.4/24", ErrNotDigit, `'/'`},
		{"１.2.3.4", ErrNotDigit, `'１'`},
	} {
		_, err := ParseAddr(tc.in)
		if err == nil {
			t.Errorf("ParseAddr(%q) accepted", tc.in)
			continue
		}
		if !errors.Is(err, tc.kind) {
			t.Errorf("ParseAddr(%q) = %v, want kind %v", tc.in, err, tc.kind)
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.says) || strings.Contains(msg, "\n") {
			t.Errorf("ParseAddr(%q) says %q, want one line containing %q", tc.in, msg, tc.says)
		}
		if !strings.HasPrefix(msg, "ipv4.ParseAddr(") {
			t.Errorf("ParseAddr(%q) error %q does not name the function", tc.in, msg)
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Input != tc.in {
			t.Errorf("ParseAddr(%q): error %#v is not a *ParseError with the input", tc.in, err)
		}
	}
}

func TestParseErrorQuotesLongInputShort(t *testing.T) {
	for _, in := range []string{strings.Repeat("1", 10000), "1.2.3.4/" + strings.Repeat("\xff\x00 ", 50), strings.Repeat("é", 100)} {
		_, err := ParseAddr(in)
		if err == nil || len(err.Error()) > 200 {
			t.Fatalf("error for a %d-byte input: %d bytes: %v", len(in), len(err.Error()), err)
		}
		_, err = ParsePrefix(in + "/" + in)
		if err == nil || len(err.Error()) > 200 {
			t.Fatalf("ParsePrefix error for a %d-byte input: %d bytes: %v", len(in), len(err.Error()), err)
		}
	}
}

func TestNextPrevEnds(t *testing.T) {
	last := MustParseAddr("255.255.255.255")
	if a, ok := last.Next(); ok || a != (Addr{}) {
		t.Errorf("255.255.255.255.Next() = %v, %v; want 0.0.0.0, false", a, ok)
	}
	if a, ok := (Addr{}).Prev(); ok || a != (Addr{}) {
		t.Errorf("0.0.0.0.Prev() = %v, %v; want 0.0.0.0, false", a, ok)
	}
	for _, tc := range [][2]string{
		{"10.0.0.255", "10.0.1.0"},
		{"10.255.255.255", "11.0.0.0"},
		{"255.255.255.254", "255.255.255.255"},
		{"0.0.0.0", "0.0.0.1"},
	} {
		from, want := MustParseAddr(tc[0]), MustParseAddr(tc[1])
		if got, ok := from.Next(); !ok || got != want {
			t.Errorf("%v.Next() = %v, %v; want %v", from, got, ok, want)
		}
		if got, ok := want.Prev(); !ok || got != from {
			t.Errorf("%v.Prev() = %v, %v; want %v", want, got, ok, from)
		}
	}
}

func TestAddrNetip(t *testing.T) {
	a := MustParseAddr("192.0.2.33")
	n := a.NetipAddr()
	if !n.Is4() || n.String() != "192.0.2.33" {
		t.Fatalf("NetipAddr = %v", n)
	}
	back, ok := AddrFromNetip(n)
	if !ok || back != a {
		t.Fatalf("AddrFromNetip(%v) = %v, %v", n, back, ok)
	}
	mapped, ok := AddrFromNetip(netip.MustParseAddr("::ffff:192.0.2.33"))
	if !ok || mapped != a {
		t.Errorf("AddrFromNetip(::ffff:192.0.2.33) = %v, %v", mapped, ok)
	}
	for _, bad := range []netip.Addr{{}, netip.MustParseAddr("2001:db8::1")} {
		if got, ok := AddrFromNetip(bad); ok {
			t.Errorf("AddrFromNetip(%v) = %v, true", bad, got)
		}
	}
}

func TestCompareAndOctets(t *testing.T) {
	a, b := MustParseAddr("10.0.0.255"), MustParseAddr("10.0.1.0")
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 || !a.Less(b) || b.Less(a) {
		t.Errorf("Compare/Less wrong for %v, %v", a, b)
	}
	if got := b.Octets(); got != [4]byte{10, 0, 1, 0} {
		t.Errorf("Octets = %v", got)
	}
	if got := AddrFrom4([4]byte{10, 0, 1, 0}); got != b {
		t.Errorf("AddrFrom4 = %v", got)
	}
	if got := string(b.AppendTo([]byte("ip="))); got != "ip=10.0.1.0" {
		t.Errorf("AppendTo = %q", got)
	}
}

func TestParseAddrNoAlloc(t *testing.T) {
	n := testing.AllocsPerRun(100, func() {
		if _, err := ParseAddr("192.168.100.200"); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("ParseAddr allocates %v times", n)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseAddr(\"1.2.3\") did not panic")
		}
	}()
	MustParseAddr("1.2.3")
}
