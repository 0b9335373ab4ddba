// Package stepper is the visual pane: it records a visual.Visual's run on
// an input, steps through the frames of the run forward and back, plays
// them at a speed, turns the visual's knobs, and lets the learner edit the
// input. Every recording happens in a tea.Cmd that returns a RanMsg, never
// in Update. A refused input leaves the last good run on screen with the
// reason beside it.
package stepper

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

// Speeds are the play intervals, slowest first, with their labels.
var Speeds = []struct {
	Every time.Duration
	Label string
}{
	{2 * time.Second, "0.5x"},
	{time.Second, "1x"},
	{500 * time.Millisecond, "2x"},
	{250 * time.Millisecond, "4x"},
	{100 * time.Millisecond, "10x"},
	{40 * time.Millisecond, "25x"},
	{10 * time.Millisecond, "100x"}, // a run of a thousand steps in ten seconds
}

// InputLimit is how many characters the input box takes. A paste that
// would pass it is refused whole, with the reason, rather than cut; typing
// past it says how many characters were not taken.
const InputLimit = 512

// Model is the visual pane.
type Model struct {
	v       visual.Visual
	keys    keys.Map
	run     visual.Run
	frame   int
	playing bool
	speed   int
	gen     int // play generation: ticks of an older generation are dropped
	editing bool
	input   textinput.Model
	err     string
	// wait is the id of the recording under way, 0 when none is; a
	// RanMsg of another id is stale and dropped.
	wait int64
	// then is what to do with the frame once it arrives.
	then landing
	// full is set by an update that dropped a key the full input box
	// could not take, and changed nothing else.
	full bool
}

// landing says where a new run puts the frame on screen.
type landing int

const (
	atStart   landing = iota // a typed input: frame 0, the box closed
	nearFrame                // a knob: the same frame, or the last
)

// TickMsg advances a playing pane.
type TickMsg struct{ gen int }

// RanMsg carries a recorded run, or the reason the input was refused, back
// from the command that recorded it.
type RanMsg struct {
	id  int64
	run visual.Run
	err error
}

// recordings numbers every recording, so that a result meets only the
// pane that asked for it.
var recordings atomic.Int64

// New returns the pane for v and the command that records v on args (v's
// default input when args is nil). A refused input falls back to the
// default input and keeps the reason to show.
func New(v visual.Visual, km keys.Map, args []string) (Model, tea.Cmd) {
	m := Model{v: v, keys: km, speed: 1}
	m.input = textinput.New()
	m.input.Prompt = "input> "
	m.input.CharLimit = InputLimit
	common.SteadyCursor(&m.input)
	if args == nil {
		args = v.DefaultArgs()
	}
	return m, m.record(atStart, func() (visual.Run, error) {
		r, err := v.Run(args)
		if err != nil {
			if r2, err2 := v.Run(v.DefaultArgs()); err2 == nil {
				return r2, err // the default run, with the reason
			}
		}
		return r, err
	})
}

// record starts a recording in a command.
func (m *Model) record(then landing, rec func() (visual.Run, error)) tea.Cmd {
	id := recordings.Add(1)
	m.wait, m.then = id, then
	return func() tea.Msg {
		r, err := rec()
		return RanMsg{id: id, run: r, err: err}
	}
}

// Visual is the pane's visual.
func (m Model) Visual() visual.Visual { return m.v }

// Args is the input of the run on screen, nil before the first run.
func (m Model) Args() []string {
	if m.run == nil {
		return nil
	}
	return m.run.Args()
}

// Recording reports whether a run is being recorded.
func (m Model) Recording() bool { return m.wait != 0 }

// Run is the run on screen, or nil when no input has ever run.
func (m Model) Run() visual.Run { return m.run }

// Frame is the index of the frame on screen.
func (m Model) Frame() int { return m.frame }

// Editing reports whether the input box has the keyboard.
func (m Model) Editing() bool { return m.editing }

// Playing reports whether the frames advance by themselves.
func (m Model) Playing() bool { return m.playing }

