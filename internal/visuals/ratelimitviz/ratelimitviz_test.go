package ratelimitviz

import (
	"flag"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

// edgeArgs are the arrivals of the default input, for a limiter.
func edgeArgs(kind string, extra ...string) []string {
	return append([]string{"--limiter", kind, "--limit", "5", "--window", "1s", "--at", "0.2", "--burst-at", "4@0.95s,5@1.05s", "--at", "1.5,2.2"}, extra...)
}

var goodInputs = [][]string{
	edgeArgs("fixed"),
	edgeArgs("sliding-log"),
	edgeArgs("sliding-counter"),
	edgeArgs("sliding-slots", "--slots", "10"),
	edgeArgs("token-bucket", "--burst", "2"),
	edgeArgs("leaky-bucket", "--burst", "0"),
	edgeArgs("leaky-bucket"),
	{},
	{"--limiter", "token-bucket", "--at", "0"},
	{"--limiter", "sliding-log", "--limit", "1", "--window", "1ms", "--burst-at", "200@1000000"},
	{"--limiter", "sliding-counter", "--limit", "3", "--window", "250ms", "--at", "0.1,0.2,0.3,0.35,0.4,0.6,0.61,0.62,0.9,5"},
	{"--limiter", "leaky-bucket", "--limit", "3", "--window", "1s", "--burst", "3", "--burst-at", "6@0.5s", "--at", "0.7,1.9,2.5,4"},
}

var badInputs = [][]string{
	{"--limiter", "sliding"},
	{"--limit", "0"},
	{"--limit", "five"},
	{"--window", "0s"},
	{"--window", "2h"},
	{"--window", "soon"},
	{"--at", "0.1,x"},
	{"--at", "-1"},
	{"--at", "NaN"},
	{"--burst-at", "5"},
	{"--burst-at", "0@1s"},
	{"--burst-at", "5@later"},
	{"--burst-at", "201@1s"},
	{"--burst-at", "150@1s,150@2s"},
	{"--limiter", "token-bucket", "--burst", "0"},
	{"--limiter", "sliding-slots", "--slots", "0"},
	{"--limiter", "sliding-slots", "--window", "1000001ns", "--slots", "3"},
	{"--at", "1", "stray"},
	{"--nope"},
}

func TestGolden(t *testing.T) { visualtest.Golden(t, New(), "../testdata/golden", *update) }

func TestSteps(t *testing.T) { visualtest.Steps(t, New()) }

func TestConformance(t *testing.T) { visualtest.Conformance(t, New(), goodInputs, badInputs) }

func TestExercises(t *testing.T) { visualtest.Exercises(t, New(), 50) }

func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--limiter", "sliding"}, `--limiter "sliding": want one of fixed|`},
		{[]string{"--limit", "0"}, `--limit "0"`},
		{[]string{"--window", "soon"}, `--window "soon"`},
		{[]string{"--at", "0.1,x"}, `--at "x"`},
		{[]string{"--burst-at", "5"}, `--burst-at "5": want N@T`},
		{[]string{"--burst-at", "5@later"}, `"later"`},
		{[]string{"--limiter", "sliding-slots", "--window", "1000001ns", "--slots", "3"}, `--slots 3`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Run(%q) error = %v, want one line containing %q", tt.args, err, tt.want)
		}
	}
}

