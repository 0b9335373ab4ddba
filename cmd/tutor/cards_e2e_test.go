package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestEndToEndNoteCardsInTmux runs the real binary on the corpus of notes
// at 40x12: a long card of a note shows its question, its back rendered
// and a line saying which of its lines show; j scrolls the back and the
// question stays; the footer keeps ? help.
func TestEndToEndNoteCardsInTmux(t *testing.T) {
	bin := buildBinary(t)
	s := startTmux(t, 40, 12, bin, "--notes", corpus, "--state", t.TempDir(), "quiz", "my-storage-engines")
	lines := regexp.MustCompile(`lines (\d+)-\d+ of \d+`)
	for i := range 4 {
		s.waitFor(`card \d+ of|\d+/\d+ ·`)
		s.keys("Space")
		screen := s.waitFor(`\[1 again|1-4`)
		if !strings.Contains(screen, "? help") {
			t.Fatalf("card %d: no ? help in the footer:\n%s", i+1, screen)
		}
		m := lines.FindStringSubmatch(screen)
		if m == nil {
			s.keys("3")
			continue
		}
		if m[1] != "1" || !strings.Contains(screen, "B-trees") {
			t.Fatalf("a long card does not start at its top with its question:\n%s", screen)
		}
		s.keys("j", "j")
		screen = s.waitFor(`lines 3-`)
		if !strings.Contains(screen, "B-trees") {
			t.Fatalf("the question scrolled off:\n%s", screen)
		}
		return
	}
	t.Fatal("no card of the storage note was long enough to scroll at 40x12")
}
