package ipviz

import (
	"strings"
	"sync"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// block is what the events have told of a CIDR block so far.
type block struct {
	known               int // 0 nothing, 1 mask, 2 network, 3 last
	p                   ipv4.Prefix
	mask, network, last ipv4.Addr
	inverted            ipv4.Addr // NOT mask
	count               uint64
}

// view is what drawing one frame needs, gathered from the observer's
// events as the run is recorded: plain data, no text.
type view struct {
	ev      ipv4.Event
	wrapped [4]bool // octets wrapped (255 to 0, or 0 to 255) since the last yield
	blk     block
	yielded int // addresses yielded up to this frame: a prefix of recording.yielded
}

// recording is a recorded walk, a frame per event of the Walker.
type recording struct {
	in      input
	views   []view
	yielded []ipv4.Addr // every address the walk yielded, in order
	final   []ipv4.Addr // what the package's plain iterators give for in

	mu       sync.Mutex           // guards palettes
	palettes map[[2]bool]*palette // by Dark and Plain, made when first drawn
}

// record walks in with the by-hand Walker and its observer, keeping a view
// per event, and walks it again with the plain iterators for Final.
func record(in input) (*recording, error) {
	r := &recording{in: in}
	var wrapped [4]bool
	var blk block
	w := ipv4.Walker{Observe: func(ev ipv4.Event) {
		switch ev.Step {
		case ipv4.StepMask:
			blk = block{known: 1, p: ev.Prefix, mask: ev.Mask}
		case ipv4.StepNetwork:
			blk.known, blk.network = 2, ev.Network
		case ipv4.StepLast:
			blk.known, blk.last, blk.count, blk.inverted = 3, ev.Last, ev.Count, ev.Inverted
		case ipv4.StepYield:
			wrapped = [4]bool{}
			r.yielded = append(r.yielded, ev.Addr)
		case ipv4.StepCarry, ipv4.StepBorrow:
			wrapped[ev.Octet] = true
		}
		r.views = append(r.views, view{ev: ev, wrapped: wrapped, blk: blk, yielded: len(r.yielded)})
	}}
	wk := in.walk()
	wk.loop(wk.byHand(w), func(ipv4.Addr) {})
	wk.loop(wk.plain, func(a ipv4.Addr) { r.final = append(r.final, a) })
	return r, nil
}

// Len is the number of events.
func (r *recording) Len() int { return len(r.views) }

// Frame is event i's step and the solution's sentence for it.
func (r *recording) Frame(i int) visual.Frame {
	ev := &r.views[i].ev
	return visual.Frame{Step: string(ev.Step), Explain: ev.Explain}
}

// Final is the solution's own output: the addresses the plain iterators
// yield, one a line.
func (r *recording) Final() string {
	var b strings.Builder
	for k, a := range r.final {
		if k > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(a.String())
	}
	return b.String()
}
