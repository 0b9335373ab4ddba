// Package ui is the app: a root model that routes messages to one screen at
// a time (the lesson list, a lesson, a quiz) and draws it. Global keys are
// handled here first; the active screen gets the rest.
package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/home"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/lesson"
	"tutor/internal/ui/markdown"
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
)

func (s State) String() string {
	switch s {
	case HomeScreen:
		return "home"
	case LessonScreen:
		return "lesson"
	case QuizScreen:
		return "quiz"
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
	Quiz *QuizService
	// Visuals are the visualizations lessons name; nil means
	// visuals.All().
	Visuals []visual.Visual
	// StartQuiz opens the app at a quiz session over QuizLesson, or over
	// every lesson when QuizLesson is "".
	StartQuiz  bool
	QuizLesson string
}

// Model is the root model.
type Model struct {
	opts   Options
	c      *common.Common
	state  State
	home   home.Model
	lesson lesson.Model
	quiz   quizScreen
	help   help.Model
	dark   bool
	helpOn bool
	// quizReturn is set while a lesson opened from a quiz answer is on
	// screen: esc goes back to the quiz.
	quizReturn bool
	// start is what the screen New opened asked to do first (record a
	// visual's run, show a card); Init returns it.
	start tea.Cmd
}

// New builds the app.
func New(opts Options) Model {
	opts.Notices = condense(opts.Notices, MaxNotices)
	dark := !opts.Light
	c := &common.Common{Styles: styles.New(dark, opts.Plain), Keys: keys.Default(), Notes: &markdown.Cache{}}
	m := Model{opts: opts, c: c, dark: dark, help: help.New()}
	m.home = home.New(c, opts.Catalog)
	m.restyle()
	if l, ok := opts.Catalog.Lookup(opts.Open); ok {
		m.start = m.openLesson(l)
	}
	if opts.StartQuiz {
		m.start = tea.Batch(m.start, m.startQuiz(opts.QuizLesson))
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

// Lesson is the lesson screen (meaningful when State is LessonScreen).
func (m Model) Lesson() lesson.Model { return m.lesson }

// Init asks the terminal for its background colour and starts what the
// first screen needs.
func (m Model) Init() tea.Cmd {
	if m.opts.Plain {
		return m.start
	}
	return tea.Batch(tea.RequestBackgroundColor, m.start)
}

func (m *Model) restyle() {
	m.c.Styles = styles.New(m.dark, m.opts.Plain)
	m.help.Styles = help.DefaultStyles(m.dark)
	if m.opts.Plain {
		m.help.Styles = help.Styles{}
	}
	m.home.Restyle()
}

func (m *Model) openLesson(l *lessons.Lesson) tea.Cmd {
	var v visual.Visual
	if l.Visual != "" {
		v, _ = m.lookupVisual(l.Visual)
	}
	var rec tea.Cmd
	m.lesson, rec = lesson.New(m.c, l, v, nil)
	m.state = LessonScreen
	return tea.Batch(rec, m.lesson.SetSize())
}

// OpenVisual opens the lesson whose visual is v, with input args: the
// screen a quiz shows to explain an exercise.
func (m *Model) openVisual(lessonID string, args []string) tea.Cmd {
	l, ok := m.opts.Catalog.Lookup(lessonID)
	if !ok {
		return nil
	}
	v, _ := m.lookupVisual(l.Visual)
	var rec tea.Cmd
	m.lesson, rec = lesson.New(m.c, l, v, args)
	m.state = LessonScreen
	return tea.Batch(rec, m.lesson.SetSize())
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

func (m *Model) layout() tea.Cmd {
	m.home.SetSize(m.c.Width, max(m.c.Height-1-len(m.opts.Notices), 1))
	m.help.SetWidth(m.c.Width)
	var cmds []tea.Cmd
	if m.state == LessonScreen || m.lesson.Lesson() != nil {
		cmds = append(cmds, m.lesson.SetSize())
	}
	return tea.Batch(cmds...)
}

func (m Model) capturing() bool {
	switch m.state {
	case HomeScreen:
		return m.home.Capturing()
	case LessonScreen:
		return m.lesson.Capturing()
	case QuizScreen:
		return m.quiz.capturing()
	}
	return false
}

// Update routes a message: sizes and colours to every screen, global keys
// first, then the active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		return m, m.layout()
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.restyle()
			return m, m.layout()
		}
		return m, nil
	case lesson.RenderedMsg:
		if m.lesson.Lesson() != nil {
			var cmd tea.Cmd
			m.lesson, cmd = m.lesson.Update(msg)
			return m, cmd
		}
		return m, nil
	case home.OpenMsg:
		return m, m.openLesson(msg.Lesson)
	case home.QuizMsg:
		return m, m.startQuiz(msg.Lesson)
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
		if !m.capturing() {
			k := m.c.Keys
			switch {
			case key.Matches(msg, k.Quit):
				return m, tea.Quit
			case key.Matches(msg, k.Help):
				m.helpOn = !m.helpOn
				return m, nil
			case m.helpOn && key.Matches(msg, k.Back):
				m.helpOn = false
				return m, nil
			case m.state == LessonScreen && key.Matches(msg, k.Back) && m.quizReturn:
				m.state, m.quizReturn = QuizScreen, false
				return m, nil
			case m.state == LessonScreen && key.Matches(msg, k.Back):
				m.state = HomeScreen
				m.refreshDue()
				return m, nil
			}
		}
	}
	var cmd tea.Cmd
	switch m.state {
	case HomeScreen:
		m.home, cmd = m.home.Update(msg)
	case LessonScreen:
		m.lesson, cmd = m.lesson.Update(msg)
	case QuizScreen:
		return m.updateQuiz(msg)
	}
	return m, cmd
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
	switch m.state {
	case LessonScreen:
		return m.lesson.View()
	case QuizScreen:
		return m.quiz.render(m.c, m.opts.Quiz)
	}
	var b strings.Builder
	b.WriteString(m.home.View())
	for _, n := range m.opts.Notices {
		b.WriteString("\n" + m.c.Styles.Error.Render(" "+n))
	}
	b.WriteString("\n" + m.shortHelp(m.home.ShortBindings()))
	return common.Fit(b.String(), w, h)
}

func (m Model) shortHelp(bs []key.Binding) string {
	return " " + m.help.ShortHelpView(bs)
}

func (m Model) helpView() string {
	var groups [][]key.Binding
	title := "Keys"
	switch m.state {
	case HomeScreen:
		groups, title = m.home.Bindings(), "Keys · lesson list"
	case LessonScreen:
		groups, title = m.lesson.Bindings(), "Keys · lesson"
	case QuizScreen:
		groups, title = m.quiz.bindings(m.c), "Keys · quiz"
	}
	body := m.c.Styles.Header.Render(" "+title) + "\n\n" + indent(m.help.FullHelpView(groups)) +
		"\n\n" + m.c.Styles.Muted.Render(" ? or esc closes this help")
	return common.Fit(body, m.c.Width, m.c.Height)
}

func indent(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}
