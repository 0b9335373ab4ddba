package tcpviz

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLinuxProfileSaysItsLossResponseIsReno is the tester's finding: the
// fast-retransmit exercise on the linux profile graded RFC 5681's Reno
// arithmetic (ssthresh = max(FlightSize/2, 2·SMSS), cwnd = ssthresh +
// 3·SMSS) as Linux's, whose default CUBIC sets ssthresh to 717/1024 of
// cwnd (tcp_cubic.c) and which sizes cwnd in recovery by PRR. The linux
// profile changes timers and the initial window only: its questions say
// the loss response is Reno's, and the RFC profile's say nothing of it.
func TestLinuxProfileSaysItsLossResponseIsReno(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	seen := map[string]bool{}
	for range 60 {
		q := newFastRetransmit(r).Question
		linux := strings.HasPrefix(q, "The linux profile")
		seen[map[bool]string{true: "linux", false: "rfc"}[linux]] = true
		says := strings.Contains(q, "the loss response is RFC 5681's Reno, not Linux's CUBIC")
		if linux != says {
			t.Errorf("linux %v, says Reno %v: %q", linux, says, q)
		}
	}
	if !seen["linux"] || !seen["rfc"] {
		t.Fatalf("60 questions covered only %v", seen)
	}
}
