package tcpviz

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/tcp"
)

// palette is the theme as paints.
type palette struct {
	muted, accent, cursor, good, bad visual.Paint
	side                             [2]visual.Paint
	plain                            bool
}

func newPalette(th visual.Theme) palette {
	return palette{
		muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good), bad: visual.NewPaint(th.Bad),
		side:  [2]visual.Paint{visual.NewPaint(th.Field(0)), visual.NewPaint(th.Field(1))},
		plain: th.Plain,
	}
}

// panelWidth is the width of the side panel when there is room for it.
const panelWidth = 34

// Draw draws frame i: the header (both states and the time), the
// sequence diagram, and the panel (send window, receive buffer, cwnd
// plot) beside it when wide or below it when narrow.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)
	lines := r.header(f, width, p)
	if len(lines) > 1 && height < 6 {
		// A short pane keeps the diagram's rows: the header stays on one
		// line, leaving out the time, then the server's state.
		lines = []string{visual.Shorten(width, " ", lines[0], strings.TrimSpace(strings.Join(lines[1:], " ")))}
	}
	// The legend wraps between its items, and shows whole or not at all.
	if lg := visual.Wrap(width, "  ", " · ", "▶ ◀ a segment", "✗ lost", "↻ sent again", "▸ this step"); height >= 7+len(lg) {
		for _, l := range lg {
			lines = append(lines, p.muted.On(l))
		}
	}
	avail := height - len(lines)
	if width >= 60+panelWidth+3 {
		dw := width - panelWidth - 3
		diag := r.diagram(f, dw, avail, p)
		panel := r.panel(i, panelWidth, avail, p, false)
		for j := 0; j < avail && (j < len(diag) || j < len(panel)); j++ {
			left, right := "", ""
			if j < len(diag) {
				left = diag[j]
			}
			if j < len(panel) {
				right = panel[j]
			}
			pad := max(0, dw-ansi.StringWidth(left))
			lines = append(lines, left+strings.Repeat(" ", pad)+p.muted.On(" │ ")+right)
		}
		return lines
	}
	var panel []string
	if avail >= 10 {
		panel = r.panel(i, width, avail, p, true)
		panel = panel[:min(len(panel), max(5, avail/2))]
	}
	lines = append(lines, r.diagram(f, width, avail-len(panel), p)...)
	return append(lines, panel...)
}

// fit cuts s to w columns, ending it with … when cut.
func fit(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w < 1 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// header is "client STATE   t   server STATE" across the width, the end
// that acted in the accent; on a pane too narrow for that, the three
// wrapped.
func (r *recording) header(f frame, width int, p palette) []string {
	e := f.ev
	names := [2]string{"client " + e.Client.State.String(), "server " + e.Server.State.String()}
	for s := range names {
		names[s] = "[" + names[s] + "]"
	}
	mid := "t=" + fmtTime(e.At)
	gap := width - len(names[0]) - len(names[1]) - len(mid)
	paint := func(s tcp.Side) string {
		if e.Side == s {
			return p.accent.On(names[s])
		}
		return names[s]
	}
	if gap < 2 {
		return visual.Wrap(width, "  ", " ", paint(tcp.Client), paint(tcp.Server), p.muted.On(mid))
	}
	l := gap / 2
	return []string{paint(tcp.Client) + strings.Repeat(" ", l) + p.muted.On(mid) + strings.Repeat(" ", gap-l) + paint(tcp.Server)}
}

// fmtTime is a virtual time in at most 8 columns.
func fmtTime(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < 100*time.Second:
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", d.Seconds()), "0"), ".") + "s"
	default:
		return fmt.Sprintf("%.0fs", d.Seconds())
	}
}

// shorter drops digits after the decimal point of a time such as
// "▸61.204s" until it fits in n columns (or none are left).
func shorter(t string, n int) string {
	for len([]rune(t)) > n {
		dot := strings.IndexByte(t, '.')
		if dot < 0 {
			return t
		}
		digits := t[dot+1 : len(t)-1] // the unit is the last byte, "s"
		if len(digits) <= 1 {
			return t[:dot] + t[len(t)-1:]
		}
		t = t[:len(t)-2] + t[len(t)-1:]
	}
	return t
}

