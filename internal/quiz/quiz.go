// Package quiz is a quiz session without a screen: the deck of a lesson's
// cards (its written items and the exercises its visualization generates),
// the order a session asks them in (due cards first, the most overdue
// first, then new ones), grading, and the record of each answer for the
// review log. The quiz screen in internal/ui/quizscreen draws a Session;
// everything here is testable without Bubble Tea.
package quiz

import (
	"math/rand/v2"
	"time"

	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/visual"
)

// NewCardsPerSession is how many new cards a session adds after the due
// ones.
const NewCardsPerSession = 20

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

// Session is one sitting of a quiz: the cards in the order they are
// asked, and the answers so far.
type Session struct {
	s     *Service
	cards []Card
	pos   int
	// Answers and Right count the answers given and those graded better
	// than Again.
	Answers, Right int
	shownAt        time.Time
}

// Start begins a session over deck: due cards first, the most overdue
// first, then up to NewCardsPerSession new ones. A card id that occurs
// twice in deck is asked once.
func (s *Service) Start(deck []Card) *Session {
	byID := map[string]Card{}
	ids := make([]string, 0, len(deck))
	for _, c := range deck {
		if _, dup := byID[c.ID]; !dup {
			ids = append(ids, c.ID)
		}
		byID[c.ID] = c
	}
	ss := &Session{s: s, shownAt: s.Now()}
	for _, id := range review.Queue(ids, s.Cards, s.Now(), NewCardsPerSession) {
		ss.cards = append(ss.cards, byID[id])
	}
	return ss
}

// Len is the number of cards in the session.
func (ss *Session) Len() int { return len(ss.cards) }

// Pos is the index of the card being asked; Len when the session is over.
func (ss *Session) Pos() int { return ss.pos }

// Done reports whether every card has been asked.
func (ss *Session) Done() bool { return ss.pos >= len(ss.cards) }

// Current is the card being asked, and false when the session is over.
func (ss *Session) Current() (Card, bool) {
	if ss.Done() {
		return Card{}, false
	}
	return ss.cards[ss.pos], true
}

// Exercise draws the current card's exercise; the zero Exercise for a
// written item.
func (ss *Session) Exercise() visual.Exercise {
	c, ok := ss.Current()
	if !ok || c.Kind == nil {
		return visual.Exercise{}
	}
	return c.Kind.New(ss.s.Rand)
}

// Shown marks the moment the current card was put on screen, from which
// an answer's time is counted.
func (ss *Session) Shown() { ss.shownAt = ss.s.Now() }

// Grade records grade g for the current card: the card's new state now,
// and the record to append to the review log (see Service.Save). It does
// not move to the next card.
func (ss *Session) Grade(g review.Grade) review.Record {
	s := ss.s
	now := s.Now()
	c := ss.cards[ss.pos]
	s.Cards[c.ID] = s.Sched.Review(s.Cards[c.ID], g, now)
	ss.Answers++
	if g > review.Again {
		ss.Right++
	}
	return review.Record{Time: now, Card: c.ID, Grade: g, Took: max(now.Sub(ss.shownAt), 0)}
}

// Next moves to the next card.
func (ss *Session) Next() {
	if ss.pos < len(ss.cards) {
		ss.pos++
	}
}

// Preview is how long each grade, Again to Easy, would put the current
// card away for.
func (ss *Session) Preview() [4]time.Duration {
	c, ok := ss.Current()
	if !ok {
		return [4]time.Duration{}
	}
	return ss.s.Sched.Preview(ss.s.Cards[c.ID], ss.s.Now())
}

// NextDue is when the first of the session's cards comes back: zero when
// none is scheduled.
func (ss *Session) NextDue() time.Time {
	var first time.Time
	for _, c := range ss.cards {
		card, ok := ss.s.Cards[c.ID]
		if !ok || card.IsNew() {
			continue
		}
		if first.IsZero() || card.Due.Before(first) {
			first = card.Due
		}
	}
	return first
}

// Now is the service's clock.
func (ss *Session) Now() time.Time { return ss.s.Now() }

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
