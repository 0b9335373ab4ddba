// Package ratelimitviz is the visualization of solutions/ratelimit: a
// timeline of arrivals, each marked allowed or denied as the limiter
// decides it, with the limiter's state drawn over it: the fixed window
// the count lives in, the sliding window ending at the current request
// (the log's entries in it, the counter's weighted previous part and its
// current part, the slots), the token bucket's level rising and falling,
// the leaky bucket's queue. A knob switches the limiter on the same
// arrivals, so the edge burst that passes a fixed window fails a sliding
// one.
//
// Its input is the command line of Usage: the limiter, its limit per
// window (and burst, queue or slots), and the arrivals in seconds, one
// request each (--at) or N at one instant (--burst-at N@T). Every frame
// is drawn from the events of the limiter's observer (ratelimit.Event).
package ratelimitviz

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"tutor/internal/visual"
	"tutor/solutions/ratelimit"
)

// usage is the input syntax, Visual.Usage.
const usage = "--limiter fixed|sliding-log|sliding-counter|sliding-slots|token-bucket|leaky-bucket --limit N --window D [--burst B] [--slots S] --at T,T,... [--burst-at N@T,...]"

// limiters are the --limiter names, in the order the m knob cycles them.
var limiters = []ratelimit.Kind{
	ratelimit.KindFixed, ratelimit.KindLog, ratelimit.KindCounter,
	ratelimit.KindSlots, ratelimit.KindBucket, ratelimit.KindLeaky,
}

// maxArrivals bounds an input, so that a run stays a few hundred frames.
const maxArrivals = 200

// maxSeconds bounds an arrival's time.
const maxSeconds = 1e6

