package tcpviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/tcp"
)

// exercises are the generated quiz exercises, each graded by running the
// simulation.
var exercises = []visual.ExerciseKind{
	{ID: "tcp.fast-retransmit", Title: "cwnd and ssthresh after the third duplicate ACK", New: newFastRetransmit},
	{ID: "tcp.close-state", Title: "an end's state in a close", New: newCloseState},
	{ID: "tcp.retransmitted", Title: "which segment is sent again", New: newRetransmitted},
}

// events runs in and returns its frames' events.
func events(in input) []tcp.Event {
	rec, err := record(in)
	if err != nil {
		return nil
	}
	evs := make([]tcp.Event, len(rec.frames))
	for i, f := range rec.frames {
		evs[i] = f.ev
	}
	return evs
}

// lossInput is a transfer of n segments of mss bytes with the k-th
// data segment lost.
func lossInput(mss, n, k int, p tcp.Profile) input {
	in := defaults()
	in.send = n * mss
	in.cfg.MSS = mss
	in.cfg.Net.Drop = []int{k}
	in.cfg.Profile = p
	return in
}

// newFastRetransmit asks for cwnd and ssthresh right after the fast
// retransmit of a scenario that has one.
func newFastRetransmit(r *rand.Rand) visual.Exercise {
	for {
		mss := []int{500, 1000, 1460}[r.IntN(3)]
		p := tcp.Profile(r.IntN(2))
		in := lossInput(mss, 5+r.IntN(12), 1+r.IntN(4), p)
		for _, e := range events(in) {
			if e.Step != tcp.StepFastRetransmit {
				continue
			}
			c := e.Client
			answer := fmt.Sprintf("%d %d", c.Cwnd, c.Ssthresh)
			return visual.Exercise{
				Question: fmt.Sprintf("The %s profile%s, MSS %d, %d bytes to send, data segment %d lost. "+
					"Right after the third duplicate ACK, what are cwnd and ssthresh? Answer as two numbers: cwnd ssthresh.",
					p, profileNote(p), mss, in.send, in.cfg.Net.Drop[0]),
				Answer: answer,
				Check: func(s string) bool {
					f := strings.Fields(strings.NewReplacer(",", " ", "cwnd", " ", "ssthresh", " ", "=", " ").Replace(strings.ToLower(s)))
					if len(f) != 2 {
						return false
					}
					a, e1 := strconv.Atoi(f[0])
					b, e2 := strconv.Atoi(f[1])
					return e1 == nil && e2 == nil && a == c.Cwnd && b == c.Ssthresh
				},
				Hint: windowsHint,
				Args: format(in),
			}
		}
	}
}

// profileNote is what the question says of the profile's loss response:
// the linux profile takes Linux's timers and initial window only, and
// answers loss as RFC 5681's Reno does, not as Linux's default CUBIC
// (ssthresh 717/1024 of cwnd, tcp_cubic.c) with PRR (RFC 6937).
func profileNote(p tcp.Profile) string {
	if p == tcp.ProfileLinux {
		return " (Linux's timers and initial window; the loss response is RFC 5681's Reno, not Linux's CUBIC)"
	}
	return ""
}

// closeQuestions are the moments a close-state exercise asks about.
var closeQuestions = []struct {
	side tcp.Side
	step tcp.Step
	when string
}{
	{tcp.Server, tcp.StepSendFin, "right after it sends its FIN"},
	{tcp.Client, tcp.StepSendFin, "right after it sends its FIN"},
	{tcp.Server, tcp.StepRecvFin, "right after it receives the client's FIN"},
	{tcp.Client, tcp.StepRecvFin, "right after it receives the server's FIN"},
	{tcp.Client, tcp.StepFinAcked, "right after its FIN is acknowledged"},
	{tcp.Server, tcp.StepFinAcked, "right after its FIN is acknowledged"},
}

var closeWords = map[tcp.CloseMode]string{
	tcp.CloseClientFirst:  "the client closes first",
	tcp.CloseServerFirst:  "the server closes first",
	tcp.CloseSimultaneous: "both close at the same time, so the FINs cross",
}

