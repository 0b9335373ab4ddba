package tcp

import "time"

// Side names an end of the simulated connection.
type Side uint8

// The two ends.
const (
	Client Side = iota // the end that opens actively and sends the data
	Server             // the end that listens and reads
)

// String returns "client" or "server".
func (s Side) String() string {
	if s == Server {
		return "server"
	}
	return "client"
}

// Step is the stable id of a step an observer sees: the line of
// endpoint.go that performs it carries the comment "// step: <id>", and
// tutor's source pane highlights it.
type Step string

// The steps. Each Event names one; the segment steps carry the segment.
const (
	// StepOpenPassive is a passive OPEN: CLOSED to LISTEN.
	StepOpenPassive Step = "open-passive"
	// StepOpenActive is an active OPEN: CLOSED to SYN-SENT, SYN sent.
	StepOpenActive Step = "open-active"
	// StepAppWrite is the application handing bytes to TCP (SEND).
	StepAppWrite Step = "app-write"
	// StepAppRead is the application taking bytes out of the receive
	// buffer, which opens the window.
	StepAppRead Step = "app-read"
	// StepAppClose is the application's CLOSE: no more data from it.
	StepAppClose Step = "app-close"
	// StepAppAbort is the application's ABORT: a RST, and the TCB goes.
	StepAppAbort Step = "app-abort"

	// StepSendSyn sends a SYN (again, when Retransmit is set).
	StepSendSyn Step = "send-syn"
	// StepSendSynAck sends a SYN,ACK.
	StepSendSynAck Step = "send-syn-ack"
	// StepSendData sends new data.
	StepSendData Step = "send-data"
	// StepRetransmit sends data again after a timeout (go-back-N from
	// SND.UNA).
	StepRetransmit Step = "retransmit"
	// StepSendFin sends a FIN (again, when Retransmit is set).
	StepSendFin Step = "send-fin"
	// StepSendAck sends an ACK without data.
	StepSendAck Step = "send-ack"
	// StepSendWindowUpdate sends an ACK that offers a larger window
	// after the application read.
	StepSendWindowUpdate Step = "send-window-update"
	// StepSendProbe sends one byte into a zero window (a window probe).
	StepSendProbe Step = "send-probe"
	// StepSendRst sends a RST.
	StepSendRst Step = "send-rst"

	// StepRecvSyn receives a SYN in LISTEN or SYN-SENT.
	StepRecvSyn Step = "recv-syn"
	// StepRecvSynAck receives the SYN,ACK in SYN-SENT: ESTABLISHED.
	StepRecvSynAck Step = "recv-syn-ack"
	// StepEstablished receives the ACK of our SYN in SYN-RECEIVED.
	StepEstablished Step = "established"
	// StepRecvAck receives an ACK of new data.
	StepRecvAck Step = "recv-ack"
	// StepRecvDupAck receives a duplicate ACK (RFC 5681 section 2).
	StepRecvDupAck Step = "recv-dup-ack"
	// StepFinAcked receives the ACK of our FIN.
	StepFinAcked Step = "fin-acked"
	// StepRecvData receives data in order into the buffer.
	StepRecvData Step = "recv-data"
	// StepRecvOutOfOrder receives data beyond a hole and keeps it.
	StepRecvOutOfOrder Step = "recv-out-of-order"
	// StepRecvFin receives the peer's FIN, all data before it in.
	StepRecvFin Step = "recv-fin"
	// StepRecvRst receives an acceptable RST.
	StepRecvRst Step = "recv-rst"
	// StepRecvUnacceptable receives a segment outside the window (old,
	// duplicate, or data for a zero window) and answers with an ACK.
	StepRecvUnacceptable Step = "recv-unacceptable"
	// StepRecvClosed receives a segment on a closed port.
	StepRecvClosed Step = "recv-closed"

	// StepRTTSample measures a round trip and updates SRTT, RTTVAR, RTO.
	StepRTTSample Step = "rtt-sample"
	// StepSlowStart grows cwnd by the bytes acked, at most one SMSS.
	StepSlowStart Step = "slow-start"
	// StepCongestionAvoidance grows cwnd by about SMSS*SMSS/cwnd.
	StepCongestionAvoidance Step = "congestion-avoidance"
	// StepFastRetransmit resends on the third duplicate ACK and sets
	// ssthresh and cwnd.
	StepFastRetransmit Step = "fast-retransmit"
	// StepFastRecovery inflates cwnd by one SMSS on a further duplicate
	// ACK.
	StepFastRecovery Step = "fast-recovery"
	// StepRecoveryExit deflates cwnd to ssthresh on the ACK of new data.
	StepRecoveryExit Step = "recovery-exit"
	// StepRTOTimeout is the retransmission timer expiring.
	StepRTOTimeout Step = "rto-timeout"
	// StepPersistTimeout is the persist timer expiring on a zero window.
	StepPersistTimeout Step = "persist-timeout"
	// StepWindowOpen is a zero window opening: the persist timer stops.
	StepWindowOpen Step = "window-open"
	// StepDelayedAckTimeout is the delayed-ACK timer expiring.
	StepDelayedAckTimeout Step = "delack-timeout"
	// StepTimeWaitExpire is 2*MSL passing in TIME-WAIT: CLOSED.
	StepTimeWaitExpire Step = "time-wait-expire"
)

