package singleflight_test

import (
	"strconv"
	"testing"
)

// The cost of a call with nobody else in flight, and of many goroutines
// on a few keys, ours against golang.org/x/sync/singleflight in the same
// run: compare the ns/op of each pair.
func BenchmarkDo(b *testing.B) {
	fn := func() (any, error) { return 1, nil }
	for _, name := range []string{"ours", "x/sync"} {
		b.Run("alone/"+name, func(b *testing.B) {
			g := impls[name]()
			b.ReportAllocs()
			for b.Loop() {
				g.do("k", fn)
			}
		})
		b.Run("parallel-8-keys/"+name, func(b *testing.B) {
			g := impls[name]()
			keys := make([]string, 8)
			for i := range keys {
				keys[i] = "k" + strconv.Itoa(i)
			}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					g.do(keys[i%len(keys)], fn)
					i++
				}
			})
		})
	}
}