// Full reports whether the last update dropped a key because the input
// box was full, and did nothing else.
func (m Model) Full() bool { return m.full }

// Input is what the input box holds.
func (m Model) Input() string { return m.input.Value() }

// SetInput puts s in the input box, cut to InputLimit characters, with the
// cursor at its end.
func (m *Model) SetInput(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
}

// Err is the reason the last input was refused, or "".
func (m Model) Err() string { return m.err }

// Step is the frame on screen, and false when there is no run.
func (m Model) Step() (visual.Frame, bool) {
	if m.run == nil {
		return visual.Frame{}, false
	}
	return m.run.Frame(m.frame), true
}

// Bindings are the pane's keys for the help view, the visual's knobs last.
func (m Model) Bindings() []key.Binding {
	b := []key.Binding{m.keys.StepBack, m.keys.StepForward, m.keys.Play, m.keys.Faster, m.keys.Slower, m.keys.Restart, m.keys.Edit}
	return append(b, m.v.Knobs()...)
}

func (m *Model) tick() tea.Cmd {
	gen, every := m.gen, Speeds[m.speed].Every
	return tea.Tick(every, func(time.Time) tea.Msg { return TickMsg{gen} })
}

// Update handles the pane's keys and play ticks. It reports whether it used
// the message, so the lesson screen can pass unused keys on.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd, bool) {
	m.full = false
	switch msg := msg.(type) {
	case RanMsg:
		if msg.id != m.wait || m.wait == 0 {
			return m, nil, msg.id != 0 // another pane's, or stale
		}
		m.wait = 0
		if msg.run != nil {
			m.run = msg.run
		}
		m.err = ""
		if msg.err != nil {
			m.err = lessons.SanitizeLine(msg.err.Error()) // the last good run stays on screen
		}
		switch {
		case m.run == nil:
		case m.then == nearFrame:
			m.frame = min(m.frame, m.run.Len()-1)
		case msg.err == nil || !m.editing:
			m.frame = 0
			if m.editing {
				m.editing = false
				m.input.Blur()
			}
		}
		return m, nil, true
	case TickMsg:
		if !m.playing || msg.gen != m.gen || m.run == nil {
			return m, nil, true
		}
		if m.frame >= m.run.Len()-1 {
			m.playing = false
			return m, nil, true
		}
		m.frame++
		return m, m.tick(), true
	case tea.KeyPressMsg:
		if m.editing {
			return m.updateInput(msg)
		}
		return m.updateKey(msg)
	case tea.PasteMsg:
		if !m.editing {
			return m, nil, false
		}
		return m.paste(msg)
	}
	return m, nil, false
}

// paste puts a bracketed paste into the input box at the cursor, cleaned
// of control characters and on one line, or refuses it whole, saying why,
// when the box cannot take all of it.
func (m Model) paste(msg tea.PasteMsg) (Model, tea.Cmd, bool) {
	text := lessons.SanitizeLine(msg.Content)
	n, room := utf8.RuneCountInString(text), InputLimit-utf8.RuneCountInString(m.input.Value())
	if n > room {
		m.err = fmt.Sprintf("a paste of %d characters: the input takes at most %d, and %d more fit: nothing pasted", n, InputLimit, max(room, 0))
		return m, nil, true
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(tea.PasteMsg{Content: text})
	return m, cmd, true
}

func (m Model) updateKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	last := 0
	if m.run != nil {
		last = m.run.Len() - 1
	}
	switch {
	case key.Matches(msg, k.StepForward):
		m.playing = false
		m.frame = min(m.frame+1, last)
	case key.Matches(msg, k.StepBack):
		m.playing = false
		m.frame = max(m.frame-1, 0)
	case key.Matches(msg, k.Restart):
		m.playing = false
		m.frame = 0
	case key.Matches(msg, k.Play):
		if m.run == nil {
			return m, nil, true
		}
		m.playing = !m.playing
		m.gen++
		if m.playing {
			if m.frame >= last {
				m.frame = 0
			}
			return m, m.tick(), true
		}
	case key.Matches(msg, k.Faster):
		m.speed = min(m.speed+1, len(Speeds)-1)
	case key.Matches(msg, k.Slower):
		m.speed = max(m.speed-1, 0)
	case key.Matches(msg, k.Edit):
		m.editing, m.playing = true, false
		m.input.SetValue(visual.JoinArgs(m.Args()))
		m.input.CursorEnd()
		return m, m.input.Focus(), true
	default:
		for i, knob := range m.v.Knobs() {
			if !key.Matches(msg, knob) {
				continue
			}
			if m.run == nil {
				return m, nil, true
			}
			turned, err := m.run.Turn(i, msg.String(), m.frame)
			if err != nil {
				m.err = lessons.SanitizeLine(err.Error())
				return m, nil, true
			}
			return m, m.record(nearFrame, turned.Record), true
		}
		return m, nil, false
	}
	return m, nil, true
}

