package stepper

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// predictAll answers every question of m's run in predict mode, right
// when right(k) says so for the k-th answer, checking each answer's
// screen and message; it returns the pane and the messages.
func predictAll(t *testing.T, m Model, right func(k int) bool, limit int) (Model, []PredictedMsg) {
	t.Helper()
	name := m.Visual().Name()
	var msgs []PredictedMsg
	for k := 0; k < limit; k++ {
		q, ok := m.Question()
		if !ok {
			break
		}
		// The oracle: the run's own next frame, not the question's
		// Answer field.
		truth := m.Run().Frame(q.At + 1).Explain
		want := -1
		for i, c := range q.Choices {
			if c == truth {
				if want >= 0 {
					t.Fatalf("%s: the true next event is offered twice: %q", name, q.Choices)
				}
				want = i
			}
		}
		if want < 0 {
			t.Fatalf("%s step %d: the true next event %q is not among %q", name, q.At+1, truth, q.Choices)
		}
		s := view(m, 80, 30)
		if !strings.Contains(s, fmt.Sprintf("What happens after step %d?", q.At+1)) {
			t.Fatalf("%s: the question is not on screen:\n%s", name, s)
		}
		pick := want
		if !right(k) {
			pick = (want + 1) % len(q.Choices)
		}
		var cmd tea.Cmd
		m, cmd = feed(t, m, keyPress(fmt.Sprint(pick+1)))
		if cmd == nil {
			t.Fatalf("%s: an answer gave no command", name)
		}
		msg, ok := cmd().(PredictedMsg)
		if !ok || msg.Card != name+".predict" || msg.Right != (pick == want) || msg.Took < 0 {
			t.Fatalf("%s: answered %d (right %d): %+v", name, pick, want, msg)
		}
		msgs = append(msgs, msg)
		if m.Frame() != q.At+1 {
			t.Fatalf("%s: after the answer the pane shows frame %d, want %d", name, m.Frame(), q.At+1)
		}
		r, n := m.Predictions()
		s = view(m, 80, 30)
		verdict := "✓ predicted"
		if !msg.Right {
			verdict = "✗ not predicted · you chose " + fmt.Sprint(pick+1)
		}
		if !strings.Contains(s, verdict) || !strings.Contains(s, fmt.Sprintf("predict: %d of %d predicted", r, n)) || n != k+1 {
			t.Fatalf("%s after answer %d (%d of %d): lacks %q or the count:\n%s", name, k+1, r, n, verdict, s)
		}
		m = press(t, m, "l")
	}
	return m, msgs
}

// newService is a quiz service on a review log in a fresh folder, with
// the clock at *now.
func newService(t *testing.T, now *time.Time) (*quiz.Service, string) {
	t.Helper()
	dir := t.TempDir()
	log, err := review.OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	return &quiz.Service{Log: log, Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return *now }}, dir
}

