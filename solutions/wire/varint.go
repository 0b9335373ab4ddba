package wire

import (
	"errors"
	"math"
	"math/bits"
)

// MaxVarintLen is the most bytes a varint of 64 bits takes: ten groups of
// seven bits cover 70 bits, nine cover only 63.
const MaxVarintLen = 10

// Errors the decoders return. Each decoder wraps them with where it
// stopped; test with errors.Is.
var (
	// ErrTruncated means the input ended inside a value: a varint whose
	// last byte still has its continuation bit set, or fewer bytes than
	// a fixed-size value or a length prefix needs.
	ErrTruncated = errors.New("wire: truncated input")
	// ErrOverlong means a varint runs past 64 bits: more than
	// MaxVarintLen bytes, or a tenth byte with bits beyond the 64th.
	ErrOverlong = errors.New("wire: varint longer than 64 bits")
)

// AppendUvarint appends the varint of x to dst and returns the extended
// buffer: seven bits of x a byte, the least significant group first, the
// top bit of each byte set when another byte follows (LEB128, as
// protobuf and encoding/binary write it). It takes 1 byte for x < 128 and
// MaxVarintLen bytes for x >= 1<<63, and does not allocate when dst has
// room.
func AppendUvarint(dst []byte, x uint64) []byte {
	for x >= 0x80 {
		dst = append(dst, byte(x)|0x80)
		x >>= 7
	}
	return append(dst, byte(x))
}

// SizeUvarint is the number of bytes AppendUvarint writes for x.
func SizeUvarint(x uint64) int {
	// ceil(bits / 7) with bits = 1 for zero, as 9 * bits / 64 + 1 gives
	// it for 0 to 64 bits without a division.
	return int(9*uint32(bits.Len64(x))+64) / 64
}

// Uvarint decodes the varint at the start of b and returns its value and
// the number of bytes it took. Like protobuf parsers it accepts a padded
// encoding (80 00 is 0 in two bytes). Input that ends before the last
// byte gives ErrTruncated; a varint of more than 64 bits gives
// ErrOverlong. Either way n is 0.
func Uvarint(b []byte) (x uint64, n int, err error) {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if i == MaxVarintLen-1 {
			if c > 1 {
				return 0, 0, ErrOverlong
			}
			return x | uint64(c)<<63, MaxVarintLen, nil
		}
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1, nil
		}
	}
	return 0, 0, ErrTruncated
}

// EncodeZigZag maps a signed value to an unsigned one so that values near
// zero, of either sign, stay small: 0, -1, 1, -2, 2 become 0, 1, 2, 3, 4
// (2x for x >= 0, -2x - 1 for x < 0). sint32 and sint64 fields store
// it.
func EncodeZigZag(x int64) uint64 {
	return uint64(x<<1) ^ uint64(x>>63)
}

// DecodeZigZag is the inverse of EncodeZigZag.
func DecodeZigZag(u uint64) int64 {
	return int64(u>>1) ^ -int64(u&1)
}

// AppendVarint appends the zig-zag varint of x, as a sint64 field is
// written.
func AppendVarint(dst []byte, x int64) []byte {
	return AppendUvarint(dst, EncodeZigZag(x))
}

// Varint decodes a zig-zag varint, with the errors of Uvarint.
func Varint(b []byte) (x int64, n int, err error) {
	u, n, err := Uvarint(b)
	return DecodeZigZag(u), n, err
}

// AppendFixed32 appends x as 4 bytes, least significant first, as
// protobuf writes fixed32, sfixed32 and float.
func AppendFixed32(dst []byte, x uint32) []byte {
	return append(dst, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
}

// AppendFixed64 appends x as 8 bytes, least significant first, as
// protobuf writes fixed64, sfixed64 and double.
func AppendFixed64(dst []byte, x uint64) []byte {
	return append(dst, byte(x), byte(x>>8), byte(x>>16), byte(x>>24),
		byte(x>>32), byte(x>>40), byte(x>>48), byte(x>>56))
}

// Fixed32 decodes 4 little-endian bytes at the start of b; fewer give
// ErrTruncated.
func Fixed32(b []byte) (uint32, int, error) {
	if len(b) < 4 {
		return 0, 0, ErrTruncated
	}
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24, 4, nil
}

// Fixed64 decodes 8 little-endian bytes at the start of b; fewer give
// ErrTruncated.
func Fixed64(b []byte) (uint64, int, error) {
	if len(b) < 8 {
		return 0, 0, ErrTruncated
	}
	lo, _, _ := Fixed32(b)
	hi, _, _ := Fixed32(b[4:])
	return uint64(lo) | uint64(hi)<<32, 8, nil
}

// AppendDouble appends the IEEE 754 bits of f as a fixed64.
func AppendDouble(dst []byte, f float64) []byte {
	return AppendFixed64(dst, math.Float64bits(f))
}
