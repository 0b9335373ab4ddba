package main

import (
	"strings"
	"testing"
)

// TestLessonAndVisualNames: the list labels a live lesson with its
// visual's name, so either name works wherever one is asked for.
func TestLessonAndVisualNames(t *testing.T) {
	_, byVisual, _ := cli(t, "trace", "tree", "--tree", "1(2)", "--op", "count")
	code, byLesson, errs := cli(t, "trace", "machinetree", "--tree", "1(2)", "--op", "count")
	if code != 0 || byLesson != byVisual || !strings.Contains(byLesson, "messages 2") {
		t.Errorf("trace machinetree: exit %d, %q; trace tree gave %q (%s)", code, byLesson, byVisual, errs)
	}
	// open checks the lesson before it wants a terminal.
	if code, _, errs := cli(t, "open", "tree"); code != 2 || !strings.Contains(errs, "no terminal") {
		t.Errorf("open tree: exit %d, %q; want the lesson found, then no terminal", code, errs)
	}
	if code, _, errs := cli(t, "--version", "extra"); code != 2 || !strings.Contains(errs, `--version takes no arguments, got "extra"`) {
		t.Errorf("--version extra: exit %d, %q", code, errs)
	}
}
