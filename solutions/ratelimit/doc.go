// Package ratelimit holds the rate limiters an interviewer asks about,
// each over an injected clock: the caller passes the instant of every
// request, so a test, a replayed trace or a visualization decides the
// same way every time, and a server passes time.Now() (see Clocked).
//
// The limiters, all safe for concurrent use, all with Allow(now) and
// AllowN(now, n):
//
//   - FixedWindow counts requests in windows aligned to multiples of the
//     window length; a burst at the end of one window and another at the
//     start of the next let through twice the limit in one window length.
//   - SlidingLog keeps the instant of every request allowed in the last
//     window: exact, and memory proportional to the limit.
//   - SlidingCounter keeps two counts, the previous window's and the
//     current one's, and weighs the previous one by how much of it the
//     sliding window still covers: two integers, an estimate.
//   - SlotCounter cuts the window into slots and sums the counts of the
//     last slots: as many integers as slots, an estimate that undercounts
//     by at most the oldest slot.
//   - TokenBucket refills tokens at a rate up to a burst and spends one
//     per request, as golang.org/x/time/rate does, in exact integer
//     arithmetic.
//   - LeakyBucket is a queue with a drain rate: a request joins the queue
//     and leaves it when the drain reaches it, or is dropped when the
//     queue is full.
//
// The decisions of all of them are in allow.go, side by side. The lines
// there that perform a step an observer sees carry "// step: <id>", one
// of the Step constants, for tutor's source pane. An observer (the
// Observe field of each limiter) gets an Event for every step: the
// request arrives, a window rolls, a slot or log entry expires, tokens
// refill, the queue drains, and the request is allowed or denied with
// the reason.
package ratelimit
