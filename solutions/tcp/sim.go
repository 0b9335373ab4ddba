package tcp

import (
	"fmt"
	"time"
)

// OpenMode is how the connection is opened.
type OpenMode uint8

// The open modes.
const (
	// OpenNormal: the server listens, the client opens actively (the
	// three-way handshake).
	OpenNormal OpenMode = iota
	// OpenSimultaneous: both open actively at once, each SYN crossing the
	// other.
	OpenSimultaneous
	// OpenRefused: nothing listens at the server; its port is closed.
	OpenRefused
)

// CloseMode is the order in which the two ends close.
type CloseMode uint8

// The close modes.
const (
	// CloseClientFirst: the client closes after writing, once the
	// connection is established (a FIN follows the data); the server
	// closes a moment after it reads the end of the stream.
	CloseClientFirst CloseMode = iota
	// CloseServerFirst: the server closes once it has read every byte;
	// the client closes a moment after it sees the server's FIN.
	CloseServerFirst
	// CloseSimultaneous: the client closes when its data is acknowledged
	// and the server one delay after reading it, so the FINs cross.
	CloseSimultaneous
	// CloseCombined: the client closes as in CloseClientFirst; the server closes
	// as soon as it reads the end, so one segment carries its ACK and
	// its FIN.
	CloseCombined
	// CloseAbort: the client aborts (a RST) once its data is acknowledged.
	CloseAbort
	// CloseNone: nobody closes.
	CloseNone
)

var closeNames = [...]string{"client-first", "server-first", "simultaneous", "combined", "abort", "none"}

// String returns the mode's name, e.g. "client-first".
func (m CloseMode) String() string {
	if int(m) < len(closeNames) {
		return closeNames[m]
	}
	return "CloseMode(" + itoa(int(m)) + ")"
}

// ParseCloseMode reads a name String returns.
func ParseCloseMode(s string) (CloseMode, error) {
	for i, n := range closeNames {
		if s == n {
			return CloseMode(i), nil
		}
	}
	return 0, fmt.Errorf("close %q: want client-first, server-first, simultaneous, combined, abort or none", s)
}

// ThinkTime is how long an application takes to close after it sees the
// end of the stream, in the close modes that wait.
const ThinkTime = 10 * time.Millisecond

// Config is a simulated connection: the two ends, the network and the
// applications.
type Config struct {
	// MSS is both ends' maximum segment size; RcvBuf the server's receive
	// buffer (the client's is MaxWindow).
	MSS, RcvBuf int
	// ClientISN and ServerISN are the initial sequence numbers.
	ClientISN, ServerISN uint32
	// Profile picks the RFC or Linux figures; DelayedACK turns delayed
	// ACKs on at both ends.
	Profile    Profile
	DelayedACK bool
	// Net is the network.
	Net Network
	// ReadBytes is how many bytes the server's application reads every
	// ReadEvery; 0 reads everything as soon as it arrives.
	ReadBytes int
	ReadEvery time.Duration
	// Open and Close are how the connection opens and closes.
	Open  OpenMode
	Close CloseMode
	// Limit bounds the virtual time; 0 is one hour.
	Limit time.Duration
}

// DefaultConfig is a connection with MSS 1000, a 64000-byte buffer, ISNs
// 1000 and 5000, 50 ms each way, the RFC profile.
func DefaultConfig() Config {
	return Config{
		MSS: 1000, RcvBuf: 64000, ClientISN: 1000, ServerISN: 5000,
		Net:       Network{Delay: 50 * time.Millisecond},
		ReadEvery: 100 * time.Millisecond,
	}
}

// Result is what a run ends with.
type Result struct {
	// Received is what the server's application read, in order.
	Received []byte
	// Retransmits counts the segments each end sent again.
	Retransmits [2]int
	// Final is each end's state at the end.
	Final [2]State
	// Segments is the number of segments the network carried.
	Segments int
	// Elapsed is the virtual time the run took.
	Elapsed time.Duration
}

