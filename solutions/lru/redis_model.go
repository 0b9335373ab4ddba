package lru

import (
	"fmt"
	"math/rand/v2"
)

// Policy is a maxmemory-policy of redis-server that Redis models.
type Policy string

// The policies Redis models.
const (
	// AllKeysLRU evicts the key idle longest among those sampled.
	AllKeysLRU Policy = "allkeys-lru"
	// AllKeysLFU evicts the key of lowest decayed counter among those
	// sampled.
	AllKeysLFU Policy = "allkeys-lfu"
)

// Constants of redis-server (src/server.h and src/evict.c).
const (
	// EvictionPoolSize is EVPOOL_SIZE, the places in the eviction pool.
	EvictionPoolSize = 16
	// LRUClockMax is LRU_CLOCK_MAX: the LRU clock has 24 bits.
	LRUClockMax = 1<<24 - 1
	// LRUClockResolution is LRU_CLOCK_RESOLUTION, the milliseconds of one
	// tick of the LRU clock.
	LRUClockResolution = 1000
	// LFUInitVal is LFU_INIT_VAL, the counter of a new key.
	LFUInitVal = 5
)

// slot is a resident key with its value and its 24-bit lru field: the LRU
// clock of its last access, or under LFU the time of its last decrement in
// minutes (16 bits) and its counter (8 bits).
type slot[K comparable, V any] struct {
	key K
	val V
	lru uint32
}

// poolEntry is a place in the eviction pool; ok is false when it is empty.
type poolEntry[K comparable] struct {
	key   K
	score uint64
	ok    bool
}

// Redis is a model of redis-server's allkeys-lru and allkeys-lfu eviction,
// capacity counted in keys. It keeps the keys in a table with no order;
// to make room it samples keys at random into a pool of
// EvictionPoolSize candidates sorted by score and evicts the best that
// still exists, as performEvictions does. Get, Put and Delete are O(1)
// but for eviction, which is O(Samples + EvictionPoolSize).
//
// Time is the model's own: each operation advances a virtual clock by Tick
// milliseconds, unless Clock is set. Make a Redis with NewRedis; the
// exported fields may be changed before the first operation.
type Redis[K comparable, V any] struct {
	// Samples is maxmemory-samples, the keys drawn per eviction (1 to 64;
	// default 5).
	Samples int
	// LogFactor is lfu-log-factor (default 10).
	LogFactor int
	// DecayTime is lfu-decay-time, the minutes per decrement of an idle
	// key's counter; 0 never decays (default 1).
	DecayTime int
	// Tick is the virtual milliseconds each operation takes when Clock is
	// nil (default 1000, one tick of the LRU clock).
	Tick int64
	// Clock, when set, gives the time of each operation in milliseconds
	// (a Unix time, say), in place of the virtual clock.
	Clock func() int64
	// Observe, when set, receives each step.
	Observe func(Event[K])

	policy   Policy
	capacity int
	rng      *rand.Rand
	now      int64
	items    map[K]int
	slots    []slot[K, V]
	pool     [EvictionPoolSize]poolEntry[K]
	stats    Stats
	drawn    []int
	scores   []uint64
}

// NewRedis returns an empty model of capacity keys under policy, with
// redis-server's defaults and a random source seeded with seed.
func NewRedis[K comparable, V any](capacity int, policy Policy, seed uint64) (*Redis[K, V], error) {
	if capacity < 1 {
		return nil, fmt.Errorf("lru: capacity %d: want at least 1", capacity)
	}
	if policy != AllKeysLRU && policy != AllKeysLFU {
		return nil, fmt.Errorf("lru: policy %q: want %s or %s", policy, AllKeysLRU, AllKeysLFU)
	}
	return &Redis[K, V]{
		Samples: 5, LogFactor: 10, DecayTime: 1, Tick: LRUClockResolution,
		policy: policy, capacity: capacity,
		rng:   rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		items: make(map[K]int, capacity+1),
		slots: make([]slot[K, V], 0, capacity+1),
	}, nil
}

// Policy is the policy the model was made with.
func (c *Redis[K, V]) Policy() Policy { return c.policy }

// Len is the number of resident keys.
func (c *Redis[K, V]) Len() int { return len(c.slots) }

// Cap is the capacity in keys.
func (c *Redis[K, V]) Cap() int { return c.capacity }

// Stats counts the lookups and evictions so far.
func (c *Redis[K, V]) Stats() Stats { return c.stats }

// Keys appends the resident keys, in the key table's order, to dst.
func (c *Redis[K, V]) Keys(dst []K) []K {
	for _, s := range c.slots {
		dst = append(dst, s.key)
	}
	return dst
}

// Counter is the key's LFU counter as stored, without decay, and whether
// the key is resident. Under allkeys-lru it is 0.
func (c *Redis[K, V]) Counter(key K) (uint8, bool) {
	i, ok := c.items[key]
	if !ok || c.policy != AllKeysLFU {
		return 0, ok
	}
	return uint8(c.slots[i].lru & 255), true
}

