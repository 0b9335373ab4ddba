package lru

import "fmt"

// LRU is a least-recently-used cache of at most Cap keys: a map from key
// to a node of a doubly linked list, most recent at the front. Get, Put,
// Delete and Len are O(1); a hit allocates nothing. Make one with NewLRU.
type LRU[K comparable, V any] struct {
	// OnEvict, when set, is called with each key evicted to make room and
	// its value (not for Delete).
	OnEvict func(key K, value V)
	// Observe, when set, receives each step.
	Observe func(Event[K])

	capacity int
	items    map[K]*entry[K, V]
	order    list[K, V]
	stats    Stats
}

// NewLRU returns an empty LRU cache of capacity keys.
func NewLRU[K comparable, V any](capacity int) (*LRU[K, V], error) {
	if capacity < 1 {
		return nil, fmt.Errorf("lru: capacity %d: want at least 1", capacity)
	}
	c := &LRU[K, V]{capacity: capacity, items: make(map[K]*entry[K, V], capacity)}
	c.order.init()
	return c, nil
}

// Get returns the key's value and moves the key to the front, or reports
// false. O(1).
func (c *LRU[K, V]) Get(key K) (V, bool) {
	e, ok := c.items[key]
	if !ok {
		c.stats.Misses++ // step: lru-miss
		c.emit(StepLRUMiss, key, "")
		var zero V
		return zero, false
	}
	c.stats.Hits++ // step: lru-hit
	c.emit(StepLRUHit, key, "")
	c.order.moveToFront(e) // step: lru-move-front
	c.emit(StepLRUMoveFront, key, "")
	return e.val, true
}

// Put sets the key's value and moves it to the front. A new key in a full
// cache first evicts the least recent key, whose node it reuses. O(1).
func (c *LRU[K, V]) Put(key K, value V) {
	if e, ok := c.items[key]; ok {
		e.val = value
		c.order.moveToFront(e) // step: lru-move-front
		c.emit(StepLRUMoveFront, key, "")
		return
	}
	var e *entry[K, V]
	if c.order.n >= c.capacity {
		e = c.order.back()
		c.order.unlink(e) // step: lru-evict
		delete(c.items, e.key)
		c.stats.Evictions++
		c.emit(StepLRUEvict, e.key, "least recently used, at the back of the list")
		if c.OnEvict != nil {
			c.OnEvict(e.key, e.val)
		}
	} else {
		e = new(entry[K, V])
	}
	e.key, e.val = key, value
	c.order.pushFront(e) // step: lru-insert
	c.items[key] = e
	c.emit(StepLRUInsert, key, "")
}

// Delete removes the key and reports whether it was there. O(1).
func (c *LRU[K, V]) Delete(key K) bool {
	e, ok := c.items[key]
	if !ok {
		return false
	}
	c.order.unlink(e) // step: lru-delete
	delete(c.items, key)
	c.emit(StepLRUDelete, key, "")
	return true
}

// Len is the number of keys. O(1).
func (c *LRU[K, V]) Len() int { return c.order.n }

// Cap is the capacity in keys.
func (c *LRU[K, V]) Cap() int { return c.capacity }

// Stats counts the lookups and evictions so far.
func (c *LRU[K, V]) Stats() Stats { return c.stats }

// Keys appends the keys from most to least recent to dst. O(n).
func (c *LRU[K, V]) Keys(dst []K) []K { return c.order.keys(dst) }

func (c *LRU[K, V]) emit(s Step, key K, reason string) {
	if c.Observe != nil {
		c.Observe(Event[K]{Step: s, Key: key, Reason: reason, Order: c.Keys(nil)})
	}
}

// LFU is a least-frequently-used cache of at most Cap keys, ties broken
// by recency: a map from key to a node in the bucket of its access count,
// the buckets in a list ordered by count. Get, Put, Delete and Len are
// O(1). Make one with NewLFU.
type LFU[K comparable, V any] struct {
	// OnEvict, when set, is called with each key evicted to make room and
	// its value (not for Delete).
	OnEvict func(key K, value V)
	// Observe, when set, receives each step.
	Observe func(Event[K])

	capacity int
	items    map[K]*entry[K, V]
	freqs    buckets[K, V]
	stats    Stats
}

