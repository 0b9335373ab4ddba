package visual

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// PredictCard is the card id under which the review log keeps the
// predictions made in runs of the visual named name: "<name>.predict",
// beside the ids of the visual's exercises ("kvstore.put-hex").
func PredictCard(name string) string { return name + ".predict" }

// PredictChoices is how many choices a Question offers at most.
const PredictChoices = 4

// Question asks what the solution does right after frame At: one of
// Choices is the explanation of frame At+1, the solution's own next
// event; the others are explanations of other frames of the same run, or
// of the same step of a run on a mutated input.
type Question struct {
	// At is the frame on screen; the question is about frame At+1.
	At int
	// Choices are explanations, no two the same.
	Choices []string
	// Steps are the step ids of the frames the choices come from.
	Steps []string
	// From is, for each choice, "" when it comes from the run itself,
	// else the input of the mutated run it comes from (formatted).
	From []string
	// Answer is the index in Choices of frame At+1's explanation.
	Answer int
}

// Predict asks what happens after frame at of r, whose timeline is t. The
// alternatives are drawn from the same run, the nearest to frame at+1
// first: frames of the next frame's own kind whose explanation differs
// (which grant, which byte, which machine), then the same step of each run
// in mutated (what the solution does on an input changed by a knob: the
// other order, the next seed), then frames of the kinds that follow frame
// at's kind elsewhere in the run (what else could come next), then frames
// of any kind; the step on screen, and a one-off step already past (the
// run's start), come last, when the others leave room. The order of the
// choices is a shuffle seeded by seed and at, so asking again gives the
// same question. It reports false at the
// last frame, and when nothing offered explains anything different.
func Predict(r Run, t *Timeline, at int, seed uint64, mutated ...Run) (Question, bool) {
	n := r.Len()
	if at < 0 || at >= n-1 || t == nil || t.Len() != n {
		return Question{}, false
	}
	next := at + 1
	truth := r.Frame(next)
	type choice struct {
		f    Frame
		from string
	}
	// What is known not to come next is left out while other choices
	// remain: the step on screen itself, and the steps already past of a
	// kind the run has once (its start), which would be chosen against
	// by elimination rather than by the rule.
	avoid := map[string]bool{r.Frame(at).Explain: true}
	for k := range t.Kinds() {
		if fs := t.Frames(k); len(fs) == 1 && int(fs[0]) < next {
			avoid[r.Frame(int(fs[0])).Explain] = true
		}
	}
	avoiding := true
	seen := map[string]bool{truth.Explain: true}
	var picked []choice
	room := func() bool { return len(picked) < PredictChoices-1 }
	offer := func(f Frame, from string) bool {
		if seen[f.Explain] || avoiding && avoid[f.Explain] {
			return false
		}
		seen[f.Explain] = true
		picked = append(picked, choice{f, from})
		return true
	}
	add := func(j int) bool {
		if j < 0 || j >= n || j == next {
			return false
		}
		return offer(r.Frame(j), "")
	}
	// nearest walks kind k's frames outwards from the one nearest frame
	// next, adding up to want frames and trying at most tries.
	nearest := func(k, want, tries int) {
		at := t.Frames(k)
		p, _ := slices.BinarySearch(at, int32(next))
		got := 0
		for d := 0; d < tries && got < want && room(); d++ {
			for _, q := range []int{p + d, p - 1 - d} {
				if q >= 0 && q < len(at) && got < want && room() && add(int(at[q])) {
					got++
				}
			}
		}
	}
	nk := t.Kind(next)
	draw := func() {
		nearest(nk, 2, 32)
		for _, m := range mutated {
			if m != nil && next < m.Len() && room() {
				offer(m.Frame(next), JoinArgs(m.Args()))
			}
		}
		for _, k := range t.Follows(t.Kind(at)) {
			if k != nk {
				nearest(k, 1, 8)
			}
		}
		for k := range t.Kinds() {
			if k != nk {
				nearest(k, 1, 4)
			}
		}
		for k := range t.Kinds() {
			nearest((nk+k)%len(t.Kinds()), PredictChoices, 256)
		}
	}
	draw()
	if room() {
		// Too little else to offer: the steps left out fill the rest.
		avoiding = false
		draw()
	}
	if len(picked) == 0 {
		return Question{}, false
	}
	all := append([]choice{{truth, ""}}, picked...)
	order := rand.New(rand.NewPCG(seed, uint64(at))).Perm(len(all))
	q := Question{At: at}
	for i, j := range order {
		q.Choices = append(q.Choices, all[j].f.Explain)
		q.Steps = append(q.Steps, all[j].f.Step)
		q.From = append(q.From, all[j].from)
		if j == 0 {
			q.Answer = i
		}
	}
	return q, true
}

