package typeinferviz

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/typeinfer"
)

// palette is the theme as paints, made once per Draw.
type palette struct {
	text, muted, accent, cursor, good, bad visual.Paint
}

func newPalette(th visual.Theme) palette {
	return palette{
		text: visual.NewPaint(th.Text), muted: visual.NewPaint(th.Muted),
		accent: visual.NewPaint(th.Accent), cursor: visual.NewPaint(th.Cursor),
		good: visual.NewPaint(th.Good), bad: visual.NewPaint(th.Bad),
	}
}

// row is one node of a formal type, as a line: its place, its depth, its
// label (the parameter's number or the element's index) and the text of
// the formal node and of the actual node at the same place.
type row struct {
	key          string
	depth        int
	label        string
	formal       string
	actual       string
	formalIsLeaf bool
}

// glyph is a tuple node as one short word: [·, ·], or [·×7] when long.
func glyph(t typeinfer.Type) string {
	switch n := t.Len(); {
	case n == 0:
		return "[]"
	case n <= 4:
		return "[" + strings.Repeat("·, ", n-1) + "·]"
	default:
		return fmt.Sprintf("[·×%d]", n)
	}
}

// nodeText is a node as its row shows it: a leaf's name or a tuple's glyph.
func nodeText(t typeinfer.Type) string {
	if t.Kind() == typeinfer.Tuple {
		return glyph(t)
	}
	return t.Name()
}

// walkRows are the rows of the parameters: a row for each node of each
// formal type, with the actual node at the same place (a whole type when
// the formal node is a leaf or the shapes differ, – when there is none),
// then a row for each argument the function has no parameter for.
func (r *recording) walkRows() []row {
	var rows []row
	for p, ft := range r.fn.Params {
		for idx, n := range ft.All() {
			key := typeinfer.Path{Param: p + 1, Index: idx}.String()
			label := fmt.Sprint(p + 1)
			if len(idx) > 0 {
				label = fmt.Sprintf("[%d]", idx[len(idx)-1])
			}
			rw := row{key: key, depth: len(idx), label: label, formal: nodeText(n), formalIsLeaf: n.Kind() != typeinfer.Tuple}
			a, ok := typeinfer.Type{}, p < len(r.args)
			if ok {
				a = r.args[p]
				for _, k := range idx {
					if a.Kind() != typeinfer.Tuple || k >= a.Len() {
						ok = false
						break
					}
					a = a.Elem(k)
				}
			}
			switch {
			case !ok:
				rw.actual = "–"
			case n.Kind() == typeinfer.Tuple && a.Kind() == typeinfer.Tuple && a.Len() == n.Len():
				rw.actual = glyph(a)
			default:
				rw.actual = a.String()
			}
			rows = append(rows, rw)
		}
	}
	for p := len(r.fn.Params); p < len(r.args); p++ {
		rows = append(rows, row{key: fmt.Sprint("extra ", p+1), label: fmt.Sprint(p + 1), formal: "–", actual: r.args[p].String()})
	}
	return rows
}

// returnRows are the rows of the return type, one a node.
func (r *recording) returnRows() []row {
	var rows []row
	for idx, n := range r.fn.Return.All() {
		label := "ret"
		if len(idx) > 0 {
			label = fmt.Sprintf("[%d]", idx[len(idx)-1])
		}
		rows = append(rows, row{
			key: typeinfer.Path{Index: idx}.String(), depth: len(idx), label: label,
			formal: nodeText(n), formalIsLeaf: n.Kind() != typeinfer.Tuple,
		})
	}
	return rows
}

// cut shortens s to at most w columns, ending it with … when cut.
func cut(s string, w int) string {
	if w < 1 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w-1, "") + "…"
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

