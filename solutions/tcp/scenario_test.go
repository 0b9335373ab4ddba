package tcp

import (
	"bytes"
	"testing"
	"time"
)

// run simulates cfg on n bytes and returns the result and the events.
func run(t *testing.T, cfg Config, n int) (Result, []Event) {
	t.Helper()
	s, err := NewSim(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var evs []Event
	s.Observe = func(e Event) { evs = append(evs, e) }
	data := pattern(n)
	res, err := s.Run(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Received, data) {
		t.Fatalf("received %d bytes, want the %d written", len(res.Received), n)
	}
	return res, evs
}

// pattern is n bytes that differ from their neighbours, so that a byte
// out of place shows.
func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

// find returns the events of step.
func find(evs []Event, step Step) []Event {
	var out []Event
	for _, e := range evs {
		if e.Step == step {
			out = append(out, e)
		}
	}
	return out
}

// TestFastRetransmit: the Linux profile's initial window of 10 segments
// of 1000 bytes, 12000 bytes, the 2nd data segment lost. The ACK of the
// 1st grows cwnd to 11000 and lets segments 11 and 12 go, so 11000 bytes
// (2001 to 13000) are in flight when the third duplicate ACK arrives.
// RFC 5681 section 3.2: ssthresh = max(FlightSize/2, 2*SMSS) = 5500, the
// lost segment is sent again, cwnd = ssthresh + 3*SMSS = 8500; the ACK of
// new data deflates cwnd to ssthresh.
func TestFastRetransmit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Profile = ProfileLinux
	cfg.Net.Drop = []int{2}
	res, evs := run(t, cfg, 12000)
	fr := find(evs, StepFastRetransmit)
	if len(fr) != 1 {
		t.Fatalf("%d fast retransmits, want 1", len(fr))
	}
	c := fr[0].Client
	if fr[0].Seg.Seq != 2001 || len(fr[0].Seg.Data) != 1000 || c.Ssthresh != 5500 || c.Cwnd != 8500 {
		t.Errorf("fast retransmit of seq=%d len=%d, ssthresh %d, cwnd %d; want seq=2001 len=1000, 5500, 8500",
			fr[0].Seg.Seq, len(fr[0].Seg.Data), c.Ssthresh, c.Cwnd)
	}
	if res.Retransmits[Client] != 1 || len(find(evs, StepRetransmit)) != 0 || len(find(evs, StepRTOTimeout)) != 0 {
		t.Errorf("%d retransmissions (%d after a timeout), want exactly 1", res.Retransmits[Client], len(find(evs, StepRetransmit)))
	}
	// Further duplicate ACKs inflate cwnd by one SMSS each: the 4th to
	// the 10th (for segments 3 to 12 and the FIN, the 11th is the FIN's).
	inf := find(evs, StepFastRecovery)
	if len(inf) == 0 || inf[0].Client.Cwnd != 9500 {
		t.Errorf("first inflation: %v", inf)
	}
	exit := find(evs, StepRecoveryExit)
	if len(exit) != 1 || exit[0].Client.Cwnd != 5500 {
		t.Errorf("recovery exit: %+v, want cwnd 5500", exit)
	}
	if res.Final != [2]State{Closed, Closed} {
		t.Errorf("final states %v", res.Final)
	}
}

