package ratelimitviz

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/ratelimit"
)

// palette is the theme as paints, made once per Draw.
type palette struct {
	muted, accent, cursor, good, bad, text visual.Paint
	prev, cur                              visual.Paint
}

func newPalette(th visual.Theme) palette {
	return palette{
		muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good),
		bad: visual.NewPaint(th.Bad), text: visual.NewPaint(th.Text),
		prev: visual.NewPaint(th.Field(1)), cur: visual.NewPaint(th.Field(0)),
	}
}

// names are the limiters as the header calls them.
var names = map[ratelimit.Kind]string{
	ratelimit.KindFixed:   "fixed window",
	ratelimit.KindLog:     "sliding log",
	ratelimit.KindCounter: "sliding counter",
	ratelimit.KindSlots:   "sliding slots",
	ratelimit.KindBucket:  "token bucket",
	ratelimit.KindLeaky:   "leaky bucket",
}

// scale maps instants to the columns of a plot of width w.
type scale struct {
	hi time.Duration // the right end; the left end is 0
	w  int
}

// col is the column of t, 0 to w-1.
func (s scale) col(t time.Duration) int {
	if s.w <= 1 || s.hi <= 0 {
		return 0
	}
	c := int(math.Round(float64(t) / float64(s.hi) * float64(s.w-1)))
	return max(0, min(c, s.w-1))
}

// newScale fits the arrivals and a window past the last into w columns,
// the right end a whole number of windows.
func (r *recording) newScale(w int) scale {
	last := time.Duration(0)
	if len(r.at) > 0 {
		last = r.at[len(r.at)-1]
	}
	win := r.in.window
	n := last/win + 1
	return scale{hi: n * win, w: w}
}

// Draw draws frame i: the header, the arrivals on the timeline with the
// limiter's window or level drawn over them, the ruler, the limiter's
// numbers and a legend.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)
	pw := max(1, width-1)
	sc := r.newScale(pw)

	lines := r.header(f, p, width)
	numbers := r.numbers(f, p, width)
	legend := r.legend(p, width)
	// The rows of marks: as many as the most arrivals on one column
	// needs, within the room.
	room := height - len(lines) - 3 - len(numbers) - len(legend) // window bar, ruler, labels
	stacks := r.columns(sc)
	most := 1
	for _, c := range stacks {
		most = max(most, len(c))
	}
	rows := max(1, min(most, room, 6))
	lines = append(lines, r.marks(f, p, sc, stacks, rows)...)
	if bar := r.windowBar(f, p, sc); bar != "" {
		lines = append(lines, bar)
	}
	lines = append(lines, r.ruler(f, p, sc)...)
	lines = append(lines, numbers...)
	return append(lines, legend...)
}

// fit is whole when it fits in width, else items wrapped to it: a line of
// text keeps its layout where there is room and wraps where there is
// not.
func fit(width int, whole string, items ...string) []string {
	if ansi.StringWidth(whole) <= width {
		return []string{whole}
	}
	return visual.Wrap(width, "  ", " ", items...)
}

// words paints each word of s with pt, as items for visual.Wrap: a line
// broken between them carries its paint whole.
func words(pt visual.Paint, s string) []string {
	ws := strings.Fields(s)
	for j, w := range ws {
		ws[j] = pt.On(w)
	}
	return ws
}

// header names the limiter, its rate and the request on show: a line
// where it fits, else the limiter's words wrapped, then the request's.
func (r *recording) header(f frame, p palette, width int) []string {
	e := f.ev
	desc := []string{p.accent.On(names[r.in.kind]), p.muted.On(fmt.Sprintf("· %d per %s", r.in.limit, ratelimit.Seconds(r.in.window)))}
	switch r.in.kind {
	case ratelimit.KindBucket:
		desc = append(desc, p.muted.On(fmt.Sprintf("· burst %d", r.in.burstOr())))
	case ratelimit.KindLeaky:
		desc = append(desc, p.muted.On(fmt.Sprintf("· queue %d", r.in.burstOr())))
	case ratelimit.KindSlots:
		desc = append(desc, p.muted.On(fmt.Sprintf("· %d slots", r.in.slotsOr())))
	}
	var req []string
	if len(r.at) > 0 {
		req = strings.Fields(fmt.Sprintf("request %d/%d at %s", f.req+1, len(r.at), ratelimit.Seconds(r.at[f.req])))
		if f.decided > f.req {
			if e.Allowed {
				req = append(req, p.good.On("allowed"))
			} else {
				req = append(req, words(p.bad, "denied: "+string(e.Reason))...)
			}
		}
	}
	whole := strings.Join(desc, " ")
	if len(req) > 0 {
		whole += "  " + strings.Join(req, " ")
	}
	if ansi.StringWidth(whole) <= width {
		return []string{whole}
	}
	return append(visual.Wrap(width, "  ", " ", desc...), visual.Wrap(width, "  ", " ", req...)...)
}

