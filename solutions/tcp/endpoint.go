package tcp

import (
	"errors"
	"fmt"
	"time"
)

// Endpoint is one end of a connection: a TCB (transmission control block)
// and the user calls on it (Open, Write, Read, Close, Abort), the arrival
// of a segment (Input) and its timers (Fire). It sends through the
// function given to NewEndpoint. Every method takes the virtual time now,
// which must not go back.
//
// Input is O(log h) in the segments h held beyond a hole, and O(1)
// otherwise; the send buffer keeps every byte written (data shares memory
// with the slice given to Write).
type Endpoint struct {
	// Observe, if not nil, sees every step.
	Observe func(Event)
	// App, if not nil, runs after a segment is processed and before the
	// ACK it calls for is sent: the application's chance to read, write
	// or close so that its reply rides on that ACK.
	App func(*Endpoint)

	side Side
	opt  Options
	out  func(Segment) Delivery
	now  time.Duration

	state   State
	passive bool // reached SYN-RECEIVED from LISTEN
	inInput bool // inside Input: ACKs wait for flush

	// Send sequence variables (RFC 9293 section 3.3.1).
	iss, sndUna, sndNxt, sndMax uint32
	sndWnd                      int
	sndWl1, sndWl2              uint32
	data                        []byte // written; data[0] has seq iss+1
	closed                      bool   // the application called Close
	finSent                     bool   // a FIN is at sndNxt-1 of the last send

	// Receive sequence variables and buffer.
	irs, rcvNxt uint32
	recv        []byte    // in-order bytes received, not yet read
	read        int       // bytes the application took, in all
	ooo         []Segment // data beyond a hole, sorted, not overlapping
	finIn       bool      // a FIN was seen at finInSeq, beyond a hole
	finInSeq    uint32
	gotFin      bool   // the peer's FIN is in
	advRight    uint32 // the right edge of the window last offered
	ackNow      bool   // an ACK is due
	delayed     int    // full segments received since the last ACK

	// Congestion control (RFC 5681).
	cwnd, ssthresh int
	dupAcks        int
	recovery       bool
	timeouts       int // timeouts of the segment at sndUna

	// Retransmission timer (RFC 6298).
	rto       rtoEstimator
	timing    bool // a segment is being timed
	timedEnd  uint32
	timedAt   time.Duration
	synRexmit bool // the SYN was sent again

	timers  [nTimers]timer
	backoff int // persist timer doublings
	rexmits int
}

// timer is a deadline, on or off.
type timer struct {
	at time.Duration
	on bool
}

// The timers of an endpoint.
const (
	tRexmit = iota
	tPersist
	tDelack
	tTimeWait
	nTimers
)

// Errors of the user calls.
var (
	// ErrClosing is a Write or Close after Close.
	ErrClosing = errors.New("tcp: connection closing")
	// ErrNotOpen is a call that needs a connection on a CLOSED endpoint,
	// or an Open of one already open.
	ErrNotOpen = errors.New("tcp: connection does not exist")
)

// NewEndpoint returns a CLOSED endpoint for side that sends with out (the
// network, or a test's recorder). The options are checked.
func NewEndpoint(side Side, opt Options, out func(Segment) Delivery) (*Endpoint, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	e := &Endpoint{side: side, opt: opt, out: out}
	e.reset()
	return e, nil
}

// reset deletes the TCB: the endpoint is as new, in CLOSED, but for its
// count of retransmissions.
func (e *Endpoint) reset() {
	*e = Endpoint{Observe: e.Observe, App: e.App, side: e.side, opt: e.opt, out: e.out, now: e.now, rexmits: e.rexmits}
	e.iss = e.opt.ISS
	e.sndUna, e.sndNxt, e.sndMax = e.iss, e.iss, e.iss
	e.cwnd = e.opt.Profile.InitialWindow(e.opt.MSS)
	e.ssthresh = MaxWindow
	e.rto = newRTO(e.opt.Profile.RTOMin())
}

// State is the endpoint's state.
func (e *Endpoint) State() State { return e.state }

// Unread is the number of bytes in the buffer not yet read.
func (e *Endpoint) Unread() int { return len(e.recv) }

// EOF reports whether the peer's FIN is in and every byte before it read.
func (e *Endpoint) EOF() bool { return e.gotFin && e.Unread() == 0 }

// AllAcked reports whether every byte written has been acknowledged.
func (e *Endpoint) AllAcked() bool {
	return e.state.synchronized() && seqLEQ(e.dataEnd(), e.sndUna)
}

// Retransmits is the number of segments sent again.
func (e *Endpoint) Retransmits() int { return e.rexmits }

// Deadline is the time of the next timer, and false if none is on.
func (e *Endpoint) Deadline() (time.Duration, bool) {
	var at time.Duration
	on := false
	for _, t := range e.timers {
		if t.on && (!on || t.at < at) {
			at, on = t.at, true
		}
	}
	return at, on
}

