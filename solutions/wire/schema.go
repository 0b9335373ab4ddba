package wire

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Type is the type of a field as a schema declares it.
type Type uint8

// The field types. TypeMessage is a nested message, named by the field's
// Message.
const (
	TypeInt32 Type = iota + 1
	TypeInt64
	TypeUint32
	TypeUint64
	TypeSint32
	TypeSint64
	TypeBool
	TypeFixed32
	TypeFixed64
	TypeDouble
	TypeString
	TypeBytes
	TypeMessage
)

var typeNames = [...]string{"", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool", "fixed32", "fixed64", "double", "string", "bytes", "message"}

// String returns the type's name in a schema, e.g. "sint32".
func (t Type) String() string {
	if int(t) < len(typeNames) && t > 0 {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

// WireType is the low three bits of a tag: how a reader finds the end of
// the value that follows, so it can skip a field it does not know.
type WireType uint8

// The wire types of the protobuf encoding. Groups (3 and 4) are
// deprecated: no schema field has them, and Unmarshal skips them only as
// unknown fields.
const (
	WireVarint     WireType = 0 // a varint
	WireFixed64    WireType = 1 // 8 bytes, little-endian
	WireLen        WireType = 2 // a varint length, then that many bytes
	WireStartGroup WireType = 3 // deprecated group start
	WireEndGroup   WireType = 4 // deprecated group end
	WireFixed32    WireType = 5 // 4 bytes, little-endian
)

var wireNames = [...]string{"VARINT", "I64", "LEN", "SGROUP", "EGROUP", "I32"}

// String returns the wire type's name in the protobuf encoding guide,
// e.g. "LEN".
func (w WireType) String() string {
	if int(w) < len(wireNames) {
		return wireNames[w]
	}
	return fmt.Sprintf("WireType(%d)", w)
}

// MaxFieldNumber is the largest field number: a tag keeps 29 bits for it.
const MaxFieldNumber = 1<<29 - 1

// Field numbers 19000 to 19999 are reserved for the protobuf
// implementation.
const (
	FirstReserved = 19000
	LastReserved  = 19999
)

// Field is one field of a message type.
type Field struct {
	// Name is the field's name, unique in its message.
	Name string
	// Number is the field's number, the part of the tag that names it on
	// the wire: 1 to MaxFieldNumber, outside the reserved range.
	Number int32
	// Type is the field's type; Message names it when it is TypeMessage.
	Type    Type
	Message *MessageType
	// Repeated marks a repeated field; Optional a singular field with
	// explicit presence (written even at its default value).
	Repeated, Optional bool
	// Unpacked marks a repeated scalar declared [packed = false]. Repeated
	// scalars of proto3 are packed by default.
	Unpacked bool

	owner *MessageType // the message ParseSchema put the field in
}

// WireType is the wire type of one value of f: VARINT for the integer
// types and bool, I32 and I64 for the fixed types, LEN for strings,
// bytes and messages. A packed repeated field is LEN as a whole (Packed).
func (f *Field) WireType() WireType {
	switch f.Type {
	case TypeFixed32:
		return WireFixed32
	case TypeFixed64, TypeDouble:
		return WireFixed64
	case TypeString, TypeBytes, TypeMessage:
		return WireLen
	}
	return WireVarint
}

// Packed reports whether f's values are written as one LEN record: a
// repeated scalar (not string, bytes or message) not declared
// [packed = false].
func (f *Field) Packed() bool {
	return f.Repeated && !f.Unpacked && f.WireType() != WireLen
}

// HasPresence reports whether a singular f is written even at its default
// value: an optional field or a message. Other singular fields have
// implicit presence: proto3 does not write 0, false, "" or empty bytes.
func (f *Field) HasPresence() bool {
	return !f.Repeated && (f.Optional || f.Type == TypeMessage)
}

// decl is f as a schema declares it, e.g. "repeated sint32 c = 3".
func (f *Field) decl() string {
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
	fmt.Fprintf(&b, " %s = %d", f.Name, f.Number)
	if f.Unpacked {
		b.WriteString(" [packed = false]")
	}
	return b.String()
}

// MessageType is a message of a schema: its fields, in field number
// order.
type MessageType struct {
	Name   string
	Fields []*Field
}

// Field returns the field numbered n, or nil. It costs O(log fields).
func (mt *MessageType) Field(n int32) *Field {
	i, ok := slices.BinarySearchFunc(mt.Fields, n, func(f *Field, n int32) int { return int(f.Number) - int(n) })
	if !ok {
		return nil
	}
	return mt.Fields[i]
}

// FieldByName returns the field called name, or nil.
func (mt *MessageType) FieldByName(name string) *Field {
	for _, f := range mt.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Schema is a parsed schema: its message types, in the order declared
// (a nested message after the one it is declared in).
type Schema struct {
	Messages []*MessageType
}

// Root is the first message the schema declares, the one a message text
// describes.
func (s *Schema) Root() *MessageType { return s.Messages[0] }

// Message returns the message type called name, or nil.
func (s *Schema) Message(name string) *MessageType {
	for _, m := range s.Messages {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// String writes the schema back as text that ParseSchema reads as the
// same schema, every message at the top level.
func (s *Schema) String() string {
	var b strings.Builder
	for i, m := range s.Messages {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "message %s {", m.Name)
		for _, f := range m.Fields {
			fmt.Fprintf(&b, " %s;", f.decl())
		}
		b.WriteString(" }")
	}
	return b.String()
}

// ParseSchema reads a schema in a subset of the .proto language (proto3):
//
//	message M { int32 a = 1; string b = 2; repeated sint32 c = 3; N n = 4; }
//	message N { optional bool x = 1; repeated fixed32 y = 2 [packed = false]; }
//
// A schema is one or more messages (an optional `syntax = "proto3";`
// first); a message holds fields and nested messages. A field is
// `[optional | repeated] TYPE NAME = NUMBER [[packed = false]];` where TYPE
// is one of int32, int64, uint32, uint64, sint32, sint64, bool, fixed32,
// fixed64, double, string, bytes or a message name (declared anywhere:
// names share one space). `//` starts a comment. Errors are one line that
// names the bad token and where it is.
func ParseSchema(text string) (*Schema, error) {
	p := &parser{lx: lexer{src: text}, what: "schema"}
	s := &Schema{}
	var pending []*Field // message fields whose type is named later
	var names []string
	p.next()
	if p.tok.text == "syntax" {
		p.next()
		if err := p.expect("="); err != nil {
			return nil, err
		}
		if p.tok.kind != tokString || p.tok.text != `"proto3"` {
			return nil, p.errf("syntax %s: only \"proto3\" is read", p.tok.show())
		}
		p.next()
		if err := p.expect(";"); err != nil {
			return nil, err
		}
	}
	var message func() error
	message = func() error {
		if p.tok.text != "message" {
			return p.errf("want message, got %s", p.tok.show())
		}
		p.next()
		if p.tok.kind != tokIdent {
			return p.errf("want a message name, got %s", p.tok.show())
		}
		mt := &MessageType{Name: p.tok.text}
		if slices.Contains(names, mt.Name) || isScalar(mt.Name) {
			return p.errf("message name %q is already taken", mt.Name)
		}
		names = append(names, mt.Name)
		s.Messages = append(s.Messages, mt)
		p.next()
		if err := p.expect("{"); err != nil {
			return err
		}
		for p.tok.text != "}" {
			if p.tok.kind == tokEOF {
				return p.errf("message %s is not closed with }", mt.Name)
			}
			if p.tok.text == "message" {
				if err := message(); err != nil {
					return err
				}
				continue
			}
			f, err := p.field(mt)
			if err != nil {
				return err
			}
			f.owner = mt
			if f.Type == TypeMessage {
				pending = append(pending, f)
			}
			mt.Fields = append(mt.Fields, f)
		}
		p.next()
		slices.SortFunc(mt.Fields, func(a, b *Field) int { return int(a.Number) - int(b.Number) })
		return nil
	}
	for p.tok.kind != tokEOF {
		if err := message(); err != nil {
			return nil, err
		}
	}
	if p.err != nil {
		return nil, p.errf("")
	}
	if len(s.Messages) == 0 {
		return nil, fmt.Errorf("schema: no message in %q", text)
	}
	for _, f := range pending {
		name := f.Message.Name
		if f.Message = s.Message(name); f.Message == nil {
			return nil, fmt.Errorf("schema: field %s: unknown type %q", f.Name, name)
		}
	}
	return s, nil
}

// unsupported are types of the .proto language this subset leaves out.
var unsupported = []string{"float", "sfixed32", "sfixed64", "enum", "map", "oneof", "group"}

// isScalar reports whether name is a scalar type.
func isScalar(name string) bool {
	return scalarType(name) != 0
}

func scalarType(name string) Type {
	for t := TypeInt32; t < TypeMessage; t++ {
		if typeNames[t] == name {
			return t
		}
	}
	return 0
}

// field reads one field declaration of mt.
func (p *parser) field(mt *MessageType) (*Field, error) {
	f := &Field{}
	switch p.tok.text {
	case "repeated":
		f.Repeated = true
		p.next()
	case "optional":
		f.Optional = true
		p.next()
	case "required":
		return nil, p.errf("required is proto2: proto3 has no required fields")
	}
	if p.tok.kind != tokIdent {
		return nil, p.errf("want a field type, got %s", p.tok.show())
	}
	typ := p.tok.text
	if f.Type = scalarType(typ); f.Type == 0 {
		if slices.Contains(unsupported, typ) {
			return nil, p.errf("type %q is not supported here (use %s)", typ, "int32, int64, uint32, uint64, sint32, sint64, bool, fixed32, fixed64, double, string, bytes or a message")
		}
		f.Type, f.Message = TypeMessage, &MessageType{Name: typ}
	}
	p.next()
	if p.tok.kind != tokIdent {
		return nil, p.errf("want a field name after %s, got %s", typ, p.tok.show())
	}
	f.Name = p.tok.text
	if mt.FieldByName(f.Name) != nil {
		return nil, p.errf("field name %q is used twice in message %s", f.Name, mt.Name)
	}
	p.next()
	if err := p.expect("="); err != nil {
		return nil, err
	}
	if p.tok.kind != tokNumber {
		return nil, p.errf("want a field number for %s, got %s", f.Name, p.tok.show())
	}
	n, err := strconv.ParseInt(p.tok.text, 10, 64)
	switch {
	case err != nil || n < 1 || n > MaxFieldNumber:
		return nil, p.errf("field number %s of %s is not between 1 and %d", p.tok.text, f.Name, MaxFieldNumber)
	case n >= FirstReserved && n <= LastReserved:
		return nil, p.errf("field number %d of %s is reserved (19000 to 19999 belong to protobuf itself)", n, f.Name)
	case slices.ContainsFunc(mt.Fields, func(g *Field) bool { return g.Number == int32(n) }):
		return nil, p.errf("field number %d is used twice in message %s", n, mt.Name)
	}
	f.Number = int32(n)
	p.next()
	if p.tok.text == "[" {
		p.next()
		if p.tok.text != "packed" {
			return nil, p.errf("option %s: only [packed = false] is read", p.tok.show())
		}
		p.next()
		if err := p.expect("="); err != nil {
			return nil, err
		}
		switch p.tok.text {
		case "false":
			f.Unpacked = true
		case "true":
		default:
			return nil, p.errf("packed = %s: want true or false", p.tok.show())
		}
		if !f.Repeated || f.WireType() == WireLen {
			return nil, p.errf("[packed] applies only to a repeated scalar, not %s", f.Name)
		}
		p.next()
		if err := p.expect("]"); err != nil {
			return nil, err
		}
	}
	return f, p.expect(";")
}

// The lexer and parser of schemas and message texts.

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokIdent
	tokNumber // a number, possibly signed, with digits, '.', exponent
	tokString
	tokPunct
)

type token struct {
	kind tokKind
	text string
	pos  int // byte offset
}

// show names a token for an error message.
func (t token) show() string {
	if t.kind == tokEOF {
		return "the end of the input"
	}
	return strconv.Quote(t.text)
}

type lexer struct {
	src string
	off int
}

// next returns the next token, or a tokPunct of the one bad character.
func (lx *lexer) next() (token, error) {
	for lx.off < len(lx.src) {
		c := lx.src[lx.off]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			lx.off++
			continue
		}
		if strings.HasPrefix(lx.src[lx.off:], "//") {
			for lx.off < len(lx.src) && lx.src[lx.off] != '\n' {
				lx.off++
			}
			continue
		}
		break
	}
	start := lx.off
	if start >= len(lx.src) {
		return token{kind: tokEOF, pos: start}, nil
	}
	c := lx.src[start]
	switch {
	case isLetter(c):
		for lx.off < len(lx.src) && (isLetter(lx.src[lx.off]) || isDigit(lx.src[lx.off]) || lx.src[lx.off] == '.') {
			lx.off++
		}
		return token{tokIdent, lx.src[start:lx.off], start}, nil
	case isDigit(c) || c == '-' || c == '+' || c == '.':
		lx.off++
		for lx.off < len(lx.src) {
			d := lx.src[lx.off]
			if isDigit(d) || isLetter(d) || d == '.' || ((d == '-' || d == '+') && (lx.src[lx.off-1] == 'e' || lx.src[lx.off-1] == 'E')) {
				lx.off++
				continue
			}
			break
		}
		return token{tokNumber, lx.src[start:lx.off], start}, nil
	case c == '"':
		lx.off++
		for lx.off < len(lx.src) && lx.src[lx.off] != '"' {
			if lx.src[lx.off] == '\\' {
				lx.off++
			}
			lx.off++
		}
		if lx.off >= len(lx.src) {
			return token{}, fmt.Errorf("at %d: string %q is not closed with \"", start, clip(lx.src[start:]))
		}
		lx.off++
		return token{tokString, lx.src[start:lx.off], start}, nil
	case strings.IndexByte("{}[]=;,", c) >= 0:
		lx.off++
		return token{tokPunct, lx.src[start:lx.off], start}, nil
	}
	return token{}, fmt.Errorf("at %d: unexpected character %q", start, clip(lx.src[start:]))
}

// clip is the start of s, for an error message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 12 {
		return string(r[:12]) + "..."
	}
	return s
}

func isLetter(c byte) bool { return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

type parser struct {
	what string // "schema" or "message", the start of every error
	lx   lexer
	tok  token
	err  error // a lexer error, reported at the next expect or errf
}

func (p *parser) next() {
	if p.err != nil {
		p.tok = token{kind: tokEOF, pos: len(p.lx.src)}
		return
	}
	p.tok, p.err = p.lx.next()
	if p.err != nil {
		p.tok = token{kind: tokEOF, pos: len(p.lx.src)}
	}
}

// errf is an error at the current token; a lexer error comes first.
func (p *parser) errf(format string, args ...any) error {
	if p.err != nil {
		return fmt.Errorf("%s: %v", p.what, p.err)
	}
	return fmt.Errorf("%s: at %d: %s", p.what, p.tok.pos, fmt.Sprintf(format, args...))
}

func (p *parser) expect(s string) error {
	if p.tok.text != s || p.tok.kind == tokString {
		return p.errf("want %q, got %s", s, p.tok.show())
	}
	p.next()
	return nil
}
