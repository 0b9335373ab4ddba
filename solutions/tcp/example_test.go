package tcp_test

import (
	"fmt"

	"tutor/solutions/tcp"
)

// A 5000-byte transfer whose second data segment is lost: three
// duplicate ACKs bring one fast retransmission.
func ExampleSim() {
	cfg := tcp.DefaultConfig()
	cfg.Net.Drop = []int{2}
	s, _ := tcp.NewSim(cfg)
	s.Observe = func(e tcp.Event) {
		if e.Step == tcp.StepFastRetransmit {
			fmt.Printf("%v: %s\n", e.At, e.Explain)
		}
	}
	res, _ := s.Run(make([]byte, 5000))
	fmt.Println("delivered", len(res.Received), "bytes; retransmitted", res.Retransmits[tcp.Client])
	fmt.Println("client", res.Final[tcp.Client], "server", res.Final[tcp.Server])
	// Output:
	// 300ms: Third duplicate ACK: fast retransmit of seq=2001; ssthresh = max(4000/2, 2*1000) = 2000, cwnd = ssthresh+3*SMSS = 5000.
	// delivered 5000 bytes; retransmitted 1
	// client CLOSED server CLOSED
}

// The state names are RFC 9293's.
func ExampleState_String() {
	fmt.Println(tcp.SynReceived, tcp.FinWait2, tcp.TimeWait)
	// Output: SYN-RECEIVED FIN-WAIT-2 TIME-WAIT
}
