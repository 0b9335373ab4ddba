package kvviz

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"tutor/solutions/kvstore"
)

// State is the plain-text state after frame i, for `tutor trace`: the
// phase, the bytes the step touched, the stream so far, and the store,
// chunks, metadata or rebuilt map. It is written only when asked for.
func (r *recording) State(i int) string {
	f := r.frames[i]
	var b strings.Builder
	fmt.Fprintf(&b, "phase %s", phaseNames[f.phase])
	switch f.phase {
	case phEncode:
		fmt.Fprintf(&b, ", %d bytes written", f.visible)
	case phJoin:
		fmt.Fprintf(&b, ", %d bytes joined", f.visible)
	case phDecode:
		fmt.Fprintf(&b, ", cursor at %d of %d", f.cursor, len(r.stream))
	}
	if f.hi > f.lo {
		fmt.Fprintf(&b, "\nthis step: bytes %d-%d", f.lo, f.hi-1)
		if f.kind >= 0 {
			fmt.Fprintf(&b, " (%s)", kvstore.Kind(f.kind))
		}
	}
	if bs := r.bytes(f); len(bs) > 0 {
		fmt.Fprintf(&b, "\nstream: %s", hexBytes(bs))
	} else {
		b.WriteString("\nstream: (empty)")
	}
	if f.phase == phEncode {
		fmt.Fprintf(&b, "\nstore: %s", pairList(r.pairs))
	}
	if r.chunked && (f.cut > 0 || f.meta != nil || f.phase >= phJoin) {
		n, verb := f.cut, "cut"
		if f.phase >= phJoin {
			n, verb = f.joined, "joined"
			if f.phase == phDecode || f.checked {
				n = len(r.chunks)
			}
		}
		var names []string
		for _, c := range r.chunks[:min(n, len(r.chunks))] {
			names = append(names, fmt.Sprintf("%s [%d,%d)", c.name, c.off, c.off+c.n))
		}
		if len(names) == 0 {
			names = append(names, "(none yet)")
		}
		fmt.Fprintf(&b, "\nchunks %s: %s", verb, strings.Join(names, " "))
		if f.meta != nil {
			fmt.Fprintf(&b, "\nmeta %s: %s", f.meta.name, hexBytes(f.meta.bytes))
		}
	}
	if f.phase == phDecode {
		fmt.Fprintf(&b, "\nrebuilt: %s", pairList(r.rebuilt[:f.rebuilt]))
	}
	return b.String()
}

// pairList is pairs as k=v separated by commas, or (none).
func pairList(pairs []kvstore.Pair) string {
	if len(pairs) == 0 {
		return "(none)"
	}
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = showText(p.Key) + "=" + showText(p.Value)
	}
	return strings.Join(parts, ", ")
}

// showText is s, or s quoted when it is empty or holds anything but
// printable characters.
func showText(s string) string {
	if s == "" {
		return `""`
	}
	for _, c := range s {
		if !unicode.IsPrint(c) {
			return strconv.Quote(s)
		}
	}
	return s
}