// pad paints s and pads it to w columns.
func pad(p visual.Paint, s string, w int) string {
	s = cut(s, w)
	return p.On(s) + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// Draw draws frame i: the call and where the step is; the formal and
// actual rows side by side with the bindings beside or below them; and
// the return type, rewritten once the walk is over.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)
	head := r.header(f, p, width)
	ret := r.returnBlock(f, p, width)
	walk, focus := r.walkBlock(f, p, width)
	avail := height - len(head) - len(ret)
	if f.phase == phWalk || f.phase == phError && f.param > 0 {
		avail = max(avail, min(len(walk), height-len(head)-1))
	}
	if avail < len(walk) && avail > 1 {
		// Keep the title and a window of rows around the focus, its
		// edge rows (the focus's never) saying how many are left out;
		// what no edge row can say, the title says.
		rows := walk[1:]
		n := avail - 1
		start := max(0, min(focus-n/2, len(rows)-n))
		win := append([]string(nil), rows[start:start+n]...)
		at, untold := focus-start, 0
		if below := len(rows) - start - n; below > 0 && at != n-1 {
			win[n-1] = p.muted.On(fmt.Sprintf("⋮ %d more rows", below+1))
		} else {
			untold += below
		}
		if start > 0 && at != 0 {
			win[0] = p.muted.On(fmt.Sprintf("⋮ %d rows above", start+1))
		} else {
			untold += start
		}
		title := walk[0]
		if untold > 0 {
			title = p.muted.On(fmt.Sprintf("⋮ %d other rows", untold+1))
		}
		walk = append([]string{title}, win...)
	}
	if avail <= 1 {
		walk = nil
	}
	return append(append(head, walk...), ret...)
}

// header is the signature, the arguments and the status of the frame.
func (r *recording) header(f frame, p palette, w int) []string {
	args := typeinfer.TupleOf(r.args...).String()
	if r.edit > 0 {
		args += fmt.Sprintf("  (t edits argument %d)", r.edit)
	}
	// The status wraps: a deep path is long.
	var status []string
	switch f.phase {
	case phWalk:
		status = visual.Wrap(w, "  ", " ", append([]string{p.accent.On("walk")}, strings.Fields(f.at)...)...)
		if f.step == typeinfer.StepBegin {
			status = visual.Wrap(w, "  ", " ", append([]string{p.accent.On("walk")}, words(p.muted, "the parameters, left to right")...)...)
		}
	case phSubst:
		status = visual.Wrap(w, "  ", " ", append([]string{p.accent.On("substitute")}, strings.Fields(f.at)...)...)
	case phDone:
		status = []string{p.good.On("returns " + cut(f.result.String(), w-8))}
	case phError:
		status = []string{p.bad.On(cut("error: "+f.err.Kind.String()+": "+f.err.Where(), w))}
	}
	return append([]string{
		p.muted.On("fn   ") + cut(r.fn.String(), w-5),
		p.muted.On("args ") + cut(args, w-5),
	}, status...)
}

// marker is the column before a row: ✗ the error's place, ▶ the pair or
// node at hand, ✓ one done, else a space.
func marker(errHere, here, done bool, p palette) string {
	switch {
	case errHere:
		return p.bad.On("✗")
	case here:
		return p.cursor.On("▶")
	case done:
		return p.good.On("✓")
	}
	return " "
}

// walkBlock is the formal and actual rows with the bindings, and the
// index among the rows of the one to keep in view.
func (r *recording) walkBlock(f frame, p palette, w int) ([]string, int) {
	rows := r.walkRows()
	errAt := ""
	if f.err != nil && f.err.Kind != typeinfer.ArgumentCount {
		errAt = f.err.Where()
	}
	inWalk := f.phase == phWalk || f.phase == phError
	// Column widths: the text each side needs, halved when narrow.
	lw, rw := len("formal"), len("actual")
	for _, rr := range rows {
		lw = max(lw, 2*rr.depth+ansi.StringWidth(rr.label)+1+ansi.StringWidth(rr.formal))
		rw = max(rw, 2*rr.depth+ansi.StringWidth(rr.label)+1+ansi.StringWidth(rr.actual))
	}
	half := max(3, (w-5)/2)
	lw, rw = min(lw, half), min(rw, max(half, w-5-min(lw, half)))
	binds := r.bindLines(f, p, 0)
	bw := 0
	for _, b := range binds {
		bw = max(bw, ansi.StringWidth(b))
	}
	side := 2+lw+3+rw+3+bw <= w
	if !side {
		binds = r.bindLines(f, p, w)
	}

	focus := 0
	var left []string
	left = append(left, "  "+pad(p.accent, "formal", lw)+p.muted.On(" │ ")+pad(p.accent, "actual", rw))
	for j, rr := range rows {
		visited, ok := r.visited[rr.key]
		done := ok && visited < f.visits
		here := inWalk && rr.key == f.at && f.param > 0 && f.step != typeinfer.StepParam
		start := inWalk && f.step == typeinfer.StepParam && rr.key == f.at
		errHere := errAt != "" && rr.key == errAt
		if here || errHere || start {
			focus = j
		}
		paint := p.muted
		switch {
		case errHere:
			paint = p.bad
		case here:
			paint = p.cursor
		case done || start:
			paint = p.text
		}
		ind := strings.Repeat("  ", rr.depth)
		lt := cut(ind+rr.label+" ", lw)
		at := cut(ind+rr.label+" ", rw)
		left = append(left, marker(errHere, here || start, done, p)+" "+
			p.muted.On(lt)+pad(paint, rr.formal, lw-ansi.StringWidth(lt))+p.muted.On(" │ ")+
			p.muted.On(at)+pad(paint, rr.actual, rw-ansi.StringWidth(at)))
	}
	if !side {
		return append(left, binds...), focus
	}
	out := make([]string, max(len(left), len(binds)))
	for j := range out {
		l := strings.Repeat(" ", 2+lw+3+rw)
		if j < len(left) {
			l = left[j]
		}
		b := ""
		if j < len(binds) {
			b = binds[j]
		}
		out[j] = l + p.muted.On(" │ ") + b
	}
	return out, focus
}

