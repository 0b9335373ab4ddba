package typeinfer

import (
	"errors"
	"strings"
	"testing"
)

// call parses a signature and an argument list, or fails the test.
func call(t *testing.T, fn, args string) (Func, []Type) {
	t.Helper()
	f, err := ParseFunc(fn)
	if err != nil {
		t.Fatalf("ParseFunc(%q): %v", fn, err)
	}
	a, err := ParseList(args)
	if err != nil {
		t.Fatalf("ParseList(%q): %v", args, err)
	}
	return f, a
}

// TestRules has a case for each rule of the walk, and for each mistake a
// learner's version makes: want is the return type printed, or the
// error's "kind: where".
func TestRules(t *testing.T) {
	for _, tt := range []struct {
		name, fn, args, want string
	}{
		// bind: a generic met first is bound to whatever it meets.
		{"bind a primitive", "[T1] -> T1", "[int]", "int"},
		{"bind a tuple", "[T1] -> [T1, T1]", "[[int, str]]", "[[int, str], [int, str]]"},
		{"bind the empty tuple", "[T1] -> T1", "[[]]", "[]"},
		{"bind two generics", "[T1, T2] -> [T2, T1]", "[int, str]", "[str, int]"},
		// check: later occurrences must equal the binding, as trees.
		{"check agrees", "[T1, T1] -> T1", "[int, int]", "int"},
		{"check a tuple binding", "[T1, [T1]] -> T1", "[[int, str], [[int,str]]]", "[int, str]"},
		{"conflict", "[T1, [T1, int]] -> [T1, str]", "[float, [str, int]]", "type conflict: param 2 → [0]"},
		{"conflict between tuples", "[T1, T1] -> T1", "[[int], [[int]]]", "type conflict: param 2"},
		{"conflict with a longer tuple", "[T1, T1] -> T1", "[[int], [int, int]]", "type conflict: param 2"},
		{"conflict inside one parameter", "[[T1, [str, T1]]] -> T1", "[[int, [str, char]]]", "type conflict: param 1 → [1] → [1]"},
		// mismatch: a primitive meets another primitive.
		{"same primitive", "[int] -> str", "[int]", "str"},
		{"mismatch", "[int, str] -> int", "[int, char]", "type mismatch: param 2"},
		{"mismatch deep", "[[int, [str, float]]] -> int", "[[int, [str, int]]]", "type mismatch: param 1 → [1] → [1]"},
		// structure: shapes must agree.
		{"tuple meets primitive", "[[int]] -> int", "[int]", "structure mismatch: param 1"},
		{"primitive meets tuple", "[int] -> int", "[[int]]", "structure mismatch: param 1"},
		{"tuples of different lengths", "[[T1, int]] -> T1", "[[str, int, int]]", "structure mismatch: param 1"},
		{"empty tuple meets a tuple of one", "[[]] -> int", "[[int]]", "structure mismatch: param 1"},
		// substitute: bindings go into the return type, node by node.
		{"substitute deep", "[T1, T2] -> [[T2, [T1]], int]", "[char, [str]]", "[[[str], [char]], int]"},
		{"return with no generics", "[T1] -> [int, [str]]", "[float]", "[int, [str]]"},
		{"no parameters", "[] -> int", "[]", "int"},
		// mistake: a wrong number of arguments (zip stops silently).
		{"too many arguments", "[T1] -> T1", "[int, str]", "argument count: call"},
		{"too few arguments", "[T1, T2] -> T2", "[int]", "argument count: call"},
		{"arguments to a function of none", "[] -> int", "[int]", "argument count: call"},
		// mistake: a name starting with T is not a generic unless the
		// grammar says so.
		{"Text is a primitive", "[Text] -> Text", "[int]", "type mismatch: param 1"},
		{"Text meets Text", "[Text, T1] -> [T1, Text]", "[Text, int]", "[int, Text]"},
		{"T alone is a primitive", "[T] -> T", "[int]", "type mismatch: param 1"},
		{"T1x is a primitive", "[T1x] -> int", "[T1x]", "int"},
		// mistake: a generic left unbound in the return type is an error.
		{"unbound generic", "[T1] -> [T1, T2]", "[int]", "unbound generic: return → [1]"},
		{"unbound, no parameters", "[] -> T1", "[]", "unbound generic: return"},
		// The caller's generics are types of their own.
		{"bind a caller's generic", "[T1] -> [T1]", "[T2]", "[T2]"},
		{"caller's generics differ", "[T1, T1] -> T1", "[T1, T2]", "type conflict: param 2"},
		{"a caller's generic is no primitive", "[int] -> int", "[T1]", "type mismatch: param 1"},
		// The first error in walk order wins.
		{"first error wins", "[int, [T1, T1]] -> T1", "[str, [int, str]]", "type mismatch: param 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fn, args := call(t, tt.fn, tt.args)
			got, err := InferReturn(fn, args)
			var ie *InferError
			switch {
			case errors.As(err, &ie):
				if s := ie.Kind.String() + ": " + ie.Where(); s != tt.want {
					t.Errorf("%s with %s: %v, want %s", tt.fn, tt.args, err, tt.want)
				}
				if !strings.HasPrefix(err.Error(), tt.want+": ") {
					t.Errorf("Error() = %q, want it to start with %q", err, tt.want+": ")
				}
			case err != nil:
				t.Fatalf("not an *InferError: %v", err)
			case got.String() != tt.want:
				t.Errorf("%s with %s returns %s, want %s", tt.fn, tt.args, got, tt.want)
			}
		})
	}
}

