package machinetree

import (
	"fmt"
	"math/rand/v2"
)

// Order is the policy a SimNetwork delivers in-flight messages by.
type Order uint8

const (
	// FIFO delivers the message in flight longest first.
	FIFO Order = iota
	// LIFO delivers the message sent last first.
	LIFO
	// RandomOrder delivers a message drawn uniformly from those in flight,
	// from a seeded generator.
	RandomOrder
)

// Orders lists every Order, in the order a picture cycles through them.
var Orders = []Order{FIFO, LIFO, RandomOrder}

// String returns "fifo", "lifo" or "random".
func (o Order) String() string {
	switch o {
	case FIFO:
		return "fifo"
	case LIFO:
		return "lifo"
	case RandomOrder:
		return "random"
	}
	return fmt.Sprintf("order(%d)", uint8(o))
}

// ParseOrder returns the Order named s: "fifo", "lifo" or "random".
func ParseOrder(s string) (Order, error) {
	for _, o := range Orders {
		if o.String() == s {
			return o, nil
		}
	}
	return 0, fmt.Errorf("unknown delivery order %q: want fifo, lifo or random", s)
}

// SimNetwork is a deterministic network: it holds every message in flight
// and delivers one at a time, on the caller's goroutine, in its Order or in
// the order the caller picks with Deliver. The same tree, order and seed
// give the same run.
//
// In-flight messages are listed in the order they were sent; delivering one
// keeps the others in that order. Delivering the oldest or the newest costs
// O(1); a message in the middle (RandomOrder, or Deliver) costs
// O(min(i, Len()-i)) to close the gap.
//
// A SimNetwork delivers every message exactly once unless told otherwise:
// DeliverTwice makes chosen deliveries hand their message to the handler
// a second time, as an at-least-once network does when it retries.
//
// The zero SimNetwork is not usable: make one with NewSimNetwork. A
// SimNetwork is not safe for concurrent use.
type SimNetwork struct {
	order     Order
	rng       *rand.Rand
	q         []Message // a ring: len(q) is 0 or a power of two
	head, n   int       // the oldest message is q[head]; n are in flight
	h         Handler
	delivered int64
	twice     map[int64]bool // deliveries handed to the handler twice
}

// NewSimNetwork returns an empty network delivering in order; seed feeds
// RandomOrder and is ignored by the others.
func NewSimNetwork(order Order, seed uint64) *SimNetwork {
	return &SimNetwork{order: order, rng: rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))}
}

// Attach sets the handler messages are delivered to.
func (s *SimNetwork) Attach(h Handler) { s.h = h }

// Send puts m in flight. Amortized O(1).
func (s *SimNetwork) Send(m Message) {
	if s.n == len(s.q) {
		s.grow()
	}
	s.q[(s.head+s.n)&(len(s.q)-1)] = m
	s.n++
}

// grow doubles the ring, moving the messages to its start.
func (s *SimNetwork) grow() {
	q := make([]Message, max(16, 2*len(s.q)))
	for j := range s.n {
		q[j] = s.q[(s.head+j)&(len(s.q)-1)]
	}
	s.q, s.head = q, 0
}

// at returns the place of the i-th message in flight.
func (s *SimNetwork) at(i int) *Message { return &s.q[(s.head+i)&(len(s.q)-1)] }

// Len returns the number of messages in flight.
func (s *SimNetwork) Len() int { return s.n }

// Delivered returns how many messages the network has delivered. A
// message delivered twice (DeliverTwice) counts once.
func (s *SimNetwork) Delivered() int64 { return s.delivered }

// DeliverTwice makes the k-th delivery of the network, counting from 1
// since it was made (Step, Deliver, Run, Round and Wait alike), hand its
// message to the handler twice in a row, as a network that retries a
// message whose acknowledgement it lost: the second copy arrives after the
// handler has acted on the first. It returns an error when k is below 1
// or the k-th delivery has already happened.
func (s *SimNetwork) DeliverTwice(k int64) error {
	if k < 1 {
		return fmt.Errorf("cannot deliver twice delivery %d: deliveries count from 1", k)
	}
	if k <= s.delivered {
		return fmt.Errorf("cannot deliver twice delivery %d: %d deliveries have happened, the next is %d", k, s.delivered, s.delivered+1)
	}
	if s.twice == nil {
		s.twice = make(map[int64]bool)
	}
	s.twice[k] = true
	return nil
}

