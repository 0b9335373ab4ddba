package lru

// Step names a step an operation takes. Its value is the id on the line of
// cache.go that performs it ("// step: <id>").
type Step string

// The steps of LRU.
const (
	// StepLRUHit: Get found the key in the map.
	StepLRUHit Step = "lru-hit"
	// StepLRUMiss: Get did not find the key.
	StepLRUMiss Step = "lru-miss"
	// StepLRUMoveFront: a hit or a Put of a present key moved its node to
	// the front of the list.
	StepLRUMoveFront Step = "lru-move-front"
	// StepLRUEvict: Put of a new key into a full cache dropped the node at
	// the back of the list.
	StepLRUEvict Step = "lru-evict"
	// StepLRUInsert: Put linked a new node in at the front.
	StepLRUInsert Step = "lru-insert"
	// StepLRUDelete: Delete unlinked a node.
	StepLRUDelete Step = "lru-delete"
)

// The steps of LFU.
const (
	// StepLFUHit: Get found the key.
	StepLFUHit Step = "lfu-hit"
	// StepLFUMiss: Get did not find the key.
	StepLFUMiss Step = "lfu-miss"
	// StepLFUBump: an access moved the key from the bucket of count n to
	// the front of the bucket of count n+1.
	StepLFUBump Step = "lfu-bump"
	// StepLFUEvict: Put of a new key into a full cache dropped the least
	// recent key of the lowest bucket.
	StepLFUEvict Step = "lfu-evict"
	// StepLFUInsert: Put linked a new key in at the front of bucket 1.
	StepLFUInsert Step = "lfu-insert"
	// StepLFUDelete: Delete unlinked a key.
	StepLFUDelete Step = "lfu-delete"
)

// The steps of Redis.
const (
	// StepRedisHit: Get found the key.
	StepRedisHit Step = "redis-hit"
	// StepRedisMiss: Get did not find the key.
	StepRedisMiss Step = "redis-miss"
	// StepRedisTouch: under allkeys-lru an access stamped the key with the
	// LRU clock.
	StepRedisTouch Step = "redis-touch"
	// StepRedisDecay: under allkeys-lfu an access found that decay periods
	// had passed and lowered the key's counter.
	StepRedisDecay Step = "redis-decay"
	// StepRedisIncr: under allkeys-lfu an access tried to increment the
	// key's counter, with probability 1/((counter-5)*lfu-log-factor+1).
	StepRedisIncr Step = "redis-incr"
	// StepRedisInsert: Put added a new key, stamped with the clock or with
	// the initial counter 5.
	StepRedisInsert Step = "redis-insert"
	// StepRedisSample: eviction drew maxmemory-samples keys at random and
	// scored them.
	StepRedisSample Step = "redis-sample"
	// StepRedisPool: one sampled key was offered to the eviction pool.
	StepRedisPool Step = "redis-pool"
	// StepRedisGhost: the best key of the pool no longer exists and was
	// dropped from it.
	StepRedisGhost Step = "redis-ghost"
	// StepRedisEvict: the best key of the pool was evicted.
	StepRedisEvict Step = "redis-evict"
	// StepRedisDelete: Delete removed a key.
	StepRedisDelete Step = "redis-delete"
)

// Event is one step of an operation, with what a picture of it needs: the
// key, and the state of the cache after the step.
type Event[K comparable] struct {
	// Step is the step taken.
	Step Step
	// Key is the key the step is about (the key looked up, inserted,
	// evicted, moved, sampled...).
	Key K
	// Reason says why a key was evicted, in a few words.
	Reason string

	// Order is, for LRU, the keys from most to least recent after the step.
	Order []K
	// Buckets are, for LFU, the buckets after the step, the highest count
	// first, each with its keys most to least recent.
	Buckets []Bucket[K]

	// Keys are, for Redis, the keys resident after the step in the order
	// of the key table sampling draws from.
	Keys []K
	// Sample is, for StepRedisSample, the keys drawn with their scores.
	Sample []Candidate[K]
	// Pool is, for Redis, the eviction pool after the step, worst
	// candidate first and best (the next to go) last; empty slots are
	// left out.
	Pool []Candidate[K]
	// Slot is, for StepRedisPool, where the key went in the pool after the
	// step (0 is the worst place), or -1 when it was not good enough.
	Slot int
	// Counter is, for the LFU steps of Redis, the key's counter after the
	// step, and Was its counter before.
	Counter, Was uint8
	// Chance is, for StepRedisIncr, the probability the increment had.
	Chance float64
	// Clock is, for Redis, the LRU clock (seconds, 24 bits) at the step.
	Clock uint32
}

// Bucket is the keys of an LFU cache accessed Freq times, most recent
// first.
type Bucket[K comparable] struct {
	Freq int
	Keys []K
}

// Candidate is a key with its eviction score as Redis computes it: under
// allkeys-lru the idle time in milliseconds, under allkeys-lfu 255 less
// the decayed counter. The higher the score, the better the candidate.
type Candidate[K comparable] struct {
	Key   K
	Score uint64
}

// Stats counts a cache's lookups and evictions.
type Stats struct {
	Hits, Misses, Evictions int
}

// HitRatio is Hits / (Hits + Misses), or 0 before any lookup.
func (s Stats) HitRatio() float64 {
	if s.Hits+s.Misses == 0 {
		return 0
	}
	return float64(s.Hits) / float64(s.Hits+s.Misses)
}
