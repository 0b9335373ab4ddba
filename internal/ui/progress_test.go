package ui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tutor/internal/quiz"
	"tutor/internal/review"
)

// TestHomeShowsProgress: each lesson's line counts its cards learned, due
// now and new, and says when a card was last answered.
func TestHomeShowsProgress(t *testing.T) {
	cat := fixture(t)
	tcp, _ := cat.Lookup("tcp")
	s := review.DefaultScheduler()
	cards := map[string]review.Card{}
	// The recall card graduated three days ago and is due in days; the
	// choice card graduated and is due now (its due time has passed).
	c := s.Review(review.Card{}, review.Easy, epoch.Add(-72*time.Hour))
	cards[tcp.Items[0].ID] = c
	d := s.Review(review.Card{}, review.Good, epoch.Add(-30*24*time.Hour))
	d = s.Review(d, review.Good, epoch.Add(-30*24*time.Hour+10*time.Minute))
	cards[tcp.Items[1].ID] = d
	q := &quiz.Service{Sched: s, Cards: cards, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1))}
	m := sized(t, newApp(t, Options{Catalog: cat, Quiz: q}), 100, 30)
	scr := screen(m)
	for _, want := range []string{
		"2 learned · 1 due · 0 new · studied 3d ago  #networking",
		"0 learned · 0 due · 2 new · not studied yet  #loops", // the recall card and the counter's exercise
		"1 card due",
	} {
		if !strings.Contains(scr, want) {
			t.Errorf("home lacks %q:\n%s", want, scr)
		}
	}
}
