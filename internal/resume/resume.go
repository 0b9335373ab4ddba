// Package resume keeps where the learner was in each lesson (the note's
// scroll, the visual's input and step, the focused pane) in a small file
// of the state directory, so that a lesson opens where it was left.
//
// The file, resume.json, is written whole and atomically: a temporary file
// in the same directory, synced, renamed over the old one, and the
// directory synced. A save merges with what is on disk under an advisory
// lock (resume.json.lock), so two copies of the app open at once each keep
// the lessons they were in; for one lesson, the place left last wins. A
// damaged file is ignored with a warning and never stops the app.
package resume

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tutor/internal/filelock"
)

// Name is the file's name in the state directory.
const Name = "resume.json"

// MaxSize is the largest file read: far more than a place for every lesson
// there could be.
const MaxSize = 1 << 20

// Limits on what a place may hold; a place past them is dropped when read.
const (
	MaxArgs   = 256  // words of a visual's input
	MaxArgLen = 4096 // bytes of one word
	MaxID     = 256  // bytes of a lesson id
	MaxSteps  = 1 << 24
)

// Pane names the focused pane of a lesson, as the file spells it.
type Pane string

// The panes.
const (
	Note   Pane = "note"
	Visual Pane = "visual"
	Source Pane = "source"
)

// Place is where the learner was in one lesson.
type Place struct {
	// Note is how far down the note was on screen: its first line
	// there, as a fraction of the note's lines, from 0 to 1. A fraction
	// keeps the place when the note is wrapped at another width.
	Note float64 `json:"note"`
	// Read is the percentage the note's title showed, how far it was
	// scrolled (0 at its top, 100 at its end), for a line that says
	// where the learner left it; nil in a file written before it.
	Read *int `json:"read,omitempty"`
	// Args is the visual's input, nil for a lesson without a visual.
	Args []string `json:"args,omitempty"`
	// Step is the visual's step on screen, counting from 0, of Steps.
	Step  int `json:"step"`
	Steps int `json:"steps"`
	// Pane is the focused pane; Source whether the source pane shows.
	Pane   Pane `json:"pane"`
	Source bool `json:"source"`
	// At is when the lesson was left.
	At time.Time `json:"at"`
}

// file is the file's content.
type file struct {
	Version int              `json:"version"`
	Lessons map[string]Place `json:"lessons"`
}

// version is the format written; a file of a later version is read as far
// as it goes (unknown fields are ignored).
const version = 1

// check says what makes p unfit to restore, naming the value.
func (p Place) check(id string) error {
	switch {
	case id == "" || len(id) > MaxID || !utf8.ValidString(id):
		return fmt.Errorf("lesson id %q is empty, too long or not UTF-8", id)
	case !(p.Note >= 0 && p.Note <= 1):
		return fmt.Errorf("lesson %q: note at %v, not from 0 to 1", id, p.Note)
	case p.Read != nil && (*p.Read < 0 || *p.Read > 100):
		return fmt.Errorf("lesson %q: note read to %d%%, not from 0 to 100", id, *p.Read)
	case p.Steps < 0 || p.Steps > MaxSteps || p.Step < 0 || (p.Steps > 0 && p.Step >= p.Steps) || (p.Steps == 0 && p.Step != 0):
		return fmt.Errorf("lesson %q: step %d of %d", id, p.Step, p.Steps)
	case p.Pane != Note && p.Pane != Visual && p.Pane != Source:
		return fmt.Errorf("lesson %q: unknown pane %q", id, p.Pane)
	case len(p.Args) > MaxArgs:
		return fmt.Errorf("lesson %q: %d words of input, more than %d", id, len(p.Args), MaxArgs)
	case p.At.IsZero():
		return fmt.Errorf("lesson %q: no time", id)
	}
	for _, a := range p.Args {
		if len(a) > MaxArgLen || !utf8.ValidString(a) {
			return fmt.Errorf("lesson %q: a word of input too long or not UTF-8", id)
		}
		// The input is shown on screen: nothing a terminal would act on
		// (the input box never takes it either).
		if strings.ContainsFunc(a, unicode.IsControl) {
			return fmt.Errorf("lesson %q: a word of input holds a control character", id)
		}
	}
	return nil
}

// Parse reads the content of a resume file. A file that is not the JSON
// of one is an error and gives no places; a place that is not fit to
// restore (a step past its steps, a pane with no name, input with a
// control character in it)
// is dropped and named in the warnings, and the others are kept.
func Parse(data []byte) (map[string]Place, []error, error) {
	var f file
	d := json.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&f); err != nil {
		return nil, nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, nil, errors.New("more after the JSON object")
	}
	if f.Version < 1 {
		return nil, nil, fmt.Errorf("version %d, want 1 or more", f.Version)
	}
	var warns []error
	places := make(map[string]Place, len(f.Lessons))
	for id, p := range f.Lessons {
		if err := p.check(id); err != nil {
			warns = append(warns, err)
			continue
		}
		places[id] = p
	}
	return places, warns, nil
}

// Load reads the places in dir's resume file. A missing file is no
// places. A damaged one (not JSON, cut short, too large, not a regular
// file) gives no places and an error that names the file and says it is
// ignored: the caller shows it as a warning and goes on.
func Load(dir string) (map[string]Place, []error) {
	path := filepath.Join(dir, Name)
	places, warns, err := read(path)
	if err != nil {
		return map[string]Place{}, []error{fmt.Errorf("%s ignored, lessons open at their start: %w", path, err)}
	}
	for i, w := range warns {
		warns[i] = fmt.Errorf("%s: a place ignored: %w", path, w)
	}
	return places, warns
}

// read reads and parses the file at path; missing is empty.
func read(path string) (map[string]Place, []error, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|filelock.OpenNonblock, 0)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]Place{}, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, nil, errors.New("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxSize {
		return nil, nil, fmt.Errorf("longer than %d bytes", MaxSize)
	}
	return Parse(data)
}

// Save writes the places of changed into dir's resume file, merged with
// the places the file holds (another copy of the app may have saved since
// this one read it): for a lesson in both, the place left last (the later
// At) is kept. Places unfit to restore are not written. It holds an
// exclusive lock on resume.json.lock while it reads and writes, and
// replaces the file atomically: a crash leaves the old file or the new
// one, never half of one. A damaged file on disk is replaced.
func Save(dir string, changed map[string]Place) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, Name+".lock"), os.O_RDWR|os.O_CREATE|filelock.OpenNonblock, 0o600)
	if err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	defer lock.Close()
	// Where there is no flock(2), two copies saving at once may lose one's
	// place; the file stays whole, as the rename is atomic.
	if err := filelock.Lock(lock, true); err != nil {
		return fmt.Errorf("resume: lock %s: %w", lock.Name(), err)
	}
	defer filelock.Unlock(lock)
	path := filepath.Join(dir, Name)
	places, _, err := read(path)
	if err != nil {
		places = map[string]Place{} // damaged: replaced
	}
	for id, p := range changed {
		if p.check(id) != nil {
			continue
		}
		if old, ok := places[id]; ok && old.At.After(p.At) {
			continue
		}
		places[id] = p
	}
	data, err := json.MarshalIndent(file{Version: version, Lessons: places}, "", "  ")
	if err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	return writeAtomic(path, append(data, '\n'))
}

// writeAtomic writes data to path through a temporary file in the same
// directory: write, sync, rename, sync the directory.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, Name+".*.tmp")
	if err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("resume: write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: some file systems refuse to sync a directory
		d.Close()
	}
	return nil
}
