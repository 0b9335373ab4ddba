package quizscreen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

// TestTallChoiceKeepsTheCursorInView is the tester's high finding at
// 40x12: a choice card's options ran off the bottom unmarked, and ↓ moved
// the selection onto options never shown, which enter then answered. The
// option under the cursor is always on screen, and a mark says what is
// left out above or below.
func TestTallChoiceKeepsTheCursorInView(t *testing.T) {
	m, _, _ := clocked(t, nil)
	for c, _ := m.Session().Current(); c.Item == nil || c.Item.Kind != lessons.Choice; c, _ = m.Session().Current() {
		m = step(t, m, "space", "3")
	}
	m.c.Width, m.c.Height = 40, 7
	for i := range 5 {
		s := view(m)
		if !strings.Contains(s, fmt.Sprintf("> %d. ", i+1)) {
			t.Fatalf("the cursor on option %d is not on screen:\n%s", i+1, s)
		}
		if i < 4 && !strings.Contains(s, "↓") || i > 0 && !strings.Contains(s, "↑ …") {
			t.Errorf("option %d: no mark for the options left out:\n%s", i+1, s)
		}
		m = step(t, m, "down")
	}
}

// TestTallExerciseKeepsItsQuestionAndBox is the tester's other high
// finding: an exercise whose prompt (a script) is taller than the screen
// hid its question and answer box, and nothing scrolled. The question's
// last line and the box stay on screen, the prompt above them says how
// much more there is, and pgdn/pgup scroll it (j and k are typed).
func TestTallExerciseKeepsItsQuestionAndBox(t *testing.T) {
	var script []string
	for i := 1; i <= 20; i++ {
		script = append(script, fmt.Sprintf("  %2d  T1  statement number %d;", i, i))
	}
	kinds := []visual.ExerciseKind{{ID: "v.script", Title: "a script", New: func(*rand.Rand) visual.Exercise {
		return visual.Exercise{Question: "Every session runs this script:\n" + strings.Join(script, "\n") + "\nWhat does line 7 show?", Answer: "7",
			Check: func(a string) bool { return strings.TrimSpace(a) == "7" }}
	}}}
	m, _, _ := clocked(t, kinds)
	for c, _ := m.Session().Current(); c.Kind == nil; c, _ = m.Session().Current() {
		if c.Item.Kind == lessons.Choice {
			m = step(t, m, rightDigit(m), "enter")
		} else {
			m = step(t, m, "space", "3")
		}
	}
	m.c.Width, m.c.Height = 40, 12
	s := view(m)
	if !strings.Contains(s, "What does line 7 show?") || !strings.Contains(s, "answer>") || !strings.Contains(s, "more lines (pgdn)") {
		t.Fatalf("the question, the box or the mark is not on screen:\n%s", s)
	}
	if !strings.Contains(s, "statement number 1;") {
		t.Errorf("the prompt does not start at its top:\n%s", s)
	}
	m = step(t, m, "pgdown")
	if s2 := view(m); strings.Contains(s2, "statement number 1;") || !strings.Contains(s2, "↑ …") || !strings.Contains(s2, "answer>") {
		t.Errorf("pgdn did not scroll the prompt:\n%s", s2)
	}
	m = step(t, m, "j", "pgup")
	if s3 := view(m); !strings.Contains(s3, "statement number 1;") || !strings.Contains(s3, "answer> j") {
		t.Errorf("pgup did not scroll back, or j was not typed:\n%s", s3)
	}
}

// TestSummaryAtFortyColumns is the tester's finding: the summary at 40x12
// said "1 answers" and split "--new" across lines, its wrapped lines at
// column 1. It says "1 answer", and the left line wraps at spaces under
// its value column.
func TestSummaryAtFortyColumns(t *testing.T) {
	m, _, _ := clocked(t, nil)
	m.c.Width, m.c.Height = 40, 12
	if c, _ := m.Session().Current(); c.Item.Kind == lessons.Recall {
		m = step(t, m, "space", "1")
	} else {
		m = step(t, m, wrongDigit(m), "enter")
	}
	m, _ = press(t, m, "esc")
	if s := view(m); !strings.Contains(s, "1 seen, 1 answer ") {
		t.Errorf("the summary does not say 1 answer:\n%s", s)
	}
	got := hangWords("left      ", "16 not asked; 1 to ask again; 2 new cards past the caps (--new, --max)", 36)
	want := "left      16 not asked; 1 to ask\n          again; 2 new cards past\n          the caps (--new, --max)"
	if got != want {
		t.Errorf("the left line at 40 columns:\n%s\nwant\n%s", got, want)
	}
}

// TestNothingNewPastTheCap is the tester's finding: quiz --new 0 on a
// fresh log said every card had been seen; none had.
func TestNothingNewPastTheCap(t *testing.T) {
	cat := testCatalog(t)
	log, err := review.OpenLog(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	svc := &quiz.Service{Log: log, Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 2)), Limits: &quiz.Limits{NewPerDay: 0}}
	deck := quiz.Deck(cat, "", func(*lessons.Lesson) []visual.ExerciseKind { return nil })
	c := &common.Common{Width: 80, Height: 24, Styles: styles.New(true, true), Keys: keys.Default()}
	m, _ := New(c, svc, deck, "L")
	if m.Session().Len() != 0 {
		t.Fatalf("--new 0 on a fresh log asks %d cards", m.Session().Len())
	}
	s := view(m)
	if strings.Contains(s, "every card has been seen") || !strings.Contains(strings.Join(strings.Fields(s), " "), "2 new cards wait past the caps (--new, --max)") {
		t.Errorf("--new 0 on a fresh log:\n%s", s)
	}
}

// TestNoCardsSaysSo is the tester's finding: c on a note with no cards
// opened a quiz that said every card had been seen.
func TestNoCardsSaysSo(t *testing.T) {
	m, _, _ := clocked(t, nil)
	c := &common.Common{Width: 80, Height: 24, Styles: styles.New(true, true), Keys: keys.Default()}
	empty, _ := New(c, m.svc, nil, "Deep note")
	s := view(empty)
	if strings.Contains(s, "every card has been seen") || !strings.Contains(s, "Deep note has no cards to ask") {
		t.Errorf("a quiz of no cards:\n%s", s)
	}
}
