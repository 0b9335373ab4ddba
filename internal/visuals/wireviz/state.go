package wireviz

import (
	"fmt"
	"strings"

	"tutor/solutions/wire"
)

// State is the plain-text state after frame i, for `tutor trace`: the
// field, the bytes the step wrote, the varint byte's bits, and the bytes
// so far with their roles; the last frame adds the size table. It is
// written only when asked for.
func (r *recording) State(i int) string {
	f := r.frames[i]
	var b strings.Builder
	if f.path != "" {
		fmt.Fprintf(&b, "field %s\n", f.path)
	}
	if f.hi > f.lo {
		fmt.Fprintf(&b, "this step: bytes %d-%d (%s) %s\n", f.lo, f.hi-1, f.role, wire.Hex(r.bytes[f.lo:f.hi]))
	}
	if f.varint {
		fmt.Fprintf(&b, "varint byte: continuation %d, bits %07b (group %d), so far %d\n", btoi(f.vb.More), f.vb.Bits, f.vb.Group, f.vb.SoFar)
	}
	shown := r.bytes[:min(f.written, len(r.bytes))]
	if len(shown) == 0 {
		b.WriteString("bytes: (none yet)\n")
	} else {
		letters := make([]string, len(shown))
		for k := range shown {
			letters[k] = roleLetters[int(r.roles[k])%3] + " "
		}
		fmt.Fprintf(&b, "bytes: %s\nroles: %s\n", wire.Hex(shown), strings.TrimRight(strings.Join(letters, " "), " "))
	}
	if i == len(r.frames)-1 {
		for _, s := range r.sizes {
			fmt.Fprintf(&b, "size %-8s %5d bytes (%s)\n", s.Format, s.Bytes, s.How)
		}
	}
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