// advance moves the clock to the time of the next operation.
func (c *Redis[K, V]) advance() {
	if c.Clock != nil {
		c.now = c.Clock()
		return
	}
	c.now += c.Tick
}

// lruClock is getLRUClock: the time in LRU clock ticks, 24 bits.
func (c *Redis[K, V]) lruClock() uint32 {
	return uint32(c.now/LRUClockResolution) & LRUClockMax
}

// idle is estimateObjectIdleTime: milliseconds since the stamp lru, the
// clock wrapping once.
func (c *Redis[K, V]) idle(lru uint32) uint64 {
	now := uint64(c.lruClock())
	if now >= uint64(lru) {
		return (now - uint64(lru)) * LRUClockResolution
	}
	return (now + (LRUClockMax - uint64(lru))) * LRUClockResolution
}

// minutes is LFUGetTimeInMinutes: the time in minutes, 16 bits.
func (c *Redis[K, V]) minutes() uint32 {
	return uint32(c.now/1000/60) & 65535
}

// decayed is LFUDecrAndReturn: the counter of the lfu field lru less one
// for each DecayTime minutes since its last decrement, at least 0.
func (c *Redis[K, V]) decayed(lru uint32) uint8 {
	ldt, counter := lru>>8, lru&255
	now := c.minutes()
	elapsed := now - ldt
	if now < ldt {
		elapsed = 65535 - ldt + now
	}
	if c.DecayTime <= 0 {
		return uint8(counter)
	}
	periods := elapsed / uint32(c.DecayTime)
	if periods > counter {
		return 0
	}
	return uint8(counter - periods)
}

// logIncr is LFULogIncr: counter plus one with probability
// 1/((counter-LFUInitVal)*factor+1), given r uniform in [0, 1); it
// saturates at 255. It returns the probability too.
func logIncr(counter uint8, factor int, r float64) (uint8, float64) {
	if counter == 255 {
		return 255, 0
	}
	base := float64(counter) - LFUInitVal
	if base < 0 {
		base = 0
	}
	p := 1.0 / (base*float64(factor) + 1)
	if r < p {
		counter++
	}
	return counter, p
}

// score is a key's eviction score: idle milliseconds under allkeys-lru,
// 255 less the decayed counter under allkeys-lfu.
func (c *Redis[K, V]) score(s slot[K, V]) uint64 {
	if c.policy == AllKeysLFU {
		return 255 - uint64(c.decayed(s.lru))
	}
	return c.idle(s.lru)
}

// draw picks min(Samples, Len) distinct slots uniformly at random, a
// stand-in for dictGetSomeKeys (which walks a run of hash buckets from a
// random place), into c.drawn.
func (c *Redis[K, V]) draw() []int {
	n := min(max(c.Samples, 1), len(c.slots))
	c.drawn = c.drawn[:0]
	for len(c.drawn) < n {
		i := c.rng.IntN(len(c.slots))
		dup := false
		for _, j := range c.drawn {
			dup = dup || i == j
		}
		if !dup {
			c.drawn = append(c.drawn, i)
		}
	}
	return c.drawn
}

// offer inserts key with score into the pool as evictionPoolPopulate
// does: in ascending order of score; when the pool is full, only if it
// beats the worst, which falls off the left. It returns the place taken,
// or -1.
func (c *Redis[K, V]) offer(key K, score uint64) int {
	p := &c.pool
	k := 0
	for k < EvictionPoolSize && p[k].ok && p[k].score < score {
		k++
	}
	switch {
	case k == 0 && p[EvictionPoolSize-1].ok:
		return -1 // worse than every candidate, and no room
	case k < EvictionPoolSize && !p[k].ok:
		// an empty place: take it
	case !p[EvictionPoolSize-1].ok:
		copy(p[k+1:], p[k:EvictionPoolSize-1]) // room on the right
	default:
		k--
		copy(p[:k], p[1:k+1]) // drop the worst on the left
	}
	p[k] = poolEntry[K]{key: key, score: score, ok: true}
	return k
}

// remove deletes the key in slot i from the table, moving the last slot
// into its place.
func (c *Redis[K, V]) remove(i int) {
	last := len(c.slots) - 1
	delete(c.items, c.slots[i].key)
	if i != last {
		c.slots[i] = c.slots[last]
		c.items[c.slots[i].key] = i
	}
	c.slots[last] = slot[K, V]{}
	c.slots = c.slots[:last]
}

// emit sends e, completed with the key table and the pool, to Observe.
func (c *Redis[K, V]) emit(e Event[K]) {
	if c.Observe == nil {
		return
	}
	e.Keys = c.Keys(nil)
	e.Pool = c.poolSnapshot()
	e.Clock = c.lruClock()
	c.Observe(e)
}

// poolSnapshot is the pool's filled places, worst first.
func (c *Redis[K, V]) poolSnapshot() []Candidate[K] {
	var out []Candidate[K]
	for _, p := range c.pool {
		if p.ok {
			out = append(out, Candidate[K]{Key: p.key, Score: p.score})
		}
	}
	return out
}
