package creditviz

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/credits"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var inputs = [][]string{
	{"--add", "a:100@0+10", "--add", "b:50@2+30", "--charge", "120@5", "--at", "12"},
	{"--add", "a:100@0+10", "--charge", "30@10", "--at", "10"},
	{"--charge", "40@1", "--add", "a:100@2+10"},
	{"--add", "a:10@0+5", "--charge", "25@3", "--at", "3"},
	{"--charge", "5@1"},
	{"--add", "a:100@0+10", "--at", "-5"},
	{"--add", "e:5@0+50", "--add", "d:5@1+40", "--add", "c:5@2+30", "--add", "b:5@3+20",
		"--add", "a:5@4+10", "--add", "f:1@0+60", "--add", "g:2@0+61", "--add", "h:3@0+62",
		"--add", "i:3@0+63", "--charge", "7@5", "--charge", "2@6", "--at", "70"},
	{"--add", "wide-grant-name:10@-9223372036854775808+0", "--add=z:1@9223372036854775000+807", "--charge=3@0"},
	{"--add", "日本:10@0+5", "--charge", "3@2", "--at", "2"},
	{"--add", "a:1@0+0", "--at", "0"},
}

var badInputs = [][]string{
	{"--add", "a:x@0+1"},
	{"--charge", "-5@1"},
	{"--charge", "0@1"},
	{"--add", "a:1@0+-1"},
	{"--add", "a:1@0+1", "--add", "a:2@0+1"},
	{"--add", "a:1@9223372036854775807+1"},
	{"--add", "a:1@0+1", "--at", "soon"},
	{"--add", "a:1@0+1", "extra"},
	{"--bogus"},
	{"--add"},
	{},
}

func TestGolden(t *testing.T) {
	visualtest.Golden(t, New(), "../testdata/golden", *update)
}

func TestSteps(t *testing.T) {
	visualtest.Steps(t, New())
}

func TestConformance(t *testing.T) {
	var tooMany []string
	for i := range maxEvents + 1 {
		tooMany = append(tooMany, "--charge", fmt.Sprintf("1@%d", i))
	}
	visualtest.Conformance(t, New(), inputs, append(badInputs, tooMany))
}

func TestExercises(t *testing.T) {
	visualtest.Exercises(t, New(), 50)
}

func TestName(t *testing.T) {
	if New().Name() != "credits" {
		t.Fatalf("Name() = %q", New().Name())
	}
}

// TestBadInputNamesIt checks that the error names the bad event.
func TestBadInputNamesIt(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--add", "a:x@0+1"}, `"a:x@0+1"`},
		{[]string{"--charge", "-5@1"}, `"-5@1"`},
		{[]string{"--add", "a:1@0+1", "--add", "a:2@0+1"}, `a:2@0+1`},
		{[]string{"--add", "a:1@0+1", "--at", "soon"}, `"soon"`},
		{[]string{"--add", "a:1@0+1", "extra"}, `"extra"`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v should name %s", tt.args, err, tt.want)
		}
	}
}

