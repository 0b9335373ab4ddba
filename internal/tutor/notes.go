package tutor

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/ui"
)

// The learner's notes (--notes) are read in two steps: checkNotes, at
// once, which tells a command line that names no readable folder that it
// is wrong (exit 2); then readNotes, the walk and the parse, which the app
// runs while its first screen is already up (see App) and every other
// command runs before it does anything else (see Catalog).

// builtinCatalog is the lessons that come with the program.
func builtinCatalog() (*lessons.Catalog, error) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		return nil, fmt.Errorf("the built-in lessons are broken: %w", err)
	}
	return cat, nil
}

// checkNotes checks that o.Notes is a folder this process can list.
func checkNotes(o Options) error {
	shown := lessons.SanitizeLine(o.Notes)
	fi, err := os.Stat(o.Notes)
	if err != nil {
		return Usagef("--notes %s: %v", shown, errors.Unwrap(err))
	}
	if !fi.IsDir() {
		return Usagef("--notes %s: not a folder", shown)
	}
	f, err := os.Open(o.Notes)
	if err == nil {
		_, err = f.ReadDir(1)
		f.Close()
	}
	if err != nil && err != io.EOF {
		return Usagef("--notes %s: notes folder: %v", shown, lessons.SanitizeLine(err.Error()))
	}
	return nil
}

// notesRead is what readNotes found.
type notesRead struct {
	// Catalog is the lessons readNotes was given with the notes added.
	Catalog *lessons.Catalog
	// Notices say what was read (notesSummary) and name each file skipped
	// or read in part.
	Notices []string
	// Err is why the folder could not be read at all: a UsageError.
	Err error
	// SaveIndex, when not nil, writes the folder's index to the state
	// folder when it changed; it is I/O, to do once the notes are on the
	// screen.
	SaveIndex func()
}

// racyWindow is how long before a scan a note must have been written for
// the index to keep it: more than the clock tick of any file system that
// holds notes (FAT's is 2 s).
const racyWindow = 3 * time.Second

// readNotes reads the notes folder of o into a copy of cat, from the
// folder's index where a file has not changed since it was written. cat
// itself is not changed, so the app can show it while this runs.
func readNotes(o Options, cat *lessons.Catalog) notesRead {
	shown := lessons.SanitizeLine(o.Notes)
	exts := o.Ext
	if len(exts) == 0 {
		exts = lessons.DefaultNoteExts
	}
	index := notesIndexPath(o, o.Notes)
	began := time.Now()
	scan, idx, changed, err := lessons.ScanNotesIndexed(lessons.DirFS(o.Notes), ".", exts, readNotesIndex(index))
	if err != nil {
		return notesRead{Catalog: cat, Err: Usagef("--notes %s: %v", shown, lessons.SanitizeLine(err.Error())), SaveIndex: func() {}}
	}
	// A note written in the last moments before the scan may be written
	// again unseen at the same size and time: it is read again next time.
	if idx.ForgetSince(began.Add(-racyWindow)) > 0 {
		changed = true
	}
	with := cat.Clone()
	warnings := append(scan.Warnings, with.Add(scan.Notes...)...)
	notices := []string{notesSummary(shown, scan, exts, with)}
	for _, w := range warnings {
		notices = append(notices, lessons.SanitizeLine(w.Error()))
	}
	save := func() {}
	if changed {
		save = func() { writeNotesIndex(index, idx) } // a cache: not written, it is read again next time
	}
	return notesRead{Catalog: with, Notices: notices, SaveIndex: save}
}

// readNotesLater starts reading the notes into a copy of cat at once, in
// a goroutine of its own, with readFn (readNotes for the folder of
// --notes), and returns the app's ui.Options.ReadNotes, which waits for
// what was found, and wait, which the app calls as it ends: it waits for
// the folder's index to be written and returns the notices. A reading
// still under way when the app ends (a slow or stuck folder) is not
// waited for, and wait says so; nothing is lost, since the notes were
// never shown and the index is a cache.
//
// After the notes are found the goroutine writes the folder's index and,
// once the app has taken the notes in (ui.NotesRead.Shown) or is ending,
// hands the garbage of the reading and of the app's new list back to the
// system: at 2,000 notes it is a fifth of what the process holds.
func readNotesLater(cat *lessons.Catalog, readFn func(*lessons.Catalog) notesRead) (read func() ui.NotesRead, wait func() []string) {
	found := make(chan ui.NotesRead, 1)
	scanned, shown, ending, done := make(chan struct{}), make(chan struct{}), make(chan struct{}), make(chan struct{})
	var (
		r    notesRead
		once sync.Once
	)
	go func() {
		defer close(done)
		r = readFn(cat)
		close(scanned)
		if r.Err != nil {
			found <- ui.NotesRead{Notices: r.Notices, Err: r.Err}
			return
		}
		found <- ui.NotesRead{Catalog: r.Catalog, Notices: r.Notices, Shown: func() { once.Do(func() { close(shown) }) }}
		if r.SaveIndex != nil {
			r.SaveIndex()
		}
		select {
		case <-shown:
		case <-ending:
			return
		}
		debug.FreeOSMemory()
	}()
	read = func() ui.NotesRead { return <-found }
	wait = func() []string {
		close(ending)
		select {
		case <-scanned:
		default:
			return []string{"the notes were still being read when the app ended"}
		}
		<-done
		if r.Err != nil {
			return append(r.Notices, r.Err.Error())
		}
		return r.Notices
	}
	return read, wait
}
