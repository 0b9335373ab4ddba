package mvccviz

import (
	"fmt"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/mvcc"
)

// palette is the paints a frame uses, made once per theme.
type palette struct {
	text, muted, accent, good, bad, cursor visual.Paint
	session                                []visual.Paint
}

var palettes sync.Map // [2]bool{dark, plain} -> *palette

func paletteOf(th visual.Theme) *palette {
	k := [2]bool{th.Dark, th.Plain}
	if p, ok := palettes.Load(k); ok {
		return p.(*palette)
	}
	p := &palette{
		text: visual.NewPaint(th.Text), muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		good: visual.NewPaint(th.Good), bad: visual.NewPaint(th.Bad), cursor: visual.NewPaint(th.Cursor),
	}
	for i := range 6 {
		p.session = append(p.session, visual.NewPaint(th.Field(i)))
	}
	palettes.Store(k, p)
	return p
}

// Draw draws frame i: the title, the script with sessions as columns, the
// rows' version chains, the transactions with their read views or
// snapshots, and the locks.
func (r *recording) Draw(i, w, h int, th visual.Theme) []string {
	p := paletteOf(th)
	e := r.frames[i]
	step := fmt.Sprintf("step %d/%d", i+1, len(r.frames))
	var lines []string
	for _, l := range fit(w, r.title+"  "+step, append(strings.Fields(r.title), step)...) {
		lines = append(lines, p.accent.On(l))
	}
	if r.in.table {
		return append(lines, r.drawTable(i, w, h-len(lines), p)...)
	}
	below := r.drawState(e, w, p)
	room := max(h-len(lines)-len(below), 3)
	lines = append(lines, r.drawScript(e, i == len(r.frames)-1, w, room, p)...)
	return append(lines, below...)
}

// fit is whole when it fits in width, else items wrapped to it: a line of
// text keeps its layout where there is room and wraps where there is
// not.
func fit(width int, whole string, items ...string) []string {
	if ansi.StringWidth(whole) <= width {
		return []string{whole}
	}
	return visual.Wrap(width, "    ", " ", items...)
}

// drawTable lists the cells decided so far, the latest last, each
// wrapped to w, as many whole ones as h rows hold.
func (r *recording) drawTable(i, w, h int, p *palette) []string {
	var out []string
	for j := i; j >= 0; j-- {
		s, pt := "  "+r.frames[j].Explain, p.text
		if j == i {
			s, pt = "› "+r.frames[j].Explain, p.accent
		}
		cell := fit(w, s, strings.Fields(s)...)
		if len(out)+len(cell) > h && j < i {
			break
		}
		for k := range cell {
			cell[k] = pt.On(cell[k])
		}
		out = append(cell, out...)
	}
	return out
}

// drawScript draws the script's statements, one a row, in their session's
// column, with what each did so far; the statements of the line being run
// are marked with ›.
func (r *recording) drawScript(e mvcc.Event, last bool, w, room int, p *palette) []string {
	sessions := r.script.Sessions()
	colw := max((w-5)/max(len(sessions), 1), 8)
	head := "     "
	for k, s := range sessions {
		head += p.session[k%len(p.session)].On(pad(s, colw))
	}
	out := visual.Cut(w, head)
	cur := -1
	for k, l := range r.script.Lines {
		if l.N == e.Line {
			cur = k
			break
		}
	}
	lo := 0
	if n := len(r.script.Lines); n > room-1 {
		lo = min(max(cur-(room-1)/2, 0), n-(room-1))
	}
	for k := lo; k < len(r.script.Lines) && len(out) < room; k++ {
		l := r.script.Lines[k]
		col := indexOf(sessions, l.Session)
		mark, paint := r.mark(e, last, k, p)
		prefix := fmt.Sprintf("  %2d ", l.N)
		if l.N == e.Line {
			prefix = fmt.Sprintf("› %2d ", l.N)
		}
		room := w - 5 - col*colw
		if col < len(sessions)-1 {
			room = colw - 1
		}
		// A narrow column cuts the statement before its mark, so that a
		// failure's ✗ stays in view; the mark itself is cut last.
		stmt := compact(l.Stmt)
		if keep := max(room, 1) - min(ansi.StringWidth(mark), 3); ansi.StringWidth(stmt+mark) > max(room, 1) && keep > 1 {
			stmt = ansi.Truncate(stmt, keep, "…")
		}
		cell := ansi.Truncate(stmt+mark, max(room, 1), "…")
		row := prefix + strings.Repeat(" ", col*colw) + paint.On(cell)
		if l.N == e.Line {
			row = p.accent.On(prefix) + strings.Repeat(" ", col*colw) + paint.On(cell)
		}
		// Columns of at least 8 may not all fit a narrow pane: the row
		// then ends in ….
		out = append(out, visual.Cut(w, row)...)
	}
	return out
}

