package quizscreen

import (
	"errors"
	"strings"
	"testing"
)

// TestSaveWorksAgain: after a failed save (a full disk), the notice that
// answers are not being saved goes once a save succeeds again (it used to
// stay), replaced by a line that says how many answers were lost.
func TestSaveWorksAgain(t *testing.T) {
	m, _ := session(t, false)
	m.Update(SavedMsg{Card: "x", Err: errors.New("disk full")})
	m.Update(SavedMsg{Card: "y", Err: errors.New("disk full")})
	if s := view(m); !strings.Contains(s, "answers are not being saved: disk full (2 answers of this session not saved)") {
		t.Fatalf("after two failed saves:\n%s", s)
	}
	m.Update(SavedMsg{Card: "z"})
	s := view(m)
	if strings.Contains(s, "not being saved") || !strings.Contains(s, "answers are being saved again; 2 answers of this session could not be saved") {
		t.Errorf("after a save that worked:\n%s", s)
	}
	m.Update(SavedMsg{Card: "w", Err: errors.New("disk \x1b]0;x\afull")})
	if s := view(m); !strings.Contains(s, "answers are not being saved: disk full (3 answers") || strings.Contains(s, "being saved again") {
		t.Errorf("after another failure:\n%s", s)
	}
}
