package lru

import (
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// refLRU is the slow obvious LRU: a slice of keys, most recent first,
// scanned on every operation.
type refLRU struct {
	cap     int
	keys    []int
	vals    map[int]int
	evicted []int
}

func (r *refLRU) touch(k int) {
	i := slices.Index(r.keys, k)
	r.keys = slices.Insert(slices.Delete(r.keys, i, i+1), 0, k)
}

func (r *refLRU) get(k int) (int, bool) {
	if !slices.Contains(r.keys, k) {
		return 0, false
	}
	r.touch(k)
	return r.vals[k], true
}

func (r *refLRU) put(k, v int) {
	if slices.Contains(r.keys, k) {
		r.vals[k] = v
		r.touch(k)
		return
	}
	if len(r.keys) == r.cap {
		last := r.keys[len(r.keys)-1]
		r.keys = r.keys[:len(r.keys)-1]
		delete(r.vals, last)
		r.evicted = append(r.evicted, last)
	}
	r.keys = slices.Insert(r.keys, 0, k)
	r.vals[k] = v
}

func (r *refLRU) del(k int) bool {
	i := slices.Index(r.keys, k)
	if i < 0 {
		return false
	}
	r.keys = slices.Delete(r.keys, i, i+1)
	delete(r.vals, k)
	return true
}

// refLFU is the slow obvious LFU: every key with its count and the time
// of its last use, the victim found by a scan.
type refLFU struct {
	cap     int
	now     int
	items   []refItem
	evicted []int
}

type refItem struct{ key, val, count, used int }

func (r *refLFU) find(k int) int {
	return slices.IndexFunc(r.items, func(it refItem) bool { return it.key == k })
}

func (r *refLFU) get(k int) (int, bool) {
	r.now++
	i := r.find(k)
	if i < 0 {
		return 0, false
	}
	r.items[i].count++
	r.items[i].used = r.now
	return r.items[i].val, true
}

func (r *refLFU) put(k, v int) {
	r.now++
	if i := r.find(k); i >= 0 {
		r.items[i].val = v
		r.items[i].count++
		r.items[i].used = r.now
		return
	}
	if len(r.items) == r.cap {
		victim := 0
		for i, it := range r.items {
			w := r.items[victim]
			if it.count < w.count || it.count == w.count && it.used < w.used {
				victim = i
			}
		}
		r.evicted = append(r.evicted, r.items[victim].key)
		r.items = slices.Delete(r.items, victim, victim+1)
	}
	r.items = append(r.items, refItem{key: k, val: v, count: 1, used: r.now})
}

func (r *refLFU) del(k int) bool {
	r.now++
	i := r.find(k)
	if i < 0 {
		return false
	}
	r.items = slices.Delete(r.items, i, i+1)
	return true
}

// order is the reference's keys from the last to be evicted to the next.
func (r *refLFU) order() []int {
	items := slices.Clone(r.items)
	slices.SortFunc(items, func(a, b refItem) int {
		if a.count != b.count {
			return b.count - a.count
		}
		return b.used - a.used
	})
	var keys []int
	for _, it := range items {
		keys = append(keys, it.key)
	}
	return keys
}

// TestLRUAgainstReference runs random operations on LRU and on refLRU and
// compares every result, the evictions and the order.
func TestLRUAgainstReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		capacity := rapid.IntRange(1, 6).Draw(t, "cap")
		c, err := NewLRU[int, int](capacity)
		if err != nil {
			t.Fatal(err)
		}
		var evicted []int
		c.OnEvict = func(k, _ int) { evicted = append(evicted, k) }
		ref := &refLRU{cap: capacity, vals: map[int]int{}}
		n := rapid.IntRange(0, 200).Draw(t, "n")
		for i := range n {
			k := rapid.IntRange(0, 9).Draw(t, "key")
			switch rapid.IntRange(0, 5).Draw(t, "op") {
			case 0, 1, 2:
				v, ok := c.Get(k)
				rv, rok := ref.get(k)
				if v != rv || ok != rok {
					t.Fatalf("op %d get %d = %d, %v; reference %d, %v", i, k, v, ok, rv, rok)
				}
			case 3, 4:
				c.Put(k, i)
				ref.put(k, i)
			case 5:
				if got, want := c.Delete(k), ref.del(k); got != want {
					t.Fatalf("op %d delete %d = %v, reference %v", i, k, got, want)
				}
			}
			if got := c.Keys(nil); !slices.Equal(got, ref.keys) || c.Len() != len(ref.keys) {
				t.Fatalf("op %d: order %v (len %d), reference %v", i, got, c.Len(), ref.keys)
			}
		}
		if !slices.Equal(evicted, ref.evicted) {
			t.Fatalf("evicted %v, reference %v", evicted, ref.evicted)
		}
	})
}

