package machinetree

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The race detector allows at most 8128 goroutines, so these trees stay
// below that: one goroutine per machine.

func TestConcurrentNetworkShapes(t *testing.T) {
	for _, tr := range []*Tree{mustParse(t, "1"), mustParse(t, "1(2(4),3)"), chain(t, 2000), star(t, 4000), Random(2000, 6)} {
		net := NewConcurrentNetwork(tr)
		c := NewCluster(tr, net)
		n, err := c.Count()
		if err != nil || n != tr.Len() {
			t.Errorf("Count = %d, %v; want %d", n, err, tr.Len())
		}
		top, err := c.Topology()
		if err != nil || !top.Equal(TopologyOf(tr)) {
			t.Errorf("Topology of %d machines is wrong: %v", tr.Len(), err)
		}
		if got, want := c.Messages(), int64(2*2*(tr.Len()-1)); got != want {
			t.Errorf("%d messages, want %d", got, want)
		}
		net.Close()
		if m := idle(c); m >= 0 {
			t.Errorf("machine %d still holds an entry", m)
		}
	}
}

// TestConcurrentClients has many goroutines asking at once, on one cluster
// whose machines run in parallel, with an observer that counts events.
func TestConcurrentClients(t *testing.T) {
	tr := Random(600, 11)
	net := NewConcurrentNetwork(tr)
	defer net.Close()
	var finals atomic.Int64
	c := observed(tr, net, func(e Event) {
		if e.Kind == EventFinal {
			finals.Add(1)
		}
	})
	const clients, each = 6, 4
	var wg sync.WaitGroup
	errs := make(chan string, clients*each)
	for k := range clients {
		wg.Go(func() {
			for j := range each {
				op := Count
				if (k+j)%2 == 1 {
					op = TopologyOp
				}
				req, err := c.Start(op)
				if err != nil {
					errs <- err.Error()
					return
				}
				res, err := c.Wait(req)
				switch {
				case err != nil:
					errs <- err.Error()
				case op == Count && res.Count != tr.Len():
					errs <- "wrong count"
				case op == TopologyOp && !res.Topology.Equal(TopologyOf(tr)):
					errs <- "wrong topology"
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got, want := c.Messages(), int64(clients*each*2*(tr.Len()-1)); got != want {
		t.Errorf("%d messages, want %d", got, want)
	}
	if finals.Load() != clients*each {
		t.Errorf("%d final events, want %d", finals.Load(), clients*each)
	}
	if m := idle(c); m >= 0 {
		t.Errorf("machine %d still holds an entry", m)
	}
}

// TestConcurrentDuplicates sends every response twice: a network that
// delivers at least once.
func TestConcurrentDuplicates(t *testing.T) {
	tr := Random(1500, 12)
	net := NewConcurrentNetwork(tr)
	defer net.Close()
	c := NewCluster(tr, &doubling{net})
	for range 3 {
		n, err := c.Count()
		if err != nil || n != tr.Len() {
			t.Fatalf("Count = %d, %v", n, err)
		}
	}
}

// doubling sends every message twice.
type doubling struct{ *ConcurrentNetwork }

func (d *doubling) Send(m Message) {
	d.ConcurrentNetwork.Send(m)
	d.ConcurrentNetwork.Send(m)
}

func TestConcurrentNetworkMisc(t *testing.T) {
	tr := mustParse(t, "1(2)")
	net := NewConcurrentNetwork(tr)
	c := NewCluster(tr, net)
	net.Send(Message{Kind: Request, To: 42}) // not a machine: dropped
	if n, err := c.Count(); err != nil || n != 2 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	// Count returns as the root handles the answer; the root's goroutine
	// counts that message handled just after. Every message drains: none
	// is left in flight (the deadline only bounds a leak's wait).
	for deadline := time.Now().Add(10 * time.Second); net.InFlight() != 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if net.InFlight() != 0 {
		t.Errorf("%d in flight after the answer", net.InFlight())
	}
	// A request whose message never arrives stalls instead of hanging.
	req, _ := c.Start(Count)
	if _, err := c.Wait(req + 1); err == nil {
		t.Error("Wait for an unknown request succeeded")
	}
	if _, err := c.Wait(req); err != nil {
		t.Fatal(err)
	}
	net.Close()
	net.Close()
}

// TestConcurrentStallSeenByEveryWaiter loses the root's only answer:
// every goroutine waiting must get ErrStalled rather than hang.
func TestConcurrentStallSeenByEveryWaiter(t *testing.T) {
	tr := mustParse(t, "1(2)")
	net := NewConcurrentNetwork(tr)
	defer net.Close()
	c := NewCluster(tr, &lossy{ConcurrentNetwork: net})
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for range 3 {
		req, _ := c.Start(Count)
		wg.Go(func() {
			_, err := c.Wait(req)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, ErrStalled) {
			t.Errorf("Wait = %v, want ErrStalled", err)
		}
	}
}

// lossy drops every response.
type lossy struct{ *ConcurrentNetwork }

func (l *lossy) Send(m Message) {
	if m.Kind != Response {
		l.ConcurrentNetwork.Send(m)
	}
}
