package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// issueSchema is the schema of the issue's trace example.
const issueSchema = "message M { int32 a = 1; string b = 2; repeated sint32 c = 3; }"

func mustSchema(t testing.TB, text string) *Schema {
	t.Helper()
	s, err := ParseSchema(text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustMessage(t testing.TB, s *Schema, text string) *Message {
	t.Helper()
	m, err := ParseMessage(s.Root(), text)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustMarshal(t testing.TB, m *Message) []byte {
	t.Helper()
	b, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestKnownBytes checks messages whose bytes the protobuf encoding guide
// and the issue write out.
func TestKnownBytes(t *testing.T) {
	for _, tt := range []struct{ schema, msg, want string }{
		{"message T { int32 a = 1; }", "a=150", "08 96 01"},                          // the guide's first example
		{"message T { string b = 2; }", `b="testing"`, "12 07 74 65 73 74 69 6e 67"}, // the guide's string
		{"message T { int32 a = 1; } message U { T c = 3; }", "", ""},
		{issueSchema, `a=150 b="hi" c=[-1,2]`, "08 96 01 12 02 68 69 1a 02 01 04"},
		{"message T { int32 a = 1; }", "a=-1", "08 ff ff ff ff ff ff ff ff ff 01"},
		{"message T { sint32 a = 1; }", "a=-1", "08 01"},
		{"message T { repeated int32 d = 4; }", "d=[3,270,86942]", "22 06 03 8e 02 9e a7 05"}, // the guide's packed example
		{"message T { int32 a = 1; optional int32 o = 2; bool f = 3; }", "a=0 o=0 f=false", "10 00"},
		{"message T { int32 a = 2; }", "a=300", "10 ac 02"},
		{"message T { fixed32 x = 1; double d = 2; }", "x=1 d=1", "0d 01 00 00 00 11 00 00 00 00 00 00 f0 3f"},
		{"message T { repeated fixed32 x = 1 [packed = false]; }", "x=[1,2]", "0d 01 00 00 00 0d 02 00 00 00"},
		{"message T { N n = 1; } message N { int32 a = 1; }", "n={a=150}", "0a 03 08 96 01"},
		{"message T { N n = 1; } message N { int32 a = 1; }", "n={}", "0a 00"},
		{"message T { int32 a = 16; }", "a=1", "80 01 01"},
	} {
		s := mustSchema(t, tt.schema)
		got := Hex(mustMarshal(t, mustMessage(t, s, tt.msg)))
		if got != tt.want {
			t.Errorf("%s / %s: got %s, want %s", tt.schema, tt.msg, got, tt.want)
		}
	}
}

// TestRandomMessagesMatchProtowire is the main test: thousands of random
// messages of random schemas, of every type, written byte for byte as
// protowire writes them, and read back from protowire's bytes, packed and
// unpacked, as the same message.
func TestRandomMessagesMatchProtowire(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 20))
	const schemas, perSchema = 300, 12
	types := map[Type]int{}
	for range schemas {
		text := randomSchema(r)
		s := mustSchema(t, text)
		for _, mt := range s.Messages {
			for _, f := range mt.Fields {
				types[f.Type]++
			}
		}
		for range perSchema {
			m := randomMessage(r, s.Root(), 0)
			want := pwAppend(nil, m, false)
			got, err := Marshal(m)
			if err != nil {
				t.Fatalf("%s\n%s: %v", text, m, err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s\n%s:\n got %s\nwant %s", text, m, Hex(got), Hex(want))
			}
			if Size(m) != len(want) || pwSize(m, false) != len(want) {
				t.Fatalf("%s: Size %d, protowire %d", m, Size(m), len(want))
			}
			wantText := withoutDefaults(m).String()
			for _, unpacked := range []bool{false, true} {
				in := pwAppend(nil, m, unpacked)
				back, err := Unmarshal(s.Root(), in)
				if err != nil {
					t.Fatalf("%s\n%s: Unmarshal(%s): %v", text, m, Hex(in), err)
				}
				if back.String() != wantText {
					t.Fatalf("%s\nUnmarshal(%s) = %s\nwant %s", text, Hex(in), back, wantText)
				}
				if again := mustMarshal(t, back); !bytes.Equal(again, want) {
					t.Fatalf("%s: marshal of the decoded message %s, want %s", m, Hex(again), Hex(want))
				}
			}
		}
	}
	for typ := TypeInt32; typ <= TypeMessage; typ++ {
		if types[typ] == 0 {
			t.Errorf("no random schema had a field of type %s", typ)
		}
	}
}

// TestUnknownFieldsAreSkipped adds fields the schema does not know, of
// every wire type (groups too), around the known ones.
func TestUnknownFieldsAreSkipped(t *testing.T) {
	s := mustSchema(t, issueSchema)
	var b []byte
	b = protowire.AppendTag(b, 9, protowire.VarintType)
	b = protowire.AppendVarint(b, 1<<63)
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, 150)
	b = protowire.AppendTag(b, 10, protowire.Fixed32Type)
	b = protowire.AppendFixed32(b, 7)
	b = protowire.AppendTag(b, 11, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, 7)
	b = protowire.AppendTag(b, 12, protowire.BytesType)
	b = protowire.AppendString(b, "ignored")
	b = protowire.AppendTag(b, 13, protowire.StartGroupType)
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, 5)
	b = protowire.AppendTag(b, 14, protowire.StartGroupType)
	b = protowire.AppendTag(b, 14, protowire.EndGroupType)
	b = protowire.AppendTag(b, 13, protowire.EndGroupType)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendString(b, "hi")
	// Known numbers with a wire type their fields cannot have are skipped
	// too, as protobuf-go skips them: a = 1 as LEN, b = 2 as VARINT.
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, "not an int32")
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, 7)
	if n := consumeAll(b); n < 0 {
		t.Fatal("protowire cannot split the test's input")
	}
	m, err := Unmarshal(s.Root(), b)
	if err != nil {
		t.Fatal(err)
	}
	if m.String() != `a=150 b="hi"` {
		t.Fatalf("got %s", m)
	}
}

