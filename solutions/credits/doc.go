// Package credits is a ledger of GPU credits: grants that can be used from
// their start through their expiry, and charges that always use the valid
// grant that expires first.
//
// A Ledger records grants (AddCredit) and charges (Charge) in any order and
// answers the balance and the unpaid shortfall at any time (BalanceAt,
// ShortfallAt). Replay runs the classic algorithm, a sweep over the events in
// time order with a min-heap of grants keyed by expiry, and reports each of
// its steps, an Event each, to the Ledger's Observe field when it is set;
// the visualization in tutor draws those steps. The queries use an index
// that the same sweep builds, unobserved, at the first query, and that
// every later grant or charge keeps current, so a query costs O(log n)
// instead of a replay.
//
// A grant of amount credits at timestamp with expire is valid on the closed
// interval [timestamp, timestamp+expire]: it can still pay a charge made at
// exactly timestamp+expire (Grant.ValidAt). At one timestamp grants apply
// before charges.
// Ties on expiry go to the earlier grant, then the smaller grant id.
package credits
