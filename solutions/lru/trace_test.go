package lru

import (
	"fmt"
	"math/rand/v2"
)

// cache is what a replay needs of each of the caches.
type cache interface {
	Get(key string) (int, bool)
	Put(key string, value int)
	Stats() Stats
}

// replay looks each key of trace up and puts it on a miss, as a read-
// through cache does, and returns the cache's counts.
func replay(c cache, trace []string) Stats {
	for i, k := range trace {
		if _, ok := c.Get(k); !ok {
			c.Put(k, i)
		}
	}
	return c.Stats()
}

// zipfTrace is n lookups of keys "k:<i>" for i in [0, keys) drawn from a
// Zipf distribution of exponent s, so a few keys are hot.
func zipfTrace(n, keys int, s float64, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 3))
	z := rand.NewZipf(r, s, 1, uint64(keys-1))
	perm := r.Perm(keys) // hot keys spread over the key space
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("k:%06d", perm[z.Uint64()])
	}
	return out
}

// scanTrace is a Zipf trace with a scan of scanLen keys read once,
// never to be read again, after every period lookups: the pattern that
// flushes an LRU cache and that LFU resists.
func scanTrace(n, keys int, s float64, period, scanLen int, seed uint64) []string {
	hot := zipfTrace(n, keys, s, seed)
	out := make([]string, 0, n+n/period*scanLen)
	cold := 0
	for i, k := range hot {
		if i > 0 && i%period == 0 {
			for range scanLen {
				out = append(out, fmt.Sprintf("s:%06d", cold))
				cold++
			}
		}
		out = append(out, k)
	}
	return out
}

// adapters give LRU, LFU and Redis of string keys the cache interface.
var (
	_ cache = (*LRU[string, int])(nil)
	_ cache = (*LFU[string, int])(nil)
	_ cache = (*Redis[string, int])(nil)
)
