package treeviz

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/machinetree"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--tree", "1(2(4),3)", "--op", "topology"},
	{"--tree", "1", "--op", "count"},
	{"--tree", "1", "--op", "topology"},
	{"--tree", "1(2(4),3)", "--op", "count", "--order", "lifo"},
	{"--random", "30", "--seed", "4", "--op", "topology", "--order", "random"},
	{"--random", "200", "--seed", "2", "--op", "count"},
	{"--tree", "1(2(3(4(5(6(7(8(9(10(11(12(13(14(15(16(17(18(19(20(21(22(23(24(25))))))))))))))))))))))))", "--op", "count"},
	{"--tree", "1(2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30)", "--op", "topology", "--order", "random", "--seed", "9"},
	{"--tree", "1(2(4),3)", "--op", "count", "--pick", "0,1,1,0"},
	{"--tree=1(2,3)", "-op=topology", "-pick=0,1"},
}

// dupInputs deliver one message twice; the last frame need not be the
// answer (a copy may arrive after it).
var dupInputs = [][]string{
	{"--tree", "1(2(4),3)", "--op", "count", "--dup", "1"},
	{"--tree", "1(2(4),3)", "--op", "topology", "--dup", "3"},
	{"--tree", "1(2(4),3)", "--op", "count", "--dup", "7"},
	{"--tree", "1", "--op", "topology", "--dup", "1"},
	{"--random", "200", "--seed", "2", "--op", "topology", "--order", "random", "--dup", "150"},
	{"--tree", "1(2(4),3)", "--op", "count", "--pick", "0,1,1", "--dup", "3"},
}

var badInputs = [][]string{
	{},
	{"--tree", ""},
	{"--tree", "1(2"},
	{"--tree", "1(2(1))"},
	{"--tree", "1(2,2)"},
	{"--tree", "1,2"},
	{"--tree", "1(2)", "--random", "3"},
	{"--random", "0"},
	{"--random", "201"},
	{"--random", "x"},
	{"--tree", "1(2)", "--op", "sum"},
	{"--tree", "1(2)", "--order", "sideways"},
	{"--tree", "1(2)", "--pick", "a"},
	{"--tree", "1(2)", "--pick", "-1"},
	{"--tree", "1(2)", "--pick", "5"},
	{"--tree", "1(2)", "--pick", "0,0,0,0,0,0"},
	{"--tree", "1(2)", "extra"},
	{"--nope"},
	{"--help"},
	{"--tree", "1(2)", "--dup", "0"},
	{"--tree", "1(2)", "--dup", "-3"},
	{"--tree", "1(2)", "--dup", "4"},
	{"--tree", "1(2)", "--dup", "x"},
}

func TestConformance(t *testing.T) {
	visualtest.Conformance(t, New(), append(slices.Clone(goodInputs), dupInputs...), badInputs)
}

func TestExercises(t *testing.T) {
	visualtest.Exercises(t, New(), 50)
}

func TestGolden(t *testing.T) {
	visualtest.Golden(t, New(), "../testdata/golden", *update)
}

func TestSteps(t *testing.T) {
	visualtest.Steps(t, New())
}

// plain runs the solution without an observer on the same input: the
// answer and the message count, as Final prints them.
func plain(t *testing.T, args []string) string {
	t.Helper()
	in, err := parse(args)
	if err != nil {
		t.Fatal(err)
	}
	net := machinetree.NewSimNetwork(in.order, in.seed)
	if in.dup > 0 {
		net.DeliverTwice(int64(in.dup))
	}
	c := machinetree.NewCluster(in.tree, net)
	req, err := c.Start(in.op)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range in.picks {
		if err := net.Deliver(k); err != nil {
			t.Fatal(err)
		}
	}
	res, err := c.Wait(req)
	if err != nil {
		t.Fatal(err)
	}
	net.Run() // copies still in flight after the answer
	return fmt.Sprintf("%s\nmachines %d\nmessages %d", res, in.tree.Len(), c.Messages())
}

