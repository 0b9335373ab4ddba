package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// answerPredict presses the number of the true next event (or of another
// choice when right is false) on the lesson's question, and returns the
// app after the answer's record is saved.
func answerPredict(t *testing.T, m Model, right bool) Model {
	t.Helper()
	s := m.Lesson().Stepper()
	q, ok := s.Question()
	if !ok {
		t.Fatalf("no question on screen:\n%s", screen(m))
	}
	truth := s.Run().Frame(q.At + 1).Explain
	pick := -1
	for i, c := range q.Choices {
		if (c == truth) == right && pick < 0 {
			pick = i
		}
	}
	return press(t, m, fmt.Sprint(pick+1))
}

// TestPredictThroughTheApp runs tutor quiz --predict ipv4 as the app
// does: the lesson opens with the visual in predict mode, each answer goes
// through the router to the quiz service and the review log, and the
// predict card joins the lesson's deck, where the scheduler brings it back.
func TestPredictThroughTheApp(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	log, err := review.OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	svc := &quiz.Service{Log: log, Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return now }, Rand: rand.New(rand.NewPCG(3, 4))}
	cat := realCatalog(t)
	card := visual.PredictCard("ipv4")
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		name := fmt.Sprintf("%dx%d", sz[0], sz[1])
		m := newApp(t, Options{Catalog: cat, Plain: true, Open: "ipv4", Predict: true, Quiz: svc, Visuals: visuals.All()})
		m = sized(t, m, sz[0], sz[1])
		if !strings.Contains(screen(m), "What happens after step 1?") {
			t.Fatalf("%s: --predict opens no question:\n%s", name, screen(m))
		}
		t.Run("question_"+name, func(t *testing.T) { golden.RequireEqual(t, screen(m)) })
		m = answerPredict(t, m, true)
		m = press(t, m, "l")
		m = answerPredict(t, m, false)
		t.Run("verdict_"+name, func(t *testing.T) { golden.RequireEqual(t, screen(m)) })
		if got := screen(m); !strings.Contains(got, "predict: 1 of 2 predicted") || !strings.Contains(got, "✗ not predicted") {
			t.Errorf("%s: after a right and a wrong answer:\n%s", name, got)
		}
	}
	recs, _, err := review.ReadLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	var grades []review.Grade
	for _, r := range recs {
		if r.Card != card {
			t.Errorf("a record of %q, want %q", r.Card, card)
		}
		grades = append(grades, r.Grade)
	}
	if fmt.Sprint(grades) != fmt.Sprint([]review.Grade{review.Good, review.Again, review.Good, review.Again}) {
		t.Errorf("the log's grades %v, want Good, Again twice", grades)
	}
	if c := review.Replay(review.DefaultScheduler(), recs)[card]; c != svc.Cards[card] || c.Reps != 4 {
		t.Errorf("replayed %+v, the service holds %+v", c, svc.Cards[card])
	}
	// The lesson's deck now holds the predict card; once its relearning
	// step is over it is the session's first card.
	m := newApp(t, Options{Catalog: cat, Plain: true, Quiz: svc, Visuals: visuals.All()})
	found := false
	for _, c := range m.deck("ipv4") {
		found = found || c.ID == card
	}
	if !found {
		t.Fatalf("the ipv4 deck lacks %s", card)
	}
	now = now.Add(time.Hour)
	if first, ok := svc.Start(m.deck("ipv4")).Current(); !ok || first.ID != card {
		t.Errorf("an hour later the session starts with %v, want the lapsed predict card", first.ID)
	}
}

// TestHelpListsTheStudyKeys: the help a lesson generates from its
// bindings names every key of the timeline, the jumps and predict mode.
func TestHelpListsTheStudyKeys(t *testing.T) {
	m := newApp(t, Options{Catalog: realCatalog(t), Plain: true, Open: "ipv4", Visuals: visuals.All()})
	m = sized(t, m, 160, 48)
	m = press(t, m, "?")
	help := screen(m)
	for _, want := range []string{"g     first step", "G     last step", ":     go to step", ".     next of this kind", ",     previous of this kind", "a     next answer change", "P     predict mode"} {
		if !strings.Contains(help, want) {
			t.Errorf("the help lacks %q:\n%s", want, help)
		}
	}
}