// dataEnd is the sequence number after the last byte written.
func (e *Endpoint) dataEnd() uint32 { return e.iss + 1 + uint32(len(e.data)) }

// rcvWnd is the window offered now: the free part of the buffer.
func (e *Endpoint) rcvWnd() int { return e.opt.RcvBuf - e.Unread() }

// dataFlight is FlightSize of RFC 5681: the data bytes sent (up to
// SND.MAX) and not acknowledged, the FIN not counted.
func (e *Endpoint) dataFlight() int {
	end := e.sndMax
	if seqLT(e.dataEnd(), end) {
		end = e.dataEnd()
	}
	return max(int(int32(end-e.sndUna)), 0)
}

// flight is the bytes (and SYN or FIN) sent and not acknowledged.
func (e *Endpoint) flight() int { return int(e.sndNxt - e.sndUna) }

func (e *Endpoint) arm(t int, d time.Duration) { e.timers[t] = timer{at: e.now + d, on: true} }
func (e *Endpoint) stop(t int)                 { e.timers[t].on = false }

// Open is the OPEN call: passive (LISTEN) or active (send a SYN).
func (e *Endpoint) Open(now time.Duration, passive bool) error {
	e.now = now
	if e.state != Closed {
		return ErrNotOpen
	}
	if passive {
		e.setState(Listen) // step: open-passive
		e.emitf(StepOpenPassive, Closed, "The %s opens passively: LISTEN, waiting for a SYN.", e.side)
		return nil
	}
	e.setState(SynSent) // step: open-active
	e.emitf(StepOpenActive, Closed, "The %s opens actively with ISN %d: SYN-SENT.", e.side, e.iss)
	e.sendSyn(false)
	return nil
}

// setState moves to s.
func (e *Endpoint) setState(s State) { e.state = s }

// sendSyn sends the SYN (in SYN-SENT) or SYN,ACK (in SYN-RECEIVED), at
// the ISS, and starts the retransmission timer.
func (e *Endpoint) sendSyn(again bool) {
	e.sndNxt = e.iss + 1
	e.sndMax = seqMax(e.sndMax, e.sndNxt)
	if again {
		e.synRexmit, e.timing = true, false
		e.rexmits++
	} else if !e.timing {
		e.timing, e.timedEnd, e.timedAt = true, e.iss+1, e.now
	}
	if !e.timers[tRexmit].on {
		e.arm(tRexmit, e.rto.rto)
	}
	if e.state == SynSent {
		s := e.segment(SYN, e.iss, nil)
		d := e.out(s) // step: send-syn
		e.emitSeg(StepSendSyn, e.state, s, d, again, "The %s sends SYN seq=%d%s.", e.side, e.iss, againText(again))
		return
	}
	s := e.segment(SYN|ACK, e.iss, nil)
	d := e.out(s) // step: send-syn-ack
	e.emitSeg(StepSendSynAck, e.state, s, d, again, "The %s sends SYN,ACK seq=%d ack=%d%s.", e.side, e.iss, e.rcvNxt, againText(again))
}

func againText(again bool) string {
	if again {
		return ", again"
	}
	return ""
}

// segment builds a segment offering the window; ACK and the
// acknowledgment are added once the peer's ISN is known.
func (e *Endpoint) segment(f Flags, seq uint32, data []byte) Segment {
	s := Segment{Seq: seq, Flags: f, Data: data, Wnd: min(e.rcvWnd(), MaxWindow)}
	if e.state != SynSent && e.state != Closed && e.state != Listen {
		s.Flags |= ACK
		s.Ack = e.rcvNxt
		e.advRight = e.rcvNxt + uint32(s.Wnd)
		e.ackNow, e.delayed = false, 0
		e.stop(tDelack)
	}
	return s
}

// Write is the SEND call: data is queued after what was written before
// and sent as the windows allow. In LISTEN it opens actively first (the
// diagram's SEND / snd SYN).
func (e *Endpoint) Write(now time.Duration, data []byte) error {
	e.now = now
	switch {
	case e.state == Closed:
		return ErrNotOpen
	case e.closed:
		return ErrClosing
	}
	from := e.state
	e.data = append(e.data, data...) // step: app-write
	e.emitf(StepAppWrite, from, "The %s's application writes %s; %d are queued.", e.side, nbytes(len(data)), int(e.dataEnd()-e.sndNxt))
	if e.state == Listen {
		e.setState(SynSent)
		e.sendSyn(false)
		return nil
	}
	e.flush()
	return nil
}

