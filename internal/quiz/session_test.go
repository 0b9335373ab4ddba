package quiz

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// answerAll answers every card of ss in turn with grade(card) until the
// session ends, and returns the ids asked, in order. It fails after limit
// answers.
func answerAll(t *testing.T, ss *Session, now *time.Time, limit int, grade func(Card, int) review.Grade) []string {
	t.Helper()
	var asked []string
	for c, ok := ss.Current(); ok; c, ok = ss.Current() {
		if len(asked) == limit {
			t.Fatalf("the session has not ended after %d answers: %v", limit, asked)
		}
		asked = append(asked, c.ID)
		*now = now.Add(5 * time.Second)
		ss.Grade(grade(c, len(asked)-1))
		ss.Next()
	}
	return asked
}

// TestAgainComesBackBeforeTheEnd: a new card answered Again comes back
// after the other cards, through both learning steps, and a lapsed review
// card comes back through its relearning step; the session then ends with
// every card graduated, and the next due is days away.
func TestAgainComesBackBeforeTheEnd(t *testing.T) {
	now := epoch
	s := service(&now)
	deck := Deck(catalog(t), "b", exercises)
	b0, b1 := deck[0].ID, deck[1].ID
	// b1 is a review card, due now.
	s.Cards[b1] = s.Sched.Review(review.Card{}, review.Easy, epoch.Add(-30*24*time.Hour))
	ss := s.Start(deck)
	// Due b1 first, forgotten; new b0 failed, then right twice; b1 back
	// from its relearning step, right.
	asked := answerAll(t, ss, &now, 10, func(c Card, i int) review.Grade {
		if i < 2 {
			return review.Again
		}
		return review.Good
	})
	if want := []string{b1, b0, b1, b0, b0}; !slices.Equal(asked, want) {
		t.Errorf("asked %v\nwant  %v", asked, want)
	}
	for _, id := range []string{b0, b1} {
		if c := s.Cards[id]; c.State != review.Review {
			t.Errorf("card %s ends in %v", id, c.State)
		}
	}
	if s.Cards[b1].Lapses != 1 {
		t.Errorf("b1 lapses %d", s.Cards[b1].Lapses)
	}
	sum := ss.Summary()
	if sum.Seen != 2 || sum.Answers != 5 || sum.Right != 3 || sum.Again != 2 || sum.Unasked != 0 || sum.Waiting != 0 {
		t.Errorf("summary %+v", sum)
	}
	if d := sum.NextDue.Sub(now); d < 24*time.Hour {
		t.Errorf("next due in %v: a card is still in a step", d)
	}
}

// TestACardDueAgainIsAskedBeforeTheQueue: a card back from its step whose
// time has come is asked before the cards not asked yet, as Anki asks due
// learning cards first.
func TestACardDueAgainIsAskedBeforeTheQueue(t *testing.T) {
	now := epoch
	s := service(&now)
	deck := Deck(catalog(t), "a", noExercises)
	ss := s.Start(deck)
	first, _ := ss.Current()
	ss.Grade(review.Again) // back in 1m
	ss.Next()
	if c, _ := ss.Current(); c.ID == first.ID {
		t.Fatal("the card just failed is asked again at once")
	}
	ss.Grade(review.Easy)
	now = now.Add(61 * time.Second)
	ss.Next()
	if c, _ := ss.Current(); c.ID != first.ID {
		t.Errorf("after its step, the failed card is not next: %s", c.ID)
	}
	if ss.Pos() != 2 || ss.Len() != 6+1 {
		t.Errorf("card %d of %d", ss.Pos()+1, ss.Len())
	}
	// Failed again, and the learner reads the answer for two minutes: the
	// card is due once more, but it is not asked twice in a row.
	ss.Grade(review.Again)
	now = now.Add(2 * time.Minute)
	ss.Next()
	second, _ := ss.Current()
	if second.ID == first.ID {
		t.Fatal("the card just failed, due again, is asked at once")
	}
	// A card back from its step but not yet due waits behind the queue.
	ss.Grade(review.Again) // back in 1m, like first, which is due now
	ss.Next()
	if c, _ := ss.Current(); c.ID != first.ID {
		t.Fatalf("the due card does not come first: %s", c.ID)
	}
	ss.Grade(review.Good) // first: 10m
	ss.Next()
	if c, _ := ss.Current(); c.ID == second.ID || c.ID == first.ID {
		t.Errorf("a card not yet due (%s) is asked before the queue", c.ID)
	}
}

