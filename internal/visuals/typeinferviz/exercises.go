package typeinferviz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/typeinfer"
)

// exercises are the generated quiz exercises, each graded by the solution.
var exercises = []visual.ExerciseKind{
	{ID: "typeinfer.returns", Title: "what does this call return?", New: newReturns},
	{ID: "typeinfer.error", Title: "which error, and where?", New: newError},
	{ID: "typeinfer.binding", Title: "what is the generic bound to?", New: newBinding},
}

// prims are the primitives exercises draw, lower case so that an answer
// in any case reads the same.
var prims = []string{"int", "str", "float", "char", "bool"}

// generics are the generics exercises' functions use.
var generics = []string{"T1", "T2", "T3"}

// genType draws a type of at most depth levels from leaves.
func genType(r *rand.Rand, leaves []string, depth int) typeinfer.Type {
	if depth == 0 || r.IntN(3) > 0 {
		return typeinfer.Leaf(leaves[r.IntN(len(leaves))])
	}
	elems := make([]typeinfer.Type, 1+r.IntN(3))
	for i := range elems {
		elems[i] = genType(r, leaves, depth-1)
	}
	return typeinfer.TupleOf(elems...)
}

// genCall draws a well-typed call: a function of one to three parameters
// over primitives and generics, whose return type uses at least one
// generic and only generics its parameters hold, and arguments that are its parameters with each
// generic replaced by a random type. The solution itself does the
// replacing: a call of [T1, T2, T3] -> P on the chosen types returns P
// with them put in.
func genCall(r *rand.Rand) (typeinfer.Func, []typeinfer.Type) {
	leaves := append(append([]string{}, prims...), generics...)
	var fn typeinfer.Func
	var held []string
	for len(held) == 0 {
		fn.Params = make([]typeinfer.Type, 1+r.IntN(3))
		seen := map[string]bool{}
		held = held[:0]
		for i := range fn.Params {
			fn.Params[i] = genType(r, leaves, 2)
			for _, g := range fn.Params[i].Generics() {
				if !seen[g] {
					seen[g] = true
					held = append(held, g)
				}
			}
		}
	}
	// A return type with a generic in it, so that the answer needs the walk.
	for len(fn.Return.Generics()) == 0 {
		fn.Return = genType(r, append(append([]string{}, prims[:2]...), held...), 2)
	}
	subst := make([]typeinfer.Type, len(generics))
	for i := range subst {
		subst[i] = genType(r, prims, 1+r.IntN(2))
	}
	put := typeinfer.Func{Params: []typeinfer.Type{typeinfer.Leaf("T1"), typeinfer.Leaf("T2"), typeinfer.Leaf("T3")}}
	args := make([]typeinfer.Type, len(fn.Params))
	for i, p := range fn.Params {
		put.Return = p
		args[i], _ = typeinfer.InferReturn(put, subst)
	}
	return fn, args
}

// callArgs is the visual's input for a call.
func callArgs(fn typeinfer.Func, args []typeinfer.Type) []string {
	return format(input{fn: fn, args: args})
}

// callText is the call as a question shows it.
func callText(fn typeinfer.Func, args []typeinfer.Type) string {
	return fmt.Sprintf("fn   %s\nargs %s", fn, typeinfer.TupleOf(args...))
}

// checkType accepts a type written in any case and spacing that the
// solution's parser reads as the same tree as want.
func checkType(want typeinfer.Type) func(string) bool {
	norm, err := typeinfer.Parse(strings.ToLower(want.String()))
	return func(s string) bool {
		got, perr := typeinfer.Parse(strings.ToLower(strings.TrimSpace(s)))
		return err == nil && perr == nil && typeinfer.Equal(got, norm)
	}
}

// newReturns asks what a well-typed call returns.
func newReturns(r *rand.Rand) visual.Exercise {
	fn, args := genCall(r)
	ret, err := typeinfer.InferReturn(fn, args)
	if err != nil {
		panic("typeinferviz: a generated call is ill-typed: " + err.Error())
	}
	return visual.Exercise{
		Question: callText(fn, args) + "\nWhat type does the call return? (e.g. [int, str])",
		Answer:   ret.String(),
		Check:    checkType(ret),
		Hint:     typeHint,
		Args:     callArgs(fn, args),
	}
}