// columns lists, per column, the arrivals drawn there, first first.
func (r *recording) columns(sc scale) [][]int {
	cols := make([][]int, sc.w)
	for k, t := range r.at {
		c := sc.col(t)
		cols[c] = append(cols[c], k)
	}
	return cols
}

// marks draws the arrivals, stacked upward on their column: + allowed,
// x denied, · still to come; the request on show in the cursor's style.
// A stack taller than rows shows its count on the top row.
func (r *recording) marks(f frame, p palette, sc scale, cols [][]int, rows int) []string {
	grid := make([][]string, rows)
	for y := range grid {
		grid[y] = make([]string, sc.w)
		for x := range grid[y] {
			grid[y][x] = " "
		}
	}
	for x, ks := range cols {
		for j, k := range ks {
			y := rows - 1 - j
			if y < 0 {
				break
			}
			var m string
			switch {
			case k >= f.decided:
				m = p.muted.On("·")
				if k == f.req {
					m = p.cursor.On("?")
				}
			case r.allowed[k]:
				m = p.good.On("+")
			default:
				m = p.bad.On("x")
			}
			if k == f.req && k < f.decided {
				m = p.cursor.On(map[bool]string{true: "+", false: "x"}[r.allowed[k]])
			}
			if y == 0 && len(ks) > rows {
				m = p.accent.On(fmt.Sprint(min(len(ks), 9)))
			}
			grid[y][x] = m
		}
	}
	out := make([]string, rows)
	for y := range grid {
		out[y] = strings.Join(grid[y], "")
	}
	return out
}

// windowBar draws what the decision counts over the timeline: the fixed
// window, the sliding window ending at the request (the counter's
// previous part and current part apart), the slots, the instants the
// leaky bucket's queued requests leave; nothing for the token bucket,
// whose level is below.
func (r *recording) windowBar(f frame, p palette, sc scale) string {
	e := f.ev
	if len(r.at) == 0 {
		return ""
	}
	now := e.At.Sub(origin)
	row := make([]string, sc.w)
	for x := range row {
		row[x] = " "
	}
	fill := func(from, to time.Duration, ch string, pt visual.Paint) {
		a, b := sc.col(max(from, 0)), sc.col(max(to, 0))
		for x := a; x <= b && x < sc.w; x++ {
			row[x] = pt.On(ch)
		}
	}
	switch e.Limiter {
	case ratelimit.KindFixed:
		start := e.WindowStart.Sub(origin)
		fill(start, start+e.Window, "=", p.cur)
		row[sc.col(start)] = p.cur.On("[")
		if x := sc.col(start + e.Window); x < sc.w {
			row[x] = p.cur.On(")")
		}
	case ratelimit.KindLog, ratelimit.KindSlots:
		start := e.WindowStart.Sub(origin)
		fill(start, now, "=", p.cur)
		if start >= 0 {
			row[sc.col(start)] = p.cur.On("(")
		}
		row[sc.col(now)] = p.cur.On("]")
	case ratelimit.KindCounter:
		start := e.WindowStart.Sub(origin)
		if now >= start && now < start+e.Window {
			fill(now-e.Window, start, "░", p.prev)
			fill(start, now, "█", p.cur)
		}
	case ratelimit.KindLeaky:
		if len(e.Queue) == 0 {
			return ""
		}
		for _, d := range e.Queue {
			row[sc.col(d.Sub(origin))] = p.cur.On("v")
		}
	default:
		return ""
	}
	return strings.Join(row, "")
}

// ruler is the time axis: ┼ at the window starts the limiter reported
// (the slots' starts for sliding slots), a tick at each whole window
// otherwise, and second labels under it.
func (r *recording) ruler(f frame, p palette, sc scale) []string {
	axis := []rune(strings.Repeat("─", sc.w))
	labels := []rune(strings.Repeat(" ", sc.w))
	var edges []time.Duration
	switch r.in.kind {
	case ratelimit.KindFixed, ratelimit.KindCounter:
		edges = r.windows
	case ratelimit.KindSlots:
		for _, s := range f.ev.Slots {
			edges = append(edges, s.Start.Sub(origin))
		}
	}
	// A tick a window, or a whole number of windows when they would be
	// closer than two columns.
	step := r.in.window
	if n := time.Duration(max(1, sc.w/2)); sc.hi/step > n {
		step *= (sc.hi/step + n - 1) / n
	}
	for t := time.Duration(0); t <= sc.hi; t += step {
		axis[sc.col(t)] = '┴'
		put(labels, sc.col(t), ratelimit.Seconds(t))
	}
	for k, t := range edges {
		if k > 2*sc.w {
			break
		}
		if t >= 0 && t <= sc.hi {
			axis[sc.col(t)] = '┼'
		}
	}
	return []string{p.muted.On(string(axis)), p.muted.On(strings.TrimRight(string(labels), " "))}
}

