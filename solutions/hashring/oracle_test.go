package hashring_test

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"testing"

	"github.com/golang/groupcache/consistenthash"

	"tutor/solutions/hashring"
)

func fnv32(b []byte) uint32 {
	h := fnv.New32a()
	h.Write(b)
	return h.Sum32()
}

// config is a random ring: replicas, a hash, and nodes added in batches.
type config struct {
	replicas int
	hash     hashring.Hash
	hashName string
	batches  [][]string
}

func randomConfig(r *rand.Rand) config {
	c := config{replicas: []int{1, 2, 3, 10, 50, 100, 160}[r.IntN(7)]}
	if r.IntN(4) == 0 {
		c.hash, c.hashName = fnv32, "fnv32a"
	} else {
		c.hashName = "crc32"
	}
	used := map[string]bool{}
	for range 1 + r.IntN(3) {
		var batch []string
		for range 1 + r.IntN(4) {
			var n string
			for n == "" || used[n] {
				n = fmt.Sprintf("%s:%d", []string{"10.0.0.1", "peer", "http://127.0.0.1", "cache-a"}[r.IntN(4)], r.IntN(1000))
			}
			used[n] = true
			batch = append(batch, n)
		}
		c.batches = append(c.batches, batch)
	}
	return c
}

func (c config) nodes() []string {
	var all []string
	for _, b := range c.batches {
		all = append(all, b...)
	}
	return all
}

func (c config) ours() *hashring.Ring {
	r := hashring.New(c.replicas, c.hash)
	for _, b := range c.batches {
		r.Add(b...)
	}
	return r
}

// theirs builds golang/groupcache's ring of the same configuration,
// leaving out the nodes in without.
func (c config) theirs(without map[string]bool) *consistenthash.Map {
	m := consistenthash.New(c.replicas, consistenthash.Hash(c.hash))
	for _, b := range c.batches {
		var keep []string
		for _, n := range b {
			if !without[n] {
				keep = append(keep, n)
			}
		}
		m.Add(keep...)
	}
	return m
}

func randomKey(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("user:%d", r.IntN(1e6))
	case 1:
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	}
	return fmt.Sprint(r.Uint32())
}

// The same key goes to the same node as in golang/groupcache's
// consistenthash, over many random configurations and keys.
func TestSameOwnerAsGroupcache(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		c := randomConfig(r)
		ours, theirs := c.ours(), c.theirs(nil)
		for range 200 {
			k := randomKey(r)
			if got, want := ours.Get(k), theirs.Get(k); got != want {
				t.Fatalf("config %d (%d replicas, %s, nodes %v): key %q: ours %q, groupcache %q", i, c.replicas, c.hashName, c.batches, k, got, want)
			}
		}
	}
}

// groupcache's ring has no Remove: ours after Remove must agree with
// groupcache's ring built without the removed nodes.
func TestRemoveAsRebuilt(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		c := randomConfig(r)
		ours := c.ours()
		nodes := c.nodes()
		gone := map[string]bool{}
		for range 1 + r.IntN(len(nodes)) {
			n := nodes[r.IntN(len(nodes))]
			gone[n] = true
			ours.Remove(n)
		}
		theirs := c.theirs(gone)
		for range 200 {
			k := randomKey(r)
			if got, want := ours.Get(k), theirs.Get(k); got != want {
				t.Fatalf("config %d (%d replicas, nodes %v, removed %v): key %q: ours %q, groupcache rebuilt %q", i, c.replicas, c.batches, gone, k, got, want)
			}
		}
	}
}

// Where points collide, the node added last owns the position, as in
// groupcache (its map entry is written last); removing it hands the
// position back.
func TestCollisions(t *testing.T) {
	constant := func([]byte) uint32 { return 7 }
	r := hashring.New(3, constant)
	m := consistenthash.New(3, constant)
	r.Add("a", "b")
	m.Add("a", "b")
	if got, want := r.Get("k"), m.Get("k"); got != want || got != "b" {
		t.Fatalf("all points on one position: ours %q, groupcache %q, want b", got, want)
	}
	r.Remove("b")
	if got := r.Get("k"); got != "a" {
		t.Errorf("after removing b: %q, want a", got)
	}
	r.Remove("a")
	if got := r.Get("k"); got != "" || !r.IsEmpty() {
		t.Errorf("empty ring gives %q", got)
	}
}

func TestLocate(t *testing.T) {
	r := hashring.New(4, nil)
	if p := r.Locate("k"); p.Index != -1 {
		t.Errorf("empty ring: index %d, want -1", p.Index)
	}
	r.Add("A", "B", "C")
	points := r.Points()
	if len(points) != 12 {
		t.Fatalf("%d points, want 12", len(points))
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		k := randomKey(rnd)
		p := r.Locate(k)
		// The owner is the first point at or after the key's hash, going
		// round: checked by a walk over all the points.
		want := -1
		for i, pt := range points {
			if pt.Hash >= p.KeyHash {
				want = i
				break
			}
		}
		wrapped := want == -1
		if wrapped {
			want = 0
		}
		if p.Index != want || p.Point != points[want] || p.Wrapped != wrapped {
			t.Fatalf("key %q at %d: point %d %+v (wrapped %v), want %d %+v (%v)", k, p.KeyHash, p.Index, p.Point, p.Wrapped, want, points[want], wrapped)
		}
		if p.Point.Node != r.Get(k) {
			t.Fatalf("Locate and Get disagree on %q", k)
		}
	}
	r.Add("A") // already there: nothing changes
	if len(r.Points()) != 12 || len(r.Nodes()) != 3 {
		t.Errorf("adding A again: %d points, nodes %v", len(r.Points()), r.Nodes())
	}
}