// TestLastValueWins checks proto3's rule for a singular field seen twice:
// the last scalar wins, messages merge; a repeated field appends.
func TestLastValueWins(t *testing.T) {
	s := mustSchema(t, "message T { int32 a = 1; N n = 2; repeated int32 r = 3; } message N { int32 x = 1; int32 y = 2; }")
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, 1)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, []byte{0x08, 0x05})
	b = protowire.AppendTag(b, 3, protowire.VarintType)
	b = protowire.AppendVarint(b, 7)
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, 2)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, []byte{0x10, 0x06})
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendBytes(b, []byte{0x08, 0x09})
	m, err := Unmarshal(s.Root(), b)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.String(); got != "a=2 n={x=5 y=6} r=[7,8,9]" {
		t.Fatalf("got %s", got)
	}
}

// TestNegativeInt32 checks the trap: int32 -1 is ten bytes of varint,
// as protowire writes it, and sint32 -1 one.
func TestNegativeInt32(t *testing.T) {
	s := mustSchema(t, "message T { int32 a = 1; sint32 b = 2; int64 c = 3; }")
	for _, tt := range []struct {
		msg  string
		want int
	}{{"a=-1", 11}, {"b=-1", 2}, {"c=-1", 11}, {"a=-2147483648", 11}, {"a=2147483647", 6}} {
		got := mustMarshal(t, mustMessage(t, s, tt.msg))
		if len(got) != tt.want {
			t.Errorf("%s: %d bytes (%s), want %d", tt.msg, len(got), Hex(got), tt.want)
		}
		if _, _, n := protowire.ConsumeField(got); n != len(got) {
			t.Errorf("%s: protowire reads %d of %d bytes", tt.msg, n, len(got))
		}
	}
}

