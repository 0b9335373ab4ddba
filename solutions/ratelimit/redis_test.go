package ratelimit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// startRedis starts a throwaway redis-server on a free loopback port with
// its directory in t.TempDir(), stopped in t.Cleanup, and returns a
// client. It skips the test when the binary is missing.
func startRedis(t *testing.T) *redis.Client {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not installed (apt-get install redis-server); the limiters are not run against a real Redis")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", t.TempDir())
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	c := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port), DisableIdentity: true, PoolSize: 16})
	t.Cleanup(func() { c.Close() })
	ctx := context.Background()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if err := c.Ping(ctx).Err(); err == nil {
			return c
		} else if time.Now().After(deadline) {
			t.Fatalf("redis-server on port %d did not answer: %v", port, err)
		}
	}
}

// incrExpire is the fixed window as one script: INCR, EXPIRE on the
// first, and the new count back, so the caller decides from the count
// its own increment produced.
var incrExpire = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`)

// TestRedisFixedWindowRace runs the fixed window on a real redis-server
// two ways. Read-then-write (GET, compare, INCR) lets two clients that
// both read 99 both pass a limit of 100: shown here in that order, then
// measured under 8 goroutines. Deciding from the count INCR returns lets
// exactly the limit through, however the 8 interleave, and the key gets
// its TTL in the same script.
func TestRedisFixedWindowRace(t *testing.T) {
	c := startRedis(t)
	ctx := context.Background()
	const limit = 100

	// The race, in a fixed order: both read, then both write.
	if err := c.Set(ctx, "rl:a", limit-1, 0).Err(); err != nil {
		t.Fatal(err)
	}
	a, _ := c.Get(ctx, "rl:a").Int()
	b, _ := c.Get(ctx, "rl:a").Int()
	passed := 0
	for _, read := range []int{a, b} {
		if read < limit {
			c.Incr(ctx, "rl:a")
			passed++
		}
	}
	if n, _ := c.Get(ctx, "rl:a").Int(); passed != 2 || n != limit+1 {
		t.Fatalf("read-then-write: %d passed, counter %d; want 2 and %d", passed, n, limit+1)
	}

	run := func(allow func() bool) int {
		var mu sync.Mutex
		total := 0
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				n := 0
				for range 50 {
					if allow() {
						n++
					}
				}
				mu.Lock()
				total += n
				mu.Unlock()
			})
		}
		wg.Wait()
		return total
	}
	racy := run(func() bool {
		n, err := c.Get(ctx, "rl:racy").Int()
		if err != nil && err != redis.Nil {
			t.Error(err)
			return false
		}
		if n >= limit {
			return false
		}
		c.Incr(ctx, "rl:racy")
		return true
	})
	t.Logf("read-then-write under 8 goroutines: %d of 400 passed a limit of %d", racy, limit)
	atomic := run(func() bool {
		n, err := incrExpire.Run(ctx, c, []string{"rl:atomic"}, 60_000).Int()
		if err != nil {
			t.Error(err)
			return false
		}
		return n <= limit
	})
	if atomic != limit {
		t.Errorf("deciding from INCR's count: %d passed, want exactly %d", atomic, limit)
	}
	if ttl := c.PTTL(ctx, "rl:atomic").Val(); ttl <= 0 || ttl > time.Minute {
		t.Errorf("the counter's TTL is %v, want up to a minute", ttl)
	}
}

// tokenBucketLua is the token bucket as a Redis script, over the instant
// the caller passes (ARGV[4], ns), with the level in the same integer
// units as TokenBucket: a token is window units, a nanosecond adds limit.
var tokenBucketLua = redis.NewScript(`
local limit, window, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now, n = tonumber(ARGV[4]), tonumber(ARGV[5])
local full = burst * window
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or full)
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or now)
if now < last then now = last end
level = math.min(full, level + (now - last) * limit)
local ok = 0
if n <= burst and n * window - level < limit then
  level = level - n * window
  ok = 1
end
redis.call('HSET', KEYS[1], 'level', level, 'last', now)
return ok`)

// TestRedisTokenBucketScript runs a token bucket written as a Lua script
// on a real redis-server beside TokenBucket, on random traces with
// explicit instants: every decision the same. The script is a second,
// separate implementation of the rule, the one a fleet of servers would
// share.
func TestRedisTokenBucketScript(t *testing.T) {
	c := startRedis(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(9, 17))
	for trace := range 20 {
		limit, burst := 1+rng.IntN(20), 1+rng.IntN(10)
		window := time.Duration(1+rng.IntN(2000)) * time.Millisecond
		mine, _ := NewTokenBucket(limit, window, burst)
		key := fmt.Sprintf("tb:%d", trace)
		at := int64(0)
		for i := range 200 {
			at += rng.Int64N(2 * int64(window) / int64(limit))
			n := 1 + rng.IntN(burst+1)/2
			want := mine.AllowN(origin.Add(time.Duration(at)), n)
			got, err := tokenBucketLua.Run(ctx, c, []string{key}, limit, int64(window), burst, at, n).Int()
			if err != nil {
				t.Fatal(err)
			}
			if (got == 1) != want {
				t.Fatalf("trace %d call %d (%d per %v, burst %d, %d at %v): script %d, TokenBucket %v", trace, i, limit, window, burst, n, time.Duration(at), got, want)
			}
		}
	}
}
