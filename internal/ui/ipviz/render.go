package ipviz

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions/ipv4"
)

// Widths of the layouts: four boxes of ten columns with a column between
// them and one on the left; the block panel with its bits.
const (
	boxesWidth = 1 + 4*10 + 3
	panelWidth = 2 + 15 + 2 + 35 + 2 + 9
)

// Field styles of the theme used here.
const (
	fieldNetwork = 0 // network bits
	fieldHost    = 1 // host bits
	fieldWrapped = 4 // an octet that wrapped
)

// palette paints text in the theme's styles. Each style is rendered once,
// around a marker, and its escape sequences kept: painting is then string
// concatenation, not a lipgloss Render per piece.
type palette struct {
	plain                                                 bool
	text, muted, accent, cursor, good, net, host, wrapped func(string) string
}

func painter(st lipgloss.Style) func(string) string {
	const mark = "\x1f"
	pre, post, ok := strings.Cut(st.Render(mark), mark)
	if !ok {
		return func(s string) string { return st.Render(s) }
	}
	if pre == "" && post == "" {
		return func(s string) string { return s }
	}
	return func(s string) string { return pre + s + post }
}

func newPalette(th visual.Theme) *palette {
	return &palette{
		plain: th.Plain, text: painter(th.Text), muted: painter(th.Muted), accent: painter(th.Accent),
		cursor: painter(th.Cursor), good: painter(th.Good), net: painter(th.Field(fieldNetwork)),
		host: painter(th.Field(fieldHost)), wrapped: painter(th.Field(fieldWrapped)),
	}
}

// renderKey names one drawing: the frame, the size and the theme (themes
// come from visual.NewTheme, so Dark and Plain tell them apart).
type renderKey struct {
	i, width, height int
	dark, plain      bool
}

// Render draws frame i: the title, the four octet boxes with the step's
// markers, the block panel once the mask is known, and the addresses
// yielded so far, in at most width columns and height rows. The app calls
// it on every View, mostly for the same frame: the last drawing is kept.
func (r *run) Render(i, width, height int, th visual.Theme) string {
	k := renderKey{i, width, height, th.Dark, th.Plain}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cached && r.lastKey == k {
		return r.lastOut
	}
	pk := [2]bool{th.Dark, th.Plain}
	p := r.palettes[pk]
	if p == nil {
		if r.palettes == nil {
			r.palettes = map[[2]bool]*palette{}
		}
		p = newPalette(th)
		r.palettes[pk] = p
	}
	out := r.draw(i, width, height, p)
	r.cached, r.lastKey, r.lastOut = true, k, out
	return out
}

func (r *run) draw(i, width, height int, p *palette) string {
	if width < 1 || height < 1 || len(r.views) == 0 {
		return ""
	}
	v := &r.views[clamp(i, 0, len(r.views)-1)]

	lines := []string{p.accent(r.title)}
	if width >= boxesWidth {
		lines = append(lines, r.boxes(v, p)...)
	} else {
		lines = append(lines, r.compact(v, p)...)
	}
	if v.blk.known > 0 {
		panel := r.panel(v, width, p)
		// Once the walk has begun the list of addresses matters more than
		// the arithmetic: keep room for it, and fold the block to a line.
		walking := v.ev.Step != ipv4.StepMask && v.ev.Step != ipv4.StepNetwork && v.ev.Step != ipv4.StepLast
		if walking && height-len(lines)-1-len(panel) < 3 {
			panel = []string{shortBlock(v, p)}
		}
		lines = append(lines, "")
		lines = append(lines, panel...)
	}
	if room := height - len(lines) - 1; room >= 1 {
		lines = append(lines, "")
		lines = append(lines, r.yieldedLines(v, width, room, p)...)
	}
	return visual.Clip(lines, width, height)
}

// isNetworkBit reports whether bit b (0 the top bit of octet 1) is a
// network bit of the block v knows of.
func isNetworkBit(v *view, b int) bool {
	return b < v.blk.p.Bits()
}

// octetBits draws the eight bits of octet j, coloured network or host once
// the mask is known.
func octetBits(v *view, j int, val byte, p *palette) string {
	s := bits8(val)
	if v.blk.known == 0 {
		return p.text(s)
	}
	var b strings.Builder
	run, net := 0, isNetworkBit(v, 8*j)
	flush := func(end int) {
		paint := p.host
		if net {
			paint = p.net
		}
		b.WriteString(paint(s[run:end]))
	}
	for k := 1; k < 8; k++ {
		if n := isNetworkBit(v, 8*j+k); n != net {
			flush(k)
			run, net = k, n
		}
	}
	flush(8)
	return b.String()
}

// nhLine marks each bit N (network) or H (host) for the plain theme, laid
// out under the bits of the boxes or of the panel.
func nhOctet(v *view, j int) string {
	var b strings.Builder
	for k := range 8 {
		if isNetworkBit(v, 8*j+k) {
			b.WriteByte('N')
		} else {
			b.WriteByte('H')
		}
	}
	return b.String()
}