// diagram is the sequence diagram in at most h lines of w columns: the
// rows up to the frame, the last ones that fit, the step's row in view.
func (r *recording) diagram(f frame, w, h int, p palette) []string {
	if h < 1 {
		return nil
	}
	const tw = 8 // the time column
	aw := w - tw - 2
	if aw < 8 {
		// Too narrow for arrows: the step's row as text.
		if f.row >= 0 {
			return []string{fit(r.rowText(r.rows[f.row]), w)}
		}
		return []string{fit(string(f.ev.Step), w)}
	}
	end := f.rows
	start := max(0, end-h)
	if f.row >= 0 && f.row < start {
		start, end = f.row, min(f.row+h, f.rows)
	}
	var out []string
	for j := start; j < end; j++ {
		rw := r.rows[j]
		cur := j == f.row
		t := fmtTime(rw.at)
		if cur {
			t = "▸" + t
		}
		t = shorter(t, tw-1)
		tcol := fmt.Sprintf("%*s ", tw-1, t)
		body := arrow(rw, aw)
		switch {
		case cur:
			body = p.cursor.On(body)
		case rw.seg && !rw.fate.Arrives():
			body = p.bad.On(body)
		case rw.seg:
			body = p.side[rw.side].On(body)
		default:
			body = p.accent.On(body)
		}
		out = append(out, p.muted.On(tcol)+p.muted.On("│")+body+p.muted.On("│"))
	}
	if len(out) == 0 {
		out = append(out, strings.Repeat(" ", tw)+p.muted.On("│"+strings.Repeat(" ", aw)+"│"))
	}
	return out
}

// rowText is a row in words, for a box too narrow for arrows.
func (r *recording) rowText(rw row) string {
	if !rw.seg {
		return rw.side.String() + " " + rw.to.String()
	}
	dir := "→"
	if rw.side == tcp.Server {
		dir = "←"
	}
	s := dir + " " + rw.labels[0]
	if !rw.fate.Arrives() {
		s += " ✗"
	}
	return s
}

// arrow draws a row across aw columns: a segment as an arrow from its
// sender's axis towards the other, cut short by a cross when lost; a
// state change as the state's name by its end's axis.
func arrow(rw row, aw int) string {
	if !rw.seg {
		name := "[" + rw.to.String() + "]"
		if rw.side == tcp.Client {
			return fit(name, aw) + strings.Repeat(" ", max(0, aw-len(name)))
		}
		return strings.Repeat(" ", max(0, aw-len(name))) + fit(name, aw)
	}
	lost := !rw.fate.Arrives()
	room := aw - 4
	if lost {
		room = aw*2/3 - 4
	}
	lbl := rw.labels[len(rw.labels)-1]
	for _, l := range rw.labels {
		if ansi.StringWidth(l)+1 <= room {
			lbl = l
			break
		}
	}
	if rw.again {
		lbl = "↻" + lbl
	}
	lbl = fit(lbl, aw-4)
	n := ansi.StringWidth(lbl)
	line := make([]string, 0, 5)
	span := aw // the columns the arrow covers
	if lost {
		span = min(aw, max(n+4, aw*2/3))
	}
	fill := strings.Repeat("─", max(0, span-n-2))
	if rw.side == tcp.Client {
		head := "▶"
		if lost {
			head = "✗"
		}
		line = append(line, "─", lbl, fill, head, strings.Repeat(" ", aw-span))
	} else {
		head := "◀"
		if lost {
			head = "✗"
		}
		line = append(line, strings.Repeat(" ", aw-span), head, fill, lbl, "─")
	}
	return strings.Join(line, "")
}

