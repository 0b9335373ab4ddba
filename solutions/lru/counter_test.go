package lru

import (
	"math/rand/v2"
	"testing"
)

// TestLogCounterMatchesRedisConf drives the logarithmic counter of a new
// key (5) with lfu-log-factor 10 and compares its mean over 20 runs with
// the table in the redis.conf shipped with Redis 7 ("LFU tuning"): 10
// after 100 hits, 18 after 1000, 142 after 100K and 255 after 1M. The
// counter is random (one run's 100K-hit value ranges over 137 to 162), so
// each mean is allowed a few steps either way.
func TestLogCounterMatchesRedisConf(t *testing.T) {
	const runs = 20
	marks := []int{100, 1000, 100_000, 1_000_000}
	want := []float64{10, 18, 142, 255}
	slack := []float64{1.5, 2, 8, 1}
	sum := make([]float64, len(marks))
	for run := range uint64(runs) {
		r := rand.New(rand.NewPCG(run, 5))
		counter := uint8(LFUInitVal)
		hits := 0
		for m, mark := range marks {
			for ; hits < mark; hits++ {
				counter, _ = logIncr(counter, 10, r.Float64())
			}
			sum[m] += float64(counter)
		}
	}
	for m := range marks {
		mean := sum[m] / runs
		t.Logf("%7d hits: mean counter %.1f, redis.conf %v", marks[m], mean, want[m])
		if mean < want[m]-slack[m] || mean > want[m]+slack[m] {
			t.Errorf("after %d hits the mean counter is %.1f, redis.conf says %v", marks[m], mean, want[m])
		}
	}
}

// TestDecay checks LFUDecrAndReturn's arithmetic on the model's clock:
// one step down per lfu-decay-time minutes idle, never below 0, and none
// with lfu-decay-time 0.
func TestDecay(t *testing.T) {
	c, _ := NewRedis[string, int](4, AllKeysLFU, 1)
	c.Tick = 60_000 // a minute per operation
	c.Put("a", 1)   // counter 5 at minute 1
	for _, tt := range []struct {
		decay, minutes int
		want           uint8
	}{{1, 0, 5}, {1, 2, 3}, {2, 3, 4}, {1, 9, 0}, {0, 9, 5}} {
		c.DecayTime = tt.decay
		c.now = int64(1+tt.minutes) * 60_000
		if got := c.decayed(c.slots[0].lru); got != tt.want {
			t.Errorf("decay %d, %d minutes idle: counter %d, want %d", tt.decay, tt.minutes, got, tt.want)
		}
	}
	// The 16 bits of minutes wrap: a key stamped just before the wrap
	// is 2 minutes idle just after it (65535-65534+1).
	c.slots[0].lru = 65534<<8 | 7
	c.DecayTime = 1
	c.now = 65536 * 60_000 // minute 0 again
	if got := c.decayed(c.slots[0].lru); got != 6 {
		t.Errorf("across the wrap: counter %d, want 6", got)
	}
}

// TestIdleWraps checks estimateObjectIdleTime's wrap of the 24-bit clock.
func TestIdleWraps(t *testing.T) {
	c, _ := NewRedis[string, int](1, AllKeysLRU, 1)
	c.now = 10 * LRUClockResolution
	if got := c.idle(4); got != 6000 {
		t.Errorf("idle = %d ms, want 6000", got)
	}
	c.now = 2 * LRUClockResolution // the clock wrapped after LRUClockMax
	if got := c.idle(LRUClockMax - 3); got != (2+3)*LRUClockResolution {
		t.Errorf("idle across the wrap = %d ms, want 5000", got)
	}
}

// TestBadArguments: capacities below 1 and unknown policies are errors
// that name the value.
func TestBadArguments(t *testing.T) {
	if _, err := NewLRU[int, int](0); err == nil || err.Error() != "lru: capacity 0: want at least 1" {
		t.Errorf("NewLRU(0): %v", err)
	}
	if _, err := NewLFU[int, int](-2); err == nil {
		t.Error("NewLFU(-2) accepted")
	}
	if _, err := NewRedis[int, int](3, "volatile-ttl", 1); err == nil || err.Error() != `lru: policy "volatile-ttl": want allkeys-lru or allkeys-lfu` {
		t.Errorf("NewRedis volatile-ttl: %v", err)
	}
}