// TestLFUAgainstReference does the same for LFU and refLFU.
func TestLFUAgainstReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		capacity := rapid.IntRange(1, 6).Draw(t, "cap")
		c, err := NewLFU[int, int](capacity)
		if err != nil {
			t.Fatal(err)
		}
		var evicted []int
		c.OnEvict = func(k, _ int) { evicted = append(evicted, k) }
		ref := &refLFU{cap: capacity}
		n := rapid.IntRange(0, 200).Draw(t, "n")
		for i := range n {
			k := rapid.IntRange(0, 9).Draw(t, "key")
			switch rapid.IntRange(0, 5).Draw(t, "op") {
			case 0, 1, 2:
				v, ok := c.Get(k)
				rv, rok := ref.get(k)
				if v != rv || ok != rok {
					t.Fatalf("op %d get %d = %d, %v; reference %d, %v", i, k, v, ok, rv, rok)
				}
			case 3, 4:
				c.Put(k, i)
				ref.put(k, i)
			case 5:
				if got, want := c.Delete(k), ref.del(k); got != want {
					t.Fatalf("op %d delete %d = %v, reference %v", i, k, got, want)
				}
			}
			if got, want := c.Keys(nil), ref.order(); !slices.Equal(got, want) || c.Len() != len(want) {
				t.Fatalf("op %d: order %v (len %d), reference %v", i, got, c.Len(), want)
			}
		}
		if !slices.Equal(evicted, ref.evicted) {
			t.Fatalf("evicted %v, reference %v", evicted, ref.evicted)
		}
	})
}

// TestPoolAgainstReference offers random scores to the eviction pool and
// to a plain sorted slice that keeps the 16 highest, a new score going
// before equal ones: the pool must hold the same keys in the same order.
func TestPoolAgainstReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, _ := NewRedis[int, int](1, AllKeysLRU, 1)
		var ref []Candidate[int]
		n := rapid.IntRange(0, 80).Draw(t, "n")
		for i := range n {
			score := uint64(rapid.IntRange(0, 20).Draw(t, "score"))
			c.offer(i, score)
			at := slices.IndexFunc(ref, func(x Candidate[int]) bool { return x.Score >= score })
			if at < 0 {
				at = len(ref)
			}
			ref = slices.Insert(ref, at, Candidate[int]{Key: i, Score: score})
			if len(ref) > EvictionPoolSize {
				ref = ref[1:]
			}
			if got := c.poolSnapshot(); !slices.Equal(got, ref) {
				t.Fatalf("after offering %d (score %d): pool %v, reference %v", i, score, got, ref)
			}
		}
	})
}

// TestRedisInvariants runs random operations on the model: it never holds
// more than Cap keys after a Put, a Get finds what was put and not
// evicted, and under allkeys-lru with one sample per second and a pool it
// never evicts a key touched at this very second while an older key is
// resident and in the pool's reach (here: a capacity of 1).
func TestRedisInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		capacity := rapid.IntRange(1, 8).Draw(t, "cap")
		policy := rapid.SampledFrom([]Policy{AllKeysLRU, AllKeysLFU}).Draw(t, "policy")
		c, err := NewRedis[int, int](capacity, policy, rapid.Uint64().Draw(t, "seed"))
		if err != nil {
			t.Fatal(err)
		}
		c.Samples = rapid.IntRange(1, 10).Draw(t, "samples")
		have := map[int]int{}
		var gone []int
		c.Observe = func(e Event[int]) {
			if e.Step == StepRedisEvict {
				gone = append(gone, e.Key)
			}
		}
		for i := range rapid.IntRange(0, 150).Draw(t, "n") {
			k := rapid.IntRange(0, 12).Draw(t, "key")
			if rapid.Bool().Draw(t, "put") {
				c.Put(k, i)
				have[k] = i
				for _, g := range gone {
					delete(have, g)
				}
				gone = gone[:0]
				if c.Len() > capacity || c.Len() != len(have) {
					t.Fatalf("op %d: %d keys, cap %d, want %d", i, c.Len(), capacity, len(have))
				}
			} else {
				v, ok := c.Get(k)
				if w, in := have[k]; ok != in || v != w {
					t.Fatalf("op %d: get %d = %d, %v; want %d, %v", i, k, v, ok, w, in)
				}
			}
		}
	})
}
