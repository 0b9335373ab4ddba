// Package wireviz is the visualization of solutions/wire: a message of a
// small proto3 schema written in the protobuf wire format, byte by byte.
// The message's fields are a tree on one side and the bytes grow on the
// other, each coloured by its role (tag, length, payload) with a letter
// under it; the byte being written is shown as its seven payload bits and
// its continuation bit, with the groups so far put back together; a table
// gives the same message's size in JSON, gob, the kvstore format and
// protobuf, as the real encoders wrote it.
//
// Every frame is drawn from the events of the solution's observer
// (wire.Event); the size table comes from wire.Sizes, and Final from
// wire.Marshal without an observer.
package wireviz

import (
	"flag"
	"fmt"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/wire"
)

// usage is the input syntax, Visual.Usage.
const usage = "--schema 'message M { int32 a = 1; ... }' --msg 'a=150 ...'"

// The default input: the example, a varint of two bytes, a
// string and a packed list of zig-zagged numbers.
const (
	defaultSchema = "message M { int32 a = 1; string b = 2; repeated sint32 c = 3; }"
	defaultMsg    = `a=150 b="hi" c=[-1,2]`
)

// maxInput bounds the schema and the message text: a run is a frame a
// byte, and a learner's input is short.
const maxInput = 2000

// spec is the wire visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "wire",
	Usage:   usage,
	Source:  "wire/codec.go",
	Default: []string{"--schema", defaultSchema, "--msg", defaultMsg},
	Examples: [][]string{
		// Every other step: a default skipped, a negative int32, fixed
		// and double, bytes, nested and repeated messages, unpacked.
		{"--schema", "message P { int32 id = 1; optional int32 o = 2; fixed32 f = 3; double d = 4; bytes raw = 5; Q q = 6; repeated Q qs = 7; } message Q { int32 x = 1; repeated fixed64 y = 2 [packed = false]; }",
			"--msg", `id=-1 o=0 f=7 d=1.5 raw="\x00\xff" q={x=0} qs=[{x=300},{y=[1,2]}]`},
	},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the wire visualization.
func New() visual.Visual { return spec.Visual() }

// input is a parsed command line: the schema and the message, as texts
// the solution has read. Parse(Format(in)) gives in back.
type input struct {
	schema, msg string
}

// parse reads args in the syntax of usage; the solution reads the schema
// and the message, and its one-line error names the bad token.
func parse(args []string) (input, error) {
	fs := flag.NewFlagSet("wire", flag.ContinueOnError)
	schema := fs.String("schema", defaultSchema, "the `SCHEMA`, in .proto syntax")
	msg := fs.String("msg", "", "the message, as `FIELD=VALUE ...`")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	in := input{schema: *schema, msg: *msg}
	for name, s := range map[string]string{"--schema": in.schema, "--msg": in.msg} {
		if len(s) > maxInput {
			return input{}, fmt.Errorf("%s: %d bytes, more than the %d this view takes", name, len(s), maxInput)
		}
	}
	if _, _, err := in.message(); err != nil {
		return input{}, err
	}
	return in, nil
}

// format writes in back as a command line.
func format(in input) []string {
	return []string{"--schema", in.schema, "--msg", in.msg}
}

// message asks the solution to read the schema and the message.
func (in input) message() (*wire.Schema, *wire.Message, error) {
	s, err := wire.ParseSchema(in.schema)
	if err != nil {
		return nil, nil, oneLine(err)
	}
	m, err := wire.ParseMessage(s.Root(), in.msg)
	if err != nil {
		return nil, nil, oneLine(err)
	}
	return s, m, nil
}

// oneLine folds an error whose text quotes a newline of the input onto
// one line.
func oneLine(err error) error {
	if !strings.ContainsAny(err.Error(), "\n\r") {
		return err
	}
	return fmt.Errorf("%s", strings.Join(strings.Fields(err.Error()), " "))
}
