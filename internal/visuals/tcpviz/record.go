package tcpviz

import (
	"fmt"
	"time"

	"tutor/internal/visual"
	"tutor/solutions/tcp"
)

// frame is one event with what its picture needs: the event itself
// (both ends' snapshots included) and how many diagram rows exist by
// then. It is plain data.
type frame struct {
	ev      tcp.Event
	dataLen int // the segment's data bytes (the data is not kept)
	rows    int // rows[:rows] are drawn
	row     int // the row this step touches, or -1
}

// row is a line of the sequence diagram: a segment sent, or a state
// change of one end.
type row struct {
	at     time.Duration
	side   tcp.Side
	seg    bool
	labels []string // segment: its text, longest first ("ACK seq=.. ack=.. len=.. win=..")
	fate   tcp.Fate
	again  bool
	to     tcp.State // state change: the new state
}

// recording is a recorded run. It implements visual.Recording.
type recording struct {
	in     input
	frames []frame
	rows   []row
	final  string
}

// record runs the simulation on in with the observer attached, a frame
// per event. Final is the simulation's own Result.
func record(in input) (*recording, error) {
	s, err := tcp.NewSim(in.cfg)
	if err != nil {
		return nil, err
	}
	r := &recording{in: in}
	byNum := map[int]int{} // segment number -> its row
	s.Observe = func(e tcp.Event) {
		f := frame{ev: e, dataLen: len(e.Seg.Data), row: -1}
		f.ev.Seg.Data = nil
		if e.HasSeg && e.Sent {
			byNum[e.Delivery.Num] = len(r.rows)
			f.row = len(r.rows)
			r.rows = append(r.rows, row{at: e.At, side: e.Side, seg: true, labels: labels(e.Seg, f.dataLen), fate: e.Delivery.Fate, again: e.Retransmit})
		} else if e.HasSeg {
			if i, ok := byNum[e.Seg.Num]; ok {
				f.row = i
			}
		}
		if e.From != e.To {
			r.rows = append(r.rows, row{at: e.At, side: e.Side, to: e.To})
			if f.row < 0 {
				f.row = len(r.rows) - 1
			}
		}
		f.rows = len(r.rows)
		r.frames = append(r.frames, f)
	}
	res, err := s.Run(make([]byte, in.send))
	if err != nil {
		return nil, err
	}
	if len(r.frames) == 0 {
		return nil, fmt.Errorf("tcp: the run recorded no step")
	}
	r.final = fmt.Sprintf("delivered %d bytes\nretransmitted %d segments\nclient %s\nserver %s",
		len(res.Received), res.Retransmits[tcp.Client]+res.Retransmits[tcp.Server], res.Final[tcp.Client], res.Final[tcp.Server])
	return r, nil
}

// label is a segment as the trace writes it.
func label(s tcp.Segment, n int) string { return labels(s, n)[0] }

// labels are a segment as an arrow's text, from the full header to what
// fits a narrow box: flags, seq, ack, len and window; then without the
// window; then flags, seq and len.
func labels(s tcp.Segment, n int) []string {
	ack := ""
	if s.Has(tcp.ACK) {
		ack = fmt.Sprintf(" ack=%d", s.Ack)
	}
	return []string{
		fmt.Sprintf("%s seq=%d%s len=%d win=%d", s.Flags, s.Seq, ack, n, s.Wnd),
		fmt.Sprintf("%s seq=%d%s len=%d", s.Flags, s.Seq, ack, n),
		fmt.Sprintf("%s %d len=%d", s.Flags, s.Seq, n),
	}
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and explanation, with the time.
func (r *recording) Frame(i int) visual.Frame {
	e := r.frames[i].ev
	return visual.Frame{Step: string(e.Step), Explain: fmt.Sprintf("%v: %s", e.At, e.Explain)}
}

// Final is the simulation's result: bytes delivered, segments sent
// again, the two final states.
func (r *recording) Final() string { return r.final }
