package visual

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"pgregory.net/rapid"
)

// steps is a recording whose frames have the given step ids; with answer
// set it is an Answerer whose answer is the number of "add" steps so far.
type steps struct {
	ids     []string
	explain func(i int) string
}

func (s steps) Len() int { return len(s.ids) }
func (s steps) Frame(i int) Frame {
	e := fmt.Sprintf("step %d does %s.", i, s.ids[i])
	if s.explain != nil {
		e = s.explain(i)
	}
	return Frame{Step: s.ids[i], Explain: e}
}
func (s steps) Draw(i, w, h int, th Theme) []string { return []string{s.ids[i]} }
func (s steps) State(i int) string                  { return s.ids[i] }
func (s steps) Final() string                       { return "" }

type answered struct{ steps }

func (a answered) Answer(i int) string {
	n := 0
	for _, id := range a.ids[:i+1] {
		if id == "add" {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// runOf makes a Run of a recording through a Spec, as every visual's is.
func runOf[Rec Recording](t testing.TB, rec Rec) Run {
	t.Helper()
	v := Spec[int, Rec]{
		Name:   "steps",
		Source: "kvstore/codec.go",
		Parse:  func([]string) (int, error) { return 0, nil },
		Format: func(int) []string { return []string{"--x"} },
		Record: func(int) (Rec, error) { return rec, nil },
	}.Visual()
	r, err := v.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTimelineAgainstBruteForce(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ids := rapid.SliceOfN(rapid.SampledFrom([]string{"add", "drop", "peek", "end"}), 1, 300).Draw(rt, "ids")
		tl := NewTimeline(runOf(t, answered{steps{ids: ids}}))
		if tl.Len() != len(ids) || !tl.HasAnswer() {
			rt.Fatalf("Len %d, HasAnswer %v", tl.Len(), tl.HasAnswer())
		}
		total := 0
		for k, name := range tl.Kinds() {
			total += tl.Count(k)
			if strings.Count(" "+strings.Join(ids, " ")+" ", " "+name+" ") == 0 {
				rt.Fatalf("kind %q is not a step of the run", name)
			}
		}
		if total != len(ids) {
			rt.Fatalf("the kinds count %d frames of %d", total, len(ids))
		}
		for i := range ids {
			if tl.Kinds()[tl.Kind(i)] != ids[i] {
				rt.Fatalf("frame %d: kind %q, want %q", i, tl.Kinds()[tl.Kind(i)], ids[i])
			}
			next, prev, change := -1, -1, -1
			for j := i + 1; j < len(ids); j++ {
				if ids[j] == ids[i] {
					next = j
					break
				}
			}
			for j := i - 1; j >= 0; j-- {
				if ids[j] == ids[i] {
					prev = j
					break
				}
			}
			for j := i + 1; j < len(ids); j++ {
				if ids[j] == "add" { // the only step that changes the count
					change = j
					break
				}
			}
			if got := tl.NextOfKind(i); got != next {
				rt.Fatalf("NextOfKind(%d) = %d, want %d", i, got, next)
			}
			if got := tl.PrevOfKind(i); got != prev {
				rt.Fatalf("PrevOfKind(%d) = %d, want %d", i, got, prev)
			}
			if got := tl.NextChange(i); got != change {
				rt.Fatalf("NextChange(%d) = %d, want %d", i, got, change)
			}
		}
		width := rapid.IntRange(1, 400).Draw(rt, "width")
		checkStrip(rt, tl, ids, width)
	})
}

// checkStrip checks a strip against the run: the columns cover every
// step once, in order, as evenly as whole steps allow; each names the
// kinds it holds and shows the rarest.
func checkStrip(t interface{ Fatalf(string, ...any) }, tl *Timeline, ids []string, width int) {
	s := tl.Strip(width)
	n := len(ids)
	if want := min(n, width); len(s.Cols) != want {
		t.Fatalf("%d steps in %d columns: %d columns, want %d", n, width, len(s.Cols), want)
	}
	global := map[string]int{}
	for _, id := range ids {
		global[id]++
	}
	next := 0
	lo, hi := n/len(s.Cols), (n+len(s.Cols)-1)/len(s.Cols)
	for c, col := range s.Cols {
		if col.From != next || col.To <= col.From {
			t.Fatalf("column %d holds %d..%d, want it to start at %d", c, col.From, col.To, next)
		}
		if size := col.To - col.From; size < lo || size > hi {
			t.Fatalf("column %d holds %d steps, want %d to %d", c, size, lo, hi)
		}
		in := map[string]int{}
		for i := col.From; i < col.To; i++ {
			in[ids[i]]++
			if got := s.Column(i); got != c {
				t.Fatalf("Column(%d) = %d, want %d", i, got, c)
			}
		}
		sum := 0
		for j, kc := range col.Kinds {
			name := tl.Kinds()[kc.Kind]
			if in[name] != kc.Count {
				t.Fatalf("column %d: %d of %q, want %d", c, kc.Count, name, in[name])
			}
			if j > 0 && col.Kinds[j-1].Count < kc.Count {
				t.Fatalf("column %d: kinds not most frequent first: %v", c, col.Kinds)
			}
			sum += kc.Count
		}
		if sum != col.To-col.From || len(col.Kinds) != len(in) {
			t.Fatalf("column %d: kinds %v for %v", c, col.Kinds, in)
		}
		shown := tl.Kinds()[col.Kind]
		for name := range in {
			if global[name] < global[shown] {
				t.Fatalf("column %d shows %q (%d in the run) over the rarer %q (%d)", c, shown, global[shown], name, global[name])
			}
		}
		next = col.To
	}
	if next != n {
		t.Fatalf("the columns end at %d of %d steps", next, n)
	}
}

func TestTimelineWithoutAnswer(t *testing.T) {
	tl := NewTimeline(runOf(t, steps{ids: []string{"add", "add", "drop"}}))
	if tl.HasAnswer() || tl.NextChange(0) != -1 || tl.Changes() != 0 {
		t.Errorf("a recording with no answer: HasAnswer %v, NextChange %d", tl.HasAnswer(), tl.NextChange(0))
	}
	if _, ok := AnswerOf(runOf(t, steps{ids: []string{"a"}}), 0); ok {
		t.Error("AnswerOf found an answer in a recording with none")
	}
	if a, ok := AnswerOf(runOf(t, answered{steps{ids: []string{"add", "add"}}}), 9); !ok || a != "2" {
		t.Errorf("AnswerOf past the end = %q, %v; want the last frame's 2", a, ok)
	}
}

func TestStripSizes(t *testing.T) {
	for _, n := range []int{1, 2, 7, 19, 20, 21, 299, 300, 301, 1107, 100_000} {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = []string{"send", "deliver", "deliver", "reply"}[i%4]
		}
		if n > 5 {
			ids[n/3] = "expire" // a rare step keeps its mark
		}
		tl := NewTimeline(runOf(t, steps{ids: ids}))
		for _, w := range []int{1, 20, 21, 80, 160, 299, 300} {
			checkStrip(t, tl, ids, w)
			if n > 5 {
				s := tl.Strip(w)
				if col := s.Cols[s.Column(n/3)]; tl.Kinds()[col.Kind] != "expire" {
					t.Errorf("%d steps in %d columns: the bucket of the one expiry shows %q", n, w, tl.Kinds()[col.Kind])
				}
			}
		}
	}
}

func TestPredict(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		ids := rapid.SliceOfN(rapid.SampledFrom([]string{"push", "pop", "expire", "peek"}), 1, 120).Draw(rt, "ids")
		texts := rapid.SliceOfN(rapid.SampledFrom([]string{"a", "b", "c"}), len(ids), len(ids)).Draw(rt, "texts")
		rec := steps{ids: ids, explain: func(i int) string { return ids[i] + " " + texts[i] }}
		r := runOf(t, rec)
		tl := NewTimeline(r)
		at := rapid.IntRange(-1, len(ids)).Draw(rt, "at")
		seed := rapid.Uint64().Draw(rt, "seed")
		q, ok := Predict(r, tl, at, seed)
		distinct := map[string]bool{}
		for i := range ids {
			distinct[rec.Frame(i).Explain] = true
		}
		// Brute force: a question exists when there is a next frame and
		// some frame explains something else.
		want := at >= 0 && at < len(ids)-1 && len(distinct) > 1
		if ok != want {
			rt.Fatalf("Predict at %d of %d (%d distinct explanations): ok %v, want %v", at, len(ids), len(distinct), ok, want)
		}
		if !ok {
			return
		}
		if q.At != at || len(q.Choices) < 2 || len(q.Choices) > PredictChoices || len(q.Steps) != len(q.Choices) {
			rt.Fatalf("question %+v", q)
		}
		if len(q.From) != len(q.Choices) || q.From[q.Answer] != "" {
			rt.Fatalf("From %q", q.From)
		}
		if q.Choices[q.Answer] != rec.Frame(at+1).Explain || q.Steps[q.Answer] != ids[at+1] {
			rt.Fatalf("the answer %q is not frame %d's %q", q.Choices[q.Answer], at+1, rec.Frame(at+1).Explain)
		}
		seen := map[string]bool{}
		for i, c := range q.Choices {
			if seen[c] || !distinct[c] {
				rt.Fatalf("choice %d %q twice or not of the run: %q", i, c, q.Choices)
			}
			seen[c] = true
		}
		if want := min(len(distinct), PredictChoices); len(q.Choices) != want {
			rt.Fatalf("%d choices, want %d (of %d distinct)", len(q.Choices), want, len(distinct))
		}
		// The step on screen and a one-off step already past (a finding:
		// wire offered step 4's own sentence after step 4, ipv4 its
		// start at every step) come only when nothing else fills the
		// choices.
		count := map[string]int{}
		for _, id := range ids {
			count[id]++
		}
		avoid := map[string]bool{rec.Frame(at).Explain: true}
		for i := 0; i <= at+1; i++ {
			if count[ids[i]] == 1 {
				avoid[rec.Frame(i).Explain] = true
			}
		}
		others := 0
		for e := range distinct {
			if !avoid[e] && e != rec.Frame(at+1).Explain {
				others++
			}
		}
		if others >= PredictChoices-1 {
			for _, c := range q.Choices {
				if avoid[c] && c != rec.Frame(at+1).Explain {
					rt.Fatalf("at %d the choices %q offer %q, which cannot come next, with %d others to offer", at, q.Choices, c, others)
				}
			}
		}
		again, _ := Predict(r, tl, at, seed)
		if strings.Join(again.Choices, "|") != strings.Join(q.Choices, "|") {
			rt.Fatalf("the same question twice: %q then %q", q.Choices, again.Choices)
		}
	})
}

