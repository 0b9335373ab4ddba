package wire

// This file is the codec: a message into bytes (Encoder.Append) and bytes
// into a message (Unmarshal). The lines that perform a step the observer
// reports carry "// step: <id>", and the source pane of tutor highlights
// them as the run goes.

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Encoder writes messages in the protobuf wire format. The zero Encoder
// has no observer.
type Encoder struct {
	// Observe, when not nil, is called for every step of Append, in
	// order, on the calling goroutine. When nil the cost is a nil check.
	Observe func(Event)
}

// Marshal returns the bytes of m in one allocation of Size(m) bytes.
func Marshal(m *Message) ([]byte, error) {
	if err := check(m, 0); err != nil {
		return nil, err
	}
	var e Encoder
	return e.Append(make([]byte, 0, Size(m)), m)
}

// AppendMessage appends the bytes of m to dst, as Encoder.Append does
// without an observer.
func AppendMessage(dst []byte, m *Message) ([]byte, error) {
	var e Encoder
	return e.Append(dst, m)
}

// Append appends the bytes of m to dst and returns the extended buffer.
// Fields go in field number order, each as a tag (the varint
// number << 3 | wire type) and its value: a varint (int32 and int64
// sign-extended to 64 bits, sint32 and sint64 zig-zagged, bool as 0 or
// 1), 4 or 8 little-endian bytes (fixed32, fixed64, double), or a length
// and that many bytes (string, bytes, a nested message). A singular field
// of implicit presence at its default value is not written; a repeated
// scalar is packed into one LEN record unless declared [packed = false].
//
// A message that does not fit its type (a field of another message, a
// field set twice, a value out of range, a string that is not UTF-8,
// nesting deeper than MaxDepth) gives an error and dst unchanged. Append
// does not allocate when dst has room for Size(m) more bytes; it costs
// O(Size(m)) times the nesting depth, for the nested lengths.
func (e *Encoder) Append(dst []byte, m *Message) ([]byte, error) {
	if err := check(m, 0); err != nil {
		return dst, err
	}
	w := encoder{obs: e.Observe, start: len(dst), node: -1, cur: cursor{node: -1}}
	if w.obs != nil {
		n := Size(m) // step: encode-begin
		w.emit(Event{
			Step: StepEncodeBegin, Offset: 0, End: 0, Outline: outline(m, 0, nil),
			Explain: fmt.Sprintf("encoding message %s with %d %s set: field after field in number order, %d %s in all", m.Type.Name, len(m.Fields), plural(len(m.Fields), "field"), n, plural(n, "byte")),
		}, dst)
	}
	dst = w.message(dst, m)
	if w.obs != nil {
		out := dst[w.start:] // step: encode-end
		w.cur = cursor{node: -1}
		w.emit(Event{
			Step: StepEncodeEnd, Offset: 0, Bytes: clone(out),
			Explain: fmt.Sprintf("done: message %s is %d %s, with no field names and no framing of its own: a reader needs the schema, and a stream needs a length before each message", m.Type.Name, len(out), plural(len(out), "byte")),
		}, dst)
	}
	return dst, nil
}

// cursor is where an observed encode is: the field, its outline line and
// its path.
type cursor struct {
	f     *Field
	node  int
	path  string
	depth int
}

// encoder is one run of Append.
type encoder struct {
	obs   func(Event)
	start int // where the output begins in dst
	node  int // the last outline line reached
	cur   cursor
}

// emit sends e, filled in with the cursor and End, to the observer.
func (w *encoder) emit(e Event, dst []byte) {
	e.Node, e.Field, e.Path, e.Depth = w.cur.node, w.cur.f, w.cur.path, w.cur.depth
	e.End = len(dst) - w.start
	w.obs(e)
}

