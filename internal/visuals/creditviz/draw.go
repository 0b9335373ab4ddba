package creditviz

import (
	"fmt"
	"math/bits"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/credits"
)

// Style ids of canvas cells; sField+i is grant row i's colour.
const (
	sText int = iota
	sMuted
	sAccent
	sCursor
	sGood
	sBad
	sField
)

// glyph is the rune of a grant's bar by status; the legend names them, so
// the status shows without colour.
var glyph = [...]rune{future: '·', held: '━', popped: '━', usedUp: '─', expired: '╌'}

// legend names the glyphs and marks of the picture, an item each; it
// wraps between items on a narrow pane.
var legend = []string{"━ in heap", "─ used up", "╌ expired", "· not yet", "▼ charge", "│ query", "[x] this step"}

// cell is one column of a line: a rune and its style id.
type cell struct {
	r rune
	s int
}

// line is one row of the picture, a cell per column.
type line []cell

func newLine(w int) line {
	l := make(line, w)
	for i := range l {
		l[i] = cell{' ', sText}
	}
	return l
}

// wideHalf is the rune of the cell that the right half of a wide rune
// (a CJK grant id) covers; draw writes nothing for it.
const wideHalf = 0

// put writes s from column x on, clipped to the line, and returns the
// column after it. A wide rune takes two cells; one that would straddle
// the line's end is left out.
func (l line) put(x int, s string, style int) int {
	for _, r := range s {
		w := ansi.StringWidth(string(r))
		if w == 2 {
			if x >= 0 && x+1 < len(l) {
				l.set(x, cell{r, style})
				l.set(x+1, cell{wideHalf, style})
			}
			x += 2
			continue
		}
		if x >= 0 && x < len(l) {
			l.set(x, cell{r, style})
		}
		x++
	}
	return x
}

// set writes c at column x, blanking what is left of a wide rune it
// covers half of.
func (l line) set(x int, c cell) {
	if l[x].r == wideHalf && x > 0 {
		l[x-1] = cell{' ', l[x-1].s}
	}
	if x+1 < len(l) && l[x+1].r == wideHalf && c.r != wideHalf {
		l[x+1] = cell{' ', l[x+1].s}
	}
	l[x] = c
}

// text writes s from column x on, cut with … at the line's end if it does
// not fit, and returns the column after it.
func (l line) text(x int, s string, style int) int {
	if room := len(l) - x; room > 0 && ansi.StringWidth(s) > room {
		s = ansi.Truncate(s, room, "…")
	}
	return l.put(x, s, style)
}

// free reports whether columns x to x+n-1 are blank and inside the line.
func (l line) free(x, n int) bool {
	if x < 0 || x+n > len(l) {
		return false
	}
	for _, c := range l[x : x+n] {
		if c.r != ' ' {
			return false
		}
	}
	return true
}

// draw writes the line with the palette's paints, a paint per run of
// cells of one style, plain text unpainted and trailing blanks dropped.
func (l line) draw(p palette) string {
	end := len(l)
	for end > 0 && l[end-1].r == ' ' && l[end-1].s == sText {
		end--
	}
	var b, run strings.Builder
	style := -1
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if style == sText {
			b.WriteString(run.String())
		} else {
			b.WriteString(p.paint(style).On(run.String()))
		}
		run.Reset()
	}
	for _, c := range l[:end] {
		if c.r == wideHalf {
			continue
		}
		if c.s != style {
			flush()
			style = c.s
		}
		run.WriteRune(c.r)
	}
	flush()
	return b.String()
}

// palette is the paint of every style id for one theme: the styles of
// sText to sBad, then one a field colour.
type palette []visual.Paint

// newPalette paints th's styles, each found by rendering a mark once.
func newPalette(th visual.Theme) palette {
	p := palette{{}, visual.NewPaint(th.Muted), visual.NewPaint(th.Accent),
		visual.NewPaint(th.Cursor), visual.NewPaint(th.Good), visual.NewPaint(th.Bad)}
	for _, st := range th.Fields {
		p = append(p, visual.NewPaint(st))
	}
	return p
}

