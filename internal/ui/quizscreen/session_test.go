package quizscreen

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/screen"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

// rightDigit is the key that picks the right answer of the choice card on
// screen, wherever the shuffle put it.
func rightDigit(m *Model) string {
	c, _ := m.Session().Current()
	for i, idx := range m.Session().Order() {
		if idx == c.Item.Answer {
			return fmt.Sprint(i + 1)
		}
	}
	return "0"
}

// wrongDigit picks a wrong answer of the choice card on screen.
func wrongDigit(m *Model) string {
	c, _ := m.Session().Current()
	for i, idx := range m.Session().Order() {
		if idx != c.Item.Answer {
			return fmt.Sprint(i + 1)
		}
	}
	return "0"
}

// clocked is a session over a lesson of one choice item of five choices
// and one recall item, with a log in a folder and a clock the test moves.
func clocked(t *testing.T, kinds []visual.ExerciseKind) (*Model, *time.Time, string) {
	t.Helper()
	cat := testCatalog(t)
	dir := t.TempDir()
	log, err := review.OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	now := epoch
	svc := &quiz.Service{Log: log, Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now: func() time.Time { return now }, Rand: rand.New(rand.NewPCG(1, 2))}
	deck := quiz.Deck(cat, "", func(*lessons.Lesson) []visual.ExerciseKind { return kinds })
	c := &common.Common{Width: 80, Height: 24, Styles: styles.New(true, true), Keys: keys.Default()}
	m, _ := New(c, svc, deck, "L")
	return m, &now, dir
}

// testCatalog is a lesson of one choice item of five choices and one
// recall item.
func testCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	cat, err := lessons.Load(fstest.MapFS{
		"lessons/l.md": {Data: []byte("---\nid: l\ntitle: L\norder: 1\nvisual: v\nsummary: s\n---\n# L\n\ntext\n")},
		"lessons/l.quiz.yaml": {Data: []byte("- kind: choice\n  question: Which is fourth?\n  choices: [one, two, three, four, five]\n" +
			"  answer: 3\n  explain: Four is fourth.\n- kind: recall\n  front: Say hello.\n  back: Hello.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// step presses k and runs the command it returns, so that answers reach
// the log.
func step(t *testing.T, m *Model, ks ...string) *Model {
	t.Helper()
	for _, k := range ks {
		s, cmd, _ := m.Update(keyPress(k))
		m = s.(*Model)
		for _, msg := range runAll(cmd) {
			s, _, _ = m.Update(msg)
			m = s.(*Model)
		}
	}
	return m
}

// runAll runs cmd and the commands of any batch it returns, and gives
// their messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	if _, ok := msg.(SavedMsg); ok {
		return []tea.Msg{msg}
	}
	return nil
}

func logged(t *testing.T, dir string) []string {
	t.Helper()
	recs, warnings, err := review.ReadLog(dir)
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Grade.String())
	}
	return out
}

// TestChoicesAreShuffledAndGradedByMeaning: the choices show in the
// session's order, a redraw keeps it, the digit of the right answer's
// place is graded Good in the log and a wrong one Again.
func TestChoicesAreShuffledAndGradedByMeaning(t *testing.T) {
	m, _, dir := clocked(t, nil)
	order := m.Session().Order()
	names := []string{"one", "two", "three", "four", "five"}
	first := view(m)
	for i, idx := range order {
		if !strings.Contains(first, fmt.Sprintf("%d. %s", i+1, names[idx])) {
			t.Fatalf("choice %s is not shown at %d:\n%s", names[idx], i+1, first)
		}
	}
	if view(m) != first {
		t.Error("a redraw changes the card")
	}
	m = step(t, m, rightDigit(m))
	if s := view(m); !strings.Contains(s, "✓ "+rightDigit(m)+". four") || !strings.Contains(s, "Right.") {
		t.Errorf("the right answer picked:\n%s", s)
	}
	// Say hello, Again; then the choice comes back, answered wrongly.
	m = step(t, m, "enter", "space", "1")
	c, _ := m.Session().Current()
	if c.Item == nil || c.Item.Kind != lessons.Choice {
		t.Fatalf("the choice does not come back: %+v", c)
	}
	m = step(t, m, wrongDigit(m))
	if s := view(m); !strings.Contains(s, "✓ "+rightDigit(m)+". four") || !strings.Contains(s, "Not quite.") {
		t.Errorf("a wrong answer picked:\n%s", s)
	}
	if got := strings.Join(logged(t, dir), " "); got != "Good Again Again" {
		t.Errorf("the log holds %s", got)
	}
}

// TestAgainComesBackOnScreen: a recall card graded Again is asked again
// before the session ends (after another card, not at once), through its
// learning steps as Anki has them, and the count of cards grows to say so.
func TestAgainComesBackOnScreen(t *testing.T) {
	m, now, dir := clocked(t, nil)
	m = step(t, m, rightDigit(m), "enter")
	if s := view(m); !strings.Contains(s, "Say hello.") || !strings.Contains(s, "card 2 of 3") {
		t.Fatalf("the recall card:\n%s", s)
	}
	*now = now.Add(20 * time.Second)
	m = step(t, m, "space", "1")
	// The choice (right, in its 10m step) comes back before the card just
	// failed, which then comes back at the end.
	if s := view(m); !strings.Contains(s, "Which is fourth?") || !strings.Contains(s, "card 3 of 4") {
		t.Fatalf("after again, the other card that came back:\n%s", s)
	}
	m = step(t, m, rightDigit(m), "enter")
	if s := view(m); !strings.Contains(s, "Say hello.") || !strings.Contains(s, "card 4 of 4") {
		t.Fatalf("the card graded again does not come back:\n%s", s)
	}
	m = step(t, m, "space", "3") // step 1 of 10m: once more
	if s := view(m); !strings.Contains(s, "Say hello.") || !strings.Contains(s, "card 5 of 5") {
		t.Fatalf("good on the first learning step:\n%s", s)
	}
	m = step(t, m, "space", "3")
	s := view(m)
	if !strings.Contains(s, "Session over.") || !strings.Contains(s, "cards     2 seen, 5 answers") || !strings.Contains(s, "again     1") {
		t.Fatalf("the end:\n%s", s)
	}
	// Both cards graduated: the next due is days away, not "<1m".
	if !regexp.MustCompile(`next due  in [1-9][0-9]*d`).MatchString(s) {
		t.Errorf("next due:\n%s", s)
	}
	if got := strings.Join(logged(t, dir), " "); got != "Good Again Good Good Good" {
		t.Errorf("the log holds %s", got)
	}
}