// Read is the RECEIVE call: it takes up to n bytes from the buffer and
// returns them (they stay valid; nobody writes to them). A window opened far enough (by a segment's worth or
// half the buffer, RFC 9293 section 3.8.6.2.2) is offered at once.
func (e *Endpoint) Read(now time.Duration, n int) []byte {
	e.now = now
	n = min(n, e.Unread())
	if n <= 0 {
		return nil
	}
	got := e.recv[:n:n]
	e.recv, e.read = e.recv[n:], e.read+n // step: app-read
	e.emitf(StepAppRead, e.state, "The %s's application reads %s; the window is %d.", e.side, nbytes(n), e.rcvWnd())
	// Inside Input the ACK the segment calls for (now or delayed) will
	// carry the window.
	right := e.rcvNxt + uint32(e.rcvWnd())
	if !e.inInput && e.state.synchronized() && seqLT(e.advRight, right) && int(right-e.advRight) >= min(e.opt.RcvBuf/2, e.opt.MSS) {
		s := e.segment(ACK, e.sndNxt, nil)
		d := e.out(s) // step: send-window-update
		e.emitSeg(StepSendWindowUpdate, e.state, s, d, false, "The %s offers a window of %d bytes (window update).", e.side, s.Wnd)
	}
	return got
}

// Close is the CLOSE call: no more data from this side. A FIN follows
// the data written.
func (e *Endpoint) Close(now time.Duration) error {
	e.now = now
	from := e.state
	switch e.state {
	case Closed:
		return ErrNotOpen
	case Listen, SynSent:
		e.reset() // step: app-close
		e.emitf(StepAppClose, from, "The %s closes before the connection is set up: CLOSED, the TCB deleted.", e.side)
		return nil
	case SynReceived, Established:
		e.setState(FinWait1)
	case CloseWait:
		e.setState(LastAck)
	default:
		return ErrClosing
	}
	e.closed = true
	e.emitf(StepAppClose, from, "The %s's application closes: %s, a FIN follows the data.", e.side, e.state)
	e.flush()
	return nil
}

// Abort is the ABORT call: a RST where the peer may hold a TCB, and the
// TCB is deleted.
func (e *Endpoint) Abort(now time.Duration) {
	e.now = now
	from := e.state
	rst := from == SynReceived || (from.synchronized() && from != Closing && from != LastAck && from != TimeWait)
	seq := e.sndNxt
	e.reset() // step: app-abort
	e.emitf(StepAppAbort, from, "The %s's application aborts: CLOSED.", e.side)
	if rst {
		e.sendRst(seq, 0, false)
	}
}

// sendRst sends a RST with seq, and with ack when withAck.
func (e *Endpoint) sendRst(seq, ack uint32, withAck bool) {
	s := Segment{Seq: seq, Flags: RST}
	if withAck {
		s.Flags, s.Ack = RST|ACK, ack
	}
	d := e.out(s) // step: send-rst
	e.emitSeg(StepSendRst, e.state, s, d, false, "The %s sends RST seq=%d.", e.side, seq)
}

// Input processes a segment that arrived, after RFC 9293 section
// 3.10.7, then sends what it calls for.
func (e *Endpoint) Input(now time.Duration, s Segment) {
	e.now = now
	e.inInput = true
	e.input(s)
	if e.App != nil && e.state != Closed {
		e.App(e)
	}
	e.inInput = false
	e.flush()
}

