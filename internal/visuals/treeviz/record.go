package treeviz

import (
	"fmt"
	"sort"

	"tutor/internal/visual"
	"tutor/solutions/machinetree"
)

// recording is one run of the handler: a frame per event of the cluster's
// observer, the tree's rows, and what the knobs need to replay the run
// with another delivery.
type recording struct {
	in     input
	rows   []row
	rowOf  map[int]int // machine id -> row
	frames []frame
	// changes[k] lists, in order, the frames whose event changed what row
	// k shows beside its machine (an entry, an answer sent).
	changes [][]int
	// finalAt is the frame of the root's final answer, -1 while there is
	// none.
	finalAt int
	picked  []int // the index among the in-flight messages of each delivery
	before  []int // how many messages were in flight before each delivery
	final   string
	paints  paintCache // for Draw only
}

// row is one machine's line of the tree: the box-drawing prefix and the id.
type row struct {
	id     int
	prefix []rune
}

// frame is one event with what drawing it needs. It holds data only:
// the picture and the trace text are made from it when asked for.
type frame struct {
	ev machinetree.Event
	// flight is the network's in-flight messages, oldest first, as they
	// stood when the event came.
	flight []machinetree.Message
	// focus is the row of the machine the step ran on, -1 for the client.
	focus int
	// deliveries counts the deliveries begun up to this frame: a frame
	// during the d-th delivery (its copy included) has d.
	deliveries int
}

// record runs the solution on in with the observer attached and keeps a
// frame per event.
func record(in input) (*recording, error) {
	r := newRecording(in)
	res, c, err := drive(in, func(e machinetree.Event, net *machinetree.SimNetwork, d int) {
		r.add(e, net.InFlight(), d)
	}, func(before, picked int) {
		r.before = append(r.before, before)
		r.picked = append(r.picked, picked)
	})
	if err != nil {
		return nil, err
	}
	r.final = finalText(res, in.tree.Len(), c.Messages())
	return r, nil
}

// finalText is the end of a trace: the answer, the number of machines and
// the number of messages they sent.
func finalText(res fmt.Stringer, machines int, messages int64) string {
	return fmt.Sprintf("%s\nmachines %d\nmessages %d", res, machines, messages)
}

// drive runs the handler on in's tree over the simulated network until
// nothing is in flight: the first deliveries take --pick's messages, the
// rest follow --order, and --dup's delivery is made twice. observe, when
// set, hears every event with the network and the delivery under way
// (from 1; 0 before the first); delivered, when set, hears of each
// delivery how many messages were in flight before it and which it took.
// It returns the root's answer and the cluster, whose Messages counts what
// the machines sent.
func drive(in input, observe func(machinetree.Event, *machinetree.SimNetwork, int), delivered func(before, picked int)) (machinetree.Result, *machinetree.Cluster, error) {
	var res machinetree.Result
	net := machinetree.NewSimNetwork(in.order, in.seed)
	if in.dup > 0 {
		if err := net.DeliverTwice(int64(in.dup)); err != nil {
			return res, nil, fmt.Errorf("--dup %d: %w", in.dup, err)
		}
	}
	c := machinetree.NewCluster(in.tree, net)
	delivering := 0
	if observe != nil {
		c.Observe = func(e machinetree.Event) { observe(e, net, delivering) }
	}
	req, err := c.Start(in.op)
	if err != nil {
		return res, nil, err
	}
	d := 0
	for ; net.Len() > 0; d++ {
		before := net.Len()
		delivering = d + 1
		i := 0
		if d < len(in.picks) {
			i = in.picks[d]
			if err := net.Deliver(i); err != nil {
				return res, nil, fmt.Errorf("--pick %d at delivery %d: %w", i, d+1, err)
			}
		} else {
			i, _ = net.Step()
		}
		if delivered != nil {
			delivered(before, i)
		}
	}
	if len(in.picks) > d {
		return res, nil, fmt.Errorf("--pick has %d indexes but the run delivers only %d messages", len(in.picks), d)
	}
	if in.dup > d {
		return res, nil, fmt.Errorf("--dup %d: the run delivers only %d messages", in.dup, d)
	}
	res, err = c.Wait(req)
	if err != nil {
		return res, nil, err
	}
	return res, c, nil
}

// newRecording lays out the rows of in's tree, top-down.
func newRecording(in input) *recording {
	n := in.tree.Len()
	r := &recording{in: in, rowOf: make(map[int]int, n), changes: make([][]int, n), finalAt: -1}
	var lastAt []bool // lastAt[d]: the ancestor at depth d was a last child
	in.tree.Preorder(func(id, depth int, last bool) bool {
		lastAt = append(lastAt[:depth], last)
		var p []rune
		for d := 1; d < depth; d++ {
			if lastAt[d] {
				p = append(p, []rune("   ")...)
			} else {
				p = append(p, []rune("│  ")...)
			}
		}
		if depth > 0 {
			if last {
				p = append(p, []rune("└─ ")...)
			} else {
				p = append(p, []rune("├─ ")...)
			}
		}
		r.rowOf[id] = len(r.rows)
		r.rows = append(r.rows, row{id: id, prefix: p})
		return true
	})
	return r
}

// add keeps the frame of one event; flight is the network's in-flight
// list as the event found it, d the delivery under way.
func (r *recording) add(e machinetree.Event, flight []machinetree.Message, d int) {
	f := frame{ev: e, flight: flight, focus: -1, deliveries: d}
	if at, ok := r.rowOf[e.Machine]; ok {
		f.focus = at
		switch e.Kind {
		case machinetree.EventPending, machinetree.EventReply, machinetree.EventFinal:
			r.changes[at] = append(r.changes[at], len(r.frames))
		}
	}
	if e.Kind == machinetree.EventFinal && r.finalAt < 0 {
		r.finalAt = len(r.frames)
	}
	r.frames = append(r.frames, f)
}

// view returns the frame whose event last changed row k's machine at or
// before frame i, or false when nothing has yet.
func (r *recording) view(k, i int) (*frame, bool) {
	ch := r.changes[k]
	j := sort.SearchInts(ch, i+1) // the first change after i
	if j == 0 {
		return nil, false
	}
	return &r.frames[ch[j-1]], true
}

// answered reports whether the root has given the client its answer by
// frame i, and the frame where it did.
func (r *recording) answered(i int) (*frame, bool) {
	if r.finalAt < 0 || i < r.finalAt {
		return nil, false
	}
	return &r.frames[r.finalAt], true
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and the solution's sentence for it.
func (r *recording) Frame(i int) visual.Frame {
	e := &r.frames[i].ev
	return visual.Frame{Step: string(e.Step), Explain: e.Explain}
}

// Final is the answer and the message count the cluster gave the client.
func (r *recording) Final() string { return r.final }
