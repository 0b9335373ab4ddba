package typeinferviz

import (
	"errors"

	"tutor/internal/visual"
	"tutor/solutions/typeinfer"
)

// phase is the part of the call a frame belongs to.
type phase int

const (
	phWalk  phase = iota // the parameters and arguments walked together
	phSubst              // the return type rewritten
	phDone               // the inferred return type
	phError              // the error the call ends with
)

// frame is one event of the solution's observer, as plain data: drawing
// and tracing it compute nothing the solution knows.
type frame struct {
	step     typeinfer.Step
	explain  string
	phase    phase
	at       string // the event's place (typeinfer.Path.String)
	param    int    // its parameter, from 1; 0 in the return type
	formal   typeinfer.Type
	actual   typeinfer.Type
	bindings []typeinfer.Binding
	conflict int // the index of the binding a conflict breaks, or -1
	visits   int // visit events up to this frame
	substs   int // substitute events up to this frame
	result   typeinfer.Type
	err      *typeinfer.InferError
}

// rewrite is a substitute event: the return node at a place and what it
// became (the zero Type for a tuple, rebuilt from the elements after it).
type rewrite struct {
	at     string
	formal typeinfer.Type
	actual typeinfer.Type
}

// recording is a recorded call: the frames and, in order, the places the
// visit events named and the rewrites the substitute events made. It
// implements visual.Recording.
type recording struct {
	fn       typeinfer.Func
	args     []typeinfer.Type
	edit     int
	frames   []frame
	visited  map[string]int // a place -> the index of its visit event
	rewrites []rewrite
	final    string
}

// record runs InferReturn with its observer attached, a frame an event.
// An ill-typed call is a recording like any other; Final, from
// InferReturn without an observer, says its error.
func record(in input) (*recording, error) {
	r := &recording{fn: in.fn, args: in.args, edit: in.edit, visited: map[string]int{}}
	visits := 0
	inf := typeinfer.Inferer{Observe: func(e typeinfer.Event) {
		f := frame{
			step: e.Step, explain: e.Explain, at: e.At.String(), param: e.At.Param,
			formal: e.Formal, actual: e.Actual, bindings: e.Bindings, conflict: e.Conflict,
			result: e.Result, err: e.Err,
		}
		switch e.Step {
		case typeinfer.StepVisit:
			if _, ok := r.visited[f.at]; !ok {
				r.visited[f.at] = visits
			}
			visits++
		case typeinfer.StepSubstitute:
			r.rewrites = append(r.rewrites, rewrite{f.at, e.Formal, e.Actual})
		}
		f.visits, f.substs = visits, len(r.rewrites)
		switch {
		case e.Err != nil:
			f.phase = phError
		case e.Step == typeinfer.StepReturn:
			f.phase = phDone
		case e.Step == typeinfer.StepSubstitute:
			f.phase = phSubst
		}
		r.frames = append(r.frames, f)
	}}
	_, _ = inf.InferReturn(in.fn, in.args)
	ret, err := typeinfer.InferReturn(in.fn, in.args)
	r.final = finalText(ret, err)
	if len(r.frames) == 0 {
		return nil, errors.New("typeinfer: the solution reported no step")
	}
	return r, nil
}

// finalText is the answer as `tutor trace` prints it last: "returns T",
// or for an ill-typed call a line "why: <detail>" and then, last,
// "error: <kind>: <where>".
func finalText(ret typeinfer.Type, err error) string {
	var ie *typeinfer.InferError
	if errors.As(err, &ie) {
		return "why: " + ie.Detail() + "\nerror: " + ie.Kind.String() + ": " + ie.Where()
	}
	if err != nil {
		return "error: " + err.Error()
	}
	return "returns " + ret.String()
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and explanation.
func (r *recording) Frame(i int) visual.Frame {
	return visual.Frame{Step: string(r.frames[i].step), Explain: r.frames[i].explain}
}

// Final is the solution's answer.
func (r *recording) Final() string { return r.final }