func (m Model) updateInput(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.editing = false
		m.input.Blur()
		return m, nil, true
	case key.Matches(msg, m.keys.Submit):
		args, err := visual.SplitArgs(m.input.Value())
		if err != nil {
			m.err = lessons.SanitizeLine(err.Error()) // the last good run stays on screen
			return m, nil, true
		}
		v := m.v
		return m, m.record(atStart, func() (visual.Run, error) { return v.Run(args) }), true
	}
	if msg.Text != "" && utf8.RuneCountInString(m.input.Value()) >= InputLimit {
		// The box is full: say so rather than drop keys without a word.
		m.err = fmt.Sprintf("the input takes at most %d characters: what was typed after that was not taken", InputLimit)
		m.full = true
		return m, nil, true
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd, true
}

// Status is a one-line summary: step n/N, the step id, play state, speed.
func (m Model) Status() string {
	if m.run == nil {
		if m.wait != 0 {
			return m.v.Name() + " · recording the run…"
		}
		return m.v.Name() + ": no run"
	}
	f := m.run.Frame(m.frame)
	state := "paused"
	switch {
	case m.wait != 0:
		state = "recording…"
	case m.playing:
		state = "playing"
	}
	return fmt.Sprintf("%s · step %d/%d · %s · %s %s", m.v.Name(), m.frame+1, m.run.Len(), f.Step, state, Speeds[m.speed].Label)
}

// View draws the pane in width x height: the status, the picture, the
// explanation of the step, and the input line (or the input box, or the
// reason the last input was refused).
func (m Model) View(width, height int, st styles.Styles) string {
	if width < 1 || height < 1 {
		return ""
	}
	status := st.Accent.Render(m.Status())
	var explain, foot string
	if f, ok := m.Step(); ok {
		// An explanation may quote the input (a key, a grant id).
		explain = common.Wrap(lessons.Sanitize(f.Explain), width)
	}
	switch {
	case m.editing:
		m.input.SetWidth(max(width-len(m.input.Prompt)-1, 1))
		foot = m.input.View()
		if m.err != "" {
			foot += "\n" + st.Error.Render("refused: "+m.err)
		}
	case m.err != "":
		foot = st.Error.Render("refused: " + m.err)
	default:
		foot = st.Muted.Render("input: " + lessons.SanitizeLine(visual.JoinArgs(m.Args())))
	}
	foot = common.Wrap(foot, width)
	explainLines := strings.Count(explain, "\n") + 1
	footLines := strings.Count(foot, "\n") + 1
	// Small panes drop the foot, then cut the explanation.
	if height < 6 {
		foot, footLines = "", 0
	}
	if explainLines > max(height/3, 1) {
		explain = common.Fit(explain, width, max(height/3, 1))
		explainLines = max(height/3, 1)
	}
	pic := height - 1 - explainLines - footLines
	parts := []string{status}
	if pic > 0 && m.run != nil {
		parts = append(parts, common.Fit(m.run.Render(m.frame, width, pic, st.Theme), width, pic))
	}
	if explain != "" {
		parts = append(parts, st.Theme.Text.Render(explain))
	}
	if foot != "" {
		parts = append(parts, foot)
	}
	return common.Fit(strings.Join(parts, "\n"), width, height)
}
