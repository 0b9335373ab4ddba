package stats

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/screen"
)

// LoadedMsg carries the report a command made, or why it could not.
type LoadedMsg struct {
	Report Report
	Err    error
}

// Model is the stats screen: a scrolling page of the report's lines.
type Model struct {
	c      *common.Common
	report *Report
	err    string
	top    int
}

// New returns the screen and the command that makes its report with
// load, which reads the review log: it runs in the command, never in
// Update.
func New(c *common.Common, load func() (Report, error)) (*Model, tea.Cmd) {
	return &Model{c: c}, func() tea.Msg {
		r, err := load()
		return LoadedMsg{Report: r, Err: err}
	}
}

// Report is the report on screen, nil while it is being made.
func (m *Model) Report() *Report { return m.report }

// Update takes the report when it comes, scrolls, and goes back on esc.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd, screen.Action) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case LoadedMsg:
		if msg.Err != nil {
			m.err = lessons.SanitizeLine(msg.Err.Error())
			return m, nil, screen.None
		}
		m.report, m.err = &msg.Report, ""
	case tea.KeyPressMsg:
		room := m.room()
		switch {
		case key.Matches(msg, k.Back):
			return m, nil, screen.Action{Go: screen.Back}
		case key.Matches(msg, k.Down):
			m.top++
		case key.Matches(msg, k.Up):
			m.top--
		case key.Matches(msg, k.PageDown):
			m.top += room
		case key.Matches(msg, k.PageUp):
			m.top -= room
		case key.Matches(msg, k.Top):
			m.top = 0
		case key.Matches(msg, k.Bottom):
			m.top = len(m.lines())
		}
		m.top = max(0, min(m.top, len(m.lines())-room))
	}
	return m, nil, screen.None
}

// room is how many lines of the report fit: less the title and footer.
func (m *Model) room() int { return max(m.c.Height-2, 1) }

// lines is the body: the report, or what is happening instead.
func (m *Model) lines() []string {
	st := m.c.Styles
	switch {
	case m.err != "":
		return []string{"", st.Error.Render("the stats could not be made: " + m.err)}
	case m.report == nil:
		return []string{"", st.Muted.Render("reading the review log…")}
	}
	ls := Lines(*m.report, max(m.c.Width-2, 1), st)
	for i, l := range ls {
		ls[i] = " " + l
	}
	return ls
}

// View draws the title, the lines from the first on screen, and the
// footer of keys.
func (m *Model) View() string {
	lines := m.lines()
	room := m.room()
	top := max(0, min(m.top, len(lines)-room))
	body := lines[top:min(len(lines), top+room)]
	title := " " + m.c.Styles.Header.Render("tutor · stats")
	if len(lines) > room {
		title += m.c.Styles.Muted.Render(" · ↑↓ scroll")
	}
	k := m.c.Keys
	foot := " " + m.c.Help.ShortHelpView([]key.Binding{k.Back, k.Help, k.Down, k.PageDown, k.Quit})
	return common.Fit(title+"\n"+strings.Join(body, "\n"), m.c.Width, m.c.Height-1) + "\n" + common.Fit(foot, m.c.Width, 1)
}

// Resize keeps the place: the lines are drawn for the width at each View.
func (m *Model) Resize() tea.Cmd {
	m.top = max(0, min(m.top, len(m.lines())-m.room()))
	return nil
}

// Help is the screen's keys for the help view.
func (m *Model) Help() (string, [][]key.Binding) {
	k := m.c.Keys
	return "stats", [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Back, k.Help, k.Quit}}
}

// Capturing is false: the screen has no text box.
func (m *Model) Capturing() bool { return false }
