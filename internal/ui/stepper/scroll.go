package stepper

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/visual"
)

// ScrollRows is how tall the pane draws a frame to scroll through it: a
// picture taller than this (a tree of more machines) still keeps the
// step's machine in view the way the visual draws it.
const ScrollRows = 240

// paneMemo is what View keeps for the next View and for the scrolling
// keys, shared by the copies Update makes of a Model.
type paneMemo struct {
	// box is the picture's box of the last View.
	box   struct{ w, h int }
	th    visual.Theme
	boxOK bool
	// tall is a frame drawn ScrollRows tall.
	tall struct {
		run         visual.Run
		frame, w    int
		dark, plain bool
		lines       []string
	}
	marks marksMemo
	// cut is the note of a picture the visual fitted to its box: which
	// lines of the frame drawn tall it shows, or "" when it shows all.
	cut struct {
		run         visual.Run
		frame, w, h int
		dark, plain bool
		note        string
	}
}

// tallLines is frame i of r drawn ScrollRows tall in width w, kept until
// another frame, width or theme is asked for.
func (p *paneMemo) tallLines(r visual.Run, i, w int, th visual.Theme) []string {
	t := &p.tall
	if t.lines != nil && t.run == r && t.frame == i && t.w == w && t.dark == th.Dark && t.plain == th.Plain {
		return t.lines
	}
	t.run, t.frame, t.w, t.dark, t.plain = r, i, w, th.Dark, th.Plain
	t.lines = strings.Split(r.Render(i, w, max(ScrollRows, p.box.h), th), "\n")
	return t.lines
}

// picture is the frame on screen in width x height: as the visual draws
// it for that box (following the step), or, once the learner scrolls, a
// window on the frame drawn tall.
func (m Model) picture(width, height int, th visual.Theme) string {
	if m.memo != nil {
		m.memo.box.w, m.memo.box.h, m.memo.th, m.memo.boxOK = width, height, th, true
	}
	if !m.scrolled || m.memo == nil {
		return m.run.Render(m.frame, width, height, th)
	}
	lines := m.memo.tallLines(m.run, m.frame, width, th)
	top := max(0, min(m.top, len(lines)-height))
	return strings.Join(lines[top:min(top+height, len(lines))], "\n")
}

// scrollNote says which lines of the picture show, for the status: the
// window the learner scrolled to, or, when the visual fitted a picture
// taller than its box, the lines of the frame drawn tall that it kept
// (shown, what the pane drew); "" when the whole picture is on screen.
func (m Model) scrollNote(shown string) string {
	if m.memo == nil || !m.memo.boxOK || m.run == nil {
		return ""
	}
	w, h, th := m.memo.box.w, m.memo.box.h, m.memo.th
	if m.scrolled {
		n := len(m.memo.tallLines(m.run, m.frame, w, th))
		return linesNote(max(0, min(m.top, n-h)), h, n, false)
	}
	c := &m.memo.cut
	if c.run == m.run && c.frame == m.frame && c.w == w && c.h == h && c.dark == th.Dark && c.plain == th.Plain {
		return c.note
	}
	c.run, c.frame, c.w, c.h, c.dark, c.plain, c.note = m.run, m.frame, w, h, th.Dark, th.Plain, ""
	lines := m.memo.tallLines(m.run, m.frame, w, th)
	if n := len(lines); n > h {
		kept := strings.Split(shown, "\n")
		top, whole := offsetOf(kept, lines), true
		for k, l := range kept {
			whole = whole && (top+k < n && lines[top+k] == l || strings.TrimSpace(l) == "")
		}
		// A visual that kept lines from here and there (a window on a
		// list under a header) has lines missing on both sides of some:
		// the lines named are the window the scrolling keys start from.
		c.note = linesNote(top, h, n, !whole)
	}
	return c.note
}

// linesNote says that lines top+1... of n show in a box h tall, with an
// arrow to where the others are: ↓ below, ↑ above, ↕ both (and when
// gaps says lines are missing between those shown).
func linesNote(top, h, n int, gaps bool) string {
	end := min(top+h, n)
	arrow := "↕"
	switch {
	case gaps:
	case top == 0:
		arrow = "↓"
	case end == n:
		arrow = "↑"
	}
	return fmt.Sprintf(" · lines %d-%d of %d %s", top+1, end, n, arrow)
}

// scroll moves the picture by a line or a page. The first scroll starts
// from what the pane showed, found in the frame drawn tall; a picture that
// fits its box does not scroll, and says so.
func (m *Model) scroll(msg tea.KeyPressMsg) {
	if m.run == nil || m.memo == nil || !m.memo.boxOK {
		return
	}
	w, h, th := m.memo.box.w, m.memo.box.h, m.memo.th
	lines := m.memo.tallLines(m.run, m.frame, w, th)
	if len(lines) <= h {
		m.scrolled = false
		m.notice = "the whole picture is on screen"
		return
	}
	if !m.scrolled {
		shown := strings.Split(m.run.Render(m.frame, w, h, th), "\n")
		m.top, m.scrolled = offsetOf(shown, lines), true
	}
	k := m.keys
	page := max(h-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		m.top--
	case key.Matches(msg, k.Down):
		m.top++
	case key.Matches(msg, k.PageUp):
		m.top -= page
	case key.Matches(msg, k.PageDown):
		m.top += page
	}
	m.top = max(0, min(m.top, len(lines)-h))
}

// offsetOf is where in tall the lines shown start: the offset at which the
// most non-blank lines agree, the first such.
func offsetOf(shown, tall []string) int {
	best, at := -1, 0
	for o := 0; o+len(shown) <= len(tall); o++ {
		n := 0
		for k, l := range shown {
			if strings.TrimSpace(l) != "" && tall[o+k] == l {
				n++
			}
		}
		if n > best {
			best, at = n, o
		}
	}
	return at
}
