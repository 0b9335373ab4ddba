package ratelimitviz

import (
	"fmt"
	"time"

	"tutor/internal/visual"
	"tutor/solutions/ratelimit"
)

// frame is one recorded step: the limiter's event, which arrival it is
// about, and how many arrivals are decided once it is shown. It is plain
// data: drawing and tracing it compute nothing the limiter knows.
type frame struct {
	ev      ratelimit.Event
	explain string
	req     int // the arrival the step is about
	decided int // arrivals decided after this step
}

// recording is a recorded run: the arrivals, the decision and the level
// (tokens or queue length) after each, the window starts the limiter
// reported, and the frames. It implements visual.Recording.
type recording struct {
	in        input
	at        []time.Duration
	allowed   []bool    // by arrival, from the allow and deny events
	reason    []string  // by arrival, the deny reason
	level     []float64 // by arrival: tokens (bucket), queue length (leaky) after the decision
	windows   []time.Duration
	frames    []frame
	final     string
	decisions []bool // the solution's own, run without an observer
}

// record runs the limiter of in over the arrivals with its observer
// attached, a frame per event. Final counts the decisions of a second
// run without the observer.
func record(in input) (*recording, error) {
	r := &recording{
		in: in, at: in.at,
		allowed: make([]bool, len(in.at)), reason: make([]string, len(in.at)),
		level: make([]float64, len(in.at)),
	}
	req := 0
	seen := map[time.Duration]bool{}
	obs := func(e ratelimit.Event) {
		f := frame{ev: e, explain: e.Explain(origin), req: req, decided: req}
		if !e.WindowStart.IsZero() && (e.Limiter == ratelimit.KindFixed || e.Limiter == ratelimit.KindCounter) {
			if w := e.WindowStart.Sub(origin); !seen[w] {
				seen[w] = true
				r.windows = append(r.windows, w)
			}
		}
		switch e.Step {
		case ratelimit.StepFixedAllow, ratelimit.StepLogAllow, ratelimit.StepCounterAllow,
			ratelimit.StepSlotsAllow, ratelimit.StepBucketAllow, ratelimit.StepLeakyAllow,
			ratelimit.StepFixedDeny, ratelimit.StepLogDeny, ratelimit.StepCounterDeny,
			ratelimit.StepSlotsDeny, ratelimit.StepBucketDeny, ratelimit.StepLeakyDrop:
			r.allowed[req] = e.Allowed
			r.reason[req] = string(e.Reason)
			r.level[req] = e.Tokens
			if e.Limiter == ratelimit.KindLeaky {
				r.level[req] = float64(e.Count)
			}
			f.decided = req + 1
		}
		r.frames = append(r.frames, f)
	}
	l, err := in.newLimiter(obs)
	if err != nil {
		return nil, err
	}
	for i, t := range in.at {
		req = i
		l.Allow(origin.Add(t))
	}
	if r.decisions, err = in.decide(); err != nil {
		return nil, err
	}
	a := 0
	for _, ok := range r.decisions {
		if ok {
			a++
		}
	}
	r.final = fmt.Sprintf("allowed %d · denied %d", a, len(r.decisions)-a)
	if len(r.frames) == 0 {
		r.frames = append(r.frames, frame{
			ev:      ratelimit.Event{Step: arriveStep[in.kind], Limiter: in.kind, Limit: in.limit, Window: in.window},
			explain: "no requests arrive: give some with --at or --burst-at",
		})
	}
	return r, nil
}

// arriveStep is each limiter's first step, named by the frame of a run
// with no arrivals.
var arriveStep = map[ratelimit.Kind]ratelimit.Step{
	ratelimit.KindFixed:   ratelimit.StepFixedArrive,
	ratelimit.KindLog:     ratelimit.StepLogArrive,
	ratelimit.KindCounter: ratelimit.StepCounterArrive,
	ratelimit.KindSlots:   ratelimit.StepSlotsArrive,
	ratelimit.KindBucket:  ratelimit.StepBucketArrive,
	ratelimit.KindLeaky:   ratelimit.StepLeakyArrive,
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and explanation.
func (r *recording) Frame(i int) visual.Frame {
	f := r.frames[i]
	return visual.Frame{Step: string(f.ev.Step), Explain: f.explain}
}

// Final is the solution's count of allowed and denied requests.
func (r *recording) Final() string { return r.final }
