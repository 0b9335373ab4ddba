package credits

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Errors returned by AddCredit and Charge, wrapped with the bad value.
var (
	ErrAmount    = errors.New("amount must be positive")
	ErrExpire    = errors.New("expire must not be negative")
	ErrGrantID   = errors.New("grant id must be non-empty printable text without spaces")
	ErrDuplicate = errors.New("grant id already used")
	ErrOverflow  = errors.New("value out of range")
)

// Grant is a grant of credits as the replay sees it.
type Grant struct {
	// ID names the grant; it is unique in its Ledger.
	ID string
	// Amount is the number of credits granted.
	Amount int64
	// Left is the number of credits not yet used, at the moment the grant
	// is reported.
	Left int64
	// Start is the first time the grant can be used.
	Start int64
	// Expiry is the last time the grant can be used: Start plus expire.
	Expiry int64
}

// ValidAt reports whether g can pay a charge made at t, or count in the
// balance at t: t is in the closed interval [Start, Expiry]. This is the
// one statement of the rule; the replay and every picture of it ask here.
func (g *Grant) ValidAt(t int64) bool { return g.Start <= t && t <= g.Expiry }

// Lapses returns the first time after Start at which g is no longer valid
// (see ValidAt): the instant after Expiry. ok is false when g never lapses,
// its Expiry being the last int64.
func (g *Grant) Lapses() (t int64, ok bool) {
	if g.Expiry == math.MaxInt64 {
		return 0, false
	}
	return g.Expiry + 1, true
}

// before reports whether g is used before h: it expires earlier, or at the
// same time but started earlier, or both tie and its id is smaller.
func (g *Grant) before(h *Grant) bool {
	if g.Expiry != h.Expiry {
		return g.Expiry < h.Expiry
	}
	if g.Start != h.Start {
		return g.Start < h.Start
	}
	return g.ID < h.ID
}

// event is one recorded grant or charge. It holds no pointers, so sorting
// events is plain copying.
type event struct {
	time   int64
	amount int64 // the charge's amount; unused for grants
	grant  int   // the grant's index in Ledger.grants; -1 for a charge
	seq    int   // the order of recording, the last tie-break
}

// isGrant reports whether e records a grant.
func (e *event) isGrant() bool { return e.grant >= 0 }

// Ledger records grants and charges, in any order, and reports the balance
// and the shortfall at any time.
//
// The zero Ledger is empty and ready to use. A Ledger is not safe for
// concurrent use, not even by readers only: the first query builds an
// index, and Replay sorts the events in place.
//
// Until the first query, recording an event costs O(1) amortized. The
// first query builds the balance index with one replay of every event,
// O(n log n) for n events. From then on every query costs O(log n), and
// every recording keeps the index current whatever the event's time: the
// events are kept in time order in blocks of about 128, each with the
// replay's heap at its first event, and a new event's block is replayed
// again from there, then each next block whose starting heap that changed.
// A recording costs O(log n) per balance change it makes plus O(128 log n)
// per block replayed; how many depends on how far its effect travels
// (the credits it adds or takes shift between grants until they run out
// or expire): a few blocks when grants expire within a few blocks' worth
// of events, every later block in the worst case, O(n log n).
//
// The index rests on one fact: a charge only sees events at or before its
// own time, so the replay of the events in time order fixes what every
// charge takes from every grant, and the balance at t is a sum of
// intervals up to t: each grant's amount on [start, expiry], less each use
// on [charge time, expiry], kept as point changes in a tree by time.
type Ledger struct {
	// Observe, when non-nil, is called by Replay once for each step it
	// takes (see Step and Event); nil costs one comparison a step and
	// nothing else. BalanceAt and ShortfallAt never call it: they answer
	// from the index, whose replays run unobserved. Observe must not
	// call methods of the Ledger: the replay runs on scratch space inside
	// it.
	Observe func(Event)

	events  []event
	sorted  bool     // events are in replay order
	grants  []*entry // in the order recorded
	slab    []entry  // where new entries are carved from
	ids     map[string]bool
	granted int64   // sum of all grants, kept below overflow
	charged int64   // sum of all charges, kept below overflow
	on      *online // the index, once a query built it
	// blockSize, when not 0, replaces the index's block size: tests make
	// blocks of a few events to exercise splits and sweeps across blocks.
	blockSize int
	heap      expiryHeap // scratch for replays
	scratch   []event    // scratch for sorting
}

