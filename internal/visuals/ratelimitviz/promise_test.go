package ratelimitviz

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"tutor/internal/visual/visualtest"
)

// TestExercisesKeepTheirTitles: each kind's answer is what the textbook
// rule gives on the requests the question lists, computed here by hand:
// a fixed window counts the requests allowed since the last whole second;
// a sliding log those allowed in the second up to the request; the
// sliding counter's estimate is previous × (1 - elapsed/window) +
// current, with the previous window full of the requests it names; and a
// drained token bucket lets through the tokens regained, at most its
// size.
func TestExercisesKeepTheirTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 7))
	for _, k := range exercises {
		for range 300 {
			e := k.New(r)
			in, err := parse(e.Args)
			if err != nil {
				t.Fatalf("%s: Args %q: %v", k.ID, e.Args, err)
			}
			var want string
			switch k.ID {
			case "ratelimit.fixed-allowed", "ratelimit.log-allowed":
				var allowed []time.Duration
				ok := false
				for _, at := range in.at {
					n := 0
					for _, a := range allowed {
						if k.ID == "ratelimit.fixed-allowed" && a.Truncate(in.window) == at.Truncate(in.window) ||
							k.ID == "ratelimit.log-allowed" && a > at-in.window {
							n++
						}
					}
					ok = n < in.limit
					if ok {
						allowed = append(allowed, at)
					}
				}
				want = map[bool]string{true: "yes", false: "no"}[ok]
			case "ratelimit.counter-estimate":
				last := in.at[len(in.at)-1]
				prev, cur := 0, 0
				for _, at := range in.at[:len(in.at)-1] {
					if at < 20*time.Second {
						prev++
					} else {
						cur++
					}
				}
				est := float64(prev)*(1-float64(last-20*time.Second)/float64(in.window)) + float64(cur)
				got, _ := strconv.ParseFloat(e.Answer, 64)
				if math.Abs(got-est) > 0.01 {
					t.Errorf("%s: %s: answer %s, the formula %.3f", k.ID, e.Question, e.Answer, est)
				}
				continue
			case "ratelimit.bucket-count":
				n1, later := 0, in.at[len(in.at)-1]
				for _, at := range in.at {
					if at == 0 {
						n1++
					}
				}
				if n1 < in.burst {
					t.Errorf("%s: %s: %d requests at 0 s do not drain a bucket of %d", k.ID, e.Question, n1, in.burst)
				}
				tokens := min(float64(in.burst), float64(in.limit)*later.Seconds())
				want = strconv.Itoa(min(len(in.at)-n1, int(math.Floor(tokens+1e-9))))
			}
			if e.Answer != want {
				t.Errorf("%s: %s: answer %q, by hand %q", k.ID, e.Question, e.Answer, want)
			}
		}
	}
}

// TestExerciseHints: a near-right form gets a hint, a well-formed answer
// none.
func TestExerciseHints(t *testing.T) {
	yes := map[string]string{"ok": "yes (allowed)", "it passes": "yes (allowed)", "no": "", "Allowed": ""}
	visualtest.Hints(t, exercises, map[string]map[string]string{
		"ratelimit.fixed-allowed":    yes,
		"ratelimit.log-allowed":      yes,
		"ratelimit.counter-estimate": {"7.5 requests": "as a number", "3/4": "not a ratio", "75%": "not a ratio", "99.25": ""},
		"ratelimit.bucket-count":     {"two": "in digits", "2 of 3": "in digits", "99": ""},
	}, 30)
}
