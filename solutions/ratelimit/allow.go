package ratelimit

import "time"

// The decisions of every limiter, side by side. Each AllowN locks its
// limiter, reads the instant (never before the latest one it saw), brings
// its state up to that instant (a window rolls, log entries or slots
// expire, tokens refill, the queue drains), then allows or denies. The
// lines that perform a step carry "// step: <id>".

// AllowN reports whether n requests at now fit in the current fixed
// window's count, and counts them if so.
func (l *FixedWindow) AllowN(now time.Time, n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.at(now) // step: fixed-arrive
	l.note(StepFixedArrive, t, n, false, ReasonNone)
	if start := floorDiv(t, l.window) * l.window; start != l.start {
		l.start, l.count = start, 0 // step: fixed-roll
		l.note(StepFixedRoll, t, n, false, ReasonNone)
	}
	if n < 0 || l.count+n > l.limit { // step: fixed-deny
		l.note(StepFixedDeny, t, n, false, reason(n, l.limit, ReasonCount))
		return false
	}
	l.count += n // step: fixed-allow
	l.note(StepFixedAllow, t, n, true, ReasonNone)
	return true
}

// AllowN reports whether the log of the last window has room for n
// requests at now, and appends them if so.
func (l *SlidingLog) AllowN(now time.Time, n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.at(now) // step: log-arrive
	l.note(StepLogArrive, t, n, false, ReasonNone, nil)
	k := 0
	for k < l.size && l.entry(k) <= t-l.window {
		k++
	}
	if k > 0 {
		var expired []time.Time
		if l.Observe != nil {
			expired = l.entries()[:k]
		}
		l.head, l.size = (l.head+k)%len(l.ring), l.size-k // step: log-expire
		l.note(StepLogExpire, t, n, false, ReasonNone, expired)
	}
	if n < 0 || l.size+n > l.limit { // step: log-deny
		l.note(StepLogDeny, t, n, false, reason(n, l.limit, ReasonCount), nil)
		return false
	}
	for range n {
		l.ring[(l.head+l.size)%len(l.ring)] = t // step: log-allow
		l.size++
	}
	l.note(StepLogAllow, t, n, true, ReasonNone, nil)
	return true
}

// AllowN reports whether the estimate of the last window's count, plus
// n, is within the limit at now, and counts the n if so.
func (l *SlidingCounter) AllowN(now time.Time, n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.at(now) // step: counter-arrive
	l.note(StepCounterArrive, t, n, false, ReasonNone, min(max(l.start+l.window-t, 0), l.window), l.count)
	if start := floorDiv(t, l.window) * l.window; start != l.start {
		l.prev = 0
		if start == l.start+l.window {
			l.prev = l.count
		}
		l.start, l.count = start, 0 // step: counter-roll
		l.note(StepCounterRoll, t, n, false, ReasonNone, l.start+l.window-t, 0)
	}
	// estimate = prev*left/window + count, compared in units of 1/window.
	left := l.start + l.window - t
	w := uint64(l.window)
	if n < 0 || n > l.limit || uint64(l.prev)*uint64(left)+uint64(l.count+n)*w > uint64(l.limit)*w { // step: counter-deny
		l.note(StepCounterDeny, t, n, false, reason(n, l.limit, ReasonEstimate), left, l.count)
		return false
	}
	l.count += n // step: counter-allow
	l.note(StepCounterAllow, t, n, true, ReasonNone, left, l.count-n)
	return true
}

