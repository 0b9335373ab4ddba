package lruviz

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/lru"
)

// palette is the theme as paints, made once per Draw.
type palette struct {
	muted, accent, cursor, good, bad visual.Paint
}

func newPalette(th visual.Theme) palette {
	return palette{
		muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good), bad: visual.NewPaint(th.Bad),
	}
}

// Draw draws frame i: a header with the policies (the one shown
// bracketed) and the operation, the policy's structure, and the hit
// ratio chart of every policy.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)
	lines := []string{r.header(f, p, width)}
	var body []string
	switch r.in.policy {
	case "lru":
		body = drawLRU(f.ev, p, width)
	case "lfu":
		body = drawLFU(f.ev, p, width)
	default:
		body = r.drawRedis(f.ev, p, width)
	}
	chart := r.chart(f, p, width)
	if height >= len(lines)+len(body)+1+len(chart) {
		body = append(body, "")
	}
	// The chart keeps its rows when the box is short; the body gives way.
	room := height - len(lines) - len(chart)
	if room < 2 {
		return append(lines, body...)
	}
	if len(body) > room {
		body = body[:room]
	}
	return append(append(lines, body...), chart...)
}

// header names the policies, the shown one bracketed, and the operation.
// A narrow pane drops the other policies, then the capacity, then the
// policy shown.
func (r *recording) header(f frame, p palette, width int) string {
	var parts []string
	shown := ""
	for _, name := range policies {
		if name == r.in.policy {
			shown = p.accent.On("[" + name + "]")
			parts = append(parts, shown)
		} else {
			parts = append(parts, p.muted.On(name))
		}
	}
	op := fmt.Sprintf("op %d/%d %s", f.op+1, len(r.in.ops), p.accent.On(r.in.ops[f.op].String()))
	capacity := fmt.Sprintf(" · cap %d", r.in.cap)
	for _, s := range []string{strings.Join(parts, " ") + "  " + op + capacity, shown + "  " + op + capacity, shown + " " + op, op} {
		if ansi.StringWidth(s) <= width {
			return s
		}
	}
	return ansi.Truncate(op, width, "…")
}

