package tutor

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/resume"
	"tutor/internal/ui"
)

// loadPlaces reads where the learner was in each lesson from the state
// directory. What cannot be read is a notice, never a failure: the
// lessons then open at their start.
func loadPlaces(o Options) (map[string]resume.Place, []string) {
	dir, err := stateDir(o)
	if err != nil {
		return nil, nil // the review log's notice says why there is no folder
	}
	places, warns := resume.Load(dir)
	var notices []string
	for _, w := range warns {
		notices = append(notices, lessons.SanitizeLine(w.Error()))
	}
	return places, notices
}

// savePlaces is the function the app saves places with, or nil when there
// is no state directory.
func savePlaces(o Options) func(map[string]resume.Place) error {
	dir, err := stateDir(o)
	if err != nil {
		return nil
	}
	return func(p map[string]resume.Place) error { return resume.Save(dir, p) }
}

// saveAtExit saves where the learner was when the app ended; a failure is
// one line on stderr and does not change the exit status.
func saveAtExit(e Env, o Options, final tea.Model) {
	fm, ok := final.(ui.Model)
	save := savePlaces(o)
	if !ok || save == nil {
		return
	}
	if places := fm.Places(); len(places) > 0 {
		if err := save(places); err != nil {
			fmt.Fprintln(e.Stderr, "tutor: where you were in the lessons was not saved: "+SafeLine(err.Error()))
		}
	}
}