// NewLFU returns an empty LFU cache of capacity keys.
func NewLFU[K comparable, V any](capacity int) (*LFU[K, V], error) {
	if capacity < 1 {
		return nil, fmt.Errorf("lru: capacity %d: want at least 1", capacity)
	}
	c := &LFU[K, V]{capacity: capacity, items: make(map[K]*entry[K, V], capacity)}
	c.freqs.init()
	return c, nil
}

// Get returns the key's value and counts the access, or reports false.
// O(1).
func (c *LFU[K, V]) Get(key K) (V, bool) {
	e, ok := c.items[key]
	if !ok {
		c.stats.Misses++ // step: lfu-miss
		c.emit(StepLFUMiss, key, "")
		var zero V
		return zero, false
	}
	c.stats.Hits++ // step: lfu-hit
	c.emit(StepLFUHit, key, "")
	c.bump(e)
	return e.val, true
}

// bump moves e from its bucket to the front of the next count's bucket,
// making that bucket when it is missing and dropping the old one when it
// empties.
func (c *LFU[K, V]) bump(e *entry[K, V]) {
	from := e.bucket
	to := from.next
	if to.freq != from.freq+1 {
		to = c.freqs.insertAfter(from, from.freq+1)
	}
	from.items.unlink(e)
	to.items.pushFront(e) // step: lfu-bump
	e.bucket = to
	if from.items.n == 0 {
		c.freqs.remove(from)
	}
	c.emit(StepLFUBump, e.key, "")
}

// Put sets the key's value and counts the access. A new key in a full
// cache first evicts the least recent key of the lowest count. O(1).
func (c *LFU[K, V]) Put(key K, value V) {
	if e, ok := c.items[key]; ok {
		e.val = value
		c.bump(e)
		return
	}
	var e *entry[K, V]
	if len(c.items) >= c.capacity {
		low := c.freqs.lowest()
		e = low.items.back()
		low.items.unlink(e) // step: lfu-evict
		delete(c.items, e.key)
		if low.items.n == 0 {
			c.freqs.remove(low)
		}
		c.stats.Evictions++
		c.emit(StepLFUEvict, e.key, fmt.Sprintf("fewest uses, %d, and least recent of those", low.freq))
		if c.OnEvict != nil {
			c.OnEvict(e.key, e.val)
		}
	} else {
		e = new(entry[K, V])
	}
	one := c.freqs.lowest()
	if one == nil || one.freq != 1 {
		one = c.freqs.insertAfter(&c.freqs.head, 1)
	}
	e.key, e.val, e.bucket = key, value, one
	one.items.pushFront(e) // step: lfu-insert
	c.items[key] = e
	c.emit(StepLFUInsert, key, "")
}

// Delete removes the key and reports whether it was there. O(1).
func (c *LFU[K, V]) Delete(key K) bool {
	e, ok := c.items[key]
	if !ok {
		return false
	}
	b := e.bucket
	b.items.unlink(e) // step: lfu-delete
	delete(c.items, key)
	if b.items.n == 0 {
		c.freqs.remove(b)
	}
	c.emit(StepLFUDelete, key, "")
	return true
}

// Len is the number of keys. O(1).
func (c *LFU[K, V]) Len() int { return len(c.items) }

// Cap is the capacity in keys.
func (c *LFU[K, V]) Cap() int { return c.capacity }

// Stats counts the lookups and evictions so far.
func (c *LFU[K, V]) Stats() Stats { return c.stats }

// Keys appends the keys to dst from the last to be evicted to the next:
// highest count first, most recent first within a count. O(n).
func (c *LFU[K, V]) Keys(dst []K) []K {
	for _, b := range c.freqs.snapshot() {
		dst = append(dst, b.Keys...)
	}
	return dst
}

// Buckets are the buckets, highest count first, keys most to least
// recent. O(n).
func (c *LFU[K, V]) Buckets() []Bucket[K] { return c.freqs.snapshot() }

func (c *LFU[K, V]) emit(s Step, key K, reason string) {
	if c.Observe != nil {
		c.Observe(Event[K]{Step: s, Key: key, Reason: reason, Buckets: c.freqs.snapshot()})
	}
}

// Get returns the key's value and records the access, or reports false.
func (c *Redis[K, V]) Get(key K) (V, bool) {
	c.advance()
	i, ok := c.items[key]
	if !ok {
		c.stats.Misses++ // step: redis-miss
		c.emit(Event[K]{Step: StepRedisMiss, Key: key})
		var zero V
		return zero, false
	}
	c.stats.Hits++ // step: redis-hit
	c.emit(Event[K]{Step: StepRedisHit, Key: key})
	c.touch(i)
	return c.slots[i].val, true
}