// TestParseFormatRoundTrip: Format writes an input back as words Parse
// reads as the same input.
func TestParseFormatRoundTrip(t *testing.T) {
	for _, args := range append(goodInputs, New().DefaultArgs(), []string{"--at=0.3s,0.1", "--burst-at=2@0.1"}) {
		in, err := parse(args)
		if err != nil {
			t.Fatalf("parse(%q): %v", args, err)
		}
		again, err := parse(format(in))
		if err != nil || !sameInput(in, again) {
			t.Errorf("parse(format(parse(%q))) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

func sameInput(a, b input) bool {
	return a.kind == b.kind && a.limit == b.limit && a.window == b.window && a.burst == b.burst &&
		a.slots == b.slots && slices.Equal(a.at, b.at)
}

// lastDecided is the "decided" line of the last frame's state: a + or
// x per arrival.
func lastDecided(t *testing.T, args []string) string {
	t.Helper()
	r, err := New().Run(args)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.SplitSeq(r.State(r.Len()-1), "\n") {
		if rest, ok := strings.CutPrefix(line, "decided "); ok {
			marks, _, _ := strings.Cut(rest, ":")
			return marks
		}
	}
	t.Fatalf("%q: no decided line", args)
	return ""
}

// TestLastFrameAgreesWithThePeer: the last frame's decisions of a token
// bucket are those of golang.org/x/time/rate on the same arrivals, and a
// sliding log's are those of a brute-force check of every window.
func TestLastFrameAgreesWithThePeer(t *testing.T) {
	for _, args := range [][]string{
		edgeArgs("token-bucket", "--burst", "2"),
		edgeArgs("token-bucket"),
		{"--limiter", "token-bucket", "--limit", "3", "--window", "700ms", "--burst", "4", "--burst-at", "6@0.5s", "--at", "0.7,1.1,1.3,1.9,2.5,4"},
	} {
		in, _ := parse(args)
		peer := rate.NewLimiter(rate.Limit(float64(in.limit)/in.window.Seconds()), in.burstOr())
		var want strings.Builder
		for _, t := range in.at {
			want.WriteString(map[bool]string{true: "+", false: "x"}[peer.AllowN(origin.Add(t), 1)])
		}
		if got := lastDecided(t, args); got != want.String() {
			t.Errorf("%q: last frame %s, x/time/rate %s", args, got, want.String())
		}
	}
	for _, args := range [][]string{edgeArgs("sliding-log"), goodInputs[10]} {
		in, _ := parse(args)
		in.kind = "sliding-log"
		var allowed []time.Duration
		var want strings.Builder
		for _, t := range in.at {
			n := 0
			for _, a := range allowed {
				if a > t-in.window {
					n++
				}
			}
			// Every window of length window holding t starts after
			// t-window: the ones allowed there, and t, within the limit.
			ok := n+1 <= in.limit
			if ok {
				allowed = append(allowed, t)
			}
			want.WriteString(map[bool]string{true: "+", false: "x"}[ok])
		}
		if got := lastDecided(t, format(in)); got != want.String() {
			t.Errorf("%q: last frame %s, brute force %s", args, got, want.String())
		}
	}
}

// TestKnobSwitchesTheLimiter: m on the default input (a fixed window)
// gives a sliding log on the same arrivals, and the edge burst that
// passed now fails.
func TestKnobSwitchesTheLimiter(t *testing.T) {
	r, err := New().Run(New().DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	turned, err := r.Turn(0, "m", 0)
	if err != nil {
		t.Fatal(err)
	}
	next, err := turned.Record()
	if err != nil {
		t.Fatal(err)
	}
	if r.Final() != "allowed 11 · denied 1" || next.Final() != "allowed 7 · denied 5" {
		t.Errorf("fixed %q then sliding log %q, want 11 then 7 allowed", r.Final(), next.Final())
	}
	if !slices.Contains(turned.Args, "sliding-log") {
		t.Errorf("m gave %q", turned.Args)
	}
}

// TestTraceEndsWithTheCount: tutor trace prints each decision with its
// reason and, last, allowed A · denied D.
func TestTraceEndsWithTheCount(t *testing.T) {
	r, err := New().Run(edgeArgs("sliding-counter"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := visual.Trace(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\nallowed 7 · denied 5\n") || !strings.Contains(out, "denied (estimate)") {
		t.Errorf("trace does not end with the count or lacks a reason:\n%s", out[max(0, len(out)-400):])
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run(edgeArgs("sliding-counter"))
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i = (i + 1) % r.Len()
		r.Render(i, 80, 24, th)
	}
}

// TestExerciseArgsRoundTrip: every exercise's input reads back as the
// same input, so the visual shows the very arrivals the question names.
func TestExerciseArgsRoundTrip(t *testing.T) {
	for _, k := range New().Exercises() {
		r := rand.New(rand.NewPCG(5, 6))
		for range 100 {
			e := k.New(r)
			in, err := parse(e.Args)
			if err != nil {
				t.Fatalf("%s: %q: %v", k.ID, e.Args, err)
			}
			if got := format(in); !slices.Equal(got, e.Args) {
				t.Errorf("%s: args %q read back as %q", k.ID, e.Args, got)
			}
		}
	}
}
