package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEndResumeAcrossARestart drives the real binary in tmux: a
// lesson left at step 7 with the visual pane focused is offered first on
// the next start and opens there, tutor open opens it there too, and a
// damaged resume file is a notice on the lesson list, not a failure.
func TestEndToEndResumeAcrossARestart(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	bin := buildBinary(t)
	state := t.TempDir()
	s := startTmux(t, 120, 40, bin, "--state", state)
	s.waitFor(`tutor · lessons`)
	s.keys("/")
	s.text("kvstore")
	s.keys("Enter", "Enter")
	s.waitFor(`step 1/[0-9]+`)
	for range 6 {
		s.keys("l")
	}
	s.waitFor(`step 7/[0-9]+`)
	s.keys("Tab")
	s.waitFor(`▸ Visual`)
	s.keys("q")
	s.waitExit()
	if _, err := os.Stat(filepath.Join(state, "resume.json")); err != nil {
		t.Fatalf("no resume file after quitting: %v", err)
	}

	s = startTmux(t, 120, 40, bin, "--state", state)
	screen := s.waitFor(`▶ continue Persistent key-value store at step 7/[0-9]+`)
	if !strings.Contains(screen, "┃ ▶ continue") {
		t.Errorf("the continue line is not under the cursor:\n%s", screen)
	}
	s.keys("Enter")
	// The home screen says "step 7/29" too: wait for the visual's header.
	screen = s.waitFor(`kvstore · step 7/[0-9]+`)
	if !strings.Contains(screen, "▸ Visual") {
		t.Errorf("the visual pane lost its focus across the restart:\n%s", screen)
	}
	s.keys("l")
	s.waitFor(`step 8/[0-9]+`)
	s.keys("Escape")
	s.waitFor(`continue Persistent key-value store at step 8/`)
	s.keys("q")
	s.waitExit()

	s = startTmux(t, 120, 40, bin, "--state", state, "open", "kvstore")
	s.waitFor(`step 8/[0-9]+`)
	s.keys("q")
	s.waitExit()

	if err := os.WriteFile(filepath.Join(state, "resume.json"), []byte(`{"version":1,"lessons":{`), 0o600); err != nil {
		t.Fatal(err)
	}
	s = startTmux(t, 120, 40, bin, "--state", state)
	screen = s.waitFor(`resume.json ignored, lessons open at their start`)
	if strings.Contains(screen, "continue") || !strings.Contains(screen, "Persistent key-value store") {
		t.Errorf("with a damaged resume file:\n%s", screen)
	}
	s.keys("q")
	s.waitExit()
}

// TestEndToEndTwoCopiesKeepTheirLessons: two copies of the real binary on
// one state folder at once, each in its own lesson; after both quit, each
// lesson opens where its copy left it.
func TestEndToEndTwoCopiesKeepTheirLessons(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	bin := buildBinary(t)
	state := t.TempDir()
	a := startTmux(t, 120, 40, bin, "--state", state, "open", "kvstore")
	b := startTmux(t, 120, 40, bin, "--state", state, "open", "ipv4")
	a.waitFor(`step 1/[0-9]+`)
	b.waitFor(`step 1/[0-9]+`)
	a.keys("l", "l", "l")
	b.keys("l", "l")
	a.waitFor(`step 4/[0-9]+`)
	b.waitFor(`step 3/[0-9]+`)
	a.keys("q")
	b.keys("q")
	a.waitExit()
	b.waitExit()
	for lesson, step := range map[string]string{"kvstore": "4", "ipv4": "3"} {
		s := startTmux(t, 120, 40, bin, "--state", state, "open", lesson)
		s.waitFor(`step ` + step + `/[0-9]+`)
		s.keys("q")
		s.waitExit()
	}
}
