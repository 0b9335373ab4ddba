package typeinfer

import (
	"errors"
	"testing"

	"pgregory.net/rapid"
)

// genType draws a type of at most depth levels whose leaves are drawn
// from leaves.
func genType(t *rapid.T, leaves []string, depth int, label string) Type {
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, label+"-tuple?") > 0 {
		return Leaf(rapid.SampledFrom(leaves).Draw(t, label+"-leaf"))
	}
	n := rapid.IntRange(0, 3).Draw(t, label+"-len")
	elems := make([]Type, n)
	for i := range elems {
		elems[i] = genType(t, leaves, depth-1, label)
	}
	return TupleOf(elems...)
}

// prims are the primitives drawn, with names that look generic but are not.
var prims = []string{"int", "float", "str", "char", "Text", "T", "T1x"}

// apply is the oracle: the type t with every generic named in s replaced,
// written here by plain recursion, independently of the package's walk.
func apply(s map[string]Type, t Type) Type {
	switch t.Kind() {
	case Generic:
		if r, ok := s[t.Name()]; ok {
			return r
		}
		return t
	case Tuple:
		elems := make([]Type, t.Len())
		for i := range elems {
			elems[i] = apply(s, t.Elem(i))
		}
		return TupleOf(elems...)
	}
	return t
}

// TestPropertySubstitution: for a random function and a random
// substitution of its generics, inferring on the substituted parameters
// returns the substituted return type, or, when the return type has a
// generic no parameter holds, an unbound generic error naming it.
func TestPropertySubstitution(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gens := []string{"T1", "T2", "T3", "T4"}
		leaves := append(append([]string{}, prims...), gens...)
		n := rapid.IntRange(0, 4).Draw(t, "params")
		fn := Func{Params: make([]Type, n)}
		for i := range fn.Params {
			fn.Params[i] = genType(t, leaves, 4, "param")
		}
		fn.Return = genType(t, leaves, 3, "return")
		// The substitution's types may hold generics too: the caller's.
		s := map[string]Type{}
		for _, g := range gens {
			s[g] = genType(t, leaves, 3, "subst-"+g)
		}
		args := make([]Type, n)
		for i, p := range fn.Params {
			args[i] = apply(s, p)
		}
		got, err := InferReturn(fn, args)

		inParams := map[string]bool{}
		for _, p := range fn.Params {
			for _, g := range p.Generics() {
				inParams[g] = true
			}
		}
		var unbound string
		for _, g := range fn.Return.Generics() {
			if !inParams[g] {
				unbound = g
				break
			}
		}
		if unbound != "" {
			var ie *InferError
			if !errors.As(err, &ie) || ie.Kind != UnboundGeneric || ie.Formal.Name() != unbound {
				t.Fatalf("%s with %v: %v, want %s unbound", fn, args, err, unbound)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s with %v: %v", fn, args, err)
		}
		if want := apply(s, fn.Return); !Equal(got, want) {
			t.Fatalf("%s with %v returns %s, want %s", fn, args, got, want)
		}
	})
}

// TestPropertyPrintParse: the printed form of a random type, and of a
// signature made of it, parses back to the same tree.
func TestPropertyPrintParse(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leaves := append(append([]string{}, prims...), "T1", "T2", "T10")
		ty := genType(t, leaves, 5, "t")
		back, err := Parse(ty.String())
		if err != nil || !Equal(back, ty) {
			t.Fatalf("Parse(%q) = %v, %v", ty, back, err)
		}
		fn := Func{Params: []Type{ty, ty}, Return: ty}
		f2, err := ParseFunc(fn.String())
		if err != nil || len(f2.Params) != 2 || !Equal(f2.Params[1], ty) || !Equal(f2.Return, ty) {
			t.Fatalf("ParseFunc(%q) = %v, %v", fn, f2, err)
		}
	})
}

// TestPropertyNotAnInstance: when the arguments are an instance of the
// parameters but for one place (a formal primitive changed to zz, which
// no argument holds), the call is refused with a type mismatch there.
func TestPropertyNotAnInstance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leaves := append(append([]string{}, prims...), "T1", "T2")
		fn := Func{Params: []Type{genType(t, leaves, 3, "p1"), genType(t, leaves, 3, "p2")}, Return: Leaf("int")}
		s := map[string]Type{"T1": genType(t, prims, 2, "s1"), "T2": genType(t, prims, 2, "s2")}
		args := []Type{apply(s, fn.Params[0]), apply(s, fn.Params[1])}
		// Change one primitive leaf of the formal side's own primitives:
		// the formal names it, so the argument no longer matches there.
		var spots []string
		for p, ty := range fn.Params {
			for idx, n := range ty.All() {
				if n.Kind() == Primitive {
					spots = append(spots, Path{Param: p + 1, Index: idx}.String())
				}
			}
		}
		if len(spots) == 0 {
			return
		}
		k := rapid.IntRange(0, len(spots)-1).Draw(t, "spot")
		seen := 0
		for p := range fn.Params {
			fn.Params[p] = replacePrims(fn.Params[p], &seen, k)
		}
		_, err := InferReturn(fn, args)
		var ie *InferError
		if !errors.As(err, &ie) || ie.Kind != TypeMismatch || ie.Formal.Name() != "zz" || ie.Where() != spots[k] {
			t.Fatalf("%s with %v: %v, want a type mismatch at %s", fn, args, err, spots[k])
		}
	})
}

// replacePrims replaces the k-th primitive leaf of t (counting with seen,
// in pre-order across calls) with zz.
func replacePrims(t Type, seen *int, k int) Type {
	switch t.Kind() {
	case Primitive:
		*seen++
		if *seen-1 == k {
			return Leaf("zz")
		}
		return t
	case Tuple:
		elems := make([]Type, t.Len())
		for i := range elems {
			elems[i] = replacePrims(t.Elem(i), seen, k)
		}
		return TupleOf(elems...)
	}
	return t
}