// paint is the paint of a style id; field ids wrap around the theme's
// fields, as Theme.Field does.
func (p palette) paint(style int) visual.Paint {
	if style < sField {
		return p[style]
	}
	if n := len(p) - sField; n > 0 {
		return p[sField+(style-sField)%n]
	}
	return visual.Paint{}
}

// palettes keeps a recording's palettes, one for each theme it was drawn
// in, so that a style is rendered once a run and not once a frame.
type palettes struct {
	mu sync.Mutex
	m  map[[2]bool]palette // by dark, plain
}

func (ps *palettes) get(th visual.Theme) palette {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	k := [2]bool{th.Dark, th.Plain}
	p, ok := ps.m[k]
	if !ok {
		if ps.m == nil {
			ps.m = map[[2]bool]palette{}
		}
		p = newPalette(th)
		ps.m[k] = p
	}
	return p
}

// Draw draws frame i: the header, the timeline, the heap as a tree, the
// heap's array and the totals, dropping the timeline's lower rows, the
// tree's deeper levels and the legend when height is short.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := &r.frames[i]
	ev := &f.ev

	// The header drops the query time before the step on a narrow pane:
	// the timeline's axis shows the query time too.
	head := fmt.Sprintf("replay to t=%d · %s at t=%d", r.at, ev.Step, ev.Time)
	if ansi.StringWidth(head) > width {
		head = fmt.Sprintf("%s at t=%d", ev.Step, ev.Time)
	}
	header := newLine(width)
	header.text(0, head, sAccent)
	nodes := heapNodes(ev)
	array := r.arrayLine(ev, nodes, width)
	stateStyle := sText
	switch ev.Step {
	case credits.StepSum:
		stateStyle = sGood
	case credits.StepShortfall:
		stateStyle = sBad
	}
	var state []line
	for _, s := range visual.Wrap(width, "  ", " · ", strings.Split(totals(ev), " · ")...) {
		l := newLine(width)
		l.text(0, s, stateStyle)
		state = append(state, l)
	}
	var legendLines []line
	for _, s := range visual.Wrap(width, "  ", " ", legend...) {
		l := newLine(width)
		l.text(0, s, sMuted)
		legendLines = append(legendLines, l)
	}

	// Rows: header, array and state first; then the timeline (at least
	// its axis, one grant, the charges and the now row), the tree, the
	// rest of the timeline, the legend.
	avail := height - 2 - len(state)
	tlNeed := len(r.grants) + 3
	depth := 0
	if n := len(nodes); n > 0 {
		depth = bits.Len(uint(n)) // levels
	}
	treeNeed := 1 + max(2*depth-1, 0)
	tl := min(tlNeed, max(avail-treeNeed, min(tlNeed, 4)))
	tl = max(min(tl, avail), 0)
	tree := max(min(treeNeed, avail-tl), 0)
	showLegend := avail-tl-tree >= len(legendLines)

	lines := []line{header}
	if height >= 2 {
		lines = append(lines, r.timeline(f, width, tl)...)
		lines = append(lines, r.tree(ev, nodes, width, tree)...)
	}
	if height >= 3 {
		lines = append(lines, array)
	}
	if height >= 2 {
		lines = append(lines, state...)
	}
	if showLegend {
		lines = append(lines, legendLines...)
	}
	if len(lines) > height {
		lines = lines[:height]
	}
	p := r.palettes.get(th)
	out := make([]string, len(lines))
	for k, l := range lines {
		out[k] = l.draw(p)
	}
	return out
}

// heapNodes labels the grants of the event's heap, in array order, as
// id:left≤expiry.
func heapNodes(ev *credits.Event) []string {
	nodes := make([]string, len(ev.Heap))
	for k, g := range ev.Heap {
		nodes[k] = fmt.Sprintf("%s:%d≤%d", g.ID, g.Left, g.Expiry)
	}
	return nodes
}

