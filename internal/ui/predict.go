package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/ui/stepper"
	"tutor/internal/visual"
)

// predicted grades an answer of a visual pane's predict mode through the
// quiz service and returns the command that appends its record to the
// review log; the pane hears back in a stepper.SavedMsg. Without a quiz
// service nothing is saved, and the pane says why.
func (m Model) predicted(msg stepper.PredictedMsg) tea.Cmd {
	q := m.opts.Quiz
	if q == nil {
		return func() tea.Msg { return stepper.SavedMsg{Err: errNoQuiz} }
	}
	rec := q.Predicted(msg.Card, msg.Right, msg.Took)
	return func() tea.Msg { return stepper.SavedMsg{Err: q.Save(rec)} }
}

type noQuizError struct{}

func (noQuizError) Error() string { return "the quiz is off" }

var errNoQuiz error = noQuizError{}

// exercisesOf are the exercise kinds of v's lessons' decks: v's own, and
// its predict card once the learner has predicted in its runs.
func (m Model) exercisesOf(v visual.Visual) []visual.ExerciseKind {
	ks := v.Exercises()
	if m.opts.Quiz != nil {
		if more := m.opts.Quiz.PredictKinds(v); len(more) > 0 {
			ks = append(slices.Clip(ks), more...)
		}
	}
	return ks
}