// TestDecodeErrors feeds damaged bytes: each refused with the error
// that names its cause.
func TestDecodeErrors(t *testing.T) {
	s := mustSchema(t, "message T { int32 a = 1; string b = 2; N n = 3; repeated int32 r = 4; } message N { N n = 1; }")
	deep := []byte{}
	for range MaxDepth + 2 {
		deep = append(protowire.AppendVarint([]byte{0x0a}, uint64(len(deep))), deep...)
	}
	deep = append(protowire.AppendVarint([]byte{0x1a}, uint64(len(deep))), deep...)
	for _, tt := range []struct {
		in   string
		want string
		is   error
	}{
		{"08", "offset 1: int32 a", ErrTruncated},
		{"08 96", "offset 1", ErrTruncated},
		{"08 ff ff ff ff ff ff ff ff ff 02", "offset 1", ErrOverlong},
		{"08 ff ff ff ff ff ff ff ff ff ff 01", "offset 1", ErrOverlong},
		{"12 05 68 69", "length 5 of b is more than the 2 bytes left", ErrTruncated},
		{"12 02 ff fe", "not valid UTF-8", nil},
		{"00", "names field 0", nil},
		{"0e", "wire type 6", nil},
		{"22 03 01 02", "more than the 2 bytes left", ErrTruncated},
		{"22 01 80", "int32 r", ErrTruncated},
		{"2c", "end of group with no start", nil},
		{"2b 08", "unknown field 1: truncated input", ErrTruncated},
		{"2b 34", "group ends with field 6", nil},
		{"29 01 02", "2 bytes left, want 8", ErrTruncated},
		{"2d 01", "want 4", ErrTruncated},
		{"12 ff ff ff ff ff ff ff ff ff 01", "more than the 0 bytes left", ErrTruncated},
		{Hex(deep), "nest more than", nil},
	} {
		b := parseHex(t, tt.in)
		m, err := Unmarshal(s.Root(), b)
		if err == nil {
			t.Errorf("%s: decoded as %s", tt.in, m)
			continue
		}
		var de *DecodeError
		if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %q, want a one-line *DecodeError with %q", tt.in, err, tt.want)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%s: error %q is not %v", tt.in, err, tt.is)
		}
	}
}

func parseHex(t testing.TB, s string) []byte {
	t.Helper()
	var b []byte
	for _, f := range strings.Fields(s) {
		var c byte
		for _, d := range f {
			c = c<<4 | byte(strings.IndexRune("0123456789abcdef", d))
		}
		b = append(b, c)
	}
	return b
}

// TestParseErrors checks that bad schemas and message texts are refused in
// one line that names the bad value.
func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ schema, want string }{
		{"", "no message"},
		{"message M { int3 a = 1; }", `unknown type "int3"`},
		{"message M { int32 a = 0; }", "field number 0 of a is not between 1 and 536870911"},
		{"message M { int32 a = 536870912; }", "not between"},
		{"message M { int32 a = 19000; }", "reserved"},
		{"message M { int32 a = 1; int32 b = 1; }", "field number 1 is used twice"},
		{"message M { int32 a = 1; int32 a = 2; }", `field name "a" is used twice`},
		{"message M { float a = 1; }", `type "float" is not supported`},
		{"message M { required int32 a = 1; }", "proto2"},
		{"message M { int32 a = 1 }", `want ";", got "}"`},
		{"message M { int32 a = 1;", "not closed"},
		{"message M { string s = 1 [packed = false]; }", "only to a repeated scalar"},
		{"message M { repeated int32 s = 1 [deprecated = true]; }", "only [packed = false]"},
		{"message M {} message M {}", `"M" is already taken`},
		{"message int32 {}", "already taken"},
		{"message M { int32 a = 1; } #", `unexpected character "#"`},
		{`syntax = "proto2"; message M {}`, "only \"proto3\""},
		{`message M { string s = "x; }`, "not closed"},
	} {
		_, err := ParseSchema(tt.schema)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "schema: ") {
			t.Errorf("ParseSchema(%q) = %v, want one line with %q", tt.schema, err, tt.want)
		}
	}
	s := mustSchema(t, "message M { int32 a = 1; uint32 u = 2; string s = 3; bool b = 4; repeated int64 r = 5; N n = 6; bytes y = 7; double d = 8; } message N { int32 x = 1; }")
	for _, tt := range []struct{ msg, want string }{
		{"a=2147483648", `a "2147483648": want a whole number that fits int32 (-2147483648 to 2147483647)`},
		{"u=-1", `u "-1": want a whole number that fits uint32 (0 to 4294967295)`},
		{"z=1", `message M has no field "z" (it has a, u, s, b, r, n, y, d)`},
		{"a=1 a=2", "field a is given twice"},
		{`s="\xff"`, "valid UTF-8"},
		{`s=hi`, "want a quoted string"},
		{"b=yes", "true or false"},
		{"r=1", "wants a list in brackets"},
		{"r=[1,2", "not closed with ]"},
		{"n={x=1", "not closed with }"},
		{"n=1", "a message in braces"},
		{"d=one", "want a number"},
		{"a", `want "=", got the end of the input`},
		{"a=1 }", `unexpected "}"`},
		{`y="\q"`, "Go-quoted"},
	} {
		_, err := ParseMessage(s.Root(), tt.msg)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "message: ") {
			t.Errorf("ParseMessage(%q) = %v, want one line with %q", tt.msg, err, tt.want)
		}
	}
}

