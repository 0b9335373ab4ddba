package home

import (
	"fmt"
	"time"
)

// Progress is where a lesson's cards are, and when it was last studied.
type Progress struct {
	// Learned counts the cards that have graduated from their learning
	// steps (in review or relearning), Due those due now, New those never
	// answered; cards in their first learning steps are in none of the
	// three but may be due.
	Learned, Due, New int
	// Studied is the last time a card of the lesson was answered or the
	// lesson was open; zero for never.
	Studied time.Time
}

// Continue is the lesson the learner was in last and where in it: the home
// screen offers it first.
type Continue struct {
	// Lesson is the lesson's id.
	Lesson string
	// Step and Steps are the visual's step, counting from 1, and its
	// number of steps; Steps is 0 for a lesson without a visual.
	Step, Steps int
	// Note is how far down the note the reader was, in percent.
	Note int
	// At is when the lesson was left.
	At time.Time
}

// Where says where in the lesson c is: "at step 7/29", or "at 40% of the
// note" for a lesson without a visual.
func (c Continue) Where() string {
	if c.Steps > 0 {
		return fmt.Sprintf("at step %d/%d", c.Step, c.Steps)
	}
	return fmt.Sprintf("at %d%% of the note", c.Note)
}

// Ago says how long before now t was, in the largest unit that fits:
// "just now", "5m ago", "3h ago", "yesterday", "4d ago"; a date past
// sixty days; "never" for the zero time.
func Ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh ago", int(d/time.Hour))
	case d < 48*time.Hour:
		return "yesterday"
	case d < 60*24*time.Hour:
		return fmt.Sprintf("%dd ago", int(d/(24*time.Hour)))
	}
	return "on " + t.In(now.Location()).Format("2 Jan 2006")
}
