package ratelimit

import "time"

// Step is the stable id of a step an observer sees: the line of allow.go
// that performs it carries the comment "// step: <id>", and tutor's
// source pane highlights it.
type Step string

// The steps of each limiter, in the order one request takes them. A
// request takes its limiter's arrive step, then at most one roll, expire,
// refill or drain step, then an allow or a deny step.
const (
	// StepFixedArrive: a request reaches a FixedWindow.
	StepFixedArrive Step = "fixed-arrive"
	// StepFixedRoll: a new fixed window starts and its count is zero.
	StepFixedRoll Step = "fixed-roll"
	// StepFixedAllow: the window's count plus the request is within the
	// limit; the count grows.
	StepFixedAllow Step = "fixed-allow"
	// StepFixedDeny: the window's count is at the limit.
	StepFixedDeny Step = "fixed-deny"

	// StepLogArrive: a request reaches a SlidingLog.
	StepLogArrive Step = "log-arrive"
	// StepLogExpire: entries one window old or older leave the log.
	StepLogExpire Step = "log-expire"
	// StepLogAllow: the log holds room for the request; its instant is
	// appended.
	StepLogAllow Step = "log-allow"
	// StepLogDeny: the log holds the limit already.
	StepLogDeny Step = "log-deny"

	// StepCounterArrive: a request reaches a SlidingCounter.
	StepCounterArrive Step = "counter-arrive"
	// StepCounterRoll: a new window starts; the current count becomes
	// the previous one (or zero, when a whole window passed unseen).
	StepCounterRoll Step = "counter-roll"
	// StepCounterAllow: the weighted estimate plus the request is
	// within the limit; the current count grows.
	StepCounterAllow Step = "counter-allow"
	// StepCounterDeny: the estimate plus the request is over the limit.
	StepCounterDeny Step = "counter-deny"

	// StepSlotsArrive: a request reaches a SlotCounter.
	StepSlotsArrive Step = "slots-arrive"
	// StepSlotExpire: slots that fell out of the window are emptied.
	StepSlotExpire Step = "slot-expire"
	// StepSlotsAllow: the live slots' sum plus the request is within the
	// limit; the current slot's count grows.
	StepSlotsAllow Step = "slots-allow"
	// StepSlotsDeny: the live slots' sum is at the limit.
	StepSlotsDeny Step = "slots-deny"

	// StepBucketArrive: a request reaches a TokenBucket.
	StepBucketArrive Step = "bucket-arrive"
	// StepBucketRefill: the time since the last request adds tokens, up
	// to the burst.
	StepBucketRefill Step = "bucket-refill"
	// StepBucketAllow: there are tokens for the request; they are spent.
	StepBucketAllow Step = "bucket-allow"
	// StepBucketDeny: there are not enough tokens.
	StepBucketDeny Step = "bucket-deny"

	// StepLeakyArrive: a request reaches a LeakyBucket.
	StepLeakyArrive Step = "leaky-arrive"
	// StepLeakyDrain: requests whose turn has come leave the queue.
	StepLeakyDrain Step = "leaky-drain"
	// StepLeakyAllow: the request is served now or joins the queue.
	StepLeakyAllow Step = "leaky-allow"
	// StepLeakyDrop: the queue is full; the request is dropped.
	StepLeakyDrop Step = "leaky-drop"
)

// Kind names a limiter.
type Kind string

// The limiters, by the names `tutor trace ratelimit --limiter` takes.
const (
	KindFixed   Kind = "fixed"
	KindLog     Kind = "sliding-log"
	KindCounter Kind = "sliding-counter"
	KindSlots   Kind = "sliding-slots"
	KindBucket  Kind = "token-bucket"
	KindLeaky   Kind = "leaky-bucket"
)

// Reason says why a request was denied.
type Reason string

// The reasons of a deny step; an allow step has ReasonNone.
const (
	ReasonNone Reason = ""
	// ReasonCount: the exact count in the window is at the limit
	// (FixedWindow, SlidingLog, SlotCounter).
	ReasonCount Reason = "count"
	// ReasonEstimate: the weighted estimate is over the limit
	// (SlidingCounter).
	ReasonEstimate Reason = "estimate"
	// ReasonNoToken: the bucket holds fewer tokens than asked for.
	ReasonNoToken Reason = "no token"
	// ReasonQueueFull: the leaky bucket's queue has no room.
	ReasonQueueFull Reason = "queue full"
	// ReasonTooMany: n is more than the limiter lets through at once
	// (more than the limit, the burst or the queue), or negative.
	ReasonTooMany Reason = "too many at once"
)

// Slot is one slot of a SlotCounter: its start and its count.
type Slot struct {
	Start time.Time
	Count int
}

// Event is one step of a limiter, as an observer sees it, with what a
// picture of the limiter needs after the step. Fields that do not apply
// to the limiter are zero. Slices are copies the observer may keep.
type Event struct {
	// Step is the step taken.
	Step Step
	// Limiter is the limiter's kind.
	Limiter Kind
	// At is the request's instant (an instant before the latest one the
	// limiter saw is taken as that one).
	At time.Time
	// N is the number of requests asked for at once.
	N int
	// Allowed is the decision, for allow and deny steps.
	Allowed bool
	// Reason says why, for deny steps.
	Reason Reason
	// Limit and Window are the limiter's: Limit requests per Window (the
	// token and leaky buckets' rate).
	Limit  int
	Window time.Duration

	// WindowStart is where the current window starts: the fixed window
	// (FixedWindow, SlidingCounter) or At - Window (SlidingLog,
	// SlotCounter). For a roll, the new window.
	WindowStart time.Time
	// Count is what the decision counts, after the step: the current
	// window's count (FixedWindow, SlidingCounter), the log's length, the
	// live slots' sum, the queue's length (LeakyBucket).
	Count int
	// Prev is the SlidingCounter's previous window count, and Weight the
	// share of the previous window the sliding window still covers, from
	// 1 at the start of the current window down to 0 at its end.
	Prev   int
	Weight float64
	// Estimate is the SlidingCounter's Prev*Weight + Count, as the
	// decision saw it (before the request is counted).
	Estimate float64
	// Log is the SlidingLog's entries after the step, oldest first, and
	// Expired those the step removed.
	Log, Expired []time.Time
	// Slots are the SlotCounter's live slots after the step, oldest
	// first (empty slots included), and ExpiredSlots those emptied.
	Slots, ExpiredSlots []Slot
	// Tokens is the TokenBucket's level after the step, Added what a
	// refill added, and Burst its capacity (the LeakyBucket's queue
	// size).
	Tokens, Added float64
	Burst         int
	// Queue is the LeakyBucket's queue after the step: the instant each
	// waiting request leaves, the first to leave first; Drained are the
	// instants of those the step let leave. Departs is when an admitted
	// request is served (its last one, for n > 1): At when served at
	// once.
	Queue, Drained []time.Time
	Departs        time.Time
}
