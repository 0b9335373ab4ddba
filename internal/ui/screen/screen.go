// Package screen is the one interface every screen of the app implements,
// and the navigation a screen asks of the router in return for a message.
// Screens never send navigation messages to each other: the router reads
// the Action an update returns and switches screens itself.
package screen

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Screen is one screen of the app: the lesson list, a lesson, a quiz.
// The router hands it every message while it is on show, and its size
// through the shared common.Common.
type Screen interface {
	// Update handles a message and says where to go next.
	Update(msg tea.Msg) (Screen, tea.Cmd, Action)
	// View draws the screen in exactly the shared Width x Height.
	View() string
	// Resize lays the screen out again for the shared size and style.
	Resize() tea.Cmd
	// Help is the screen's keys for the help view, in groups, and the
	// help view's title.
	Help() (title string, groups [][]key.Binding)
	// Capturing reports whether a text box has the keyboard, so that the
	// router passes it every key, q and ? included.
	Capturing() bool
}

// Target is where an Action goes.
type Target int

// The targets.
const (
	Stay       Target = iota // nothing to do
	Back                     // back to the screen this one was opened from
	OpenLesson               // open Action.Lesson
	ShowRun                  // open Action.Lesson's visual on Action.Args, back to here on esc
	StartQuiz                // a quiz over Action.Lesson, or every lesson when it is ""
	ShowStats                // the stats of the review log
)

// Action is what a screen asks the router to do after an update.
type Action struct {
	Go     Target
	Lesson string
	Args   []string
}

// None is the Action that does nothing.
var None = Action{}