// mark is what statement k has done by event e, and its paint; at the
// last event, what it did in the end (the last statement has returned,
// though no event comes after it to say so).
func (r *recording) mark(e mvcc.Event, last bool, k int, p *palette) (string, visual.Paint) {
	res := e.State.Results
	if last && r.out != nil {
		res = r.out.Results
	}
	if k >= len(res) {
		return "", p.muted
	}
	x := res[k]
	if x.Err != "" {
		return " ✗ " + x.Err, p.bad
	}
	if x.Done && x.Stmt.Kind == mvcc.KindCommit && r.out != nil && k < len(r.out.Results) {
		// PostgreSQL answers the commit of a failed transaction with
		// ROLLBACK: it committed nothing.
		if t := r.out.Results[k].Txn; t >= 0 && t < len(r.out.Txns) && r.out.Txns[t].Status == mvcc.StatusAborted {
			return " ✗ rolled back", p.bad
		}
	}
	if !x.Done {
		for _, t := range e.State.Txns {
			if t.Session == x.Session && t.Waiting != "" && t.Status == mvcc.StatusOpen {
				return " ⌛ waits", p.bad
			}
		}
		return "", p.text
	}
	if x.Stmt.Kind == mvcc.KindSelect {
		return " → " + mvcc.FormatRows(x.Rows), p.good
	}
	return " ✓", p.text
}

// drawState draws the rows' versions, the transactions and the locks in
// w columns, each wrapping where it does not fit.
func (r *recording) drawState(e mvcc.Event, w int, p *palette) []string {
	st := e.State
	legend := "rows, newest version first (value@trx id, * uncommitted, del = delete mark)"
	if st.Engine == mvcc.Postgres {
		legend = "rows, newest tuple first (value(xmin,xmax), * xmin uncommitted)"
	}
	var out []string
	for _, l := range visual.Wrap(w, "  ", " ", legend) {
		out = append(out, p.muted.On(l))
	}
	for _, row := range st.Rows {
		var vs []string
		for j, v := range row.Versions {
			s := v.String(st.Engine)
			if j == 0 {
				s = p.text.On(s)
			} else {
				s = p.muted.On(s)
			}
			vs = append(vs, s)
		}
		sep := " ← "
		if st.Engine == mvcc.Postgres {
			sep = "  "
		}
		if len(vs) == 0 {
			out = append(out, fmt.Sprintf("  id %-3d", row.ID))
			continue
		}
		vs[0] = fmt.Sprintf("  id %-3d %s", row.ID, vs[0])
		out = append(out, visual.Wrap(w, strings.Repeat(" ", 9), sep, vs...)...)
	}
	out = append(out, p.muted.On("transactions"))
	sessions := []string{}
	if r.script != nil {
		sessions = r.script.Sessions()
	}
	for _, t := range st.Txns {
		k := indexOf(sessions, t.Session)
		s := fmt.Sprintf("  %s trx %d %s %s", p.session[k%len(p.session)].On(t.Session), t.ID, t.Level.Short(), t.Status)
		items := []string{s}
		if t.View != "" {
			s += "  " + t.View
			items = append(items, strings.Fields(t.View)...)
		}
		if t.SSI != "" {
			s += "  " + t.SSI
			items = append(items, strings.Fields(t.SSI)...)
		}
		if t.Waiting != "" {
			s += p.bad.On("  waits")
			items = append(items, p.bad.On("waits"))
		}
		out = append(out, fit(w, s, items...)...)
	}
	if len(st.Locks) > 0 {
		out = append(out, p.muted.On("locks"))
		for _, l := range st.Locks {
			k := indexOf(sessions, l.Session)
			who := "  " + p.session[k%len(p.session)].On(l.Session)
			s, items := who+" "+l.Lock, append([]string{who}, strings.Fields(l.Lock)...)
			if l.Waiting {
				s = who + " " + p.bad.On("waits for "+l.Lock)
				items = []string{who}
				for _, word := range strings.Fields("waits for " + l.Lock) {
					items = append(items, p.bad.On(word))
				}
			}
			out = append(out, fit(w, s, items...)...)
		}
	}
	return out
}

// compact writes a statement short enough for a column:
// "update value=12 where id=1".
func compact(s mvcc.Stmt) string {
	if s.Kind == mvcc.KindSetLevel {
		return "set level " + s.Level.Short()
	}
	t := s.String()
	for _, cut := range []string{" * from test", " test", " from test", " into test (id, value)", " isolation level"} {
		t = strings.Replace(t, cut, "", 1)
	}
	t = strings.ReplaceAll(t, " = ", "=")
	t = strings.Replace(t, "select where", "select", 1)
	return t
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return 0
}

// pad cuts s to n columns with … or pads it to them.
func pad(s string, n int) string {
	s = ansi.Truncate(s, n, "…")
	return s + strings.Repeat(" ", max(n-ansi.StringWidth(s), 0))
}
