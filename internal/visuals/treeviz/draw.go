package treeviz

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/machinetree"
)

// palette is the theme's styles as paints: drawing a row is string
// concatenation.
type palette struct {
	text, muted, accent, cursor, good, down, up visual.Paint
}

// paletteOf returns the paints of th.
func paletteOf(th visual.Theme) palette {
	return palette{
		text: visual.NewPaint(th.Text), muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good),
		down: visual.NewPaint(th.Field(0)), up: visual.NewPaint(th.Field(1)),
	}
}

// palette returns the paints of th, made once per theme: the kernel
// calls Draw under its lock, so the cache needs none of its own.
func (r *recording) palette(th visual.Theme) palette {
	if c := &r.paints; !c.ok || c.dark != th.Dark || c.plain != th.Plain {
		*c = paintCache{ok: true, dark: th.Dark, plain: th.Plain, p: paletteOf(th)}
	}
	return r.paints.p
}

// paintCache is the palette of the theme last drawn with.
type paintCache struct {
	ok, dark, plain bool
	p               palette
}

// legend explains the marks of the picture, an item each: it wraps
// between items on a narrow pane.
var legend = []string{"↓ request", "↑ answer", "#k in flight", "[wait pending/children · partial]", "> this step"}

// maxLabel is the longest payload an edge shows, in bytes (payloads are
// ASCII).
const maxLabel = 24

// Draw draws frame i: a header (operation, order, step, messages in
// flight and sent), the tree's rows that fit, scrolled to keep the
// machine of the step in view, each with the messages in flight on the
// edge above it and the machine's entry or answer, and a footer: the
// legend, or the answer once the root has given it.
func (r *recording) Draw(i, width, height int, theme visual.Theme) []string {
	th := r.palette(theme)
	f := &r.frames[i]
	var lines []string

	// The footer is drawn first, to know its rows: it shows whole, with
	// the header and a row of the tree, or not at all.
	rowsAvail := height
	header := height >= 3
	foot := r.footer(f, i, width, th)
	if header {
		rowsAvail--
	}
	if len(foot) > rowsAvail-1 || height < 4 {
		foot = nil
	}
	rowsAvail -= len(foot)
	if header {
		// A narrow pane drops the header's last parts first: the
		// messages sent, those in flight (the edges show them), the step
		// (the pane's status line has it).
		dup := ""
		if r.in.dup > 0 {
			dup = fmt.Sprintf("delivery %d twice", r.in.dup)
		}
		h := visual.Shorten(width, " · ", r.in.op.String(), r.in.order.String(), dup,
			fmt.Sprintf("step %d/%d", i+1, len(r.frames)), fmt.Sprintf("in flight %d", len(f.flight)), fmt.Sprintf("sent %d", f.ev.Sent))
		lines = append(lines, th.accent.On(h))
	}

	focus := max(f.focus, 0)
	start := 0
	if len(r.rows) > rowsAvail {
		start = max(0, min(focus-rowsAvail/2, len(r.rows)-rowsAvail))
	}
	end := min(len(r.rows), start+rowsAvail)
	edges := r.edges(f.flight, start, end, th)
	maxPrefix := max(width/2, 4)
	for k := start; k < end; k++ {
		rw := r.rows[k]
		var b strings.Builder
		if k == f.focus {
			b.WriteString(th.cursor.On(">"))
		} else {
			b.WriteByte(' ')
		}
		p := rw.prefix
		if len(p) > maxPrefix {
			p = append([]rune{'…'}, p[len(p)-maxPrefix+1:]...)
		}
		if len(p) > 0 {
			b.WriteString(th.muted.On(string(p)))
		}
		if ls := edges[k]; len(ls) > 0 {
			b.WriteString(strings.Join(ls, " "))
			b.WriteString(th.muted.On(" ─ "))
		}
		id := strconv.Itoa(rw.id)
		if k == f.focus {
			b.WriteString(th.cursor.On(id))
		} else {
			b.WriteString(th.text.On(id))
		}
		b.WriteString(r.node(k, i, th))
		// A row of the picture too wide for the pane (a long partial map,
		// many messages on one edge) ends in ….
		row := b.String()
		if ansi.StringWidth(row) > width {
			row = ansi.Truncate(row, width, "…")
		}
		lines = append(lines, row)
	}
	return append(lines, foot...)
}

// footer is the legend, or the answer once the root has given it and the
// messages it took, wrapped to width.
func (r *recording) footer(f *frame, i, width int, th palette) []string {
	var out []string
	fin, ok := r.answered(i)
	if !ok {
		for _, l := range visual.Wrap(width, "  ", "  ", legend...) {
			out = append(out, th.muted.On(l))
		}
		return out
	}
	n := len(r.rows)
	tail := fmt.Sprintf("%d messages for %d machines: 2(n-1)", f.ev.Sent, n)
	if f.ev.Sent != int64(2*(n-1)) {
		tail = fmt.Sprintf("%d messages for %d machines; 2(n-1) = %d without the copy", f.ev.Sent, n, 2*(n-1))
	}
	answer := visual.Wrap(width, "  ", " ", "= "+fin.ev.Result.String())
	for _, l := range answer[:len(answer)-1] {
		out = append(out, th.good.On(l))
	}
	last := answer[len(answer)-1]
	if ansi.StringWidth(last+" · "+tail) <= width {
		return append(out, th.good.On(last)+th.muted.On(" · "+tail))
	}
	out = append(out, th.good.On(last))
	for _, l := range visual.Wrap(width, "  ", " ", tail) {
		out = append(out, th.muted.On(l))
	}
	return out
}

// node is what row k shows beside its machine at frame i: its entry (the
// pending counter and the partial result), the answer it sent up, or, at
// the root, the final answer.
func (r *recording) node(k, i int, th palette) string {
	v, ok := r.view(k, i)
	if !ok {
		return ""
	}
	e := &v.ev
	switch e.Kind {
	case machinetree.EventPending:
		return " " + th.accent.On(fmt.Sprintf("[wait %d/%d · %s]", e.State.Pending, e.State.Children, partialText(e.Msg.Op, e.State)))
	case machinetree.EventFinal:
		return " " + th.good.On("= "+e.Result.String())
	case machinetree.EventReply:
		return " " + th.muted.On("(sent ↑"+e.Msg.Payload()+")")
	}
	return ""
}

// edges places the messages in flight on the edges of rows start to
// end-1: each labelled with its index in flight, its direction and its
// payload, a request on the edge above its receiver, an answer on the edge
// above its sender.
func (r *recording) edges(flight []machinetree.Message, start, end int, th palette) map[int][]string {
	out := map[int][]string{}
	for j, m := range flight {
		at, up := m.To, m.Kind == machinetree.Response
		if up {
			at = m.From
		}
		k, ok := r.rowOf[at]
		if !ok || k < start || k >= end {
			continue
		}
		text := m.Payload()
		if len(text) > maxLabel {
			text = text[:maxLabel-1] + "…"
		}
		st, arrow := th.down, "↓"
		if up {
			st, arrow = th.up, "↑"
		}
		out[k] = append(out[k], st.On("#"+strconv.Itoa(j)+arrow+text))
	}
	return out
}
