package wireviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/wire"
)

// exercises are the generated quiz exercises, each graded by the
// solution: the bytes and sizes come from wire.Marshal, the zig-zag from
// wire.EncodeZigZag, the decoded value from wire.Unmarshal.
var exercises = []visual.ExerciseKind{
	{ID: "wire.field-hex", Title: "bytes of a field", New: newFieldHex},
	{ID: "wire.size", Title: "bytes a field takes", New: newSize},
	{ID: "wire.zigzag", Title: "zig-zag of a sint", New: newZigZag},
	{ID: "wire.decode", Title: "value of a field's bytes", New: newDecode},
}

// oneField is a schema of one field and a message setting it, as the
// visual's input.
func oneField(typ string, num int, value string) input {
	return input{schema: fmt.Sprintf("message T { %s f = %d; }", typ, num), msg: "f=" + value}
}

// encode asks the solution for the bytes of in's message.
func encode(in input) []byte {
	_, m, err := in.message()
	if err != nil {
		return nil
	}
	b, _ := wire.Marshal(m)
	return b
}

// number draws a value for typ: small, around 128 and 16384, negative.
func number(r *rand.Rand, typ string) string {
	switch typ {
	case "bool":
		return []string{"true", "false"}[r.IntN(2)]
	case "string":
		return strconv.Quote([]string{"hi", "a", "wire", "é"}[r.IntN(4)])
	case "uint32", "fixed32":
		return strconv.Itoa([]int{1, 127, 128, 150, 300, 16384}[r.IntN(6)])
	}
	v := []int{1, 127, 128, 150, 300, 16384, -1, -2, -64, -65}[r.IntN(10)]
	return strconv.Itoa(v)
}

// newFieldHex asks for the bytes of field n = v, as the issue's "what
// are the bytes of field 2 = 300?".
func newFieldHex(r *rand.Rand) visual.Exercise {
	typ := []string{"int32", "int32", "sint32", "uint32", "bool", "string", "fixed32"}[r.IntN(7)]
	num := 1 + r.IntN(20)
	val := number(r, typ)
	if typ == "bool" {
		val = "true" // false is not written
	}
	in := oneField(typ, num, val)
	answer := wire.Hex(encode(in))
	return visual.Exercise{
		Question: fmt.Sprintf("Type the bytes, in hex, of field %d = %s, declared as %s f = %d (field 1 = 150 as int32 is 08 96 01).", num, val, typ, num),
		Answer:   answer,
		Check: func(s string) bool {
			got, ok := normHex(s)
			return ok && got == strings.ReplaceAll(answer, " ", "")
		},
		Hint: hexHint,
		Args: format(in),
	}
}

// newSize asks how many bytes a field takes, tag included, as "how many
// bytes does int32 -1 take?".
func newSize(r *rand.Rand) visual.Exercise {
	typ := []string{"int32", "int64", "sint32", "uint32", "fixed32", "int32"}[r.IntN(6)]
	val := number(r, typ)
	in := oneField(typ, 1, val)
	n := len(encode(in))
	return visual.Exercise{
		Question: fmt.Sprintf("How many bytes does field 1 = %s take on the wire, tag included, when declared as %s f = 1?", val, typ),
		Answer:   strconv.Itoa(n),
		Check:    checkUint(uint64(n)),
		Hint:     numberHint,
		Args:     format(in),
	}
}

// newZigZag asks for the zig-zag of a sint32.
func newZigZag(r *rand.Rand) visual.Exercise {
	v := []int64{-1, 1, -2, 2, -3, 63, -64, 64, -65, 150, -150}[r.IntN(11)]
	u := wire.EncodeZigZag(v)
	return visual.Exercise{
		Question: fmt.Sprintf("A sint32 field holds %d. What unsigned number does zig-zag encoding turn it into before it is written as a varint?", v),
		Answer:   strconv.FormatUint(u, 10),
		Check:    checkUint(u),
		Hint:     numberHint,
		Args:     format(oneField("sint32", 1, strconv.FormatInt(v, 10))),
	}
}

// newDecode asks for the value a field's bytes hold, read back by the
// solution.
func newDecode(r *rand.Rand) visual.Exercise {
	typ := []string{"int32", "sint32", "uint32"}[r.IntN(3)]
	val := number(r, typ)
	in := oneField(typ, 1, val)
	b := encode(in)
	s, _, _ := in.message()
	m, _ := wire.Unmarshal(s.Root(), b)
	answer := wire.ValueText(m.Fields[0].Field, m.Fields[0].Values[0])
	return visual.Exercise{
		Question: fmt.Sprintf("A message has one field, %s f = 1. What value do its bytes %s hold?", typ, wire.Hex(b)),
		Answer:   answer,
		Check: func(s string) bool {
			return strings.TrimSpace(s) == answer
		},
		Hint: numberHint,
		Args: format(in),
	}
}

// checkUint accepts n written in decimal, with spaces around.
func checkUint(n uint64) func(string) bool {
	return func(s string) bool {
		got, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
		return err == nil && got == n
	}
}

// normHex reads an answer in hex leniently: any case, with or without
// spaces, commas or 0x prefixes. It reports false for anything else.
func normHex(s string) (string, bool) {
	s = strings.ToLower(s)
	s = strings.NewReplacer("0x", "", ",", " ", ":", " ").Replace(s)
	var b strings.Builder
	for _, f := range strings.Fields(s) {
		if len(f)%2 == 1 {
			f = "0" + f
		}
		b.WriteString(f)
	}
	out := b.String()
	for _, c := range out {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return "", false
		}
	}
	return out, out != ""
}

// hexHint says what to change in an answer that is not hex bytes; "" for
// hex, right or wrong.
func hexHint(s string) string {
	if _, ok := normHex(s); ok || strings.TrimSpace(s) == "" {
		return ""
	}
	return "write the bytes in hex, two digits 0-9 a-f a byte, e.g. 08 96 01"
}

// numberHint says what to change in an answer that is not a whole number
// in digits; "" for a number, right or wrong.
func numberHint(s string) string {
	if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil || strings.TrimSpace(s) == "" {
		return ""
	}
	if _, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64); err == nil {
		return ""
	}
	return "write the number alone, in digits, e.g. 150 or -1"
}
