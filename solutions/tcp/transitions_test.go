package tcp

import (
	"slices"
	"testing"
	"time"
)

// wire is a test's network: it records what an endpoint sends.
type wire struct{ sent []Segment }

func (w *wire) out(s Segment) Delivery {
	w.sent = append(w.sent, s)
	return Delivery{Num: len(w.sent), Fate: Delivered}
}

// flags are the flags of the segments sent since mark.
func (w *wire) flags(mark int) []Flags {
	var f []Flags
	for _, s := range w.sent[mark:] {
		f = append(f, s.Flags)
	}
	return f
}

// The test endpoint's ISS is 100 and its peer's 300, so our SYN is 100,
// our first data or FIN is 101, the peer's SYN is 300 and its FIN 301.
const (
	iss  = 100
	piss = 300
)

func newTestEndpoint(t *testing.T) (*Endpoint, *wire) {
	t.Helper()
	w := &wire{}
	e, err := NewEndpoint(Client, Options{MSS: 1000, RcvBuf: 4000, ISS: iss}, w.out)
	if err != nil {
		t.Fatal(err)
	}
	return e, w
}

// peer is a segment from the peer.
func peer(f Flags, seq, ack uint32) Segment {
	return Segment{Flags: f, Seq: seq, Ack: ack, Wnd: 4000}
}

// The setups bring an endpoint to a state by the diagram's own edges.
var setups map[string]func(e *Endpoint)

func init() {
	setups = map[string]func(e *Endpoint){
		"CLOSED":        func(e *Endpoint) {},
		"LISTEN":        func(e *Endpoint) { _ = e.Open(0, true) },
		"SYN-SENT":      func(e *Endpoint) { _ = e.Open(0, false) },
		"SYN-RCVD/pass": func(e *Endpoint) { _ = e.Open(0, true); e.Input(1, peer(SYN, piss, 0)) },
		"SYN-RCVD/act":  func(e *Endpoint) { _ = e.Open(0, false); e.Input(1, peer(SYN, piss, 0)) },
		"ESTAB":         func(e *Endpoint) { _ = e.Open(0, false); e.Input(1, peer(SYN|ACK, piss, iss+1)) },
		"FIN-WAIT-1":    func(e *Endpoint) { setups["ESTAB"](e); _ = e.Close(2) },
		"FIN-WAIT-2":    func(e *Endpoint) { setups["FIN-WAIT-1"](e); e.Input(3, peer(ACK, piss+1, iss+2)) },
		"CLOSE-WAIT":    func(e *Endpoint) { setups["ESTAB"](e); e.Input(2, peer(FIN|ACK, piss+1, iss+1)) },
		"CLOSING":       func(e *Endpoint) { setups["FIN-WAIT-1"](e); e.Input(3, peer(FIN|ACK, piss+1, iss+1)) },
		"LAST-ACK":      func(e *Endpoint) { setups["CLOSE-WAIT"](e); _ = e.Close(3) },
		"TIME-WAIT":     func(e *Endpoint) { setups["FIN-WAIT-2"](e); e.Input(4, peer(FIN|ACK, piss+1, iss+2)) },
	}
}