// TestErrorDetails checks what an error says of each side.
func TestErrorDetails(t *testing.T) {
	for _, tt := range []struct{ fn, args, want string }{
		{"[T1, [T1, int]] -> [T1, str]", "[float, [str, int]]", "type conflict: param 2 → [0]: T1 is float (bound at param 1), here str"},
		{"[int] -> int", "[str]", "type mismatch: param 1: want int, got str"},
		{"[[T1, int]] -> T1", "[[str, int, int]]", "structure mismatch: param 1: want a tuple of 2, got a tuple of 3"},
		{"[int] -> int", "[[int]]", "structure mismatch: param 1: want the primitive int, got a tuple of 1"},
		{"[[int]] -> int", "[T1]", "structure mismatch: param 1: want a tuple of 1, got the generic T1"},
		{"[T1] -> T1", "[int, str]", "argument count: call: 1 parameter, 2 arguments"},
		{"[T1] -> [T1, T2]", "[int]", "unbound generic: return → [1]: no parameter binds T2"},
	} {
		fn, args := call(t, tt.fn, tt.args)
		_, err := InferReturn(fn, args)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s with %s: %v, want %s", tt.fn, tt.args, err, tt.want)
		}
	}
	fn, args := call(t, "[T1, [T1, int]] -> T1", "[float, [str, int]]")
	_, err := InferReturn(fn, args)
	var ie *InferError
	if !errors.As(err, &ie) || ie.Bound.String() != "float" || ie.Actual.String() != "str" || ie.BoundAt.String() != "param 1" || ie.Formal.String() != "T1" {
		t.Errorf("conflict error fields: %+v", ie)
	}
}

// TestEvents checks the observer sees every step in order, with the
// bindings as they grow and the conflicting one pointed at.
func TestEvents(t *testing.T) {
	fn, args := call(t, "[T1, [T1, int]] -> [T1, str]", "[float, [float, int]]")
	var steps []string
	var last Event
	in := Inferer{Observe: func(e Event) {
		steps = append(steps, string(e.Step)+"@"+e.At.String())
		last = e
	}}
	got, err := in.InferReturn(fn, args)
	if err != nil || got.String() != "[float, str]" {
		t.Fatalf("InferReturn = %v, %v", got, err)
	}
	want := "begin@return param@param 1 visit@param 1 bind@param 1 " +
		"param@param 2 visit@param 2 descend@param 2 visit@param 2 → [0] check@param 2 → [0] " +
		"visit@param 2 → [1] same@param 2 → [1] " +
		"substitute@return substitute@return → [0] substitute@return → [1] return@return"
	if s := strings.Join(steps, " "); s != want {
		t.Errorf("steps:\n got %s\nwant %s", s, want)
	}
	if !Equal(last.Result, got) || len(last.Bindings) != 1 || last.Bindings[0].Generic != "T1" {
		t.Errorf("return event: %+v", last)
	}

	// A generic bound to a tuple is replaced by that tuple, whole.
	fn2, args2 := call(t, "[T1] -> [T1, [T1]]", "[[int, str]]")
	var subs []string
	in.Observe = func(e Event) {
		if e.Step == StepSubstitute {
			subs = append(subs, e.At.String()+" "+e.Formal.String()+" => "+e.Actual.String())
		}
	}
	if _, err := in.InferReturn(fn2, args2); err != nil {
		t.Fatal(err)
	}
	if s, want := strings.Join(subs, "; "), "return [T1, [T1]] => []; return → [0] T1 => [int, str]; "+
		"return → [1] [T1] => []; return → [1] → [0] T1 => [int, str]"; s != want {
		t.Errorf("substitute events:\n got %s\nwant %s", s, want)
	}

	args[1] = TupleOf(Leaf("str"), Leaf("int"))
	var events []Event
	in.Observe = func(e Event) { events = append(events, e) }
	if _, err := in.InferReturn(fn, args); err == nil {
		t.Fatal("no conflict")
	}
	e := events[len(events)-1]
	if e.Step != StepConflict || e.Conflict != 0 || e.Err == nil || e.Err.Kind != TypeConflict || e.At.String() != "param 2 → [0]" {
		t.Errorf("conflict event: %+v", e)
	}
	for _, e := range events[:len(events)-1] {
		if e.Conflict != -1 || e.Err != nil {
			t.Errorf("%s: Conflict %d, Err %v", e.Step, e.Conflict, e.Err)
		}
	}
}

// TestDeepInfer infers through types nested 200,000 deep, with and
// without an observer-free conflict at the bottom.
func TestDeepInfer(t *testing.T) {
	const depth = 200_000
	nest := func(s string) string { return strings.Repeat("[", depth) + s + strings.Repeat("]", depth) }
	fn, err := ParseFunc("[" + nest("T1") + ", T1] -> " + nest("T1"))
	if err != nil {
		t.Fatal(err)
	}
	args, _ := ParseList("[" + nest("int") + ", int]")
	got, err := InferReturn(fn, args)
	if err != nil || got.String() != nest("int") {
		t.Fatalf("deep call: %v", err)
	}
	args, _ = ParseList("[" + nest("int") + ", str]")
	if _, err := InferReturn(fn, args); err == nil || !strings.HasPrefix(err.Error(), "type conflict: param 2: ") {
		t.Fatalf("deep conflict: %v", err)
	}
	args, _ = ParseList("[" + nest("[int]") + ", int]")
	_, err = InferReturn(fn, args)
	var ie *InferError
	if !errors.As(err, &ie) || ie.Kind != TypeConflict && ie.Kind != StructureMismatch {
		// T1 at the bottom binds [int]; then param 2's int conflicts.
		t.Fatalf("deep bind of a tuple: %v", err)
	}
	if ie.Kind != TypeConflict || len(ie.BoundAt.Index) != depth {
		t.Errorf("deep bind of a tuple: %v, bound at a path of %d", ie.Kind, len(ie.BoundAt.Index))
	}
}
