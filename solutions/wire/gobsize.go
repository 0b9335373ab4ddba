package wire

import (
	"errors"
)

// encoding/gob numbers every type it sends with a type id that is
// process-wide: the first type a process encodes gets firstUserID, the
// next the one after, and so on for as long as the process runs. The ids
// are written in the stream (a type's definition, the fields that refer
// to it, the value that has it) as gob integers, whose length grows with
// the id, so the same message encodes a few bytes longer once a process
// has encoded other types first. freshGob rewrites a stream's ids to
// those a fresh process gives, in the order the stream names them, so
// that a message's gob size is the same however many messages came
// before it (and the same as `tutor trace` prints in a process of its
// own).

// firstUserID is the first type id encoding/gob gives a user's type
// (encoding/gob's firstUserId); the ids below are its own.
const firstUserID = 64

// errGob is a stream freshGob does not read: not one encoding/gob wrote.
var errGob = errors.New("wire: not a gob stream")

// gobKind is what a field of gob's own type descriptions holds.
type gobKind byte

const (
	kindString gobKind = iota + 1
	kindID             // a type id: rewritten
	kindInt
	kindStruct // a nested struct, of sub
	kindSlice  // a slice of structs, of sub
)

// gobField is a field of one of gob's type description structs.
type gobField struct {
	kind gobKind
	sub  []gobField
}

// The type descriptions of encoding/gob's wire format (encoding/gob's
// type.go: CommonType, arrayType, sliceType, fieldType, structType,
// mapType, gobEncoderType, wireType), field i+1 at index i.
var (
	gobCommon   = []gobField{{kind: kindString}, {kind: kindID}}
	gobArray    = []gobField{{kind: kindStruct, sub: gobCommon}, {kind: kindID}, {kind: kindInt}}
	gobSliceT   = []gobField{{kind: kindStruct, sub: gobCommon}, {kind: kindID}}
	gobFieldT   = []gobField{{kind: kindString}, {kind: kindID}}
	gobStructT  = []gobField{{kind: kindStruct, sub: gobCommon}, {kind: kindSlice, sub: gobFieldT}}
	gobMap      = []gobField{{kind: kindStruct, sub: gobCommon}, {kind: kindID}, {kind: kindID}}
	gobEncoderT = []gobField{{kind: kindStruct, sub: gobCommon}}
	gobWireType = []gobField{
		{kind: kindStruct, sub: gobArray}, {kind: kindStruct, sub: gobSliceT}, {kind: kindStruct, sub: gobStructT},
		{kind: kindStruct, sub: gobMap}, {kind: kindStruct, sub: gobEncoderT}, {kind: kindStruct, sub: gobEncoderT},
		{kind: kindStruct, sub: gobEncoderT},
	}
)

// gobRewriter rewrites a stream's type ids to a fresh process's.
type gobRewriter struct {
	fresh map[int64]int64
	next  int64
}

// freshGob is the gob stream b with its user type ids renumbered from
// firstUserID in the order the stream first names them: the stream a
// fresh process writes for the same value, or one of the same length
// (a fresh process may number the types of a message in another order,
// which changes no id's length unless the message has more than 60 types).
func freshGob(b []byte) ([]byte, error) {
	r := gobRewriter{fresh: map[int64]int64{}, next: firstUserID}
	var out []byte
	for len(b) > 0 {
		n, rest, err := gobUint(b)
		if err != nil || n > uint64(len(rest)) {
			return nil, errGob
		}
		msg, after := rest[:n], rest[n:]
		id, body, err := gobInt(msg)
		if err != nil {
			return nil, errGob
		}
		var nm []byte
		if id < 0 {
			// A type's definition: -id, then its wireType.
			nm = appendGobInt(nil, -r.id(-id))
			nm, body, err = r.copyStruct(nm, body, gobWireType, 0)
			if err != nil || len(body) != 0 {
				return nil, errGob
			}
		} else {
			// A value: its type's id, then the value, which for the
			// structs of goValue names no type.
			nm = append(appendGobInt(nil, r.id(id)), body...)
		}
		out = append(appendGobUint(out, uint64(len(nm))), nm...)
		b = after
	}
	return out, nil
}

