// Package typeinferviz is the visualization of solutions/typeinfer: the
// formal parameter types and the actual argument types of a call side by
// side, row by row, with the pair being matched marked in both; the
// bindings table growing beside them (the binding a conflict breaks in
// red, marked ✗); then the return type rewritten node by node, and the
// inferred type or the error the call ends with.
//
// Its input is the call: --fn, the signature, and --args, the actual
// types as a list in the same bracket syntax. An ill-typed call is an
// answer, not bad input: it records a run whose last frame and Final say
// "error: <kind>: <where>". Text that does not parse is bad input.
//
// Every frame is one event of the solution's observer (record.go), and
// Final is InferReturn's own result without an observer.
package typeinferviz

import (
	"flag"
	"fmt"
	"strconv"

	"tutor/internal/visual"
	"tutor/solutions/typeinfer"
)

// maxNodes caps the type nodes of a call the visual steps through: a
// frame is drawn a row a node, and each node takes two or three steps.
const maxNodes = 300

// usage is the input syntax on one line.
const usage = "--fn '[T1, [T1, int]] -> [T1, str]' --args '[float, [float, int]]' [--edit K]"

// New returns the type inference visualization, named "typeinfer".
func New() visual.Visual { return spec.Visual() }

// spec is the visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "typeinfer",
	Usage:   usage,
	Source:  "typeinfer/infer.go",
	Default: []string{"--fn", "[T1, [T1, int]] -> [T1, str]", "--args", "[float, [float, int]]"},
	// With the default (begin, param, visit, bind, descend, check, same,
	// substitute, return), the canned calls reach the error steps.
	Examples:  examples(),
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// input is a parsed call, and the argument the t knob edits (from 1; 0:
// none). parse(format(in)) is in.
type input struct {
	fn   typeinfer.Func
	args []typeinfer.Type
	edit int
}

// parse reads --fn, --args and --edit with a flag.FlagSet, so that the
// command line and the app's input box take the same words.
func parse(args []string) (input, error) {
	var in input
	var fnSet, argsSet bool
	fs := flag.NewFlagSet("typeinfer", flag.ContinueOnError)
	fs.Func("fn", "the signature, `[PARAMS] -> RETURN`", func(s string) error {
		fn, err := typeinfer.ParseFunc(s)
		in.fn, fnSet = fn, true
		return err
	})
	fs.Func("args", "the actual types, `[TYPE, ...]`", func(s string) error {
		a, err := typeinfer.ParseList(s)
		in.args, argsSet = a, true
		return err
	})
	fs.Func("edit", "the argument `K` the t knob changes", func(s string) error {
		k, err := strconv.Atoi(s)
		if err != nil || k < 0 {
			return fmt.Errorf("edit %q is not an argument number", s)
		}
		in.edit = k
		return nil
	})
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	switch {
	case !fnSet:
		return input{}, fmt.Errorf("no --fn: give the signature (usage: %s)", usage)
	case !argsSet:
		return input{}, fmt.Errorf("no --args: give the actual types as a list (usage: %s)", usage)
	case in.edit > len(in.args):
		return input{}, fmt.Errorf("--edit %d: the call has %d arguments", in.edit, len(in.args))
	}
	n := in.fn.Return.Size()
	for _, t := range in.fn.Params {
		n += t.Size()
	}
	for _, t := range in.args {
		n += t.Size()
	}
	if n > maxNodes {
		return input{}, fmt.Errorf("the call has %d type nodes; this step-by-step picture shows at most %d", n, maxNodes)
	}
	return in, nil
}

// format writes in back as words.
func format(in input) []string {
	a := []string{"--fn", in.fn.String(), "--args", typeinfer.TupleOf(in.args...).String()}
	if in.edit > 0 {
		a = append(a, "--edit", strconv.Itoa(in.edit))
	}
	return a
}

// calls are the canned calls the [ and ] knobs cycle through, one for
// each way a call ends, as signature and arguments.
var calls = [][2]string{
	{"[T1, [T1, int]] -> [T1, str]", "[float, [float, int]]"},
	{"[T1, [T1, int]] -> [T1, str]", "[float, [str, int]]"},
	{"[[T1, T2], T2] -> [T2, [T1]]", "[[int, [char, str]], [char, str]]"},
	{"[Text, T1] -> [T1, Text]", "[str, int]"},
	{"[[T1, int], T1] -> T1", "[[str, int, int], str]"},
	{"[T1, T2] -> [T2, T1]", "[int]"},
	{"[T1] -> [T1, T2]", "[int]"},
}

// examples are the canned calls as inputs.
func examples() [][]string {
	var out [][]string
	for _, c := range calls[1:] {
		out = append(out, []string{"--fn", c[0], "--args", c[1]})
	}
	return out
}
