// Package ui is the app: a root model that routes messages to one screen at
// a time (the lesson list, a lesson, a quiz) and draws it. Every screen
// implements scr.Screen; the router keeps them in a table indexed by
// State, handles the global keys first, gives the active screen the rest,
// and carries out the scr.Action each update returns.
package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/resume"
	"tutor/internal/ui/common"
	"tutor/internal/ui/home"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/lesson"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/quizscreen"
	scr "tutor/internal/ui/screen"
	"tutor/internal/ui/stats"
	"tutor/internal/ui/stepper"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// MinWidth and MinHeight are the smallest terminal the app draws screens
// in; below it, it says how much room it needs.
const (
	MinWidth  = 20
	MinHeight = 6
)

// State is the screen on show.
type State int

// The screens.
const (
	HomeScreen State = iota
	LessonScreen
	QuizScreen
	StatsScreen
	numScreens
)

// String names the screen: "home", "lesson", "quiz" or "stats".
func (s State) String() string {
	switch s {
	case HomeScreen:
		return "home"
	case LessonScreen:
		return "lesson"
	case QuizScreen:
		return "quiz"
	case StatsScreen:
		return "stats"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Options configure the app.
type Options struct {
	// Catalog is the lessons, with the learner's notes added.
	Catalog *lessons.Catalog
	// Open is the id of a lesson to open at start, or "".
	Open string
	// Plain turns colour off (NO_COLOR).
	Plain bool
	// Light assumes a light background until the terminal says which it
	// has.
	Light bool
	// Notices are one-line messages to show on the home screen, such as
	// notes that could not be read.
	Notices []string
	// Quiz is the quiz service: the review log and scheduler. Nil turns
	// the quiz off.
	Quiz *quiz.Service
	// Visuals are the visualizations lessons name; nil means
	// visuals.All().
	Visuals []visual.Visual
	// StartQuiz opens the app at a quiz session over QuizLesson, or over
	// every lesson when QuizLesson is "".
	StartQuiz  bool
	QuizLesson string
	// Predict opens the lesson Open with its visual in predict mode.
	Predict bool
	// Stats makes the stats screen's report over the lessons of the
	// catalog from the review log; it does I/O and runs in a command. Nil
	// turns the stats screen off.
	Stats func(*lessons.Catalog) (stats.Report, error)
	// Resume is where the learner was in each lesson, by lesson id: a
	// lesson opens there, and home offers the one left last first.
	// SaveResume saves the places changed when a lesson is left (in a
	// command); nil saves nothing. See Places.
	Resume     map[string]resume.Place
	SaveResume func(map[string]resume.Place) error
	// ReadNotes, when not nil, reads the learner's notes while the first
	// screen is up: the app starts with Catalog, runs ReadNotes in a
	// command, and then goes on with the catalog it returns. Meanwhile the
	// home screen's status line says "reading NotesFolder…" and the keys
	// pressed wait for the notes (see notesReading).
	ReadNotes   func() NotesRead
	NotesFolder string
}

// Model is the root model.
type Model struct {
	opts    Options
	c       *common.Common
	state   State
	screens [numScreens]scr.Screen // nil: not opened yet
	// from is the screen each screen goes back to.
	from    [numScreens]State
	dark    bool
	helpOn  bool
	helpTop int // the first line of the help on screen
	// start is what the screen New opened asked to do first (record a
	// visual's run, show a card); Init returns it.
	start tea.Cmd
	// resume is where the learner was in each lesson (resume.go).
	resume *resumeState
	// reading is set while the notes are read (notes.go).
	reading *notesReading
}

// New builds the app.
func New(opts Options) Model {
	opts.Notices = condense(opts.Notices, MaxNotices)
	dark := !opts.Light
	c := &common.Common{Styles: styles.New(dark, opts.Plain), Keys: keys.Default(), Notes: &markdown.Cache{}, Help: help.New()}
	m := Model{opts: opts, c: c, dark: dark}
	m.screens[HomeScreen] = home.New(c, opts.Catalog, opts.Notices)
	m.restyle()
	if opts.Open != "" {
		m.start = m.navigate(scr.Action{Go: scr.OpenLesson, Lesson: opts.Open})
		if l := m.Lesson(); l != nil && opts.Predict {
			m.start = tea.Batch(m.start, l.Predict())
		}
	}
	if opts.StartQuiz {
		m.start = tea.Batch(m.start, m.navigate(scr.Action{Go: scr.StartQuiz, Lesson: opts.QuizLesson}))
	}
	if opts.ReadNotes != nil {
		m.reading = &notesReading{}
		m.home().SetReading(opts.NotesFolder)
	}
	m.refreshDue()
	return m
}

// MaxNotices is how many lines of notices the home screen gives up at most.
const MaxNotices = 3

// condense keeps the first max-1 notices and counts the rest in a last
// line, so a log with many bad lines cannot push the lessons off the
// screen.
func condense(notices []string, max int) []string {
	if len(notices) <= max {
		return notices
	}
	out := append([]string(nil), notices[:max-1]...)
	return append(out, fmt.Sprintf("… and %d more like these", len(notices)-(max-1)))
}

// State is the screen on show.
func (m Model) State() State { return m.state }

// Lesson is the lesson screen, or nil when no lesson has been opened.
func (m Model) Lesson() *lesson.Model {
	l, _ := m.screens[LessonScreen].(*lesson.Model)
	return l
}

// Quiz is the quiz screen, or nil when no quiz has been started.
func (m Model) Quiz() *quizscreen.Model {
	q, _ := m.screens[QuizScreen].(*quizscreen.Model)
	return q
}

func (m Model) home() *home.Model { return m.screens[HomeScreen].(*home.Model) }

// Init asks the terminal for its background colour and starts what the
// first screen needs.
func (m Model) Init() tea.Cmd {
	start := m.start
	if m.reading != nil {
		start = tea.Batch(start, m.readNotes())
	}
	if m.opts.Plain {
		return start
	}
	return tea.Batch(tea.RequestBackgroundColor, start)
}

func (m *Model) restyle() {
	m.c.Styles = styles.New(m.dark, m.opts.Plain)
	m.c.Help.Styles = help.DefaultStyles(m.dark)
	if m.opts.Plain {
		m.c.Help.Styles = help.Styles{}
	}
}

// resize lays every opened screen out again.
func (m *Model) resize() tea.Cmd {
	m.c.Help.SetWidth(m.c.Width)
	var cmds []tea.Cmd
	for _, s := range m.screens {
		if s != nil {
			cmds = append(cmds, s.Resize())
		}
	}
	return tea.Batch(cmds...)
}

// lookupVisual finds the visual a lesson names.
func (m Model) lookupVisual(name string) (visual.Visual, bool) {
	if name == "" {
		return nil, false
	}
	if m.opts.Visuals == nil {
		return visuals.Lookup(name)
	}
	for _, v := range m.opts.Visuals {
		if v.Name() == name {
			return v, true
		}
	}
	return nil, false
}

// deck is the quiz deck of lesson id, or of every lesson when id is "".
func (m Model) deck(id string) []quiz.Card {
	return quiz.Deck(m.opts.Catalog, id, func(l *lessons.Lesson) []visual.ExerciseKind {
		if v, ok := m.lookupVisual(l.Visual); ok {
			return m.exercisesOf(v)
		}
		return nil
	})
}

// refreshDue counts the due cards per lesson for the home screen.
func (m *Model) refreshDue() {
	m.refreshContinue()
	if m.opts.Quiz == nil {
		return
	}
	deck := m.deck("")
	_, total := m.opts.Quiz.Due(deck)
	m.home().SetProgress(m.lessonProgress(deck, m.opts.Quiz.Now()), m.opts.Quiz.Now())
	m.home().SetTitle(total)
}

// show puts screen s on show, to go back to the current one.
func (m *Model) show(s State, scr scr.Screen) {
	if s != m.state {
		m.from[s] = m.state
	}
	m.screens[s] = scr
	m.state = s
	m.helpOn = false
}

// navigate carries out what a screen asked for.
func (m *Model) navigate(a scr.Action) tea.Cmd {
	switch a.Go {
	case scr.Back:
		to := m.from[m.state]
		if m.screens[to] == nil {
			to = HomeScreen
		}
		m.state = to
		if to == HomeScreen {
			m.from = [numScreens]State{}
		}
		m.refreshDue()
	case scr.OpenLesson, scr.ShowRun:
		l, ok := m.opts.Catalog.Lookup(a.Lesson)
		if !ok {
			return nil
		}
		v, _ := m.lookupVisual(l.Visual)
		lm, rec := m.openLesson(a, l, v)
		m.show(LessonScreen, lm)
		return tea.Batch(rec, lm.Resize())
	case scr.StartQuiz:
		if m.opts.Quiz == nil {
			return nil
		}
		title := "all lessons"
		if l, ok := m.opts.Catalog.Lookup(a.Lesson); ok {
			title = l.Title
		}
		qm, cmd := quizscreen.New(m.c, m.opts.Quiz, m.deck(a.Lesson), title)
		m.show(QuizScreen, qm)
		return cmd
	case scr.ShowStats:
		if m.opts.Stats == nil {
			return nil
		}
		report, cat := m.opts.Stats, m.opts.Catalog
		sm, cmd := stats.New(m.c, func() (stats.Report, error) { return report(cat) })
		m.show(StatsScreen, sm)
		return cmd
	}
	return nil
}

// capturing reports whether the screen on show has a text box with the
// keyboard.
func (m Model) capturing() bool { return m.screens[m.state].Capturing() }

// Update routes a message: sizes and colours to every screen, a recorded
// run or a rendered note to the lesson, a saved answer to the quiz, global
// keys first, then the active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	to := m.state
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		return m, m.resize()
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.restyle()
			return m, m.resize()
		}
		return m, nil
	case lesson.RenderedMsg, stepper.RanMsg, stepper.TickMsg, stepper.SavedMsg:
		to = LessonScreen
	case stepper.PredictedMsg:
		return m, m.predicted(msg)
	case quizscreen.SavedMsg:
		to = QuizScreen
	case stats.LoadedMsg:
		to = StatsScreen
	case notesReadMsg:
		return m.notesRead(NotesRead(msg))
	case tea.PasteMsg:
		if m.reading != nil {
			return m, m.hold(msg)
		}
	case tea.KeyPressMsg:
		if m.reading != nil {
			return m, m.hold(msg)
		}
		if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
		if !m.capturing() {
			k := m.c.Keys
			switch {
			case key.Matches(msg, k.Quit):
				return m, tea.Quit
			case key.Matches(msg, k.Help):
				m.helpOn, m.helpTop = !m.helpOn, 0
				return m, nil
			case m.helpOn && key.Matches(msg, k.Back):
				m.helpOn = false
				return m, nil
			}
		}
		if m.helpOn {
			// The help has every key while it is open: it scrolls, and
			// nothing reaches the screen under it.
			m.helpTop = m.scrollHelp(msg)
			return m, nil
		}
	}
	s := m.screens[to]
	if s == nil {
		return m, nil
	}
	s, cmd, act := s.Update(msg)
	m.screens[to] = s
	return m, tea.Batch(cmd, m.leave(act), m.navigate(act))
}

