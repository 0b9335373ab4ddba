package credits

import (
	"testing"

	"pgregory.net/rapid"
)

// TestSumTree checks the treap against a map summed by brute force, after
// a build from random points and random adds, and checks that it is a
// treap: keys in order, priorities a heap, sums those of the subtrees.
func TestSumTree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var tree sumTree
		want := map[int64]int64{}
		key := rapid.Int64Range(-20, 20)
		if rapid.Bool().Draw(t, "build first") {
			var pts []point
			for range rapid.IntRange(0, 30).Draw(t, "points") {
				p := point{key.Draw(t, "t"), rapid.Int64Range(-50, 50).Draw(t, "delta")}
				pts = append(pts, p)
				want[p.t] += p.delta
			}
			tree.build(pts)
		}
		for range rapid.IntRange(0, 30).Draw(t, "adds") {
			k, d := key.Draw(t, "key"), rapid.Int64Range(-50, 50).Draw(t, "d")
			tree.Add(k, d)
			want[k] += d
		}
		if tree.Len() != len(want) {
			t.Fatalf("%d keys, want %d", tree.Len(), len(want))
		}
		for b := int64(-22); b <= 22; b++ {
			var s int64
			for k, v := range want {
				if k <= b {
					s += v
				}
			}
			if got := tree.Prefix(b); got != s {
				t.Fatalf("Prefix(%d) = %d, want %d", b, got, s)
			}
		}
		if tree.Len() > 0 {
			checkTreap(t, &tree, tree.root, -1<<62, 1<<62)
		}
	})
}

// checkTreap checks the subtree n, whose keys must lie in [lo, hi], and
// returns its sum.
func checkTreap(t *rapid.T, tr *sumTree, n int32, lo, hi int64) int64 {
	if n == none {
		return 0
	}
	k := tr.key[n]
	if k < lo || k > hi {
		t.Fatalf("key %d outside [%d, %d]", k, lo, hi)
	}
	for _, c := range []int32{tr.left[n], tr.right[n]} {
		if c != none && tr.prio[c] > tr.prio[n] {
			t.Fatalf("child %d has a higher priority than its parent %d", tr.key[c], k)
		}
	}
	s := tr.val[n] + checkTreap(t, tr, tr.left[n], lo, k-1) + checkTreap(t, tr, tr.right[n], k+1, hi)
	if s != tr.sum[n] {
		t.Fatalf("sum at %d is %d, its subtree holds %d", k, tr.sum[n], s)
	}
	return s
}