// Sim runs one connection: the client writes its data, the server reads
// it, and they close as Config.Close says. Run it once.
type Sim struct {
	// Observe, if not nil, sees every step of both ends, with both ends'
	// snapshots.
	Observe func(Event)

	cfg    Config
	now    time.Duration
	ends   [2]*Endpoint
	net    *network
	data   []byte
	got    []byte
	app    []appTimer
	closed [2]bool
	reads  bool // a read is scheduled
}

// appTimer is an application action at a time.
type appTimer struct {
	at time.Duration
	do func()
}

// NewSim checks cfg and returns a simulation of it.
func NewSim(cfg Config) (*Sim, error) {
	if err := cfg.Net.check(); err != nil {
		return nil, err
	}
	if cfg.ReadBytes < 0 {
		return nil, fmt.Errorf("read %d: want 0 (at once) or more bytes", cfg.ReadBytes)
	}
	if cfg.ReadBytes > 0 && cfg.ReadEvery <= 0 {
		return nil, fmt.Errorf("read interval %v: want more than 0", cfg.ReadEvery)
	}
	if cfg.Open > OpenRefused || cfg.Close > CloseNone {
		return nil, fmt.Errorf("open mode %d or close mode %d unknown", cfg.Open, cfg.Close)
	}
	if cfg.Limit <= 0 {
		cfg.Limit = time.Hour
	}
	s := &Sim{cfg: cfg, net: newNetwork(cfg.Net)}
	for side, o := range []Options{
		{MSS: cfg.MSS, RcvBuf: MaxWindow, ISS: cfg.ClientISN, Profile: cfg.Profile, DelayedACK: cfg.DelayedACK},
		{MSS: cfg.MSS, RcvBuf: cfg.RcvBuf, ISS: cfg.ServerISN, Profile: cfg.Profile, DelayedACK: cfg.DelayedACK},
	} {
		from := Side(side)
		e, err := NewEndpoint(from, o, func(seg Segment) Delivery { return s.net.send(from, s.now, seg) })
		if err != nil {
			return nil, err
		}
		s.ends[side] = e
	}
	s.ends[Client].App = s.clientApp
	s.ends[Server].App = s.serverApp
	return s, nil
}

// observe passes an end's event on with both ends' snapshots.
func (s *Sim) observe(ev Event) {
	if ev.Side == Server {
		ev.Client = s.ends[Client].Snapshot()
	} else {
		ev.Server = s.ends[Server].Snapshot()
	}
	s.Observe(ev)
}

// Run writes data from the client and runs until nothing is left to
// happen, or Config.Limit of virtual time has passed (an error).
func (s *Sim) Run(data []byte) (Result, error) {
	if s.Observe != nil {
		s.ends[Client].Observe, s.ends[Server].Observe = s.observe, s.observe
	}
	s.data = data
	c, sv := s.ends[Client], s.ends[Server]
	switch s.cfg.Open {
	case OpenNormal:
		_ = sv.Open(0, true)
		_ = c.Open(0, false)
	case OpenSimultaneous:
		_ = c.Open(0, false)
		_ = sv.Open(0, false)
	case OpenRefused:
		_ = c.Open(0, false)
	}
	if len(data) > 0 {
		_ = c.Write(0, data)
	}
	for {
		at, what := s.next()
		if what < 0 {
			break
		}
		if at > s.cfg.Limit {
			return s.result(), fmt.Errorf("the connection did not finish in %v of virtual time", s.cfg.Limit)
		}
		s.now = at
		switch what {
		case 0:
			a := s.net.pop()
			s.ends[a.to].Input(at, a.seg)
		case 1:
			t := s.app[0]
			s.app = s.app[1:]
			t.do()
		case 2, 3:
			s.ends[what-2].Fire(at)
		}
	}
	return s.result(), nil
}

