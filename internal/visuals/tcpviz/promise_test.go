package tcpviz

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"tutor/internal/visual/visualtest"
	"tutor/solutions/tcp"
)

// TestExercisesKeepTheirTitles: each kind asks of a run that shows what
// its title promises, checked on the run its Args record: the fast
// retransmit comes on the third duplicate ACK; a close's state is one of
// the closing states; the segment sent again is the lost one, whose
// sequence number is the ISN + 1 + (k-1) MSS of RFC 9293's numbering.
func TestExercisesKeepTheirTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	closing := []tcp.State{tcp.FinWait1, tcp.FinWait2, tcp.CloseWait, tcp.Closing, tcp.LastAck, tcp.TimeWait, tcp.Closed}
	for _, k := range exercises {
		for range 60 {
			e := k.New(r)
			in, err := parse(e.Args)
			if err != nil {
				t.Fatalf("%s: Args %q: %v", k.ID, e.Args, err)
			}
			evs := events(in)
			switch k.ID {
			case "tcp.fast-retransmit":
				at := slices.IndexFunc(evs, func(ev tcp.Event) bool { return ev.Step == tcp.StepFastRetransmit })
				if at < 0 {
					t.Fatalf("%s: no fast retransmit in %q", k.ID, e.Args)
				}
				c := evs[at].Client
				if c.DupAcks != 3 || e.Answer != fmt.Sprintf("%d %d", c.Cwnd, c.Ssthresh) {
					t.Errorf("%s: %s: at the fast retransmit %d duplicate ACKs, cwnd %d ssthresh %d; answer %q", k.ID, e.Question, c.DupAcks, c.Cwnd, c.Ssthresh, e.Answer)
				}
			case "tcp.close-state":
				if !slices.ContainsFunc(closing, func(s tcp.State) bool { return s.String() == e.Answer }) {
					t.Errorf("%s: %s: %q is not a state of a close", k.ID, e.Question, e.Answer)
				}
			case "tcp.retransmitted":
				lost, mss := in.cfg.Net.Drop[0], in.cfg.MSS
				segments := (in.send + mss - 1) / mss
				want := uint64(in.cfg.ClientISN) + 1 + uint64((lost-1)*mss)
				if lost > segments || e.Answer != fmt.Sprint(want) {
					t.Errorf("%s: %s: segment %d of %d lost, answer %q, want %d", k.ID, e.Question, lost, segments, e.Answer, want)
				}
			}
		}
	}
}

// TestExerciseHints: a near-right form gets a hint, a well-formed answer
// none.
func TestExerciseHints(t *testing.T) {
	visualtest.Hints(t, exercises, map[string]map[string]string{
		"tcp.fast-retransmit": {"4 mss 2 mss": "in bytes", "4000": "two numbers", "cwnd=4000": "two numbers", "1 2": "", "cwnd 1, ssthresh 2": ""},
		"tcp.close-state":     {"waiting": "TCP's states", "FIN_WAIT2": "", "listen": ""},
		"tcp.retransmitted":   {"ack 1001": "not an acknowledgment", "segment 3": "in digits", "seq=7": "", "12": ""},
	}, 20)
}
