package mvccviz

import (
	"errors"
	"fmt"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/mvcc"
)

// recording is one run: the observer's events as frames, the script, and
// the solution's own output.
type recording struct {
	in     input
	title  string
	script *mvcc.Script
	frames []mvcc.Event
	final  string
	out    *mvcc.Outcome
	pal    *palette
}

// record runs the script on the engine with the observer attached, or
// computes Hermitage's table with one frame per cell.
func record(in input) (*recording, error) {
	rec := &recording{in: in}
	observe := func(e mvcc.Event) { rec.frames = append(rec.frames, e) }
	if in.table {
		t, err := mvcc.TableObserved(observe)
		if err != nil {
			return nil, err
		}
		rec.title = "Hermitage's table, computed"
		rec.final = t
		return rec, nil
	}
	name, text, err := in.source()
	if err != nil {
		return nil, err
	}
	s, err := mvcc.ParseScript(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	rec.script = s
	rec.title = fmt.Sprintf("%s %s · %s", in.engine, in.level, name)
	o, err := mvcc.Run(s, mvcc.Options{Engine: in.engine, Level: in.level, Observe: observe})
	var be *mvcc.BlockedError
	switch {
	case errors.As(err, &be):
		rec.final = o.String() + fmt.Sprintf("stopped: %v (at %s this interleaving cannot happen)\n", err, in.level)
	case err != nil:
		return nil, fmt.Errorf("%s: %v", name, err)
	default:
		rec.final = o.String()
	}
	rec.out = o
	if len(rec.frames) == 0 {
		return nil, fmt.Errorf("%s: the script ran no step", name)
	}
	return rec, nil
}

func (r *recording) Len() int { return len(r.frames) }

func (r *recording) Frame(i int) visual.Frame {
	e := r.frames[i]
	return visual.Frame{Step: string(e.Step), Explain: oneLine(e.Explain)}
}

func (r *recording) Final() string { return r.final }

// oneLine keeps an explanation on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
