package ipviz

import (
	"fmt"
	"strings"

	"tutor/solutions/ipv4"
)

// bits8 writes v as eight binary digits.
func bits8(v byte) string {
	return fmt.Sprintf("%08b", v)
}

// bits32 writes a as four groups of eight binary digits joined by dots.
func bits32(a ipv4.Addr) string {
	o := a.Octets()
	return bits8(o[0]) + "." + bits8(o[1]) + "." + bits8(o[2]) + "." + bits8(o[3])
}

// State is frame i as plain text for `tutor trace`, made only when asked:
// the octets (or the value a block step computed), what is known of the
// block, and the addresses yielded (the last few; in the last frame all of
// them, one a line, as Final prints them).
func (r *recording) State(i int) string {
	v := &r.views[i]
	var b strings.Builder
	label := "octets "
	switch v.ev.Step {
	case ipv4.StepMask, ipv4.StepNetwork, ipv4.StepLast:
		label = fmt.Sprintf("%-7s", v.ev.Step)
	}
	fmt.Fprintf(&b, "%s %s = %s\n", label, v.ev.Addr, bits32(v.ev.Addr))
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
	if i == len(r.views)-1 {
		for _, y := range ys {
			b.WriteString("\n" + y.String())
		}
		return b.String()
	}
	if len(ys) > 6 {
		b.WriteString(" ...")
		ys = ys[len(ys)-6:]
	}
	for _, y := range ys {
		b.WriteString(" " + y.String())
	}
	return b.String()
}
