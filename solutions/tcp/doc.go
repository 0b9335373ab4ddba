// Package tcp simulates one TCP connection between a client and a server,
// deterministically: a virtual clock, a seeded network, no goroutines and
// no sockets. It is written to be read beside RFC 9293 (the state machine
// and segment processing), RFC 6298 (the retransmission timer) and
// RFC 5681 (congestion control).
//
// An Endpoint is one end: its state (State, the eleven states of RFC 9293
// section 3.3.2), its send and receive sequence variables, its receive
// buffer and window, its retransmission timer (SRTT, RTTVAR, RTO with its
// floor and doubling, Karn's rule), its congestion window (slow start,
// congestion avoidance, fast retransmit and fast recovery, with cumulative
// ACKs) and its persist, delayed-ACK and TIME-WAIT timers. It takes every
// transition of the RFC's state diagram (figure 5), the two its notes name
// (FIN-WAIT-1 straight to TIME-WAIT when a FIN acknowledges our FIN; a RST
// received in any state), and no other.
//
// A Sim runs two Endpoints over a Network (one-way delay, bandwidth, queue
// limit, losses, duplicates and reorders, scripted or drawn from a seed)
// with the applications on top: the client writes its bytes, the server
// reads them (at once, or slowly so that the window closes), and the two
// close in one of the orders of CloseMode.
//
// Every step is reported to an observer (Sim.Observe) as an Event with a
// Step id; the line of endpoint.go that performs the step carries the
// comment "// step: <id>", and each Event carries a Snapshot of both ends
// after the step. The default Profile follows the RFCs; ProfileLinux
// switches to the figures Linux uses (an RTO floor of 200 ms, an initial
// window of 10 segments, TIME-WAIT of 60 s).
package tcp
