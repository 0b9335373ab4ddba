// Package quiz is a quiz session without a screen: the deck of a lesson's
// cards (its written items and the exercises its visualization generates),
// the order a session asks them in (due cards first, the most overdue
// first, then new ones interleaved across lessons and kinds, within the
// caps of Limits), relearning (a card answered into a short learning step
// comes back before the session ends), choices shuffled per review,
// grading, the record of each answer for the review log, and the summary. The quiz screen in internal/ui/quizscreen draws a Session;
// everything here is testable without Bubble Tea.
package quiz

import (
	"math/rand/v2"
	"time"

	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/visual"
)

// Service is what a session needs from outside: the review log (nil when
// answers cannot be saved, with the reason in LogErr), the scheduler, the
// cards' state replayed from the log, the clock and a random source for
// generated exercises. A Service is used by one goroutine at a time, but
// Save may run in another.
type Service struct {
	Log    *review.Log
	LogErr error
	Sched  review.Scheduler
	Cards  map[string]review.Card
	Now    func() time.Time
	Rand   *rand.Rand
	// First is when each card was first answered, from the log (see
	// Replay); a session adds the cards it introduces. It counts the new
	// cards of a day. Nil is an empty map.
	First map[string]time.Time
	// Limits caps the sessions; nil means DefaultLimits.
	Limits *Limits

	// history is the records replayed and the answers given since, for
	// Rename (history.go).
	history []review.Record
}

// Card is one card of a deck: a quiz item of a lesson, or a kind of
// generated exercise. Exactly one of Item and Kind is set.
type Card struct {
	// ID is the key of the card's review history.
	ID string
	// Lesson is the id of the lesson the card belongs to.
	Lesson string
	Item   *lessons.Item
	Kind   *visual.ExerciseKind
}

// Deck is every card of the lesson id, or of every lesson when id is "".
// exercises gives the exercise kinds of a lesson's visual (nil for none).
// A lesson's exercises are spread evenly among its written items, so a
// session of new cards meets them early rather than after all the items.
func Deck(cat *lessons.Catalog, id string, exercises func(l *lessons.Lesson) []visual.ExerciseKind) []Card {
	var cards []Card
	for _, l := range cat.Lessons() {
		if id != "" && l.ID != id {
			continue
		}
		var gen []Card
		for _, k := range exercises(l) {
			gen = append(gen, Card{ID: k.ID, Lesson: l.ID, Kind: &k})
		}
		every := len(l.Items)/(len(gen)+1) + 1
		for i := range l.Items {
			cards = append(cards, Card{ID: l.Items[i].ID, Lesson: l.ID, Item: &l.Items[i]})
			if (i+1)%every == 0 && len(gen) > 0 {
				cards, gen = append(cards, gen[0]), gen[1:]
			}
		}
		cards = append(cards, gen...)
	}
	return cards
}

// Due counts the cards of deck that are due now, per lesson, and in all.
func (s *Service) Due(deck []Card) (perLesson map[string]int, total int) {
	now := s.Now()
	perLesson = map[string]int{}
	for _, c := range deck {
		if card, ok := s.Cards[c.ID]; ok && card.IsDue(now) {
			perLesson[c.Lesson]++
			total++
		}
	}
	return perLesson, total
}

// Save appends rec to the review log, or returns why answers are not being
// saved. It does I/O: call it from a tea.Cmd.
func (s *Service) Save(rec review.Record) error {
	if s.Log == nil {
		return s.LogErr
	}
	return s.Log.Append(rec)
}

// SaveErr is why answers are not being saved before any is tried: the log
// could not be opened. Nil when the log is open.
func (s *Service) SaveErr() error {
	if s.Log == nil {
		return s.LogErr
	}
	return nil
}