// Fate is what the network did with a segment.
type Fate uint8

// The fates.
const (
	Delivered  Fate = iota // arrives once, in order
	Lost                   // dropped: scripted or drawn
	QueueDrop              // dropped: the link's queue was full
	Duplicated             // arrives twice
	Reordered              // arrives late, after segments sent after it
)

var fateNames = [...]string{"delivered", "lost", "dropped by a full queue", "duplicated", "reordered"}

// String names the fate, e.g. "lost".
func (f Fate) String() string {
	if int(f) < len(fateNames) {
		return fateNames[f]
	}
	return "Fate(" + itoa(int(f)) + ")"
}

// Arrives reports whether at least one copy reaches the peer.
func (f Fate) Arrives() bool { return f != Lost && f != QueueDrop }

// Delivery is the network's answer to a segment sent: its number, its
// fate, and when it arrives.
type Delivery struct {
	Num  int           // the segment's place among all sent, from 1
	Fate Fate          // what happens to it
	At   time.Duration // when (the first copy) arrives; 0 if it does not
}

// Snapshot is an endpoint's variables after a step, as a picture needs
// them. Byte counts are of the data stream, SYN and FIN not counted.
type Snapshot struct {
	State State
	// The send side.
	ISS, SndUna, SndNxt uint32
	SndWnd              int // the peer's offered window
	Written             int // bytes the application wrote
	Acked               int // bytes acknowledged
	InFlight            int // bytes sent, not acknowledged
	Usable              int // bytes the windows allow to send now
	Cwnd, Ssthresh      int
	DupAcks             int
	Recovery            bool // in fast recovery
	RTO, SRTT, RTTVAR   time.Duration
	Retransmits         int // segments sent again
	// The receive side.
	IRS, RcvNxt uint32
	RcvWnd      int // the window offered now
	RcvBuf      int // the buffer's size
	Unread      int // bytes in the buffer, in order, not yet read
	OutOfOrder  int // bytes held beyond a hole
	Read        int // bytes the application has read
}

// Event is one step, as an observer sees it.
type Event struct {
	// Step is the step taken; the line of endpoint.go that performs it
	// carries "// step: <Step>".
	Step Step
	// At is the virtual time.
	At time.Duration
	// Side is the end that took the step.
	Side Side
	// From and To are that end's state before and after the step; they
	// are equal when the step changes no state.
	From, To State
	// Seg is the segment sent or received, when HasSeg.
	Seg    Segment
	HasSeg bool
	// Sent reports that Seg was sent (rather than received); Delivery is
	// then the network's answer, and Retransmit reports whether Seg
	// carries sequence numbers sent before.
	Sent       bool
	Delivery   Delivery
	Retransmit bool
	// Client and Server are both ends' variables after the step. An
	// Endpoint outside a Sim fills only its own.
	Client, Server Snapshot
	// Explain is one sentence for a learner, with the actual values.
	Explain string
}
