package ipviz

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// Widths of the layouts: four boxes of ten columns with a column between
// them and one on the left; the block panel with its bits.
const (
	boxesWidth = 1 + 4*10 + 3
	panelWidth = 2 + 15 + 2 + 35 + 2 + 10 // the longest name: "mask /30 ◀"
)

// Field styles of the theme used here.
const (
	fieldNetwork = 0 // network bits
	fieldHost    = 1 // host bits
	fieldWrapped = 4 // an octet that wrapped
)

// palette is the theme as paints: drawing a piece is then a string
// concatenation, not a lipgloss Render.
type palette struct {
	plain                                                 bool
	text, muted, accent, cursor, good, net, host, wrapped visual.Paint
}

func newPalette(th visual.Theme) *palette {
	return &palette{
		plain:   th.Plain,
		text:    visual.NewPaint(th.Text),
		muted:   visual.NewPaint(th.Muted),
		accent:  visual.NewPaint(th.Accent),
		cursor:  visual.NewPaint(th.Cursor),
		good:    visual.NewPaint(th.Good),
		net:     visual.NewPaint(th.Field(fieldNetwork)),
		host:    visual.NewPaint(th.Field(fieldHost)),
		wrapped: visual.NewPaint(th.Field(fieldWrapped)),
	}
}

// palette returns the paints of th, made once per theme: themes come from
// visual.NewTheme, so Dark and Plain tell them apart.
func (r *recording) palette(th visual.Theme) *palette {
	k := [2]bool{th.Dark, th.Plain}
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.palettes[k]
	if !ok {
		if r.palettes == nil {
			r.palettes = make(map[[2]bool]*palette)
		}
		p = newPalette(th)
		r.palettes[k] = p
	}
	return p
}

// Draw draws frame i: the title, the four octet boxes with the step's
// markers, the block panel once the mask is known, and the addresses
// yielded so far, for a box of width columns and height rows (the kernel
// clips and keeps the last drawing).
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	v := &r.views[i]
	p := r.palette(th)

	// Text wraps at the pane's edge; a row of bits too wide for it is
	// cut with ….
	var lines []string
	for _, l := range visual.Wrap(width, "  ", " ", r.in.title()) {
		lines = append(lines, p.accent.On(l))
	}
	if width >= boxesWidth {
		lines = append(lines, boxes(v, p)...)
	} else {
		lines = append(lines, compact(v, width, p)...)
	}
	if v.blk.known > 0 {
		pan := panel(v, width, p)
		// Once the walk has begun the list of addresses matters more than
		// the arithmetic: keep room for it, and fold the block to a line.
		walking := v.ev.Step != ipv4.StepMask && v.ev.Step != ipv4.StepNetwork && v.ev.Step != ipv4.StepLast
		if short := shortBlock(v, width, p); walking && height-len(lines)-1-len(pan) < 2+len(short) {
			pan = short
		}
		lines = append(lines, "")
		lines = append(lines, pan...)
	}
	if room := height - len(lines) - 1; room >= 1 {
		lines = append(lines, "")
		lines = append(lines, yieldedLines(r.yielded[:v.yielded], v, width, room, p)...)
	}
	return lines
}

// isNetworkBit reports whether bit b (0 the top bit of octet 1) is set in
// the mask the mask step reported, a network bit of the block.
func isNetworkBit(v *view, b int) bool {
	return v.blk.mask.Uint32()>>(31-b)&1 == 1
}

// octetBits draws the eight bits of octet j, coloured network or host once
// the mask is known.
func octetBits(v *view, j int, val byte, p *palette) string {
	s := bits8(val)
	if v.blk.known == 0 {
		return p.text.On(s)
	}
	var b strings.Builder
	start, net := 0, isNetworkBit(v, 8*j)
	flush := func(end int) {
		paint := p.host
		if net {
			paint = p.net
		}
		b.WriteString(paint.On(s[start:end]))
	}
	for k := 1; k < 8; k++ {
		if n := isNetworkBit(v, 8*j+k); n != net {
			flush(k)
			start, net = k, n
		}
	}
	flush(8)
	return b.String()
}