// InFlight returns the messages in flight, oldest first, in a new slice.
// Deliver(i) delivers the i-th of them.
func (s *SimNetwork) InFlight() []Message {
	out := make([]Message, s.n)
	for j := range out {
		out[j] = *s.at(j)
	}
	return out
}

// next returns the index among InFlight() of the message Step delivers,
// drawing it for RandomOrder; -1 when nothing is in flight.
func (s *SimNetwork) next() int {
	n := s.Len()
	if n == 0 {
		return -1
	}
	switch s.order {
	case LIFO:
		return n - 1
	case RandomOrder:
		return s.rng.IntN(n)
	}
	return 0
}

// Step delivers one message chosen by the network's Order and returns its
// index among InFlight() before the delivery; ok is false when nothing is in
// flight.
func (s *SimNetwork) Step() (i int, ok bool) {
	i = s.next()
	if i < 0 {
		return -1, false
	}
	s.deliver(i)
	return i, true
}

// Deliver delivers the i-th message of InFlight(), whatever the Order. It
// returns an error naming i when there is no such message.
func (s *SimNetwork) Deliver(i int) error {
	if i < 0 || i >= s.Len() {
		if s.Len() == 0 {
			return fmt.Errorf("cannot deliver message %d: nothing is in flight", i)
		}
		return fmt.Errorf("cannot deliver message %d: %d in flight (0 to %d)", i, s.Len(), s.Len()-1)
	}
	s.deliver(i)
	return nil
}

// Drop removes the i-th message of InFlight() without delivering it, as a
// lossy network would, and returns it.
func (s *SimNetwork) Drop(i int) (Message, error) {
	if i < 0 || i >= s.Len() {
		return Message{}, fmt.Errorf("cannot drop message %d: %d in flight", i, s.Len())
	}
	return s.take(i), nil
}

func (s *SimNetwork) deliver(i int) {
	m := s.take(i)
	s.delivered++
	if s.h == nil {
		return
	}
	s.h.Handle(m)
	if s.twice != nil && s.twice[s.delivered] {
		s.h.Handle(m)
	}
}

// take removes the i-th message in flight, keeping the others in order by
// moving the shorter side of the ring one place.
func (s *SimNetwork) take(i int) Message {
	m := *s.at(i)
	if i < s.n/2 {
		for j := i; j > 0; j-- {
			*s.at(j) = *s.at(j - 1)
		}
		*s.at(0) = Message{}
		s.head = (s.head + 1) & (len(s.q) - 1)
	} else {
		for j := i; j < s.n-1; j++ {
			*s.at(j) = *s.at(j + 1)
		}
		*s.at(s.n - 1) = Message{}
	}
	s.n--
	return m
}

// Run delivers messages in the network's Order until none is in flight and
// returns how many it delivered.
func (s *SimNetwork) Run() int {
	n := 0
	for {
		if _, ok := s.Step(); !ok {
			return n
		}
		n++
	}
}

// Round delivers every message that was in flight when it was called, in
// the network's Order, and returns how many: one round of a synchronous
// network, where every message sent in a round arrives in the next one.
// Messages sent during the round wait for the next.
func (s *SimNetwork) Round() int {
	n := s.Len()
	for j := 0; j < n; j++ {
		// The first n-j messages in flight are the old ones.
		i := 0
		switch s.order {
		case LIFO:
			i = n - j - 1
		case RandomOrder:
			i = s.rng.IntN(n - j)
		}
		s.deliver(i)
	}
	return n
}

// Wait delivers messages in the network's Order until done is closed. It
// returns ErrStalled if nothing is left in flight first.
func (s *SimNetwork) Wait(done <-chan struct{}) error {
	for {
		select {
		case <-done:
			return nil
		default:
		}
		if _, ok := s.Step(); !ok {
			return ErrStalled
		}
	}
}