func TestPredictEveryVisual(t *testing.T) {
	for _, v := range visuals.All() {
		t.Run(v.Name(), func(t *testing.T) {
			now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
			svc, dir := newService(t, &now)
			m := open(t, v, nil)
			m, cmd := feed(t, m, keyPress("P"))
			m = runAll(t, m, cmd) // the mutated run too
			if !m.Predicting() || !m.Capturing() {
				t.Fatalf("P: predicting %v, capturing %v", m.Predicting(), m.Capturing())
			}
			// Right, right, wrong, and so on.
			m, msgs := predictAll(t, m, func(k int) bool { return k%3 != 2 }, 40)
			if len(msgs) < 2 {
				t.Fatalf("only %d questions in the default run of %d steps", len(msgs), m.Run().Len())
			}
			for _, msg := range msgs {
				now = now.Add(time.Minute)
				if err := svc.Save(svc.Predicted(msg.Card, msg.Right, msg.Took)); err != nil {
					t.Fatal(err)
				}
			}
			// The log holds one review of the predict card per answer,
			// Good when right, Again when wrong.
			recs, warns, err := review.ReadLog(dir)
			if err != nil || len(warns) > 0 || len(recs) != len(msgs) {
				t.Fatalf("the log: %d records of %d answers, %v, %v", len(recs), len(msgs), warns, err)
			}
			for i, r := range recs {
				want := review.Again
				if msgs[i].Right {
					want = review.Good
				}
				if r.Card != visual.PredictCard(v.Name()) || r.Grade != want {
					t.Errorf("record %d: %s graded %v, want %s %v", i, r.Card, r.Grade, visual.PredictCard(v.Name()), want)
				}
			}
			// The scheduler replays them: the same card state as the
			// answers gave, and the card is due again soon after a lapse.
			cards := review.Replay(review.DefaultScheduler(), recs)
			c := cards[visual.PredictCard(v.Name())]
			if c.Reps != len(msgs) || c != svc.Cards[visual.PredictCard(v.Name())] {
				t.Errorf("replayed %+v, the service holds %+v", c, svc.Cards[visual.PredictCard(v.Name())])
			}
			if c.Due.After(now.Add(24 * time.Hour)) {
				t.Errorf("after %d answers with misses, due %v", len(msgs), c.Due)
			}
			due := review.Queue([]string{visual.PredictCard(v.Name())}, cards, now.Add(25*time.Hour), 0)
			if len(due) != 1 {
				t.Errorf("the predict card is not in the queue a day later: %v", due)
			}
			// And a deck of the visual's lesson now holds it: a session
			// a day later asks it as an exercise, which its own answer
			// passes.
			kinds := svc.PredictKinds(v)
			if len(kinds) != 1 || kinds[0].ID != visual.PredictCard(v.Name()) {
				t.Fatalf("PredictKinds = %v", kinds)
			}
			now = now.Add(25 * time.Hour)
			svc.Rand = newRand()
			ss := svc.Start([]quiz.Card{{ID: kinds[0].ID, Lesson: "x", Kind: &kinds[0]}})
			if cur, ok := ss.Current(); !ok || cur.ID != kinds[0].ID {
				t.Fatalf("the session does not ask the predict card: %v %v", cur, ok)
			}
			ex := ss.Exercise()
			if right, _, graded, rec := ss.Submit(ex.Answer); !right || !graded || rec.Card != kinds[0].ID {
				t.Errorf("the exercise refused its own answer %q:\n%s", ex.Answer, ex.Question)
			}
		})
	}
}

func TestPredictKeys(t *testing.T) {
	m := open(t, manyVisual, []string{"--n", "12"})
	m = press(t, m, "P")
	q, ok := m.Question()
	if !ok || q.At != 0 {
		t.Fatalf("P asks nothing: %v %+v", ok, q)
	}
	if s := view(m, 60, 24); !strings.Contains(s, "predicting") || !strings.Contains(s, "1 step ") {
		t.Errorf("the question:\n%s", s)
	}
	// Keys that are not a choice leave the question up; a number past
	// the choices too.
	for _, k := range []string{"q", "?", "9", "0", "l", "space", "a", "."} {
		m = press(t, m, k)
		if _, ok := m.Question(); !ok || m.Frame() != 0 {
			t.Fatalf("%s while asked: question %v, frame %d", k, ok, m.Frame())
		}
	}
	// Answer: the frame is shown, and l asks the next one.
	m, msgs := predictAll(t, m, func(int) bool { return true }, 1)
	if q, ok := m.Question(); len(msgs) != 1 || !ok || q.At != 1 {
		t.Fatalf("after an answer and l: %d answers, question %v %+v", len(msgs), ok, q)
	}
	// ← steps back without answering; the question is dropped.
	m = press(t, m, "left")
	if _, ok := m.Question(); ok || m.Frame() != 0 || !m.Predicting() {
		t.Errorf("left: question %v, frame %d, predicting %v", ok, m.Frame(), m.Predicting())
	}
	// space asks, as l does.
	m = press(t, m, "space")
	if q, ok := m.Question(); !ok || q.At != 0 || m.Playing() {
		t.Fatalf("space in predict mode: %v %+v, playing %v", ok, q, m.Playing())
	}
	m = press(t, m, "left")
	// Jumps drop nothing answered; G to the end: the run is over.
	m = press(t, m, "G", "l")
	if _, ok := m.Question(); ok || !strings.Contains(view(m, 80, 24), "the run is over") {
		t.Errorf("l at the end:\n%s", view(m, 80, 24))
	}
	// esc leaves predict mode; the count is kept for the next time.
	m = press(t, m, "g", "l", "esc")
	if m.Predicting() || m.Capturing() {
		t.Errorf("esc: predicting %v, capturing %v", m.Predicting(), m.Capturing())
	}
	if r, n := m.Predictions(); r != 1 || n != 1 {
		t.Errorf("predictions %d of %d", r, n)
	}
	m = press(t, m, "P", "P")
	if m.Predicting() {
		t.Error("P twice left predict mode on")
	}
	// A save that failed is said in the pane.
	m = press(t, m, "P")
	m, _ = feed(t, m, SavedMsg{Err: fmt.Errorf("disk full")})
	m, _ = feed(t, m, keyPress("1"))
	if s := view(m, 80, 24); !strings.Contains(s, "answers are not being saved: disk full") {
		t.Errorf("a failed save is not shown:\n%s", s)
	}
	m, _ = feed(t, m, SavedMsg{})
	if s := view(m, 80, 24); strings.Contains(s, "not being saved") {
		t.Errorf("a good save did not clear the notice:\n%s", s)
	}
}

