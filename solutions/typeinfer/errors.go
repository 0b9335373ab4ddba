package typeinfer

import "fmt"

// ErrorKind says why a call is ill-typed.
type ErrorKind uint8

// The kinds of InferError.
const (
	// ArgumentCount: the call gives more or fewer arguments than the
	// function has parameters.
	ArgumentCount ErrorKind = iota + 1
	// TypeConflict: a generic already bound to one type meets another.
	TypeConflict
	// TypeMismatch: a formal primitive meets a different primitive (or a
	// generic of the caller's, which is no primitive).
	TypeMismatch
	// StructureMismatch: a tuple meets a leaf, a primitive meets a tuple,
	// or tuples of different lengths meet.
	StructureMismatch
	// UnboundGeneric: the return type has a generic that no parameter
	// binds, so the call cannot say what it is.
	UnboundGeneric
)

var errorKindNames = [...]string{"", "argument count", "type conflict", "type mismatch", "structure mismatch", "unbound generic"}

// String returns the kind's name, e.g. "type conflict".
func (k ErrorKind) String() string {
	if k > 0 && int(k) < len(errorKindNames) {
		return errorKindNames[k]
	}
	return fmt.Sprintf("ErrorKind(%d)", k)
}

// InferError is an ill-typed call: its kind, where in both trees it
// happened (the formal and actual trees are walked together, so one path
// names the place in both), and the types that disagree there.
type InferError struct {
	Kind ErrorKind
	// At is where: the node of the formal parameter and of the actual
	// argument at the same path, or the node of the return type for
	// UnboundGeneric. For ArgumentCount it is the zero Path.
	At Path
	// Formal and Actual are the nodes at At (for ArgumentCount, the
	// parameter list and the argument list as tuples; for UnboundGeneric,
	// Formal is the generic and Actual the zero Type).
	Formal, Actual Type
	// Bound is, for TypeConflict, the type the generic is bound to, and
	// BoundAt where it was bound.
	Bound   Type
	BoundAt Path
}

// Where names the place of the error: "param 2 → [1] → [0]", "return →
// [1]", or "call" for ArgumentCount.
func (e *InferError) Where() string {
	if e.Kind == ArgumentCount {
		return "call"
	}
	return e.At.String()
}

// Error returns "<kind>: <where>: <detail>", e.g.
// "type conflict: param 2 → [0]: T1 is float (bound at param 1), here int".
func (e *InferError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Kind, e.Where(), e.Detail())
}

// Detail says in a few words what disagrees.
func (e *InferError) Detail() string {
	switch e.Kind {
	case ArgumentCount:
		return fmt.Sprintf("%s, %s", count(e.Formal.Len(), "parameter"), count(e.Actual.Len(), "argument"))
	case TypeConflict:
		return fmt.Sprintf("%s is %s (bound at %s), here %s", e.Formal, e.Bound, e.BoundAt, e.Actual)
	case TypeMismatch:
		return fmt.Sprintf("want %s, got %s", e.Formal, e.Actual)
	case StructureMismatch:
		return fmt.Sprintf("want %s, got %s", shape(e.Formal), shape(e.Actual))
	case UnboundGeneric:
		return fmt.Sprintf("no parameter binds %s", e.Formal)
	}
	return "?"
}

// shape names t's outer form: "a tuple of 2", "the primitive int".
func shape(t Type) string {
	switch t.kind {
	case Tuple:
		return fmt.Sprintf("a tuple of %d", len(t.elems))
	case Generic:
		return "the generic " + t.name
	}
	return "the primitive " + t.name
}