// TestStateDiagram takes every edge of RFC 9293 figure 5 (section 3.3.2),
// the two its notes add, and the RST of a closed port, each from a state
// reached by other edges, and checks the state reached and the segments
// sent against the figure's labels ("rcv SYN / snd SYN,ACK").
func TestStateDiagram(t *testing.T) {
	tw := ProfileRFC.TimeWait()
	for _, tt := range []struct {
		edge  string
		from  string
		event func(e *Endpoint)
		to    State
		sent  []Flags
	}{
		{"passive OPEN / create TCB", "CLOSED", func(e *Endpoint) { _ = e.Open(10, true) }, Listen, nil},
		{"active OPEN / create TCB, snd SYN", "CLOSED", func(e *Endpoint) { _ = e.Open(10, false) }, SynSent, []Flags{SYN}},
		{"CLOSE / delete TCB", "LISTEN", func(e *Endpoint) { _ = e.Close(10) }, Closed, nil},
		{"rcv SYN / snd SYN,ACK", "LISTEN", func(e *Endpoint) { e.Input(10, peer(SYN, piss, 0)) }, SynReceived, []Flags{SYN | ACK}},
		{"SEND / snd SYN", "LISTEN", func(e *Endpoint) { _ = e.Write(10, []byte("x")) }, SynSent, []Flags{SYN}},
		{"CLOSE / delete TCB", "SYN-SENT", func(e *Endpoint) { _ = e.Close(10) }, Closed, nil},
		{"rcv SYN / snd SYN,ACK (simultaneous open)", "SYN-SENT", func(e *Endpoint) { e.Input(10, peer(SYN, piss, 0)) }, SynReceived, []Flags{SYN | ACK}},
		{"rcv SYN,ACK / snd ACK", "SYN-SENT", func(e *Endpoint) { e.Input(10, peer(SYN|ACK, piss, iss+1)) }, Established, []Flags{ACK}},
		{"rcv ACK of SYN / x", "SYN-RCVD/pass", func(e *Endpoint) { e.Input(10, peer(ACK, piss+1, iss+1)) }, Established, nil},
		{"rcv ACK of SYN / x (simultaneous open)", "SYN-RCVD/act", func(e *Endpoint) { e.Input(10, peer(ACK, piss+1, iss+1)) }, Established, nil},
		{"rcv RST (note 1: after a passive OPEN)", "SYN-RCVD/pass", func(e *Endpoint) { e.Input(10, peer(RST, piss+1, 0)) }, Listen, nil},
		{"rcv RST (note 1: after an active OPEN; note 3)", "SYN-RCVD/act", func(e *Endpoint) { e.Input(10, peer(RST, piss+1, 0)) }, Closed, nil},
		{"CLOSE / snd FIN", "SYN-RCVD/pass", func(e *Endpoint) { _ = e.Close(10) }, FinWait1, []Flags{FIN | ACK}},
		{"CLOSE / snd FIN", "ESTAB", func(e *Endpoint) { _ = e.Close(10) }, FinWait1, []Flags{FIN | ACK}},
		{"rcv FIN / snd ACK", "ESTAB", func(e *Endpoint) { e.Input(10, peer(FIN|ACK, piss+1, iss+1)) }, CloseWait, []Flags{ACK}},
		{"rcv ACK of FIN / x", "FIN-WAIT-1", func(e *Endpoint) { e.Input(10, peer(ACK, piss+1, iss+2)) }, FinWait2, nil},
		{"rcv FIN / snd ACK", "FIN-WAIT-1", func(e *Endpoint) { e.Input(10, peer(FIN|ACK, piss+1, iss+1)) }, Closing, []Flags{ACK}},
		{"rcv FIN and ACK of FIN (note 2)", "FIN-WAIT-1", func(e *Endpoint) { e.Input(10, peer(FIN|ACK, piss+1, iss+2)) }, TimeWait, []Flags{ACK}},
		{"rcv FIN / snd ACK", "FIN-WAIT-2", func(e *Endpoint) { e.Input(10, peer(FIN|ACK, piss+1, iss+2)) }, TimeWait, []Flags{ACK}},
		{"rcv ACK of FIN / x", "CLOSING", func(e *Endpoint) { e.Input(10, peer(ACK, piss+2, iss+2)) }, TimeWait, nil},
		{"Timeout=2MSL / delete TCB", "TIME-WAIT", func(e *Endpoint) { e.Fire(4 + tw) }, Closed, nil},
		{"CLOSE / snd FIN", "CLOSE-WAIT", func(e *Endpoint) { _ = e.Close(10) }, LastAck, []Flags{FIN | ACK}},
		{"rcv ACK of FIN / x", "LAST-ACK", func(e *Endpoint) { e.Input(10, peer(ACK, piss+2, iss+2)) }, Closed, nil},
		// Note 3: a RST received takes a synchronized state to CLOSED.
		{"rcv RST (note 3)", "ESTAB", func(e *Endpoint) { e.Input(10, peer(RST, piss+1, 0)) }, Closed, nil},
		{"rcv RST (note 3)", "CLOSE-WAIT", func(e *Endpoint) { e.Input(10, peer(RST, piss+2, 0)) }, Closed, nil},
		{"rcv RST,ACK: connection refused (note 3)", "SYN-SENT", func(e *Endpoint) { e.Input(10, peer(RST|ACK, 0, iss+1)) }, Closed, nil},
		// A closed port answers a SYN with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
		{"rcv SYN on a closed port / snd RST,ACK", "CLOSED", func(e *Endpoint) { e.Input(10, peer(SYN, piss, 0)) }, Closed, []Flags{RST | ACK}},
	} {
		t.Run(tt.from+" "+tt.edge, func(t *testing.T) {
			e, w := newTestEndpoint(t)
			setups[tt.from](e)
			mark := len(w.sent)
			tt.event(e)
			if e.State() != tt.to {
				t.Errorf("state %s, want %s", e.State(), tt.to)
			}
			if got := w.flags(mark); !slices.Equal(got, tt.sent) {
				t.Errorf("sent %v, want %v", got, tt.sent)
			}
		})
	}
}

