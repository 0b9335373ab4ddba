package ipv4

import (
	"iter"
	"net/netip"
	"strconv"
	"strings"
)

// Prefix is an IPv4 CIDR block (RFC 4632): an address and a prefix length
// from 0 to 32, written "192.168.1.0/30". The first Bits bits of an address
// are its network part, the other 32-Bits its host part.
//
// Like netip.Prefix, a Prefix keeps the address as given, host bits and all:
// "192.168.1.5/30" is a valid Prefix whose Network is 192.168.1.4. Masked
// drops the host bits and HostBitsSet reports whether there were any.
//
// Prefix is a small comparable value. The zero value is not a valid prefix
// (IsValid reports false); its iterators yield nothing.
type Prefix struct {
	a           Addr
	bitsPlusOne uint8 // 0 for the zero, invalid Prefix
}

// PrefixFrom returns the prefix of a with bits network bits, keeping any host
// bits of a. If bits is below 0 or over 32 the result is the invalid zero
// Prefix.
func PrefixFrom(a Addr, bits int) Prefix {
	if bits < 0 || bits > 32 {
		return Prefix{}
	}
	return Prefix{a: a, bitsPlusOne: uint8(bits + 1)}
}

// PrefixFromNetip returns p as a Prefix, and true, when p is a valid IPv4
// prefix (its address Is4). For any other netip.Prefix it returns the
// invalid zero Prefix and false.
func PrefixFromNetip(p netip.Prefix) (Prefix, bool) {
	if !p.IsValid() || !p.Addr().Is4() {
		return Prefix{}, false
	}
	return PrefixFrom(AddrFrom4(p.Addr().As4()), p.Bits()), true
}

// ParsePrefix parses s as a CIDR block "a.b.c.d/p", with the address as
// ParseAddr reads it and p a decimal number from 0 to 32 without a sign or a
// leading zero. It accepts the IPv4 prefixes netip.ParsePrefix accepts.
//
// Host bits set in the address are kept, as netip.ParsePrefix keeps them:
// HostBitsSet reports them, and Block and All walk the network they belong
// to. Use ParsePrefixStrict to refuse them instead.
//
// A bad s gives a *ParseError naming the problem; besides the address errors
// of ParseAddr it matches ErrNoSlash (no "/p") or ErrBits (p missing, not a
// number, with a leading zero, or over 32).
func ParsePrefix(s string) (Prefix, error) {
	return parsePrefix("ParsePrefix", s)
}

// ParsePrefixStrict is ParsePrefix that also refuses a block whose address
// has host bits set, with a *ParseError matching ErrHostBits that names the
// network the input probably meant: "192.168.1.5/30" is refused, with
// 192.168.1.4/30 named.
func ParsePrefixStrict(s string) (Prefix, error) {
	p, err := parsePrefix("ParsePrefixStrict", s)
	if err != nil {
		return Prefix{}, err
	}
	if p.HostBitsSet() {
		return Prefix{}, parseError("ParsePrefixStrict", s, ErrHostBits,
			"host bits set in "+p.a.String()+"; the block is "+p.Masked().String())
	}
	return p, nil
}

// MustParsePrefix calls ParsePrefix(s) and panics on error. It is intended
// for tests and constants in source code.
func MustParsePrefix(s string) Prefix {
	p, err := ParsePrefix(s)
	if err != nil {
		panic(err)
	}
	return p
}

func parsePrefix(fn, s string) (Prefix, error) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		if s == "" {
			return Prefix{}, parseError(fn, s, ErrEmpty, "no block")
		}
		return Prefix{}, parseError(fn, s, ErrNoSlash, "no \"/\" and prefix length after the address")
	}
	u, err := parseAddr(fn, s, s[:i])
	if err != nil {
		return Prefix{}, err
	}
	bs := s[i+1:]
	switch {
	case bs == "":
		return Prefix{}, parseError(fn, s, ErrBits, "prefix length after \"/\" is empty")
	case strings.ContainsAny(bs, " \t\n\r\v\f"):
		return Prefix{}, parseError(fn, s, ErrSpace, "space in prefix length "+quote(bs)+" (a block has no spaces; trim it first)")
	case strings.ContainsFunc(bs, func(r rune) bool { return r < '0' || r > '9' }):
		return Prefix{}, parseError(fn, s, ErrBits, "prefix length "+quote(bs)+" is not a number")
	case len(bs) > 1 && bs[0] == '0':
		return Prefix{}, parseError(fn, s, ErrBits, "prefix length "+quote(bs)+" has a leading zero")
	case len(bs) > 2:
		return Prefix{}, parseError(fn, s, ErrBits, "prefix length "+quote(bs)+" is over 32")
	}
	bits, _ := strconv.Atoi(bs) // one or two digits
	if bits > 32 {
		return Prefix{}, parseError(fn, s, ErrBits, "prefix length "+quote(bs)+" is over 32")
	}
	return PrefixFrom(Addr{u}, bits), nil
}