func (e *Endpoint) input(s Segment) {
	from := e.state
	switch e.state {
	case Closed:
		e.emitRecv(StepRecvClosed, from, s, "The %s has no connection: %s is answered with a RST.", e.side, s.Flags) // step: recv-closed
		if s.Has(RST) {
			return
		}
		if s.Has(ACK) {
			e.sendRst(s.Ack, 0, false)
		} else {
			e.sendRst(0, s.Seq+uint32(s.Len()), true)
		}
		return
	case Listen:
		if s.Has(RST) {
			return
		}
		if s.Has(ACK) {
			e.sendRst(s.Ack, 0, false)
			return
		}
		if !s.Has(SYN) {
			return
		}
		e.irs, e.rcvNxt = s.Seq, s.Seq+1
		e.sndWnd, e.sndWl1, e.sndWl2 = s.Wnd, s.Seq, 0
		e.passive = true
		e.setState(SynReceived) // step: recv-syn
		e.emitRecv(StepRecvSyn, from, s, "The %s gets SYN seq=%d: SYN-RECEIVED.", e.side, s.Seq)
		e.sendSyn(false)
		return
	case SynSent:
		e.inputSynSent(s)
		return
	}
	if !e.acceptable(s) {
		e.emitRecv(StepRecvUnacceptable, from, s, "The %s gets seq=%d outside its window [%d, +%d): it answers with an ACK.", e.side, s.Seq, e.rcvNxt, e.rcvWnd()) // step: recv-unacceptable
		if e.state == TimeWait && s.Has(FIN) {
			e.arm(tTimeWait, e.opt.Profile.TimeWait())
		}
		if !s.Has(RST) {
			e.ackNow = true
		}
		return
	}
	if s.Has(RST) {
		if s.Seq != e.rcvNxt {
			e.ackNow = true // a challenge ACK (RFC 5961 section 3.2)
			return
		}
		if e.state == SynReceived && e.passive {
			e.reset()
			e.setState(Listen) // step: recv-rst
		} else {
			e.reset()
		}
		e.emitRecv(StepRecvRst, from, s, "The %s gets RST seq=%d: %s.", e.side, s.Seq, e.state)
		return
	}
	if s.Has(SYN) {
		e.ackNow = true // a challenge ACK (RFC 9293 section 3.10.7.4)
		return
	}
	if !s.Has(ACK) {
		return
	}
	if !e.inputAck(s) {
		return
	}
	if e.state == Established || e.state == FinWait1 || e.state == FinWait2 {
		e.inputData(s)
	}
	if s.Has(FIN) && !e.gotFin {
		e.finInSeq, e.finIn = s.Seq+uint32(len(s.Data)), true
		if e.finInSeq != e.rcvNxt && len(s.Data) == 0 {
			e.ackNow = true
			e.emitRecv(StepRecvOutOfOrder, e.state, s, "The %s gets a FIN at seq=%d beyond a hole at %d: it keeps it and repeats ack=%d.", e.side, s.Seq, e.rcvNxt, e.rcvNxt)
		}
	}
	if e.finIn && !e.gotFin && e.finInSeq == e.rcvNxt {
		e.inputFin(s)
	}
}

// inputSynSent handles a segment in SYN-SENT: a SYN,ACK (ESTABLISHED), a
// SYN (simultaneous open), or a RST refusing the connection.
func (e *Endpoint) inputSynSent(s Segment) {
	from := e.state
	if s.Has(ACK) && (seqLEQ(s.Ack, e.iss) || seqLT(e.sndNxt, s.Ack)) {
		if !s.Has(RST) {
			e.sendRst(s.Ack, 0, false)
		}
		return
	}
	if s.Has(RST) {
		if s.Has(ACK) {
			e.reset() // step: recv-rst
			e.emitRecv(StepRecvRst, from, s, "The %s gets RST,ACK: the port is closed (connection refused); CLOSED.", e.side)
		}
		return
	}
	if !s.Has(SYN) {
		return
	}
	e.irs, e.rcvNxt = s.Seq, s.Seq+1
	e.sndWnd, e.sndWl1, e.sndWl2 = s.Wnd, s.Seq, s.Ack
	if s.Has(ACK) {
		e.sndUna = s.Ack
		e.stop(tRexmit)
		e.setState(Established) // step: recv-syn-ack
		e.afterHandshake()
		e.emitRecv(StepRecvSynAck, from, s, "The %s gets SYN,ACK seq=%d ack=%d: ESTABLISHED.", e.side, s.Seq, s.Ack)
		e.sampleRTT(s.Ack)
		e.ackNow = true
		return
	}
	e.setState(SynReceived) // step: recv-syn
	e.emitRecv(StepRecvSyn, from, s, "The %s gets SYN seq=%d while in SYN-SENT (simultaneous open): SYN-RECEIVED.", e.side, s.Seq)
	e.sendSyn(false)
}

// afterHandshake applies RFC 6298 (5.7): a SYN that timed out leaves an
// RTO of at least 3 s for the data.
func (e *Endpoint) afterHandshake() {
	if e.synRexmit && e.rto.rto < 3*time.Second {
		e.rto.rto = 3 * time.Second
	}
}

// acceptable is the test of RFC 9293 section 3.4 for a segment in a
// synchronized state (or SYN-RECEIVED).
func (e *Endpoint) acceptable(s Segment) bool {
	l, w := s.Len(), e.rcvWnd()
	switch {
	case l == 0 && w == 0:
		return s.Seq == e.rcvNxt
	case l == 0:
		return inWindow(s.Seq, e.rcvNxt, w)
	case w == 0:
		return false
	}
	return inWindow(s.Seq, e.rcvNxt, w) || inWindow(s.Seq+uint32(l)-1, e.rcvNxt, w)
}