// View draws the active screen, or the help, on the alternate screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "tutor"
	return v
}

// Render is the screen as a string, exactly Width x Height once the size
// is known.
func (m Model) Render() string {
	w, h := m.c.Width, m.c.Height
	if w == 0 || h == 0 {
		return ""
	}
	if w < MinWidth || h < MinHeight {
		return common.Fit(fmt.Sprintf("tutor needs %dx%d; this is %dx%d", MinWidth, MinHeight, w, h), w, h)
	}
	if m.helpOn {
		return m.helpView()
	}
	return m.screens[m.state].View()
}

// helpLines is the help: the screen's bindings in groups, side by side
// when they fit the width, else one group under another.
func (m Model) helpLines() []string {
	title, groups := m.screens[m.state].Help()
	h := m.c.Help
	h.SetWidth(0) // measure it whole: the help model cuts at its width
	keys := common.Indent(h.FullHelpView(groups))
	if lipgloss.Width(keys) > m.c.Width {
		var b strings.Builder
		for i, g := range groups {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(h.FullHelpView([][]key.Binding{g}))
		}
		keys = common.Indent(b.String())
	}
	body := m.c.Styles.Header.Render(" Keys · "+title) + "\n\n" + keys
	return strings.Split(common.Wrap(body, m.c.Width), "\n")
}

// scrollHelp is the help's first line after key msg.
func (m Model) scrollHelp(msg tea.KeyPressMsg) int {
	k := m.c.Keys
	room := max(m.c.Height-1, 1)
	last := max(len(m.helpLines())-room, 0)
	top := m.helpTop
	switch {
	case key.Matches(msg, k.Down):
		top++
	case key.Matches(msg, k.Up):
		top--
	case key.Matches(msg, k.PageDown):
		top += room
	case key.Matches(msg, k.PageUp):
		top -= room
	case key.Matches(msg, k.Top):
		top = 0
	case key.Matches(msg, k.Bottom):
		top = last
	}
	return max(0, min(top, last))
}

func (m Model) helpView() string {
	lines := m.helpLines()
	room := max(m.c.Height-1, 1)
	top := max(0, min(m.helpTop, len(lines)-room))
	lines = lines[top:min(len(lines), top+room)]
	foot := " ? or esc closes this help"
	if len(m.helpLines()) > room {
		foot = " ↑↓ scroll · ? or esc closes this help"
	}
	return common.Fit(strings.Join(lines, "\n"), m.c.Width, room) + "\n" +
		common.Fit(m.c.Styles.Muted.Render(foot), m.c.Width, 1)
}