// AllowN reports whether the slots of the last window, with n more,
// count within the limit at now, and counts the n in the current slot
// if so.
func (l *SlotCounter) AllowN(now time.Time, n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.at(now) // step: slots-arrive
	cur, slots := floorDiv(t, l.slot), int64(len(l.counts))
	l.note(StepSlotsArrive, t, n, false, ReasonNone, l.sum(cur), nil)
	var expired []Slot
	gone := false
	for j, idx := range l.starts {
		if idx <= cur-slots && l.counts[j] != 0 {
			if l.Observe != nil {
				expired = append(expired, Slot{instant(idx * l.slot), l.counts[j]})
			}
			l.counts[j], gone = 0, true // step: slot-expire
		}
	}
	sum := l.sum(cur)
	if gone {
		l.note(StepSlotExpire, t, n, false, ReasonNone, sum, expired)
	}
	if n < 0 || sum+n > l.limit { // step: slots-deny
		l.note(StepSlotsDeny, t, n, false, reason(n, l.limit, ReasonCount), sum, nil)
		return false
	}
	j := floorMod(cur, slots)
	if l.starts[j] != cur {
		l.starts[j], l.counts[j] = cur, 0
	}
	l.counts[j] += n // step: slots-allow
	l.note(StepSlotsAllow, t, n, true, ReasonNone, sum+n, nil)
	return true
}

// sum is the count of the slots of the window ending in slot cur.
func (l *SlotCounter) sum(cur int64) int {
	s := 0
	for j, idx := range l.starts {
		if idx > cur-int64(len(l.counts)) && idx <= cur {
			s += l.counts[j]
		}
	}
	return s
}

// AllowN reports whether the bucket, refilled up to now, holds n tokens,
// and spends them if so.
func (l *TokenBucket) AllowN(now time.Time, n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.at(now) // step: bucket-arrive
	l.note(StepBucketArrive, t, n, false, ReasonNone, 0)
	if full := int64(l.burst) * l.window; l.level < full && t > l.last {
		add := full - l.level
		if el := t - l.last; el < add/l.limit+1 {
			add = min(add, el*l.limit)
		}
		l.level += add // step: bucket-refill
		l.note(StepBucketRefill, t, n, false, ReasonNone, add)
	}
	l.last = t
	// A request passes when its tokens are there within this nanosecond:
	// short by less than a nanosecond's refill, as x/time/rate rounds
	// the wait down to whole nanoseconds.
	if n < 0 || n > l.burst || int64(n)*l.window-l.level >= l.limit { // step: bucket-deny
		l.note(StepBucketDeny, t, n, false, reason(n, l.burst, ReasonNoToken), 0)
		return false
	}
	l.level -= int64(n) * l.window // step: bucket-allow
	l.note(StepBucketAllow, t, n, true, ReasonNone, 0)
	return true
}

// AllowN reports whether n requests at now are admitted to the queue (or
// served at once), and queues them if so.
func (l *LeakyBucket) AllowN(now time.Time, n int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.at(now) // step: leaky-arrive
	l.note(StepLeakyArrive, t, n, false, ReasonNone, nil, time.Time{})
	k := 0
	for k < l.size && !l.ring[(l.head+k)%len(l.ring)].after(t) {
		k++
	}
	if k > 0 {
		var drained []time.Time
		if l.Observe != nil {
			drained = l.queue()[:k]
		}
		l.head, l.size = (l.head+k)%len(l.ring), l.size-k // step: leaky-drain
		l.note(StepLeakyDrain, t, n, false, ReasonNone, drained, time.Time{})
	}
	first := at{ns: t}
	if l.busy && l.next(l.last).after(t) {
		first = l.next(l.last)
	}
	waiting := n
	if n > 0 && !first.after(t) {
		waiting-- // the first is served at once
	}
	if n < 0 || l.size+waiting > len(l.ring) { // step: leaky-drop
		l.note(StepLeakyDrop, t, n, false, reason(waiting, len(l.ring), ReasonQueueFull), nil, time.Time{})
		return false
	}
	d := first
	for i := range n {
		if i > 0 {
			d = l.next(d)
		}
		if d.after(t) {
			l.push(d) // step: leaky-allow
		}
	}
	if n > 0 {
		l.last, l.busy = d, true
	}
	l.note(StepLeakyAllow, t, n, true, ReasonNone, nil, d.time())
	return true
}

// reason is why n requests are denied by a limit of most: too many at
// once when no state could let them through, else r.
func reason(n, most int, r Reason) Reason {
	if n < 0 || n > most {
		return ReasonTooMany
	}
	return r
}
