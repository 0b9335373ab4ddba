package lruviz

import (
	"bytes"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/lru"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--cap", "1", "--ops", "get a"},
	{"--cap", "2", "--ops", "put a 1; put b 2; put a 3; put c 4; get b", "--policy", "lfu"},
	{"--cap", "4", "--policy", "redis-lfu", "--samples", "64", "--seed", "99", "--ops", "put a 1, put b 2, put c 3, put d 4, put e 5, put f 6, get a, del zz"},
	{"--cap", "3", "--policy", "redis-lru", "--tick", "86400", "--ops", "put 名字 1, put k2 2, put k3 3, put k4 4, get 名字"},
	{"--ops", "PUT A 1, GET A, DEL A, GET A"},
	{"--cap", "64", "--ops", strings.Repeat("put a 1, put b 2, put c 3, put d 4, put e 5, put f 6, put g 7, put h 8, ", 3) + "get a"},
}

var badInputs = [][]string{
	{"--cap", "0", "--ops", "get a"},
	{"--cap", "65", "--ops", "get a"},
	{"--cap", "x", "--ops", "get a"},
	{"--ops", ""},
	{"--ops", " , ,"},
	{"--ops", "put a"},
	{"--ops", "put a x"},
	{"--ops", "put a -1"},
	{"--ops", "get"},
	{"--ops", "jump a"},
	{"--ops", "get abcdefghijklm"},
	{"--ops", "get a\xff"},
	{"--ops", "get a", "--policy", "fifo"},
	{"--ops", "get a", "--samples", "0"},
	{"--ops", "get a", "--samples", "65"},
	{"--ops", "get a", "--seed", "-1"},
	{"--ops", "get a", "--tick", "0"},
	{"--ops", "get a", "stray"},
	{"--nope"},
	{"--ops", "del a"},
	{"--ops", strings.Repeat("get a,", 501)},
}

func TestGolden(t *testing.T)    { visualtest.Golden(t, New(), "../testdata/golden", *update) }
func TestSteps(t *testing.T)     { visualtest.Steps(t, New()) }
func TestExercises(t *testing.T) { visualtest.Exercises(t, New(), 50) }
func TestConformance(t *testing.T) {
	visualtest.Conformance(t, New(), append(goodInputs, spec.Examples...), badInputs)
}

// TestIssueTrace is the command of the issue: its last lines are the
// cache most to least recent and the counts.
func TestIssueTrace(t *testing.T) {
	r, err := New().Run(New().DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := visual.Trace(&out, r); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "\ncache d c a\nhits 1 · misses 1\n") {
		t.Fatalf("trace ends:\n%s", out.String()[max(0, out.Len()-200):])
	}
	var steps []string
	for i := range r.Len() {
		steps = append(steps, r.Frame(i).Step)
	}
	want := "lru-insert lru-insert lru-hit lru-move-front lru-insert lru-evict lru-insert lru-miss"
	if got := strings.Join(steps, " "); got != want {
		t.Fatalf("steps %s\nwant %s", got, want)
	}
}

// TestBadInputNamesTheValue: each refusal names the value refused.
func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--cap", "0", "--ops", "get a"}, `--cap "0"`},
		{[]string{"--ops", "put a x"}, `the value "x"`},
		{[]string{"--ops", "get a, jump b"}, `--ops "jump b"`},
		{[]string{"--ops", "get a", "--policy", "fifo"}, `--policy "fifo"`},
		{[]string{"--ops", "get a", "--samples", "65"}, `--samples "65"`},
		{[]string{"--ops", "get a", "stray"}, `unexpected argument "stray"`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Run(%q) = %v, want it to contain %q", tt.args, err, tt.want)
		}
	}
}

// TestLastFrameIsTheSolutionsOutput checks, for every input and policy,
// that the last frame's structure and counts are what a run of the
// solution without an observer gives, read through the cache's own
// accessors, and that Final says the same.
func TestLastFrameIsTheSolutionsOutput(t *testing.T) {
	for _, args := range append(append(goodInputs, spec.Examples...), spec.Default) {
		for _, policy := range policies {
			in, err := parse(args)
			if err != nil {
				t.Fatal(err)
			}
			in.policy = policy
			rec, err := record(in)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := newCache(in, policy, nil)
			for _, o := range in.ops {
				apply(c, o)
			}
			last := rec.frames[len(rec.frames)-1]
			var shown []string
			switch policy {
			case "lru":
				shown = last.ev.Order
			case "lfu":
				for _, b := range last.ev.Buckets {
					shown = append(shown, b.Keys...)
				}
			default:
				shown = last.ev.Keys
			}
			if got := c.Keys(nil); !slices.Equal(shown, got) {
				t.Errorf("%s %q: last frame shows %v, the solution holds %v", policy, args, shown, got)
			}
			if s := c.Stats(); last.stats[indexOf(policies, policy)] != s {
				t.Errorf("%s %q: last frame counts %+v, the solution %+v", policy, args, last.stats, s)
			}
			if want := "cache " + keyList(c.Keys(nil)); !strings.HasPrefix(rec.Final(), want+"\n") {
				t.Errorf("%s %q: Final %q, want it to start %q", policy, args, rec.Final(), want)
			}
		}
	}
}