func TestPredictPrefersTheNextKind(t *testing.T) {
	// After a push the run pops: the question asks which pop, and
	// offers a push.
	var ids []string
	var ex []string
	for i := range 9 {
		ids, ex = append(ids, "push"), append(ex, fmt.Sprintf("push %d.", i+1))
		ids, ex = append(ids, "pop"), append(ex, fmt.Sprintf("pop %d.", i+1))
	}
	ids, ex = append(ids, "end"), append(ex, "the end.")
	r := runOf(t, steps{ids: ids, explain: func(i int) string { return ex[i] }})
	q, ok := Predict(r, NewTimeline(r), 8, 1) // frame 9 is "pop 5."
	if !ok {
		t.Fatal("no question")
	}
	kinds := map[string]int{}
	for _, s := range q.Steps {
		kinds[s]++
	}
	if q.Choices[q.Answer] != "pop 5." || kinds["pop"] != 3 || kinds["push"] != 1 {
		t.Errorf("choices %q (steps %q): want pop 5., two other pops and a push", q.Choices, q.Steps)
	}
}

func TestPredictKind(t *testing.T) {
	v := Spec[int, steps]{
		Name: "abc", Source: "kvstore/codec.go",
		Default: []string{"--x"},
		Parse:   func([]string) (int, error) { return 0, nil },
		Format:  func(int) []string { return []string{"--x"} },
		Record:  func(int) (steps, error) { return steps{ids: []string{"a", "b", "c", "d", "e"}}, nil },
	}.Visual()
	k := PredictKind(v)
	if k.ID != "abc.predict" || k.ID != PredictCard("abc") {
		t.Errorf("ID %q", k.ID)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		e := k.New(rng)
		num, text, _ := strings.Cut(e.Answer, ". ")
		for _, a := range []string{e.Answer, num, num + ".", " " + strings.ToUpper(text) + " ", text} {
			if !e.Check(a) {
				t.Errorf("%q refused for the answer %q of\n%s", a, e.Answer, e.Question)
			}
			if h := e.Hint(a); h != "" {
				t.Errorf("hint %q on the right answer %q", h, a)
			}
		}
		if e.Check("") || e.Check("9") || e.Check("0") {
			t.Errorf("an empty or out-of-range answer accepted")
		}
		wrong := "1"
		if num == "1" {
			wrong = "2"
		}
		if e.Check(wrong) || e.Hint(wrong) != "" {
			t.Errorf("the wrong choice %s: accepted %v, hint %q", wrong, e.Check(wrong), e.Hint(wrong))
		}
		if h := e.Hint("nine"); !strings.Contains(h, "number of a choice") {
			t.Errorf("Hint(nine) = %q", h)
		}
		if !strings.Contains(e.Question, "What does the solution do next?") || strings.Join(e.Args, " ") != "--x" {
			t.Errorf("question %q, args %q", e.Question, e.Args)
		}
	}
}