// newCloseState asks for an end's state at a moment of a close.
func newCloseState(r *rand.Rand) visual.Exercise {
	modes := []tcp.CloseMode{tcp.CloseClientFirst, tcp.CloseServerFirst, tcp.CloseSimultaneous}
	for {
		in := defaults()
		in.send = 1000 * (1 + r.IntN(3))
		in.cfg.Close = modes[r.IntN(len(modes))]
		q := closeQuestions[r.IntN(len(closeQuestions))]
		for _, e := range events(in) {
			if e.Side != q.side || e.Step != q.step {
				continue
			}
			want := e.To
			return visual.Exercise{
				Question: fmt.Sprintf("A connection closes and %s. What state is the %s in %s?", closeWords[in.cfg.Close], q.side, q.when),
				Answer:   want.String(),
				Check:    func(s string) bool { return normState(s) == normState(want.String()) },
				Hint:     stateHint,
				Args:     format(in),
			}
		}
	}
}

// windowsHint says what to change in an answer that is not two numbers
// of bytes, cwnd then ssthresh; "" for two, right or wrong.
func windowsHint(s string) string {
	f := strings.Fields(strings.NewReplacer(",", " ", "cwnd", " ", "ssthresh", " ", "=", " ").Replace(strings.ToLower(s)))
	for _, w := range f {
		if _, err := strconv.Atoi(w); err != nil {
			if strings.Contains(w, "mss") || strings.HasSuffix(w, "b") || strings.HasSuffix(w, "k") {
				return "give both in bytes, as plain numbers: e.g. 4000 2000"
			}
			return "answer with two numbers, cwnd then ssthresh, in bytes: e.g. 4000 2000"
		}
	}
	if len(f) == 0 || len(f) == 2 {
		return ""
	}
	return "answer with two numbers, cwnd then ssthresh, in bytes: e.g. 4000 2000"
}

// stateHint says what to change in an answer that is not a TCP state's
// name; "" for one, right or wrong.
func stateHint(s string) string {
	n := normState(s)
	if n == "" {
		return ""
	}
	for st := tcp.Closed; st <= tcp.TimeWait; st++ {
		if n == normState(st.String()) {
			return ""
		}
	}
	return "name one of TCP's states, as RFC 9293 spells them: e.g. FIN-WAIT-2, CLOSE-WAIT or TIME-WAIT"
}

// seqHint says what to change in an answer that is not a sequence number
// in digits; "" for one, right or wrong.
func seqHint(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "seq=")
	if _, err := strconv.ParseUint(strings.TrimSpace(s), 10, 32); err == nil || s == "" {
		return ""
	}
	if strings.Contains(s, "ack") {
		return "give the segment's sequence number, not an acknowledgment number: a whole number such as 1001"
	}
	return "write the sequence number alone, in digits: e.g. 1001"
}

// normState keeps the letters and digits of a state's name, in upper
// case, so "fin wait 1" and "FIN-WAIT-1" compare equal.
func normState(s string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(s) {
		if (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// newRetransmitted asks for the sequence number of the first segment
// sent again.
func newRetransmitted(r *rand.Rand) visual.Exercise {
	for {
		mss := []int{100, 500, 1000}[r.IntN(3)]
		in := lossInput(mss, 2+r.IntN(8), 1+r.IntN(5), tcp.ProfileRFC)
		in.cfg.ClientISN = uint32(r.IntN(10000))
		for _, e := range events(in) {
			if !e.Sent || !e.Retransmit || e.Side != tcp.Client || e.Step == tcp.StepSendSyn {
				continue
			}
			want := e.Seg.Seq
			return visual.Exercise{
				Question: fmt.Sprintf("The client's ISN is %d and its MSS %d; it sends %d bytes and the network loses data segment %d (counting from 1). "+
					"What is the sequence number of the first segment the client sends again?", in.cfg.ClientISN, mss, in.send, in.cfg.Net.Drop[0]),
				Answer: strconv.FormatUint(uint64(want), 10),
				Check: func(s string) bool {
					s = strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "seq=")
					n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 32)
					return err == nil && uint32(n) == want
				},
				Hint: seqHint,
				Args: format(in),
			}
		}
	}
}
