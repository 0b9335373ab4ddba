package treeviz

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions/machinetree"
)

// nodeView is what the picture shows beside one machine, as the last event
// about it reported.
type nodeView struct {
	active   bool
	pending  int
	children int
	partial  string // "Σ2" or the children's maps so far
	answered string // what it sent up, once it has
}

// row is one machine's line of the tree: the box-drawing prefix and the id.
type row struct {
	id     int
	prefix []rune
}

// edge is a message in flight drawn on the edge above a row.
type edge struct {
	row   int
	up    bool
	label string
}

type frame struct {
	visual.Frame
	nodes      []*nodeView // by row
	flight     []edge
	focus      int // row of the machine the step ran on, -1 for the client
	final      string
	sent       int64
	deliveries int // deliveries done up to and including this frame
}

type run struct {
	in     input
	rows   []row
	rowOf  map[int]int
	labels map[msgKey]string
	frames []frame
	picked []int // index delivered at each delivery
	before []int // messages in flight before each delivery
	final  string
}

func newRun(in input) *run {
	r := &run{in: in, rowOf: make(map[int]int, in.tree.Len()), labels: map[msgKey]string{}}
	var lastAt []bool // lastAt[d]: the ancestor at depth d was a last child
	in.tree.Preorder(func(id, depth int, last bool) bool {
		lastAt = append(lastAt[:depth], last)
		var p []rune
		for d := 1; d < depth; d++ {
			if lastAt[d] {
				p = append(p, []rune("   ")...)
			} else {
				p = append(p, []rune("│  ")...)
			}
		}
		if depth > 0 {
			if last {
				p = append(p, []rune("└─ ")...)
			} else {
				p = append(p, []rune("├─ ")...)
			}
		}
		r.rowOf[id] = len(r.rows)
		r.rows = append(r.rows, row{id: id, prefix: p})
		return true
	})
	nodes := make([]*nodeView, len(r.rows))
	empty := &nodeView{}
	for i := range nodes {
		nodes[i] = empty
	}
	r.frames = append(r.frames, frame{
		Frame: visual.Frame{
			Step:    "setup",
			Explain: fmt.Sprintf("%d machines in the tree %s, height %d; each knows only its parent and children, and the client is about to ask root %d for the %s", in.tree.Len(), in.desc, in.tree.Height(), in.tree.Root(), in.op),
			State:   "tree " + in.desc + "\nin flight: none",
		},
		nodes: nodes,
		focus: 0,
	})
	return r
}

func partialText(op machinetree.Op, s machinetree.NodeState) string {
	if op == machinetree.TopologyOp {
		return s.Partial.String()
	}
	return "Σ" + strconv.Itoa(s.Count)
}

// add records the frame of one event; flight is the network's in-flight
// list as it stands after the event.
func (r *run) add(e machinetree.Event, flight []machinetree.Message) {
	prev := &r.frames[len(r.frames)-1]
	f := frame{
		Frame:      visual.Frame{Step: e.Step, Explain: e.Explain},
		nodes:      prev.nodes,
		flight:     r.edges(flight),
		focus:      -1,
		final:      prev.final,
		sent:       e.Sent,
		deliveries: prev.deliveries,
	}
	if e.Kind == machinetree.EventDeliver {
		f.deliveries++
	}
	if at, ok := r.rowOf[e.Machine]; ok {
		f.focus = at
		var v *nodeView
		switch e.Kind {
		case machinetree.EventPending:
			v = &nodeView{active: true, pending: e.State.Pending, children: e.State.Children, partial: partialText(e.Msg.Op, e.State)}
		case machinetree.EventReply:
			v = &nodeView{children: e.State.Children, answered: "↑" + e.Msg.Payload()}
		case machinetree.EventFinal:
			v = &nodeView{children: e.State.Children, answered: "= " + e.Result.String()}
			f.final = fmt.Sprintf("%s\nmessages %d", e.Result, e.Sent)
		}
		if v != nil {
			f.nodes = append([]*nodeView(nil), prev.nodes...)
			f.nodes[at] = v
		}
	}
	f.State = stateText(e, flight, f.final)
	r.frames = append(r.frames, f)
}

// stateText is a frame's state for `tutor trace`: the messages in flight
// and the state of the machine the step ran on; the answer once given.
func stateText(e machinetree.Event, flight []machinetree.Message, final string) string {
	if e.Kind == machinetree.EventFinal {
		return final
	}
	var b strings.Builder
	b.WriteString("in flight:")
	if len(flight) == 0 {
		b.WriteString(" none")
	}
	for j, m := range flight {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " #%d %s", j, m)
	}
	if e.Machine != machinetree.Client {
		s := e.State
		if s.Active {
			fmt.Fprintf(&b, "\nmachine %d: pending %d of %d, %s, answers %s", e.Machine, s.Pending, s.Children, partialText(e.Msg.Op, s), who(s.ReplyTo))
		} else {
			fmt.Fprintf(&b, "\nmachine %d: no entry for request %d", e.Machine, e.Msg.Req)
		}
	}
	return b.String()
}

func who(id int) string {
	if id == machinetree.Client {
		return "the client"
	}
	return strconv.Itoa(id)
}

func (r *run) Len() int { return len(r.frames) }

func (r *run) Frame(i int) visual.Frame { return r.frames[r.clamp(i)].Frame }

func (r *run) Final() string { return r.final }

