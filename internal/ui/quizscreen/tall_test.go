package quizscreen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"tutor/internal/lessons"
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
