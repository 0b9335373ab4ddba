package tutor

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

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
