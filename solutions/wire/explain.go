package wire

import (
	"fmt"
	"strings"
)

// This file writes the sentences of the events.

// beginText explains the field fv about to be written.
func beginText(fv FieldValue) string {
	f := fv.Field
	tagLen := SizeUvarint(uint64(f.Number) << 3)
	switch {
	case f.Packed():
		return fmt.Sprintf("field %d, %s = %s (repeated %s): packed, so one tag of wire type 2 (LEN), one length, then the %d %s back to back", f.Number, f.Name, fv.ValuesText(), f.Type, len(fv.Values), plural(len(fv.Values), "value"))
	case f.Repeated:
		return fmt.Sprintf("field %d, %s (repeated %s, %d %s): each value gets its own tag of wire type %d (%s)", f.Number, f.Name, typeName(f), len(fv.Values), plural(len(fv.Values), "value"), f.WireType(), f.WireType())
	}
	return fmt.Sprintf("field %d, %s = %s (%s): wire type %d (%s), a tag of %d %s, then the value", f.Number, f.Name, fv.ValuesText(), typeName(f), f.WireType(), f.WireType(), tagLen, plural(tagLen, "byte"))
}

// typeName is f's type as the schema names it.
func typeName(f *Field) string {
	if f.Type == TypeMessage {
		return f.Message.Name
	}
	return f.Type.String()
}

// byteText explains byte i of n of the varint x, the byte c, with the
// groups so far making sofar.
func byteText(step Step, f *Field, x uint64, i, n int, c byte, sofar uint64) string {
	cont := "0 (the last byte)"
	if c >= 0x80 {
		cont = "1 (more follow)"
	}
	what := "the varint"
	switch step {
	case StepTagByte:
		what = fmt.Sprintf("the tag %d << 3 | %d = %d", x>>3, x&7, x)
	case StepLengthByte:
		what = fmt.Sprintf("the length %d", x)
	case StepVarintByte:
		what = fmt.Sprintf("the value %d", x)
		if f != nil && f.Type == TypeBool {
			what = fmt.Sprintf("the bool %t as %d", x != 0, x)
		}
	}
	if n == 1 {
		return fmt.Sprintf("wrote %02x for %s: it fits in seven bits (%s), so the continuation bit is %s", c, what, bits7(c), cont)
	}
	return fmt.Sprintf("wrote byte %d of %d of %s: %02x is the continuation bit %s and the bits %s, which a reader shifts left by %d; the groups so far make %d", i+1, n, what, c, cont, bits7(c), 7*i, sofar)
}

// payloadText explains the bytes b of the string or bytes v.
func payloadText(f *Field, v Value, b []byte) string {
	var hex string
	if len(b) <= 8 {
		hex = fmt.Sprintf(" (% x)", b)
	}
	if f.Type == TypeString {
		return fmt.Sprintf("wrote the %d UTF-8 %s of %s%s as they are: the length before them says where they end", len(b), plural(len(b), "byte"), ValueText(f, v), hex)
	}
	return fmt.Sprintf("wrote the %d %s of %s%s as they are: the length before them says where they end", len(b), plural(len(b), "byte"), f.Name, hex)
}

// fixedText explains the fixed value v of f written as b.
func fixedText(f *Field, v Value, b []byte) string {
	return fmt.Sprintf("wrote %s %s as %d bytes, least significant first (% x): a fixed size costs more for small numbers, less for large ones, and is read without a loop", f.Type, ValueText(f, v), len(b), b)
}

// Hex is b as two-digit lowercase hex bytes, one space apart.
func Hex(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		if i > 0 {
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%02x", c)
	}
	return s.String()
}
