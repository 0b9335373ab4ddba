package wire

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
)

// This file is the test's oracle: the same messages written with
// google.golang.org/protobuf/encoding/protowire, the way protobuf-go's
// generated code writes them (sizes first, then appends in place), and
// random schemas and messages to feed both.

// pwAppend appends m with protowire. unpacked writes packed fields one
// value a tag, which a proto3 reader must accept too.
func pwAppend(b []byte, m *Message, unpacked bool) []byte {
	for _, fv := range m.Fields {
		f := fv.Field
		num := protowire.Number(f.Number)
		switch {
		case !f.Repeated:
			v := fv.Values[0]
			if !f.Optional && f.Type != TypeMessage && pwZero(f, v) {
				continue
			}
			b = protowire.AppendTag(b, num, pwType(f))
			b = pwValue(b, f, v, unpacked)
		case pwType(f) != protowire.BytesType && !f.Unpacked && !unpacked:
			if len(fv.Values) == 0 {
				continue
			}
			n := 0
			for _, v := range fv.Values {
				n += pwScalarSize(f, v)
			}
			b = protowire.AppendTag(b, num, protowire.BytesType)
			b = protowire.AppendVarint(b, uint64(n))
			for _, v := range fv.Values {
				b = pwValue(b, f, v, unpacked)
			}
		default:
			for _, v := range fv.Values {
				b = protowire.AppendTag(b, num, pwType(f))
				b = pwValue(b, f, v, unpacked)
			}
		}
	}
	return b
}

// pwZero is the proto3 default test, written out type by type.
func pwZero(f *Field, v Value) bool {
	switch f.Type {
	case TypeString, TypeBytes:
		return len(v.Bytes) == 0
	case TypeBool:
		return !v.Bool
	case TypeDouble:
		return v.Double == 0 && !math.Signbit(v.Double)
	case TypeUint32, TypeUint64, TypeFixed32, TypeFixed64:
		return v.Uint == 0
	}
	return v.Int == 0
}

func pwType(f *Field) protowire.Type {
	switch f.Type {
	case TypeFixed32:
		return protowire.Fixed32Type
	case TypeFixed64, TypeDouble:
		return protowire.Fixed64Type
	case TypeString, TypeBytes, TypeMessage:
		return protowire.BytesType
	}
	return protowire.VarintType
}

func pwValue(b []byte, f *Field, v Value, unpacked bool) []byte {
	switch f.Type {
	case TypeInt32, TypeInt64:
		return protowire.AppendVarint(b, uint64(v.Int))
	case TypeSint32, TypeSint64:
		return protowire.AppendVarint(b, protowire.EncodeZigZag(v.Int))
	case TypeUint32, TypeUint64:
		return protowire.AppendVarint(b, v.Uint)
	case TypeBool:
		return protowire.AppendVarint(b, protowire.EncodeBool(v.Bool))
	case TypeFixed32:
		return protowire.AppendFixed32(b, uint32(v.Uint))
	case TypeFixed64:
		return protowire.AppendFixed64(b, v.Uint)
	case TypeDouble:
		return protowire.AppendFixed64(b, math.Float64bits(v.Double))
	case TypeString:
		if !utf8.ValidString(v.Bytes) { // protobuf-go checks proto3 strings
			panic("invalid UTF-8")
		}
		return protowire.AppendString(b, v.Bytes)
	case TypeBytes:
		return protowire.AppendString(b, v.Bytes)
	}
	b = protowire.AppendVarint(b, uint64(pwSize(v.Msg, unpacked)))
	return pwAppend(b, v.Msg, unpacked)
}

func pwScalarSize(f *Field, v Value) int {
	switch f.Type {
	case TypeInt32, TypeInt64:
		return protowire.SizeVarint(uint64(v.Int))
	case TypeSint32, TypeSint64:
		return protowire.SizeVarint(protowire.EncodeZigZag(v.Int))
	case TypeUint32, TypeUint64:
		return protowire.SizeVarint(v.Uint)
	case TypeBool:
		return 1
	case TypeFixed32:
		return protowire.SizeFixed32()
	}
	return protowire.SizeFixed64()
}

// pwSize is the size of pwAppend(nil, m, unpacked).
func pwSize(m *Message, unpacked bool) int {
	n := 0
	for _, fv := range m.Fields {
		f := fv.Field
		tag := protowire.SizeTag(protowire.Number(f.Number))
		one := func(v Value) int {
			switch f.Type {
			case TypeString, TypeBytes:
				return protowire.SizeBytes(len(v.Bytes))
			case TypeMessage:
				return protowire.SizeBytes(pwSize(v.Msg, unpacked))
			}
			return pwScalarSize(f, v)
		}
		switch {
		case !f.Repeated:
			v := fv.Values[0]
			if !f.Optional && f.Type != TypeMessage && pwZero(f, v) {
				continue
			}
			n += tag + one(v)
		case pwType(f) != protowire.BytesType && !f.Unpacked && !unpacked:
			if len(fv.Values) == 0 {
				continue
			}
			p := 0
			for _, v := range fv.Values {
				p += pwScalarSize(f, v)
			}
			n += tag + protowire.SizeBytes(p)
		default:
			for _, v := range fv.Values {
				n += tag + one(v)
			}
		}
	}
	return n
}

