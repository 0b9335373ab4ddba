package tutor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tutor/internal/lessons/notesgen"
)

// catalogText is every note's id and title and every card's id and front
// and back, with the notices: what a launch shows of the notes.
func catalogText(t *testing.T, o Options) string {
	t.Helper()
	cat, notices, err := Catalog(o)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range cat.Lessons() {
		if !l.User {
			continue
		}
		b.WriteString(l.ID + " " + l.Title + "\n")
		for _, it := range l.Items {
			b.WriteString("  " + it.ID + " " + it.FormerID + " " + it.Front + "\n" + it.Back + "\n")
		}
	}
	return b.String() + strings.Join(notices, "\n")
}

// TestCatalogNotesIndex: the first launch with --notes writes the index in
// the state folder; the next finds the same notes and cards through it; a
// note edited is read again; a damaged index is read past and written
// again.
func TestCatalogNotesIndex(t *testing.T) {
	notes, state := t.TempDir(), t.TempDir()
	if _, err := notesgen.Write(notes, 40); err != nil {
		t.Fatal(err)
	}
	o := Options{Notes: notes, State: state}
	first := catalogText(t, o)
	index := notesIndexPath(o, notes)
	if x := readNotesIndex(index); x.Len() != 40 {
		t.Fatalf("the index holds %d notes, want 40", x.Len())
	}
	if got := catalogText(t, o); got != first {
		t.Error("the second launch, through the index, finds other notes or cards")
	}

	p, _ := notesgen.Note(5)
	name := filepath.Join(notes, filepath.FromSlash(p))
	if err := os.WriteFile(name, []byte("# Edited\n\nA card written after the index.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := notesgen.Written.Add(time.Minute) // edited, but not in the last moments
	os.Chtimes(name, later, later)
	edited := catalogText(t, o)
	if !strings.Contains(edited, "A card written after the index.") {
		t.Error("the edited note's card is not in the catalog")
	}

	if err := os.WriteFile(index, []byte("tutor notes index\nnot really"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := catalogText(t, o); got != edited {
		t.Error("a damaged index changes the catalog")
	}
	if x := readNotesIndex(index); x.Len() != 40 {
		t.Errorf("the damaged index is not written again: %d notes", x.Len())
	}
}

// TestNotesIndexRacyNote: a note written in the moments before a scan is
// read by it but not kept in the index, so that the same file written
// again within the same tick of the file system's clock, at the same size
// and with the same time, is read again by the next launch rather than
// taken stale from the index (git's racily clean entries). Once it is
// older than that, the index keeps it.
func TestNotesIndexRacyNote(t *testing.T) {
	notes, state := t.TempDir(), t.TempDir()
	if _, err := notesgen.Write(notes, 3); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(notes, "fresh.md")
	if err := os.WriteFile(name, []byte("# Fresh\n\nThe first words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Notes: notes, State: state}
	if first := catalogText(t, o); !strings.Contains(first, "The first words.") {
		t.Fatalf("the fresh note is not read:\n%s", first)
	}
	if x := readNotesIndex(notesIndexPath(o, notes)); x.Len() != 3 {
		t.Errorf("the index holds %d notes, want the 3 old ones and not the fresh one", x.Len())
	}
	// Written again: same size, and the time it had (a clock that did not
	// tick between the two writes).
	if err := os.WriteFile(name, []byte("# Fresh\n\nThe other words\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(name, fi.ModTime(), fi.ModTime())
	if got := catalogText(t, o); !strings.Contains(got, "The other words") {
		t.Errorf("the note written again is served stale:\n%s", got)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(name, old, old)
	catalogText(t, o)
	if x := readNotesIndex(notesIndexPath(o, notes)); x.Len() != 4 {
		t.Errorf("the index holds %d notes, want 4 once the note is an hour old", x.Len())
	}
}