// inputAck processes the ACK field; it reports whether processing goes
// on to the data.
func (e *Endpoint) inputAck(s Segment) bool {
	from := e.state
	if e.state == SynReceived {
		if !seqLT(e.sndUna, s.Ack) || seqLT(e.sndMax, s.Ack) {
			e.sendRst(s.Ack, 0, false)
			return false
		}
		e.sndWnd, e.sndWl1, e.sndWl2 = s.Wnd, s.Seq, s.Ack
		e.setState(Established) // step: established
		e.afterHandshake()
		e.emitRecv(StepEstablished, from, s, "The %s gets the ACK of its SYN (ack=%d): ESTABLISHED.", e.side, s.Ack)
		from = e.state
	}
	switch {
	case seqLT(e.sndMax, s.Ack):
		e.ackNow = true // acknowledges something not yet sent
		return false
	case s.Ack == e.sndUna && len(s.Data) == 0 && s.Flags&(SYN|FIN) == 0 && e.sndMax != e.sndUna &&
		s.Wnd == e.sndWnd && s.Wnd > 0 && !e.timers[tPersist].on:
		e.dupAck(s)
	case seqLT(e.sndUna, s.Ack):
		e.newAck(s)
	}
	if seqLT(e.sndWl1, s.Seq) || (e.sndWl1 == s.Seq && seqLEQ(e.sndWl2, s.Ack)) {
		e.sndWnd, e.sndWl1, e.sndWl2 = s.Wnd, s.Seq, s.Ack
		if e.sndWnd > 0 && e.timers[tPersist].on {
			e.stop(tPersist) // step: window-open
			e.backoff = 0
			if e.sndUna != e.sndNxt {
				e.arm(tRexmit, e.rto.rto)
			}
			e.emitRecv(StepWindowOpen, e.state, s, "The %s sees the window open to %d bytes: the persist timer stops.", e.side, s.Wnd)
		}
	}
	if !e.finSent || seqLT(s.Ack, e.dataEnd()+1) {
		return true
	}
	switch e.state {
	case FinWait1:
		e.setState(FinWait2) // step: fin-acked
	case Closing:
		e.enterTimeWait()
	case LastAck:
		e.reset()
	default:
		return true
	}
	e.emitRecv(StepFinAcked, from, s, "The %s's FIN is acknowledged: %s.", e.side, e.state)
	return e.state != Closed
}

// newAck takes an ACK of new data: the RTT sample, the congestion window,
// the timer (RFC 6298 (5.2), (5.3)).
func (e *Endpoint) newAck(s Segment) {
	// The bytes of data acknowledged: not the SYN, not the FIN.
	acked := int(int32(s.Ack-e.iss-1)) - int(int32(e.sndUna-e.iss-1))
	acked = min(acked, int(int32(e.dataEnd()-e.sndUna)), int(int32(s.Ack-e.iss-1)))
	e.sndUna = s.Ack
	if seqLT(e.sndNxt, e.sndUna) {
		// After going back to SND.UNA the peer may hold more than was
		// sent since, the FIN included.
		e.sndNxt = e.sndUna
		e.finSent = e.finSent || (e.closed && seqLT(e.dataEnd(), e.sndUna))
	}
	e.dupAcks, e.timeouts = 0, 0
	if acked > 0 {
		e.emitRecv(StepRecvAck, e.state, s, "The %s gets ack=%d: %s more acknowledged.", e.side, s.Ack, nbytes(acked)) // step: recv-ack
	}
	e.sampleRTT(s.Ack)
	mss := e.opt.MSS
	switch {
	case acked <= 0:
	case e.recovery:
		e.cwnd, e.recovery = e.ssthresh, false // step: recovery-exit
		e.emitf(StepRecoveryExit, e.state, "Fast recovery ends: cwnd deflates to ssthresh, %d.", e.cwnd)
	case e.cwnd < e.ssthresh:
		e.cwnd += min(acked, mss) // step: slow-start
		e.emitf(StepSlowStart, e.state, "Slow start: cwnd grows by %d to %d (ssthresh %d).", min(acked, mss), e.cwnd, e.ssthresh)
	default:
		inc := max(1, mss*mss/e.cwnd)
		e.cwnd += inc // step: congestion-avoidance
		e.emitf(StepCongestionAvoidance, e.state, "Congestion avoidance: cwnd grows by SMSS*SMSS/cwnd = %d to %d.", inc, e.cwnd)
	}
	if e.sndUna == e.sndMax {
		e.stop(tRexmit)
	} else {
		e.arm(tRexmit, e.rto.rto)
	}
}

// sampleRTT measures the timed segment if ack covers it. Karn's rule: a
// retransmission stops the timing, so no sample comes from a segment
// sent twice.
func (e *Endpoint) sampleRTT(ack uint32) {
	if !e.timing || seqLT(ack, e.timedEnd) {
		return
	}
	e.timing = false
	r := e.now - e.timedAt
	e.rto.sample(r) // step: rtt-sample
	e.emitf(StepRTTSample, e.state, "RTT sample %v: SRTT %v, RTTVAR %v, RTO %v.", r, e.rto.srtt, e.rto.rttvar, e.rto.rto)
}

