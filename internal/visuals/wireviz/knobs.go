package wireviz

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/wire"
)

// knobs change the declaration of the field on screen, and the run is
// recorded again on the new schema: z swaps int32 and sint32 (int64 and
// sint64), u packs or unpacks a repeated scalar, o makes a singular
// scalar optional or not.
var knobs = []visual.Knob[input, *recording]{
	{
		Key: key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "int32 <-> sint32 (zig-zag)")),
		Turn: turnField("z", func(f *wire.Field) error {
			switch f.Type {
			case wire.TypeInt32:
				f.Type = wire.TypeSint32
			case wire.TypeSint32:
				f.Type = wire.TypeInt32
			case wire.TypeInt64:
				f.Type = wire.TypeSint64
			case wire.TypeSint64:
				f.Type = wire.TypeInt64
			default:
				return fmt.Errorf("z: %s is %s; z swaps int32 and sint32, int64 and sint64", f.Name, f.Type)
			}
			return nil
		}),
	},
	{
		Key: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "packed <-> unpacked")),
		Turn: turnField("u", func(f *wire.Field) error {
			if !f.Repeated || f.WireType() == wire.WireLen {
				return fmt.Errorf("u: %s is not a repeated number, so it has no packing", f.Name)
			}
			f.Unpacked = !f.Unpacked
			return nil
		}),
	},
	{
		Key: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "optional on/off")),
		Turn: turnField("o", func(f *wire.Field) error {
			if f.Repeated || f.Type == wire.TypeMessage {
				return fmt.Errorf("o: %s is a repeated field or a message, which optional does not change", f.Name)
			}
			f.Optional = !f.Optional
			return nil
		}),
	},
}

// turnField is a knob that changes, with change, the declaration of the
// field of the frame on screen in a fresh copy of the schema, and writes
// the schema back with the solution's Schema.String.
func turnField(name string, change func(*wire.Field) error) func(input, *recording, int, string) (input, error) {
	return func(in input, rec *recording, frame int, _ string) (input, error) {
		f := rec.frames[frame]
		if f.msg < 0 {
			return in, fmt.Errorf("%s: step to a field first", name)
		}
		s, err := wire.ParseSchema(in.schema)
		if err != nil {
			return in, err
		}
		fld := s.Messages[f.msg].Field(f.number)
		if err := change(fld); err != nil {
			return in, err
		}
		in.schema = s.String()
		if _, _, err := in.message(); err != nil {
			return in, err
		}
		return in, nil
	}
}