// spec is the ratelimit visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "ratelimit",
	Usage:   usage,
	Source:  "ratelimit/allow.go",
	Default: []string{"--limiter", "fixed", "--limit", "5", "--window", "1s", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2"},
	Examples: [][]string{
		{"--limiter", "sliding-log", "--limit", "5", "--window", "1s", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2"},
		{"--limiter", "sliding-counter", "--limit", "5", "--window", "1s", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2,4.1"},
		{"--limiter", "sliding-slots", "--limit", "5", "--window", "1s", "--slots", "4", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2"},
		{"--limiter", "token-bucket", "--limit", "5", "--window", "1s", "--burst", "3", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2"},
		{"--limiter", "leaky-bucket", "--limit", "5", "--window", "1s", "--burst", "2", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2"},
	},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the ratelimit visualization.
func New() visual.Visual { return spec.Visual() }

// input is a parsed command line. Parse(Format(in)) gives in back.
type input struct {
	kind   ratelimit.Kind
	limit  int
	window time.Duration
	burst  int // the token bucket's burst, the leaky bucket's queue; 0: the default
	slots  int // the slot counter's slots; 0: the default
	at     []time.Duration
}

// defaults of the optional flags.
const (
	defaultSlots = 4
)

// burstOr is the burst (or queue) in effect: as given (a queue given
// as 0 is kept as -1), else the limit.
func (in input) burstOr() int {
	switch {
	case in.burst > 0:
		return in.burst
	case in.burst < 0:
		return 0
	}
	return in.limit
}

// slotsOr is the slot count in effect.
func (in input) slotsOr() int {
	if in.slots > 0 {
		return in.slots
	}
	return defaultSlots
}

// listFlag collects a repeated flag of comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		*l = append(*l, strings.TrimSpace(p))
	}
	return nil
}

// parse reads args in the syntax of usage.
func parse(args []string) (input, error) {
	var at, bursts listFlag
	fs := flag.NewFlagSet("ratelimit", flag.ContinueOnError)
	kind := fs.String("limiter", "fixed", "the limiter")
	limit := fs.String("limit", "5", "requests per window")
	window := fs.String("window", "1s", "the window")
	burst := fs.String("burst", "", "the token bucket's burst or the leaky bucket's queue")
	slots := fs.String("slots", "", "the sliding-slots counter's slots")
	fs.Var(&at, "at", "arrival times in seconds")
	fs.Var(&bursts, "burst-at", "N@T: N requests at T seconds")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	in := input{kind: ratelimit.Kind(*kind)}
	if !slices.Contains(limiters, in.kind) {
		return input{}, fmt.Errorf("--limiter %q: want one of %s", *kind, kindList())
	}
	var err error
	if in.limit, err = wholeFlag("limit", *limit, 1, ratelimit.MaxLimit); err != nil {
		return input{}, err
	}
	d, err := time.ParseDuration(*window)
	if err != nil || d < time.Millisecond || d > ratelimit.MaxWindow {
		return input{}, fmt.Errorf("--window %q: want a duration from 1ms to 1h, such as 1s or 500ms", *window)
	}
	in.window = d
	if isSet(fs, "burst") {
		lo := 1
		if in.kind == ratelimit.KindLeaky {
			lo = 0
		}
		if in.burst, err = wholeFlag("burst", *burst, lo, 1000); err != nil {
			return input{}, err
		}
		if in.burst == 0 {
			in.burst = -1 // a queue of 0, given
		}
	}
	if isSet(fs, "slots") {
		if in.slots, err = wholeFlag("slots", *slots, 1, 100); err != nil {
			return input{}, err
		}
	}
	for _, s := range at {
		t, err := seconds("--at", s)
		if err != nil {
			return input{}, err
		}
		in.at = append(in.at, t)
	}
	for _, s := range bursts {
		ns, ts, ok := strings.Cut(s, "@")
		if !ok {
			return input{}, fmt.Errorf("--burst-at %q: want N@T, such as 5@0.95s", s)
		}
		n, err := strconv.Atoi(ns)
		if err != nil || n < 1 || n > maxArrivals {
			return input{}, fmt.Errorf("--burst-at %q: N must be a whole number from 1 to %d", s, maxArrivals)
		}
		t, err := seconds("--burst-at "+strconv.Quote(s)+":", ts)
		if err != nil {
			return input{}, err
		}
		for range n {
			in.at = append(in.at, t)
		}
	}
	if len(in.at) > maxArrivals {
		return input{}, fmt.Errorf("%d arrivals: at most %d", len(in.at), maxArrivals)
	}
	slices.Sort(in.at)
	if in.kind == ratelimit.KindSlots && in.window%time.Duration(in.slotsOr()) != 0 {
		return input{}, fmt.Errorf("--slots %d: the window %v does not cut into %d equal slots", in.slotsOr(), in.window, in.slotsOr())
	}
	return in, nil
}

// kindList is the limiter names, separated by |.
func kindList() string {
	names := make([]string, len(limiters))
	for i, k := range limiters {
		names[i] = string(k)
	}
	return strings.Join(names, "|")
}

// wholeFlag reads --name's value s as a whole number from lo to hi.
func wholeFlag(name, s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("--%s %q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

// seconds reads an arrival time: seconds, with or without a trailing s
// ("0.95", "0.95s"), from 0 up to maxSeconds, to the microsecond.
func seconds(flagName, s string) (time.Duration, error) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > maxSeconds {
		return 0, fmt.Errorf("%s %q: want a time in seconds from 0 to %g, such as 0.95", flagName, s, float64(maxSeconds))
	}
	return time.Duration(math.Round(f*1e6)) * time.Microsecond, nil
}

// isSet reports whether the flag name was given.
func isSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// format writes in back as a command line: the arrivals as --at, and
// instants with several requests as --burst-at.
func format(in input) []string {
	a := []string{"--limiter", string(in.kind), "--limit", strconv.Itoa(in.limit), "--window", in.window.String()}
	switch {
	case in.burst > 0:
		a = append(a, "--burst", strconv.Itoa(in.burst))
	case in.burst < 0:
		a = append(a, "--burst", "0")
	}
	if in.slots > 0 {
		a = append(a, "--slots", strconv.Itoa(in.slots))
	}
	var single, multi []string
	for i := 0; i < len(in.at); {
		j := i
		for j < len(in.at) && in.at[j] == in.at[i] {
			j++
		}
		if j-i == 1 {
			single = append(single, secs(in.at[i]))
		} else {
			multi = append(multi, fmt.Sprintf("%d@%ss", j-i, secs(in.at[i])))
		}
		i = j
	}
	if len(single) > 0 {
		a = append(a, "--at", strings.Join(single, ","))
	}
	if len(multi) > 0 {
		a = append(a, "--burst-at", strings.Join(multi, ","))
	}
	return a
}

// secs writes d in seconds, as short as it reads back exactly.
func secs(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

// origin is the instant of 0 s: the arrivals are seconds after it.
var origin = time.Unix(0, 0)

// newLimiter builds the limiter of in, with obs as its observer (nil:
// none).
func (in input) newLimiter(obs func(ratelimit.Event)) (ratelimit.Limiter, error) {
	switch in.kind {
	case ratelimit.KindFixed:
		l, err := ratelimit.NewFixedWindow(in.limit, in.window)
		if err == nil {
			l.Observe = obs
		}
		return l, err
	case ratelimit.KindLog:
		l, err := ratelimit.NewSlidingLog(in.limit, in.window)
		if err == nil {
			l.Observe = obs
		}
		return l, err
	case ratelimit.KindCounter:
		l, err := ratelimit.NewSlidingCounter(in.limit, in.window)
		if err == nil {
			l.Observe = obs
		}
		return l, err
	case ratelimit.KindSlots:
		l, err := ratelimit.NewSlotCounter(in.limit, in.window, in.slotsOr())
		if err == nil {
			l.Observe = obs
		}
		return l, err
	case ratelimit.KindBucket:
		l, err := ratelimit.NewTokenBucket(in.limit, in.window, in.burstOr())
		if err == nil {
			l.Observe = obs
		}
		return l, err
	default:
		l, err := ratelimit.NewLeakyBucket(in.limit, in.window, in.burstOr())
		if err == nil {
			l.Observe = obs
		}
		return l, err
	}
}

// decide runs the limiter of in over its arrivals without an observer:
// the solution's plain output.
func (in input) decide() ([]bool, error) {
	l, err := in.newLimiter(nil)
	if err != nil {
		return nil, err
	}
	out := make([]bool, len(in.at))
	for i, t := range in.at {
		out[i] = l.Allow(origin.Add(t))
	}
	return out, nil
}
