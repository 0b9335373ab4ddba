package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"tutor/internal/lessons"
	"tutor/internal/ui/stats"
)

// TestGoldenStats keeps the stats screen of a made-up month, top and
// bottom, at 80x24, and whole at 160x48. Regenerate with go test ./internal/ui -run
// TestGoldenStats -update, and read the diff.
func TestGoldenStats(t *testing.T) {
	rep := statsReport(t)
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		for _, bottom := range []bool{false, true} {
			if bottom && h > 40 {
				continue // the whole report fits: the top is the bottom
			}
			name := "top_" + itoa(w) + "x" + itoa(h)
			if bottom {
				name = "bottom_" + itoa(w) + "x" + itoa(h)
			}
			t.Run(name, func(t *testing.T) {
				m := newApp(t, Options{Plain: true, Stats: func(*lessons.Catalog) (stats.Report, error) { return rep, nil }})
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
				wait := func(want string) {
					teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
						teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
				}
				tm.Send(keyPress("s"))
				wait("Reviews")
				if bottom {
					tm.Send(keyPress("G"))
					wait("retention")
				}
				tm.Send(tea.QuitMsg{})
				final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
				screen := ansi.Strip(final.Render())
				if n := strings.Count(screen, "\n") + 1; n != h {
					t.Errorf("%d lines, want %d", n, h)
				}
				golden.RequireEqual(t, screen)
			})
		}
	}
}
