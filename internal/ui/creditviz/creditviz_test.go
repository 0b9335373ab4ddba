package creditviz

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	visual "tutor/internal/visual/legacy"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/credits"
)

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

func TestConformance(t *testing.T) {
	var tooMany []string
	for i := range maxEvents + 1 {
		tooMany = append(tooMany, "--charge", fmt.Sprintf("1@%d", i))
	}
	visualtest.Conformance(t, visual.Adapt(New()), inputs, append(badInputs, tooMany))
}

func TestExercises(t *testing.T) {
	visualtest.Exercises(t, visual.Adapt(New()), 50)
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

// solve builds the ledger from args on its own and returns the solution's
// answer in the form of Final.
func solve(t *testing.T, args []string) string {
	t.Helper()
	in, err := parse(args)
	if err != nil {
		t.Fatal(err)
	}
	var l credits.Ledger
	for _, o := range in.ops {
		if o.grant {
			if err := l.AddCredit(o.credit.ID, o.credit.Amount, o.credit.Time, o.credit.Expire); err != nil {
				t.Fatal(err)
			}
		} else if err := l.Charge(o.debit.Amount, o.debit.Time); err != nil {
			t.Fatal(err)
		}
	}
	s := fmt.Sprintf("balance %d", l.BalanceAt(in.at))
	if sf := l.ShortfallAt(in.at); sf > 0 {
		s += fmt.Sprintf("\nshortfall %d", sf)
	}
	return s
}

// TestLastFrameIsTheSolution checks, on several inputs, that the last
// frame's state ends with the balance and shortfall the solution gives
// for the same input, and that Final says the same.
func TestLastFrameIsTheSolution(t *testing.T) {
	all := append([][]string{New().DefaultArgs()}, inputs...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 30 {
		in, _ := history(rng, 1+rng.IntN(4), rng.IntN(4))
		all = append(all, in.args(int64(rng.IntN(16))-1))
	}
	for _, args := range all {
		r, err := New().Run(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		want := solve(t, args)
		last := r.Frame(r.Len() - 1)
		if last.Step != string(credits.StepSum) || !strings.HasSuffix(last.State, "\n"+want) {
			t.Errorf("%q: last frame %s %q does not end with %q", args, last.Step, last.State, want)
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
	if got := r.Frame(r.Len() - 1); !strings.HasPrefix(got.State, "t=7\n") {
		t.Errorf("without --at the query should be at the last event, t=7; state %q", got.State)
	}
	if r.Final() != "balance 0\nshortfall 3" {
		t.Errorf("Final() = %q", r.Final())
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

func TestKnobs(t *testing.T) {
	v := New()
	args := []string{"--add", "a:100@0+10", "--charge", "30@4", "--at", "5"}
	r, err := v.Run(args)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"[": "4", "]": "6", "{": "4", "}": "10"}
	for _, k := range v.Knobs() {
		got, err := k.Turn(r, 0, args)
		if err != nil {
			t.Fatal(err)
		}
		keyName := k.Key.Keys()[0]
		if at := got[len(got)-1]; got[len(got)-2] != "--at" || at != want[keyName] {
			t.Errorf("knob %s: args %q, want --at %s", keyName, got, want[keyName])
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
