package typeinfer

import (
	"fmt"
	"strings"
	"testing"
)

// There is no library peer for this walk: the benchmarks report its cost
// on two shapes, per call and per node.

// deepCall is a call whose first parameter is nested depth tuples deep
// with T1 at the bottom; the second parameter checks T1 again; the return
// type is as deep as the first parameter.
func deepCall(b *testing.B, depth int) (Func, []Type) {
	nest := func(s string) string { return strings.Repeat("[", depth) + s + strings.Repeat("]", depth) }
	fn, err := ParseFunc("[" + nest("T1") + ", T1] -> " + nest("T1"))
	if err != nil {
		b.Fatal(err)
	}
	args, err := ParseList("[" + nest("[int, str]") + ", [int, str]]")
	if err != nil {
		b.Fatal(err)
	}
	return fn, args
}

// wideCall is a call of one parameter, a tuple of width elements cycling
// through 100 generics and a primitive, returning the same tuple.
func wideCall(b *testing.B, width int) (Func, []Type) {
	var f, a []string
	for i := range width {
		if i%3 == 2 {
			f, a = append(f, "int"), append(a, "int")
			continue
		}
		f = append(f, fmt.Sprintf("T%d", i%100+1))
		a = append(a, fmt.Sprintf("[p%d, str]", i%100))
	}
	tuple := "[" + strings.Join(f, ", ") + "]"
	fn, err := ParseFunc("[" + tuple + "] -> " + tuple)
	if err != nil {
		b.Fatal(err)
	}
	args, err := ParseList("[[" + strings.Join(a, ", ") + "]]")
	if err != nil {
		b.Fatal(err)
	}
	return fn, args
}

func benchInfer(b *testing.B, fn Func, args []Type) {
	nodes := fn.Return.Size()
	for _, p := range fn.Params {
		nodes += p.Size()
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := InferReturn(fn, args); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nodes), "ns/node")
}

// BenchmarkInferReturnDeep: 2×10,000 tuples deep.
func BenchmarkInferReturnDeep(b *testing.B) {
	fn, args := deepCall(b, 10_000)
	benchInfer(b, fn, args)
}

// BenchmarkInferReturnWide: a tuple of 10,000 elements, 100 generics.
func BenchmarkInferReturnWide(b *testing.B) {
	fn, args := wideCall(b, 10_000)
	benchInfer(b, fn, args)
}

// BenchmarkInferReturnSmall: the lesson's example.
func BenchmarkInferReturnSmall(b *testing.B) {
	fn, _ := ParseFunc("[T1, [T1, int]] -> [T1, str]")
	args, _ := ParseList("[float, [float, int]]")
	benchInfer(b, fn, args)
}

// BenchmarkParseDeep parses a type 10,000 tuples deep.
func BenchmarkParseDeep(b *testing.B) {
	s := strings.Repeat("[", 10_000) + "T1" + strings.Repeat("]", 10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}
