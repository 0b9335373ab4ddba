package stepper

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
)

// jump shows frame i (already in the run), pausing a play; the picture
// follows the step again.
func (m *Model) jump(i int) {
	m.playing = false
	m.frame = i
	m.scrolled = false
	m.pm.drop()
}

// jumpKey carries out . , and a: the next or previous step of the current
// step's kind, the next step that changes the answer. When there is none
// the frame stays and the notice says why.
func (m *Model) jumpKey(msg tea.KeyPressMsg) {
	if m.run == nil || m.tl == nil {
		return
	}
	k := m.keys
	kind := m.tl.Kinds()[m.tl.Kind(m.frame)]
	to := -1
	switch {
	case key.Matches(msg, k.NextKind):
		if to = m.tl.NextOfKind(m.frame); to < 0 {
			m.notice = fmt.Sprintf("no %s step after step %d", kind, m.frame+1)
		}
	case key.Matches(msg, k.PrevKind):
		if to = m.tl.PrevOfKind(m.frame); to < 0 {
			m.notice = fmt.Sprintf("no %s step before step %d", kind, m.frame+1)
		}
	case key.Matches(msg, k.NextChange):
		switch {
		case !m.tl.HasAnswer():
			m.notice = m.v.Name() + " has no answer to follow"
		default:
			if to = m.tl.NextChange(m.frame); to < 0 {
				m.notice = fmt.Sprintf("the answer does not change after step %d", m.frame+1)
			}
		}
	}
	if to >= 0 {
		m.jump(to)
	}
}

// updateGoTo is the go-to-step prompt's key: enter goes to the step typed
// (counting from 1), esc closes the prompt; a number out of the run is
// refused in the prompt, which stays open.
func (m Model) updateGoTo(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.going, m.goErr = false, ""
		m.goTo.Blur()
		return m, nil, true
	case key.Matches(msg, m.keys.Submit):
		n, err := parseStep(m.goTo.Value(), m.run.Len())
		if err != nil {
			m.goErr = err.Error()
			return m, nil, true
		}
		m.going, m.goErr = false, ""
		m.goTo.Blur()
		m.jump(n - 1)
		return m, nil, true
	}
	var cmd tea.Cmd
	m.goTo, cmd = m.goTo.Update(msg)
	return m, cmd, true
}

// parseStep reads a step number from 1 to n.
func parseStep(s string, n int) (int, error) {
	s = strings.TrimSpace(s)
	i, err := strconv.Atoi(s)
	if err != nil || i < 1 || i > n {
		return 0, fmt.Errorf("step %q: want a whole number from 1 to %d", lessons.SanitizeLine(s), n)
	}
	return i, nil
}
