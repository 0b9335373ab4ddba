package lesson

import (
	"strings"
	"testing"

	"tutor/internal/lessons"
	"tutor/internal/ui/screen"
	"tutor/internal/visuals"
)

// TestEscStopsPredicting is the tester's finding: in predict mode, esc
// after an answer (no question waiting) left the lesson, though the
// README says esc stops predict mode. While predict mode is on, esc stops
// it, whether a question waits or not, and the footer says so; the next
// esc goes back.
func TestEscStopsPredicting(t *testing.T) {
	v, _ := visuals.Lookup("wire")
	l := &lessons.Lesson{ID: "serialization", Title: "Serialization", Visual: "wire", Body: longNote("Wire", 40)}
	m := open(t, newCommon(120, 40), l, v)
	press(t, m, "tab", "P")
	if _, ok := m.Stepper().Question(); !ok {
		t.Fatalf("P asked nothing:\n%s", screenText(m))
	}
	press(t, m, "1") // answered: no question waits
	if _, ok := m.Stepper().Question(); ok || !m.Stepper().Predicting() {
		t.Fatalf("after an answer: question waiting %v, predicting %v", ok, m.Stepper().Predicting())
	}
	s := screenText(m)
	foot := rows(m)[39]
	if !strings.Contains(foot, "esc stop predicting") || strings.Contains(foot, "esc back") || !strings.Contains(s, "→ next question · esc stop") {
		t.Errorf("between questions the footer or the pane does not say esc stops:\n%s", s)
	}
	if act := send(t, m, keyPress("esc")); !none(act) {
		t.Fatalf("esc between questions: %+v, want predict mode to stop", act)
	}
	if m.Stepper().Predicting() {
		t.Error("esc between questions did not stop predict mode")
	}
	if foot := rows(m)[39]; !strings.Contains(foot, "esc back") {
		t.Errorf("after predict mode the footer is %q", foot)
	}
	// While a question waits too; then esc goes back.
	press(t, m, "P")
	if act := send(t, m, keyPress("esc")); !none(act) || m.Stepper().Predicting() {
		t.Errorf("esc on a question: %+v, predicting %v", act, m.Stepper().Predicting())
	}
	if act := send(t, m, keyPress("esc")); act.Go != screen.Back {
		t.Errorf("esc after predict mode: %+v, want back", act)
	}
}