func BenchmarkTimeline(b *testing.B) {
	ids := make([]string, 100_000)
	for i := range ids {
		ids[i] = []string{"send", "deliver", "deliver", "reply", "expire"}[i*7%5]
	}
	r := runOf(b, steps{ids: ids})
	b.Run("NewTimeline-100k", func(b *testing.B) {
		for b.Loop() {
			NewTimeline(r)
		}
	})
	// The floor: reading every frame's step id once, which any timeline
	// must do.
	b.Run("floor-frames-100k", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for i := range r.Len() {
				n += len(r.Frame(i).Step)
			}
			_ = n
		}
	})
	tl := NewTimeline(r)
	b.Run("Strip-300-new-width", func(b *testing.B) {
		w := 0
		for b.Loop() {
			w = w%100 + 200
			tl.Strip(w)
			w++
		}
	})
	b.Run("Strip-300-kept", func(b *testing.B) {
		for b.Loop() {
			s := tl.Strip(300)
			s.Column(54_321)
		}
	})
}

func TestPredictFromAMutatedInput(t *testing.T) {
	// Frame i of the run on input x says "x+i"; the knob turns x into
	// x+10, so the mutated run's next step says something the run itself
	// never does.
	v := Spec[int, steps]{
		Name: "shift", Source: "kvstore/codec.go", Default: []string{"--x", "0"},
		Parse: func(args []string) (int, error) {
			if len(args) != 2 {
				return 0, fmt.Errorf("want --x N")
			}
			var x int
			_, err := fmt.Sscan(args[1], &x)
			return x, err
		},
		Format: func(x int) []string { return []string{"--x", fmt.Sprint(x)} },
		Record: func(x int) (steps, error) {
			return steps{ids: []string{"a", "b", "a", "b", "a"}, explain: func(i int) string { return fmt.Sprintf("%d+%d", x, i) }}, nil
		},
		Knobs: []Knob[int, steps]{
			{Key: key.NewBinding(key.WithKeys("]")), Turn: func(x int, _ steps, _ int, _ string) (int, error) { return x + 10, nil }},
		},
	}.Visual()
	r, err := v.Run(v.DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	m := Mutate(v, r)
	if m == nil || JoinArgs(m.Args()) != "--x 10" {
		t.Fatalf("Mutate gave %v", m)
	}
	q, ok := Predict(r, NewTimeline(r), 1, 9, m)
	if !ok {
		t.Fatal("no question")
	}
	found := false
	for i, c := range q.Choices {
		if c == "10+2" {
			found = q.From[i] == "--x 10" && i != q.Answer
		}
		if q.From[i] == "" && !strings.HasPrefix(c, "0+") {
			t.Errorf("choice %q is said to come from the run itself", c)
		}
	}
	if !found || q.Choices[q.Answer] != "0+2" || q.From[q.Answer] != "" {
		t.Errorf("choices %q from %q: want 0+2 the answer and 10+2 from --x 10", q.Choices, q.From)
	}
	// A visual with no knob that applies mutates nothing.
	if m := Mutate(v, r); m == nil {
		t.Error("Mutate twice")
	}
	noKnob := Spec[int, steps]{Name: "n", Source: "kvstore/codec.go", Parse: v.(*specVisual[int, steps]).s.Parse,
		Format: func(int) []string { return []string{"--x", "0"} },
		Record: func(int) (steps, error) { return steps{ids: []string{"a", "b"}}, nil }}.Visual()
	r2, _ := noKnob.Run([]string{"--x", "0"})
	if Mutate(noKnob, r2) != nil {
		t.Error("a visual without knobs was mutated")
	}
}