func TestPredictOneStepRun(t *testing.T) {
	m := open(t, manyVisual, []string{"--n", "1"})
	m = press(t, m, "P")
	if _, ok := m.Question(); ok || !strings.Contains(view(m, 60, 20), "the run is over") {
		t.Errorf("a run of one step:\n%s", view(m, 60, 20))
	}
	// A run whose steps all explain the same offers no choice: it steps.
	c := open(t, sameVisual, nil)
	c = press(t, c, "P")
	if _, ok := c.Question(); ok || c.Frame() != 1 || !strings.Contains(view(c, 80, 20), "only one thing could happen next") {
		t.Errorf("nothing to choose from: frame %d\n%s", c.Frame(), view(c, 80, 20))
	}
}

// sameVisual's three frames all say the same.
var sameVisual = visual.Spec[int, same]{
	Name: "same", Source: "kvstore/codec.go", Default: []string{"--n", "3"},
	Parse:  nFlag("same", 10),
	Format: func(n int) []string { return []string{"--n", fmt.Sprint(n)} },
	Record: func(n int) (same, error) { return same{tall{n}}, nil },
}.Visual()

type same struct{ tall }

func (same) Frame(i int) visual.Frame { return visual.Frame{Step: "row", Explain: "the same again."} }

func newRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

func TestPredictQuestionFitsSmallPanes(t *testing.T) {
	v, _ := visuals.Lookup("credits")
	m := press(t, open(t, v, nil), "P")
	q, ok := m.Question()
	if !ok {
		t.Fatal("no question")
	}
	for _, sz := range [][2]int{{38, 7}, {38, 9}, {30, 12}, {78, 19}, {20, 8}} {
		s := m.View(sz[0], sz[1], plain)
		if !checkBox(t, "question", s, sz[0], sz[1]) {
			continue
		}
		// Every choice's number starts a line: none is dropped for room.
		lines := strings.Split(ansi.Strip(s), "\n")
		for i := range q.Choices {
			found := false
			for _, l := range lines {
				found = found || strings.HasPrefix(l, fmt.Sprintf("%d ", i+1))
			}
			if !found {
				t.Errorf("at %dx%d choice %d is not on screen:\n%s", sz[0], sz[1], i+1, ansi.Strip(s))
			}
		}
	}
}

// runAll runs cmd as the program would, feeding the pane what comes
// back, batches included.
func runAll(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m = runAll(t, m, c)
		}
	case RanMsg:
		var next tea.Cmd
		m, next = feed(t, m, msg)
		m = runAll(t, m, next)
	}
	return m
}

func TestPredictFromAMutatedInput(t *testing.T) {
	v, _ := visuals.Lookup("tree")
	m := open(t, v, nil)
	m, cmd := feed(t, m, keyPress("P"))
	m = runAll(t, m, cmd)
	if m.pm.mut == nil || m.pm.mutBase != m.Run() {
		t.Fatal("P recorded no mutated run")
	}
	mutated := visual.JoinArgs(m.pm.mut.Args())
	if mutated == visual.JoinArgs(m.Args()) {
		t.Fatalf("the mutated input is the input: %s", mutated)
	}
	for range m.Run().Len() - 1 {
		q, ok := m.Question()
		if !ok {
			break
		}
		for i, from := range q.From {
			if from == "" {
				continue
			}
			// The choice is the mutated run's next step, and not the
			// run's own: choosing it is wrong, and the verdict says
			// where it came from.
			if from != mutated || q.Choices[i] != m.pm.mut.Frame(q.At+1).Explain || i == q.Answer {
				t.Fatalf("choice %d %q from %q", i, q.Choices[i], from)
			}
			m, _ = feed(t, m, keyPress(fmt.Sprint(i+1)))
			if s := view(m, 200, 30); !strings.Contains(s, "(what the run on "+mutated+" does)") {
				t.Errorf("the verdict does not say where the choice came from:\n%s", s)
			}
			return
		}
		m, _ = feed(t, m, keyPress(fmt.Sprint(q.Answer+1)))
		m = press(t, m, "l")
	}
	t.Error("no question of the default tree run offered the mutated run's step")
}

