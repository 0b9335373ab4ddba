package wire

import (
	"fmt"
	"strings"
)

// Step is the stable id of a step an observer sees: the line of codec.go
// that performs it carries the comment "// step: <id>", and tutor's source
// pane highlights it.
type Step string

// The steps of an encode, in the order Encoder.Append takes them for one
// field: it begins, a default value is skipped or the tag is written, a
// signed value is sign-extended or zig-zagged, the value's bytes follow.
const (
	// StepEncodeBegin starts a message; the Event's Outline lists it.
	StepEncodeBegin Step = "encode-begin"
	// StepFieldBegin starts a field the message sets.
	StepFieldBegin Step = "field-begin"
	// StepFieldSkip leaves out a field of implicit presence at its
	// default value: proto3 writes nothing for it.
	StepFieldSkip Step = "field-skip"
	// StepTagByte writes one byte of a tag, the varint
	// field number << 3 | wire type.
	StepTagByte Step = "tag-byte"
	// StepLengthByte writes one byte of a length prefix, the varint
	// byte count of a string, bytes, message or packed list.
	StepLengthByte Step = "length-byte"
	// StepSignExtend widens a negative int32 or int64 to 64 bits of two's
	// complement: its varint takes ten bytes.
	StepSignExtend Step = "sign-extend"
	// StepZigZag maps a sint32 or sint64 to the unsigned value written.
	StepZigZag Step = "zigzag"
	// StepVarintByte writes one byte of a value's varint.
	StepVarintByte Step = "varint-byte"
	// StepFixed writes a fixed32, fixed64 or double: 4 or 8 bytes,
	// little-endian.
	StepFixed Step = "fixed"
	// StepPayload writes the bytes of a string or bytes value.
	StepPayload Step = "payload"
	// StepNestedBegin starts a nested message, after its length.
	StepNestedBegin Step = "nested-begin"
	// StepNestedEnd ends a nested message.
	StepNestedEnd Step = "nested-end"
	// StepEncodeEnd ends the message: the Event has every byte.
	StepEncodeEnd Step = "encode-end"
)

// Role says what a byte of the output is.
type Role uint8

// The roles of bytes.
const (
	RoleTag     Role = iota // a tag byte
	RoleLength              // a length prefix byte
	RolePayload             // a value's byte
)

var roleNames = [...]string{"tag", "length", "payload"}

// String returns the role's name, e.g. "length".
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", r)
}

// Node is a line of a message's outline: a field it sets, or one message
// of a repeated message field.
type Node struct {
	// Depth is 0 for the root's fields, 1 inside a nested message...
	Depth int
	// Text is the field and its value, e.g. `a = 150 (int32, field 1)`,
	// or `[1]` for the second message of a repeated field.
	Text string
	// Written is false for a field that proto3 leaves out at its default
	// (its Text then ends in ": not written").
	Written bool
}

// VarintByte is one byte of a varint as an observer sees it.
type VarintByte struct {
	// Group is the byte's index: it carries bits 7*Group to 7*Group+6.
	Group int
	// Bits are its low seven bits, the payload.
	Bits byte
	// More is its top bit, the continuation bit: another byte follows.
	More bool
	// SoFar is the value of the groups written so far, reassembled.
	SoFar uint64
}

// Event is one step of an encode as an observer sees it. Fields that do
// not apply to a step are zero.
type Event struct {
	// Step is the step taken; the line of codec.go that performs it
	// carries the comment "// step: <Step>".
	Step Step
	// Node indexes Outline (of the encode-begin event) with the field
	// or message the step belongs to; -1 for the root.
	Node int
	// Field is the field the step belongs to, nil for the root.
	Field *Field
	// Path names the field from the root, e.g. "n.x", with an index for
	// an element of a repeated field ("c[1]").
	Path string
	// Depth is how deep the field is nested (0: the root's fields).
	Depth int
	// Offset is where the step's bytes begin in the output; End is where
	// they end (the output's length after the step).
	Offset, End int
	// Bytes are the bytes the step wrote: a copy the observer may keep.
	// For StepEncodeEnd they are the whole output.
	Bytes []byte
	// Role is what the bytes are.
	Role Role
	// Value is the number being written as a varint (the tag, the length,
	// the value after sign extension or zig-zag), or a fixed value's bits.
	Value uint64
	// Byte is, for the three varint byte steps, the byte as seven bits
	// and a continuation bit.
	Byte VarintByte
	// WireType is the wire type a tag names.
	WireType WireType
	// Outline is, for StepEncodeBegin, the message's fields as lines.
	Outline []Node
	// Explain is one sentence for a learner, with the actual values.
	Explain string
}

// outline is m's fields as lines, in the order Append walks them.
func outline(m *Message, depth int, out []Node) []Node {
	for _, fv := range m.Fields {
		f := fv.Field
		written := true
		if !f.Repeated && !f.HasPresence() && len(fv.Values) > 0 && fv.Values[0].isDefault(f.Type) {
			written = false
		}
		if f.Type == TypeMessage {
			out = append(out, Node{Depth: depth, Text: fmt.Sprintf("%s (%s, field %d)", f.Name, fieldKind(f), f.Number), Written: true})
			for i, v := range fv.Values {
				if f.Repeated {
					out = append(out, Node{Depth: depth + 1, Text: fmt.Sprintf("[%d]", i), Written: true})
				}
				if v.Msg != nil {
					out = outline(v.Msg, depth+1+btoi(f.Repeated), out)
				}
			}
			continue
		}
		text := fmt.Sprintf("%s = %s (%s, field %d)", f.Name, fv.ValuesText(), fieldKind(f), f.Number)
		if !written {
			text += ": not written"
		}
		out = append(out, Node{Depth: depth, Text: text, Written: written})
	}
	return out
}

// fieldKind is f's type with its label, e.g. "repeated sint32, packed".
func fieldKind(f *Field) string {
	var b strings.Builder
	if f.Repeated {
		b.WriteString("repeated ")
	} else if f.Optional {
		b.WriteString("optional ")
	}
	if f.Type == TypeMessage {
		b.WriteString(f.Message.Name)
	} else {
		b.WriteString(f.Type.String())
	}
	if f.Packed() {
		b.WriteString(", packed")
	}
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bits7 is b's seven payload bits in binary.
func bits7(b byte) string { return fmt.Sprintf("%07b", b&0x7f) }

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