// TestLastFrameIsTheSolutionsOutput is contract point 6 of
// docs/visuals.md: the last frame's state equals the plain output of the
// solution on the same input (with a duplicate, the frame of the answer,
// which a late copy may follow).
func TestLastFrameIsTheSolutionsOutput(t *testing.T) {
	v := New()
	for _, args := range append([][]string{v.DefaultArgs()}, goodInputs...) {
		r, err := v.Run(args)
		if err != nil {
			t.Fatal(err)
		}
		want := plain(t, args)
		if got := r.State(r.Len() - 1); got != want {
			t.Errorf("%q: last frame state %q, want %q", args, got, want)
		}
		if got := r.Final(); got != want {
			t.Errorf("%q: Final() %q, want %q", args, got, want)
		}
	}
	for _, args := range dupInputs {
		r, err := v.Run(args)
		if err != nil {
			t.Fatal(err)
		}
		want := plain(t, args)
		if got := r.Final(); got != want {
			t.Errorf("%q: Final() %q, want %q", args, got, want)
		}
		finals := 0
		for i := range r.Len() {
			if r.Frame(i).Step == string(machinetree.StepFinal) {
				finals++
				// The state shows the messages sent when the root
				// answered; a leaf's second answer may come later.
				if got, _, _ := strings.Cut(r.State(i), "\n"); !strings.HasPrefix(want, got+"\n") {
					t.Errorf("%q: the final frame says %q, want %q", args, got, want)
				}
			}
		}
		if finals != 1 {
			t.Errorf("%q: %d final frames", args, finals)
		}
	}
	r, _ := v.Run([]string{"--tree", "1(2(4),3)", "--op", "topology"})
	if got, want := r.Final(), "{1: {2: {4: {}}, 3: {}}}\nmachines 4\nmessages 6"; got != want {
		t.Errorf("Final() = %q, want %q", got, want)
	}
}

func TestEveryPickGivesTheSameAnswer(t *testing.T) {
	// Walk every delivery order of a small tree through --pick.
	base := []string{"--tree", "1(2(4),3)", "--op", "count"}
	var walk func(picks []int)
	runs := 0
	walk = func(picks []int) {
		args := base
		if len(picks) > 0 {
			s := make([]string, len(picks))
			for i, p := range picks {
				s[i] = fmt.Sprint(p)
			}
			args = append(slices.Clone(base), "--pick", strings.Join(s, ","))
		}
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		rr, err := record(in)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if len(rr.picked) == len(picks) {
			runs++
			if rr.Final() != "count 4\nmachines 4\nmessages 6" {
				t.Errorf("%q: %q", args, rr.Final())
			}
			return
		}
		for k := range rr.before[len(picks)] {
			walk(append(slices.Clone(picks), k))
		}
	}
	walk(nil)
	if runs < 10 {
		t.Errorf("only %d orders", runs)
	}
}

// TestEveryDuplicateGivesTheSameAnswer delivers each delivery of every
// input twice in turn: the answer stays, and the copy is dropped by one of
// the handler's drop steps.
func TestEveryDuplicateGivesTheSameAnswer(t *testing.T) {
	drops := []string{"ignore-request", "duplicate", "no-entry", "final-again"}
	reached := map[string]bool{}
	for _, args := range goodInputs[:5] {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		base, err := record(in)
		if err != nil {
			t.Fatal(err)
		}
		answer, _, _ := strings.Cut(base.Final(), "\n")
		for k := 1; k <= len(base.picked); k++ {
			in.dup = k
			r, err := record(in)
			if err != nil {
				t.Fatalf("%q --dup %d: %v", args, k, err)
			}
			if got, _, _ := strings.Cut(r.Final(), "\n"); got != answer {
				t.Errorf("%q --dup %d: %q, want %q", args, k, got, answer)
			}
			n := 0
			for i := range r.Len() {
				if s := r.Frame(i).Step; slices.Contains(drops, s) {
					n++
					reached[s] = true
				}
			}
			if n != 1 {
				t.Errorf("%q --dup %d: %d drop steps, want 1", args, k, n)
			}
		}
	}
	for _, s := range drops {
		if !reached[s] {
			t.Errorf("no duplicate reaches %s", s)
		}
	}
}

// knobIndex maps each knob key to its knob's index.
func knobIndex(t *testing.T, v visual.Visual) map[string]int {
	t.Helper()
	byKey := map[string]int{}
	taken := strings.Fields("q ? tab h l j k b f g G n N c r e s / + - = _ left right up down space enter esc pgup pgdown")
	for _, b := range keys.Default().All() {
		for _, k := range b.Keys() {
			// The grades 1-4 are keys of the quiz screen only, as the
			// app's own test of knob keys allows.
			if !slices.Contains([]string{"1", "2", "3", "4"}, k) {
				taken = append(taken, k)
			}
		}
	}
	for k, b := range v.Knobs() {
		for _, key := range b.Keys() {
			if slices.Contains(taken, key) {
				t.Errorf("knob key %q is taken by the app", key)
			}
			byKey[key] = k
		}
	}
	return byKey
}