// text is s wrapped to width in paint pt, a hanging indent after its
// first line.
func text(width int, pt visual.Paint, s string) []string {
	lines := visual.Wrap(width, "  ", " ", s)
	for j, l := range lines {
		lines[j] = pt.On(l)
	}
	return lines
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

// keyCell is a key, reversed when the step is about it.
func keyCell(k, focus string, p palette) string {
	if k == focus {
		return p.cursor.On(k)
	}
	return k
}

// wrap lays cells out in lines of at most width columns, sep between
// them, continuation lines indented by indent (visual.Wrap: a cell too
// wide for a line is broken, a word too wide cut with …).
func wrap(cells []string, sep string, width, indent int) []string {
	lines := visual.Wrap(width, strings.Repeat(" ", indent), sep, cells...)
	if len(lines) == 0 {
		return []string{""}
	}
	return lines
}

// drawLRU is the map, a key and the node it points at, beside the list
// from head to tail, and the evicted node falling off the back.
func drawLRU(e lru.Event[string], p palette, width int) []string {
	out := text(width, p.muted, "list: head (most recent) ⇄ … ⇄ tail (least recent)")
	cells := []string{p.muted.On("head")}
	for _, k := range e.Order {
		cells = append(cells, "["+keyCell(k, e.Key, p)+"]")
	}
	cells = append(cells, p.muted.On("tail"))
	if e.Step == lru.StepLRUEvict {
		cells = append(cells, p.bad.On("✗ "+e.Key+" falls off"))
	}
	out = append(out, wrap(cells, " ⇄ ", width, 2)...)
	out = append(out, text(width, p.muted, "map: key → node")...)
	var m []string
	for n, k := range e.Order {
		m = append(m, fmt.Sprintf("%s→#%d", keyCell(k, e.Key, p), n+1))
	}
	if len(m) == 0 {
		m = []string{p.muted.On("(empty)")}
	}
	return append(out, wrap(m, "  ", width, 0)...)
}

// drawLFU is the buckets, the highest count first, each with its keys
// most to least recent; eviction takes from the last line's end.
func drawLFU(e lru.Event[string], p palette, width int) []string {
	out := text(width, p.muted, "buckets: count │ keys, most → least recent")
	for _, b := range e.Buckets {
		cells := []string{fmt.Sprintf("%5d │", b.Freq)}
		for _, k := range b.Keys {
			cells = append(cells, "["+keyCell(k, e.Key, p)+"]")
		}
		out = append(out, wrap(cells, " ", width, 8)...)
	}
	if len(e.Buckets) == 0 {
		out = append(out, p.muted.On("(empty)"))
	}
	if e.Step == lru.StepLFUEvict {
		out = append(out, visual.Wrap(width, "  ", " ", append([]string{p.bad.On("✗ " + e.Key + " falls off")}, words(p.muted, "("+e.Reason+")")...)...)...)
	} else {
		out = append(out, text(width, p.muted, "next to go: the last key of the lowest bucket")...)
	}
	return out
}

// score is a candidate's score as a person reads it.
func (r *recording) score(c lru.Candidate[string]) string {
	if r.in.policy == "redis-lfu" {
		return fmt.Sprintf("%s c%d", c.Key, 255-c.Score)
	}
	return fmt.Sprintf("%s %ds", c.Key, c.Score/lru.LRUClockResolution)
}

// drawRedis is the key table, the sample with its scores, the pool of 16
// sorted by score and the key evicted.
func (r *recording) drawRedis(e lru.Event[string], p palette, width int) []string {
	kind := "idle s"
	if r.in.policy == "redis-lfu" {
		kind = "counter c"
	}
	out := text(width, p.muted, fmt.Sprintf("keys (no order; LRU clock %d s):", e.Clock))
	var ks []string
	for _, k := range e.Keys {
		ks = append(ks, keyCell(k, e.Key, p))
	}
	if len(ks) == 0 {
		ks = []string{p.muted.On("(empty)")}
	}
	out = append(out, wrap(ks, " ", width, 0)...)
	if e.Step == lru.StepRedisSample {
		var cs []string
		for _, c := range e.Sample {
			cs = append(cs, "<"+r.score(c)+">")
		}
		out = append(out, text(width, p.muted, fmt.Sprintf("sampled, with %s:", kind))...)
		out = append(out, wrap(cs, " ", width, 0)...)
	}
	if e.Step == lru.StepRedisDecay || e.Step == lru.StepRedisIncr || e.Step == lru.StepRedisInsert && r.in.policy == "redis-lfu" {
		c := fmt.Sprintf("counter of %s: %d → %d", e.Key, e.Was, e.Counter)
		if e.Step == lru.StepRedisInsert {
			c = fmt.Sprintf("counter of %s: %d (new keys start at 5)", e.Key, e.Counter)
		}
		out = append(out, visual.Wrap(width, "  ", " ", c)...)
	}
	out = append(out, text(width, p.muted, fmt.Sprintf("pool (%d of %d, worst → best), %s:", len(e.Pool), lru.EvictionPoolSize, kind))...)
	var cells []string
	for j, c := range e.Pool {
		cell := "[" + r.score(c) + "]"
		if c.Key == e.Key && (e.Step != lru.StepRedisPool || j == e.Slot) {
			cell = p.cursor.On(cell)
		}
		cells = append(cells, cell)
	}
	if len(cells) == 0 {
		cells = []string{p.muted.On("(empty)")}
	}
	out = append(out, wrap(cells, " ", width, 0)...)
	switch e.Step {
	case lru.StepRedisEvict:
		out = append(out, visual.Wrap(width, "  ", " ", append([]string{p.bad.On("✗ " + e.Key + " evicted")}, words(p.muted, "("+e.Reason+")")...)...)...)
	case lru.StepRedisGhost:
		out = append(out, text(width, p.bad, "? "+e.Key+" is a ghost: dropped from the pool")...)
	}
	return out
}

// chart is the hit ratio of each policy over the operations so far, a
// bar each, the shown policy marked with ▶.
func (r *recording) chart(f frame, p palette, width int) []string {
	out := text(width, p.muted, "hit ratio so far")
	barW := max(4, min(20, width-32))
	for j, name := range policies {
		s := f.stats[j]
		n := s.Hits + s.Misses
		fill := 0
		pct := "  - "
		if n > 0 {
			fill = s.Hits * barW / n
			pct = fmt.Sprintf("%3d%%", s.Hits*100/n)
		}
		mark := "  "
		if name == r.in.policy {
			mark = p.accent.On("▶ ")
		}
		bar := p.good.On(strings.Repeat("█", fill)) + p.muted.On(strings.Repeat("░", barW-fill))
		// A row of the chart too wide for a narrow pane ends in ….
		out = append(out, visual.Cut(width, fmt.Sprintf("%s%-9s %s %s %d/%d", mark, name, bar, pct, s.Hits, n))...)
	}
	return out
}
