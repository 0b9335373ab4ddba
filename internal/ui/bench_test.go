package ui

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
)

// BenchmarkView measures View at 160x48 on each screen of the real
// catalog. The budget is 2 ms.
func BenchmarkView(b *testing.B) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		b.Fatal(err)
	}
	screens := []struct {
		name string
		open func(Model) Model
	}{
		{"home", func(m Model) Model { return m }},
		{"lesson-note", func(m Model) Model { return press(b, m, "j", "j") }},
		{"lesson-visual", func(m Model) Model { return press(b, m, "l", "l", "l") }},
		{"help", func(m Model) Model { return press(b, m, "?") }},
		{"quiz", func(m Model) Model { return press(b, m, "esc", "c", "space") }},
	}
	for _, sc := range screens {
		b.Run(sc.name, func(b *testing.B) {
			open := ""
			if sc.name != "home" {
				open = "kvstore"
				if _, ok := cat.Lookup(open); !ok {
					open = "tcp"
				}
			}
			q := &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: time.Now, Rand: rand.New(rand.NewPCG(1, 2)), LogErr: errors.New("benchmark")}
			m := sized(b, New(Options{Catalog: cat, Open: open, Quiz: q}), 160, 48)
			m = sc.open(m)
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}
