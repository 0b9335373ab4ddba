package ui

import (
	"maps"
	"math"
	"time"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/resume"
	"tutor/internal/ui/home"
	"tutor/internal/ui/lesson"
	scr "tutor/internal/ui/screen"
	"tutor/internal/visual"
)

// resumeState is where the learner was in each lesson: the places read at
// start (Options.Resume) and those changed since, which the router saves
// when a lesson is left and the app hands back at the end (Places).
type resumeState struct {
	places  map[string]resume.Place
	changed map[string]resume.Place
	// open is the lesson on the lesson screen when it was opened to be
	// resumed (not to show an exercise's run), else "".
	open string
}

func (m *Model) resumes() *resumeState {
	if m.resume == nil {
		m.resume = &resumeState{places: maps.Clone(m.opts.Resume), changed: map[string]resume.Place{}}
		if m.resume.places == nil {
			m.resume.places = map[string]resume.Place{}
		}
	}
	return m.resume
}

// clock is the time now: the quiz service's clock when there is one.
func (m Model) clock() time.Time {
	if m.opts.Quiz != nil && m.opts.Quiz.Now != nil {
		return m.opts.Quiz.Now()
	}
	return time.Now()
}

// openLesson makes the lesson screen for a: a lesson opened as such
// (OpenLesson, without an input of its own) is put back where the
// learner left it; one opened to show a run (ShowRun), or to predict its
// steps from the first (tutor quiz --predict), is not, and leaving it
// does not move the place.
func (m *Model) openLesson(a scr.Action, l *lessons.Lesson, v visual.Visual) (*lesson.Model, tea.Cmd) {
	rs := m.resumes()
	rs.open = ""
	// tutor quiz --predict asks each step of the run from its start.
	predicting := m.opts.Predict && m.screens[LessonScreen] == nil
	if a.Go != scr.OpenLesson || a.Args != nil || predicting {
		return lesson.New(m.c, l, v, a.Args)
	}
	rs.open = l.ID
	p, ok := rs.places[l.ID]
	if !ok {
		return lesson.New(m.c, l, v, nil)
	}
	var args []string
	if v != nil && len(p.Args) > 0 {
		args = p.Args
	}
	lm, rec := lesson.New(m.c, l, v, args)
	lm.Restore(toLesson(p))
	return lm, rec
}

// leave notes the place of the lesson on show when act takes the app
// away from it, and returns the command that saves it.
func (m *Model) leave(act scr.Action) tea.Cmd {
	if m.state != LessonScreen || act.Go == scr.Stay {
		return nil
	}
	if !m.notePlace() || m.opts.SaveResume == nil {
		return nil
	}
	save, changed := m.opts.SaveResume, maps.Clone(m.resume.changed)
	return func() tea.Msg {
		save(changed) // a failure here is reported by the last save, at exit
		return nil
	}
}

// notePlace records where the learner is in the lesson on the lesson
// screen, if it was opened to be resumed; it reports whether it did.
func (m *Model) notePlace() bool {
	rs := m.resumes()
	lm := m.Lesson()
	if lm == nil || rs.open == "" || lm.Lesson().ID != rs.open {
		return false
	}
	p := fromLesson(lm.Place(), m.clock())
	rs.places[rs.open] = p
	rs.changed[rs.open] = p
	return true
}

// Places are the lessons whose place changed while the app ran, with the
// lesson on the lesson screen where it is now: what to save at exit.
func (m Model) Places() map[string]resume.Place {
	m.notePlace()
	return maps.Clone(m.resume.changed)
}

// refreshContinue offers the lesson left last first on the home screen.
func (m *Model) refreshContinue() {
	rs := m.resumes()
	var last *home.Continue
	for id, p := range rs.places {
		if _, ok := m.opts.Catalog.Lookup(id); !ok {
			continue
		}
		if last != nil && !p.At.After(last.At) && !(p.At.Equal(last.At) && id < last.Lesson) {
			continue
		}
		read := int(math.Round(p.Note * 100))
		if p.Read != nil {
			read = max(0, min(*p.Read, 100))
		}
		last = &home.Continue{Lesson: id, Step: p.Step + 1, Steps: p.Steps, Note: read, At: p.At}
	}
	m.home().SetContinue(last)
}

func toLesson(p resume.Place) lesson.Place {
	focus := lesson.NotePane
	switch p.Pane {
	case resume.Visual:
		focus = lesson.VisualPane
	case resume.Source:
		focus = lesson.SourcePane
	}
	return lesson.Place{Note: p.Note, Args: p.Args, Step: p.Step, Steps: p.Steps, Focus: focus, Source: p.Source}
}

func fromLesson(p lesson.Place, at time.Time) resume.Place {
	pane := resume.Note
	switch p.Focus {
	case lesson.VisualPane:
		pane = resume.Visual
	case lesson.SourcePane:
		pane = resume.Source
	}
	return resume.Place{Note: p.Note, Read: &p.Read, Args: p.Args, Step: p.Step, Steps: p.Steps, Pane: pane, Source: p.Source, At: at}
}