// TestSetupStates checks that each setup reaches the state it is named
// after, so that the table starts where it says.
func TestSetupStates(t *testing.T) {
	want := map[string]State{
		"CLOSED": Closed, "LISTEN": Listen, "SYN-SENT": SynSent, "SYN-RCVD/pass": SynReceived,
		"SYN-RCVD/act": SynReceived, "ESTAB": Established, "FIN-WAIT-1": FinWait1, "FIN-WAIT-2": FinWait2,
		"CLOSE-WAIT": CloseWait, "CLOSING": Closing, "LAST-ACK": LastAck, "TIME-WAIT": TimeWait,
	}
	for name, setup := range setups {
		e, _ := newTestEndpoint(t)
		setup(e)
		if e.State() != want[name] {
			t.Errorf("%s: state %s", name, e.State())
		}
	}
}

// TestHandshakeNumbers checks the numbers of the three-way handshake of
// RFC 9293 section 3.5: SYN seq=x; SYN,ACK seq=y ack=x+1; ACK ack=y+1.
func TestHandshakeNumbers(t *testing.T) {
	cw, sw := &wire{}, &wire{}
	c, _ := NewEndpoint(Client, Options{MSS: 1000, RcvBuf: 4000, ISS: 7}, cw.out)
	s, _ := NewEndpoint(Server, Options{MSS: 1000, RcvBuf: 4000, ISS: 4294967290}, sw.out)
	_ = s.Open(0, true)
	_ = c.Open(0, false)
	s.Input(1, cw.sent[0])
	c.Input(2, sw.sent[0])
	s.Input(3, cw.sent[1])
	got := []Segment{cw.sent[0], sw.sent[0], cw.sent[1]}
	want := []Segment{
		{Flags: SYN, Seq: 7},
		{Flags: SYN | ACK, Seq: 4294967290, Ack: 8},
		{Flags: ACK, Seq: 8, Ack: 4294967291},
	}
	for i := range want {
		if got[i].Flags != want[i].Flags || got[i].Seq != want[i].Seq || got[i].Ack != want[i].Ack {
			t.Errorf("segment %d: %v, want %v", i+1, got[i], want[i])
		}
	}
	if c.State() != Established || s.State() != Established {
		t.Errorf("states %s and %s", c.State(), s.State())
	}
}

// allowed are the state changes figure 5 draws, its notes add (SYN-RCVD
// to LISTEN on a RST, FIN-WAIT-1 to TIME-WAIT; a RST or an ABORT from any
// state to CLOSED), and nothing else.
var allowed = map[[2]State]bool{
	{Closed, Listen}: true, {Closed, SynSent}: true, {Listen, Closed}: true,
	{Listen, SynReceived}: true, {Listen, SynSent}: true, {SynSent, Closed}: true,
	{SynSent, SynReceived}: true, {SynSent, Established}: true, {SynReceived, Established}: true,
	{SynReceived, Listen}: true, {SynReceived, FinWait1}: true, {Established, FinWait1}: true,
	{Established, CloseWait}: true, {FinWait1, FinWait2}: true, {FinWait1, Closing}: true,
	{FinWait2, TimeWait}: true, {Closing, TimeWait}: true, {TimeWait, Closed}: true,
	{CloseWait, LastAck}: true, {LastAck, Closed}: true, {FinWait1, TimeWait}: true,
}

// allowedChange reports whether a step may change from into to.
func allowedChange(step Step, from, to State) bool {
	if allowed[[2]State{from, to}] {
		return true
	}
	return to == Closed && (step == StepRecvRst || step == StepAppAbort)
}

func TestTimeWaitLastsTwoMSL(t *testing.T) {
	for _, p := range []Profile{ProfileRFC, ProfileLinux} {
		w := &wire{}
		e, _ := NewEndpoint(Client, Options{MSS: 1000, RcvBuf: 4000, ISS: iss, Profile: p}, w.out)
		setups["TIME-WAIT"](e)
		at, ok := e.Deadline()
		want := map[Profile]time.Duration{ProfileRFC: 4 * time.Minute, ProfileLinux: time.Minute}[p]
		if !ok || at != 4+want {
			t.Errorf("%s: TIME-WAIT deadline %v, %v; want %v", p, at, ok, 4+want)
		}
		// A retransmitted FIN is acknowledged and restarts the wait.
		mark := len(w.sent)
		e.Input(100, peer(FIN|ACK, piss+1, iss+2))
		if at, _ := e.Deadline(); at != 100+want || !slices.Equal(w.flags(mark), []Flags{ACK}) {
			t.Errorf("%s: after a second FIN: deadline %v, sent %v", p, at, w.flags(mark))
		}
		e.Fire(100 + want - 1)
		if e.State() != TimeWait {
			t.Errorf("%s: left TIME-WAIT early", p)
		}
		e.Fire(100 + want)
		if e.State() != Closed {
			t.Errorf("%s: %s after 2*MSL", p, e.State())
		}
	}
}
