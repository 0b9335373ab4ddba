package lesson

import (
	"strings"
	"testing"
)

// TestAStepRedrawsTheVisualPaneAlone: a step changes the visual's pane
// only, so the note's lines are the ones drawn before (not measured and
// padded again), while the screen still shows the new step; a scroll of
// the note, or a change of focus, draws the note again.
func TestAStepRedrawsTheVisualPaneAlone(t *testing.T) {
	m := open(t, newCommon(120, 30), countLesson(), counter)
	m.View()
	note := &m.drawn.last[NotePane].lines[0]
	vis := &m.drawn.last[VisualPane].lines[0]
	press(t, m, "right")
	if s := screenText(m); !strings.Contains(s, "step 2/") {
		t.Fatalf("after a step:\n%s", s)
	}
	if &m.drawn.last[NotePane].lines[0] != note {
		t.Errorf("a step drew the unchanged note pane again")
	}
	if &m.drawn.last[VisualPane].lines[0] == vis {
		t.Errorf("a step did not draw the visual pane again")
	}
	press(t, m, "down")
	m.View()
	if &m.drawn.last[NotePane].lines[0] == note {
		t.Errorf("scrolling the note kept its old drawing")
	}
	note = &m.drawn.last[NotePane].lines[0]
	press(t, m, "tab")
	m.View()
	if &m.drawn.last[NotePane].lines[0] == note {
		t.Errorf("moving the focus kept the note's focused border")
	}
}