// message appends m's fields.
func (w *encoder) message(dst []byte, m *Message) []byte {
	outer := w.cur
	for _, fv := range m.Fields {
		f := fv.Field
		if w.obs != nil {
			w.node++
			w.cur = cursor{f: f, node: w.node, path: join(outer.path, f.Name), depth: outer.depth}
			if outer.f == nil {
				w.cur.depth = 0
			}
			w.emit(Event{Step: StepFieldBegin, Offset: len(dst) - w.start, Explain: beginText(fv)}, dst) // step: field-begin
		}
		switch {
		case !f.Repeated:
			v := fv.Values[0]
			if !f.HasPresence() && v.isDefault(f.Type) { // step: field-skip
				if w.obs != nil {
					w.emit(Event{Step: StepFieldSkip, Offset: len(dst) - w.start, Explain: fmt.Sprintf("%s = %s is the default of %s, so proto3 writes nothing for it: a reader that finds no field %d gives %s back, and cannot tell it was set (declare it optional to write it)", f.Name, ValueText(f, v), f.Type, f.Number, ValueText(f, v))}, dst)
				}
				continue
			}
			dst = w.tag(dst, f, f.WireType())
			dst = w.value(dst, f, v)
		case f.Packed():
			if len(fv.Values) == 0 {
				continue
			}
			dst = w.tag(dst, f, WireLen)
			n := 0
			for _, v := range fv.Values {
				n += scalarSize(f, v)
			}
			dst = w.length(dst, n)
			path := w.cur.path
			for i, v := range fv.Values {
				if w.obs != nil {
					w.cur.path = fmt.Sprintf("%s[%d]", path, i)
				}
				dst = w.scalar(dst, f, v)
			}
		default:
			path, node := w.cur.path, w.cur.node
			for i, v := range fv.Values {
				if w.obs != nil {
					w.cur.path, w.cur.node = fmt.Sprintf("%s[%d]", path, i), node
					if f.Type == TypeMessage {
						w.node++ // the outline's [i] line
						w.cur.node = w.node
					}
				}
				dst = w.tag(dst, f, f.WireType())
				dst = w.value(dst, f, v)
			}
		}
	}
	w.cur = outer
	return dst
}

