package wire

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"math"
	"reflect"

	"tutor/solutions/kvstore"
)

// FormatSize is the size of one message in one format, as that format's
// real encoder wrote it.
type FormatSize struct {
	// Format names the format and its encoder, e.g. "JSON".
	Format string
	// Bytes is the length of the encoder's output.
	Bytes int
	// How says what was encoded.
	How string
}

// Sizes encodes m with four real encoders and reports each output's
// length: encoding/json and encoding/gob of a Go struct with m's fields
// (built with reflect.StructOf, a field per message field, nested
// messages as nested structs), the kvstore format of a store holding each
// field's name and value text (solutions/kvstore, MarshalBinary), and the
// protobuf wire format (Marshal). gob's count includes the type
// description it sends before the first value of a stream, with the type
// ids a fresh process gives (encoding/gob numbers types process-wide, so
// the same message would otherwise grow a few bytes as a process encodes
// other types).
func Sizes(m *Message) ([]FormatSize, error) {
	pb, err := Marshal(m)
	if err != nil {
		return nil, err
	}
	v := goValue(m)
	js, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, fmt.Errorf("wire: json: %v", err)
	}
	var gb bytes.Buffer
	if err := gob.NewEncoder(&gb).Encode(v.Interface()); err != nil {
		return nil, fmt.Errorf("wire: gob: %v", err)
	}
	// gob's type ids grow through a process: count them as a fresh
	// process writes them (gobsize.go).
	fresh, err := freshGob(gb.Bytes())
	if err != nil {
		return nil, fmt.Errorf("wire: gob: %v", err)
	}
	var kv kvstore.Store
	for _, fv := range m.Fields {
		if err := kv.Put(fv.Field.Name, fv.ValuesText()); err != nil {
			return nil, fmt.Errorf("wire: kvstore: %v", err)
		}
	}
	kb, err := kv.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("wire: kvstore: %v", err)
	}
	return []FormatSize{
		{"JSON", len(js), "encoding/json of a struct"},
		{"gob", len(fresh), "encoding/gob, types included"},
		{"kvstore", len(kb), "name = value text pairs"},
		{"protobuf", len(pb), "this package, as protowire"},
	}, nil
}

// goValue is m as a Go struct value whose fields are m's fields, named
// after them (exported, so that json and gob see them).
func goValue(m *Message) reflect.Value {
	v := reflect.New(goType(m.Type, []*Message{m})).Elem()
	fill(v, m)
	return v
}

// goType is the struct type of the messages msgs, all of type mt: a
// field for each field any of them sets, in number order, a nested
// message typed by all the values it takes. A field's JSON name is its
// schema name, left out at its zero value as protobuf's JSON mapping
// leaves out a default.
func goType(mt *MessageType, msgs []*Message) reflect.Type {
	var fields []reflect.StructField
	for _, f := range mt.Fields {
		var set bool
		var children []*Message
		for _, m := range msgs {
			for _, fv := range m.Fields {
				if fv.Field == f {
					set = true
					for _, v := range fv.Values {
						children = append(children, v.Msg)
					}
				}
			}
		}
		if !set {
			continue
		}
		var t reflect.Type
		if f.Type == TypeMessage {
			t = goType(f.Message, children)
		} else {
			t = goScalar(f, Value{}).Type()
		}
		if f.Repeated {
			t = reflect.SliceOf(t)
		}
		fields = append(fields, reflect.StructField{Name: exported(f.Name), Type: t, Tag: reflect.StructTag(fmt.Sprintf(`json:"%s,omitempty"`, f.Name))})
	}
	return reflect.StructOf(fields)
}

// fill sets the fields of the struct v, of goType, to the values of m.
func fill(v reflect.Value, m *Message) {
	for _, fv := range m.Fields {
		dst := v.FieldByName(exported(fv.Field.Name))
		set := func(dst reflect.Value, val Value) {
			if fv.Field.Type == TypeMessage {
				fill(dst, val.Msg)
				return
			}
			dst.Set(goScalar(fv.Field, val))
		}
		if !fv.Field.Repeated {
			set(dst, fv.Values[0])
			continue
		}
		dst.Set(reflect.MakeSlice(dst.Type(), len(fv.Values), len(fv.Values)))
		for i, val := range fv.Values {
			set(dst.Index(i), val)
		}
	}
}

// goScalar is one value of f, not a message, as a Go value of the
// matching type. JSON has no infinity or NaN: a double that is one
// counts as 0.
func goScalar(f *Field, v Value) reflect.Value {
	switch f.Type {
	case TypeInt32, TypeSint32:
		return reflect.ValueOf(int32(v.Int))
	case TypeInt64, TypeSint64:
		return reflect.ValueOf(v.Int)
	case TypeUint32, TypeFixed32:
		return reflect.ValueOf(uint32(v.Uint))
	case TypeUint64, TypeFixed64:
		return reflect.ValueOf(v.Uint)
	case TypeBool:
		return reflect.ValueOf(v.Bool)
	case TypeDouble:
		d := v.Double
		if math.IsInf(d, 0) || math.IsNaN(d) {
			d = 0
		}
		return reflect.ValueOf(d)
	case TypeString:
		return reflect.ValueOf(v.Bytes)
	case TypeBytes:
		return reflect.ValueOf([]byte(v.Bytes))
	}
	return reflect.Value{}
}

// exported is name as the exported name of a Go struct field: X before
// it, so that fields a and A stay apart.
func exported(name string) string { return "X" + name }
