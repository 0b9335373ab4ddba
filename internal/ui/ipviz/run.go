package ipviz

import (
	"fmt"
	"strings"
	"sync"

	visual "tutor/internal/visual/legacy"
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

// view is what Render needs for one frame, gathered when the run is
// recorded: everything comes from the observer's events.
type view struct {
	ev      ipv4.Event
	wrapped [4]bool // octets wrapped (255 to 0, or 0 to 255) since the last yield
	blk     block
	yielded int // addresses yielded up to this frame
}

// run is a recorded walk.
type run struct {
	in      input
	title   string
	frames  []visual.Frame
	views   []view
	yielded []string // every address the walk yielded, in order
	final   string

	mu       sync.Mutex // guards the drawing cache below
	palettes map[[2]bool]*palette
	cached   bool
	lastKey  renderKey
	lastOut  string
}

// record walks in with the by-hand Walker and its observer, keeping a
// frame per event.
func record(in input) *run {
	r := &run{in: in, title: title(in)}
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
			r.yielded = append(r.yielded, ev.Addr.String())
		case ipv4.StepCarry, ipv4.StepBorrow:
			wrapped[ev.Octet] = true
		}
		r.views = append(r.views, view{ev: ev, wrapped: wrapped, blk: blk, yielded: len(r.yielded)})
		r.frames = append(r.frames, visual.Frame{Step: ev.Step, Explain: ev.Explain})
	}}
	var seq = w.Range(in.from, in.count)
	switch {
	case in.isCIDR && in.reverse:
		seq = w.BlockBackward(in.cidr)
	case in.isCIDR:
		seq = w.Block(in.cidr)
	case in.reverse:
		seq = w.RangeBackward(in.from, in.count)
	}
	n := 0
	for range seq {
		n++
		if in.isCIDR && n == in.count {
			break // a block walked only in part: the loop body stops the walk
		}
	}
	for i := range r.frames {
		r.frames[i].State = r.state(i, i == len(r.frames)-1)
	}
	r.final = strings.Join(plain(in), "\n")
	return r
}

// title names the input on one line.
func title(in input) string {
	dir := "up"
	if in.reverse {
		dir = "down"
	}
	if !in.isCIDR {
		return fmt.Sprintf("from %s %s, %d addresses", in.from, dir, in.count)
	}
	if in.count > 0 && uint64(in.count) < in.cidr.NumAddrs() {
		return fmt.Sprintf("block %s %s, %d of its addresses", in.cidr, dir, in.count)
	}
	return fmt.Sprintf("block %s %s", in.cidr, dir)
}

// bits8 writes v as eight binary digits.
func bits8(v byte) string {
	return fmt.Sprintf("%08b", v)
}

// bits32 writes a as four groups of eight binary digits joined by dots.
func bits32(a ipv4.Addr) string {
	o := a.Octets()
	return bits8(o[0]) + "." + bits8(o[1]) + "." + bits8(o[2]) + "." + bits8(o[3])
}

// state is frame i as plain text for `tutor trace`: the octets, what is
// known of the block, and the addresses yielded (the last few; in the last
// frame all of them, one a line, as Final prints them).
func (r *run) state(i int, last bool) string {
	v := &r.views[i]
	var b strings.Builder
	a := ipv4.AddrFrom4(octetBytes(v.ev.Octets))
	label := "octets "
	switch v.ev.Step {
	case ipv4.StepMask, ipv4.StepNetwork, ipv4.StepLast:
		label = v.ev.Step + strings.Repeat(" ", max(0, 7-len(v.ev.Step)))
	}
	fmt.Fprintf(&b, "%s %s = %s\n", label, a, bits32(a))
	if v.blk.known > 0 {
		fmt.Fprintf(&b, "block   %s: mask %s", v.blk.p, v.blk.mask)
		if v.blk.known >= 2 {
			fmt.Fprintf(&b, ", network %s", v.blk.network)
		}
		if v.blk.known >= 3 {
			fmt.Fprintf(&b, ", last %s, %d addresses", v.blk.last, v.blk.count)
		}
		b.WriteByte('\n')
	}
	ys := r.yielded[:v.yielded]
	fmt.Fprintf(&b, "yielded %d:", len(ys))
	if last {
		for _, y := range ys {
			b.WriteString("\n" + y)
		}
		return b.String()
	}
	if len(ys) > 6 {
		b.WriteString(" ...")
		ys = ys[len(ys)-6:]
	}
	for _, y := range ys {
		b.WriteString(" " + y)
	}
	return b.String()
}

func octetBytes(o [4]int) [4]byte {
	return [4]byte{byte(o[0]), byte(o[1]), byte(o[2]), byte(o[3])}
}

func (r *run) Len() int { return len(r.frames) }

func (r *run) Frame(i int) visual.Frame {
	return r.frames[clamp(i, 0, len(r.frames)-1)]
}

func (r *run) Final() string { return r.final }

func clamp(i, lo, hi int) int {
	return max(lo, min(i, hi))
}