// TestTimeout: MSS 500 (so 2*SMSS is 1000), the RFC's initial window of
// 4 segments, 4000 bytes, data segments 2 to 6 lost. The ACK of the 1st
// (at 200 ms) grows cwnd to 2500 and sends segments 5 and 6, and
// restarts the timer with RTO 1 s (the floor: SRTT 100 ms, RTTVAR 37.5
// ms). No duplicate ACK comes back, so the timer expires at 1.2 s with
// 2500 bytes in flight: RFC 5681 (4) sets ssthresh = max(2500/2, 1000)
// = 1250 and cwnd = one SMSS = 500; RFC 6298 (5.5) doubles the RTO to
// 2 s; the segment at SND.UNA (seq 1501) is sent again.
func TestTimeout(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MSS = 500
	cfg.Net.Drop = []int{2, 3, 4, 5, 6}
	res, evs := run(t, cfg, 4000)
	to := find(evs, StepRTOTimeout)
	if len(to) == 0 {
		t.Fatal("no timeout")
	}
	c := to[0].Client
	if to[0].At != 1200*time.Millisecond || c.RTO != 2*time.Second || c.Cwnd != 500 || c.Ssthresh != 1250 {
		t.Errorf("timeout at %v: RTO %v, cwnd %d, ssthresh %d; want 1.2s, 2s, 500, 1250", to[0].At, c.RTO, c.Cwnd, c.Ssthresh)
	}
	re := find(evs, StepRetransmit)
	if len(re) == 0 || re[0].Seg.Seq != 1501 || len(re[0].Seg.Data) != 500 || re[0].At != to[0].At {
		t.Fatalf("first retransmission %+v, want seq=1501 len=500 at the timeout", re)
	}
	if len(find(evs, StepFastRetransmit)) != 0 {
		t.Error("a fast retransmit; want none")
	}
	// Karn's rule: no RTT sample from the segments sent twice, so the
	// backed-off RTO stays until a segment sent once is acknowledged.
	for _, e := range find(evs, StepRTTSample) {
		if e.At > to[0].At && e.At < to[0].At+100*time.Millisecond {
			t.Errorf("an RTT sample at %v from a retransmitted segment", e.At)
		}
	}
	if res.Retransmits[Client] < 5 {
		t.Errorf("%d retransmissions, want the 5 lost segments at least", res.Retransmits[Client])
	}
}

// TestRTOFloorAndDoubling: an RTT of 100 ms gives an RTO of 300 ms
// (SRTT 100 + 4*RTTVAR 50): raised to the RFC floor of 1 s, left at
// 300 ms by the Linux floor of 200 ms; each timeout doubles it.
func TestRTOFloorAndDoubling(t *testing.T) {
	for _, tt := range []struct {
		p    Profile
		want time.Duration
	}{{ProfileRFC, time.Second}, {ProfileLinux, 300 * time.Millisecond}} {
		r := newRTO(tt.p.RTOMin())
		r.sample(100 * time.Millisecond)
		if r.rto != tt.want || r.srtt != 100*time.Millisecond || r.rttvar != 50*time.Millisecond {
			t.Errorf("%s: RTO %v SRTT %v RTTVAR %v, want %v 100ms 50ms", tt.p, r.rto, r.srtt, r.rttvar, tt.want)
		}
		r.backoff()
		if r.rto != 2*tt.want {
			t.Errorf("%s: backed off to %v", tt.p, r.rto)
		}
		for range 10 {
			r.backoff()
		}
		if r.rto != MaxRTO {
			t.Errorf("%s: capped at %v", tt.p, r.rto)
		}
	}
	// A second sample of 200 ms: RTTVAR = 3/4*50 + 1/4*100 = 62.5 ms,
	// SRTT = 7/8*100 + 1/8*200 = 112.5 ms, RTO = 112.5 + 250 = 362.5 ms.
	r := newRTO(0)
	r.sample(100 * time.Millisecond)
	r.sample(200 * time.Millisecond)
	if r.rttvar != 62500*time.Microsecond || r.srtt != 112500*time.Microsecond || r.rto != 362500*time.Microsecond {
		t.Errorf("second sample: RTTVAR %v SRTT %v RTO %v", r.rttvar, r.srtt, r.rto)
	}
}

