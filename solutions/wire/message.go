package wire

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Value is one value of a field. Which member holds it depends on the
// field's type: Int for int32, int64, sint32 and sint64; Uint for uint32,
// uint64, fixed32 and fixed64; Bool; Double; Bytes for string and bytes
// (a string's bytes are UTF-8); Msg for a message.
type Value struct {
	Int    int64
	Uint   uint64
	Bool   bool
	Double float64
	Bytes  string
	Msg    *Message
}

// FieldValue is a field that a message sets, with its values: one for a
// singular field, any number for a repeated one.
type FieldValue struct {
	Field  *Field
	Values []Value
}

// Message is a message of a schema's type: the fields it sets, in field
// number order. A singular field of implicit presence that holds its
// default value (a = 0) may be set; Marshal does not write it.
type Message struct {
	Type   *MessageType
	Fields []FieldValue
}

// Get returns the values of the field called name, or nil.
func (m *Message) Get(name string) []Value {
	for _, fv := range m.Fields {
		if fv.Field.Name == name {
			return fv.Values
		}
	}
	return nil
}

// isDefault reports whether v is the default of type t, the value proto3
// does not write for a field of implicit presence: 0, false, "", empty
// bytes, and a double of +0 (not -0, whose sign bit is set).
func (v Value) isDefault(t Type) bool {
	switch t {
	case TypeInt32, TypeInt64, TypeSint32, TypeSint64:
		return v.Int == 0
	case TypeUint32, TypeUint64, TypeFixed32, TypeFixed64:
		return v.Uint == 0
	case TypeBool:
		return !v.Bool
	case TypeDouble:
		return math.Float64bits(v.Double) == 0
	case TypeString, TypeBytes:
		return v.Bytes == ""
	}
	return false
}

// String writes m as a message text that ParseMessage reads as m, e.g.
// `a=150 b="hi" c=[-1,2]`.
func (m *Message) String() string {
	var b strings.Builder
	m.text(&b)
	return b.String()
}

func (m *Message) text(b *strings.Builder) {
	for i, fv := range m.Fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fv.Field.Name)
		b.WriteByte('=')
		fv.valuesText(b)
	}
}

// ValuesText is the values of fv as a message text writes them: one
// value, or a list in brackets for a repeated field.
func (fv FieldValue) ValuesText() string {
	var b strings.Builder
	fv.valuesText(&b)
	return b.String()
}

func (fv FieldValue) valuesText(b *strings.Builder) {
	if !fv.Field.Repeated {
		if len(fv.Values) > 0 {
			valueText(b, fv.Field, fv.Values[0])
		}
		return
	}
	b.WriteByte('[')
	for i, v := range fv.Values {
		if i > 0 {
			b.WriteByte(',')
		}
		valueText(b, fv.Field, v)
	}
	b.WriteByte(']')
}

// ValueText is v, a value of f, as a message text writes it.
func ValueText(f *Field, v Value) string {
	var b strings.Builder
	valueText(&b, f, v)
	return b.String()
}

func valueText(b *strings.Builder, f *Field, v Value) {
	switch f.Type {
	case TypeInt32, TypeInt64, TypeSint32, TypeSint64:
		b.WriteString(strconv.FormatInt(v.Int, 10))
	case TypeUint32, TypeUint64, TypeFixed32, TypeFixed64:
		b.WriteString(strconv.FormatUint(v.Uint, 10))
	case TypeBool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case TypeDouble:
		b.WriteString(strconv.FormatFloat(v.Double, 'g', -1, 64))
	case TypeString:
		b.WriteString(strconv.Quote(v.Bytes))
	case TypeBytes:
		b.WriteString(strconv.QuoteToASCII(v.Bytes))
	case TypeMessage:
		b.WriteByte('{')
		if v.Msg != nil {
			v.Msg.text(b)
		}
		b.WriteByte('}')
	}
}

// MaxDepth is how deep messages may nest, in a message text and in the
// bytes Unmarshal reads.
const MaxDepth = 64

// ParseMessage reads a message of type mt from a message text: fields as
// NAME=VALUE separated by spaces (or commas), in any order. A value is a
// decimal number (a double also 1.5, -2e3, inf, nan), true or false, a
// Go-quoted string (strings and bytes; "\xff" is one byte), a message in
// braces ({x=1 y=2}), or for a repeated field a list in brackets
// ([1,2,3], [{x=1},{x=2}]). A field given twice, a value out of its
// type's range, or a string that is not UTF-8 is an error of one line
// that names it.
func ParseMessage(mt *MessageType, text string) (*Message, error) {
	p := &parser{lx: lexer{src: text}, what: "message"}
	p.next()
	m, err := p.message(mt, 0)
	if err != nil {
		return nil, err
	}
	if p.err != nil {
		return nil, p.errf("")
	}
	if p.tok.kind != tokEOF {
		return nil, p.errf("unexpected %s", p.tok.show())
	}
	return m, nil
}