// TestOneCardSessionRelearns: a session of one card asks it again at once
// when nothing else is left.
func TestOneCardSessionRelearns(t *testing.T) {
	now := epoch
	s := service(&now)
	deck := Deck(catalog(t), "b", noExercises)[:1]
	ss := s.Start(deck)
	asked := answerAll(t, ss, &now, 10, func(c Card, i int) review.Grade {
		return []review.Grade{review.Again, review.Hard, review.Good, review.Good}[i]
	})
	if len(asked) != 4 {
		t.Errorf("asked %d times: %v", len(asked), asked)
	}
}

// choiceCatalog is one lesson of one choice item of six choices.
func choiceCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	cat, err := lessons.Load(fstest.MapFS{
		"lessons/c.md": {Data: []byte("---\nid: c\ntitle: C\norder: 1\nsummary: s\n---\n# C\n\ntext\n")},
		"lessons/c.quiz.yaml": {Data: []byte("- kind: choice\n  question: Which?\n  choices: [r0, r1, r2, r3, r4, r5]\n" +
			"  answer: 2\n  explain: r2.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestChoicesShuffleStablyPerReview: the order does not change while the
// card is up (nor after its answer), is the same for the same review in
// another session, differs between reviews, and the right answer's place
// moves; choosing maps the shown place back to the quiz file's answer.
func TestChoicesShuffleStablyPerReview(t *testing.T) {
	cat := choiceCatalog(t)
	deck := Deck(cat, "", noExercises)
	now := epoch
	s := service(&now)
	ss := s.Start(deck)
	order := ss.Order()
	if len(order) != 6 || !slices.Equal(ss.Order(), order) {
		t.Fatalf("order %v, then %v", order, ss.Order())
	}
	if again := service(&now).Start(deck).Order(); !slices.Equal(again, order) {
		t.Errorf("the same review in another session: %v, then %v", order, again)
	}
	places := map[int]bool{}
	orders := map[string]bool{}
	for range 12 {
		o := ss.Order()
		sorted := slices.Clone(o)
		slices.Sort(sorted)
		if !slices.Equal(sorted, []int{0, 1, 2, 3, 4, 5}) {
			t.Fatalf("not a permutation: %v", o)
		}
		orders[fmt.Sprint(o)] = true
		right := slices.Index(o, 2)
		places[right] = true
		wrong := (right + 1) % 6
		ok, at, rec := ss.Choose(wrong)
		if ok || at != right || rec.Grade != review.Again {
			t.Fatalf("a wrong choice at %d (right at %d): %v %d %+v", wrong, right, ok, at, rec)
		}
		if !slices.Equal(ss.Order(), o) {
			t.Fatalf("the order changes when answered: %v, then %v", o, ss.Order())
		}
		ss.Next() // the only card comes back
		o = ss.Order()
		right = slices.Index(o, 2)
		ok, at, rec = ss.Choose(right)
		if !ok || at != right || rec.Grade != review.Good {
			t.Fatalf("the right choice at %d: %v %d %+v", right, ok, at, rec)
		}
		// Start over from a new card at a later time.
		now = now.Add(24 * time.Hour)
		s.Cards = map[string]review.Card{}
		s.Cards[deck[0].ID] = review.Card{State: review.Review, Due: now, Reps: len(orders) * 7, LastReview: now.Add(-time.Hour)}
		ss = s.Start(deck)
	}
	if len(orders) < 6 || len(places) < 3 {
		t.Errorf("12 reviews gave %d orders and the answer in %d places", len(orders), len(places))
	}
}

// manyCatalog has n lessons of k recall items and, for lessons with a
// visual, two exercise kinds.
func manyCatalog(t *testing.T, n, k int) *lessons.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for l := range n {
		id := fmt.Sprintf("l%d", l)
		fsys["lessons/"+id+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\nid: %s\ntitle: L\norder: %d\nvisual: v\nsummary: s\n---\n# L\n\ntext\n", id, l+1))}
		var items strings.Builder
		for i := range k {
			fmt.Fprintf(&items, "- kind: recall\n  front: %s %d?\n  back: a.\n", id, i)
			if i%3 == 1 {
				fmt.Fprintf(&items, "- kind: choice\n  question: %s %d choice?\n  choices: [x, y]\n  answer: 0\n  explain: x.\n", id, i)
			}
		}
		fsys["lessons/"+id+".quiz.yaml"] = &fstest.MapFile{Data: []byte(items.String())}
	}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func kindsOf(l *lessons.Lesson) []visual.ExerciseKind {
	kind := func(id string) visual.ExerciseKind {
		return visual.ExerciseKind{ID: l.ID + "." + id, Title: id, New: func(r *rand.Rand) visual.Exercise {
			return visual.Exercise{Question: "q", Answer: "a", Check: func(a string) bool { return a == "a" }}
		}}
	}
	return []visual.ExerciseKind{kind("one"), kind("two")}
}

// TestNewCardsInterleaveLessonsAndKinds: 20 new cards over eight or
// twelve lessons come from every lesson and include every kind, the
// lessons taking turns.
func TestNewCardsInterleaveLessonsAndKinds(t *testing.T) {
	for _, n := range []int{8, 12} {
		interleaved(t, n)
	}
}

func interleaved(t *testing.T, n int) {
	now := epoch
	s := service(&now)
	ss := s.Start(Deck(manyCatalog(t, n, 12), "", kindsOf))
	if ss.Len() != DefaultLimits.NewPerDay || ss.LeftNew != n*(12+4+2)-20 {
		t.Fatalf("%d lessons: %d cards, %d new left", n, ss.Len(), ss.LeftNew)
	}
	lessonsSeen, kinds := map[string]int{}, map[string]int{}
	var run []string
	for c, ok := ss.Current(); ok; c, ok = ss.Current() {
		lessonsSeen[c.Lesson]++
		kinds[kindOf(c)]++
		run = append(run, c.Lesson)
		ss.Next()
	}
	if len(lessonsSeen) != n || kinds["recall"] < 5 || kinds["choice"] < 5 || kinds["exercise"] < 5 {
		t.Errorf("%d lessons: lessons %v, kinds %v", n, lessonsSeen, kinds)
	}
	for i := 1; i < len(run); i++ {
		if run[i] == run[i-1] {
			t.Errorf("two cards of %s in a row: %v", run[i], run)
		}
	}
}

// TestAllLessonsSessionOfTheRealCatalog: the built-in lessons, with their
// visuals' exercises, give a first session that is not the first lessons'
// cards in order.
func TestAllLessonsSessionOfTheRealCatalog(t *testing.T) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	deck := Deck(cat, "", func(l *lessons.Lesson) []visual.ExerciseKind {
		if v, ok := visuals.Lookup(l.Visual); ok {
			return v.Exercises()
		}
		return nil
	})
	now := epoch
	ss := service(&now).Start(deck)
	perLesson, kinds := map[string]int{}, map[string]int{}
	for c, ok := ss.Current(); ok; c, ok = ss.Current() {
		perLesson[c.Lesson]++
		kinds[kindOf(c)]++
		ss.Next()
	}
	if want := min(len(cat.Lessons()), DefaultLimits.NewPerDay); len(perLesson) < want || kinds["exercise"] < 3 || kinds["choice"] < 3 || kinds["recall"] < 3 {
		t.Errorf("a first session over %d lessons: %v, kinds %v", len(cat.Lessons()), perLesson, kinds)
	}
}

// TestCaps: the new cards of a day are counted from the first answers in
// the log (today's, in the clock's zone), the session's length caps due
// cards first, and a second session the same day gets only what is left.
func TestCaps(t *testing.T) {
	cat := manyCatalog(t, 2, 12)
	deck := Deck(cat, "", kindsOf)
	loc := time.FixedZone("UTC-5", -5*3600)
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, loc) // 13:00 UTC
	s := service(&now)
	s.Limits = &Limits{NewPerDay: 5, Max: 0}
	// Three cards first answered today (one at 00:30 local), one
	// yesterday (23:30 local, 04:30 UTC today).
	var recs []review.Record
	for i, at := range []time.Time{
		time.Date(2026, 11, 22, 0, 30, 0, 0, loc), now.Add(-time.Hour), now.Add(-time.Minute),
		time.Date(2026, 11, 21, 23, 30, 0, 0, loc),
	} {
		recs = append(recs, review.Record{Time: at.UTC(), Card: deck[i].ID, Grade: review.Easy})
	}
	recs = append(recs, review.Record{Time: now.UTC(), Card: "gone/removed", Grade: review.Good})
	recs = append(recs, review.Record{Time: now.UTC(), Card: deck[0].ID, Grade: review.Good}) // not a first answer
	s.Replay(recs)
	if n := s.NewToday(now); n != 4 { // three of the deck and the removed card
		t.Fatalf("new today: %d", n)
	}
	ss := s.Start(deck)
	if ss.Len() != 1 || ss.LeftNew != len(deck)-4-1 {
		t.Errorf("with 4 of 5 new cards used today: %d cards, %d new left", ss.Len(), ss.LeftNew)
	}
	ss.Grade(review.Good)
	if s.NewToday(now) != 5 || s.Start(deck).Len() != 0 {
		t.Errorf("after the fifth new card: %d new today, a session of %d", s.NewToday(now), s.Start(deck).Len())
	}
	// A month later: five new cards again, after the five answered, due.
	now = now.Add(30 * 24 * time.Hour)
	if got := s.Start(deck); got.Len() != 5+5 {
		t.Errorf("a month later: %d cards", got.Len())
	}
	// A session of at most 3 takes due cards first.
	s.Limits = &Limits{NewPerDay: 5, Max: 3}
	ss = s.Start(deck)
	for c, ok := ss.Current(); ok; c, ok = ss.Current() {
		if s.Cards[c.ID].IsNew() {
			t.Errorf("a new card %s before the due ones", c.ID)
		}
		ss.Next()
	}
	if ss.Len() != 3 || ss.LeftDue != 2 || ss.LeftNew != len(deck)-5 {
		t.Errorf("max 3: %d cards, %d due left, %d new left", ss.Len(), ss.LeftDue, ss.LeftNew)
	}
	// No new cards at all.
	s.Limits = &Limits{NewPerDay: 0}
	s.Cards, s.First = map[string]review.Card{}, nil
	if got := s.Start(deck).Len(); got != 0 {
		t.Errorf("new 0: %d cards", got)
	}
}

// TestSummaryTime: the time spent is from the start to the end, on the
// service's clock.
func TestSummaryTime(t *testing.T) {
	now := epoch
	s := service(&now)
	ss := s.Start(Deck(catalog(t), "b", noExercises))
	now = now.Add(90 * time.Second)
	ss.Grade(review.Good)
	ss.End()
	now = now.Add(time.Hour)
	if sum := ss.Summary(); sum.Time != 90*time.Second || sum.Unasked != 1 || sum.Seen != 1 {
		t.Errorf("summary %+v", sum)
	}
}

func noExercises(*lessons.Lesson) []visual.ExerciseKind { return nil }
