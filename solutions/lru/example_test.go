package lru_test

import (
	"fmt"

	"tutor/solutions/lru"
)

// The interview question's sequence: with room for three keys, d pushes
// out b, the least recently used, since a was read after it.
func ExampleLRU() {
	c, _ := lru.NewLRU[string, int](3)
	c.OnEvict = func(k string, _ int) { fmt.Println("evict", k) }
	c.Put("a", 1)
	c.Put("b", 2)
	c.Get("a")
	c.Put("c", 3)
	c.Put("d", 4)
	_, ok := c.Get("b")
	fmt.Println(ok, c.Keys(nil), c.Stats())
	// Output:
	// evict b
	// false [d c a] {1 1 1}
}

// LFU keeps the key read twice and evicts the least recent of those read
// once.
func ExampleLFU() {
	c, _ := lru.NewLFU[string, int](2)
	c.Put("a", 1)
	c.Get("a")
	c.Put("b", 2)
	c.Put("c", 3) // b and c were used once, a twice: b goes
	fmt.Println(c.Buckets())
	// Output:
	// [{2 [a]} {1 [c]}]
}

// The model's observer shows the sample, the pool and the key evicted.
func ExampleRedis() {
	c, _ := lru.NewRedis[string, int](2, lru.AllKeysLRU, 1)
	c.Observe = func(e lru.Event[string]) {
		switch e.Step {
		case lru.StepRedisSample:
			fmt.Println("sample", e.Sample)
		case lru.StepRedisEvict:
			fmt.Println("evict", e.Key, "-", e.Reason)
		}
	}
	c.Put("a", 1) // at 1 s
	c.Put("b", 2) // at 2 s
	c.Get("a")    // at 3 s
	c.Put("c", 3) // at 4 s: three keys, one must go
	// Output:
	// sample [{b 2000} {a 1000} {c 0}]
	// evict b - idlest in the pool, 2 s idle
}
