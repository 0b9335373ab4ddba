package wire

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// FuzzUvarint decodes any bytes as a varint: the same value and length as
// protowire, or an error where protowire has one too.
func FuzzUvarint(f *testing.F) {
	for _, s := range []string{"", "\x00", "\x96\x01", "\x80", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", "\x80\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		x, n, err := Uvarint(b)
		px, pn := protowire.ConsumeVarint(b)
		if (err != nil) != (pn < 0) || (err == nil && (x != px || n != pn)) {
			t.Fatalf("Uvarint(% x) = %d, %d, %v; protowire %d, %d", b, x, n, err, px, pn)
		}
	})
}

// fuzzSchema has a field of every type, a nested and a recursive message.
const fuzzSchema = `message F { int32 a = 1; int64 b = 2; uint32 c = 3; uint64 d = 4;
sint32 e = 5; sint64 f = 6; bool g = 7; fixed32 h = 8; fixed64 i = 9;
double j = 10; string k = 11; bytes l = 12; F m = 13; repeated int32 n = 14;
repeated string o = 15; repeated F p = 16; optional int32 q = 17;
repeated fixed64 r = 18 [packed = false]; repeated sint64 s = 2047; }`

// FuzzUnmarshal decodes any bytes: a message, or an error of one line;
// never a panic, and never more memory than the input's size allows. A
// decoded message marshals to bytes that decode to the same message, and
// protowire finds the same fields in the input.
func FuzzUnmarshal(f *testing.F) {
	s, err := ParseSchema(fuzzSchema)
	if err != nil {
		f.Fatal(err)
	}
	for _, h := range []string{
		"08 96 01", "5a 02 68 69 72 02 01 02", "6a 03 08 96 01", "82 01 02 08 01",
		"0a 00", "2b 08 2c", "6a ff ff ff ff 0f", "72 ff ff ff ff ff ff ff ff 7f",
		"08 ff ff ff ff ff ff ff ff ff 01", "91 01 01 02 03 04 05 06 07 08", "fa 7f 02 01 03",
	} {
		f.Add(parseHex(f, h))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m, err := Unmarshal(s.Root(), b)
		runtime.ReadMemStats(&after)
		// A message costs at most a few hundred bytes a byte of input:
		// a Value per varint byte, a Message per length byte.
		if grew := after.TotalAlloc - before.TotalAlloc; grew > uint64(1024*len(b)+4096) {
			t.Fatalf("decoding %d bytes allocated %d", len(b), grew)
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of several lines: %q", err)
			}
			return
		}
		if n := consumeAll(b); n < 0 {
			t.Fatalf("decoded % x as %s, which protowire cannot split into fields", b, m)
		}
		again, err := Marshal(m)
		if err != nil {
			t.Fatalf("%s does not marshal: %v", m, err)
		}
		back, err := Unmarshal(s.Root(), again)
		if err != nil || back.String() != withoutDefaults(m).String() {
			t.Fatalf("%s marshals to % x, which decodes to %v, %v", m, again, back, err)
		}
		if !bytes.Equal(pwAppend(nil, m, false), again) {
			t.Fatalf("%s: protowire writes % x, we write % x", m, pwAppend(nil, m, false), again)
		}
	})
}

// consumeAll splits b into fields with protowire, returning -1 if it
// cannot.
func consumeAll(b []byte) int {
	for len(b) > 0 {
		_, _, n := protowire.ConsumeField(b)
		if n < 0 {
			return n
		}
		b = b[n:]
	}
	return 0
}

// FuzzParse reads any schema and message text: an error of one line, or
// a schema and message that String writes back as the same, and that
// marshals as protowire does.
func FuzzParse(f *testing.F) {
	f.Add(issueSchema, `a=150 b="hi" c=[-1,2]`)
	f.Add("message M { N n = 1; repeated N r = 2; } message N { optional double d = 1; bytes b = 2; }", `n={d=-0} r=[{b="\xff"},{}]`)
	f.Add(`syntax = "proto3"; message M { // comment
uint64 u = 536870911; repeated bool b = 2 [packed = false]; }`, "u=18446744073709551615 b=[true,false]")
	f.Add("message M { M m = 1; int32 x = 2; }", "m={m={m={x=-1}}}")
	f.Fuzz(func(t *testing.T, schema, msg string) {
		s, err := ParseSchema(schema)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("schema error of several lines: %q", err)
			}
			return
		}
		if again, err := ParseSchema(s.String()); err != nil || again.String() != s.String() {
			t.Fatalf("schema %s reads back as %v, %v", s, again, err)
		}
		m, err := ParseMessage(s.Root(), msg)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("message error of several lines: %q", err)
			}
			return
		}
		if back, err := ParseMessage(s.Root(), m.String()); err != nil || back.String() != m.String() {
			t.Fatalf("%s reads back as %v, %v", m, back, err)
		}
		b, err := Marshal(m)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if want := pwAppend(nil, m, false); !bytes.Equal(b, want) {
			t.Fatalf("%s: % x, protowire % x", m, b, want)
		}
	})
}