// next is the time of the next thing to happen and what it is: 0 an
// arrival, 1 an application timer, 2 and 3 a client or server timer; -1
// nothing.
func (s *Sim) next() (time.Duration, int) {
	at, what := time.Duration(0), -1
	consider := func(t time.Duration, ok bool, w int) {
		if ok && (what < 0 || t < at) {
			at, what = t, w
		}
	}
	t, ok := s.net.next()
	consider(t, ok, 0)
	if len(s.app) > 0 {
		consider(s.app[0].at, true, 1)
	}
	t, ok = s.ends[Client].Deadline()
	consider(t, ok, 2)
	t, ok = s.ends[Server].Deadline()
	consider(t, ok, 3)
	return at, what
}

func (s *Sim) result() Result {
	return Result{
		Received:    s.got,
		Retransmits: [2]int{s.ends[Client].Retransmits(), s.ends[Server].Retransmits()},
		Final:       [2]State{s.ends[Client].State(), s.ends[Server].State()},
		Segments:    s.net.sent,
		Elapsed:     s.now,
	}
}

// later runs do at now+d, after what is already due then.
func (s *Sim) later(d time.Duration, do func()) {
	t := appTimer{at: s.now + d, do: do}
	i := len(s.app)
	for i > 0 && s.app[i-1].at > t.at {
		i--
	}
	s.app = append(s.app, appTimer{})
	copy(s.app[i+1:], s.app[i:])
	s.app[i] = t
}

// close closes side's end, once.
func (s *Sim) close(side Side) {
	if s.closed[side] {
		return
	}
	s.closed[side] = true
	_ = s.ends[side].Close(s.now)
}

// clientApp is the client's application after each segment: it closes
// when the close mode says, and in any mode once the server has closed.
func (s *Sim) clientApp(e *Endpoint) {
	if e.EOF() {
		_ = e.Read(s.now, e.Unread())
	}
	if s.closed[Client] {
		return
	}
	switch {
	case s.cfg.Close == CloseAbort:
		if e.AllAcked() {
			s.closed[Client] = true
			e.Abort(s.now)
		}
	case (s.cfg.Close == CloseClientFirst || s.cfg.Close == CloseCombined) && e.State() == Established:
		s.close(Client)
	case s.cfg.Close == CloseSimultaneous && e.AllAcked():
		s.close(Client)
	case e.EOF() && s.cfg.Close != CloseNone:
		s.closed[Client] = true
		s.later(ThinkTime, func() { _ = e.Close(s.now) })
	}
}

// serverApp is the server's application after each segment: it reads,
// and closes when the close mode says.
func (s *Sim) serverApp(e *Endpoint) {
	if s.cfg.ReadBytes == 0 {
		s.got = append(s.got, e.Read(s.now, e.Unread())...)
	} else if e.Unread() > 0 && !s.reads {
		s.reads = true
		s.later(s.cfg.ReadEvery, s.slowRead)
	}
	s.maybeClose(e)
}

// slowRead reads ReadBytes and schedules the next read while bytes wait.
func (s *Sim) slowRead() {
	e := s.ends[Server]
	s.got = append(s.got, e.Read(s.now, s.cfg.ReadBytes)...)
	s.reads = false
	if e.Unread() > 0 {
		s.reads = true
		s.later(s.cfg.ReadEvery, s.slowRead)
	}
	s.maybeClose(e)
	e.flush()
}

// maybeClose closes the server when the close mode says it is time, and
// in any mode a moment after the client's FIN has been read.
func (s *Sim) maybeClose(e *Endpoint) {
	if s.closed[Server] || s.cfg.Close == CloseNone || s.cfg.Close == CloseAbort {
		return
	}
	all := len(s.got) == len(s.data) && (e.State() == Established || e.State() == CloseWait)
	switch {
	case s.cfg.Close == CloseCombined && e.EOF():
		s.close(Server)
	case s.cfg.Close == CloseServerFirst && all:
		s.close(Server)
	case s.cfg.Close == CloseSimultaneous && all && e.State() == Established:
		s.closed[Server] = true
		s.later(s.cfg.Net.Delay, func() { _ = e.Close(s.now) })
	case e.EOF():
		s.closed[Server] = true
		s.later(ThinkTime, func() { _ = e.Close(s.now) })
	}
}