// AddCredit records a grant named grantID of amount credits, usable from
// timestamp through timestamp+expire inclusive. It returns an error naming
// the bad value when amount <= 0, expire < 0, grantID is empty or has
// spaces or control characters, grantID was used before, or
// timestamp+expire or the total granted would overflow int64. Nothing is
// recorded on error.
func (l *Ledger) AddCredit(grantID string, amount, timestamp, expire int64) error {
	if !validID(grantID) {
		return fmt.Errorf("credits: grant id %q: %w", grantID, ErrGrantID)
	}
	if amount <= 0 {
		return fmt.Errorf("credits: grant %q: amount %d: %w", grantID, amount, ErrAmount)
	}
	if expire < 0 {
		return fmt.Errorf("credits: grant %q: expire %d: %w", grantID, expire, ErrExpire)
	}
	if l.ids[grantID] {
		return fmt.Errorf("credits: grant id %q: %w", grantID, ErrDuplicate)
	}
	if timestamp > math.MaxInt64-expire {
		return fmt.Errorf("credits: grant %q: timestamp %d + expire %d: %w", grantID, timestamp, expire, ErrOverflow)
	}
	if l.granted > math.MaxInt64-amount {
		return fmt.Errorf("credits: grant %q: amount %d makes the total granted overflow: %w", grantID, amount, ErrOverflow)
	}
	if l.ids == nil {
		l.ids = make(map[string]bool)
	}
	l.ids[grantID] = true
	l.granted += amount
	if len(l.slab) == cap(l.slab) {
		l.slab = make([]entry, 0, min(max(2*cap(l.slab), 16), 4096))
	}
	l.slab = append(l.slab, entry{Grant: Grant{ID: grantID, Amount: amount, Left: amount, Start: timestamp, Expiry: timestamp + expire}, index: -1})
	l.grants = append(l.grants, &l.slab[len(l.slab)-1])
	l.record(event{time: timestamp, grant: len(l.grants) - 1})
	return nil
}

// Charge records a charge of amount credits at timestamp. It returns an
// error naming the value when amount <= 0 or the total charged would
// overflow int64. Nothing is recorded on error.
func (l *Ledger) Charge(amount, timestamp int64) error {
	if amount <= 0 {
		return fmt.Errorf("credits: charge at %d: amount %d: %w", timestamp, amount, ErrAmount)
	}
	if l.charged > math.MaxInt64-amount {
		return fmt.Errorf("credits: charge at %d: amount %d makes the total charged overflow: %w", timestamp, amount, ErrOverflow)
	}
	l.charged += amount
	l.record(event{time: timestamp, amount: amount, grant: -1})
	return nil
}

func (l *Ledger) record(e event) {
	n := len(l.events)
	// Appending in replay order keeps the events sorted.
	e.seq = n
	l.sorted = n == 0 || (l.sorted && !eventBefore(&e, &l.events[n-1]))
	l.events = append(l.events, e)
	if l.on != nil {
		l.on.insert(e)
	}
}

// index returns the balance index, building it on the first query.
func (l *Ledger) index() *online {
	if l.on == nil {
		l.on = l.buildOnline()
	}
	return l.on
}

// Grants returns every grant recorded, in the order recorded, as granted:
// Left is Amount. Ask each whether it is valid at a time with ValidAt.
func (l *Ledger) Grants() []Grant {
	gs := make([]Grant, len(l.grants))
	for i, g := range l.grants {
		gs[i] = g.Grant
		gs[i].Left = g.Amount
	}
	return gs
}

// Len returns the number of events recorded.
func (l *Ledger) Len() int { return len(l.events) }

// BalanceAt returns the credits available at t: the replay of every event
// at or before t in time order, then the sum of the grants still valid at
// t. It is never negative. See the Ledger for its cost.
func (l *Ledger) BalanceAt(t int64) int64 {
	return l.index().balanceAt(t)
}

// ShortfallAt returns the credits charged at or before t that no valid
// grant could pay. See the Ledger for its cost.
func (l *Ledger) ShortfallAt(t int64) int64 {
	return l.index().shortfallAt(t)
}

// eventBefore reports whether a replays before b: earlier time, or the same
// time with a a grant and b a charge, or else recorded earlier.
func eventBefore(a, b *event) bool {
	if a.time != b.time {
		return a.time < b.time
	}
	if ag, bg := a.isGrant(), b.isGrant(); ag != bg {
		return ag
	}
	return a.seq < b.seq
}

// sortedEvents returns the events in replay order: by time, grants before
// charges at one time, otherwise in the order recorded. Sorting costs
// O(n log n) after a change, nothing otherwise.
func (l *Ledger) sortedEvents() []event {
	if !l.sorted {
		l.scratch = sortEvents(l.events, l.scratch)
		l.sorted = true
	}
	return l.events
}

// upTo returns how many of the sorted events have a time at or before t.
func upTo(events []event, t int64) int {
	return sort.Search(len(events), func(i int) bool { return events[i].time > t })
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffd {
			return false
		}
	}
	return true
}