// TestRedisFramesShowPoolAndEviction: a Redis run draws the sample, the
// pool and the evicted key, in the plain theme too.
func TestRedisFramesShowPoolAndEviction(t *testing.T) {
	r, err := New().Run(spec.Examples[2])
	if err != nil {
		t.Fatal(err)
	}
	th := visual.NewTheme(true, true)
	seen := map[string]bool{}
	for i := range r.Len() {
		out := ansi.Strip(r.Render(i, 100, 30, th))
		switch r.Frame(i).Step {
		case string(lru.StepRedisSample):
			seen["sample"] = strings.Contains(out, "sampled, with idle s:")
		case string(lru.StepRedisEvict):
			seen["evict"] = strings.Contains(out, "evicted (idlest in the pool")
		case string(lru.StepRedisGhost):
			seen["ghost"] = strings.Contains(out, "is a ghost")
		}
		if !strings.Contains(out, "▶ redis-lru") || !strings.Contains(out, "pool (") {
			t.Fatalf("frame %d lacks the chart or the pool:\n%s", i, out)
		}
	}
	for _, k := range []string{"sample", "evict", "ghost"} {
		if !seen[k] {
			t.Errorf("no frame showed the %s", k)
		}
	}
}

// TestLRUFrameShowsTheTailFalling: the eviction frame draws the list and
// the evicted key after tail.
func TestLRUFrameShowsTheTailFalling(t *testing.T) {
	r, _ := New().Run(spec.Default)
	out := ansi.Strip(r.Render(5, 80, 24, visual.NewTheme(true, true)))
	if !strings.Contains(out, "head ⇄ [c] ⇄ [a] ⇄ tail ⇄ ✗ b falls off") {
		t.Fatalf("eviction frame:\n%s", out)
	}
	if !strings.Contains(out, "c→#1  a→#2") {
		t.Fatalf("no map:\n%s", out)
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	turn := func(k int, args []string) string {
		t.Helper()
		r, err := v.Run(args)
		if err != nil {
			t.Fatal(err)
		}
		tu, err := r.Turn(k, v.Knobs()[k].Keys()[0], 0)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(tu.Args, " ")
	}
	base := []string{"--cap", "2", "--ops", "get a"}
	if got := turn(0, base); got != "--cap 2 --ops get a --policy lfu" {
		t.Errorf("p: %q", got)
	}
	if got := turn(0, append(base, "--policy", "redis-lfu")); got != "--cap 2 --ops get a" {
		t.Errorf("p from the last policy: %q", got)
	}
	if got := turn(1, append(base, "--samples", "1")); got != "--cap 2 --ops get a --samples 1" {
		t.Errorf("[ at 1: %q", got)
	}
	if got := turn(2, base); got != "--cap 2 --ops get a --samples 6" {
		t.Errorf("]: %q", got)
	}
	taken := []string{}
	for _, b := range keys.Default().All() {
		taken = append(taken, b.Keys()...)
	}
	for _, k := range v.Knobs() {
		for _, key := range k.Keys() {
			if slices.Contains(taken, key) {
				t.Errorf("knob key %q is taken by the app", key)
			}
		}
	}
}

// TestParseFormatRoundTrip: Format writes an input back as words Parse
// reads as the same input.
func TestParseFormatRoundTrip(t *testing.T) {
	for _, args := range append(append(goodInputs, spec.Examples...), spec.Default) {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parse(format(in))
		if err != nil || !sameInput(in, again) {
			t.Errorf("parse(format(parse(%q))) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

func sameInput(a, b input) bool {
	return a.cap == b.cap && a.policy == b.policy && a.samples == b.samples &&
		a.seed == b.seed && a.tick == b.tick && slices.Equal(a.ops, b.ops)
}

// TestExerciseAnswersAreTheSolutions: a wrong key is refused.
func TestExerciseAnswersAreTheSolutions(t *testing.T) {
	r := randFor(1)
	for _, k := range New().Exercises()[:2] {
		e := k.New(r)
		for _, wrong := range []string{"z", "q", "a b"} {
			if wrong != e.Answer && e.Check(wrong) {
				t.Errorf("%s accepted %q for %q (answer %q)", k.ID, wrong, e.Question, e.Answer)
			}
		}
	}
	o := New().Exercises()[2].New(r)
	if f := strings.Fields(o.Answer); len(f) > 1 {
		slices.Reverse(f)
		if o.Check(strings.Join(f, " ")) {
			t.Errorf("order accepted the reversed list for %q", o.Question)
		}
	}
}

// BenchmarkRender draws frames of a Redis run at 80x24, a new frame each
// time so the kernel's memo does not answer.
func BenchmarkRender(b *testing.B) {
	r, _ := New().Run(spec.Examples[2])
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		_ = r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}