// nhOctet marks each bit of octet j N (network) or H (host) for the plain
// theme, laid out under the bits of the boxes or of the panel.
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
func boxLabel(step ipv4.Step) string {
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
	ev := &v.ev
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

// center pads s with spaces on both sides to w columns.
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
func boxes(v *view, p *palette) []string {
	ev := &v.ev
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
			val.WriteString(p.muted.On("."))
			bits.WriteString(" ")
			bottom.WriteString(" ")
			marks.WriteString(p.accent.On(sep))
			nh.WriteString(" ")
		}
		touched := ev.Octet == j
		border := p.muted
		if touched {
			border = p.accent
		}
		name := "octet " + strconv.Itoa(j+1)
		if touched {
			label.WriteString(p.accent.On(center(name, 10)))
		} else {
			label.WriteString(p.muted.On(center(name, 10)))
		}
		top.WriteString(border.On("┌────────┐"))
		num := center(strconv.Itoa(ev.Octets[j]), 8)
		switch {
		case touched:
			num = p.cursor.On(num)
		case v.wrapped[j]:
			num = p.wrapped.On(num)
		default:
			num = p.text.On(num)
		}
		val.WriteString(border.On("│") + num + border.On("│"))
		bits.WriteString(border.On("│") + octetBits(v, j, byte(ev.Octets[j]), p) + border.On("│"))
		bottom.WriteString(border.On("└────────┘"))
		m := marker(v, j)
		if touched {
			marks.WriteString(p.accent.On(center(m, 10)))
		} else {
			marks.WriteString(p.wrapped.On(center(m, 10)))
		}
		nh.WriteString(" " + nhOctet(v, j) + " ")
	}
	out := []string{label.String(), top.String(), val.String(), bits.String(), bottom.String()}
	if l := boxLabel(ev.Step); l != "" {
		out[0] = " " + p.accent.On(l) + p.muted.On(" ("+ev.Addr.String()+")")
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
	return " " + p.net.On(fmt.Sprintf("network bits (%d)", bits)) + "  " +
		p.host.On(fmt.Sprintf("host bits (%d)", 32-bits))
}

// compact draws the octets for narrow panes: the dotted address, its bits,
// and a line saying what the step did to which octet.
func compact(v *view, width int, p *palette) []string {
	ev := &v.ev
	var addr strings.Builder
	for j := range 4 {
		if j > 0 {
			addr.WriteString(p.muted.On("."))
		}
		s := strconv.Itoa(ev.Octets[j])
		switch {
		case ev.Octet == j:
			addr.WriteString(p.cursor.On("[" + s + "]"))
		case v.wrapped[j]:
			addr.WriteString(p.wrapped.On(s + "*"))
		default:
			addr.WriteString(p.text.On(s))
		}
	}
	var bits strings.Builder
	for j := range 4 {
		if j > 0 {
			bits.WriteString(p.muted.On("."))
		}
		bits.WriteString(octetBits(v, j, byte(ev.Octets[j]), p))
	}
	out := visual.Cut(width, addr.String(), bits.String())
	var notes []string
	for j := range 4 {
		if m := marker(v, j); m != "" {
			notes = append(notes, fmt.Sprintf("o%d %s", j+1, m))
		}
	}
	if l := boxLabel(ev.Step); l != "" {
		notes = append([]string{l}, notes...)
	}
	for k := range notes[:max(len(notes)-1, 0)] {
		notes[k] += ","
	}
	for _, l := range visual.Wrap(width, "  ", " ", notes...) {
		out = append(out, p.accent.On(l))
	}
	if v.blk.known > 0 && p.plain {
		var nh strings.Builder
		for j := range 4 {
			if j > 0 {
				nh.WriteByte(' ')
			}
			nh.WriteString(nhOctet(v, j))
		}
		out = append(out, visual.Cut(width, nh.String())...)
	}
	return out
}

