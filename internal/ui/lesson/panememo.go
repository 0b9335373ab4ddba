package lesson

// paneMemo keeps each pane's last drawing, shared by the copies Update
// makes, so that a step of the visual redraws the visual's pane alone:
// the note's and the source's lines are measured, cut and padded again
// only when their text, box, title, focus or style change. At 300x100 the
// note pane is most of the screen, and fitting it was most of a step's
// cost.
type paneMemo struct {
	last [SourcePane + 1]paneDrawing
}

// paneDrawing is one pane as pane drew it, and what it was drawn from.
type paneDrawing struct {
	r              rect
	title, content string
	focused        bool
	style          string
	lines          []string
}

// drawn returns the memo's lines for pane p drawn from these inputs, if
// it has them.
func (pm *paneMemo) drawn(p Pane, r rect, title, content string, focused bool, style string) ([]string, bool) {
	if pm == nil || p < 0 || int(p) >= len(pm.last) {
		return nil, false
	}
	d := &pm.last[p]
	// The content is compared last: equal strings of one backing array
	// compare in constant time, and a changed pane usually differs in
	// length or title first.
	if d.lines == nil || d.r != r || d.focused != focused || d.style != style || d.title != title || d.content != content {
		return nil, false
	}
	return d.lines, true
}

// keep remembers pane p's lines as drawn from these inputs.
func (pm *paneMemo) keep(p Pane, r rect, title, content string, focused bool, style string, lines []string) {
	if pm == nil || p < 0 || int(p) >= len(pm.last) {
		return
	}
	pm.last[p] = paneDrawing{r: r, title: title, content: content, focused: focused, style: style, lines: lines}
}
