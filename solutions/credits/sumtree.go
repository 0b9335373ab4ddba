package credits

// sumTree maps int64 keys to int64 values and answers the sum of the
// values at keys up to a bound: a treap (a binary search tree by key that
// is a heap by a random priority, so its expected depth is O(log n):
// Seidel and Aragon, "Randomized Search Trees", 1996; CLRS 3rd edition,
// problem 13-4) whose nodes each hold the sum of their subtree, an
// augmentation in the manner of CLRS chapter 14. Nodes live in parallel
// slices and refer to each other by index, so the tree is a few flat
// arrays rather than n small objects.
//
// The zero sumTree is empty. Add and Prefix cost O(log n) expected for n
// keys; a key is never removed (its value may fall back to zero), so n is
// the number of distinct keys ever added.
type sumTree struct {
	key         []int64
	val, sum    []int64
	prio        []uint32
	left, right []int32
	root        int32 // -1 when empty, once the first key is in
	seed        uint32
}

const none = int32(-1)

// Add adds delta to the value at key, inserting key if it is new.
func (t *sumTree) Add(key, delta int64) {
	if len(t.key) == 0 {
		t.root, t.seed = none, 0x9e3779b9
	}
	for n := t.root; n != none; {
		if t.key[n] == key {
			t.addPath(key, delta)
			return
		}
		n = t.child(n, key)
	}
	t.root = t.insert(t.root, t.node(key, delta))
}

// build replaces the tree's contents with the sum of the deltas of points
// at each time, in O(n) once they are sorted by time (a radix sort, O(n)
// for times that differ in few bytes): the nodes are made in key order and
// linked as a treap with a stack, as a Cartesian tree is built.
func (t *sumTree) build(points []point) {
	radixSort(points, func(p *point) uint64 { return timeKey(p.t) }, nil)
	n := len(points)
	*t = sumTree{
		key: make([]int64, 0, n), val: make([]int64, 0, n), sum: make([]int64, 0, n),
		prio: make([]uint32, 0, n), left: make([]int32, 0, n), right: make([]int32, 0, n),
		root: none, seed: 0x9e3779b9,
	}
	var stack []int32
	for i := 0; i < len(points); {
		key, delta := points[i].t, int64(0)
		for ; i < len(points) && points[i].t == key; i++ {
			delta += points[i].delta
		}
		x := t.node(key, delta)
		last := none
		for len(stack) > 0 && t.prio[stack[len(stack)-1]] < t.prio[x] {
			last = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
		t.left[x] = last
		if len(stack) > 0 {
			t.right[stack[len(stack)-1]] = x
		}
		stack = append(stack, x)
	}
	if len(stack) > 0 {
		t.root = stack[0]
		t.sums(t.root)
	}
}

// sums sets the subtree sums below and at n from the values.
func (t *sumTree) sums(n int32) int64 {
	if n == none {
		return 0
	}
	t.sum[n] = t.val[n] + t.sums(t.left[n]) + t.sums(t.right[n])
	return t.sum[n]
}

// Prefix returns the sum of the values at keys <= bound.
func (t *sumTree) Prefix(bound int64) int64 {
	if len(t.key) == 0 {
		return 0
	}
	var s int64
	for n := t.root; n != none; {
		if t.key[n] <= bound {
			s += t.val[n] + t.subtree(t.left[n])
			n = t.right[n]
		} else {
			n = t.left[n]
		}
	}
	return s
}

// Len returns the number of keys.
func (t *sumTree) Len() int { return len(t.key) }

func (t *sumTree) subtree(n int32) int64 {
	if n == none {
		return 0
	}
	return t.sum[n]
}

func (t *sumTree) child(n int32, key int64) int32 {
	if key < t.key[n] {
		return t.left[n]
	}
	return t.right[n]
}

// addPath adds delta to the sums on the path to key, which is in the tree.
func (t *sumTree) addPath(key, delta int64) {
	n := t.root
	for t.key[n] != key {
		t.sum[n] += delta
		n = t.child(n, key)
	}
	t.sum[n] += delta
	t.val[n] += delta
}

// node makes a new unlinked node; its priority comes from a xorshift
// generator, so the tree's shape is the same on every run.
func (t *sumTree) node(key, delta int64) int32 {
	t.seed ^= t.seed << 13
	t.seed ^= t.seed >> 17
	t.seed ^= t.seed << 5
	t.key = append(t.key, key)
	t.val = append(t.val, delta)
	t.sum = append(t.sum, delta)
	t.prio = append(t.prio, t.seed)
	t.left = append(t.left, none)
	t.right = append(t.right, none)
	return int32(len(t.key) - 1)
}

// insert puts the new node x, whose key is not in the subtree n, into it
// and returns the subtree's new root: x goes down as in a search tree,
// then rotates up while its priority is above its parent's.
func (t *sumTree) insert(n, x int32) int32 {
	if n == none {
		return x
	}
	if t.key[x] < t.key[n] {
		t.left[n] = t.insert(t.left[n], x)
		if t.prio[t.left[n]] > t.prio[n] {
			n = t.rotateRight(n)
		}
	} else {
		t.right[n] = t.insert(t.right[n], x)
		if t.prio[t.right[n]] > t.prio[n] {
			n = t.rotateLeft(n)
		}
	}
	t.fix(n)
	return n
}

func (t *sumTree) fix(n int32) {
	t.sum[n] = t.val[n] + t.subtree(t.left[n]) + t.subtree(t.right[n])
}

func (t *sumTree) rotateRight(n int32) int32 {
	l := t.left[n]
	t.left[n], t.right[l] = t.right[l], n
	t.fix(n)
	t.fix(l)
	return l
}

func (t *sumTree) rotateLeft(n int32) int32 {
	r := t.right[n]
	t.right[n], t.left[r] = t.left[r], n
	t.fix(n)
	t.fix(r)
	return r
}
