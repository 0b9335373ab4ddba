package quizscreen

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
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

// TestSaveErrorSaysThePathOnce is the tester's finding: a log that is a
// folder made three lines, the path twice after the review package's
// name, the second line at column 0. The notice names the path and the
// system's reason once, and its lines keep the screen's margin.
func TestSaveErrorSaysThePathOnce(t *testing.T) {
	m, _ := session(t, false)
	perr := &fs.PathError{Op: "open", Path: "/tmp/bad/reviews.jsonl", Err: syscall.EISDIR}
	m.Update(SavedMsg{Card: "x", Err: fmt.Errorf("review: cannot open the review log /tmp/bad/reviews.jsonl for writing: %w", perr)})
	s := view(m)
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, "answers are not being saved: /tmp/bad/reviews.jsonl: is a directory (1 answer of this session not saved)") || strings.Count(s, "reviews.jsonl") != 1 {
		t.Errorf("the notice:\n%s", s)
	}
	m.c.Width = 40
	for _, l := range strings.Split(view(m), "\n") {
		if l != "" && !strings.HasPrefix(l, " ") {
			t.Errorf("a line out of the margin: %q", l)
		}
	}
}
