package wireviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"tutor/internal/visual/visualtest"
	"tutor/solutions/wire"
)

// peerBytes encodes field num = val of type typ with protowire, the peer.
func peerBytes(t *testing.T, typ string, num int, val string) []byte {
	t.Helper()
	n := protowire.Number(num)
	var b []byte
	switch typ {
	case "string":
		s, err := strconv.Unquote(val)
		if err != nil {
			t.Fatal(err)
		}
		b = protowire.AppendTag(b, n, protowire.BytesType)
		return protowire.AppendString(b, s)
	case "bool":
		b = protowire.AppendTag(b, n, protowire.VarintType)
		return protowire.AppendVarint(b, protowire.EncodeBool(val == "true"))
	case "fixed32":
		v, _ := strconv.ParseUint(val, 10, 32)
		b = protowire.AppendTag(b, n, protowire.Fixed32Type)
		return protowire.AppendFixed32(b, uint32(v))
	}
	v, err := strconv.ParseInt(val, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	b = protowire.AppendTag(b, n, protowire.VarintType)
	switch typ {
	case "sint32", "sint64":
		return protowire.AppendVarint(b, protowire.EncodeZigZag(v))
	case "uint32":
		return protowire.AppendVarint(b, uint64(uint32(v)))
	}
	return protowire.AppendVarint(b, uint64(v)) // int32 and int64 sign-extend to 64 bits
}

// oneFieldOf reads back what oneField wrote: the type, number and value.
func oneFieldOf(t *testing.T, in input) (typ string, num int, val string) {
	t.Helper()
	if _, err := fmt.Sscanf(in.schema, "message T { %s f = %d; }", &typ, &num); err != nil {
		t.Fatalf("schema %q: %v", in.schema, err)
	}
	return typ, num, strings.TrimPrefix(in.msg, "f=")
}

// TestExercisesKeepTheirTitles: each kind's answer is what protowire, the
// peer, makes of the field the question names: its bytes, their count
// with the tag, the zig-zag of the value, the value of the bytes.
func TestExercisesKeepTheirTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 9))
	for _, k := range exercises {
		for range 200 {
			e := k.New(r)
			in, err := parse(e.Args)
			if err != nil {
				t.Fatalf("%s: Args %q: %v", k.ID, e.Args, err)
			}
			typ, num, val := oneFieldOf(t, in)
			want := peerBytes(t, typ, num, val)
			switch k.ID {
			case "wire.field-hex":
				if e.Answer != wire.Hex(want) {
					t.Errorf("%s: %s: answer %q, protowire % x", k.ID, e.Question, e.Answer, want)
				}
			case "wire.size":
				if e.Answer != strconv.Itoa(len(want)) {
					t.Errorf("%s: %s: answer %q, protowire %d bytes", k.ID, e.Question, e.Answer, len(want))
				}
			case "wire.zigzag":
				v, _ := strconv.ParseInt(val, 10, 64)
				if e.Answer != strconv.FormatUint(protowire.EncodeZigZag(v), 10) {
					t.Errorf("%s: %s: answer %q", k.ID, e.Question, e.Answer)
				}
			case "wire.decode":
				if !strings.Contains(e.Question, wire.Hex(want)) || e.Answer != val {
					t.Errorf("%s: %s: answer %q, protowire writes %s as % x", k.ID, e.Question, e.Answer, val, want)
				}
			}
		}
	}
}

// TestExerciseHints: a near-right form gets a hint, a well-formed answer
// none.
func TestExerciseHints(t *testing.T) {
	number := map[string]string{"three": "in digits", "3 bytes": "in digits", "f=150": "in digits", "-7": "", "12": ""}
	visualtest.Hints(t, exercises, map[string]map[string]string{
		"wire.field-hex": {"08 96 0g": "two digits", "eight": "two digits", "0x08 0x96": "", "ffff": ""},
		"wire.size":      number,
		"wire.zigzag":    number,
		"wire.decode":    number,
	}, 30)
}
