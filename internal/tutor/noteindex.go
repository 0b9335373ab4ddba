package tutor

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"tutor/internal/lessons"
	"tutor/internal/review"
)

// The index of a notes folder (lessons.NoteIndex) is kept in the state
// folder, a file a notes folder, so that a second launch reads no note
// that has not changed. It is a cache: one that is missing, damaged, of
// another build or stale is ignored and written again, and one that
// cannot be written is not written.

// notesIndexPath is the index file of the notes folder dir, in the state
// folder of o; "" when there is no state folder.
func notesIndexPath(o Options, dir string) string {
	state := o.State
	if state == "" {
		d, err := review.DefaultDir()
		if err != nil {
			return ""
		}
		state = d
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(state, "notes-index-"+hex.EncodeToString(sum[:8]))
}

// readNotesIndex reads the index at path, or returns nil.
func readNotesIndex(path string) *lessons.NoteIndex {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	x, err := lessons.ReadNoteIndex(data, buildID())
	if err != nil {
		return nil
	}
	return x
}

// writeNotesIndex writes idx to path atomically: a temporary file beside
// it, written, synced and renamed over it. The state folder is not made
// for it: a command that only reads (tutor list) leaves no folder behind,
// and the app, which makes the folder for its review log, keeps the index
// from then on.
func writeNotesIndex(path string, idx *lessons.NoteIndex) error {
	if path == "" {
		return nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = lessons.WriteNoteIndex(w, idx, buildID())
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// buildID names this build of the program for the notes index: its
// module version and revision, and its executable's size and time, so
// that an index written by any other build (which may read notes into
// other cards) is not used.
func buildID() string {
	var b strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(bi.Main.Version)
		for _, s := range bi.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				b.WriteString(" " + s.Value)
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&b, " %d %d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}
