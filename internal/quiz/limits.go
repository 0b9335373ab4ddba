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
// every kind early: the lessons take turns, in deck order, one card at a
// time, and each turn takes, of the kinds the lesson has left (recall,
// choice, exercise), the one the session has had least of so far (at a
// tie, the kind the lesson shows first), in deck order within the kind. A
// first session of 20 new cards over a dozen lessons thus asks one or two
// cards of each and all three kinds, not the first twenty of the first two
// lessons, nor only their first items.
func interleave(cards []Card) []Card {
	type lesson struct {
		kinds []string          // in the order the lesson first shows them
		left  map[string][]Card // per kind, in deck order
	}
	var order []string
	per := map[string]*lesson{}
	for _, c := range cards {
		l, ok := per[c.Lesson]
		if !ok {
			l = &lesson{left: map[string][]Card{}}
			per[c.Lesson] = l
			order = append(order, c.Lesson)
		}
		k := kindOf(c)
		if _, ok := l.left[k]; !ok {
			l.kinds = append(l.kinds, k)
		}
		l.left[k] = append(l.left[k], c)
	}
	taken := map[string]int{}
	out := make([]Card, 0, len(cards))
	for len(out) < len(cards) {
		for _, id := range order {
			l := per[id]
			pick := ""
			for _, k := range l.kinds {
				if len(l.left[k]) > 0 && (pick == "" || taken[k] < taken[pick]) {
					pick = k
				}
			}
			if pick == "" {
				continue
			}
			out = append(out, l.left[pick][0])
			l.left[pick] = l.left[pick][1:]
			taken[pick]++
		}
	}
	return out
}