// put writes s into row at x, when it fits and the cells before it are
// free.
func put(row []rune, x int, s string) {
	rs := []rune(s)
	if x+len(rs) > len(row) || (x > 0 && row[x-1] != ' ') {
		return
	}
	for k, c := range rs {
		if row[x+k] != ' ' {
			return
		}
		_ = c
	}
	copy(row[x:], rs)
}

// numbers is the limiter's state in words and gauges.
func (r *recording) numbers(f frame, p palette, width int) []string {
	e := f.ev
	switch e.Limiter {
	case ratelimit.KindFixed:
		window := fmt.Sprintf("window [%s, %s)", at(e.WindowStart), at(e.WindowStart.Add(e.Window)))
		count := "count " + gauge(p, float64(e.Count), e.Limit, width)
		return fit(width, window+"  "+count, window, count)
	case ratelimit.KindLog:
		g := "log " + gauge(p, float64(e.Count), e.Limit, width)
		return fit(width, g+"  "+p.muted.On(instants(e.Log)), append([]string{g}, words(p.muted, instants(e.Log))...)...)
	case ratelimit.KindCounter:
		prev := p.prev.On(fmt.Sprintf("░ previous %d (weight %s)", e.Prev, num(e.Weight)))
		cur := p.cur.On(fmt.Sprintf("█ current %d", e.Count))
		est := fmt.Sprintf("· estimate seen %s of %d", num(e.Estimate), e.Limit)
		return fit(width, prev+" · "+cur+" "+est, prev, "·", cur, est)
	case ratelimit.KindSlots:
		parts := make([]string, len(e.Slots))
		for k, s := range e.Slots {
			parts[k] = fmt.Sprintf("%s:%d", at(s.Start), s.Count)
		}
		total := fmt.Sprintf("= %d of %d", e.Count, e.Limit)
		return fit(width, fmt.Sprintf("slots %s %s", strings.Join(parts, " "), total), append(append([]string{"slots"}, parts...), total)...)
	case ratelimit.KindBucket:
		g := "tokens " + gauge(p, e.Tokens, e.Burst, width)
		return fit(width, g+" "+r.levels(f), g, r.levels(f))
	case ratelimit.KindLeaky:
		g := "queue " + gauge(p, float64(e.Count), e.Burst, width)
		return fit(width, g+"  leave at "+p.muted.On(instants(e.Queue)), append([]string{g, "leave at"}, words(p.muted, instants(e.Queue))...)...)
	}
	return nil
}

// gauge is value of most as a bar of at most 20 cells and the figures.
func gauge(p palette, value float64, most, width int) string {
	cells := min(most, 20, max(1, width/4))
	full := 0
	if most > 0 {
		full = int(math.Round(value / float64(most) * float64(cells)))
	}
	full = max(0, min(full, cells))
	return "▕" + p.cur.On(strings.Repeat("█", full)) + p.muted.On(strings.Repeat("░", cells-full)) + "▏" +
		fmt.Sprintf(" %s/%d", num(value), most)
}

// levels is the bucket's level after each request decided so far, as
// block heights: the level rising and falling.
func (r *recording) levels(f frame) string {
	if f.decided == 0 {
		return ""
	}
	blocks := []rune(" ▁▂▃▄▅▆▇█")
	var b strings.Builder
	most := float64(r.in.burstOr())
	from := max(0, f.decided-24)
	for _, v := range r.level[from:f.decided] {
		k := int(math.Round(v / most * 8))
		b.WriteRune(blocks[max(0, min(k, 8))])
	}
	return "after each: " + b.String()
}

// legend explains the marks (? the request this step decides), wrapping
// between them.
func (r *recording) legend(p palette, width int) []string {
	items := []string{p.good.On("+") + " allowed", p.bad.On("x") + " denied", p.muted.On("·") + " to come", p.cursor.On("?") + " deciding"}
	switch r.in.kind {
	case ratelimit.KindFixed:
		items = append(items, p.cur.On("[==)")+" fixed window")
	case ratelimit.KindLog, ratelimit.KindSlots:
		items = append(items, p.cur.On("(==]")+" last window")
	case ratelimit.KindCounter:
		items = append(items, p.prev.On("░")+" previous "+p.cur.On("█")+" current")
	case ratelimit.KindLeaky:
		items = append(items, p.cur.On("v")+" a queued request leaves")
	}
	return visual.Wrap(width, "  ", "  ", items...)
}
