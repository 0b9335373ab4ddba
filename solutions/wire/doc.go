// Package wire is the protobuf wire format, written from the encoding
// guide: varints, zig-zag and fixed-size numbers, and messages of a small
// proto3 schema turned into bytes and back.
//
// The numbers come Append-style, as in encoding/binary: AppendUvarint
// writes seven bits a byte, least significant group first, the top bit
// set while more bytes follow, so 150 is 96 01; Uvarint reads one back
// and refuses a varint that is truncated or runs past 64 bits.
// EncodeZigZag maps 0, -1, 1, -2 to 0, 1, 2, 3 for sint32 and sint64.
//
// A schema is read from .proto-like text (ParseSchema), a message from
// field=value text (ParseMessage):
//
//	message M { int32 a = 1; string b = 2; repeated sint32 c = 3; }
//	a=150 b="hi" c=[-1,2]
//
// and Marshal writes it as protowire would: 08 96 01 12 02 68 69 1a 02 01
// 04. Each field is a tag, the varint number << 3 | wire type, then its
// value. proto3's rules hold: a field of implicit presence at its default
// is not written, repeated scalars are packed, a negative int32 is
// sign-extended to ten bytes. Unmarshal reads bytes back, skips unknown
// fields and keeps the last value of a singular field seen twice.
//
// An observer (Encoder.Observe) sees every step of an encode as an Event:
// each field begun or skipped, each tag, length and value byte with its
// seven bits and continuation bit, each nested message begun and ended.
// Its Step is one of the Step constants, and the line of codec.go that
// performs it carries "// step: <id>" for tutor's source pane. Sizes
// measures one message in JSON, gob, the kvstore format and protobuf with
// the real encoders.
package wire
