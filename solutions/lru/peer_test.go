package lru

import (
	"math/rand/v2"
	"slices"
	"testing"

	peer "github.com/hashicorp/golang-lru/v2"
)

// TestEvictionsMatchGolangLRU replays random sequences of Get, Put and
// Delete on LRU and on hashicorp/golang-lru/v2's Cache of the same size:
// the keys evicted, in order, the results of Get and the keys kept, most
// recent first, must be the same.
func TestEvictionsMatchGolangLRU(t *testing.T) {
	for seed := range uint64(50) {
		r := rand.New(rand.NewPCG(seed, 11))
		size := 1 + r.IntN(64)
		keys := size + 1 + r.IntN(3*size)
		var ours, theirs []int
		c, _ := NewLRU[int, int](size)
		c.OnEvict = func(k, _ int) { ours = append(ours, k) }
		removing := false
		p, err := peer.NewWithEvict[int, int](size, func(k, _ int) {
			if !removing {
				theirs = append(theirs, k)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5000 {
			k := r.IntN(keys)
			switch r.IntN(10) {
			case 0:
				c.Delete(k)
				// golang-lru calls its callback on Remove too; ours
				// does not, so the peer's report of it is not kept.
				removing = true
				p.Remove(k)
				removing = false
			case 1, 2, 3, 4:
				c.Put(k, i)
				p.Add(k, i)
			default:
				v, ok := c.Get(k)
				pv, pok := p.Get(k)
				if v != pv || ok != pok {
					t.Fatalf("seed %d op %d: Get(%d) = %d, %v; golang-lru %d, %v", seed, i, k, v, ok, pv, pok)
				}
			}
		}
		if !slices.Equal(ours, theirs) {
			t.Fatalf("seed %d: evicted %d keys, golang-lru %d; first difference at %d", seed, len(ours), len(theirs), firstDiff(ours, theirs))
		}
		// golang-lru's Keys are oldest first.
		want := p.Keys()
		slices.Reverse(want)
		if got := c.Keys(nil); !slices.Equal(got, want) {
			t.Fatalf("seed %d: keys %v, golang-lru %v", seed, got, want)
		}
	}
}

func firstDiff(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
