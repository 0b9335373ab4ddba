package typeinfer

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse reads any text as a type, a list and a signature. Each is
// refused with a *SyntaxError of one line whose offset is inside the
// text, or printed in a form that parses back to the same tree and prints
// the same again; a signature that parses is then inferred against its own
// parameters, which must give back its return type or an unbound generic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"[T1, [T1, int]] -> [T1, str]", "[float, [float, int]]", "int", "[]", "[[]]",
		"[Text, T, T1x, T01]", "[int,]", "[int str]", "[T1] -> [T1, T2]", "[名]", "[a\xff]",
		strings.Repeat("[", 300) + "T1" + strings.Repeat("]", 300), "[T1] - > T1", "->",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(what string, err error) bool {
			if err == nil {
				return true
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("%s(%q): not a *SyntaxError: %v", what, s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) || strings.Contains(err.Error(), "\n") && !strings.Contains(s, "\n") {
				t.Fatalf("%s(%q): %v", what, s, err)
			}
			if se.Text != "" && !strings.HasPrefix(s[se.Offset:], se.Text) {
				t.Fatalf("%s(%q): the bad text %q is not at offset %d", what, s, se.Text, se.Offset)
			}
			return false
		}
		if ty, err := Parse(s); check("Parse", err) {
			back, err := Parse(ty.String())
			if err != nil || !Equal(back, ty) || back.String() != ty.String() {
				t.Fatalf("Parse(%q) = %s; parsing it back gives %v, %v", s, ty, back, err)
			}
		}
		if list, err := ParseList(s); check("ParseList", err) {
			back, err := ParseList(TupleOf(list...).String())
			if err != nil || !Equal(TupleOf(back...), TupleOf(list...)) {
				t.Fatalf("ParseList(%q) round trip: %v, %v", s, back, err)
			}
		}
		if fn, err := ParseFunc(s); check("ParseFunc", err) {
			back, err := ParseFunc(fn.String())
			if err != nil || back.String() != fn.String() {
				t.Fatalf("ParseFunc(%q) = %s; back: %v, %v", s, fn, back, err)
			}
			got, err := InferReturn(fn, fn.Params)
			var ie *InferError
			switch {
			case err == nil:
				if !Equal(got, fn.Return) {
					t.Fatalf("%s on its own parameters returns %s", fn, got)
				}
			case !errors.As(err, &ie) || ie.Kind != UnboundGeneric:
				t.Fatalf("%s on its own parameters: %v", fn, err)
			}
		}
	})
}
