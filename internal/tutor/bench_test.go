package tutor

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
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
// notes, done as App does it: the home screen is drawn with the built-in
// lessons while the notes are read, then again with them. cold is a first
// launch (no index in the state folder: every note read, and the index
// written), warm a second (every note from the index); /0 is the same
// work with no notes. It reports home-ms, the time to the first home
// screen, and notes-ms, to the home screen with the notes on it; ns/op
// adds the index written and the memory handed back; heap-MiB is the heap
// the last app holds with its notes, after a collection (the process
// holds its code and the runtime's own on top: compare with /0). Issue
// 22's budget is the home screen of 2,000 notes in under 150 ms and 60
// MiB.
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
				var home, notes time.Duration
				var last tea.Model
				for b.Loop() {
					if !warm {
						b.StopTimer()
						os.Remove(index)
						b.StartTimer()
					}
					var h, nt time.Duration
					last, h, nt = firstScreen(b, o, e, n)
					home, notes = home+h, notes+nt
				}
				b.ReportMetric(float64(home.Microseconds())/1000/float64(b.N), "home-ms")
				b.ReportMetric(float64(notes.Microseconds())/1000/float64(b.N), "notes-ms")
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
				runtime.KeepAlive(last)
			})
		}
	}
}

// firstScreen is the work of a launch up to its first home screen, as App
// does it, and then up to the home screen with the n notes of o.Notes on
// it; it returns the app and the time to each.
func firstScreen(b *testing.B, o Options, e Env, n int) (app tea.Model, home, notes time.Duration) {
	start := time.Now()
	cat, err := builtinCatalog()
	if err != nil {
		b.Fatal(err)
	}
	var (
		read func() ui.NotesRead
		wait func() []string
	)
	if o.Notes != "" {
		if err := checkNotes(o); err != nil {
			b.Fatal(err)
		}
		read, wait = readNotesLater(cat, func(cat *lessons.Catalog) notesRead { return readNotes(o, cat) })
	}
	q, _ := quizService(o, e)
	defer q.Log.Close()
	var m tea.Model = ui.New(ui.Options{Catalog: cat, Quiz: q, ReadNotes: read, NotesFolder: o.Notes})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.(ui.Model).Render() == "" {
		b.Fatal("no screen")
	}
	home = time.Since(start)
	if read == nil {
		return m, home, home
	}
	m = deliver(m, m.Init())
	want := fmt.Sprintf("%d lessons", len(cat.Lessons())+n)
	if s := m.(ui.Model).Render(); !strings.Contains(s, want) {
		b.Fatalf("the home screen with the notes lacks %q:\n%s", want, s)
	}
	notes = time.Since(start)
	wait()
	return m, home, notes
}

// deliver runs cmd and gives what it returns to m, the messages of a
// batch each in turn, as the program would; it drops what their updates
// return.
func deliver(m tea.Model, cmd tea.Cmd) tea.Model {
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			m = deliver(m, c)
		}
	default:
		m, _ = m.Update(msg)
	}
	return m
}
