package tcp

import (
	"fmt"
	"strings"
)

// Flags are the control bits of a segment that the simulation uses.
type Flags uint8

// The control bits.
const (
	FIN Flags = 1 << iota // no more data from the sender
	SYN                   // synchronize sequence numbers
	RST                   // reset the connection
	ACK                   // the acknowledgment field is significant
)

// String returns the set bits joined by commas in the RFC's order, e.g.
// "SYN,ACK", or "-" when none is set.
func (f Flags) String() string {
	var parts []string
	for _, b := range []struct {
		f    Flags
		name string
	}{{SYN, "SYN"}, {RST, "RST"}, {FIN, "FIN"}, {ACK, "ACK"}} {
		if f&b.f != 0 {
			parts = append(parts, b.name)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

// Segment is a TCP segment as the simulation sends it: the header fields
// it uses and the data. Data may share memory with the sender's buffer;
// nobody writes to it.
type Segment struct {
	Seq   uint32 // SEG.SEQ: the first sequence number the segment occupies
	Ack   uint32 // SEG.ACK: the next sequence number expected, if ACK is set
	Flags Flags
	Wnd   int    // SEG.WND: the receive window offered, in bytes
	Data  []byte // the payload
	// Num is the segment's place among all segments the network carried,
	// from 1, set by the network when it takes the segment.
	Num int
}

// Len is SEG.LEN: the data bytes plus one for a SYN and one for a FIN,
// the sequence numbers the segment occupies.
func (s Segment) Len() int {
	n := len(s.Data)
	if s.Flags&SYN != 0 {
		n++
	}
	if s.Flags&FIN != 0 {
		n++
	}
	return n
}

// Has reports whether all of f are set.
func (s Segment) Has(f Flags) bool { return s.Flags&f == f }

// String describes the segment the way the trace prints it, e.g.
// "SYN,ACK seq=5000 ack=1001 len=0 win=64000".
func (s Segment) String() string {
	ack := ""
	if s.Has(ACK) {
		ack = fmt.Sprintf(" ack=%d", s.Ack)
	}
	return fmt.Sprintf("%s seq=%d%s len=%d win=%d", s.Flags, s.Seq, ack, len(s.Data), s.Wnd)
}
