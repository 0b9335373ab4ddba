package typeinfer_test

import (
	"errors"
	"fmt"

	"tutor/solutions/typeinfer"
)

func ExampleInferReturn() {
	fn, _ := typeinfer.ParseFunc("[T1, [T1, int]] -> [T1, str]")
	args, _ := typeinfer.ParseList("[float, [float, int]]")
	ret, err := typeinfer.InferReturn(fn, args)
	fmt.Println(ret, err)
	// Output: [float, str] <nil>
}

func ExampleInferReturn_conflict() {
	fn, _ := typeinfer.ParseFunc("[T1, [T1, int]] -> [T1, str]")
	args, _ := typeinfer.ParseList("[float, [str, int]]")
	_, err := typeinfer.InferReturn(fn, args)
	var ie *typeinfer.InferError
	if errors.As(err, &ie) {
		fmt.Println(ie.Kind, "at", ie.Where())
	}
	fmt.Println(err)
	// Output:
	// type conflict at param 2 → [0]
	// type conflict: param 2 → [0]: T1 is float (bound at param 1), here str
}

func ExampleParse() {
	t, _ := typeinfer.Parse("[ int,[T1 , Text] ]")
	fmt.Println(t, t.Elem(1).Elem(0).Kind(), t.Elem(1).Elem(1).Kind())
	_, err := typeinfer.Parse("[int, }")
	fmt.Println(err)
	// Output:
	// [int, [T1, Text]] generic primitive
	// offset 6: unexpected "}" (want a type)
}

func ExampleInferer() {
	fn, _ := typeinfer.ParseFunc("[T1] -> [T1, T1]")
	in := typeinfer.Inferer{Observe: func(e typeinfer.Event) {
		fmt.Printf("%-10s %s\n", e.Step, e.Explain)
	}}
	in.InferReturn(fn, []typeinfer.Type{typeinfer.Leaf("int")})
	// Output:
	// begin      Call [T1] -> [T1, T1] with 1 argument for its 1 parameter: walk them in pairs.
	// param      Walk parameter 1, T1, against its argument, int.
	// visit      At param 1, compare the formal T1 with the actual int.
	// bind       T1 is not bound yet: bind T1 to int.
	// substitute At return, rebuild a tuple of 2; its elements follow.
	// substitute At return → [0], replace T1 with its binding, int.
	// substitute At return → [1], replace T1 with its binding, int.
	// return     The call returns [int, int].
}