// Mutate records r's solution on an input changed by the first of v's
// knobs that applies at frame 0 (the other order, chunking on, the next
// seed), for Predict's alternatives from a mutated input. It records a
// run, so it may take as long as Visual.Run: call it from a tea.Cmd. It
// returns nil when no knob applies or the run fails.
func Mutate(v Visual, r Run) Run {
	for k, b := range v.Knobs() {
		keys := b.Keys()
		if len(keys) == 0 {
			continue
		}
		turned, err := r.Turn(k, keys[0], 0)
		if err != nil {
			continue
		}
		m, err := turned.Record()
		if err == nil && m.Len() > 1 {
			return m
		}
	}
	return nil
}

// PredictKind is the predict card of v as a kind of generated exercise,
// so that a deck holds it and the scheduler brings it back like any
// exercise (its ID is PredictCard(v.Name())). Each exercise records v on
// its default input or one of its examples, picks a step, shows that
// step's explanation and state, and asks which of the choices of Predict
// (with the run Mutate gives) the solution does next; the answer is the
// number of a choice (or its text). Recording the two runs is the costly
// part, a millisecond or so for the inputs visuals list.
func PredictKind(v Visual) ExerciseKind {
	return ExerciseKind{
		ID:    PredictCard(v.Name()),
		Title: "predict the next step of " + v.Name(),
		New:   func(rng *rand.Rand) Exercise { return predictExercise(v, rng) },
	}
}

// predictStateLines is how many lines of a frame's state an exercise
// shows.
const predictStateLines = 12

func predictExercise(v Visual, rng *rand.Rand) Exercise {
	inputs := append([][]string{v.DefaultArgs()}, v.Examples()...)
	start := rng.IntN(len(inputs))
	for k := range inputs {
		args := inputs[(start+k)%len(inputs)]
		r, err := v.Run(args)
		if err != nil || r.Len() < 2 {
			continue
		}
		t, mutated := NewTimeline(r), Mutate(v, r)
		from := rng.IntN(r.Len() - 1)
		for d := range r.Len() - 1 {
			at := (from + d) % (r.Len() - 1)
			q, ok := Predict(r, t, at, rng.Uint64(), mutated)
			if ok {
				return questionExercise(v, r, q)
			}
		}
	}
	// No input of v has a step to predict: a question that says so,
	// whose answer is the one choice.
	return Exercise{
		Question: v.Name() + " has no run with a step to predict.\n  1. nothing happens next",
		Answer:   "1",
		Check:    func(a string) bool { return strings.TrimSpace(a) == "1" },
	}
}

func questionExercise(v Visual, r Run, q Question) Exercise {
	var b strings.Builder
	f := r.Frame(q.At)
	b.WriteString(v.Name() + " on " + JoinArgs(r.Args()) + ", step " + strconv.Itoa(q.At+1) + " of " + strconv.Itoa(r.Len()) + ":\n")
	b.WriteString("  " + f.Explain + "\n")
	state := strings.Split(strings.TrimRight(r.State(q.At), "\n"), "\n")
	if len(state) > predictStateLines {
		state = append(state[:predictStateLines-1], "…")
	}
	for _, l := range state {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("What does the solution do next?\n")
	for i, c := range q.Choices {
		b.WriteString("  " + strconv.Itoa(i+1) + ". " + c + "\n")
	}
	b.WriteString("Answer with the number of a choice.")
	choices, answer := q.Choices, q.Answer
	pick := func(a string) (int, bool) {
		a = strings.Join(strings.Fields(a), " ")
		// "2", "2." or "2. the text of choice 2"
		num, _, _ := strings.Cut(strings.TrimSuffix(a, "."), ". ")
		if i, err := strconv.Atoi(num); err == nil && i >= 1 && i <= len(choices) {
			return i - 1, true
		}
		for i, c := range choices {
			if strings.EqualFold(a, strings.Join(strings.Fields(c), " ")) {
				return i, true
			}
		}
		return 0, false
	}
	return Exercise{
		Question: b.String(),
		Answer:   strconv.Itoa(answer+1) + ". " + choices[answer],
		Check: func(a string) bool {
			i, ok := pick(a)
			return ok && i == answer
		},
		Args: r.Args(),
		Hint: func(a string) string {
			if _, ok := pick(a); ok || strings.TrimSpace(a) == "" {
				return ""
			}
			return "answer with the number of a choice, 1 to " + strconv.Itoa(len(choices))
		},
	}
}
