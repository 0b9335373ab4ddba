package ratelimit

import (
	"fmt"
	"sync"
	"time"
)

// TokenBucket holds up to burst tokens, gains limit tokens per window,
// continuously, and spends one per request: a request passes when there
// is a token for it. It starts full. Its state is a level and an
// instant: O(1) memory. It decides as golang.org/x/time/rate's Limiter
// with rate limit/window and the same burst does, with the level kept
// exactly, in integers (a token is window-in-nanoseconds units, and a
// nanosecond adds limit units), where rate keeps a float64. As rate does,
// it lets a request through when its tokens are there within the same
// nanosecond, so the level may be short of zero by less than a
// nanosecond's refill.
type TokenBucket struct {
	// Observe, when not nil, sees every step. It runs with the limiter
	// locked, and must not call the limiter.
	Observe func(Event)

	mu     sync.Mutex
	limit  int64 // units a nanosecond adds
	window int64 // units a token takes
	burst  int
	clock
	last  int64 // the instant the level was last brought up to date
	level int64 // units held, -limit+1 to burst*window
}

// NewTokenBucket returns a bucket of burst tokens refilled at limit
// tokens per window.
func NewTokenBucket(limit int, window time.Duration, burst int) (*TokenBucket, error) {
	if err := checkRate(limit, window); err != nil {
		return nil, err
	}
	if burst < 1 || burst > MaxLimit {
		return nil, fmt.Errorf("burst %d: want 1 to %d tokens", burst, MaxLimit)
	}
	return &TokenBucket{
		limit: int64(limit), window: int64(window), burst: burst,
		level: int64(burst) * int64(window),
	}, nil
}

// Allow is AllowN(now, 1).
func (l *TokenBucket) Allow(now time.Time) bool { return l.AllowN(now, 1) }

// tokens are units u in tokens.
func (l *TokenBucket) tokens(u int64) float64 { return float64(u) / float64(l.window) }

// note reports step to the observer, if any; added is what a refill
// added, in units.
func (l *TokenBucket) note(s Step, t int64, n int, ok bool, r Reason, added int64) {
	if l.Observe == nil {
		return
	}
	l.Observe(Event{
		Step: s, Limiter: KindBucket, At: instant(t), N: n, Allowed: ok, Reason: r,
		Limit: int(l.limit), Window: time.Duration(l.window),
		Tokens: l.tokens(l.level), Added: l.tokens(added), Burst: l.burst,
	})
}