// message reads fields of mt until the end of the input or a }.
func (p *parser) message(mt *MessageType, depth int) (*Message, error) {
	if depth > MaxDepth {
		return nil, p.errf("messages nest more than %d deep", MaxDepth)
	}
	m := &Message{Type: mt}
	for p.tok.kind != tokEOF && p.tok.text != "}" {
		if p.tok.text == "," {
			p.next()
			continue
		}
		if p.tok.kind != tokIdent {
			return nil, p.errf("want a field name of %s, got %s", mt.Name, p.tok.show())
		}
		f := mt.FieldByName(p.tok.text)
		if f == nil {
			var names []string
			for _, g := range mt.Fields {
				names = append(names, g.Name)
			}
			return nil, p.errf("message %s has no field %q (it has %s)", mt.Name, p.tok.text, strings.Join(names, ", "))
		}
		if m.Get(f.Name) != nil {
			return nil, p.errf("field %s is given twice", f.Name)
		}
		p.next()
		if err := p.expect("="); err != nil {
			return nil, err
		}
		fv := FieldValue{Field: f}
		if f.Repeated {
			if p.tok.text != "[" {
				return nil, p.errf("repeated field %s wants a list in brackets, got %s", f.Name, p.tok.show())
			}
			p.next()
			for p.tok.text != "]" {
				if p.tok.text == "," {
					p.next()
					continue
				}
				if p.tok.kind == tokEOF {
					return nil, p.errf("the list of %s is not closed with ]", f.Name)
				}
				v, err := p.value(f, depth)
				if err != nil {
					return nil, err
				}
				fv.Values = append(fv.Values, v)
			}
			p.next()
		} else {
			v, err := p.value(f, depth)
			if err != nil {
				return nil, err
			}
			fv.Values = []Value{v}
		}
		m.Fields = append(m.Fields, fv)
	}
	slices.SortFunc(m.Fields, func(a, b FieldValue) int { return int(a.Field.Number) - int(b.Field.Number) })
	return m, nil
}

// value reads one value of f.
func (p *parser) value(f *Field, depth int) (Value, error) {
	t := p.tok
	bad := func(want string) (Value, error) {
		return Value{}, p.errf("%s %s: want %s", f.Name, t.show(), want)
	}
	var v Value
	switch f.Type {
	case TypeMessage:
		if t.text != "{" {
			return bad("a message in braces {...}")
		}
		p.next()
		m, err := p.message(f.Message, depth+1)
		if err != nil {
			return Value{}, err
		}
		if p.tok.text != "}" {
			return Value{}, p.errf("message %s of %s is not closed with }", f.Message.Name, f.Name)
		}
		v.Msg = m
	case TypeString, TypeBytes:
		if t.kind != tokString {
			return bad("a quoted string")
		}
		s, err := strconv.Unquote(t.text)
		if err != nil {
			return bad("a Go-quoted string")
		}
		if f.Type == TypeString && !utf8.ValidString(s) {
			return bad("valid UTF-8 (use bytes for other bytes)")
		}
		v.Bytes = s
	case TypeBool:
		switch t.text {
		case "true":
			v.Bool = true
		case "false":
		default:
			return bad("true or false")
		}
	case TypeDouble:
		d, err := strconv.ParseFloat(t.text, 64)
		if err != nil && !isRange(err) {
			return bad("a number")
		}
		v.Double = d
	case TypeInt32, TypeSint32, TypeInt64, TypeSint64:
		bits := 64
		if f.Type == TypeInt32 || f.Type == TypeSint32 {
			bits = 32
		}
		n, err := strconv.ParseInt(t.text, 10, bits)
		if err != nil {
			return bad(fmt.Sprintf("a whole number that fits %s (%d to %d)", f.Type, int64(-1)<<(bits-1), uint64(1)<<(bits-1)-1))
		}
		v.Int = n
	default:
		bits := 64
		if f.Type == TypeUint32 || f.Type == TypeFixed32 {
			bits = 32
		}
		n, err := strconv.ParseUint(t.text, 10, bits)
		if err != nil {
			return bad(fmt.Sprintf("a whole number that fits %s (0 to %d)", f.Type, uint64(1<<(bits-1)-1)<<1|1))
		}
		v.Uint = n
	}
	p.next()
	return v, nil
}

// isRange reports whether err is strconv's out-of-range error, which
// ParseFloat returns with ±Inf.
func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
