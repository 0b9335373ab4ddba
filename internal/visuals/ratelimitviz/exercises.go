package ratelimitviz

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"tutor/internal/visual"
	"tutor/solutions/ratelimit"
)

// exercises are the generated quiz exercises, each graded by running the
// limiter itself.
var exercises = []visual.ExerciseKind{
	{ID: "ratelimit.fixed-allowed", Title: "fixed window: is the last request allowed?", New: newAllowed(ratelimit.KindFixed)},
	{ID: "ratelimit.log-allowed", Title: "sliding log: is the last request allowed?", New: newAllowed(ratelimit.KindLog)},
	{ID: "ratelimit.counter-estimate", Title: "sliding counter: the estimate", New: newEstimate},
	{ID: "ratelimit.bucket-count", Title: "token bucket: how many pass?", New: newBucketCount},
}

// tenths draws n instants in tenths of a second in [0, hi) tenths,
// sorted, as durations.
func tenths(r *rand.Rand, n, hi int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(r.IntN(hi)) * 100 * time.Millisecond
	}
	slices.Sort(out)
	return out
}

// list writes instants in seconds, separated by commas.
func list(ts []time.Duration) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = secs(t)
	}
	return strings.Join(parts, ", ")
}

// newAllowed asks whether the last of a few requests is allowed by a
// limiter of kind, 3 to 5 a second: the edge of a window half the time.
func newAllowed(kind ratelimit.Kind) func(*rand.Rand) visual.Exercise {
	return func(r *rand.Rand) visual.Exercise {
		in := input{kind: kind, limit: 3 + r.IntN(3), window: time.Second}
		in.at = tenths(r, in.limit+r.IntN(3), 20)
		last := in.at[len(in.at)-1] + time.Duration(r.IntN(4))*50*time.Millisecond
		if r.IntN(2) == 0 {
			last = time.Second + time.Duration(r.IntN(3))*50*time.Millisecond
			in.at = tenths(r, in.limit+r.IntN(2), 10)
		}
		in.at = append(in.at, max(last, in.at[len(in.at)-1]))
		d, _ := in.decide()
		ok := d[len(d)-1]
		answer := "no"
		if ok {
			answer = "yes"
		}
		return visual.Exercise{
			Question: fmt.Sprintf("A %s limiter allows %d requests per second. Requests arrive at %s (seconds). Is the last one, at %ss, allowed? (yes or no)",
				names[kind], in.limit, list(in.at), secs(in.at[len(in.at)-1])),
			Answer: answer,
			Check: func(s string) bool {
				got, known := yesNo(s)
				return known && got == ok
			},
			Hint: yesNoHint,
			Args: format(in),
		}
	}
}

// yesNo reads yes, no, allowed or denied, in any case.
func yesNo(s string) (answer, known bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "allowed", "allow", "true":
		return true, true
	case "no", "n", "denied", "deny", "false":
		return false, true
	}
	return false, false
}

// yesNoHint says what to change in an answer that is not yes or no; ""
// for one, right or wrong.
func yesNoHint(s string) string {
	if _, known := yesNo(s); known || strings.TrimSpace(s) == "" {
		return ""
	}
	return "answer yes (allowed) or no (denied)"
}

// estimateHint says what to change in an answer that is not a number;
// "" for one, right or wrong.
func estimateHint(s string) string {
	s = strings.TrimSpace(s)
	if _, err := strconv.ParseFloat(s, 64); err == nil || s == "" {
		return ""
	}
	if strings.Contains(s, "/") || strings.Contains(s, "%") {
		return "give the estimate as a number of requests, e.g. 7.5, not a ratio"
	}
	return "write the estimate alone as a number, e.g. 7.5 (decimals allowed)"
}

// countHint says what to change in an answer that is not a count in
// digits; "" for one, right or wrong.
func countHint(s string) string {
	s = strings.TrimSpace(s)
	if _, err := strconv.Atoi(s); err == nil || s == "" {
		return ""
	}
	return "write how many are allowed, in digits, e.g. 2"
}

// newEstimate asks for the sliding counter's estimate: P requests in the
// previous 10 s window, C so far in the current one, and a request some
// seconds into it. The answer is the estimate the limiter's event
// reports.
func newEstimate(r *rand.Rand) visual.Exercise {
	in := input{kind: ratelimit.KindCounter, limit: 20, window: 10 * time.Second}
	prev, cur := 2+r.IntN(9), r.IntN(6)
	into := time.Duration(1+r.IntN(9)) * time.Second
	for k := range prev {
		in.at = append(in.at, 10*time.Second+(time.Duration(k)*(10*time.Second)/time.Duration(prev)).Truncate(100*time.Millisecond))
	}
	for k := range cur {
		in.at = append(in.at, 20*time.Second+(time.Duration(k)*into/time.Duration(cur+1)).Truncate(100*time.Millisecond))
	}
	in.at = append(in.at, 20*time.Second+into)
	l, _ := ratelimit.NewSlidingCounter(in.limit, in.window)
	var est float64
	l.Observe = func(e ratelimit.Event) {
		if e.Step == ratelimit.StepCounterAllow || e.Step == ratelimit.StepCounterDeny {
			est = e.Estimate
		}
	}
	for _, t := range in.at {
		l.Allow(origin.Add(t))
	}
	answer := num(est)
	return visual.Exercise{
		Question: fmt.Sprintf("A sliding counter of %d per 10 s saw %d requests in the window [10s, 20s) and %d so far in [20s, 30s). A request arrives at %ss: what is the estimate of the last 10 s before it is counted (previous × weight + current)?",
			in.limit, prev, cur, secs(20*time.Second+into)),
		Answer: answer,
		Check: func(s string) bool {
			x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			return err == nil && math.Abs(x-est) < 0.01
		},
		Hint: estimateHint,
		Args: format(in),
	}
}

// newBucketCount asks how many requests of a burst pass a token bucket,
// some time after it was last drained.
func newBucketCount(r *rand.Rand) visual.Exercise {
	burst := 2 + r.IntN(4)
	in := input{kind: ratelimit.KindBucket, limit: 2 + r.IntN(4), window: time.Second, burst: burst}
	n1 := burst + r.IntN(3)
	later := time.Duration(2+r.IntN(8)) * 100 * time.Millisecond
	n2 := 1 + r.IntN(burst+1)
	for range n1 {
		in.at = append(in.at, 0)
	}
	for range n2 {
		in.at = append(in.at, later)
	}
	d, _ := in.decide()
	passed := 0
	for _, ok := range d[n1:] {
		if ok {
			passed++
		}
	}
	return visual.Exercise{
		Question: fmt.Sprintf("A token bucket holds at most %d tokens and gains %d a second; it starts full. %d requests arrive at 0s, then %d at %ss. How many of the %d at %ss are allowed?",
			burst, in.limit, n1, n2, secs(later), n2, secs(later)),
		Answer: strconv.Itoa(passed),
		Check: func(s string) bool {
			got, err := strconv.Atoi(strings.TrimSpace(s))
			return err == nil && got == passed
		},
		Hint: countHint,
		Args: format(in),
	}
}