// col is the column of time t on a timeline of cols columns after a label
// of labelW.
func (r *recording) col(t int64, labelW, cols int) int {
	if r.hi == r.lo {
		return labelW
	}
	f := (float64(t) - float64(r.lo)) / (float64(r.hi) - float64(r.lo))
	return labelW + max(0, min(int(f*float64(cols-1)+0.5), cols-1))
}

// timeline draws at most rows rows: the axis, one row per grant (a bar from
// its start to its expiry, its id on it), the charges as ticks, and the
// replay's current time; the query time is a vertical line.
func (r *recording) timeline(f *frame, width, rows int) []line {
	if rows < 1 {
		return nil
	}
	ev := &f.ev
	labelW := 2
	for _, g := range r.grants {
		labelW = max(labelW, min(len(g.ID), 6)+1)
	}
	cols := width - labelW
	if cols < 2 {
		return nil
	}
	col := func(t int64) int { return r.col(t, labelW, cols) }
	cursor := col(r.at)

	axis := newLine(width)
	axis.put(0, "t", sMuted)
	// The query time first, to the right of its line if it fits, else to
	// the left; then the ends of the range where they do not collide.
	at := fmt.Sprintf("at %d", r.at)
	switch {
	case axis.free(cursor, len(at)+2):
		axis.put(cursor, "│"+at, sAccent)
	case axis.free(cursor-len(at)-1, len(at)+1):
		axis.put(cursor-len(at), at+"│", sAccent)
	default:
		axis.put(cursor, "│", sAccent)
	}
	if lo := fmt.Sprint(r.lo); axis.free(labelW, len(lo)+1) {
		axis.put(labelW, lo, sMuted)
	}
	if hi := fmt.Sprint(r.hi); axis.free(width-len(hi)-1, len(hi)+1) {
		axis.put(width-len(hi), hi, sMuted)
	}
	out := []line{axis}
	// Rows below the axis start with the query time's line; what is
	// drawn on them then covers it, a bar with a cross.
	withCursor := func() line {
		l := newLine(width)
		l.put(cursor, "│", sMuted)
		return l
	}

	charges := withCursor()
	charges.put(0, "$", sMuted)
	for k, d := range r.charges {
		c := col(d.Time)
		style := sAccent
		if ev.Charging && d.Time == ev.Time {
			style = sCursor
		}
		if k >= r.replayed {
			style = sMuted
		}
		charges.put(c, "▼", style)
		if amt := fmt.Sprint(d.Amount); charges.free(c+1, len(amt)+1) {
			charges.put(c+1, amt, style)
		}
	}

	now := withCursor()
	now.put(0, "▲", sMuted)
	nc := col(ev.Time)
	now.put(nc, "▲", sCursor)
	if s := fmt.Sprintf(" now t=%d", ev.Time); now.free(nc+1, len(s)) {
		now.put(nc+1, s, sMuted)
	} else if now.free(nc-len(s), len(s)) {
		now.put(nc-len(s), fmt.Sprintf("now t=%d ", ev.Time), sMuted)
	}

	grantRows := max(rows-3, 0)
	if rows >= 2 && grantRows == 0 && len(r.grants) > 0 {
		grantRows = 1
	}
	for k, g := range r.grants {
		if len(out) >= rows || k >= grantRows {
			break
		}
		row := withCursor()
		row.put(0, ansi.Truncate(g.ID, labelW-1, "…"), sField+k)
		st := f.status[k]
		style := sField + k
		if st == future || st == usedUp || st == expired {
			style = sMuted
		}
		a, b := col(g.Start), col(g.Expiry)
		for c := a; c <= b; c++ {
			if c == cursor {
				row.put(c, "┼", style)
			} else {
				row.put(c, string(glyph[st]), style)
			}
		}
		idStyle := sField + k
		if ev.Grant.ID == g.ID {
			idStyle = sCursor
		}
		row.put(a, ansi.Truncate(g.ID, b-a+1, "…"), idStyle)
		if more := len(r.grants) - grantRows; k == grantRows-1 && more > 0 {
			if s := fmt.Sprintf(" +%d more", more); row.free(width-len(s), len(s)) {
				row.put(width-len(s), s, sMuted)
			}
		}
		out = append(out, row)
	}
	for _, l := range []line{charges, now} {
		if len(out) < rows {
			out = append(out, l)
		}
	}
	return out
}

