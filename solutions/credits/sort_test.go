package credits

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestRadixSort checks radixSort against a stable comparison sort.
func TestRadixSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		keys := rapid.SliceOf(rapid.OneOf(rapid.Int64Range(-3, 3), rapid.Int64())).Draw(t, "keys")
		type kv struct {
			k int64
			i int
		}
		s := make([]kv, len(keys))
		for i, k := range keys {
			s[i] = kv{k, i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, func(a, b kv) int {
			switch {
			case a.k < b.k:
				return -1
			case a.k > b.k:
				return 1
			}
			return 0
		})
		radixSort(s, func(x *kv) uint64 { return timeKey(x.k) }, nil)
		if !slices.Equal(s, want) {
			t.Fatalf("radixSort gave %v, want %v", s, want)
		}
	})
}