// TestParseFormat checks that Format writes back what Parse reads, for
// the inputs, the default and the exercises' inputs.
func TestParseFormat(t *testing.T) {
	all := append([][]string{New().DefaultArgs()}, inputs...)
	for _, k := range exercises {
		rng := rand.New(rand.NewPCG(5, 6))
		for range 20 {
			all = append(all, k.New(rng).Args)
		}
	}
	for _, args := range all {
		in, err := parse(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		again, err := parse(in.format())
		if err != nil || !reflect.DeepEqual(again, in) {
			t.Errorf("%q: Parse(Format) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

// reference computes the balance and the shortfall at t on its own, a
// charge at a time taking from the valid grant that expires first, from
// the input's words: the oracle the frames are checked against.
func reference(t *testing.T, args []string) (balance, shortfall, at int64) {
	t.Helper()
	type grant struct {
		id                 string
		left, start, until int64
		seq                int
	}
	var gs []*grant
	type charge struct{ amount, time int64 }
	var cs []charge
	atSet := false
	for i := 0; i < len(args); i++ {
		name, val, ok := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !ok {
			i++
			val = args[i]
		}
		switch name {
		case "add":
			var id string
			var amount, start, expire int64
			id, rest, _ := strings.Cut(val, ":")
			if _, err := fmt.Sscanf(rest, "%d@%d+%d", &amount, &start, &expire); err != nil {
				t.Fatalf("%q: %v", val, err)
			}
			gs = append(gs, &grant{id: id, left: amount, start: start, until: start + expire, seq: len(gs)})
		case "charge":
			var c charge
			if _, err := fmt.Sscanf(val, "%d@%d", &c.amount, &c.time); err != nil {
				t.Fatalf("%q: %v", val, err)
			}
			cs = append(cs, c)
		case "at":
			fmt.Sscan(val, &at)
			atSet = true
		}
	}
	if !atSet {
		at = -1 << 63
		for _, g := range gs {
			at = max(at, g.start)
		}
		for _, c := range cs {
			at = max(at, c.time)
		}
	}
	// Charges in time order, stably; each sees the grants started at or
	// before it and valid through its time.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].time < cs[j-1].time; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	for _, c := range cs {
		if c.time > at {
			break
		}
		owed := c.amount
		for owed > 0 {
			var best *grant
			for _, g := range gs {
				if g.left == 0 || g.start > c.time || g.until < c.time {
					continue
				}
				if best == nil || g.until < best.until || (g.until == best.until && (g.start < best.start || (g.start == best.start && g.id < best.id))) {
					best = g
				}
			}
			if best == nil {
				break
			}
			take := min(owed, best.left)
			best.left -= take
			owed -= take
		}
		shortfall += owed
	}
	for _, g := range gs {
		if g.start <= at && at <= g.until {
			balance += g.left
		}
	}
	return balance, shortfall, at
}

// want is the reference's answer in the form of Final.
func want(t *testing.T, args []string) string {
	b, s, _ := reference(t, args)
	w := fmt.Sprintf("balance %d", b)
	if s > 0 {
		w += fmt.Sprintf("\nshortfall %d", s)
	}
	return w
}

// TestLastFrameIsTheSolution checks, on several inputs, that the last
// frame's state ends with the balance and shortfall an independent
// computation gives for the same input, and that Final says the same.
func TestLastFrameIsTheSolution(t *testing.T) {
	all := append([][]string{New().DefaultArgs()}, inputs...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 30 {
		in, _ := history(rng, 1+rng.IntN(4), rng.IntN(4))
		all = append(all, in.withAt(int64(rng.IntN(16))-1).format())
	}
	for _, args := range all {
		r, err := New().Run(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		want := want(t, args)
		last, state := r.Frame(r.Len()-1), r.State(r.Len()-1)
		if last.Step != string(credits.StepSum) || !strings.HasSuffix(state, "\n"+want) {
			t.Errorf("%q: last frame %s %q does not end with %q", args, last.Step, state, want)
		}
		if r.Final() != want {
			t.Errorf("%q: Final() = %q, want %q", args, r.Final(), want)
		}
	}
}

func TestDefaultAt(t *testing.T) {
	r, err := New().Run([]string{"--add", "a:10@0+5", "--charge", "3@7", "--add", "b:4@2+1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.State(r.Len() - 1); !strings.HasPrefix(got, "t=7\n") {
		t.Errorf("without --at the query should be at the last event, t=7; state %q", got)
	}
	if r.Final() != "balance 0\nshortfall 3" {
		t.Errorf("Final() = %q", r.Final())
	}
	if got := visual.JoinArgs(r.Args()); !strings.HasSuffix(got, " --at 7") {
		t.Errorf("Args() = %q, want the query time given", got)
	}
}

func TestTrace(t *testing.T) {
	r, err := New().Run([]string{"--add", "a:100@0+10", "--add", "b:50@2+30", "--charge", "120@5", "--at", "12"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := visual.Trace(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"step 1/8  sort", "step 7/8  push-back", "heap [0]b:30/50 exp 32", "\nbalance 30\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "\n\nbalance 30\n") {
		t.Errorf("the trace should end with the balance alone, no shortfall line:\n%s", out)
	}
}

// TestPlainTellsGrantsApart checks that without colour each grant's id is
// on its bar and the step's node is bracketed.
func TestPlainTellsGrantsApart(t *testing.T) {
	r, err := New().Run(New().DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	th := visual.NewTheme(true, true)
	// Frame 3 pushes c: it is bracketed in the tree.
	var pushC int
	for i := range r.Len() {
		if f := r.Frame(i); f.Step == "push" && strings.Contains(f.Explain, "grant c ") {
			pushC = i
		}
	}
	out := ansi.Strip(r.Render(pushC, 80, 24, th))
	lines := strings.Split(out, "\n")
	for _, id := range []string{"a", "b", "c"} {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, id+" ") && strings.Contains(l[2:], id+"━") {
				found = true
			}
		}
		if !found {
			t.Errorf("no bar labelled %s:\n%s", id, out)
		}
	}
	if !strings.Contains(out, "[c:40≤8]") {
		t.Errorf("the pushed node is not bracketed:\n%s", out)
	}
	if !strings.Contains(out, "━ in heap ─ used up ╌ expired") {
		t.Errorf("no legend for the bars' glyphs:\n%s", out)
	}
}

// TestBarsAreTheGrants checks, against the input's words, that each
// grant's bar runs from its start to the last time it is valid, with the
// timeline's range spanning every time given; and that a range of one
// instant keeps the labels.
func TestBarsAreTheGrants(t *testing.T) {
	args := []string{"--add", "a:100@0+10", "--add", "b:50@2+30", "--charge", "120@5", "--at", "16"}
	r, err := New().Run(args)
	if err != nil {
		t.Fatal(err)
	}
	// 2 columns of label, 31 of timeline from t=0 to t=32 at width 33:
	// a column a time unit, lasting through the expiry.
	lines := strings.Split(ansi.Strip(r.Render(0, 35, 24, visual.NewTheme(true, true))), "\n")
	bars := map[string]string{"a": "a a··········", "b": "b   b" + strings.Repeat("·", 13) + "┼" + strings.Repeat("·", 16)}
	for id, want := range bars {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, id+" ") {
				found = true
				if strings.TrimRight(l, " │") != want {
					t.Errorf("bar of %s: %q, want %q", id, l, want)
				}
			}
		}
		if !found {
			t.Errorf("no bar for %s in\n%s", id, strings.Join(lines, "\n"))
		}
	}
	if !strings.HasPrefix(lines[1], "t 0") || !strings.HasSuffix(lines[1], "32") {
		t.Errorf("axis %q should span t=0 to t=32", lines[1])
	}

	r, err = New().Run([]string{"--add", "a:1@0+0", "--at", "0"})
	if err != nil {
		t.Fatal(err)
	}
	out := ansi.Strip(r.Render(0, 40, 24, visual.NewTheme(true, true)))
	if lines := strings.Split(out, "\n"); !strings.HasPrefix(lines[1], "t ") || !strings.HasPrefix(lines[2], "a ") {
		t.Errorf("a timeline of one instant covers its labels:\n%s", out)
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	args := []string{"--add", "a:100@0+10", "--charge", "30@4", "--at", "5"}
	r, err := v.Run(args)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"[": "4", "]": "6", "{": "4", "}": "10"}
	for k, b := range v.Knobs() {
		keyName := b.Keys()[0]
		turned, err := r.Turn(k, keyName, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := turned.Args
		if at := got[len(got)-1]; got[len(got)-2] != "--at" || at != want[keyName] {
			t.Errorf("knob %s: args %q, want --at %s", keyName, got, want[keyName])
		}
		if _, err := turned.Record(); err != nil {
			t.Errorf("knob %s: %v", keyName, err)
		}
		if _, err := v.Run(got); err != nil {
			t.Errorf("knob %s: %v", keyName, err)
		}
		for _, taken := range strings.Fields("q ? tab h l j k left right up down space + - r e / esc enter pgup pgdown g G s") {
			if keyName == taken {
				t.Errorf("knob %s uses a taken key", keyName)
			}
		}
	}
	if got := visual.JoinArgs(r.Args()); got != visual.JoinArgs(args) {
		t.Errorf("turning the knobs changed the run's input to %q", got)
	}
	// From 10, the expiry, the next change is 11, when a lapses; then
	// nothing.
	in, err := parse([]string{"--add", "a:100@0+10", "--charge", "30@4", "--at", "10"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.jump(10, 1); got != 11 {
		t.Errorf("jump from 10: %d, want 11", got)
	}
	if got := rec.jump(11, 1); got != 11 {
		t.Errorf("jump from 11, the last change: %d, want 11", got)
	}
	if got := rec.jump(0, -1); got != 0 {
		t.Errorf("jump back from 0, the first change: %d, want 0", got)
	}
	// A grant through the last int64 never lapses, and [ ] saturate.
	in, err = parse([]string{"--add", "a:1@9223372036854775806+1", "--at", "9223372036854775807"})
	if err != nil {
		t.Fatal(err)
	}
	if rec, err = record(in); err != nil {
		t.Fatal(err)
	}
	if got := rec.jump(in.at, 1); got != in.at {
		t.Errorf("jump past the last int64: %d", got)
	}
	if next, _ := knobs[1].Turn(in, rec, 0, "]"); next.at != in.at {
		t.Errorf("] from the last int64 gave %d", next.at)
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run(New().DefaultArgs())
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}

func BenchmarkRecord(b *testing.B) {
	in, err := parse(New().DefaultArgs())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := record(in); err != nil {
			b.Fatal(err)
		}
	}
}
