package tutor

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"tutor/internal/lessons"
)

// notesFolder writes a folder of two notes and returns it.
func notesFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.md":   "# Go\n## Channels\nTyped pipes.\n",
		"tcp.md":  "# TCP\n## TIME-WAIT\nTwice the MSL.\n",
		"skip.md": "",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// within fails unless f returns in a minute: a reading that never ends
// would hang the app at exit.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s did not return", what)
	}
}

// TestReadNotesLater: the notes read while the app is up are those
// Catalog reads first, with the same notices; the catalog the app shows
// meanwhile is not changed; the index is written by the time wait
// returns, and wait returns whether the app took the notes in or not.
func TestReadNotesLater(t *testing.T) {
	o := Options{Notes: notesFolder(t), State: t.TempDir()}
	first, notices, err := Catalog(Options{Notes: o.Notes, State: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, took := range []bool{true, false} {
		os.Remove(notesIndexPath(o, o.Notes))
		cat, err := builtinCatalog()
		if err != nil {
			t.Fatal(err)
		}
		builtin := cat.IDs()
		read, wait := readNotesLater(cat, folderOf(o))
		r := read()
		if r.Err != nil || r.Catalog == nil {
			t.Fatalf("read: %+v", r)
		}
		if got, want := r.Catalog.IDs(), first.IDs(); !slices.Equal(got, want) {
			t.Errorf("read later: lessons %v, want %v", got, want)
		}
		if !slices.Equal(cat.IDs(), builtin) {
			t.Errorf("the catalog on screen was changed: %v", cat.IDs())
		}
		if took {
			r.Shown()
			r.Shown() // twice is no harm
		}
		var said []string
		within(t, "wait", func() { said = wait() })
		if !slices.Equal(said, notices) || !slices.Equal(r.Notices, notices) {
			t.Errorf("notices %q and %q, want %q", r.Notices, said, notices)
		}
		if _, err := os.Stat(notesIndexPath(o, o.Notes)); err != nil {
			t.Errorf("took %v: no index after wait: %v", took, err)
		}
	}
}

// TestReadNotesLaterQuitFirst: an app that ends before the notes are in
// (q at once) still ends, without asking for them: wait returns, and
// says what was found if the reading is done by then; a reading that
// never ends (a stuck folder) does not hold the app's end, and wait says
// the notes were still being read.
func TestReadNotesLaterQuitFirst(t *testing.T) {
	o := Options{Notes: notesFolder(t), State: t.TempDir()}
	cat, err := builtinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	_, wait := readNotesLater(cat, folderOf(o))
	within(t, "wait before read", func() { wait() })

	stuck := make(chan struct{})
	defer close(stuck)
	_, wait = readNotesLater(cat, func(*lessons.Catalog) notesRead { <-stuck; return notesRead{} })
	var said []string
	within(t, "wait on a stuck reading", func() { said = wait() })
	if len(said) != 1 || !strings.Contains(said[0], "still being read") {
		t.Errorf("wait on a stuck reading said %q", said)
	}
}

// folderOf is the reading of o's notes folder that App starts.
func folderOf(o Options) func(*lessons.Catalog) notesRead {
	return func(cat *lessons.Catalog) notesRead { return readNotes(o, cat) }
}

// TestReadNotesLaterFolderGone: a folder gone between the check and the
// reading is an error the app shows, and wait says it too.
func TestReadNotesLaterFolderGone(t *testing.T) {
	o := Options{Notes: notesFolder(t), State: t.TempDir()}
	if err := checkNotes(o); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(o.Notes)
	cat, _ := builtinCatalog()
	read, wait := readNotesLater(cat, folderOf(o))
	r := read()
	if r.Err == nil || r.Catalog != nil {
		t.Fatalf("read of a folder gone: %+v", r)
	}
	var said []string
	within(t, "wait", func() { said = wait() })
	if len(said) == 0 || said[len(said)-1] != r.Err.Error() {
		t.Errorf("wait said %q, want the error %q last", said, r.Err)
	}
}