// join is a field's path below parent.
func join(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// tag appends the tag of f with wire type wt.
func (w *encoder) tag(dst []byte, f *Field, wt WireType) []byte {
	off := len(dst)
	t := uint64(f.Number)<<3 | uint64(wt)
	dst = AppendUvarint(dst, t) // step: tag-byte
	if w.obs != nil {
		w.varintBytes(StepTagByte, RoleTag, dst, off, t, wt)
	}
	return dst
}

// length appends the length prefix n.
func (w *encoder) length(dst []byte, n int) []byte {
	off := len(dst)
	dst = AppendUvarint(dst, uint64(n)) // step: length-byte
	if w.obs != nil {
		w.varintBytes(StepLengthByte, RoleLength, dst, off, uint64(n), WireLen)
	}
	return dst
}

// value appends one value of f, after its tag.
func (w *encoder) value(dst []byte, f *Field, v Value) []byte {
	switch f.Type {
	case TypeString, TypeBytes:
		dst = w.length(dst, len(v.Bytes))
		off := len(dst)
		dst = append(dst, v.Bytes...) // step: payload
		if w.obs != nil {
			w.emit(Event{Step: StepPayload, Role: RolePayload, Offset: off - w.start, Bytes: clone(dst[off:]), Explain: payloadText(f, v, dst[off:])}, dst)
		}
		return dst
	case TypeMessage:
		n := Size(v.Msg)
		dst = w.length(dst, n)
		outer := w.cur
		if w.obs != nil {
			w.cur = cursor{f: f, node: outer.node, path: outer.path, depth: outer.depth + 1} // step: nested-begin
			w.emit(Event{Step: StepNestedBegin, Offset: len(dst) - w.start, Value: uint64(n), Explain: fmt.Sprintf("%s begins: message %s, %d %s, written as fields of its own after the length, exactly as it would be on its own", outer.path, f.Message.Name, n, plural(n, "byte"))}, dst)
		}
		dst = w.message(dst, v.Msg)
		if w.obs != nil {
			w.cur = outer // step: nested-end
			w.emit(Event{Step: StepNestedEnd, Offset: len(dst) - w.start, Value: uint64(n), Explain: fmt.Sprintf("%s ends after the %d %s its length promised; the reader goes back to the fields of the outer message", outer.path, n, plural(n, "byte"))}, dst)
		}
		return dst
	}
	return w.scalar(dst, f, v)
}

// scalar appends a number of f: a varint or a fixed value.
func (w *encoder) scalar(dst []byte, f *Field, v Value) []byte {
	off := len(dst)
	switch f.Type {
	case TypeFixed32, TypeFixed64, TypeDouble:
		dst = appendFixed(dst, f.Type, v) // step: fixed
		if w.obs != nil {
			w.emit(Event{Step: StepFixed, Role: RolePayload, Offset: off - w.start, Bytes: clone(dst[off:]), Value: fixedBits(f.Type, v), Explain: fixedText(f, v, dst[off:])}, dst)
		}
		return dst
	}
	var u uint64
	switch f.Type {
	case TypeInt32, TypeInt64:
		u = uint64(v.Int) // step: sign-extend
		if w.obs != nil && v.Int < 0 {
			w.emit(Event{Step: StepSignExtend, Offset: off - w.start, Value: u, Explain: fmt.Sprintf("%s %d is negative: it is sign-extended to 64 bits, %#x, so its varint takes ten bytes: int32 too, so that an int64 reader of the field gets the same number (as sint32 it would take %d)", f.Type, v.Int, u, SizeUvarint(EncodeZigZag(v.Int)))}, dst)
		}
	case TypeSint32, TypeSint64:
		u = EncodeZigZag(v.Int) // step: zigzag
		if w.obs != nil {
			w.emit(Event{Step: StepZigZag, Offset: off - w.start, Value: u, Explain: fmt.Sprintf("%s %d zig-zags to %d (2n for n >= 0, -2n - 1 below): small numbers of either sign stay short, %d %s here", f.Type, v.Int, u, SizeUvarint(u), plural(SizeUvarint(u), "byte"))}, dst)
		}
	case TypeBool:
		u = uint64(btoi(v.Bool))
	default:
		u = v.Uint
	}
	dst = AppendUvarint(dst, u) // step: varint-byte
	if w.obs != nil {
		w.varintBytes(StepVarintByte, RolePayload, dst, off, u, WireVarint)
	}
	return dst
}

// varintBytes reports each byte of the varint x that dst[off:] holds.
func (w *encoder) varintBytes(step Step, role Role, dst []byte, off int, x uint64, wt WireType) {
	b := dst[off:]
	var sofar uint64
	for i, c := range b {
		sofar |= uint64(c&0x7f) << (7 * i)
		vb := VarintByte{Group: i, Bits: c & 0x7f, More: c >= 0x80, SoFar: sofar}
		w.emit(Event{
			Step: step, Role: role, Offset: off + i - w.start, Bytes: []byte{c}, Value: x, Byte: vb, WireType: wt,
			Explain: byteText(step, w.cur.f, x, i, len(b), c, sofar),
		}, dst[:off+i+1])
	}
}

// appendFixed appends a fixed32, fixed64 or double.
func appendFixed(dst []byte, t Type, v Value) []byte {
	if t == TypeFixed32 {
		return AppendFixed32(dst, uint32(v.Uint))
	}
	return AppendFixed64(dst, fixedBits(t, v))
}

// fixedBits is the number a fixed value writes.
func fixedBits(t Type, v Value) uint64 {
	if t == TypeDouble {
		return math.Float64bits(v.Double)
	}
	return v.Uint
}

// scalarSize is the size of one scalar value of f, without a tag.
func scalarSize(f *Field, v Value) int {
	switch f.Type {
	case TypeFixed32:
		return 4
	case TypeFixed64, TypeDouble:
		return 8
	case TypeSint32, TypeSint64:
		return SizeUvarint(EncodeZigZag(v.Int))
	case TypeInt32, TypeInt64:
		return SizeUvarint(uint64(v.Int))
	case TypeBool:
		return 1
	}
	return SizeUvarint(v.Uint)
}

// valueSize is the size of one value of f, without a tag.
func valueSize(f *Field, v Value) int {
	switch f.Type {
	case TypeString, TypeBytes:
		return SizeUvarint(uint64(len(v.Bytes))) + len(v.Bytes)
	case TypeMessage:
		n := Size(v.Msg)
		return SizeUvarint(uint64(n)) + n
	}
	return scalarSize(f, v)
}

// Size is the number of bytes Append writes for m, a message that fits
// its type. It costs O(fields) times the nesting depth.
func Size(m *Message) int {
	n := 0
	for _, fv := range m.Fields {
		f := fv.Field
		tag := SizeUvarint(uint64(f.Number) << 3)
		switch {
		case !f.Repeated:
			if v := fv.Values[0]; f.HasPresence() || !v.isDefault(f.Type) {
				n += tag + valueSize(f, v)
			}
		case f.Packed():
			if len(fv.Values) == 0 {
				continue
			}
			p := 0
			for _, v := range fv.Values {
				p += scalarSize(f, v)
			}
			n += tag + SizeUvarint(uint64(p)) + p
		default:
			for _, v := range fv.Values {
				n += tag + valueSize(f, v)
			}
		}
	}
	return n
}

// check reports why m does not fit its type, or nil.
func check(m *Message, depth int) error {
	if m == nil || m.Type == nil {
		return errors.New("wire: a nil message or a message without a type")
	}
	if depth > MaxDepth {
		return fmt.Errorf("wire: messages nest more than %d deep", MaxDepth)
	}
	for i, fv := range m.Fields {
		f := fv.Field
		if f == nil || (f.owner != m.Type && m.Type.Field(f.Number) != f) {
			return fmt.Errorf("wire: field %d of the message is not a field of %s", i, m.Type.Name)
		}
		if i > 0 && m.Fields[i-1].Field.Number >= f.Number {
			return fmt.Errorf("wire: field %s is out of number order or set twice", f.Name)
		}
		if !f.Repeated && len(fv.Values) != 1 {
			return fmt.Errorf("wire: singular field %s has %d values", f.Name, len(fv.Values))
		}
		for _, v := range fv.Values {
			if err := checkValue(f, v, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkValue(f *Field, v Value, depth int) error {
	switch f.Type {
	case TypeInt32, TypeSint32:
		if v.Int != int64(int32(v.Int)) {
			return fmt.Errorf("wire: %s %s = %d is out of range", f.Type, f.Name, v.Int)
		}
	case TypeUint32, TypeFixed32:
		if v.Uint > math.MaxUint32 {
			return fmt.Errorf("wire: %s %s = %d is out of range", f.Type, f.Name, v.Uint)
		}
	case TypeString:
		if !utf8.ValidString(v.Bytes) {
			return fmt.Errorf("wire: string %s = %q is not valid UTF-8", f.Name, v.Bytes)
		}
	case TypeMessage:
		if v.Msg == nil || v.Msg.Type != f.Message {
			return fmt.Errorf("wire: message field %s holds no %s", f.Name, f.Message.Name)
		}
		return check(v.Msg, depth+1)
	}
	return nil
}

// DecodeError is why Unmarshal refused its input, and where.
type DecodeError struct {
	// Offset is the offset in the input of the tag, length or value at
	// fault.
	Offset int
	// Reason says what is wrong, with the values.
	Reason string
	// Err is ErrTruncated or ErrOverlong when one of them is the cause.
	Err error
}

// Error is "wire: offset N: " and the reason, on one line.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("wire: offset %d: %s", e.Offset, e.Reason)
}

// Unwrap returns Err.
func (e *DecodeError) Unwrap() error { return e.Err }

// Unmarshal decodes b as a message of type mt. It follows proto3: fields
// may come in any order; a singular field seen twice keeps its last value
// (a message field merges the two); a repeated scalar may come packed or
// one value a tag; a field number mt does not know, or a known number
// with a wire type its field cannot have, is skipped by its wire type as
// an unknown field (as protobuf-go does; unlike it, Unmarshal does not
// keep unknown fields to write them back). Truncated or overlong varints,
// a length past the end, a string that is not UTF-8, field number 0 or
// nesting deeper than MaxDepth give a *DecodeError. It allocates in
// proportion to len(b), whatever the lengths claim.
func Unmarshal(mt *MessageType, b []byte) (*Message, error) {
	m := &Message{Type: mt}
	if err := decodeInto(m, b, 0, 0); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeInto decodes the fields in b (at offset base of the input) into m.
func decodeInto(m *Message, b []byte, base, depth int) error {
	if depth > MaxDepth {
		return &DecodeError{Offset: base, Reason: fmt.Sprintf("messages nest more than %d deep", MaxDepth)}
	}
	for off := 0; off < len(b); {
		at := base + off
		t, n, err := Uvarint(b[off:])
		if err != nil {
			return &DecodeError{Offset: at, Reason: "tag: " + short(err), Err: err}
		}
		off += n
		num, wt := t>>3, WireType(t&7)
		if num == 0 || num > MaxFieldNumber {
			return &DecodeError{Offset: at, Reason: fmt.Sprintf("tag %#x names field %d, not between 1 and %d", t, num, MaxFieldNumber)}
		}
		if wt > WireFixed32 {
			return &DecodeError{Offset: at, Reason: fmt.Sprintf("tag %#x has wire type %d, which does not exist", t, wt)}
		}
		f := m.Type.Field(int32(num))
		packed := f != nil && f.Repeated && wt == WireLen && f.WireType() != WireLen
		if f == nil || (wt != f.WireType() && !packed) {
			n, err := skip(b[off:], base+off, int32(num), wt, depth)
			if err != nil {
				return err
			}
			off += n
			continue
		}
		if packed {
			p, n, err := lengthPrefixed(b[off:], base+off, f)
			if err != nil {
				return err
			}
			vals := fieldValues(m, f)
			for len(p) > 0 {
				v, k, err := scalarValue(f, p, base+off+n-len(p))
				if err != nil {
					return err
				}
				*vals = append(*vals, v)
				p = p[k:]
			}
			off += n
			continue
		}
		vals := fieldValues(m, f)
		var v Value
		switch f.Type {
		case TypeString, TypeBytes:
			p, n, err := lengthPrefixed(b[off:], base+off, f)
			if err != nil {
				return err
			}
			if f.Type == TypeString && !utf8.Valid(p) {
				return &DecodeError{Offset: base + off, Reason: fmt.Sprintf("string %s is not valid UTF-8", f.Name)}
			}
			v.Bytes = string(p)
			off += n
		case TypeMessage:
			p, n, err := lengthPrefixed(b[off:], base+off, f)
			if err != nil {
				return err
			}
			if !f.Repeated && len(*vals) > 0 {
				v.Msg = (*vals)[0].Msg // a message seen twice merges
			} else {
				v.Msg = &Message{Type: f.Message}
			}
			if err := decodeInto(v.Msg, p, base+off+n-len(p), depth+1); err != nil {
				return err
			}
			off += n
		default:
			var n int
			v, n, err = scalarValue(f, b[off:], base+off)
			if err != nil {
				return err
			}
			off += n
		}
		if f.Repeated {
			*vals = append(*vals, v)
		} else {
			*vals = append((*vals)[:0], v) // the last value wins
		}
	}
	if !slices.IsSortedFunc(m.Fields, byNumber) {
		slices.SortFunc(m.Fields, byNumber)
	}
	return nil
}

func byNumber(a, b FieldValue) int { return int(a.Field.Number) - int(b.Field.Number) }

// fieldValues returns the values of f in m, adding f to m first if need
// be.
func fieldValues(m *Message, f *Field) *[]Value {
	for i := range m.Fields {
		if m.Fields[i].Field == f {
			return &m.Fields[i].Values
		}
	}
	m.Fields = append(m.Fields, FieldValue{Field: f})
	return &m.Fields[len(m.Fields)-1].Values
}

// lengthPrefixed reads a length and the bytes it counts from b, at offset
// at, for field f. n counts the length's bytes too.
func lengthPrefixed(b []byte, at int, f *Field) (p []byte, n int, err error) {
	l, k, err := Uvarint(b)
	if err != nil {
		return nil, 0, &DecodeError{Offset: at, Reason: fmt.Sprintf("length of %s: %s", f.Name, short(err)), Err: err}
	}
	if l > uint64(len(b)-k) {
		return nil, 0, &DecodeError{Offset: at, Reason: fmt.Sprintf("length %d of %s is more than the %d bytes left", l, f.Name, len(b)-k), Err: ErrTruncated}
	}
	return b[k : k+int(l)], k + int(l), nil
}

// scalarValue reads one number of f at the start of b, at offset at.
func scalarValue(f *Field, b []byte, at int) (Value, int, error) {
	var v Value
	switch f.Type {
	case TypeFixed32:
		x, n, err := Fixed32(b)
		if err != nil {
			return v, 0, &DecodeError{Offset: at, Reason: fmt.Sprintf("fixed32 %s: %d bytes left, want 4", f.Name, len(b)), Err: err}
		}
		v.Uint = uint64(x)
		return v, n, nil
	case TypeFixed64, TypeDouble:
		x, n, err := Fixed64(b)
		if err != nil {
			return v, 0, &DecodeError{Offset: at, Reason: fmt.Sprintf("%s %s: %d bytes left, want 8", f.Type, f.Name, len(b)), Err: err}
		}
		if f.Type == TypeDouble {
			v.Double = math.Float64frombits(x)
		} else {
			v.Uint = x
		}
		return v, n, nil
	}
	x, n, err := Uvarint(b)
	if err != nil {
		return v, 0, &DecodeError{Offset: at, Reason: fmt.Sprintf("%s %s: %s", f.Type, f.Name, short(err)), Err: err}
	}
	switch f.Type {
	case TypeInt32:
		v.Int = int64(int32(x)) // the low 32 bits, as protobuf reads them
	case TypeInt64:
		v.Int = int64(x)
	case TypeSint32:
		v.Int = int64(int32(DecodeZigZag(x & math.MaxUint32)))
	case TypeSint64:
		v.Int = DecodeZigZag(x)
	case TypeUint32:
		v.Uint = uint64(uint32(x))
	case TypeBool:
		v.Bool = x != 0
	default:
		v.Uint = x
	}
	return v, n, nil
}

// skip returns the size of the value of an unknown field num of wire type
// wt at the start of b (offset at): a group is skipped to its end.
func skip(b []byte, at int, num int32, wt WireType, depth int) (int, error) {
	bad := func(what string, err error) (int, error) {
		return 0, &DecodeError{Offset: at, Reason: fmt.Sprintf("unknown field %d: %s", num, what), Err: err}
	}
	switch wt {
	case WireVarint:
		_, n, err := Uvarint(b)
		if err != nil {
			return bad(short(err), err)
		}
		return n, nil
	case WireFixed32, WireFixed64:
		n := 4
		if wt == WireFixed64 {
			n = 8
		}
		if len(b) < n {
			return bad(fmt.Sprintf("%d bytes left, want %d", len(b), n), ErrTruncated)
		}
		return n, nil
	case WireLen:
		l, k, err := Uvarint(b)
		if err != nil {
			return bad("length: "+short(err), err)
		}
		if l > uint64(len(b)-k) {
			return bad(fmt.Sprintf("length %d is more than the %d bytes left", l, len(b)-k), ErrTruncated)
		}
		return k + int(l), nil
	case WireStartGroup:
		if depth >= MaxDepth {
			return bad(fmt.Sprintf("groups nest more than %d deep", MaxDepth), nil)
		}
		for off := 0; ; {
			t, n, err := Uvarint(b[off:])
			if err != nil {
				return bad("group: "+short(err), err)
			}
			off += n
			inner, iwt := t>>3, WireType(t&7)
			if inner == 0 || inner > MaxFieldNumber || iwt > WireFixed32 {
				return bad(fmt.Sprintf("group holds the bad tag %#x", t), nil)
			}
			if iwt == WireEndGroup {
				if int32(inner) != num {
					return bad(fmt.Sprintf("group ends with field %d", inner), nil)
				}
				return off, nil
			}
			k, err := skip(b[off:], at+off, int32(inner), iwt, depth+1)
			if err != nil {
				return 0, err
			}
			off += k
		}
	}
	return bad("an end of group with no start", nil)
}

// short is err's text without the package name, for a DecodeError's
// Reason.
func short(err error) string { return strings.TrimPrefix(err.Error(), "wire: ") }

func clone(b []byte) []byte { return append([]byte(nil), b...) }
