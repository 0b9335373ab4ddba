package visual

import (
	"fmt"
	"sync"

	"charm.land/bubbles/v2/key"

	"tutor/solutions"
)

// Recording is what a Spec records of one run of its solution: the frames,
// each with what drawing it needs, all taken from the solution's observer.
// The kernel clamps every index to 0..Len()-1 before calling a method.
type Recording interface {
	// Len is the number of frames, at least 1.
	Len() int
	// Frame is frame i's step id and explanation.
	Frame(i int) Frame
	// Draw draws frame i as lines for a box of width columns and height
	// rows. Lines may be too long or too many; the kernel clips them.
	Draw(i, width, height int, th Theme) []string
	// State is the trace text of frame i (see Run.State).
	State(i int) string
	// Final is the solution's own result (see Run.Final).
	Final() string
}

// Spec describes one visualization, typed by its parsed input In and its
// recording Rec. Spec.Visual turns it into the Visual the app and
// `tutor trace` use.
type Spec[In any, Rec Recording] struct {
	// Name is the visual's id (Visual.Name).
	Name string
	// Usage is the input syntax on one line (Visual.Usage).
	Usage string
	// Source is the solution file the frames' step ids are marked in,
	// below solutions/, e.g. "kvstore/codec.go".
	Source string
	// Default is the input a lesson starts with.
	Default []string
	// Examples are further inputs that, with Default, reach every marked
	// step.
	Examples [][]string
	// Parse reads the input words. Its error is one line naming the bad
	// value.
	Parse func(args []string) (In, error)
	// Format writes an input back as words that Parse reads as the same
	// input.
	Format func(in In) []string
	// Record runs the solution on in with its observer attached.
	Record func(in In) (Rec, error)
	// Knobs are the visual's extra keys, each a function of the typed
	// input.
	Knobs []Knob[In, Rec]
	// Exercises are the generated quiz exercises, or nil.
	Exercises []ExerciseKind
}

// Knob is a key the visual pane offers for one visual. Turning it gives a
// new input, computed from the input, the recording and the frame on
// screen; the pane records the new input in a tea.Cmd and stays near the
// frame.
type Knob[In any, Rec Recording] struct {
	// Key is the binding, with its help text. It must not take a key the
	// app takes (see internal/ui/keys); a test holds every visual to it.
	Key key.Binding
	// Turn returns the new input and leaves in as it was. pressed is the
	// key that was pressed, one of Key's keys, so one knob can bind
	// several (0-9, say).
	Turn func(in In, rec Rec, frame int, pressed string) (In, error)
}

// Visual returns the Visual that s describes.
func (s Spec[In, Rec]) Visual() Visual {
	if s.Parse == nil || s.Format == nil || s.Record == nil {
		panic("visual: Spec " + s.Name + " needs Parse, Format and Record")
	}
	return &specVisual[In, Rec]{s: s}
}

type specVisual[In any, Rec Recording] struct {
	s Spec[In, Rec]
}

func (v *specVisual[In, Rec]) Name() string              { return v.s.Name }
func (v *specVisual[In, Rec]) Usage() string             { return v.s.Usage }
func (v *specVisual[In, Rec]) DefaultArgs() []string     { return append([]string(nil), v.s.Default...) }
func (v *specVisual[In, Rec]) Examples() [][]string      { return v.s.Examples }
func (v *specVisual[In, Rec]) Exercises() []ExerciseKind { return v.s.Exercises }

func (v *specVisual[In, Rec]) Knobs() []key.Binding {
	var ks []key.Binding
	for _, k := range v.s.Knobs {
		ks = append(ks, k.Key)
	}
	return ks
}

func (v *specVisual[In, Rec]) Source() (file, text string) {
	file = "solutions/" + v.s.Source
	text, err := solutions.Source(v.s.Source)
	if err != nil {
		return file, "// " + err.Error()
	}
	return file, text
}

func (v *specVisual[In, Rec]) Run(args []string) (Run, error) {
	in, err := v.s.Parse(args)
	if err != nil {
		return nil, err
	}
	return v.record(in)
}

func (v *specVisual[In, Rec]) record(in In) (Run, error) {
	rec, err := v.s.Record(in)
	if err != nil {
		return nil, err
	}
	if rec.Len() < 1 {
		return nil, fmt.Errorf("%s: the run recorded no step", v.s.Name)
	}
	return &run[In, Rec]{v: v, in: in, rec: rec}, nil
}

// run is a Recording with its input, its visual and the memo of the last
// frame drawn.
type run[In any, Rec Recording] struct {
	v   *specVisual[In, Rec]
	in  In
	rec Rec

	mu   sync.Mutex
	memo memo
}

// memo is the last frame drawn and what it was drawn for.
type memo struct {
	ok          bool
	frame, w, h int
	dark, plain bool
	out         string
}

func (r *run[In, Rec]) clamp(i int) int { return max(0, min(i, r.rec.Len()-1)) }

func (r *run[In, Rec]) Args() []string     { return r.v.s.Format(r.in) }
func (r *run[In, Rec]) Len() int           { return r.rec.Len() }
func (r *run[In, Rec]) Frame(i int) Frame  { return r.rec.Frame(r.clamp(i)) }
func (r *run[In, Rec]) State(i int) string { return r.rec.State(r.clamp(i)) }
func (r *run[In, Rec]) Final() string      { return r.rec.Final() }

func (r *run[In, Rec]) Render(i, width, height int, th Theme) string {
	if width < 1 || height < 1 {
		return ""
	}
	i = r.clamp(i)
	key := memo{ok: true, frame: i, w: width, h: height, dark: th.Dark, plain: th.Plain}
	r.mu.Lock()
	defer r.mu.Unlock()
	if m := r.memo; m.ok && m.frame == i && m.w == width && m.h == height && m.dark == th.Dark && m.plain == th.Plain {
		return m.out
	}
	key.out = Clip(r.rec.Draw(i, width, height, th), width, height)
	r.memo = key
	return key.out
}

func (r *run[In, Rec]) Turn(k int, pressed string, frame int) (Turned, error) {
	if k < 0 || k >= len(r.v.s.Knobs) {
		return Turned{}, fmt.Errorf("%s has no knob %d", r.v.s.Name, k)
	}
	in, err := r.v.s.Knobs[k].Turn(r.in, r.rec, r.clamp(frame), pressed)
	if err != nil {
		return Turned{}, err
	}
	return Turned{
		Args:   r.v.s.Format(in),
		Record: func() (Run, error) { return r.v.record(in) },
	}, nil
}
