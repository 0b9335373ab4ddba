// Package visual is the kernel every visualization is built on, and the
// contract between a solution's visualization and the app that shows it.
//
// A visualization is a Spec: how to parse its input (the same words on the
// command line and in the app's input box) into a typed value and format it
// back, how to record a run of the real solution in solutions/ with the
// solution's observer attached, and how to draw one frame of that recording.
// The kernel does the rest once for all of them: it turns a Spec into a
// Visual, keeps the frames of a Run, clips and memoizes what a frame draws,
// applies knobs to the typed input, prints `tutor trace` (Trace), and
// produces the trace text of a frame only when Trace asks for it.
//
// The app steps through a Run's frames forward and back, draws each with
// Run.Render, shows Frame.Explain under the picture and highlights the
// source line that carries the comment "// step: <Frame.Step>". Recording a
// run can be costly (a 200-machine tree), so the app records in a tea.Cmd,
// never in Update: Visual.Run for a typed line, Run.Turn for a knob.
//
// A visualization draws; it never computes. Everything a frame shows comes
// from an event of the solution's observer.
package visual

import (
	"math/rand/v2"

	"charm.land/bubbles/v2/key"
)

// Visual is one solution's visualization, as the app and `tutor trace` use
// it. Make one with Spec.Visual; the registry in internal/visuals lists
// them all.
type Visual interface {
	// Name is the id used by `tutor trace <name>` and by a lesson's
	// front matter (visual: <name>).
	Name() string
	// Usage is the input syntax on one line, e.g.
	// "--put KEY=VALUE ... [--chunk N]".
	Usage() string
	// DefaultArgs is the input a lesson starts with.
	DefaultArgs() []string
	// Examples are further inputs that, with DefaultArgs, reach every step
	// the solution's source marks.
	Examples() [][]string
	// Run parses args and records the solution running on them. Bad input
	// is an error whose one-line message names the bad value; Run never
	// panics. It may take milliseconds: call it from a tea.Cmd.
	Run(args []string) (Run, error)
	// Source is the solution's Go source shown in the source pane: a file
	// name for the pane's title and the file's text.
	Source() (file, text string)
	// Knobs are the extra keys the visual pane offers for this visual (a
	// cursor to move, an order to pick), in the order Run.Turn numbers
	// them. Nil when there are none.
	Knobs() []key.Binding
	// Exercises are the kinds of generated quiz exercises this solution
	// grades. Nil when there are none.
	Exercises() []ExerciseKind
}

// Run is a recorded run of a solution: frames 0 to Len()-1. A Run does not
// change once recorded, so stepping back is showing an earlier frame. Its
// methods are safe for use by one goroutine at a time.
type Run interface {
	// Args is the input of the run, formatted back from its typed value.
	Args() []string
	// Len is the number of frames, at least 1.
	Len() int
	// Frame is frame i, clamped to 0..Len()-1.
	Frame(i int) Frame
	// Render draws frame i in at most width columns and height rows. It
	// never panics for a width or height of 1 or more; the last frame
	// drawn is remembered, so drawing it again costs nothing.
	Render(i, width, height int, th Theme) string
	// State is the state after frame i as plain text, one or more lines,
	// for `tutor trace`. It is produced on demand.
	State(i int) string
	// Final is the plain result of the whole run, as `tutor trace` prints
	// it last (the stream in hex, the balance, the addresses...). It comes
	// from the solution's own output, not from the frames.
	Final() string
	// Turn applies knob k (an index into Visual.Knobs), pressed as the key
	// pressed, at frame. It returns the new input at once, or why the knob
	// does not apply here; Record on the result records the run on it,
	// and may take as long as Visual.Run.
	Turn(k int, pressed string, frame int) (Turned, error)
}

// Turned is the input a knob gave, with the recording still to do.
type Turned struct {
	// Args is the new input, formatted.
	Args []string
	// Record records the solution on the new input.
	Record func() (Run, error)
}

// Frame is one step of a run.
type Frame struct {
	// Step is the stable id of the step; the solution line that performs
	// it carries the comment "// step: <Step>".
	Step string
	// Explain is one sentence a learner can read.
	Explain string
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
	// Hint, when set, is asked about an answer Check refused. It returns
	// what to change when the answer is in a near-right format that the
	// exercise does not take (a block "10.0.0.0/24" where an address is
	// asked, an octet with a leading zero, a number in words), and ""
	// when the answer is well formed and simply wrong. The quiz shows the
	// hint and lets the learner answer again without grading, so a hint
	// must depend only on the answer's form, never on whether it is
	// right, and must not give the answer away.
	Hint func(answer string) string
}
