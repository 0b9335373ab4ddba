// Package stepper is the visual pane: it records a visual.Visual's run on
// an input, steps through the frames of the run forward and back, plays
// them at a speed, turns the visual's knobs, and lets the learner edit the
// input. Under its status line a timeline of the whole run shows where
// each kind of step is (timeline.go); keys jump to the first and last
// step, to step N, to the next or previous step of the current one's kind
// and to the next step that changes the answer (jump.go); the picture
// scrolls when the pane has focus (scroll.go); and in predict mode the
// learner says what happens next before each step is shown (predict.go).
// Every recording happens in a tea.Cmd that returns a RanMsg, never in
// Update. A refused input leaves the last good run on screen with the
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
	"github.com/charmbracelet/x/ansi"

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

	// tl is the timeline of run, made where run was recorded.
	tl *visual.Timeline
	// notice is what the last jump key found instead of a step ("no
	// later step of this kind"), until the next key.
	notice string
	// going is set while the go-to-step prompt (goTo) has the keyboard;
	// goErr is why the number typed was not taken.
	going bool
	goTo  textinput.Model
	goErr string
	// scrolled is set when the learner has scrolled the picture: it
	// shows lines top... of the frame drawn tall. A step clears it, and
	// the picture follows the step again.
	scrolled bool
	top      int
	pm       predictState
	// memo is what View keeps between frames: the box it drew the
	// picture in, the tall picture of a frame, the timeline's marks.
	memo *paneMemo
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
	tl  *visual.Timeline
	err error
	// mutated is set on the run of a mutated input that predict mode
	// draws alternatives from (see visual.Mutate), recorded for base.
	mutated bool
	base    visual.Run
}

// recordings numbers every recording, so that a result meets only the
// pane that asked for it.
var recordings atomic.Int64

