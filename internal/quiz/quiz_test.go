package quiz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/visual"
)

var epoch = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// catalog has a lesson of six recall items with a visual and one of two
// items without.
func catalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	var items strings.Builder
	for i := range 6 {
		fmt.Fprintf(&items, "- kind: recall\n  front: Question %d?\n  back: Answer %d.\n", i, i)
	}
	fsys := fstest.MapFS{
		"lessons/a.md":        {Data: []byte("---\nid: a\ntitle: A\norder: 1\nvisual: v\nsummary: s\n---\n# A\n\ntext\n")},
		"lessons/a.quiz.yaml": {Data: []byte(items.String())},
		"lessons/b.md":        {Data: []byte("---\nid: b\ntitle: B\norder: 2\nsummary: s\n---\n# B\n\ntext\n")},
		"lessons/b.quiz.yaml": {Data: []byte("- kind: recall\n  front: B1?\n  back: b1.\n- kind: recall\n  front: B2?\n  back: b2.\n")},
	}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// exercises gives lesson a two kinds of exercise.
func exercises(l *lessons.Lesson) []visual.ExerciseKind {
	if l.Visual != "v" {
		return nil
	}
	kind := func(id string) visual.ExerciseKind {
		return visual.ExerciseKind{ID: id, Title: id, New: func(r *rand.Rand) visual.Exercise {
			n := r.IntN(100)
			return visual.Exercise{Question: fmt.Sprint(n), Answer: fmt.Sprint(n + 1)}
		}}
	}
	return []visual.ExerciseKind{kind("v.one"), kind("v.two")}
}

func service(now *time.Time) *Service {
	return &Service{
		Sched: review.DefaultScheduler(),
		Cards: map[string]review.Card{},
		Now:   func() time.Time { return *now },
		Rand:  rand.New(rand.NewPCG(1, 2)),
	}
}

// ids names the cards of a deck: a lesson's items as lesson/index, the
// exercises by their ids.
func ids(cards []Card) string {
	var s []string
	for _, c := range cards {
		if c.Kind != nil {
			s = append(s, c.ID)
			continue
		}
		s = append(s, fmt.Sprintf("%s/%s", c.Lesson, strings.TrimSuffix(strings.TrimPrefix(c.Item.Front, "Question "), "?")))
	}
	return strings.Join(s, " ")
}

// item is the card id of lesson l's item i.
func item(t *testing.T, l string, i int) string {
	t.Helper()
	lesson, _ := catalog(t).Lookup(l)
	return lesson.Items[i].ID
}

func TestDeck(t *testing.T) {
	cat := catalog(t)
	deck := Deck(cat, "", exercises)
	// Six items and two exercises: one exercise after every third item.
	if got, want := ids(deck), "a/0 a/1 a/2 v.one a/3 a/4 a/5 v.two b/B1 b/B2"; got != want {
		t.Errorf("deck %q\nwant %q", got, want)
	}
	if got := ids(Deck(cat, "b", exercises)); got != "b/B1 b/B2" {
		t.Errorf("deck of b: %q", got)
	}
	for _, c := range deck {
		if (c.Item == nil) == (c.Kind == nil) {
			t.Errorf("card %s: item %v kind %v", c.ID, c.Item, c.Kind)
		}
	}
}

