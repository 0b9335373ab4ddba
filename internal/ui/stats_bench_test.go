package ui

import (
	"fmt"
	"testing"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/ui/stats"
)

// BenchmarkViewStudy measures View on the screens of the study loop's
// progress at 160x48 and 300x100, beside the plain home list as the floor
// (budget 2 ms, as BenchmarkView): the home list with progress and the
// continue line, and the stats screen.
func BenchmarkViewStudy(b *testing.B) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	rep := statsReport(b)
	for _, size := range [][2]int{{160, 48}, {300, 100}} {
		for _, sc := range []struct {
			name string
			app  func() Model
		}{
			{"home-plain", func() Model { return New(Options{Catalog: cat}) }},
			{"home-progress", func() Model {
				opts := progressOptions(cat)
				opts.Catalog = cat
				return New(opts)
			}},
			{"stats", func() Model {
				m := New(Options{Catalog: cat, Stats: func(*lessons.Catalog) (stats.Report, error) { return rep, nil }})
				return press(b, runCmd(b, m, m.Init(), 0), "s")
			}},
		} {
			b.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], sc.name), func(b *testing.B) {
				m := sized(b, sc.app(), size[0], size[1])
				b.ReportAllocs()
				for b.Loop() {
					_ = m.View()
				}
			})
		}
	}
}