// panel draws the block's arithmetic, one row per value the events have
// reported: the address, AND the mask, = the network, OR NOT the mask, =
// the last address, and the count.
func panel(v *view, width int, p *palette) []string {
	b := &v.blk
	wide := width >= panelWidth
	type row struct {
		op, name string
		step     ipv4.Step
		a        ipv4.Addr
	}
	rows := []row{{" ", "address", "", b.p.Addr()}, {"&", "mask /" + strconv.Itoa(b.p.Bits()), ipv4.StepMask, b.mask}}
	if b.known >= 2 {
		rows = append(rows, row{"=", "network", ipv4.StepNetwork, b.network})
	}
	if b.known >= 3 {
		rows = append(rows, row{"|", "NOT mask", "", b.inverted}, row{"=", "last", ipv4.StepLast, b.last})
	}
	var out []string
	for k, rw := range rows {
		name := p.muted.On(rw.name)
		op := p.muted.On(rw.op)
		if rw.step != "" && rw.step == v.ev.Step {
			name = p.accent.On(rw.name + " ◀")
			op = p.accent.On(rw.op)
		}
		dotted := fmt.Sprintf("%-15s", rw.a)
		if !wide {
			out = append(out, visual.Cut(width, op+" "+p.text.On(dotted)+"  "+name)...)
			continue
		}
		var bits strings.Builder
		o := rw.a.Octets()
		for j := range 4 {
			if j > 0 {
				bits.WriteString(p.muted.On("."))
			}
			bits.WriteString(octetBits(v, j, o[j], p))
		}
		out = append(out, op+" "+p.text.On(dotted)+"  "+bits.String()+"  "+name)
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
		for _, l := range visual.Wrap(width-2, "  ", " ", fmt.Sprintf("%d addresses in the block (2^%d)", b.count, 32-b.p.Bits())) {
			out = append(out, p.good.On("  "+l))
		}
	}
	return out
}

// shortBlock is the block on a line, or a few on a narrow pane, for short
// panes once the walk has begun (the walk starts only after the last
// step, so all is known).
func shortBlock(v *view, width int, p *palette) []string {
	b := &v.blk
	return visual.Wrap(width, "  ", " ",
		p.good.On(strconv.FormatUint(b.count, 10)), p.good.On("addresses")+p.muted.On(":"),
		p.text.On(b.network.String()), p.text.On("to"), p.text.On(b.last.String())+p.muted.On(","),
		p.muted.On("mask"), p.muted.On(b.mask.String()))
}

// yieldedLines lists ys, the addresses yielded so far, in at most rows
// lines, the newest last; when they do not all fit, the oldest give way to
// a count.
func yieldedLines(ys []ipv4.Addr, v *view, width, rows int, p *palette) []string {
	head := p.muted.On(fmt.Sprintf("yielded %d:", len(ys)))
	if len(ys) == 0 {
		return []string{head + p.muted.On(" none yet")}
	}
	newest := v.ev.Step == ipv4.StepYield
	render := func(k int, s string) string {
		if k == len(ys)-1 && newest {
			return p.good.On("[" + s + "]")
		}
		return p.text.On(s)
	}
	// Fill lines from the newest backward, then reverse.
	type item struct {
		k int
		s string
	}
	var lines [][]item
	var cur []item
	curW := 0
	for k := len(ys) - 1; k >= 0; k-- {
		s := ys[k].String()
		w := len(s) + 1 // a space before each: " a b c"
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
		cur = append(cur, item{k, s})
		curW += w
	}
	if len(cur) > 0 && len(lines) < rows-1 {
		lines = append(lines, cur)
	}
	shown := 0
	for _, l := range lines {
		shown += len(l)
	}
	// The newest that fit are known: lay them out oldest first, so that
	// the first line is full and the last takes what is left (greedy
	// takes no more lines one way than the other).
	lines = nil
	cur, curW = nil, 0
	var fwd [][]item
	for k := len(ys) - shown; k < len(ys); k++ {
		w := len(ys[k].String()) + 1
		if k == len(ys)-1 && newest {
			w += 2
		}
		if curW+w > width && len(cur) > 0 {
			fwd = append(fwd, cur)
			cur, curW = nil, 0
		}
		cur = append(cur, item{k, ys[k].String()})
		curW += w
	}
	if len(cur) > 0 {
		fwd = append(fwd, cur)
	}
	// Back to the order the lines below read them in: newest line
	// first, each line's items newest first.
	for li := len(fwd) - 1; li >= 0; li-- {
		l := fwd[li]
		rev := make([]item, len(l))
		for k := range l {
			rev[len(l)-1-k] = l[k]
		}
		lines = append(lines, rev)
	}
	if shown < len(ys) {
		// A narrow pane drops what the count of earlier ones adds.
		head = p.muted.On(visual.Shorten(width, " ", fmt.Sprintf("yielded %d:", len(ys)), fmt.Sprintf("(%d earlier not shown)", len(ys)-shown)))
	}
	out := []string{head}
	for li := len(lines) - 1; li >= 0; li-- {
		l := lines[li]
		parts := make([]string, 0, len(l))
		for k := len(l) - 1; k >= 0; k-- {
			parts = append(parts, render(l[k].k, l[k].s))
		}
		out = append(out, " "+strings.Join(parts, " "))
	}
	return out
}