// dupAck counts a duplicate ACK: the third starts fast retransmit, later
// ones inflate cwnd (RFC 5681 section 3.2).
func (e *Endpoint) dupAck(s Segment) {
	e.dupAcks++
	e.emitRecv(StepRecvDupAck, e.state, s, "The %s gets duplicate ACK %d for ack=%d.", e.side, e.dupAcks, s.Ack) // step: recv-dup-ack
	mss := e.opt.MSS
	switch {
	case e.dupAcks == 3 && !e.recovery:
		flight := e.dataFlight()
		e.ssthresh = max(flight/2, 2*mss)
		e.timing = false
		seg := e.dataSegment(e.sndUna, min(mss, int(e.dataEnd()-e.sndUna)))
		e.rexmits++
		e.cwnd, e.recovery = e.ssthresh+3*mss, true
		d := e.out(seg) // step: fast-retransmit
		e.emitSeg(StepFastRetransmit, e.state, seg, d, true, "Third duplicate ACK: fast retransmit of seq=%d; ssthresh = max(%d/2, 2*%d) = %d, cwnd = ssthresh+3*SMSS = %d.", seg.Seq, flight, mss, e.ssthresh, e.cwnd)
	case e.dupAcks > 3 && e.recovery:
		e.cwnd += mss // step: fast-recovery
		e.emitf(StepFastRecovery, e.state, "Fast recovery: another duplicate ACK inflates cwnd by one SMSS to %d.", e.cwnd)
	}
}

// dataSegment is the segment of up to n data bytes at seq (a FIN when
// seq is the FIN's place).
func (e *Endpoint) dataSegment(seq uint32, n int) Segment {
	if seq == e.dataEnd() && e.closed {
		return e.segment(FIN, seq, nil)
	}
	off := int(seq - e.iss - 1)
	return e.segment(0, seq, e.data[off:off+n])
}

// inputData accepts the data of an acceptable segment: in order into
// the buffer, beyond a hole into the out-of-order list, trimmed to the
// window.
func (e *Endpoint) inputData(s Segment) {
	data, seq := s.Data, s.Seq
	if len(data) == 0 {
		return
	}
	if seqLT(seq, e.rcvNxt) {
		cut := int(e.rcvNxt - seq)
		if cut >= len(data) {
			e.ackNow = true
			return
		}
		data, seq = data[cut:], e.rcvNxt
	}
	if room := int(e.rcvNxt + uint32(e.rcvWnd()) - seq); len(data) > room {
		data = data[:max(room, 0)]
	}
	if seq != e.rcvNxt {
		e.keep(Segment{Seq: seq, Data: data}) // step: recv-out-of-order
		e.ackNow = true
		e.emitRecv(StepRecvOutOfOrder, e.state, s, "The %s gets seq=%d beyond a hole at %d: it keeps the bytes and repeats ack=%d.", e.side, s.Seq, e.rcvNxt, e.rcvNxt)
		return
	}
	filled := len(e.ooo) > 0
	e.recv = append(e.recv, data...) // step: recv-data
	e.rcvNxt += uint32(len(data))
	for len(e.ooo) > 0 && seqLEQ(e.ooo[0].Seq, e.rcvNxt) {
		o := e.ooo[0]
		e.ooo = e.ooo[1:]
		if end := o.Seq + uint32(len(o.Data)); seqLT(e.rcvNxt, end) {
			e.recv = append(e.recv, o.Data[e.rcvNxt-o.Seq:]...)
			e.rcvNxt = end
		}
	}
	switch {
	case filled || !e.opt.DelayedACK:
		e.ackNow = true
	case len(s.Data) >= e.opt.MSS:
		e.delayed++
		e.ackNow = e.delayed >= 2
	}
	if !e.ackNow && !e.timers[tDelack].on {
		e.arm(tDelack, DelayedACKTimeout)
	}
	e.emitRecv(StepRecvData, e.state, s, "The %s takes %s in order; it expects seq=%d next.", e.side, nbytes(len(data)), e.rcvNxt)
}

// keep adds an out-of-order piece, in order of seq, dropping what is
// already held.
func (e *Endpoint) keep(p Segment) {
	i := 0
	for i < len(e.ooo) && seqLT(e.ooo[i].Seq, p.Seq) {
		i++
	}
	if i < len(e.ooo) && e.ooo[i].Seq == p.Seq {
		if len(p.Data) > len(e.ooo[i].Data) {
			e.ooo[i] = p
		}
		return
	}
	e.ooo = append(e.ooo, Segment{})
	copy(e.ooo[i+1:], e.ooo[i:])
	e.ooo[i] = p
}

// outOfOrder is the bytes held beyond the hole.
func (e *Endpoint) outOfOrder() int {
	n := 0
	for _, o := range e.ooo {
		n += len(o.Data)
	}
	return n
}

