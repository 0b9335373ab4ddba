// Package visual is the contract between a solution's visualization and the
// app that shows it.
//
// A Visual parses an input (the same words on the command line and in the
// app's input box), runs the real solution in solutions/ with its observer
// attached, and records what the observer saw as a Run: a list of frames, one
// a step. The app steps through the frames forward and back, draws each with
// Run.Render, shows Frame.Explain under the picture and highlights the source
// line that carries the comment "// step: <Frame.Step>". `tutor trace` prints
// the same frames as plain text with Trace.
//
// A visualization draws; it never computes. Everything a frame shows comes
// from an event of the solution's observer.
package visual

import (
	"math/rand/v2"

	"charm.land/bubbles/v2/key"
)

// Visual is one solution's visualization. Implementations live in
// internal/ui/<name>viz and are listed in internal/ui/visuals.
type Visual interface {
	// Name is the id used by `tutor trace <name>` and by a lesson's
	// front matter (visual: <name>).
	Name() string
	// Usage is the input syntax on one line, e.g.
	// "--put KEY=VALUE ... [--chunk N]".
	Usage() string
	// DefaultArgs is the input a lesson starts with.
	DefaultArgs() []string
	// Run parses args and runs the solution on them. Bad input is an error
	// whose one-line message names the bad value; Run never panics.
	Run(args []string) (Run, error)
	// Source is the solution's Go source shown in the source pane: a file
	// name for the pane's title and the file's text.
	Source() (file, text string)
	// Knobs are extra keys the visual pane offers for this visual (a cursor
	// to move, an order to pick). Nil when there are none.
	Knobs() []Knob
	// Exercises are the kinds of generated quiz exercises this solution
	// grades. Nil when there are none.
	Exercises() []ExerciseKind
}

// Run is a recorded run of a solution: frames 0 to Len()-1.
// A Run is immutable once returned, so stepping back is showing an earlier
// frame.
type Run interface {
	// Len is the number of frames, at least 1.
	Len() int
	// Frame is frame i, 0 <= i < Len().
	Frame(i int) Frame
	// Render draws frame i in at most width columns and height rows.
	// It must not panic for any width or height >= 1, and must not
	// compute anything the solution did not report.
	Render(i, width, height int, th Theme) string
	// Final is the plain result of the whole run, as `tutor trace` prints
	// it last (the stream in hex, the balance, the addresses...). It is
	// derived from the solution's own output, not from the frames.
	Final() string
}

// Frame is one step of a run.
type Frame struct {
	// Step is the stable id of the step; the solution line that performs
	// it carries the comment "// step: <Step>".
	Step string
	// Explain is one sentence a learner can read.
	Explain string
	// State is the state after the step as plain text, one or more lines,
	// for `tutor trace`.
	State string
}

// Knob is a key the visual pane offers for one visual. Turning it gives a
// new input; the pane re-runs the visual on it and stays near frame.
type Knob struct {
	// Key is the binding, with its help text. Keys the app uses are taken:
	// q ? tab shift+tab h l j k b f g G n N c r e s / + - = _ space enter
	// esc left right up down pgup pgdown home end ctrl+u ctrl+d.
	Key key.Binding
	// Turn returns the new input given the current run, frame and input.
	Turn func(r Run, frame int, args []string) ([]string, error)
	// TurnKey, when set, is called instead of Turn with the key pressed
	// (one of Key's keys), so one knob can bind several keys: 0-9, say.
	TurnKey func(key string, r Run, frame int, args []string) ([]string, error)
}

// Apply turns k for the key pressed.
func (k Knob) Apply(pressed string, r Run, frame int, args []string) ([]string, error) {
	if k.TurnKey != nil {
		return k.TurnKey(pressed, r, frame, args)
	}
	return k.Turn(r, frame, args)
}

// ExerciseKind is one kind of generated quiz exercise.
type ExerciseKind struct {
	// ID is stable: the scheduler keys review history on it,
	// e.g. "kvstore.put-hex".
	ID string
	// Title names the kind for a person, e.g. "bytes of put(k, v)".
	Title string
	// New draws a random exercise of this kind.
	New func(r *rand.Rand) Exercise
}

// Exercise is one generated question, graded by the solution itself.
type Exercise struct {
	// Question is the prompt; it may span lines.
	Question string
	// Answer is the right answer in its canonical form, shown when the
	// learner is wrong.
	Answer string
	// Check reports whether answer is right. It parses leniently (case,
	// spaces) and asks the solution.
	Check func(answer string) bool
	// Args is an input for the visual that shows the answer being
	// computed. Nil when the visual cannot show it.
	Args []string
}