// TestEscShowsTheSummary: esc in the middle of a session shows what was
// done, and a second esc (or enter, as the footer says) leaves.
func TestEscShowsTheSummary(t *testing.T) {
	for _, leave := range []string{"esc", "enter"} {
		m, now, _ := clocked(t, nil)
		if _, act := press(t, m, "esc"); act.Go != screen.Back {
			t.Errorf("esc before any answer: %+v", act)
		}
		if s := view(m); !strings.Contains(s, "esc back") {
			t.Errorf("the footer before any answer:\n%s", s)
		}
		*now = now.Add(95 * time.Second)
		m = step(t, m, wrongDigit(m), "enter")
		if s := view(m); !strings.Contains(s, "esc end quiz") {
			t.Errorf("the footer after an answer:\n%s", s)
		}
		var act screen.Action
		m, act = press(t, m, "esc")
		s := view(m)
		if act.Go == screen.Back || !strings.Contains(s, "Session ended early.") || !strings.Contains(s, "cards     1 seen, 1 answer") ||
			!strings.Contains(s, "right     0") || !strings.Contains(s, "again     1") || !strings.Contains(s, "time      1m35s") ||
			!strings.Contains(s, "next due  in 1m") || !strings.Contains(s, "left      1 not asked; 1 to ask again") {
			t.Fatalf("esc mid-session:\n%s", s)
		}
		if !strings.Contains(s, "enter/esc leave the quiz") {
			t.Errorf("the footer:\n%s", s)
		}
		if _, act := press(t, m, "space"); act.Go == screen.Back {
			t.Error("space leaves the summary, which its footer does not say")
		}
		if _, act := press(t, m, leave); act.Go != screen.Back {
			t.Errorf("%s on the summary: %+v", leave, act)
		}
	}
}

// TestHintLetsTheLearnerFixTheForm: an exercise answer in a near-right
// form shows the exercise's hint and is not graded; the fixed answer is.
func TestHintLetsTheLearnerFixTheForm(t *testing.T) {
	kinds := []visual.ExerciseKind{{ID: "v.num", Title: "a number", New: func(*rand.Rand) visual.Exercise {
		return visual.Exercise{Question: "Type twelve in digits.", Answer: "12",
			Check: func(a string) bool { return strings.TrimSpace(a) == "12" },
			Hint: func(a string) string {
				if strings.TrimSpace(a) == "twelve" {
					return "write the number in digits, e.g. 42"
				}
				return ""
			}}
	}}}
	m, _, dir := clocked(t, kinds)
	for c, _ := m.Session().Current(); c.Kind == nil; c, _ = m.Session().Current() {
		if c.Item.Kind == lessons.Choice {
			m = step(t, m, rightDigit(m), "enter")
		} else {
			m = step(t, m, "space", "3")
		}
	}
	for _, r := range "twelve" {
		m = step(t, m, string(r))
	}
	m = step(t, m, "enter")
	s := view(m)
	if !strings.Contains(s, "write the number in digits") || strings.Contains(s, "Not quite.") || !m.Capturing() {
		t.Fatalf("a near-right form:\n%s", s)
	}
	// On a small screen the hint stays in view, the question's top goes.
	m.c.Width, m.c.Height = 30, 8
	if s := view(m); !strings.Contains(s, "write the number") || !strings.Contains(s, "↑ …") {
		t.Errorf("the hint on a small screen:\n%s", s)
	}
	m.c.Width, m.c.Height = 80, 24
	before := len(logged(t, dir))
	m.input.SetValue("12")
	m = step(t, m, "enter")
	if s := view(m); !strings.Contains(s, "Right.") || strings.Contains(s, "write the number") {
		t.Errorf("the fixed answer:\n%s", s)
	}
	if got := logged(t, dir); len(got) != before+1 || got[len(got)-1] != "Good" {
		t.Errorf("the log holds %v (before the fix %d)", got, before)
	}
}

// TestSummarySaysWhatTheCapsLeft: a session cut by --max says how many
// cards it left for later.
func TestSummarySaysWhatTheCapsLeft(t *testing.T) {
	m, _, _ := clocked(t, nil)
	m.svc.Limits = &quiz.Limits{NewPerDay: 20, Max: 1}
	m, _ = New(m.c, m.svc, quiz.Deck(testCatalog(t), "", func(*lessons.Lesson) []visual.ExerciseKind { return nil }), "L")
	m = step(t, m, rightDigit(m), "enter", rightDigit(m), "enter")
	if s := view(m); !strings.Contains(s, "Session over.") || !strings.Contains(s, "left      1 new cards past the caps (--new, --max)") {
		t.Errorf("the end of a capped session:\n%s", s)
	}
}
