package lruviz

import (
	"fmt"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/lru"
)

// cache is what a run needs of each of the solution's caches.
type cache interface {
	Get(key string) (int, bool)
	Put(key string, value int)
	Delete(key string) bool
	Stats() lru.Stats
	Keys(dst []string) []string
}

// newCache makes the solution's cache of policy for in, observed by
// observe when it is not nil.
func newCache(in input, policy string, observe func(lru.Event[string])) (cache, error) {
	switch policy {
	case "lru":
		c, err := lru.NewLRU[string, int](in.cap)
		if err != nil {
			return nil, err
		}
		c.Observe = observe
		return c, nil
	case "lfu":
		c, err := lru.NewLFU[string, int](in.cap)
		if err != nil {
			return nil, err
		}
		c.Observe = observe
		return c, nil
	}
	p := lru.AllKeysLRU
	if policy == "redis-lfu" {
		p = lru.AllKeysLFU
	}
	c, err := lru.NewRedis[string, int](in.cap, p, in.seed)
	if err != nil {
		return nil, err
	}
	c.Samples = in.samples
	c.Tick = int64(in.tick) * lru.LRUClockResolution
	c.Observe = observe
	return c, nil
}

// apply runs o on c.
func apply(c cache, o op) {
	switch o.kind {
	case "put":
		c.Put(o.key, o.val)
	case "get":
		c.Get(o.key)
	case "del":
		c.Delete(o.key)
	}
}

// frame is one event of the observed cache, with the operation it
// belongs to and every policy's counts after that operation.
type frame struct {
	op    int
	ev    lru.Event[string]
	stats [4]lru.Stats // in the order of policies
}

// recording is a run of the trace on the chosen policy, observed, and on
// the other three for the chart. It implements visual.Recording.
type recording struct {
	in     input
	frames []frame
	final  string
}

// record runs the trace on in.policy with its observer attached, a frame
// per event, and on every policy for the counts. Final is the chosen
// cache's keys and counts from a run without an observer.
func record(in input) (*recording, error) {
	rec := &recording{in: in}
	cur := -1
	observed, err := newCache(in, in.policy, func(e lru.Event[string]) {
		rec.frames = append(rec.frames, frame{op: cur, ev: e})
	})
	if err != nil {
		return nil, err
	}
	var all [4]cache
	for i, p := range policies {
		if all[i], err = newCache(in, p, nil); err != nil {
			return nil, err
		}
	}
	for i, o := range in.ops {
		cur = i
		from := len(rec.frames)
		apply(observed, o)
		var st [4]lru.Stats
		for j, c := range all {
			apply(c, o)
			st[j] = c.Stats()
		}
		for f := from; f < len(rec.frames); f++ {
			rec.frames[f].stats = st
		}
	}
	plain, err := newCache(in, in.policy, nil)
	if err != nil {
		return nil, err
	}
	for _, o := range in.ops {
		apply(plain, o)
	}
	s := plain.Stats()
	rec.final = fmt.Sprintf("cache %s\nhits %d · misses %d", keyList(plain.Keys(nil)), s.Hits, s.Misses)
	return rec, nil
}

// keyList is keys separated by spaces, or "(empty)".
func keyList(keys []string) string {
	if len(keys) == 0 {
		return "(empty)"
	}
	return strings.Join(keys, " ")
}

func (r *recording) Len() int       { return len(r.frames) }
func (r *recording) Final() string  { return r.final }
func (r *recording) policyIdx() int { return indexOf(policies, r.in.policy) }

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return 0
}

// Frame is frame i's step and its sentence.
func (r *recording) Frame(i int) visual.Frame {
	f := r.frames[i]
	return visual.Frame{Step: string(f.ev.Step), Explain: r.in.ops[f.op].String() + ": " + explain(f.ev)}
}

