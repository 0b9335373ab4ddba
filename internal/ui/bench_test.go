package ui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
)

// BenchmarkView measures View on each screen of the real catalog at
// 160x48 (budget 1 ms) and at 300x100 (budget 2 ms).
func BenchmarkView(b *testing.B) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range [][2]int{{160, 48}, {300, 100}} {
		for _, sc := range benchScreens {
			b.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], sc.name), func(b *testing.B) {
				m := benchApp(b, cat, sc.name, size[0], size[1])
				m = sc.open(b, m)
				b.ReportAllocs()
				for b.Loop() {
					_ = m.View()
				}
			})
		}
	}
}

// BenchmarkKeyBurst is one right-arrow press in a lesson with the visual
// focused, as a terminal delivers a held key: Update, the recorded run's
// command if any, and the View the program draws after it. A 200-key burst
// is 200 ops; the budget is 0.5 s for the burst at 300x100 (2.5 ms an op).
func BenchmarkKeyBurst(b *testing.B) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range [][2]int{{160, 48}, {300, 100}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := benchApp(b, cat, "lesson-visual", size[0], size[1])
			m = press(b, m, "tab")
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := "l"
				if i%400 >= 200 { // walk back after 200 steps, so the run never ends
					k = "h"
				}
				i++
				m = press(b, m, k)
				_ = m.View()
			}
		})
	}
}

// benchScreens are the screens the benchmarks draw, each opened from a
// lesson (or home) by key presses.
var benchScreens = []struct {
	name string
	open func(testing.TB, Model) Model
}{
	{"home", func(t testing.TB, m Model) Model { return m }},
	{"lesson-note", func(t testing.TB, m Model) Model { return press(t, m, "j", "j") }},
	{"lesson-visual", func(t testing.TB, m Model) Model { return press(t, m, "l", "l", "l") }},
	{"help", func(t testing.TB, m Model) Model { return press(t, m, "?") }},
	{"quiz", func(t testing.TB, m Model) Model { return press(t, m, "esc", "c", "space") }},
}

// benchApp is the app on the real catalog at w x h, at home for "home"
// and in the kvstore lesson otherwise, with a quiz service that logs
// nowhere.
func benchApp(b *testing.B, cat *lessons.Catalog, screen string, w, h int) Model {
	open := ""
	if screen != "home" {
		open = "kvstore"
	}
	q := &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: time.Now, Rand: rand.New(rand.NewPCG(1, 2)), LogErr: errors.New("benchmark")}
	return sized(b, New(Options{Catalog: cat, Open: open, Quiz: q}), w, h)
}