// inputFin takes the peer's FIN once every byte before it is in.
func (e *Endpoint) inputFin(s Segment) {
	from := e.state
	e.rcvNxt++
	e.gotFin, e.ackNow = true, true
	switch e.state {
	case SynReceived, Established:
		e.setState(CloseWait) // step: recv-fin
	case FinWait1:
		e.setState(Closing)
	case FinWait2:
		e.enterTimeWait()
	}
	e.emitRecv(StepRecvFin, from, s, "The %s gets the peer's FIN: %s.", e.side, e.state)
}

// enterTimeWait starts the 2*MSL wait, the other timers off.
func (e *Endpoint) enterTimeWait() {
	e.setState(TimeWait)
	e.timers = [nTimers]timer{}
	e.arm(tTimeWait, e.opt.Profile.TimeWait())
}

// flush sends what the windows allow, then an ACK if one is still due.
func (e *Endpoint) flush() {
	e.output()
	if e.ackNow && e.state != Closed && e.state != Listen && e.state != SynSent {
		s := e.segment(ACK, e.sndNxt, nil)
		d := e.out(s) // step: send-ack
		e.emitSeg(StepSendAck, e.state, s, d, false, "The %s sends ACK ack=%d win=%d.", e.side, s.Ack, s.Wnd)
	}
}

// output sends data from SND.NXT as min(cwnd, SND.WND) allows, and the
// FIN after the data once the application has closed.
func (e *Endpoint) output() {
	switch e.state {
	case Established, CloseWait, FinWait1, Closing, LastAck:
	default:
		return
	}
	end, mss := e.dataEnd(), e.opt.MSS
	for seqLT(e.sndNxt, end) {
		if e.sndWnd == 0 {
			if e.sndNxt == e.sndUna && !e.timers[tPersist].on {
				e.stop(tRexmit)
				e.arm(tPersist, e.rto.rto)
			}
			return
		}
		flight, left := e.flight(), int(end-e.sndNxt)
		usable := min(e.cwnd, e.sndWnd) - flight
		n := min(mss, left, usable)
		if n <= 0 || (n < mss && n < left && flight > 0) {
			return
		}
		again := seqLT(e.sndNxt, e.sndMax)
		s := e.dataSegment(e.sndNxt, n)
		e.sndNxt += uint32(n)
		e.sndMax = seqMax(e.sndMax, e.sndNxt)
		if !e.timers[tRexmit].on {
			e.arm(tRexmit, e.rto.rto)
		}
		if again {
			e.rexmits++
			d := e.out(s) // step: retransmit
			e.emitSeg(StepRetransmit, e.state, s, d, true, "The %s sends seq=%d len=%d again (go-back-N after a timeout).", e.side, s.Seq, n)
			continue
		}
		if !e.timing {
			e.timing, e.timedEnd, e.timedAt = true, e.sndNxt, e.now
		}
		d := e.out(s) // step: send-data
		e.emitSeg(StepSendData, e.state, s, d, false, "The %s sends bytes %d-%d: seq=%d len=%d.", e.side, s.Seq-e.iss, s.Seq-e.iss+uint32(n)-1, s.Seq, n)
	}
	if !e.closed || e.finSent || e.sndNxt != end || (e.state != FinWait1 && e.state != LastAck && e.state != Closing) {
		return
	}
	again := seqLT(e.sndNxt, e.sndMax)
	s := e.segment(FIN, end, nil)
	e.sndNxt, e.finSent = end+1, true
	e.sndMax = seqMax(e.sndMax, e.sndNxt)
	if again {
		e.rexmits++
	}
	if !e.timers[tRexmit].on {
		e.arm(tRexmit, e.rto.rto)
	}
	d := e.out(s) // step: send-fin
	e.emitSeg(StepSendFin, e.state, s, d, again, "The %s sends FIN seq=%d%s.", e.side, end, againText(again))
}

// Fire runs the timers due at now.
func (e *Endpoint) Fire(now time.Duration) {
	e.now = now
	for t := range e.timers {
		if e.timers[t].on && e.timers[t].at <= now {
			e.stop(t)
			e.fire(t)
		}
	}
}

func (e *Endpoint) fire(t int) {
	from := e.state
	switch t {
	case tRexmit:
		e.timeout()
	case tPersist:
		e.backoff++
		e.arm(tPersist, min(e.rto.rto<<min(e.backoff, 16), MaxRTO)) // step: persist-timeout
		e.emitf(StepPersistTimeout, from, "The persist timer expires on a zero window: the %s probes it.", e.side)
		seq := e.sndUna
		if seqLT(seq, e.dataEnd()) {
			s := e.dataSegment(seq, 1)
			if e.sndNxt == e.sndUna {
				e.sndNxt++
				e.sndMax = seqMax(e.sndMax, e.sndNxt)
			}
			d := e.out(s) // step: send-probe
			e.emitSeg(StepSendProbe, e.state, s, d, false, "The %s sends a window probe: one byte at seq=%d.", e.side, seq)
		}
	case tDelack:
		e.ackNow = true // step: delack-timeout
		e.emitf(StepDelayedAckTimeout, from, "The %s's delayed-ACK timer expires.", e.side)
		e.flush()
	case tTimeWait:
		e.reset() // step: time-wait-expire
		e.emitf(StepTimeWaitExpire, from, "2*MSL has passed in TIME-WAIT: the %s is CLOSED.", e.side)
	}
}

