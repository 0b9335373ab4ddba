package tcp

// State is a connection state of RFC 9293 section 3.3.2. The zero State
// is Closed: no connection, no TCB.
type State uint8

// The eleven states, in the order the RFC lists them.
const (
	Closed      State = iota // no connection
	Listen                   // waiting for a SYN from any peer
	SynSent                  // sent a SYN, waiting for a matching SYN
	SynReceived              // sent and received a SYN, waiting for its ACK
	Established              // open: data flows both ways
	FinWait1                 // closed by us, our FIN not yet acknowledged
	FinWait2                 // our FIN acknowledged, waiting for the peer's
	CloseWait                // the peer closed, waiting for our application
	Closing                  // both closed, our FIN not yet acknowledged
	LastAck                  // closed second, waiting for the ACK of our FIN
	TimeWait                 // closed first, waiting 2*MSL for old segments
)

var stateNames = [...]string{
	"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
	"FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK",
	"TIME-WAIT",
}

// String returns the state's name as RFC 9293 spells it, e.g.
// "SYN-RECEIVED".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "State(" + itoa(int(s)) + ")"
}

// synchronized reports whether both ISNs are known and acknowledged: the
// states from ESTABLISHED on.
func (s State) synchronized() bool { return s >= Established }

// itoa is strconv.Itoa without the import, for String methods.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
