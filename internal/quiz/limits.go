package quiz

import (
	"time"

	"tutor/internal/lessons"
	"tutor/internal/review"
)

// Limits caps quiz sessions.
type Limits struct {
	// NewPerDay is how many cards may be asked for the first time in a
	// day, counted from the review log: the cards whose first answer
	// falls on today's date, in the clock's time zone. 0 means no new
	// cards.
	NewPerDay int
	// Max is how many different cards a session takes, due ones first;
	// 0 means no cap. A card that comes back after a learning step is
	// not counted again.
	Max int
}

// DefaultLimits are Anki's default of 20 new cards a day and a session of
// at most 50 cards.
var DefaultLimits = Limits{NewPerDay: 20, Max: 50}

// MaxLimit is the largest value either limit takes.
const MaxLimit = 10000

func (s *Service) limits() Limits {
	if s.Limits == nil {
		return DefaultLimits
	}
	return *s.Limits
}

// Replay sets the cards' state and their first answers from the review
// log's records, in file order.
func (s *Service) Replay(recs []review.Record) {
	s.Cards = review.Replay(s.Sched, recs)
	s.First = map[string]time.Time{}
	for _, r := range recs {
		if _, ok := s.First[r.Card]; !ok && r.Grade.IsValid() {
			s.First[r.Card] = r.Time
		}
	}
}

// NewToday counts the cards first answered on now's date, in now's time
// zone.
func (s *Service) NewToday(now time.Time) int {
	y, m, d := now.Date()
	n := 0
	for _, t := range s.First {
		ty, tm, td := t.In(now.Location()).Date()
		if ty == y && tm == m && td == d {
			n++
		}
	}
	return n
}

// order is what a session over deck asks at now: every due card, the most
// overdue first, then the new cards the day has room for, interleaved
// (see interleave), the whole cut at Limits.Max. It also returns how many
// due and new cards were left out.
func (s *Service) order(deck []Card, now time.Time) (out []Card, leftDue, leftNew int) {
	lim := s.limits()
	byID := map[string]Card{}
	var ids []string
	var fresh []Card
	for _, c := range deck {
		if _, dup := byID[c.ID]; dup {
			continue
		}
		byID[c.ID] = c
		ids = append(ids, c.ID)
		if s.Cards[c.ID].IsNew() {
			fresh = append(fresh, c)
		}
	}
	for _, id := range review.Queue(ids, s.Cards, now, 0) {
		out = append(out, byID[id])
	}
	room := max(lim.NewPerDay-s.NewToday(now), 0)
	if lim.Max > 0 {
		if len(out) > lim.Max {
			leftDue = len(out) - lim.Max
			out = out[:lim.Max]
		}
		room = min(room, lim.Max-len(out))
	}
	fresh = interleave(fresh)
	if len(fresh) > room {
		leftNew = len(fresh) - room
		fresh = fresh[:room]
	}
	return append(out, fresh...), leftDue, leftNew
}

// kindOf names a card's kind: recall, choice or exercise.
func kindOf(c Card) string {
	switch {
	case c.Kind != nil:
		return "exercise"
	case c.Item.Kind == lessons.Choice:
		return "choice"
	}
	return "recall"
}

// interleave orders new cards so that a session meets every lesson and
// every kind early: within a lesson, its kinds take turns (recall, choice,
// exercise, in the order the lesson's cards first show them), each kind
// in deck order; then the lessons take turns, in deck order, one card at a
// time. A session of 20 new cards over eight lessons thus asks two or
// three of each, not the first twenty of the first two.
func interleave(cards []Card) []Card {
	var lessonOrder []string
	perLesson := map[string][]Card{}
	for _, c := range cards {
		if _, ok := perLesson[c.Lesson]; !ok {
			lessonOrder = append(lessonOrder, c.Lesson)
		}
		perLesson[c.Lesson] = append(perLesson[c.Lesson], c)
	}
	lists := make([][]Card, len(lessonOrder))
	for i, l := range lessonOrder {
		lists[i] = byKind(perLesson[l])
	}
	return roundRobin(lists)
}

// byKind lets a lesson's kinds of card take turns.
func byKind(cards []Card) []Card {
	var kinds []string
	per := map[string][]Card{}
	for _, c := range cards {
		k := kindOf(c)
		if _, ok := per[k]; !ok {
			kinds = append(kinds, k)
		}
		per[k] = append(per[k], c)
	}
	lists := make([][]Card, len(kinds))
	for i, k := range kinds {
		lists[i] = per[k]
	}
	return roundRobin(lists)
}

// roundRobin takes one card from each list in turn until all are empty.
func roundRobin(lists [][]Card) []Card {
	var out []Card
	for more := true; more; {
		more = false
		for i := range lists {
			if len(lists[i]) > 0 {
				out = append(out, lists[i][0])
				lists[i] = lists[i][1:]
				more = true
			}
		}
	}
	return out
}
