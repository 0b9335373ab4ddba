package wireviz

import (
	"tutor/internal/visual"
	"tutor/solutions/wire"
)

// frame is one recorded step with what its picture needs, all copied
// from the observer's events: plain data, drawn and traced without
// computing anything the solution knows.
type frame struct {
	step    wire.Step
	explain string
	node    int    // the outline line of the step, -1 for the whole message
	path    string // the field's path, "" for the whole message
	lo, hi  int    // the bytes this step wrote
	written int    // bytes written after the step
	role    wire.Role
	// varint is set for a tag, length or value byte: the byte as seven
	// bits and a continuation bit, and the frames of the earlier bytes of
	// the same varint (groups[k] is the frame of group k).
	varint bool
	vb     wire.VarintByte
	groups []int
	value  uint64 // the number the varint or fixed value writes
	msg    int    // the index in the schema of the field's message, or -1
	number int32  // the field's number
	wt     wire.WireType
	fixed  bool // a fixed32, fixed64 or double
}

// recording is a recorded run: the outline, every byte with its role
// and field, the frames, the size table and the solution's own output.
// It implements visual.Recording.
type recording struct {
	schema  *wire.Schema
	message string // the root message's type name
	outline []wire.Node
	bytes   []byte      // every byte the events wrote
	roles   []wire.Role // the role of each byte
	nodes   []int       // the outline line of each byte
	frames  []frame
	sizes   []wire.FormatSize
	final   []byte // wire.Marshal of the message, without an observer
}

// record runs the solution's encoder on in with its observer attached, a
// frame per event; the sizes come from wire.Sizes, Final from
// wire.Marshal.
func record(in input) (*recording, error) {
	s, m, err := in.message()
	if err != nil {
		return nil, err
	}
	final, err := wire.Marshal(m)
	if err != nil {
		return nil, oneLine(err)
	}
	sizes, err := wire.Sizes(m)
	if err != nil {
		return nil, oneLine(err)
	}
	r := &recording{schema: s, message: m.Type.Name, sizes: sizes, final: final}
	e := wire.Encoder{Observe: r.observe}
	if _, err := e.Append(nil, m); err != nil {
		return nil, oneLine(err)
	}
	if len(r.frames) == 0 {
		r.frames = append(r.frames, frame{step: wire.StepEncodeBegin, explain: "nothing was encoded", node: -1, msg: -1})
	}
	return r, nil
}

// observe is the solution's observer: it appends the frame of e.
func (r *recording) observe(e wire.Event) {
	f := frame{
		step: e.Step, explain: e.Explain, node: e.Node, path: e.Path,
		lo: e.Offset, hi: e.Offset, written: e.End, role: e.Role,
		value: e.Value, wt: e.WireType, msg: -1,
	}
	if e.Field != nil {
		f.number = e.Field.Number
		for k, mt := range r.schema.Messages {
			if mt.Field(e.Field.Number) == e.Field {
				f.msg = k
			}
		}
	}
	switch e.Step {
	case wire.StepEncodeBegin:
		r.outline = e.Outline
	case wire.StepEncodeEnd:
		f.hi = f.lo
	default:
		f.hi = e.Offset + len(e.Bytes)
		r.bytes = append(r.bytes, e.Bytes...)
		for range e.Bytes {
			r.roles = append(r.roles, e.Role)
			r.nodes = append(r.nodes, e.Node)
		}
	}
	switch e.Step {
	case wire.StepTagByte, wire.StepLengthByte, wire.StepVarintByte:
		f.varint, f.vb = true, e.Byte
		if e.Byte.Group > 0 {
			prev := r.frames[len(r.frames)-1]
			f.groups = append(append([]int(nil), prev.groups...), len(r.frames))
		} else {
			f.groups = []int{len(r.frames)}
		}
	case wire.StepFixed:
		f.fixed = true
	}
	r.frames = append(r.frames, f)
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and explanation.
func (r *recording) Frame(i int) visual.Frame {
	f := r.frames[i]
	return visual.Frame{Step: string(f.step), Explain: f.explain}
}

// Final is the solution's output as `tutor trace` ends with it.
func (r *recording) Final() string { return finalLine(r.final) }

// finalLine is "bytes" and b in hex.
func finalLine(b []byte) string {
	if len(b) == 0 {
		return "bytes (none: every field is at its default, 0 bytes)"
	}
	return "bytes " + wire.Hex(b)
}