// timeout handles the retransmission timer (RFC 6298 (5.4)-(5.6)): RTO
// doubles; for data, ssthresh = max(FlightSize/2, 2*SMSS) the first time
// the segment times out, cwnd = one SMSS (RFC 5681 (4)), and sending goes
// back to SND.UNA.
func (e *Endpoint) timeout() {
	from := e.state
	old := e.rto.rto
	e.rto.backoff() // step: rto-timeout
	e.timing = false
	if e.state == SynSent || e.state == SynReceived {
		e.emitf(StepRTOTimeout, from, "The %s's retransmission timer (%v) expires: RTO doubles to %v.", e.side, old, e.rto.rto)
		e.sendSyn(true)
		return
	}
	flight, mss := e.dataFlight(), e.opt.MSS
	if e.timeouts == 0 {
		e.ssthresh = max(flight/2, 2*mss)
	}
	e.timeouts++
	e.cwnd, e.dupAcks, e.recovery = mss, 0, false
	e.sndNxt = e.sndUna
	if e.finSent && seqLEQ(e.sndNxt, e.dataEnd()) {
		e.finSent = false
	}
	e.emitf(StepRTOTimeout, from, "The %s's retransmission timer (%v) expires: RTO doubles to %v, ssthresh %d, cwnd one SMSS (%d).", e.side, old, e.rto.rto, e.ssthresh, e.cwnd)
	e.arm(tRexmit, e.rto.rto)
	e.output()
}

// Snapshot is the endpoint's variables now.
func (e *Endpoint) Snapshot() Snapshot {
	written := len(e.data)
	acked := min(max(int(int32(e.sndUna-e.iss-1)), 0), written)
	inFlight := min(max(int(int32(e.sndNxt-e.iss-1)), 0), written) - acked
	usable := 0
	if e.state.synchronized() {
		usable = max(0, min(min(e.cwnd, e.sndWnd)-e.flight(), written-acked-inFlight))
	}
	return Snapshot{
		State: e.state, ISS: e.iss, SndUna: e.sndUna, SndNxt: e.sndNxt, SndWnd: e.sndWnd,
		Written: written, Acked: acked, InFlight: max(inFlight, 0), Usable: usable,
		Cwnd: e.cwnd, Ssthresh: e.ssthresh, DupAcks: e.dupAcks, Recovery: e.recovery,
		RTO: e.rto.rto, SRTT: e.rto.srtt, RTTVAR: e.rto.rttvar, Retransmits: e.rexmits,
		IRS: e.irs, RcvNxt: e.rcvNxt, RcvWnd: e.rcvWnd(), RcvBuf: e.opt.RcvBuf,
		Unread: e.Unread(), OutOfOrder: e.outOfOrder(), Read: e.read,
	}
}

// emitf reports a step without a segment.
func (e *Endpoint) emitf(step Step, from State, format string, args ...any) {
	if e.Observe == nil {
		return
	}
	e.emit(Event{Step: step, From: from, Explain: fmt.Sprintf(format, args...)})
}

// emitRecv reports a step taken on a segment received.
func (e *Endpoint) emitRecv(step Step, from State, s Segment, format string, args ...any) {
	if e.Observe == nil {
		return
	}
	e.emit(Event{Step: step, From: from, Seg: s, HasSeg: true, Explain: fmt.Sprintf(format, args...)})
}

// emitSeg reports a segment sent and what the network does with it.
func (e *Endpoint) emitSeg(step Step, from State, s Segment, d Delivery, again bool, format string, args ...any) {
	if e.Observe == nil {
		return
	}
	s.Num = d.Num
	x := fmt.Sprintf(format, args...)
	if !d.Fate.Arrives() {
		x = x[:len(x)-1] + "; the network drops it."
	}
	e.emit(Event{Step: step, From: from, Seg: s, HasSeg: true, Sent: true, Delivery: d, Retransmit: again, Explain: x})
}

func (e *Endpoint) emit(ev Event) {
	ev.At, ev.Side, ev.To = e.now, e.side, e.state
	if e.side == Server {
		ev.Server = e.Snapshot()
	} else {
		ev.Client = e.Snapshot()
	}
	e.Observe(ev)
}

// nbytes is "1 byte" or "n bytes".
func nbytes(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return itoa(n) + " bytes"
}