// explain is the sentence of an event.
func explain(e lru.Event[string]) string {
	k := e.Key
	switch e.Step {
	case lru.StepLRUHit, lru.StepLFUHit, lru.StepRedisHit:
		if e.Step == lru.StepRedisHit {
			return fmt.Sprintf("%s is in the key table: a hit.", k)
		}
		return fmt.Sprintf("%s is in the map: a hit.", k)
	case lru.StepLRUMiss, lru.StepLFUMiss, lru.StepRedisMiss:
		if e.Step == lru.StepRedisMiss {
			return fmt.Sprintf("%s is not in the key table: a miss.", k)
		}
		return fmt.Sprintf("%s is not in the map: a miss.", k)
	case lru.StepLRUMoveFront:
		return fmt.Sprintf("unlink %s's node (its neighbours point past it) and link it in after head: most recent.", k)
	case lru.StepLRUEvict:
		return fmt.Sprintf("the cache is full: %s, the node before tail, goes (%s).", k, e.Reason)
	case lru.StepLRUInsert:
		return fmt.Sprintf("a new node for %s is linked in after head and the map points at it.", k)
	case lru.StepLRUDelete:
		return fmt.Sprintf("%s's node is unlinked and its map entry deleted.", k)
	case lru.StepLFUBump:
		return fmt.Sprintf("%s moves up one bucket, to the front of count %d.", k, bucketOf(e.Buckets, k))
	case lru.StepLFUEvict:
		return fmt.Sprintf("the cache is full: %s goes (%s).", k, e.Reason)
	case lru.StepLFUInsert:
		return fmt.Sprintf("%s goes in at the front of bucket 1.", k)
	case lru.StepLFUDelete:
		return fmt.Sprintf("%s is unlinked from its bucket and the map.", k)
	case lru.StepRedisTouch:
		return fmt.Sprintf("%s is stamped with the LRU clock, %d s: its idle time is 0.", k, e.Clock)
	case lru.StepRedisDecay:
		return fmt.Sprintf("minutes have passed since %s's last decrement: its counter decays from %d to %d.", k, e.Was, e.Counter)
	case lru.StepRedisIncr:
		if e.Counter > e.Was {
			return fmt.Sprintf("%s's counter goes from %d to %d (the chance was %.0f%%).", k, e.Was, e.Counter, 100*e.Chance)
		}
		return fmt.Sprintf("%s's counter stays at %d (the chance of +1 was %.0f%%).", k, e.Counter, 100*e.Chance)
	case lru.StepRedisInsert:
		return fmt.Sprintf("%s is added to the key table; no list, only a 24-bit field on the key.", k)
	case lru.StepRedisSample:
		// Redis evicts before it runs the next command (performEvictions
		// in processCommand); the run evicts as soon as the write is over,
		// from the same keys, and says so.
		drawn := fmt.Sprintf("%d keys are drawn", len(e.Sample))
		if len(e.Sample) == 1 {
			drawn = "1 key is drawn"
		}
		return "one key too many: Redis evicts before the next command (this run at once): " + drawn + " at random and scored."
	case lru.StepRedisPool:
		if e.Slot < 0 {
			return fmt.Sprintf("%s scores no better than the worst of a full pool: left out.", k)
		}
		return fmt.Sprintf("%s takes place %d of the pool, sorted by score.", k, e.Slot+1)
	case lru.StepRedisGhost:
		return fmt.Sprintf("the pool's best, %s, no longer exists: dropped, try the next.", k)
	case lru.StepRedisEvict:
		return fmt.Sprintf("%s, the pool's best that exists, is evicted (%s).", k, e.Reason)
	case lru.StepRedisDelete:
		return fmt.Sprintf("%s leaves the key table; a pool place naming it stays, a ghost.", k)
	}
	return string(e.Step)
}

// bucketOf is the count of the bucket holding key, or 0.
func bucketOf(bs []lru.Bucket[string], key string) int {
	for _, b := range bs {
		for _, k := range b.Keys {
			if k == key {
				return b.Freq
			}
		}
	}
	return 0
}