// bindLines is the bindings table: each generic and its type, where it
// was bound; + the one this step made, ✗ the one a conflict breaks. A
// binding wraps to w columns, where it was bound under it; 0 keeps each
// on a line.
func (r *recording) bindLines(f frame, p palette, w int) []string {
	out := []string{p.accent.On("bindings")}
	if len(f.bindings) == 0 {
		return append(out, p.muted.On("(none yet)"))
	}
	for j, b := range f.bindings {
		text := b.Generic + " = " + cut(b.Type.String(), 30)
		var first string
		switch {
		case j == f.conflict:
			first = p.bad.On("✗ " + text + " ≠ " + cut(f.actual.String(), 30))
		case f.step == typeinfer.StepBind && j == len(f.bindings)-1:
			first = p.good.On("+ " + text)
		default:
			first = "  " + text
		}
		if w == 0 {
			out = append(out, first+p.muted.On("  "+b.At.String()))
			continue
		}
		if ansi.StringWidth(first) > w {
			first = ansi.Truncate(first, w, "…")
		}
		out = append(out, visual.Wrap(w, "    ", " ", append([]string{first + " "}, words(p.muted, b.At.String())...)...)...)
	}
	return out
}

// returnBlock is the return type: its printed form while the parameters
// are walked, then its rows rewritten node by node.
func (r *recording) returnBlock(f frame, p palette, w int) []string {
	title := p.accent.On("return ") + cut(r.fn.Return.String(), w-7)
	if f.phase == phWalk || f.phase == phError && f.err.Kind != typeinfer.UnboundGeneric {
		return []string{title + p.muted.On(cut("  (rewritten when every pair matches)", max(0, w-7-ansi.StringWidth(r.fn.Return.String()))))}
	}
	done := map[string]rewrite{}
	for _, rw := range r.rewrites[:f.substs] {
		done[rw.at] = rw
	}
	out := []string{title}
	for _, rr := range r.returnRows() {
		rw, ok := done[rr.key]
		here := f.phase == phSubst && rr.key == f.at
		errHere := f.err != nil && rr.key == f.err.Where()
		ind := strings.Repeat("  ", rr.depth)
		line := marker(errHere, here, ok, p) + " " + p.muted.On(ind+rr.label+" ")
		switch {
		case errHere:
			// The reason wraps under the row.
			out = append(out, visual.Wrap(w, "    ", " ", append([]string{line + p.bad.On(rr.formal)}, words(p.bad, "⇒ ? no parameter binds it")...)...)...)
			continue
		case ok && rw.formal.Kind() == typeinfer.Generic:
			paint := p.good
			if here {
				paint = p.cursor
			}
			line += rr.formal + " ⇒ " + paint.On(cut(rw.actual.String(), max(1, w-ansi.StringWidth(ind+rr.label)-10)))
		case here:
			line += p.cursor.On(rr.formal)
		case ok:
			line += rr.formal
		default:
			line += p.muted.On(rr.formal)
		}
		out = append(out, line)
	}
	return out
}
