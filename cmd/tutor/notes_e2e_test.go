package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tutor/internal/lessons/notesgen"
)

// TestEndToEndNotesInTmux: the real binary on a folder of 2,000 notes and
// one more. The lesson list comes up, the keys typed at once (a filter
// for the one note, enter twice) open that note whether or not its
// reading was done when they came; at the end the app says on stderr
// what it found and has kept the folder's index; a second launch, from
// the index, does the same.
func TestEndToEndNotesInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	bin := buildBinary(t)
	notes, state := t.TempDir(), t.TempDir()
	if _, err := notesgen.Write(notes, 2000); err != nil {
		t.Fatal(err)
	}
	zebra := filepath.Join(notes, "zebra.md")
	if err := os.WriteFile(zebra, []byte("# Zebra crossings\n\n## Who goes first\n\nThe pedestrian on the crossing.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(zebra, notesgen.Written, notesgen.Written)
	for _, launch := range []string{"first", "second"} {
		errs := filepath.Join(t.TempDir(), "stderr")
		s := startTmux(t, 120, 40, "sh", "-c", shellQuote(bin)+" --state "+shellQuote(state)+" --notes "+shellQuote(notes)+" 2>"+shellQuote(errs))
		first := s.waitFor(`tutor · lessons`)
		s.keys("/")
		s.text("zebra")
		s.keys("Enter", "Enter")
		if screen := s.waitFor(`Note · \d+%|“zebra” 0 lessons`); !strings.Contains(screen, "Zebra crossings  no live visualization") {
			t.Fatalf("%s launch: the keys typed at once did not open the note:\n%s", launch, screen)
		}
		t.Logf("%s launch: the first screen said the notes were being read: %v", launch, strings.Contains(first, "reading the notes"))
		s.keys("q")
		s.waitExit()
		said, err := os.ReadFile(errs)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^tutor: --notes .*: 2001 notes, \d+ cards$`).Match(said) {
			t.Errorf("%s launch: stderr %q", launch, said)
		}
		index, _ := filepath.Glob(filepath.Join(state, "notes-index-*"))
		if len(index) != 1 {
			t.Errorf("%s launch: the state folder holds the indexes %v", launch, index)
		}
	}
}

// shellQuote quotes s for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
