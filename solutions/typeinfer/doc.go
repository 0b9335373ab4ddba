// Package typeinfer infers the return type of a call to a generic function
// in a toy language whose types are trees.
//
// A leaf is a primitive (int, float, str, char, Text...) or a generic: the
// letter T followed by one or more digits (T1, T2, T10). The grammar, not a
// first letter, decides: Text and T are primitives. A node is a tuple of
// types, written [int, [T1, str]]. A function has parameter types and a
// return type, written [T1, [T1, int]] -> [T1, str].
//
// InferReturn walks each formal parameter type and the actual type of the
// call together, depth first and left to right. It binds a generic to the
// actual type the first time it meets it, checks every later occurrence
// against that binding, refuses a primitive that differs and a tuple of the
// wrong shape, and finally substitutes the bindings into the return type.
// This is the matching half of unification, the first step of
// Hindley-Milner inference: only the function's types hold variables, so
// no variable is ever bound to a type that mentions it.
//
// Every walk in this package (parsing, printing, comparing, inferring,
// substituting) uses an explicit stack, so a type nested a million deep
// costs memory in proportion, never the goroutine stack.
//
// The walk reports each step to an observer (Inferer.Observe) with
// complete events, for tutor's live lesson; with no observer it costs a
// nil check per step.
package typeinfer