func TestSessionAsksDueCardsFirstAndGrades(t *testing.T) {
	now := epoch
	s := service(&now)
	// b/1 was seen long ago and is overdue; a/0 was seen and is not due.
	b1, a0 := item(t, "b", 1), item(t, "a", 0)
	s.Cards[b1] = s.Sched.Review(review.Card{}, review.Good, epoch.Add(-90*24*time.Hour))
	s.Cards[a0] = s.Sched.Review(review.Card{}, review.Easy, epoch.Add(-time.Minute))
	deck := Deck(catalog(t), "", exercises)
	if per, total := s.Due(deck); total != 1 || per["b"] != 1 || per["a"] != 0 {
		t.Errorf("due: %v, %d", per, total)
	}
	ss := s.Start(deck)
	c, ok := ss.Current()
	if !ok || c.ID != b1 {
		t.Fatalf("first card %q, want the overdue b/1", c.ID)
	}
	if ss.Len() != len(deck)-1 {
		t.Errorf("a session of %d cards from a deck of %d with one not due", ss.Len(), len(deck))
	}
	now = now.Add(7 * time.Second)
	rec := ss.Grade(review.Hard)
	if rec.Card != b1 || rec.Grade != review.Hard || rec.Took != 7*time.Second || !rec.Time.Equal(now) {
		t.Errorf("record %+v", rec)
	}
	if s.Cards[b1].Due.Before(now) || ss.Answers != 1 || ss.Right != 1 {
		t.Errorf("after grading: due %v, %d answers, %d right", s.Cards[b1].Due, ss.Answers, ss.Right)
	}
	ss.Next()
	ss.Shown()
	ss.Grade(review.Again)
	if ss.Answers != 2 || ss.Right != 1 {
		t.Errorf("again is not right: %d answers, %d right", ss.Answers, ss.Right)
	}
	if p := ss.Preview(); !(p[0] < p[1] && p[1] < p[2] && p[2] < p[3]) {
		t.Errorf("preview %v does not grow from again to easy", p)
	}
	for !ss.Done() {
		ss.Next()
	}
	if _, ok := ss.Current(); ok || ss.Pos() != ss.Len() {
		t.Error("a finished session has a current card")
	}
	ss.Next() // past the end stays at the end
	if ss.Pos() != ss.Len() {
		t.Errorf("pos %d of %d", ss.Pos(), ss.Len())
	}
	if due := ss.NextDue(); due.IsZero() || due.Before(now) {
		t.Errorf("next due %v", due)
	}
}

func TestExerciseIsDrawnForExerciseCards(t *testing.T) {
	now := epoch
	s := service(&now)
	ss := s.Start(Deck(catalog(t), "a", exercises))
	for c, ok := ss.Current(); ok; c, ok = ss.Current() {
		e := ss.Exercise()
		if (c.Kind != nil) != (e.Question != "") {
			t.Errorf("card %s: exercise %+v", c.ID, e)
		}
		ss.Next()
	}
}

func TestSave(t *testing.T) {
	now := epoch
	s := service(&now)
	s.LogErr = errors.New("read-only folder")
	if err := s.SaveErr(); err == nil || err.Error() != "read-only folder" {
		t.Errorf("SaveErr without a log: %v", err)
	}
	if err := s.Save(review.Record{Time: now, Card: "a/0", Grade: review.Good}); err == nil {
		t.Error("Save without a log reports no error")
	}
	dir := t.TempDir()
	log, err := review.OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	s.Log, s.LogErr = log, nil
	ss := s.Start(Deck(catalog(t), "b", exercises))
	rec := ss.Grade(review.Easy)
	if err := s.Save(rec); err != nil || s.SaveErr() != nil {
		t.Fatal(err, s.SaveErr())
	}
	recs, warnings, err := review.ReadLog(dir)
	if err != nil || len(warnings) > 0 || len(recs) != 1 || recs[0].Card != item(t, "b", 0) || recs[0].Grade != review.Easy {
		t.Errorf("log holds %+v (%v, %v)", recs, warnings, err)
	}
}

// TestClockBackwards: a clock that steps back between showing a card and
// grading it (an NTP correction) gives an answer time of zero, never a
// negative one.
func TestClockBackwards(t *testing.T) {
	now := epoch
	s := service(&now)
	ss := s.Start(Deck(catalog(t), "b", exercises))
	now = now.Add(-time.Hour)
	if rec := ss.Grade(review.Good); rec.Took != 0 {
		t.Errorf("took %v", rec.Took)
	}
}