// TestZeroWindow: a 2000-byte buffer read 500 bytes every 2 s fills;
// the window offered falls to 0 and the sender stops; the persist timer
// probes the window with one byte, and the transfer completes.
func TestZeroWindow(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RcvBuf = 2000
	cfg.ReadBytes = 500
	cfg.ReadEvery = 2 * time.Second
	res, evs := run(t, cfg, 6000)
	zero := false
	for _, e := range evs {
		if e.Side == Server && e.Sent && e.Seg.Has(ACK) && e.Seg.Wnd == 0 {
			zero = true
		}
	}
	if !zero {
		t.Fatal("the server never offered a zero window")
	}
	pt := find(evs, StepPersistTimeout)
	probes := find(evs, StepSendProbe)
	if len(pt) == 0 || len(probes) == 0 || len(probes[0].Seg.Data) != 1 {
		t.Fatalf("persist timeouts %d, probes %d", len(pt), len(probes))
	}
	// The window stays 0 while the probe waits; the first probe goes one
	// RTO (1 s) after the sender was left with nothing in flight.
	if pt[0].Client.SndWnd != 0 {
		t.Errorf("persist timer fired with a window of %d", pt[0].Client.SndWnd)
	}
	if len(find(evs, StepWindowOpen)) == 0 && len(find(evs, StepSendWindowUpdate)) == 0 {
		t.Error("the window never opened again")
	}
	if res.Final != [2]State{Closed, Closed} {
		t.Errorf("final states %v", res.Final)
	}
}

// TestClosingOrders runs the four orders of closing (and the abort) and
// checks each end's states in order against RFC 9293 figure 5: the first
// closer goes FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT; the second CLOSE-WAIT,
// LAST-ACK; a simultaneous close puts both through CLOSING.
func TestClosingOrders(t *testing.T) {
	for _, tt := range []struct {
		mode           CloseMode
		client, server []State
	}{
		{CloseClientFirst,
			[]State{SynSent, Established, FinWait1, FinWait2, TimeWait, Closed},
			[]State{Listen, SynReceived, Established, CloseWait, LastAck, Closed}},
		{CloseServerFirst,
			[]State{SynSent, Established, CloseWait, LastAck, Closed},
			[]State{Listen, SynReceived, Established, FinWait1, FinWait2, TimeWait, Closed}},
		{CloseSimultaneous,
			[]State{SynSent, Established, FinWait1, Closing, TimeWait, Closed},
			[]State{Listen, SynReceived, Established, FinWait1, Closing, TimeWait, Closed}},
		// The server's ACK and FIN in one segment: FIN-WAIT-1 takes the
		// ACK (FIN-WAIT-2) and the FIN (TIME-WAIT) of one segment, note 2.
		{CloseCombined,
			[]State{SynSent, Established, FinWait1, FinWait2, TimeWait, Closed},
			[]State{Listen, SynReceived, Established, CloseWait, LastAck, Closed}},
		{CloseAbort,
			[]State{SynSent, Established, Closed},
			[]State{Listen, SynReceived, Established, Closed}},
	} {
		t.Run(tt.mode.String(), func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Close = tt.mode
			_, evs := run(t, cfg, 3000)
			var got [2][]State
			for _, e := range evs {
				if e.From != e.To {
					got[e.Side] = append(got[e.Side], e.To)
				}
			}
			if !equalStates(got[Client], tt.client) || !equalStates(got[Server], tt.server) {
				t.Errorf("client %v\nserver %v\nwant client %v\nserver %v", got[Client], got[Server], tt.client, tt.server)
			}
			if tt.mode == CloseCombined {
				fin := find(evs, StepSendFin)
				for _, f := range fin {
					if f.Side == Server && f.Seg.Ack != 1000+1+3000+1 {
						t.Errorf("the server's FIN acknowledges %d, want the client's FIN too", f.Seg.Ack)
					}
				}
			}
		})
	}
}

func equalStates(a, b []State) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSimultaneousOpen: both ends send a SYN at once; each goes SYN-SENT,
// SYN-RECEIVED, ESTABLISHED (RFC 9293 figure 8), and the data flows.
func TestSimultaneousOpen(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Open = OpenSimultaneous
	_, evs := run(t, cfg, 2000)
	for _, side := range []Side{Client, Server} {
		var got []State
		for _, e := range evs {
			if e.Side == side && e.From != e.To && len(got) < 3 {
				got = append(got, e.To)
			}
		}
		if !equalStates(got, []State{SynSent, SynReceived, Established}) {
			t.Errorf("%s: %v", side, got)
		}
	}
}

