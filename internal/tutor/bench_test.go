package tutor

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons/notesgen"
	"tutor/internal/ui"
)

// BenchmarkFirstScreen is the work between starting tutor and its first
// screen: load and validate the catalog, replay the review log, build the
// app and draw the home screen at 120x40. The budget is well under 100 ms.
func BenchmarkFirstScreen(b *testing.B) {
	dir := b.TempDir()
	e := Env{Now: time.Now}
	for b.Loop() {
		cat, _, err := Catalog(Options{})
		if err != nil {
			b.Fatal(err)
		}
		q, _ := quizService(Options{State: dir}, e)
		m := ui.New(ui.Options{Catalog: cat, Quiz: q})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if next.(ui.Model).Render() == "" {
			b.Fatal("no screen")
		}
		q.Log.Close()
	}
}

// BenchmarkFirstScreenNotes is BenchmarkFirstScreen with --notes naming a
// folder of generated notes (about 5 KB each) of 1, 100, 2,000 and 20,000
// notes: cold is a first launch (no index in the state folder: every note
// read, and the index written), warm a second (every note from the
// index). Issue 22's budget is the home screen of 2,000 notes in under
// 150 ms; /0 is the same work with no notes.
func BenchmarkFirstScreenNotes(b *testing.B) {
	root := b.TempDir()
	e := Env{Now: time.Now}
	for _, n := range []int{0, 1, 100, 2000, 20000} {
		dir := filepath.Join(root, strconv.Itoa(n))
		if _, err := notesgen.Write(dir, n); err != nil {
			b.Fatal(err)
		}
		for _, warm := range []bool{false, true} {
			name := "cold/" + strconv.Itoa(n)
			if warm {
				name = "warm/" + strconv.Itoa(n)
			}
			b.Run(name, func(b *testing.B) {
				o := Options{State: filepath.Join(root, "state"+strconv.Itoa(n))}
				if n > 0 {
					o.Notes = dir
				}
				index := notesIndexPath(o, dir)
				for b.Loop() {
					if !warm {
						b.StopTimer()
						os.Remove(index)
						b.StartTimer()
					}
					firstScreen(b, o, e)
				}
			})
		}
	}
}

// firstScreen is the work of a launch up to its first home screen.
func firstScreen(b *testing.B, o Options, e Env) {
	cat, _, err := Catalog(o)
	if err != nil {
		b.Fatal(err)
	}
	o.formerIDs = cat.FormerIDs()
	q, _ := quizService(o, e)
	m := ui.New(ui.Options{Catalog: cat, Quiz: q})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if next.(ui.Model).Render() == "" {
		b.Fatal("no screen")
	}
	q.Log.Close()
}