// boxLabel is what the boxes show in a block step.
func boxLabel(step string) string {
	switch step {
	case ipv4.StepMask:
		return "the mask"
	case ipv4.StepNetwork:
		return "the network address"
	case ipv4.StepLast:
		return "the last address"
	}
	return ""
}

// marker is the text under octet j for the step: +1 or -1 where the one was
// taken or given, 255→0 or 0→255 where the octet wrapped.
func marker(v *view, j int) string {
	ev := v.ev
	switch {
	case ev.Octet == j && ev.Step == ipv4.StepIncrement:
		return "+1"
	case ev.Octet == j && ev.Step == ipv4.StepDecrement:
		return "-1"
	case v.wrapped[j] && ev.Reverse:
		return "0→255"
	case v.wrapped[j]:
		return "255→0"
	}
	return ""
}

func center(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw >= w {
		return s
	}
	left := (w - sw) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-sw-left)
}

// boxes draws the four octets as boxes with a label line above and a
// marker line below (and, plain, a line of N and H under the bits).
func (r *run) boxes(v *view, p *palette) []string {
	ev := v.ev
	var label, top, val, bits, bottom, marks, nh strings.Builder
	edge := " "
	if v.wrapped[0] {
		edge = "←" // the carry (or borrow) leaves octet 1: the end
	}
	label.WriteString(" ")
	top.WriteString(" ")
	val.WriteString(" ")
	bits.WriteString(" ")
	bottom.WriteString(" ")
	marks.WriteString(edge)
	nh.WriteString(" ")
	for j := range 4 {
		if j > 0 {
			sep := " "
			if v.wrapped[j] {
				sep = "←"
			}
			label.WriteString(" ")
			top.WriteString(" ")
			val.WriteString(p.muted("."))
			bits.WriteString(" ")
			bottom.WriteString(" ")
			marks.WriteString(p.accent(sep))
			nh.WriteString(" ")
		}
		touched := ev.Octet == j
		border := p.muted
		if touched {
			border = p.accent
		}
		name := "octet " + strconv.Itoa(j+1)
		if touched {
			label.WriteString(p.accent(center(name, 10)))
		} else {
			label.WriteString(p.muted(center(name, 10)))
		}
		top.WriteString(border("┌────────┐"))
		num := center(strconv.Itoa(ev.Octets[j]), 8)
		switch {
		case touched:
			num = p.cursor(num)
		case v.wrapped[j]:
			num = p.wrapped(num)
		default:
			num = p.text(num)
		}
		val.WriteString(border("│") + num + border("│"))
		bits.WriteString(border("│") + octetBits(v, j, byte(ev.Octets[j]), p) + border("│"))
		bottom.WriteString(border("└────────┘"))
		m := marker(v, j)
		if touched {
			marks.WriteString(p.accent(center(m, 10)))
		} else {
			marks.WriteString(p.wrapped(center(m, 10)))
		}
		nh.WriteString(" " + nhOctet(v, j) + " ")
	}
	out := []string{label.String(), top.String(), val.String(), bits.String(), bottom.String()}
	if l := boxLabel(ev.Step); l != "" {
		out[0] = " " + p.accent(l) + p.muted(" ("+ipv4.AddrFrom4(octetBytes(ev.Octets)).String()+")")
	}
	if strings.TrimSpace(ansi.Strip(marks.String())) != "" {
		out = append(out, marks.String())
	}
	if v.blk.known > 0 {
		if p.plain {
			out = append(out, nh.String())
		}
		out = append(out, legend(v, p))
	}
	return out
}

// legend names the bit shading: colours, or the N and H of the plain theme.
func legend(v *view, p *palette) string {
	bits := v.blk.p.Bits()
	if p.plain {
		return fmt.Sprintf(" N network bit (%d)  H host bit (%d)", bits, 32-bits)
	}
	return " " + p.net(fmt.Sprintf("network bits (%d)", bits)) + "  " +
		p.host(fmt.Sprintf("host bits (%d)", 32-bits))
}

// compact draws the octets for narrow panes: the dotted address, its bits,
// and a line saying what the step did to which octet.
func (r *run) compact(v *view, p *palette) []string {
	ev := v.ev
	var addr strings.Builder
	for j := range 4 {
		if j > 0 {
			addr.WriteString(p.muted("."))
		}
		s := strconv.Itoa(ev.Octets[j])
		switch {
		case ev.Octet == j:
			addr.WriteString(p.cursor("[" + s + "]"))
		case v.wrapped[j]:
			addr.WriteString(p.wrapped(s + "*"))
		default:
			addr.WriteString(p.text(s))
		}
	}
	var bits strings.Builder
	for j := range 4 {
		if j > 0 {
			bits.WriteString(p.muted("."))
		}
		bits.WriteString(octetBits(v, j, byte(ev.Octets[j]), p))
	}
	out := []string{addr.String(), bits.String()}
	var notes []string
	for j := range 4 {
		if m := marker(v, j); m != "" {
			notes = append(notes, fmt.Sprintf("o%d %s", j+1, m))
		}
	}
	if l := boxLabel(ev.Step); l != "" {
		notes = append([]string{l}, notes...)
	}
	if len(notes) > 0 {
		out = append(out, p.accent(strings.Join(notes, ", ")))
	}
	if v.blk.known > 0 && p.plain {
		var nh strings.Builder
		for j := range 4 {
			if j > 0 {
				nh.WriteByte(' ')
			}
			nh.WriteString(nhOctet(v, j))
		}
		out = append(out, nh.String())
	}
	return out
}

