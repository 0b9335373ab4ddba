// Package lru is three caches of a fixed number of keys: LRU, an exact
// least-recently-used cache with every operation O(1); LFU, an exact
// least-frequently-used cache with every operation O(1), after Shah, Mitra
// and Matani; and Redis, a model of the approximated allkeys-lru and
// allkeys-lfu policies of redis-server, which keep no order at all and
// evict the best of a few sampled keys.
//
// LRU is the interview answer: a hash map from key to a node of a doubly
// linked list ordered by use, most recent at the front. A hit moves its
// node to the front; an insert into a full cache drops the node at the
// back. The list is doubly linked so that a node found through the map can
// be unlinked without walking to its predecessor, and it has sentinel head
// and tail nodes so that no operation has a special case for the first or
// last node.
//
// LFU keeps one list per access count, the buckets, in a list of buckets
// ordered by count. A hit moves a node into the next bucket; eviction takes
// the least recent node of the lowest bucket, so ties in count are broken
// by recency.
//
// Redis follows src/evict.c of redis-server 7: a 24-bit LRU clock of
// seconds stamped on each key, or an 8-bit logarithmic counter with a
// 16-bit time of last decrement in minutes; maxmemory-samples keys drawn
// at random into an eviction pool of 16 sorted by score, the best of which
// is evicted. Its random source is seeded, so a run is repeatable.
//
// Each cache has an optional observer, the field Observe, which receives
// an Event for each step an operation takes. The lines of cache.go that
// perform the steps carry the comment "// step: <id>", where id is the
// Event's Step.
package lru
