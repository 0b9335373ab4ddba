package stepper

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

// marksMemo is the timeline's marks painted for one width and theme: the
// mark of every column, and the same marks in the cursor's style. View
// joins them, so a frame costs O(width) whatever the run's length.
type marksMemo struct {
	tl          *visual.Timeline
	w           int
	dark, plain bool
	marks, cur  []string
	strip       visual.Strip
}

func (p *paneMemo) marksFor(tl *visual.Timeline, w int, th visual.Theme) *marksMemo {
	mm := &p.marks
	if mm.tl == tl && mm.w == w && mm.dark == th.Dark && mm.plain == th.Plain && mm.marks != nil {
		return mm
	}
	strip := tl.Strip(w)
	paints := make([]visual.Paint, len(tl.Kinds()))
	for k := range paints {
		paints[k] = visual.NewPaint(th.Field(k))
	}
	cursor := visual.NewPaint(th.Cursor)
	*mm = marksMemo{tl: tl, w: w, dark: th.Dark, plain: th.Plain, strip: strip,
		marks: make([]string, len(strip.Cols)), cur: make([]string, len(strip.Cols))}
	for c, col := range strip.Cols {
		g := visual.KindGlyph(col.Kind)
		mm.marks[c] = paints[col.Kind].On(g)
		mm.cur[c] = cursor.On(g)
	}
	return mm
}

// timelineView is the timeline in width columns: a mark per step (or per
// bucket of steps), the current one in the cursor's style, and with caret
// set a second line with ^ under it saying what that mark holds: its
// kind, or a bucket's steps and kinds, each with its mark.
func (m Model) timelineView(width int, caret bool, st styles.Styles) []string {
	th := st.Theme
	var mm *marksMemo
	if m.memo != nil {
		mm = m.memo.marksFor(m.tl, width, th)
	} else {
		mm = (&paneMemo{}).marksFor(m.tl, width, th)
	}
	c := mm.strip.Column(m.frame)
	var b strings.Builder
	for i := range mm.marks {
		if i == c {
			b.WriteString(mm.cur[i])
		} else {
			b.WriteString(mm.marks[i])
		}
	}
	lines := []string{b.String()}
	if caret {
		lines = append(lines, caretLine(c, width, describe(m.tl, mm.strip.Cols[c]), st))
	}
	return lines
}

// describe says what a column holds: "● encode-key", or for a bucket
// "steps 85-96: ● deliver 7, ■ send 5".
func describe(tl *visual.Timeline, col visual.Column) string {
	kinds := tl.Kinds()
	if col.To-col.From == 1 {
		return visual.KindGlyph(col.Kind) + " " + kinds[col.Kind]
	}
	parts := make([]string, len(col.Kinds))
	for i, kc := range col.Kinds {
		parts[i] = fmt.Sprintf("%s %s %d", visual.KindGlyph(kc.Kind), kinds[kc.Kind], kc.Count)
	}
	return fmt.Sprintf("steps %d-%d: %s", col.From+1, col.To, strings.Join(parts, ", "))
}

// caretLine puts ^ at column c and the text after it, or before it when
// it fits only there; a text too long for either side goes on the wider
// side, cut with …, so the caret always shows.
func caretLine(c, width int, text string, st styles.Styles) string {
	w := ansi.StringWidth(text)
	right, left := width-c-2, c-1
	if w > right && (w <= left || left > right) {
		if w > left {
			text = ansi.Truncate(text, max(left, 0), "…")
			w = ansi.StringWidth(text)
		}
		return strings.Repeat(" ", max(c-w-1, 0)) + st.Muted.Render(text) + " " + st.Accent.Render("^")
	}
	if w > right {
		text = ansi.Truncate(text, max(right, 0), "…")
	}
	return strings.Repeat(" ", c) + st.Accent.Render("^") + " " + st.Muted.Render(text)
}