// panel draws the block's arithmetic, one row per value the events have
// reported: the address, AND the mask, = the network, OR NOT the mask, =
// the last address, and the count.
func (r *run) panel(v *view, width int, p *palette) []string {
	b := v.blk
	wide := width >= panelWidth
	type row struct {
		op, name, step string
		a              ipv4.Addr
	}
	rows := []row{{" ", "address", "", b.p.Addr()}, {"&", "mask /" + strconv.Itoa(b.p.Bits()), ipv4.StepMask, b.mask}}
	if b.known >= 2 {
		rows = append(rows, row{"=", "network", ipv4.StepNetwork, b.network})
	}
	if b.known >= 3 {
		rows = append(rows, row{"|", "NOT mask", ipv4.StepLast, v.lastInverted()}, row{"=", "last", ipv4.StepLast, b.last})
	}
	var out []string
	for k, rw := range rows {
		name := p.muted(rw.name)
		op := p.muted(rw.op)
		if rw.step == v.ev.Step && (rw.name != "NOT mask") {
			name = p.accent(rw.name + " ◀")
			op = p.accent(rw.op)
		}
		dotted := fmt.Sprintf("%-15s", rw.a)
		if !wide {
			out = append(out, op+" "+p.text(dotted)+"  "+name)
			continue
		}
		var bits strings.Builder
		o := rw.a.Octets()
		for j := range 4 {
			if j > 0 {
				bits.WriteString(p.muted("."))
			}
			bits.WriteString(octetBits(v, j, o[j], p))
		}
		out = append(out, op+" "+p.text(dotted)+"  "+bits.String()+"  "+name)
		if k == 1 && p.plain {
			var nh strings.Builder
			for j := range 4 {
				if j > 0 {
					nh.WriteByte('.')
				}
				nh.WriteString(nhOctet(v, j))
			}
			out = append(out, strings.Repeat(" ", 19)+nh.String())
		}
	}
	if b.known >= 3 {
		out = append(out, p.good(fmt.Sprintf("  %d addresses in the block (2^%d)", b.count, 32-b.p.Bits())))
	}
	return out
}

// shortBlock is the block on one line, for short panes once the walk has
// begun (the walk starts only after the last step, so all is known).
func shortBlock(v *view, p *palette) string {
	b := v.blk
	return p.good(fmt.Sprintf("%d addresses", b.count)) + p.muted(": ") +
		p.text(fmt.Sprintf("%s to %s", b.network, b.last)) + p.muted(", mask "+b.mask.String())
}

// lastInverted is NOT mask as the last step reported it.
func (v *view) lastInverted() ipv4.Addr {
	return v.blk.inverted
}

// yieldedLines lists the addresses yielded so far in at most rows lines,
// the newest last; when they do not all fit, the oldest give way to a count.
func (r *run) yieldedLines(v *view, width, rows int, p *palette) []string {
	ys := r.yielded[:v.yielded]
	head := p.muted(fmt.Sprintf("yielded %d:", len(ys)))
	if len(ys) == 0 {
		return []string{head + p.muted(" none yet")}
	}
	newest := v.ev.Step == ipv4.StepYield
	render := func(k int) string {
		if k == len(ys)-1 && newest {
			return p.good("[" + ys[k] + "]")
		}
		return p.text(ys[k])
	}
	// Fill lines from the newest backward, then reverse.
	var lines [][]int
	var cur []int
	curW := 0
	for k := len(ys) - 1; k >= 0; k-- {
		w := len(ys[k]) + 2
		if k == len(ys)-1 && newest {
			w += 2
		}
		if curW+w > width && len(cur) > 0 {
			lines = append(lines, cur)
			cur, curW = nil, 0
			if len(lines) == rows-1 {
				break
			}
		}
		cur = append(cur, k)
		curW += w
	}
	if len(cur) > 0 && len(lines) < rows-1 {
		lines = append(lines, cur)
	}
	shown := 0
	for _, l := range lines {
		shown += len(l)
	}
	if shown < len(ys) {
		head += p.muted(fmt.Sprintf(" (%d earlier not shown)", len(ys)-shown))
	}
	out := []string{head}
	for li := len(lines) - 1; li >= 0; li-- {
		l := lines[li]
		parts := make([]string, 0, len(l))
		for k := len(l) - 1; k >= 0; k-- {
			parts = append(parts, render(l[k]))
		}
		out = append(out, " "+strings.Join(parts, " "))
	}
	return out
}
