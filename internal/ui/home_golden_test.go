package ui

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/resume"
	"tutor/internal/review"
)

// TestGoldenHomeProgress keeps the lesson list of a learner some weeks in:
// the lesson left last offered first, and each lesson's cards learned, due
// and new and when it was last studied, at 80x24 and 160x48. Regenerate
// with go test ./internal/ui -run TestGoldenHomeProgress -update.
func TestGoldenHomeProgress(t *testing.T) {
	cat := realCatalog(t)
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		t.Run(itoa(w)+"x"+itoa(h), func(t *testing.T) {
			opts := progressOptions(cat)
			opts.Catalog, opts.Plain = cat, true
			golden.RequireEqual(t, runProgram(t, New(opts), w, h, "continue"))
		})
	}
}

// progressOptions are a quiz service and places for a learner some weeks
// into cat: the first lessons studied from a month ago, each card answered
// whenever it came due (one answer in six forgotten) until a last day a
// few days back, and two lessons left part way.
func progressOptions(cat *lessons.Catalog) Options {
	s := review.DefaultScheduler()
	cards := map[string]review.Card{}
	r := rand.New(rand.NewPCG(9, 9))
	items := cat.Items()
	for i, it := range items[:min(70, len(items))] {
		at := epoch.Add(-time.Duration(30*24-i*6) * time.Hour)
		c := review.Card{}
		last := epoch.Add(-time.Duration(1+r.IntN(6*24)) * time.Hour) // the last day studied
		for at.Before(last) {
			g := review.Good
			if r.IntN(6) == 0 {
				g = review.Again
			}
			c = s.Review(c, g, at)
			at = c.Due
		}
		cards[it.ID] = c
	}
	q := &quiz.Service{Sched: s, Cards: cards, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1)), LogErr: errors.New("off")}
	places := map[string]resume.Place{
		"kvstore": {Note: 0.3, Args: []string{"--put", "A=BC"}, Step: 6, Steps: 29, Pane: resume.Visual, Source: true, At: epoch.Add(-2 * time.Hour)},
		"tcp":     {Note: 0.1, Step: 0, Steps: 40, Pane: resume.Note, At: epoch.Add(-50 * time.Hour)},
	}
	return Options{Quiz: q, Resume: places}
}
