package tcp

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// randomConfig draws a connection from r: sizes, ISNs near the wrap of
// the sequence space, a lossy, duplicating, reordering network, a slow
// or fast reader, a close order, a profile.
func randomConfig(r *rand.Rand) (Config, int) {
	cfg := DefaultConfig()
	cfg.MSS = 100 + r.IntN(1400)
	cfg.RcvBuf = 500 + r.IntN(MaxWindow-500)
	cfg.ClientISN = r.Uint32()
	cfg.ServerISN = 0 - uint32(r.IntN(5000))
	cfg.Profile = Profile(r.IntN(2))
	cfg.DelayedACK = r.IntN(2) == 0
	cfg.Net = Network{
		Delay:   time.Duration(1+r.IntN(100)) * time.Millisecond,
		Loss:    float64(r.IntN(20)),
		Dup:     float64(r.IntN(10)),
		Reorder: float64(r.IntN(10)),
		Seed:    r.Uint64(),
	}
	if r.IntN(3) == 0 {
		cfg.Net.Bandwidth = 50000 + r.IntN(1000000)
		cfg.Net.Queue = 5 + r.IntN(30)
	}
	if r.IntN(3) == 0 {
		cfg.ReadBytes = 1 + r.IntN(3000)
		cfg.ReadEvery = time.Duration(10+r.IntN(500)) * time.Millisecond
	}
	cfg.Open = OpenMode(r.IntN(2))
	cfg.Close = []CloseMode{CloseClientFirst, CloseServerFirst, CloseSimultaneous, CloseCombined}[r.IntN(4)]
	cfg.Limit = 24 * time.Hour
	return cfg, r.IntN(20000)
}

// TestPropertyEveryByteOnce: over any seeded lossy network every byte
// the client writes reaches the server's application once and in order;
// both ends end CLOSED (TIME-WAIT having expired); every state change is
// one the RFC's diagram allows.
func TestPropertyEveryByteOnce(t *testing.T) {
	seeds := 3000
	if testing.Short() {
		seeds = 300
	}
	for seed := range seeds {
		r := rand.New(rand.NewPCG(uint64(seed), 15))
		cfg, n := randomConfig(r)
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		s, err := NewSim(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var bad string
		s.Observe = func(e Event) {
			if e.From != e.To && !allowedChange(e.Step, e.From, e.To) && bad == "" {
				bad = fmt.Sprintf("%s %s: %s -> %s", e.Side, e.Step, e.From, e.To)
			}
		}
		res, err := s.Run(data)
		desc := fmt.Sprintf("seed %d (%d bytes, %+v)", seed, n, cfg)
		if err != nil {
			t.Fatalf("%s: %v", desc, err)
		}
		if !bytes.Equal(res.Received, data) {
			t.Fatalf("%s: received %d bytes, want the %d written, in order", desc, len(res.Received), n)
		}
		if res.Final != [2]State{Closed, Closed} {
			t.Fatalf("%s: final states %v", desc, res.Final)
		}
		if bad != "" {
			t.Fatalf("%s: a change the diagram does not draw: %s", desc, bad)
		}
	}
}

// TestObserverChangesNothing: the same run with and without an observer
// sends the same segments and ends the same way.
func TestObserverChangesNothing(t *testing.T) {
	for seed := range 50 {
		r := rand.New(rand.NewPCG(uint64(seed), 99))
		cfg, n := randomConfig(r)
		data := pattern(n)
		a, _ := NewSim(cfg)
		ra, errA := a.Run(data)
		b, _ := NewSim(cfg)
		b.Observe = func(Event) {}
		rb, errB := b.Run(data)
		if (errA == nil) != (errB == nil) || ra.Segments != rb.Segments || ra.Elapsed != rb.Elapsed || ra.Retransmits != rb.Retransmits {
			t.Fatalf("seed %d: %+v %v vs %+v %v", seed, ra.Segments, errA, rb.Segments, errB)
		}
	}
}
