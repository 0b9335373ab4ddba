package lesson

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/ui/markdown"
)

// contents is the note's table of contents (T): its headings, each with
// the line of the rendered note where it starts, drawn over the note pane
// with a cursor. Enter puts the heading under the cursor at the top of the
// note; esc (or T again) closes it and leaves everything as it was.
type contents struct {
	heads []markdown.Heading // every heading of the note's source
	items []tocItem          // those found in the render on show
	open  bool
	at    int  // the item under the cursor
	top   int  // the first item on show
	from  Pane // the focus before the contents opened
}

// tocItem is a heading found in the rendered note.
type tocItem struct {
	head markdown.Heading
	line int
}

// setRender finds the headings in the lines of a new render (without
// escape sequences): a resize keeps the cursor on the same heading.
func (c *contents) setRender(lines []string) {
	at := markdown.HeadingLines(lines, c.heads)
	was := -1
	if c.at < len(c.items) {
		was = c.index(c.items[c.at].head)
	}
	c.items = c.items[:0]
	for i, n := range at {
		if n >= 0 {
			c.items = append(c.items, tocItem{c.heads[i], n})
			if i == was {
				c.at = len(c.items) - 1
			}
		}
	}
	c.at = max(0, min(c.at, len(c.items)-1))
}

func (c contents) index(h markdown.Heading) int {
	for i, x := range c.heads {
		if x == h {
			return i
		}
	}
	return -1
}

// Contents reports whether the note's table of contents is open.
func (m Model) Contents() bool { return m.toc.open }

// Headings are the note's headings the contents lists, as the reader sees
// them, and the line of the rendered note where each starts.
func (m Model) Headings() (titles []string, lines []int) {
	for _, it := range m.toc.items {
		titles = append(titles, it.head.Plain())
		lines = append(lines, it.line)
	}
	return titles, lines
}

// openContents opens the contents with the cursor on the heading of the
// part of the note on show.
func (m *Model) openContents() {
	m.toc.open, m.toc.from = true, m.focus
	m.toc.at = 0
	for i, it := range m.toc.items {
		if it.line <= m.note.YOffset() {
			m.toc.at = i
		}
	}
	if !m.wide() {
		m.focus = NotePane // the contents is drawn over the note
	}
	m.toc.top = max(0, m.toc.at-m.contentsRoom()/2)
}

// contentsRoom is how many headings the note pane shows.
func (m Model) contentsRoom() int {
	_, h := inner(rect{m.noteWidth() + 2, max(m.c.Height-chrome, 0)})
	return max(h, 1)
}

// updateContents takes every key while the contents is open.
func (m Model) updateContents(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.c.Keys
	n, room := len(m.toc.items), m.contentsRoom()
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Contents):
		m.toc.open, m.focus = false, m.toc.from
		return m, nil
	case key.Matches(msg, k.Open):
		m.toc.open = false
		if m.toc.at < n {
			m.note.SetYOffset(m.toc.items[m.toc.at].line)
		}
		return m, nil
	case key.Matches(msg, k.Up):
		m.toc.at--
	case key.Matches(msg, k.Down):
		m.toc.at++
	case key.Matches(msg, k.PageUp):
		m.toc.at -= room
	case key.Matches(msg, k.PageDown):
		m.toc.at += room
	case key.Matches(msg, k.Top):
		m.toc.at = 0
	case key.Matches(msg, k.Bottom):
		m.toc.at = n - 1
	default:
		m.quiet = true // nothing else acts while the contents is open
		return m, nil
	}
	m.toc.at = max(0, min(m.toc.at, n-1))
	m.toc.top = max(0, min(m.toc.top, m.toc.at), m.toc.at-room+1)
	return m, nil
}

// contentsTitle is the note pane's title while the contents is open.
func (m Model) contentsTitle() string {
	if len(m.toc.items) == 0 {
		return "Contents"
	}
	return fmt.Sprintf("Contents · %d of %d", m.toc.at+1, len(m.toc.items))
}

// contentsView lists the headings in h lines, indented by level, the one
// under the cursor marked ▶ and selected.
func (m Model) contentsView(h int) string {
	st := m.c.Styles
	if len(m.toc.items) == 0 {
		return st.Muted.Render("this note has no headings")
	}
	least := 6
	for _, it := range m.toc.items {
		least = min(least, it.head.Level)
	}
	top := max(0, min(m.toc.top, len(m.toc.items)-h))
	var b strings.Builder
	for i := top; i < min(top+h, len(m.toc.items)); i++ {
		it := m.toc.items[i]
		line := strings.Repeat("  ", it.head.Level-least) + it.head.Plain()
		if i == m.toc.at {
			b.WriteString(st.Selected.Render("▶ " + line))
		} else {
			b.WriteString("  " + line)
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// contentsBindings are the footer's keys while the contents is open.
func (m Model) contentsBindings() []key.Binding {
	k := m.c.Keys
	jump, back := k.Open, k.Back
	jump.SetHelp("enter", "go there")
	back.SetHelp("esc", "close")
	move := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "move"))
	return []key.Binding{jump, move, back, k.Help}
}