// TestPredictClearsAnOldRefusal is the tester's finding: a knob refused
// before predict mode (wire's o on a repeated field) kept its "refused:"
// line under every question and in place of the count for the whole
// predict session.
func TestPredictClearsAnOldRefusal(t *testing.T) {
	v, _ := visuals.Lookup("wire")
	m := open(t, v, nil)
	for range 9 {
		m = press(t, m, "l")
	}
	m = press(t, m, "z", "u", "o")
	if s := view(m, 64, 30); !strings.Contains(s, "refused: o: c is a repeated field") {
		t.Fatalf("o on field c was not refused:\n%s", s)
	}
	m = press(t, m, "P")
	if _, ok := m.Question(); !ok {
		t.Fatalf("P asked nothing:\n%s", view(m, 64, 30))
	}
	if s := view(m, 64, 30); strings.Contains(s, "refused") || !strings.Contains(s, "predict: 0 of 0 predicted") {
		t.Errorf("the question keeps the old refusal, or lacks the count:\n%s", s)
	}
	m = press(t, m, "3")
	if s := view(m, 64, 30); strings.Contains(s, "refused") || !strings.Contains(s, "of 1 predicted · → next question") {
		t.Errorf("after an answer the old refusal stays, or the count is missing:\n%s", s)
	}
	// A refusal between questions goes with the next question, and a
	// refusal while a question waits goes with its answer.
	m = press(t, m, "o")
	if s := view(m, 64, 30); !strings.Contains(s, "refused: o:") {
		t.Fatalf("o between questions was not refused:\n%s", s)
	}
	m = press(t, m, "l")
	if s := view(m, 64, 30); strings.Contains(s, "refused") {
		t.Errorf("the next question keeps the refusal:\n%s", s)
	}
	m.err = "a refusal while the question waits"
	m = press(t, m, "1")
	if s := view(m, 64, 30); strings.Contains(s, "refusal") || !strings.Contains(s, "of 2 predicted") {
		t.Errorf("the answer keeps the refusal:\n%s", s)
	}
}

// TestPredictScrollsThePicture is the tester's finding: at 120x40 the
// credits question leaves its picture 3 rows, which j and k did not
// scroll while the question waited. They scroll it now, the question
// stays, and the status names the window in the one form of every note.
func TestPredictScrollsThePicture(t *testing.T) {
	v, _ := visuals.Lookup("credits")
	m := press(t, open(t, v, nil), "g", "P")
	const w, h = 64, 21
	note := regexp.MustCompile(` · lines (\d+)-(\d+) of (\d+) [↓↑↕]$`)
	status := func(m Model) []string {
		return note.FindStringSubmatch(strings.TrimSpace(strings.Split(view(m, w, h), "\n")[0]))
	}
	if _, ok := m.Question(); !ok {
		t.Fatal("P asked nothing")
	}
	before := status(m)
	if before == nil {
		t.Fatalf("the question's cut picture has no lines note:\n%s", view(m, w, h))
	}
	m = press(t, m, "j")
	after := status(m)
	if _, ok := m.Question(); !ok || m.Frame() != 0 || after == nil {
		t.Fatalf("j: question waiting %v, frame %d, note %q\n%s", ok, m.Frame(), after, view(m, w, h))
	}
	a, _ := strconv.Atoi(before[1])
	b, _ := strconv.Atoi(after[1])
	if b != a+1 || !strings.Contains(view(m, w, h), "What happens after step 1?") {
		t.Errorf("j moved the window from line %d to %d, want %d:\n%s", a, b, a+1, view(m, w, h))
	}
	m = press(t, m, "j", "j", "k")
	if c, _ := strconv.Atoi(status(m)[1]); c != a+2 {
		t.Errorf("j j k after j: window at line %d, want %d", c, a+2)
	}
	if got := m.CaptureBindings(); len(got) != 3 || got[1].Help().Desc != "scroll picture" {
		t.Errorf("the question's keys %v lack the scroll", got)
	}
}