// newBinding asks what one generic of a well-typed call is bound to; the
// solution answers as the return type of the same call returning it.
func newBinding(r *rand.Rand) visual.Exercise {
	fn, args := genCall(r)
	var held []string
	for _, p := range fn.Params {
		held = append(held, p.Generics()...)
	}
	g := held[r.IntN(len(held))]
	b, err := typeinfer.InferReturn(typeinfer.Func{Params: fn.Params, Return: typeinfer.Leaf(g)}, args)
	if err != nil {
		panic("typeinferviz: a generated call is ill-typed: " + err.Error())
	}
	return visual.Exercise{
		Question: callText(fn, args) + fmt.Sprintf("\nWhich type does the walk bind %s to?", g),
		Answer:   b.String(),
		Check:    checkType(b),
		Hint:     typeHint,
		Args:     callArgs(fn, args),
	}
}

// newError asks which error an ill-typed call ends with, and where: a
// well-typed call with one argument dropped or added, a generic no
// parameter holds put in the return type, or an argument redrawn until
// the solution refuses the call.
func newError(r *rand.Rand) visual.Exercise {
	fn, args := genCall(r)
	var err error
	switch r.IntN(6) {
	case 0:
		if len(args) > 1 && r.IntN(2) == 0 {
			args = args[:len(args)-1]
		} else {
			args = append(args, genType(r, prims, 1))
		}
	case 1:
		fn.Return = typeinfer.TupleOf(fn.Return, typeinfer.Leaf("T4"))
	default:
		for range 50 {
			k := r.IntN(len(args))
			old := args[k]
			args[k] = genType(r, prims, 2)
			if _, err = typeinfer.InferReturn(fn, args); err != nil {
				break
			}
			args[k] = old
		}
		if err == nil {
			args = append(args, typeinfer.Leaf("int"))
		}
	}
	_, err = typeinfer.InferReturn(fn, args)
	var ie *typeinfer.InferError
	if !errors.As(err, &ie) {
		panic(fmt.Sprintf("typeinferviz: a generated call is not refused: %v", err))
	}
	want := ie.Kind.String() + ": " + ie.Where()
	return visual.Exercise{
		Question: callText(fn, args) + "\nThe call is ill-typed. Which error, and where?\n(e.g. type conflict: param 2 → [0], or argument count: call)",
		Answer:   want,
		Check: func(s string) bool {
			return normError(s) != "" && normError(s) == normError(want)
		},
		Hint: errorHint,
		Args: callArgs(fn, args),
	}
}

// typeHint says what to change in an answer the solution's parser does
// not read as a type; "" for a type, right or wrong.
func typeHint(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if _, err := typeinfer.Parse(s); err == nil || s == "" {
		return ""
	}
	switch {
	case strings.Contains(s, "->") || strings.Contains(s, "→"):
		return "write the type alone, without the function's arrow: e.g. [int, str]"
	case strings.ContainsAny(s, "(){}<>"):
		return "write a tuple in square brackets, as the call does: [int, str]"
	case strings.Contains(s, ",") && !strings.Contains(s, "["):
		return "a tuple goes in square brackets: [int, str]"
	}
	return "write a type as the call does: a name such as int, or a tuple in square brackets such as [int, [str, float]]"
}

// errorKinds are the names of the errors a call can end with, as
// normError writes them.
var errorKinds = []string{"argumentcount", "typeconflict", "typemismatch", "structuremismatch", "unboundgeneric"}

// errorHint says what to change in an answer that does not name an
// error's kind and then where; "" for one that does, right or wrong.
func errorHint(s string) string {
	n := normError(s)
	if n == "" {
		return ""
	}
	for _, k := range errorKinds {
		if rest, ok := strings.CutPrefix(n, k); ok {
			if rest == "" {
				return "say where too, after the kind: e.g. type conflict: param 2 → [0], or argument count: call"
			}
			return ""
		}
	}
	return "start with the error's kind (argument count, type conflict, type mismatch, structure mismatch or unbound generic), then where: e.g. type conflict: param 2 → [0]"
}

// normError reads an error answer leniently: any case, -> for →, with or
// without spaces and the colons.
func normError(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("->", "", "→", "", ":", "", ">", "").Replace(s)
	return strings.Join(strings.Fields(s), "")
}