// TestTextRoundTrip checks that String writes what ParseMessage and
// ParseSchema read back as the same thing.
func TestTextRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		s := mustSchema(t, randomSchema(r))
		again := mustSchema(t, s.String())
		if again.String() != s.String() {
			t.Fatalf("schema %s reads back as %s", s, again)
		}
		m := randomMessage(r, s.Root(), 0)
		back, err := ParseMessage(again.Root(), m.String())
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if back.String() != m.String() {
			t.Fatalf("%s reads back as %s", m, back)
		}
	}
}

// TestObserverSeesEveryByte checks that the events are complete: their
// bytes, in order, are exactly what Marshal writes, each at its offset,
// and every varint byte is its seven bits and continuation bit.
func TestObserverSeesEveryByte(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		s := mustSchema(t, randomSchema(r))
		m := randomMessage(r, s.Root(), 0)
		want := mustMarshal(t, m)
		var got []byte
		var steps []Step
		var outline []Node
		e := Encoder{Observe: func(ev Event) {
			steps = append(steps, ev.Step)
			if ev.Step == StepEncodeBegin {
				outline = ev.Outline
			}
			if ev.Step == StepEncodeEnd {
				if !bytes.Equal(ev.Bytes, want) {
					t.Fatalf("end event bytes %s, want %s", Hex(ev.Bytes), Hex(want))
				}
				return
			}
			if ev.Offset != len(got) || ev.End != len(got)+len(ev.Bytes) {
				t.Fatalf("%s at %d-%d, %d bytes before it", ev.Step, ev.Offset, ev.End, len(got))
			}
			if ev.Step != StepEncodeBegin && (ev.Node < 0 || ev.Node >= len(outline)) {
				t.Fatalf("%s: node %d of %d", ev.Step, ev.Node, len(outline))
			}
			got = append(got, ev.Bytes...)
			if ev.Step == StepTagByte || ev.Step == StepLengthByte || ev.Step == StepVarintByte {
				c := ev.Bytes[0]
				if ev.Byte.Bits != c&0x7f || ev.Byte.More != (c >= 0x80) {
					t.Fatalf("%s %02x reported as %+v", ev.Step, c, ev.Byte)
				}
				if !ev.Byte.More && ev.Byte.SoFar != ev.Value {
					t.Fatalf("%s: last byte leaves %d, value %d", ev.Step, ev.Byte.SoFar, ev.Value)
				}
			}
			if strings.TrimSpace(ev.Explain) == "" {
				t.Fatalf("%s has no explanation", ev.Step)
			}
		}}
		out, err := e.Append(nil, m)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, want) || !bytes.Equal(got, want) {
			t.Fatalf("%s: observed encode %s, events %s, want %s", m, Hex(out), Hex(got), Hex(want))
		}
		if steps[0] != StepEncodeBegin || steps[len(steps)-1] != StepEncodeEnd {
			t.Fatalf("steps %v", steps)
		}
	}
}

