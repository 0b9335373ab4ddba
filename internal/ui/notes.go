package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
)

// NotesRead is what reading the learner's notes found (Options.ReadNotes).
type NotesRead struct {
	// Catalog is the catalog the app started with, the notes added; nil
	// when Err is set.
	Catalog *lessons.Catalog
	// Notices are lines for the home screen: what was read, and each
	// file skipped or read in part.
	Notices []string
	// Err is why the folder could not be read at all. The app goes on
	// with the lessons it has and shows Err among the notices.
	Err error
	// Shown, when not nil, is called in a command once the app has taken
	// the notes in (its list made again), so that the reader knows what
	// it made for the app is no longer needed.
	Shown func()
}

// notesReadMsg carries what Options.ReadNotes found to Update.
type notesReadMsg NotesRead

// notesReading is the app while Options.ReadNotes runs: the keys pressed
// meanwhile, in order, which are acted on once the notes are in, so that
// a key does what it would have done had the notes been read before the
// first screen (enter on a continue line into a note, a filter that
// matches one, a quiz over every card).
type notesReading struct {
	held []tea.Msg
}

// readNotes is the command that reads the notes.
func (m Model) readNotes() tea.Cmd {
	read := m.opts.ReadNotes
	return func() tea.Msg { return notesReadMsg(read()) }
}

// hold keeps msg, a key or a paste, for when the notes are in. ctrl+c
// quits at once, and so does q when no key is held before it (a held /
// would have made it a letter of the filter).
func (m Model) hold(msg tea.Msg) tea.Cmd {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		if kp.String() == "ctrl+c" || len(m.reading.held) == 0 && !m.capturing() && key.Matches(kp, m.c.Keys.Quit) {
			return tea.Quit
		}
	}
	m.reading.held = append(m.reading.held, msg)
	m.home().SetWaiting(len(m.reading.held))
	return nil
}

// notesRead puts the notes read into the app, then acts on the keys
// held while they were read.
func (m Model) notesRead(r NotesRead) (tea.Model, tea.Cmd) {
	held := m.reading.held
	m.reading = nil
	notices := r.Notices
	if r.Err != nil {
		notices = append(notices, r.Err.Error())
	} else if r.Catalog != nil {
		m.opts.Catalog = r.Catalog
		if m.opts.Quiz != nil {
			m.opts.Quiz.Rename(r.Catalog.FormerIDs())
		}
	}
	m.opts.Notices = append(m.opts.Notices, notices...)
	h := m.home()
	h.SetReading("")
	h.SetNotices(condense(m.opts.Notices, MaxNotices))
	h.SetLessons(m.opts.Catalog.Lessons())
	m.refreshDue()
	var cmds []tea.Cmd
	if m.c.Width > 0 {
		cmds = append(cmds, h.Resize()) // the notices take lines of the list
	}
	if r.Shown != nil {
		cmds = append(cmds, func() tea.Msg { r.Shown(); return nil })
	}
	var next tea.Model = m
	for _, msg := range held {
		var cmd tea.Cmd
		next, cmd = next.Update(msg)
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}