// IsValid reports whether p is a prefix, not the zero Prefix.
func (p Prefix) IsValid() bool {
	return p.bitsPlusOne != 0
}

// Addr returns the address of p as given, host bits included.
func (p Prefix) Addr() Addr {
	return p.a
}

// Bits returns the prefix length, 0 to 32, or -1 for the invalid zero Prefix.
func (p Prefix) Bits() int {
	return int(p.bitsPlusOne) - 1
}

// Mask returns the network mask as an address: Bits one bits followed by
// zero bits, e.g. 255.255.255.252 for a /30, 0.0.0.0 for a /0. It returns
// 0.0.0.0 for the invalid zero Prefix.
func (p Prefix) Mask() Addr {
	if !p.IsValid() {
		return Addr{}
	}
	return Walker{}.mask(p)
}

// Network returns the first address of the block: Addr AND Mask.
// It returns 0.0.0.0 for the invalid zero Prefix.
func (p Prefix) Network() Addr {
	if !p.IsValid() {
		return Addr{}
	}
	network, _ := Walker{}.bounds(p)
	return network
}

// Last returns the last address of the block: Network OR NOT Mask. In a
// block of 4 or more addresses it is the broadcast address; a /31 (RFC 3021)
// and a /32 have none. It returns 0.0.0.0 for the invalid zero Prefix.
func (p Prefix) Last() Addr {
	if !p.IsValid() {
		return Addr{}
	}
	_, last := Walker{}.bounds(p)
	return last
}

// Masked returns p with its host bits cleared: the block p belongs to.
// It returns the zero Prefix for the zero Prefix.
func (p Prefix) Masked() Prefix {
	if !p.IsValid() {
		return Prefix{}
	}
	return Prefix{a: p.Network(), bitsPlusOne: p.bitsPlusOne}
}

// HostBitsSet reports whether the address of p has any host bit set, as in
// "192.168.1.5/30"; such a prefix names the block 192.168.1.4/30.
func (p Prefix) HostBitsSet() bool {
	return p.IsValid() && p.a != p.Network()
}

// NumAddrs returns the number of addresses in the block, 2 to the power of
// 32-Bits: 1 for a /32, 4 for a /30, 4294967296 for a /0. It returns 0 for
// the invalid zero Prefix.
func (p Prefix) NumAddrs() uint64 {
	if !p.IsValid() {
		return 0
	}
	return 1 << (32 - p.Bits())
}

// Contains reports whether a is in the block p.
func (p Prefix) Contains(a Addr) bool {
	if !p.IsValid() {
		return false
	}
	return a.u&p.Mask().u == p.Network().u
}

// String returns p as "a.b.c.d/p", the address as given. The zero Prefix
// is "invalid Prefix".
func (p Prefix) String() string {
	if !p.IsValid() {
		return "invalid Prefix"
	}
	return p.a.String() + "/" + strconv.Itoa(p.Bits())
}

// NetipPrefix returns p as a netip.Prefix, host bits kept. The zero Prefix
// gives the zero, invalid netip.Prefix.
func (p Prefix) NetipPrefix() netip.Prefix {
	if !p.IsValid() {
		return netip.Prefix{}
	}
	return netip.PrefixFrom(p.a.NetipAddr(), p.Bits())
}

// All returns an iterator over the addresses of the block, from Network to
// Last; see Block.
func (p Prefix) All() iter.Seq[Addr] {
	return Block(p)
}

// Backward returns an iterator over the addresses of the block, from Last
// down to Network; see BlockBackward.
func (p Prefix) Backward() iter.Seq[Addr] {
	return BlockBackward(p)
}