// TestSizes checks the size table against outputs written out by hand:
// the JSON text, the kvstore records, the protobuf bytes.
func TestSizes(t *testing.T) {
	s := mustSchema(t, issueSchema)
	m := mustMessage(t, s, `a=150 b="hi" c=[-1,2]`)
	sizes, err := Sizes(m)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(struct {
		A int32   `json:"a"`
		B string  `json:"b"`
		C []int32 `json:"c"`
	}{150, "hi", []int32{-1, 2}})
	want := map[string]int{
		"JSON":     len(`{"a":150,"b":"hi","c":[-1,2]}`),
		"kvstore":  (8 + 1 + 3) + (8 + 1 + 4) + (8 + 1 + 6), // a=150, b="hi", c=[-1,2]
		"protobuf": 11,
	}
	if want["JSON"] != len(js) {
		t.Fatalf("the test's JSON is %s", js)
	}
	for _, sz := range sizes {
		if w, ok := want[sz.Format]; ok && sz.Bytes != w {
			t.Errorf("%s: %d bytes, want %d", sz.Format, sz.Bytes, w)
		}
		if sz.Format == "gob" && sz.Bytes <= 11 {
			t.Errorf("gob: %d bytes, less than protobuf with its types", sz.Bytes)
		}
	}
	if len(sizes) != 4 {
		t.Fatalf("%d rows", len(sizes))
	}
	// Every random message gets a table, whatever its shape.
	r := rand.New(rand.NewPCG(9, 9))
	for range 100 {
		s := mustSchema(t, randomSchema(r))
		if _, err := Sizes(randomMessage(r, s.Root(), 0)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMarshalRefusesBadMessages builds messages by hand that do not fit
// their type.
func TestMarshalRefusesBadMessages(t *testing.T) {
	s := mustSchema(t, "message T { int32 a = 1; string b = 2; N n = 3; } message N { int32 x = 1; }")
	T, N := s.Root(), s.Message("N")
	a, b, n := T.Fields[0], T.Fields[1], T.Fields[2]
	for _, tt := range []struct {
		m    *Message
		want string
	}{
		{nil, "nil message"},
		{&Message{Type: T, Fields: []FieldValue{{Field: N.Fields[0], Values: []Value{{}}}}}, "not a field of T"},
		{&Message{Type: T, Fields: []FieldValue{{Field: b, Values: []Value{{}}}, {Field: a, Values: []Value{{}}}}}, "out of number order"},
		{&Message{Type: T, Fields: []FieldValue{{Field: a}}}, "has 0 values"},
		{&Message{Type: T, Fields: []FieldValue{{Field: a, Values: []Value{{Int: 1 << 40}}}}}, "out of range"},
		{&Message{Type: T, Fields: []FieldValue{{Field: b, Values: []Value{{Bytes: "\xff"}}}}}, "UTF-8"},
		{&Message{Type: T, Fields: []FieldValue{{Field: n, Values: []Value{{}}}}}, "holds no N"},
	} {
		dst := []byte{1, 2}
		out, err := AppendMessage(dst, tt.m)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !bytes.Equal(out, dst) {
			t.Errorf("%v: %q, %v; want %q and dst unchanged", tt.m, out, err, tt.want)
		}
	}
}

// TestAppendDoesNotAllocate checks the Append-style promise: with room
// in dst, no allocation.
func TestAppendDoesNotAllocate(t *testing.T) {
	s := mustSchema(t, issueSchema+" message N { M m = 1; repeated double d = 2; }")
	m := mustMessage(t, s, `a=150 b="hi" c=[-1,2]`)
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf, _ = AppendMessage(buf[:0], m) }); n != 0 {
		t.Errorf("AppendMessage allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		buf = AppendUvarint(buf[:0], 1<<63)
		buf = AppendVarint(buf, -1)
		buf = AppendFixed64(AppendFixed32(buf, 1), 2)
	}); n != 0 {
		t.Errorf("the varint and fixed appends allocate %v times", n)
	}
}
