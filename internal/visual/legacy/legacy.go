// Package legacy is the old shape of a visualization, before the kernel
// of package visual: each Visual parsed, recorded, drew and turned its
// knobs by itself. Adapt runs one on the kernel. It lives only while the
// visualizations move onto visual.Spec, and goes with the last of them.
package legacy

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
)

// The kernel's types and helpers, under the names the old packages use.
type (
	Theme        = visual.Theme
	ExerciseKind = visual.ExerciseKind
	Exercise     = visual.Exercise
)

// NewTheme is visual.NewTheme.
func NewTheme(dark, plain bool) Theme { return visual.NewTheme(dark, plain) }

// Clip is visual.Clip.
func Clip(lines []string, width, height int) string { return visual.Clip(lines, width, height) }

// ParseFlags is visual.ParseFlags.
func ParseFlags(fs *flag.FlagSet, args []string, usage string) error {
	return visual.ParseFlags(fs, args, usage)
}

// StepLines is visual.StepLines.
func StepLines(src string) map[string]int { return visual.StepLines(src) }

// JoinArgs is visual.JoinArgs.
func JoinArgs(args []string) string { return visual.JoinArgs(args) }

// rec is an old Run seen as a kernel Recording.
type rec struct{ r Run }

func (x rec) Len() int { return x.r.Len() }
func (x rec) Frame(i int) visual.Frame {
	f := x.r.Frame(i)
	return visual.Frame{Step: f.Step, Explain: f.Explain}
}
func (x rec) State(i int) string { return x.r.Frame(i).State }
func (x rec) Final() string      { return x.r.Final() }
func (x rec) Draw(i, w, h int, th Theme) []string {
	return strings.Split(x.r.Render(i, w, h, th), "\n")
}

// Adapt runs v on the kernel.
func Adapt(v Visual) visual.Visual {
	file, _ := v.Source()
	s := visual.Spec[[]string, rec]{
		Name:      v.Name(),
		Usage:     v.Usage(),
		Source:    strings.TrimPrefix(file, "solutions/"),
		Default:   v.DefaultArgs(),
		Parse:     func(args []string) ([]string, error) { _, err := v.Run(args); return args, err },
		Format:    func(args []string) []string { return args },
		Record:    func(args []string) (rec, error) { r, err := v.Run(args); return rec{r}, err },
		Exercises: v.Exercises(),
	}
	for _, k := range v.Knobs() {
		s.Knobs = append(s.Knobs, visual.Knob[[]string, rec]{
			Key: k.Key,
			Turn: func(args []string, r rec, frame int, pressed string) ([]string, error) {
				return k.Apply(pressed, r.r, frame, args)
			},
		})
	}
	return s.Visual()
}

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

// Trace writes an old run r as plain text, the output of `tutor trace`: one block a
// step (its number, step id, explanation, and the state indented), then a
// blank line and r.Final().
func Trace(w io.Writer, r Run) error {
	n := r.Len()
	var b strings.Builder
	for i := range n {
		f := r.Frame(i)
		fmt.Fprintf(&b, "step %d/%d  %s\n", i+1, n, f.Step)
		fmt.Fprintf(&b, "  %s\n", f.Explain)
		if s := strings.TrimRight(f.State, "\n"); s != "" {
			for line := range strings.SplitSeq(s, "\n") {
				fmt.Fprintf(&b, "    %s\n", line)
			}
		}
		b.WriteByte('\n')
	}
	b.WriteString(strings.TrimRight(r.Final(), "\n"))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// SplitArgs is visual.SplitArgs.
func SplitArgs(line string) ([]string, error) { return visual.SplitArgs(line) }