// tree draws the heap as a tree in at most rows rows: a title, then each
// level's nodes centred over their children, joined by box-drawing lines.
// Levels that do not fit are left to the array line.
func (r *recording) tree(ev *credits.Event, nodes []string, width, rows int) []line {
	if rows < 1 {
		return nil
	}
	title := newLine(width)
	n := len(nodes)
	if n == 0 {
		title.put(0, "heap: empty", sMuted)
		return []line{title}
	}
	nodeW := 0
	for _, s := range nodes {
		nodeW = max(nodeW, ansi.StringWidth(s)+2)
	}
	slot := nodeW + 1
	levels := bits.Len(uint(n))
	show := 0
	for show < levels && slot<<show <= width && 1+2*show+1 <= rows {
		show++
	}
	// The title drops its key, then what it says of the levels, on a
	// narrow pane.
	t := visual.Shorten(width, "", "min-heap by expiry", " (id:left≤expiry)")
	switch {
	case show == 0:
		t = visual.Shorten(width, "", "min-heap by expiry", ": too big to draw here, see the array")
	case show < levels:
		t = visual.Shorten(width, "", "min-heap by expiry", fmt.Sprintf(", top %d of %d levels", show, levels), " (id:left≤expiry)")
	}
	title.text(0, t, sMuted)
	out := []line{title}
	if show == 0 {
		return out
	}
	span := func(k int) int { return slot << (show - 1 - k) }
	center := func(k, j int) int { return j*span(k) + span(k)/2 }
	for k := range show {
		first := 1<<k - 1
		if k > 0 {
			conn := newLine(width)
			for j := range 1 << (k - 1) {
				p := 1<<(k-1) - 1 + j
				lc, rc := 2*p+1, 2*p+2
				if lc >= n {
					break
				}
				pc, lx := center(k-1, j), center(k, 2*j)
				for c := lx; c < pc; c++ {
					conn.put(c, "─", sMuted)
				}
				conn.put(lx, "┌", sMuted)
				if rc < n {
					rx := center(k, 2*j+1)
					for c := pc; c <= rx; c++ {
						conn.put(c, "─", sMuted)
					}
					conn.put(pc, "┴", sMuted)
					conn.put(rx, "┐", sMuted)
				} else {
					conn.put(pc, "┘", sMuted)
				}
			}
			out = append(out, conn)
		}
		lvl := newLine(width)
		for j := range 1 << k {
			idx := first + j
			if idx >= n {
				break
			}
			label, style := " "+nodes[idx]+" ", sField+r.rowOf[ev.Heap[idx].ID]
			if idx == ev.Index {
				label, style = "["+nodes[idx]+"]", sCursor
			}
			lvl.put(center(k, j)-ansi.StringWidth(label)/2, label, style)
		}
		out = append(out, lvl)
	}
	return out
}

// arrayLine is the array behind the heap: index, grant and credits left.
func (r *recording) arrayLine(ev *credits.Event, nodes []string, width int) line {
	l := newLine(width)
	x := l.put(0, "array", sMuted)
	if len(nodes) == 0 {
		l.put(x, " []", sMuted)
		return l
	}
	last := x // where the last entry drawn starts
	for k, s := range nodes {
		idx := fmt.Sprintf(" [%d]", k)
		style, label := sField+r.rowOf[ev.Heap[k].ID], s
		if k == ev.Index {
			style, label = sCursor, "«"+s+"»"
		}
		if x+len(idx)+ansi.StringWidth(label) > width {
			// The rest does not fit: say so, in place of the last
			// entry if need be.
			if x+2 > width {
				for c := last; c < width; c++ {
					l[c] = cell{' ', sText}
				}
				x = last
			}
			l.text(x, " …", sMuted)
			break
		}
		last = x
		x = l.put(x, idx, sMuted)
		x = l.put(x, label, style)
	}
	return l
}