func (r *run) clamp(i int) int { return max(0, min(i, len(r.frames)-1)) }

// msgKey names a message: its payload follows from it.
type msgKey struct {
	from, to int
	req      machinetree.RequestID
	kind     machinetree.Kind
}

// edges places the messages in flight on the edges of the tree, each
// labelled with its index in flight, its direction and its payload.
func (r *run) edges(flight []machinetree.Message) []edge {
	out := make([]edge, 0, len(flight))
	for j, m := range flight {
		at, up := m.To, m.Kind == machinetree.Response
		if up {
			at = m.From
		}
		k, ok := r.rowOf[at]
		if !ok {
			continue
		}
		key := msgKey{m.From, m.To, m.Req, m.Kind}
		text, ok := r.labels[key]
		if !ok {
			text = m.Payload()
			if len(text) > 24 {
				text = text[:23] + "…"
			}
			if up {
				text = "↑" + text
			} else {
				text = "↓" + text
			}
			r.labels[key] = text
		}
		out = append(out, edge{row: k, up: up, label: "#" + strconv.Itoa(j) + text})
	}
	return out
}

// paint wraps one-line strings in a style's escape sequences, found once
// by rendering a marker: far cheaper than a lipgloss Render per segment.
type paint struct{ pre, post string }

func paintOf(st lipgloss.Style) paint {
	pre, post, ok := strings.Cut(st.Render("\x00"), "\x00")
	if !ok {
		return paint{}
	}
	return paint{pre, post}
}

func (p paint) Render(s string) string {
	if s == "" {
		return ""
	}
	return p.pre + s + p.post
}

// palette is the theme's styles as paints.
type palette struct {
	text, muted, accent, cursor, good, down, up paint
}

func paletteOf(th visual.Theme) palette {
	return palette{
		text: paintOf(th.Text), muted: paintOf(th.Muted), accent: paintOf(th.Accent),
		cursor: paintOf(th.Cursor), good: paintOf(th.Good),
		down: paintOf(th.Field(0)), up: paintOf(th.Field(1)),
	}
}

func (r *run) Render(i, width, height int, theme visual.Theme) string {
	if width < 1 || height < 1 {
		return ""
	}
	th := paletteOf(theme)
	f := &r.frames[r.clamp(i)]
	var lines []string
	fit := func(s string) string { return ansi.Truncate(s, width, "") }

	rowsAvail := height
	header, footer := height >= 3, height >= 4
	if header {
		rowsAvail--
	}
	if footer {
		rowsAvail--
	}
	if header {
		h := fmt.Sprintf("%s · %s · step %d/%d · in flight %d · sent %d", r.in.op, r.in.order, r.clamp(i)+1, len(r.frames), len(f.flight), f.sent)
		lines = append(lines, fit(th.accent.Render(h)))
	}

	focus := max(f.focus, 0)
	start := 0
	if len(r.rows) > rowsAvail {
		start = max(0, min(focus-rowsAvail/2, len(r.rows)-rowsAvail))
	}
	// Messages in flight on the visible edges.
	edges := map[int][]string{}
	for _, e := range f.flight {
		if e.row < start || e.row >= start+rowsAvail {
			continue
		}
		st := th.down
		if e.up {
			st = th.up
		}
		edges[e.row] = append(edges[e.row], st.Render(e.label))
	}
	maxPrefix := max(width/2, 4)
	for k := start; k < len(r.rows) && k < start+rowsAvail; k++ {
		rw := r.rows[k]
		var b strings.Builder
		if k == f.focus {
			b.WriteString(th.cursor.Render(">"))
		} else {
			b.WriteByte(' ')
		}
		p := rw.prefix
		if len(p) > maxPrefix {
			p = append([]rune{'…'}, p[len(p)-maxPrefix+1:]...)
		}
		b.WriteString(th.muted.Render(string(p)))
		if ls := edges[k]; len(ls) > 0 {
			b.WriteString(strings.Join(ls, " "))
			b.WriteString(th.muted.Render(" ─ "))
		}
		id := strconv.Itoa(rw.id)
		if k == f.focus {
			b.WriteString(th.cursor.Render(id))
		} else {
			b.WriteString(th.text.Render(id))
		}
		v := f.nodes[k]
		switch {
		case v.active:
			b.WriteString(" " + th.accent.Render(fmt.Sprintf("[wait %d/%d · %s]", v.pending, v.children, v.partial)))
		case v.answered != "" && k == 0:
			b.WriteString(" " + th.good.Render(v.answered))
		case v.answered != "":
			b.WriteString(" " + th.muted.Render("(sent "+v.answered+")"))
		}
		lines = append(lines, fit(b.String()))
	}
	if footer {
		if f.final != "" {
			first, _, _ := strings.Cut(f.final, "\n")
			lines = append(lines, fit(th.good.Render("= "+first)+th.muted.Render(fmt.Sprintf(" · %d messages for %d machines: 2(n-1)", f.sent, len(r.rows)))))
		} else {
			// The legend wraps rather than losing its end on a narrow pane.
			legend := ansi.Wrap("↓ request  ↑ answer  #k in flight  [wait pending/children · partial]  > this step", width, "")
			for _, l := range strings.Split(legend, "\n") {
				lines = append(lines, fit(th.muted.Render(l)))
			}
		}
	}
	return visual.Clip(lines, width, height)
}