// id is the fresh id of the type id, which it is when it is one of gob's own.
func (r *gobRewriter) id(id int64) int64 {
	if id < firstUserID {
		return id
	}
	f, ok := r.fresh[id]
	if !ok {
		f = r.next
		r.fresh[id] = f
		r.next++
	}
	return f
}

// copyStruct appends the struct at the start of b, of the fields fs, to
// out with its type ids rewritten, and returns what follows it in b.
// depth bounds the nesting of a hostile stream.
func (r *gobRewriter) copyStruct(out, b []byte, fs []gobField, depth int) ([]byte, []byte, error) {
	if depth > 8 {
		return nil, nil, errGob
	}
	field := 0
	for {
		delta, rest, err := gobUint(b)
		if err != nil {
			return nil, nil, err
		}
		out, b = appendGobUint(out, delta), rest
		if delta == 0 {
			return out, b, nil
		}
		if delta > uint64(len(fs)) || field+int(delta) > len(fs) {
			return nil, nil, errGob
		}
		field += int(delta)
		if out, b, err = r.copyField(out, b, fs[field-1], depth); err != nil {
			return nil, nil, err
		}
	}
}

// copyField appends the value of f at the start of b to out.
func (r *gobRewriter) copyField(out, b []byte, f gobField, depth int) ([]byte, []byte, error) {
	switch f.kind {
	case kindString:
		n, rest, err := gobUint(b)
		if err != nil || n > uint64(len(rest)) {
			return nil, nil, errGob
		}
		return append(appendGobUint(out, n), rest[:n]...), rest[n:], nil
	case kindID, kindInt:
		v, rest, err := gobInt(b)
		if err != nil {
			return nil, nil, err
		}
		if f.kind == kindID {
			v = r.id(v)
		}
		return appendGobInt(out, v), rest, nil
	case kindStruct:
		return r.copyStruct(out, b, f.sub, depth+1)
	case kindSlice:
		n, rest, err := gobUint(b)
		if err != nil || n > uint64(len(rest)) {
			return nil, nil, errGob // each element takes a byte at least
		}
		out, b = appendGobUint(out, n), rest
		for range n {
			if out, b, err = r.copyStruct(out, b, f.sub, depth+1); err != nil {
				return nil, nil, err
			}
		}
		return out, b, nil
	}
	return nil, nil, errGob
}

// gobUint reads an unsigned integer as gob writes it: below 128 in a
// byte, else a byte holding minus its length, then its bytes, high first.
func gobUint(b []byte) (uint64, []byte, error) {
	if len(b) == 0 {
		return 0, nil, errGob
	}
	if b[0] < 0x80 {
		return uint64(b[0]), b[1:], nil
	}
	n := -int(int8(b[0]))
	if n > 8 || n > len(b)-1 {
		return 0, nil, errGob
	}
	var x uint64
	for _, c := range b[1 : 1+n] {
		x = x<<8 | uint64(c)
	}
	return x, b[1+n:], nil
}

// appendGobUint appends x as gob writes an unsigned integer.
func appendGobUint(b []byte, x uint64) []byte {
	if x < 0x80 {
		return append(b, byte(x))
	}
	var buf [8]byte
	n := 0
	for v := x; v > 0; v >>= 8 {
		n++
	}
	for i := range n {
		buf[i] = byte(x >> (8 * (n - 1 - i)))
	}
	return append(append(b, byte(-n)), buf[:n]...)
}

// gobInt reads a signed integer as gob writes it: an unsigned one whose
// low bit says the sign, complemented when set.
func gobInt(b []byte) (int64, []byte, error) {
	u, rest, err := gobUint(b)
	if err != nil {
		return 0, nil, err
	}
	if u&1 != 0 {
		return ^int64(u >> 1), rest, nil
	}
	return int64(u >> 1), rest, nil
}

// appendGobInt appends i as gob writes a signed integer.
func appendGobInt(b []byte, i int64) []byte {
	if i < 0 {
		return appendGobUint(b, uint64(^i)<<1|1)
	}
	return appendGobUint(b, uint64(i)<<1)
}