// New returns the pane for v and the command that records v on args (v's
// default input when args is nil). A refused input falls back to the
// default input and keeps the reason to show.
func New(v visual.Visual, km keys.Map, args []string) (Model, tea.Cmd) {
	m := Model{v: v, keys: km, speed: 1, memo: &paneMemo{}}
	m.input = textinput.New()
	m.input.Prompt = "input> "
	m.input.CharLimit = InputLimit
	common.SteadyCursor(&m.input)
	m.goTo = textinput.New()
	m.goTo.Prompt = "go to step: "
	m.goTo.CharLimit = 12
	common.SteadyCursor(&m.goTo)
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
		var tl *visual.Timeline
		if r != nil {
			tl = visual.NewTimeline(r) // O(steps): here, not in Update
		}
		return RanMsg{id: id, run: r, tl: tl, err: err}
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
// The first and last step are the scrolling keys g and G (home and end),
// which reach the pane when it has focus.
func (m Model) Bindings() []key.Binding {
	k := m.keys
	b := []key.Binding{k.StepBack, k.StepForward, k.Play, k.Faster, k.Slower, k.Restart, k.Edit,
		relabel(k.Top, "first step"), relabel(k.Bottom, "last step"), k.GoToStep, k.NextKind, k.PrevKind, k.NextChange, k.Predict}
	return append(b, m.v.Knobs()...)
}

// relabel is b with another description, for a key that does one thing
// in the visual pane and another elsewhere.
func relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// Capturing reports whether the pane wants every key, q, esc and ? too:
// the input box or the go-to-step prompt is open, or a prediction waits
// for its answer.
func (m Model) Capturing() bool { return m.editing || m.going || m.pm.asking() }

// CaptureBindings are the keys of what has the keyboard while Capturing,
// for the footer.
func (m Model) CaptureBindings() []key.Binding {
	if m.pm.asking() {
		return m.pm.bindings(m.keys)
	}
	return []key.Binding{m.keys.Submit, m.keys.Cancel}
}

// Timeline is the run's timeline, nil when there is no run.
func (m Model) Timeline() *visual.Timeline { return m.tl }

// Notice is what the last jump key found instead of a step, or "".
func (m Model) Notice() string { return m.notice }

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
		if msg.mutated {
			if msg.id == m.pm.mutWait && msg.base == m.run {
				m.pm.mut, m.pm.mutBase, m.pm.mutWait = msg.run, msg.base, 0
			}
			return m, nil, msg.id != 0
		}
		if msg.id != m.wait || m.wait == 0 {
			return m, nil, msg.id != 0 // another pane's, or stale
		}
		m.wait = 0
		if msg.run != nil {
			m.run, m.tl = msg.run, msg.tl
			if m.tl == nil || m.tl.Len() != m.run.Len() {
				m.tl = visual.NewTimeline(m.run)
			}
			m.scrolled = false
			m.pm.drop()
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
		return m, m.askIfPredicting(), true
	case TickMsg:
		if !m.playing || msg.gen != m.gen || m.run == nil {
			return m, nil, true
		}
		if m.frame >= m.run.Len()-1 {
			m.playing = false
			return m, nil, true
		}
		m.frame++
		m.scrolled = false
		return m, m.tick(), true
	case SavedMsg:
		m.pm.saveErr = ""
		if msg.Err != nil {
			m.pm.saveErr = lessons.SanitizeLine(msg.Err.Error())
		}
		return m, nil, true
	case tea.KeyPressMsg:
		m.notice = ""
		switch {
		case m.editing:
			return m.updateInput(msg)
		case m.going:
			return m.updateGoTo(msg)
		case m.pm.asking():
			return m.updateAnswer(msg)
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
	case m.pm.on && key.Matches(msg, k.StepForward, k.Play):
		// In predict mode the next step is asked before it is shown,
		// in place of an old refusal.
		m.playing, m.err = false, ""
		return m, m.ask(), true
	case m.pm.on && key.Matches(msg, k.Cancel):
		// esc stops predict mode between questions too (see EscBinding).
		m.pm.on, m.pm.has = false, false
	case key.Matches(msg, k.StepForward):
		m.jump(min(m.frame+1, last))
	case key.Matches(msg, k.StepBack):
		m.jump(max(m.frame-1, 0))
	case key.Matches(msg, k.Restart), key.Matches(msg, k.Top):
		m.jump(0)
	case key.Matches(msg, k.Bottom):
		m.jump(last)
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
		m.scroll(msg)
	case key.Matches(msg, k.GoToStep):
		if m.run == nil {
			return m, nil, true
		}
		m.going, m.playing, m.goErr = true, false, ""
		m.goTo.SetValue("")
		return m, m.goTo.Focus(), true
	case key.Matches(msg, k.NextKind, k.PrevKind, k.NextChange):
		m.jumpKey(msg)
	case key.Matches(msg, k.Predict):
		return m, m.togglePredict(), true
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
	case m.pm.on:
		state = "predicting"
	case m.playing:
		state = "playing"
	}
	return fmt.Sprintf("%s · step %d/%d · %s · %s %s", m.v.Name(), m.frame+1, m.run.Len(), f.Step, state, Speeds[m.speed].Label)
}

// The timeline takes a line under the status from TimelineRows rows of
// pane up, and its second line (the caret under the current step, and
// what the step's mark holds) from CaretRows up.
const (
	TimelineRows = 7
	CaretRows    = 10
)

// View draws the pane in width x height: the status, the timeline, the
// picture, the explanation of the step (or the question of predict mode),
// and the input line (or the input box, the go-to-step prompt, the
// predictions so far, or the reason the last input was refused).
func (m Model) View(width, height int, st styles.Styles) string {
	if width < 1 || height < 1 {
		return ""
	}
	foot := common.Wrap(m.footView(width, st), width)
	footLines := strings.Count(foot, "\n") + 1
	// Small panes drop the foot, then cut the explanation.
	if height < 6 {
		foot, footLines = "", 0
	}
	if most := max(height/8, 1); footLines > most && m.footIsInput() {
		// A short pane keeps the input short, for the explanation.
		foot, footLines = cutRows(foot, width, most), most
	}
	tlRows := 0
	if m.tl != nil && height >= TimelineRows {
		tlRows = 1
		if height >= CaretRows {
			tlRows = 2
		}
	}
	room := max(height/3, 1)
	switch {
	case m.pm.asking():
		room = max(height-1-footLines, 1) // the question before the picture
	case m.run != nil && m.memo != nil:
		// The rows a short picture does not need go to the explanation.
		need := len(m.memo.tallLines(m.run, m.frame, width, st.Theme))
		room = max(room, height-1-tlRows-footLines-need)
	}
	explain := m.explainView(width, room, st)
	explainLines := strings.Count(explain, "\n") + 1
	if explainLines > room {
		explain = cutRows(explain, width, room)
		explainLines = room
	}
	var tl []string
	if tlRows > 0 {
		tl = m.timelineView(width, height >= CaretRows, st)
		if m.pm.asking() {
			// The question comes first; the timeline takes what is left.
			tl = tl[:min(len(tl), max(height-1-explainLines-footLines, 0))]
		}
	}
	pic := height - 1 - len(tl) - explainLines - footLines
	status, shown := m.Status(), ""
	if pic > 0 && m.run != nil {
		raw := m.picture(width, pic, st.Theme)
		status = withNote(status, m.scrollNote(raw), width)
		shown = common.Fit(raw, width, pic)
	}
	parts := append([]string{st.Accent.Render(status)}, tl...)
	if shown != "" {
		parts = append(parts, shown)
	}
	if explain != "" {
		parts = append(parts, st.Theme.Text.Render(explain))
	}
	if foot != "" {
		parts = append(parts, foot)
	}
	return common.Fit(strings.Join(parts, "\n"), width, height)
}

// explainView is what goes under the picture: the step's explanation, the
// question of predict mode, or the verdict on a prediction with the
// explanation of the step it revealed.
func (m Model) explainView(width, room int, st styles.Styles) string {
	if m.pm.asking() {
		return m.questionView(width, room, st)
	}
	f, ok := m.Step()
	if !ok {
		return ""
	}
	// An explanation may quote the input (a key, a grant id).
	text := lessons.Sanitize(f.Explain)
	text = common.Wrap(text, width)
	if v := m.pm.verdictAt(m.frame); v != "" {
		// The verdict keeps to one line, cut with …, over the step.
		text = common.Fit(v, width, 1) + "\n" + text
	}
	return text
}

// withNote is the status with the scroll note after it, or, when both do
// not fit in width, the status cut with … and the note's arrow, so that a
// narrow pane still says its picture is cut.
func withNote(status, note string, width int) string {
	if note == "" || ansi.StringWidth(status+note) <= width {
		return status + note
	}
	arrow := note[strings.LastIndex(note, " ")+1:]
	return ansi.Truncate(status, max(width-1-ansi.StringWidth(arrow), 0), "…") + " " + arrow
}

// wrapWords wraps the plain text s to width columns at its spaces only,
// so that an option (--burst-at) or a usage's [--mss N] is not broken at
// its hyphens; a word wider than width is cut across lines.
func wrapWords(s string, width int) string {
	var lines []string
	line := ""
	for i, w := range strings.Split(s, " ") {
		switch {
		case i == 0:
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
		for width > 0 && ansi.StringWidth(line) > width {
			head := ansi.Truncate(line, width, "")
			if head == "" { // a rune wider than the line
				_, n := utf8.DecodeRuneInString(line)
				head = line[:n]
			}
			lines = append(lines, head)
			line = line[len(head):]
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// footIsInput reports whether the foot is the input of the run, which
// nothing else (a box, a prompt, a refusal, a notice, a count) replaced.
func (m Model) footIsInput() bool {
	return !m.editing && !m.going && m.err == "" && m.notice == "" && !m.pm.on
}

// cutRows is the first rows lines of s, the last of them ending in … when
// lines were left out (or cut at width), so that a cut shows.
func cutRows(s string, width, rows int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= rows {
		return s
	}
	lines = lines[:rows]
	last := lines[rows-1]
	if ansi.StringWidth(last) < width {
		lines[rows-1] = last + "…"
	} else {
		lines[rows-1] = ansi.Truncate(last, width-1, "") + "…"
	}
	return strings.Join(lines, "\n")
}

// footView is the last line: the input of the run, the input box or the
// go-to-step prompt, a refusal, a jump's notice, or predict mode's count.
func (m Model) footView(width int, st styles.Styles) string {
	switch {
	case m.editing:
		m.input.SetWidth(max(width-len(m.input.Prompt)-1, 1))
		foot := m.input.View()
		if m.err != "" {
			foot += "\n" + st.Error.Render(wrapWords("refused: "+m.err, width))
		}
		return foot
	case m.going:
		m.goTo.SetWidth(max(width-len(m.goTo.Prompt)-1, 1))
		foot := m.goTo.View()
		if m.goErr != "" {
			foot += "\n" + st.Error.Render(m.goErr)
		}
		return foot
	case m.err != "":
		return st.Error.Render(wrapWords("refused: "+m.err, width))
	case m.notice != "":
		return st.Accent.Render(m.notice)
	case m.pm.on:
		return m.predictFoot(st)
	}
	return st.Muted.Render(wrapWords("input: "+lessons.SanitizeLine(visual.JoinArgs(m.Args())), width))
}
