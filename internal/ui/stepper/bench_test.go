package stepper

import (
	"testing"
)

// BenchmarkView draws the pane of a 100,000-step run at 160x40, a step
// further each time (a play at 100x), beside its floor: the same frames
// drawn by the run alone, without the timeline, status and foot. The
// timeline is made once per run, where the run is recorded, so the ratio
// does not grow with the run's length (see the 30-step case).
func BenchmarkView(b *testing.B) {
	for _, n := range []string{"30", "100000"} {
		m := open(b, manyVisual, []string{"--n", n})
		m.View(160, 40, plain) // the strip for this width, once
		b.Run("pane-"+n, func(b *testing.B) {
			i := 0
			for b.Loop() {
				m.frame = i % m.run.Len()
				m.View(160, 40, plain)
				i++
			}
		})
		b.Run("floor-render-"+n, func(b *testing.B) {
			i := 0
			for b.Loop() {
				m.run.Render(i%m.run.Len(), 160, 33, plain.Theme)
				i++
			}
		})
	}
	// Predict mode: the question is made in Update, once per step.
	m := open(b, manyVisual, []string{"--n", "100000"})
	b.Run("ask-100000", func(b *testing.B) {
		i := 0
		for b.Loop() {
			m.frame = i % (m.run.Len() - 1)
			m.pm.on, m.pm.has = true, false
			m.ask()
			i++
		}
	})
}

// BenchmarkViewWithoutTimeline is the pane as it drew before the
// timeline, for the timeline's share of BenchmarkView.
func BenchmarkViewWithoutTimeline(b *testing.B) {
	m := open(b, manyVisual, []string{"--n", "100000"})
	m.tl = nil
	i := 0
	for b.Loop() {
		m.frame = i % m.run.Len()
		m.View(160, 40, plain)
		i++
	}
}