// touch records an access to slot i as lookupKey does: the LRU clock
// stamped on it, or its counter decayed and then incremented
// logarithmically (updateLFU).
func (c *Redis[K, V]) touch(i int) {
	s := &c.slots[i]
	if c.policy == AllKeysLRU {
		s.lru = c.lruClock() // step: redis-touch
		c.emit(Event[K]{Step: StepRedisTouch, Key: s.key})
		return
	}
	was := uint8(s.lru & 255)
	counter := c.decayed(s.lru) // step: redis-decay
	if counter != was {
		c.emit(Event[K]{Step: StepRedisDecay, Key: s.key, Was: was, Counter: counter})
	}
	before := counter
	counter, p := logIncr(counter, c.LogFactor, c.rng.Float64()) // step: redis-incr
	s.lru = c.minutes()<<8 | uint32(counter)
	c.emit(Event[K]{Step: StepRedisIncr, Key: s.key, Was: before, Counter: counter, Chance: p})
}

// Put sets the key's value and records the access. A new key is stamped
// with the clock, or the counter LFUInitVal; then, as redis-server does
// before the next command once over maxmemory, keys are evicted until Len
// is Cap again. The key just put may be the one evicted.
func (c *Redis[K, V]) Put(key K, value V) {
	c.advance()
	if i, ok := c.items[key]; ok {
		c.slots[i].val = value
		c.touch(i)
		return
	}
	lru := c.lruClock()
	if c.policy == AllKeysLFU {
		lru = c.minutes()<<8 | LFUInitVal
	}
	c.slots = append(c.slots, slot[K, V]{key: key, val: value, lru: lru}) // step: redis-insert
	c.items[key] = len(c.slots) - 1
	c.emit(Event[K]{Step: StepRedisInsert, Key: key, Counter: uint8(lru & 255)})
	for len(c.slots) > c.capacity {
		c.evict()
	}
}

// evict removes one key as performEvictions does: it samples keys into
// the pool, then takes the pool's best candidate; one that no longer
// exists (a ghost) is dropped and the next best tried, sampling again if
// the pool runs dry.
func (c *Redis[K, V]) evict() {
	for {
		c.scores = c.scores[:0]
		var sample []Candidate[K]
		for _, i := range c.draw() {
			s := c.slots[i]
			sc := c.score(s) // step: redis-sample
			c.scores = append(c.scores, sc)
			if c.Observe != nil {
				sample = append(sample, Candidate[K]{Key: s.key, Score: sc})
			}
		}
		c.emit(Event[K]{Step: StepRedisSample, Sample: sample})
		for j, i := range c.drawn {
			key := c.slots[i].key
			k := c.offer(key, c.scores[j]) // step: redis-pool
			c.emit(Event[K]{Step: StepRedisPool, Key: key, Slot: k})
		}
		for k := EvictionPoolSize - 1; k >= 0; k-- {
			p := c.pool[k]
			if !p.ok {
				continue
			}
			c.pool[k] = poolEntry[K]{}
			i, ok := c.items[p.key]
			if !ok {
				c.emit(Event[K]{Step: StepRedisGhost, Key: p.key}) // step: redis-ghost
				continue
			}
			c.remove(i) // step: redis-evict
			c.stats.Evictions++
			c.emit(Event[K]{Step: StepRedisEvict, Key: p.key, Reason: c.reason(p.score)})
			return
		}
	}
}

// reason says in words why a key with this score was the best candidate.
func (c *Redis[K, V]) reason(score uint64) string {
	if c.policy == AllKeysLFU {
		return fmt.Sprintf("lowest counter in the pool, %d", 255-score)
	}
	return fmt.Sprintf("idlest in the pool, %d s idle", score/LRUClockResolution)
}

// Delete removes the key and reports whether it was there. A pool place
// naming it stays, a ghost, as in redis-server.
func (c *Redis[K, V]) Delete(key K) bool {
	c.advance()
	i, ok := c.items[key]
	if !ok {
		return false
	}
	c.remove(i) // step: redis-delete
	c.emit(Event[K]{Step: StepRedisDelete, Key: key})
	return true
}