// panel is the side panel in at most h lines of w columns; narrow is
// the compact form under the diagram.
func (r *recording) panel(i, w, h int, p palette, narrow bool) []string {
	f := r.frames[i]
	c, s := f.ev.Client, f.ev.Server
	// A connection that has closed has no TCB, and its snapshot is a
	// fresh one's: the panel keeps the client's last figures, and says so.
	title := "client send window"
	if c.State == tcp.Closed {
		for j := i - 1; j >= 0; j-- {
			if last := r.frames[j].ev.Client; last.State != tcp.Closed {
				c, title = last, "client closed: last figures"
				break
			}
		}
	}
	notYet := max(0, c.Written-c.Acked-c.InFlight-c.Usable)
	sendBar := func(bw int) string {
		return "[" + bar(bw, c.Written, []int{c.Acked, c.InFlight, c.Usable}, "#=~.") + "]"
	}
	recvBar := func(bw int) string { return "[" + bar(bw, s.RcvBuf, []int{s.Unread, s.OutOfOrder}, "+-.") + "]" }
	if narrow {
		// The figures wrap between them.
		figures := func(items ...string) []string { return visual.Wrap(w, "  ", " ", items...) }
		out := []string{p.accent.On("send ") + sendBar(max(4, w-7))}
		if title != "client send window" {
			out = append([]string{p.accent.On(fit(title, w))}, out...)
		}
		out = append(out, figures(fmt.Sprintf("#acked %d", c.Acked), fmt.Sprintf("=in flight %d", c.InFlight),
			fmt.Sprintf("~usable %d", c.Usable), fmt.Sprintf(".not yet %d", notYet))...)
		out = append(out, figures(fmt.Sprintf("cwnd %d", c.Cwnd), "ssthresh "+ssthresh(c.Ssthresh), fmt.Sprintf("rwnd %d", c.SndWnd),
			fmt.Sprintf("RTO %v%s", c.RTO, recov(c.Recovery)))...)
		out = append(out, p.accent.On("recv ")+recvBar(max(4, w-7)))
		out = append(out, figures(fmt.Sprintf("+unread %d", s.Unread), fmt.Sprintf("-held %d", s.OutOfOrder),
			fmt.Sprintf(".window %d of %d", s.RcvWnd, s.RcvBuf))...)
		return out[:min(h, len(out))]
	}
	bw := max(4, w-2)
	out := []string{
		p.accent.On(fit(title, w)),
		sendBar(bw),
		fit(fmt.Sprintf("#acked %d =in flight %d", c.Acked, c.InFlight), w),
		fit(fmt.Sprintf("~usable %d .not yet %d", c.Usable, notYet), w),
		fit(fmt.Sprintf("cwnd %d ssthresh %s", c.Cwnd, ssthresh(c.Ssthresh)), w),
		fit(fmt.Sprintf("rwnd %d dupACKs %d%s", c.SndWnd, c.DupAcks, recov(c.Recovery)), w),
		fit(fmt.Sprintf("RTO %v SRTT %v", c.RTO, c.SRTT.Round(time.Millisecond/10)), w),
		p.accent.On(fit(fmt.Sprintf("server receive buffer, %d B", s.RcvBuf), w)),
		recvBar(bw),
		fit(fmt.Sprintf("+unread %d -held %d", s.Unread, s.OutOfOrder), w),
		fit(fmt.Sprintf(".window %d", s.RcvWnd), w),
	}
	if h-len(out) >= 4 {
		out = append(out, p.accent.On(fit("cwnd * ssthresh - by step", w)))
		out = append(out, r.plot(i, w, min(6, h-len(out)))...)
	}
	return out[:min(h, len(out))]
}

func ssthresh(v int) string {
	if v >= tcp.MaxWindow {
		return "max"
	}
	return fmt.Sprint(v)
}

func recov(b bool) string {
	if b {
		return " [fast recovery]"
	}
	return ""
}

// bar is a bar of w cells over total, parts in order drawn with the
// runes of marks, the rest with its last rune.
func bar(w, total int, parts []int, marks string) string {
	m := []rune(marks)
	if total <= 0 {
		return strings.Repeat(string(m[len(m)-1]), w)
	}
	var b strings.Builder
	used, sum := 0, 0
	for k, n := range parts {
		sum += n
		upto := min(w, sum*w/total)
		if n > 0 && upto <= used && used < w {
			upto = used + 1 // a part never vanishes
		}
		b.WriteString(strings.Repeat(string(m[k]), max(0, upto-used)))
		used = max(used, upto)
	}
	b.WriteString(strings.Repeat(string(m[len(m)-1]), max(0, w-used)))
	return b.String()
}

// plot draws the client's cwnd and ssthresh from frame 0 to i in h rows
// of w columns, scaled to the largest value of the run shown.
func (r *recording) plot(i, w, h int) []string {
	if h < 1 || w < 4 {
		return nil
	}
	top := 1
	for _, f := range r.frames {
		top = max(top, f.ev.Client.Cwnd)
		if f.ev.Client.Ssthresh < tcp.MaxWindow {
			top = max(top, f.ev.Client.Ssthresh)
		}
	}
	grid := make([][]rune, h)
	for y := range grid {
		grid[y] = []rune(strings.Repeat(" ", w))
	}
	level := func(v int) int { return min(h-1, v*(h-1)/top) }
	for x := range w {
		j := x * (i + 1) / w
		if j > i {
			break
		}
		c := r.frames[j].ev.Client
		cy := h - 1 - level(c.Cwnd)
		if c.Ssthresh < tcp.MaxWindow {
			sy := h - 1 - level(c.Ssthresh)
			grid[sy][x] = '-'
		}
		if grid[cy][x] == '-' {
			grid[cy][x] = '+'
		} else {
			grid[cy][x] = '*'
		}
	}
	out := make([]string, h)
	for y := range grid {
		out[y] = string(grid[y])
	}
	return out
}
