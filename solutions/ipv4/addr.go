package ipv4

import (
	"math"
	"net/netip"
	"strconv"
)

// Addr is an IPv4 address, held as a 32-bit unsigned integer whose most
// significant byte is the first octet: 10.0.1.2 is 0x0A000102.
//
// Addr is a small comparable value: == compares addresses and the order of
// Uint32 is the order of addresses. The zero value is 0.0.0.0, a valid
// address (unlike netip.Addr, whose zero value is invalid).
type Addr struct {
	u uint32
}

// AddrFrom4 returns the address with the four octets in b, b[0] first.
func AddrFrom4(b [4]byte) Addr {
	return Addr{uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])}
}

// AddrFromUint32 returns the address whose 32-bit integer is u.
func AddrFromUint32(u uint32) Addr {
	return Addr{u}
}

// AddrFromNetip returns the IPv4 address a, and true, when a is an IPv4
// address or an IPv4-mapped IPv6 address (::ffff:a.b.c.d, which is unmapped).
// For any other netip.Addr, including the zero value, it returns 0.0.0.0 and
// false.
func AddrFromNetip(a netip.Addr) (Addr, bool) {
	a = a.Unmap()
	if !a.Is4() {
		return Addr{}, false
	}
	return AddrFrom4(a.As4()), true
}

// MustParseAddr calls ParseAddr(s) and panics on error. It is intended for
// tests and constants in source code.
func MustParseAddr(s string) Addr {
	a, err := ParseAddr(s)
	if err != nil {
		panic(err)
	}
	return a
}

// Uint32 returns a as a 32-bit integer, the first octet in the top byte.
func (a Addr) Uint32() uint32 {
	return a.u
}

// Octets returns the four octets of a, the first (leftmost) at index 0.
func (a Addr) Octets() [4]byte {
	return [4]byte{byte(a.u >> 24), byte(a.u >> 16), byte(a.u >> 8), byte(a.u)}
}

// NetipAddr returns a as a netip.Addr (always an IPv4 address, Is4 true).
func (a Addr) NetipAddr() netip.Addr {
	return netip.AddrFrom4(a.Octets())
}

// Next returns the address after a, and true. After 255.255.255.255, the
// last IPv4 address, it returns 0.0.0.0 and false: it reports the end
// instead of wrapping around.
func (a Addr) Next() (Addr, bool) {
	if a.u == math.MaxUint32 {
		return Addr{}, false
	}
	return Addr{a.u + 1}, true
}

// Prev returns the address before a, and true. Before 0.0.0.0, the first
// IPv4 address, it returns 0.0.0.0 and false: it reports the end instead of
// wrapping around.
func (a Addr) Prev() (Addr, bool) {
	if a.u == 0 {
		return Addr{}, false
	}
	return Addr{a.u - 1}, true
}

// Compare returns -1, 0 or +1 as a is before, equal to or after b.
func (a Addr) Compare(b Addr) int {
	switch {
	case a.u < b.u:
		return -1
	case a.u > b.u:
		return 1
	}
	return 0
}

// Less reports whether a comes before b.
func (a Addr) Less(b Addr) bool {
	return a.u < b.u
}

// String returns a in dotted decimal form, e.g. "10.0.1.2", without leading
// zeros.
func (a Addr) String() string {
	var buf [15]byte
	return string(a.AppendTo(buf[:0]))
}

// AppendTo appends the dotted decimal form of a to b and returns the
// extended buffer. It allocates only when b is too small.
func (a Addr) AppendTo(b []byte) []byte {
	o := a.Octets()
	for i, v := range o {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(v), 10)
	}
	return b
}

// ParseAddr parses s as an IPv4 address in dotted decimal form: exactly four
// decimal octets from 0 to 255 separated by dots, such as "192.168.1.7".
//
// It accepts exactly the IPv4 addresses netip.ParseAddr accepts and refuses
// everything else with a *ParseError that names the problem: an empty
// string, a space, a character that is not a digit, too few or too many
// octets, an empty octet, an octet over 255, or an octet with a leading zero
// ("010" is 8 to inet_aton, which reads it as octal, and 10 to a decimal
// parser; rather than guess, it is refused). errors.Is matches the error
// against ErrEmpty, ErrSpace, ErrNotDigit, ErrOctetCount, ErrEmptyOctet,
// ErrOctetRange or ErrLeadingZero.
//
// It does not allocate unless it returns an error.
func ParseAddr(s string) (Addr, error) {
	u, err := parseAddr("ParseAddr", s, s)
	if err != nil {
		return Addr{}, err
	}
	return Addr{u}, nil
}

// parseAddr parses s, the address part of in, for the function fn.
func parseAddr(fn, in, s string) (uint32, error) {
	if s == "" {
		return 0, parseError(fn, in, ErrEmpty, "no address")
	}
	// Spaces and foreign characters first: they explain a bad count too.
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return 0, parseError(fn, in, ErrSpace, "space "+strconv.QuoteRune(rune(c))+" at byte "+strconv.Itoa(i)+" (an address has no spaces; trim it first)")
		case c != '.' && (c < '0' || c > '9'):
			return 0, parseError(fn, in, ErrNotDigit, quoteRuneAt(s, i)+" at byte "+strconv.Itoa(i)+" is not a digit or a dot")
		}
	}
	fields := 1
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			fields++
		}
	}
	if fields != 4 {
		what := "too few"
		if fields > 4 {
			what = "too many"
		}
		return 0, parseError(fn, in, ErrOctetCount, what+" octets: "+strconv.Itoa(fields)+" where an IPv4 address has 4")
	}
	var u uint32
	start := 0
	for n := 1; n <= 4; n++ {
		end := start
		for end < len(s) && s[end] != '.' {
			end++
		}
		f := s[start:end]
		switch {
		case f == "":
			return 0, parseError(fn, in, ErrEmptyOctet, "octet "+strconv.Itoa(n)+" is empty")
		case len(f) > 1 && f[0] == '0':
			return 0, parseError(fn, in, ErrLeadingZero, "octet "+strconv.Itoa(n)+" "+quote(f)+" has a leading zero: octal or decimal? (inet_aton reads it as octal)")
		case len(f) > 3:
			return 0, parseError(fn, in, ErrOctetRange, "octet "+strconv.Itoa(n)+" "+quote(f)+" is over 255")
		}
		v := 0
		for i := 0; i < len(f); i++ {
			v = v*10 + int(f[i]-'0')
		}
		if v > 255 {
			return 0, parseError(fn, in, ErrOctetRange, "octet "+strconv.Itoa(n)+" "+quote(f)+" is over 255")
		}
		u = u<<8 | uint32(v)
		start = end + 1
	}
	return u, nil
}