// withoutDefaults is m as a reader gets it back: without the fields the
// writer leaves out (implicit presence at the default, empty repeated).
func withoutDefaults(m *Message) *Message {
	out := &Message{Type: m.Type}
	for _, fv := range m.Fields {
		f := fv.Field
		if f.Repeated && len(fv.Values) == 0 {
			continue
		}
		if !f.Repeated && !f.Optional && f.Type != TypeMessage && pwZero(f, fv.Values[0]) {
			continue
		}
		nv := FieldValue{Field: f}
		for _, v := range fv.Values {
			if v.Msg != nil {
				v.Msg = withoutDefaults(v.Msg)
			}
			nv.Values = append(nv.Values, v)
		}
		out.Fields = append(out.Fields, nv)
	}
	return out
}

var scalarNames = []string{"int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool", "fixed32", "fixed64", "double", "string", "bytes"}

// randomSchema writes the text of a schema of 1 to 3 messages; a message
// field names a later message (or, now and then, its own, for a
// recursive type whose values stop by chance).
func randomSchema(r *rand.Rand) string {
	nmsg := 1 + r.IntN(3)
	var b strings.Builder
	for i := range nmsg {
		fmt.Fprintf(&b, "message M%d {", i)
		used := map[int]bool{}
		for j := range 1 + r.IntN(9) {
			num := 1 + r.IntN(15)
			switch r.IntN(6) {
			case 0:
				num = 16 + r.IntN(2048)
			case 1:
				num = MaxFieldNumber - r.IntN(3)
			}
			if used[num] || (num >= FirstReserved && num <= LastReserved) {
				continue
			}
			used[num] = true
			label := []string{"", "", "optional ", "repeated "}[r.IntN(4)]
			typ := scalarNames[r.IntN(len(scalarNames))]
			if r.IntN(4) == 0 {
				if i+1 < nmsg {
					typ = fmt.Sprintf("M%d", i+1+r.IntN(nmsg-i-1))
				} else if r.IntN(3) == 0 {
					typ = fmt.Sprintf("M%d", i)
				}
			}
			opt := ""
			if label == "repeated " && typ != "string" && typ != "bytes" && typ[0] != 'M' && r.IntN(3) == 0 {
				opt = " [packed = false]"
			}
			fmt.Fprintf(&b, " %s%s f%d = %d%s;", label, typ, j, num, opt)
		}
		b.WriteString(" }\n")
	}
	return b.String()
}

// randomMessage draws a message of type mt: each field set or not, with
// values across their whole range, defaults and extremes often.
func randomMessage(r *rand.Rand, mt *MessageType, depth int) *Message {
	m := &Message{Type: mt}
	for _, f := range mt.Fields {
		if r.IntN(4) == 0 {
			continue
		}
		fv := FieldValue{Field: f}
		n := 1
		if f.Repeated {
			n = r.IntN(5)
		}
		if f.Type == TypeMessage && depth >= 4 {
			if !f.Repeated {
				continue
			}
			n = 0
		}
		for range n {
			fv.Values = append(fv.Values, randomValue(r, f, depth))
		}
		m.Fields = append(m.Fields, fv)
	}
	return m
}

func randomValue(r *rand.Rand, f *Field, depth int) Value {
	var v Value
	pick := r.IntN(8)
	i64 := func() int64 {
		switch pick {
		case 0:
			return 0
		case 1:
			return -1 - int64(r.IntN(200))
		case 2:
			return math.MinInt64 + int64(r.IntN(3))
		case 3:
			return math.MaxInt64 - int64(r.IntN(3))
		case 4:
			return int64(r.IntN(300))
		}
		return int64(r.Uint64()) >> r.IntN(64)
	}
	u64 := func() uint64 {
		switch pick {
		case 0:
			return 0
		case 1:
			return math.MaxUint64 - uint64(r.IntN(3))
		case 2:
			return uint64(r.IntN(300))
		}
		return r.Uint64() >> r.IntN(64)
	}
	switch f.Type {
	case TypeInt32, TypeSint32:
		v.Int = int64(int32(i64()))
	case TypeInt64, TypeSint64:
		v.Int = i64()
	case TypeUint32, TypeFixed32:
		v.Uint = uint64(uint32(u64()))
	case TypeUint64, TypeFixed64:
		v.Uint = u64()
	case TypeBool:
		v.Bool = r.IntN(2) == 0
	case TypeDouble:
		v.Double = []float64{0, math.Copysign(0, -1), 1.5, -2e300, math.Inf(1), math.NaN(), r.NormFloat64() * 1e6, 5e-324}[pick]
	case TypeString:
		var b strings.Builder
		for range r.IntN(4) * r.IntN(40) {
			c := rune(r.IntN(0x11000))
			if !utf8.ValidRune(c) {
				c = 'x'
			}
			b.WriteRune(c)
		}
		v.Bytes = b.String()
	case TypeBytes:
		b := make([]byte, r.IntN(3)*r.IntN(200))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		v.Bytes = string(b)
	case TypeMessage:
		v.Msg = randomMessage(r, f.Message, depth+1)
	}
	return v
}
