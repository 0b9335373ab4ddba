package machinetree

import (
	"sync"
	"sync/atomic"
)

// ConcurrentNetwork runs every machine of a tree in its own goroutine. Each
// machine has an unbounded mailbox: Send appends to it and never blocks, and
// the machine's goroutine hands the messages to the handler one at a time,
// in the order they arrived. Machines run in parallel; the order between
// messages to different machines is up to the scheduler.
//
// Start the goroutines by attaching a handler (NewCluster does), and stop
// them with Close. The zero ConcurrentNetwork is not usable: make one with
// NewConcurrentNetwork. A ConcurrentNetwork is safe for concurrent use.
type ConcurrentNetwork struct {
	tree     *Tree
	boxes    []mailbox
	h        Handler
	inFlight atomic.Int64
	idleMu   sync.Mutex
	idle     chan struct{} // closed, and replaced, whenever inFlight drops to zero
	quit     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
}

type mailbox struct {
	mu   sync.Mutex
	q    []Message
	wake chan struct{} // a token when q may be non-empty
}

// NewConcurrentNetwork returns a network for the machines of t. Its
// goroutines start when a handler is attached. Messages to ids that are not
// machines of t are dropped.
func NewConcurrentNetwork(t *Tree) *ConcurrentNetwork {
	n := &ConcurrentNetwork{
		tree:  t,
		boxes: make([]mailbox, t.Len()),
		idle:  make(chan struct{}),
		quit:  make(chan struct{}),
	}
	for i := range n.boxes {
		n.boxes[i].wake = make(chan struct{}, 1)
	}
	return n
}

// Attach sets the handler and starts one goroutine per machine. Attach
// twice does nothing the second time.
func (n *ConcurrentNetwork) Attach(h Handler) {
	if n.h != nil {
		return
	}
	n.h = h
	n.wg.Add(len(n.boxes))
	for i := range n.boxes {
		go n.machine(&n.boxes[i])
	}
}

// machine is one machine's goroutine: it drains its mailbox into the
// handler until Close.
func (n *ConcurrentNetwork) machine(b *mailbox) {
	defer n.wg.Done()
	var batch []Message
	for {
		select {
		case <-b.wake:
		case <-n.quit:
			return
		}
		b.mu.Lock()
		batch, b.q = b.q, batch[:0]
		b.mu.Unlock()
		for j, m := range batch {
			n.h.Handle(m)
			batch[j] = Message{}
			if n.inFlight.Add(-1) == 0 {
				n.idleMu.Lock()
				close(n.idle)
				n.idle = make(chan struct{})
				n.idleMu.Unlock()
			}
		}
	}
}

// Send puts m in machine m.To's mailbox. It never blocks.
func (n *ConcurrentNetwork) Send(m Message) {
	i, ok := n.tree.lookup(m.To)
	if !ok {
		return
	}
	n.inFlight.Add(1)
	b := &n.boxes[i]
	b.mu.Lock()
	b.q = append(b.q, m)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// InFlight returns the number of messages sent and not yet fully handled.
func (n *ConcurrentNetwork) InFlight() int64 { return n.inFlight.Load() }

// Wait blocks until done is closed. It returns ErrStalled if every message
// sent has been handled and done is still open; any number of goroutines
// may wait at once.
func (n *ConcurrentNetwork) Wait(done <-chan struct{}) error {
	for {
		// Take the idle channel before looking at the count, so that a
		// drop to zero after the look closes the channel we hold.
		n.idleMu.Lock()
		idle := n.idle
		n.idleMu.Unlock()
		if n.inFlight.Load() == 0 {
			select {
			case <-done:
				return nil
			default:
				return ErrStalled
			}
		}
		select {
		case <-done:
			return nil
		case <-idle:
		}
	}
}

// Close stops the machines' goroutines and waits for them to return.
// Messages still in mailboxes are dropped. Close twice is fine.
func (n *ConcurrentNetwork) Close() {
	n.once.Do(func() { close(n.quit) })
	n.wg.Wait()
}