// TestRefused: nothing listens, so the SYN gets <SEQ=0><ACK=ISN+1>
// <CTL=RST,ACK> and the client goes from SYN-SENT to CLOSED.
func TestRefused(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Open = OpenRefused
	s, _ := NewSim(cfg)
	var evs []Event
	s.Observe = func(e Event) { evs = append(evs, e) }
	res, err := s.Run(pattern(100))
	if err != nil {
		t.Fatal(err)
	}
	rst := find(evs, StepSendRst)
	if len(rst) != 1 || rst[0].Seg.Flags != RST|ACK || rst[0].Seg.Seq != 0 || rst[0].Seg.Ack != 1001 {
		t.Fatalf("RSTs %+v", rst)
	}
	if res.Final != [2]State{Closed, Closed} || len(res.Received) != 0 {
		t.Errorf("final %v, received %d", res.Final, len(res.Received))
	}
}

// TestSynRetried: the SYN is lost; the client sends it again after the
// initial RTO of 1 s, with the RTO doubled to 2 s, and after the
// handshake the RTO is 3 s (RFC 6298 (5.7)), the SYN's RTT not sampled.
func TestSynRetried(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Net.DropSeg = []int{1}
	_, evs := run(t, cfg, 1000)
	syn := find(evs, StepSendSyn)
	if len(syn) != 2 || syn[1].At != time.Second || !syn[1].Retransmit || syn[1].Client.RTO != 2*time.Second {
		t.Fatalf("SYNs %+v", syn)
	}
	est := find(evs, StepRecvSynAck)
	if len(est) != 1 || est[0].Client.RTO != 3*time.Second {
		t.Errorf("RTO after the handshake %v, want 3s", est[0].Client.RTO)
	}
}

// TestDelayedACK: with delayed ACKs the server acknowledges every second
// full-sized segment at once (RFC 5681 section 4.2): four segments of
// 1000 bytes from seq 1001 bring ACKs of 3001 and 5001 only; a lone
// segment waits for the delayed-ACK timer (200 ms).
func TestDelayedACK(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DelayedACK = true
	cfg.Close = CloseNone
	_, evs := run(t, cfg, 4000)
	var acks []uint32
	for _, e := range find(evs, StepSendAck) {
		if e.Side == Server {
			acks = append(acks, e.Seg.Ack)
		}
	}
	if !equalSeqs(acks, []uint32{3001, 5001}) {
		t.Errorf("server ACKs %v, want [3001 5001]", acks)
	}
	_, evs = run(t, cfg, 1000)
	to := find(evs, StepDelayedAckTimeout)
	if len(to) != 1 || to[0].At != 150*time.Millisecond+DelayedACKTimeout {
		t.Errorf("delayed-ACK timeouts %+v, want one at 350ms", to)
	}
}

func equalSeqs(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNetworkFates: a queue of 2 on a slow link drops the tail of a
// burst; a scripted duplicate arrives twice and is answered as old data.
func TestNetworkFates(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Profile = ProfileLinux // a burst of 10 segments
	cfg.Net.Bandwidth, cfg.Net.Queue = 100000, 2
	res, evs := run(t, cfg, 10000)
	drops := 0
	for _, e := range evs {
		if e.Sent && e.Delivery.Fate == QueueDrop {
			drops++
		}
	}
	if drops == 0 || res.Retransmits[Client] < drops {
		t.Errorf("%d queue drops, %d retransmissions", drops, res.Retransmits[Client])
	}
	cfg = DefaultConfig()
	cfg.Net.Dup, cfg.Net.Seed = 100, 1
	_, evs = run(t, cfg, 2000)
	if len(find(evs, StepRecvUnacceptable)) == 0 {
		t.Error("no duplicate was refused as outside the window")
	}
}