func TestKnobs(t *testing.T) {
	v := New()
	byKey := knobIndex(t, v)
	turn := func(r visual.Run, key string, frame int) ([]string, error) {
		turned, err := r.Turn(byKey[key], key, frame)
		return turned.Args, err
	}
	args := v.DefaultArgs()
	r, _ := v.Run(args)
	// o cycles fifo -> lifo -> random -> fifo.
	var orders []string
	a := r
	for range 3 {
		next, err := turn(a, "o", 0)
		if err != nil {
			t.Fatal(err)
		}
		in, err := parse(next)
		if err != nil {
			t.Fatal(err)
		}
		orders = append(orders, in.order.String())
		if a, err = v.Run(next); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(orders, []string{"lifo", "random", "fifo"}) {
		t.Errorf("o cycles %v", orders)
	}
	// At frame 5 (1 forwarded to 2 and 3; one delivery so far), n delivers
	// #1 (to 3) instead of #0.
	in, _ := parse(args)
	rr, _ := record(in)
	f := 5
	if rr.frames[f].deliveries != 1 || len(rr.frames[f].flight) != 2 {
		t.Fatalf("frame %d: %d deliveries, %d in flight", f, rr.frames[f].deliveries, len(rr.frames[f].flight))
	}
	next, err := turn(r, ">", f)
	if err != nil {
		t.Fatal(err)
	}
	if want := append(slices.Clone(args), "--pick", "0,1"); !slices.Equal(next, want) {
		t.Errorf("n gives %q, want %q", next, want)
	}
	r2, err := v.Run(next)
	if err != nil {
		t.Fatal(err)
	}
	// The delivery after frame 5 now goes to machine 3.
	for i := f + 1; i < r2.Len(); i++ {
		if fr := r2.Frame(i); fr.Step == "deliver" {
			if !strings.Contains(fr.Explain, "machine 3 receives") {
				t.Errorf("after n, the next delivery is %q", fr.Explain)
			}
			break
		}
	}
	if r2.Final() != r.Final() {
		t.Errorf("another order gave %q, want %q", r2.Final(), r.Final())
	}
	// N from #0 wraps to #1 as well; digit 1 is the same; digit 5 is not
	// in flight.
	prev, _ := turn(r, "<", f)
	one, _ := turn(r, "1", f)
	if !slices.Equal(prev, next) || !slices.Equal(one, next) {
		t.Errorf("N gives %q and 1 gives %q, want %q", prev, one, next)
	}
	if _, err := turn(r, "5", f); err == nil || !strings.Contains(err.Error(), "#5") {
		t.Errorf("5 with two in flight: %v", err)
	}
	if _, err := turn(r, ">", r.Len()-1); err == nil {
		t.Error("n at the last frame succeeded")
	}
	// Turning twice replaces --pick rather than adding another.
	again, _ := turn(r2, "0", f)
	if strings.Count(strings.Join(again, " "), "--pick") != 1 {
		t.Errorf("two --pick flags: %q", again)
	}
}

// TestKnobDuplicate: d delivers twice the message the run delivered next,
// and the run is the same up to the frame on screen.
func TestKnobDuplicate(t *testing.T) {
	v := New()
	byKey := knobIndex(t, v)
	r, _ := v.Run(v.DefaultArgs())
	f := 5 // 1 has forwarded to 2 and 3; the next delivery takes 1 -> 2
	turned, err := r.Turn(byKey["d"], "d", f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := visual.JoinArgs(turned.Args), "--tree 1(2(4),3) --op count --pick 0,0 --dup 2"; got != want {
		t.Fatalf("d gives %q, want %q", got, want)
	}
	r2, err := turned.Record()
	if err != nil {
		t.Fatal(err)
	}
	for i := range f + 1 {
		if r2.Frame(i) != r.Frame(i) || r2.State(i) != r.State(i) {
			t.Errorf("frame %d differs after d: %v", i, r2.Frame(i))
		}
	}
	var steps []string
	for i := f + 1; i < r2.Len(); i++ {
		steps = append(steps, r2.Frame(i).Step)
	}
	// 2 receives the request, stores its entry and forwards to 4, then
	// receives the copy and drops it.
	if want := []string{"deliver", "create-entry", "forward", "deliver", "ignore-request"}; !slices.Equal(steps[:5], want) {
		t.Errorf("after d: %v", steps)
	}
	if r2.Final() != r.Final() {
		t.Errorf("a duplicate gave %q, want %q", r2.Final(), r.Final())
	}
	if _, err := r.Turn(byKey["d"], "d", r.Len()-1); err == nil {
		t.Error("d at the last frame succeeded")
	}
}

func TestRenderShowsMessagesAndState(t *testing.T) {
	r, _ := New().Run([]string{"--tree", "1(2(4),3)", "--op", "count"})
	th := visual.NewTheme(true, true)
	// Frame 8: 2 has its entry and has forwarded to 4; 1->3 still in flight.
	out := ansi.Strip(r.Render(8, 80, 12, th))
	for _, want := range []string{"#1↓count ─ 4", "#0↓count ─ 3", "2 [wait 1/1 · Σ0]", "1 [wait 2/2 · Σ0]", ">├─ 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("frame 8 lacks %q:\n%s", want, out)
		}
	}
	// Frame 17: 2 answers 2 up to 1.
	out = ansi.Strip(r.Render(17, 80, 12, th))
	if !strings.Contains(out, "#0↑2 ─ 2") {
		t.Errorf("frame 17 lacks the answer on its edge:\n%s", out)
	}
	out = ansi.Strip(r.Render(r.Len()-1, 80, 12, th))
	if !strings.Contains(out, "1 = count 4") || !strings.Contains(out, "6 messages for 4 machines") {
		t.Errorf("last frame lacks the answer:\n%s", out)
	}
	// A deep chain folds its prefix and keeps the current machine in view.
	deep := "1"
	for i := 2; i <= 60; i++ {
		deep += fmt.Sprintf("(%d", i)
	}
	deep += strings.Repeat(")", 59)
	r, err := New().Run([]string{"--tree", deep, "--op", "count"})
	if err != nil {
		t.Fatal(err)
	}
	mid := r.Len() / 2
	out = ansi.Strip(r.Render(mid, 40, 10, th))
	if !strings.Contains(out, "…") || !strings.Contains(out, ">") {
		t.Errorf("deep chain at 40x10 neither folds nor shows the current machine:\n%s", out)
	}
	// A duplicate: the header says which delivery is made twice, and a
	// leaf's second answer shows in the message count of the footer.
	r, _ = New().Run([]string{"--tree", "1(2(4),3)", "--op", "count", "--dup", "3"})
	out = ansi.Strip(r.Render(r.Len()-1, 120, 12, th))
	if !strings.Contains(out, "delivery 3 twice") || !strings.Contains(out, "7 messages for 4 machines; 2(n-1) = 6 without the copy") {
		t.Errorf("a duplicated leaf request:\n%s", out)
	}
}

func TestExerciseGrading(t *testing.T) {
	kinds := map[string]visual.ExerciseKind{}
	for _, k := range New().Exercises() {
		kinds[k.ID] = k
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		e := kinds["tree.messages"].New(rng)
		var n int
		fmt.Sscanf(e.Question, "A tree has %d machines", &n)
		if e.Answer != fmt.Sprint(2*(n-1)) || e.Check(fmt.Sprint(2*(n-1)+1)) || !e.Check(" "+e.Answer+" ") {
			t.Errorf("messages for %d machines: answer %q", n, e.Answer)
		}
		e = kinds["tree.rounds"].New(rng)
		desc := e.Args[1]
		tr, _ := machinetree.Parse(desc)
		if e.Answer != fmt.Sprint(2*tr.Height()) {
			t.Errorf("rounds for %s (height %d): answer %q", desc, tr.Height(), e.Answer)
		}
		e = kinds["tree.reports"].New(rng)
		tr, _ = machinetree.Parse(e.Args[1])
		var x int
		fmt.Sscanf(e.Question[strings.Index(e.Question, "does machine"):], "does machine %d", &x)
		if want := subtreeSize(tr, x); e.Answer != fmt.Sprint(want) || e.Check(fmt.Sprint(want+1)) {
			t.Errorf("machine %d of %s reports %q, want %d", x, e.Args[1], e.Answer, want)
		}
		e = kinds["tree.topology"].New(rng)
		top, err := machinetree.ParseTopology(e.Answer)
		if err != nil || top.Len() < 1 {
			t.Errorf("topology answer %q: %v", e.Answer, err)
		}
		// The same map written with keys in another order and spaces is
		// right; a map with one machine less is not.
		if !e.Check(strings.ReplaceAll(e.Answer, " ", "")) {
			t.Errorf("topology answer without spaces refused: %q", e.Answer)
		}
		if e.Check("{}") || e.Check(e.Answer+"}") {
			t.Errorf("topology accepts a wrong map for %q", e.Question)
		}
	}
}

// subtreeSize counts the machines at and below x, walking the tree.
func subtreeSize(tr *machinetree.Tree, x int) int {
	n, stack := 0, []int{x}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n++
		stack = append(stack, tr.Children(v)...)
	}
	return n
}

func BenchmarkRender(b *testing.B) {
	r, _ := New().Run([]string{"--random", "200", "--seed", "3", "--op", "topology"})
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		r.Render(i%r.Len(), 80, 24, th)
		i += 13
	}
}

// BenchmarkRecord records a topology request on 200 machines, the
// largest tree the picture takes: the cost of a run before its first
// frame shows.
func BenchmarkRecord(b *testing.B) {
	v := New()
	args := []string{"--random", "200", "--seed", "3", "--op", "topology"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Run(args); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrace is what `tutor trace` adds to a recording: the trace
// text of every frame.
func BenchmarkTrace(b *testing.B) {
	r, _ := New().Run([]string{"--random", "200", "--seed", "3", "--op", "topology"})
	for b.Loop() {
		if err := visual.Trace(new(strings.Builder), r); err != nil {
			b.Fatal(err)
		}
	}
}
