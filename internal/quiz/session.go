package quiz

import (
	"time"

	"tutor/internal/review"
	"tutor/internal/visual"
)

// LearnAhead is the longest wait after an answer for which the card comes
// back in the same session, as in Anki's learn-ahead limit (20 minutes by
// default there too). With the default scheduler that is every learning
// and relearning step: a new card answered Again (1m), Hard (5m30s) or
// Good (10m), and a lapsed card answered Again or Hard (10m, 15m). A card
// that graduates (days away) does not come back.
const LearnAhead = 20 * time.Minute

// Session is one sitting of a quiz: the cards still to ask, the cards that
// come back after a learning step, the card being asked, and the answers
// so far.
type Session struct {
	s *Service
	// deck is every card id of the deck, for the next due time.
	deck []string
	// queue is the cards not asked yet, in order.
	queue []Card
	// back is the cards answered into a short step, to ask again.
	back []pending
	cur  Card
	has  bool
	// asked is how many cards have been put up, the current one included.
	asked int
	// answered says whether the current card has been graded.
	answered bool
	ex       visual.Exercise
	order    []int
	seen     map[string]bool
	// Answers and Right count the answers given and those graded better
	// than Again; Again counts those graded Again.
	Answers, Right, Again int
	// LeftDue and LeftNew are the due and new cards of the deck that the
	// caps (Limits) left for another session or another day.
	LeftDue, LeftNew int
	start, end       time.Time
	shownAt          time.Time
}

// pending is a card waiting in a learning step: it comes back at due, or
// earlier when nothing else is left to ask.
type pending struct {
	card Card
	due  time.Time
}

// Start begins a session over deck (see order for what it takes and in
// what order). A card id that occurs twice in deck is asked once.
func (s *Service) Start(deck []Card) *Session {
	now := s.Now()
	ss := &Session{s: s, start: now, shownAt: now, seen: map[string]bool{}}
	ss.queue, ss.LeftDue, ss.LeftNew = s.order(deck, now)
	seen := map[string]bool{}
	for _, c := range deck {
		if !seen[c.ID] {
			seen[c.ID] = true
			ss.deck = append(ss.deck, c.ID)
		}
	}
	ss.advance("")
	return ss
}

// Len is the number of cards the session asks: those asked so far (the
// current one included), those still to ask and those that come back. It
// grows when an answer puts a card back.
func (ss *Session) Len() int { return ss.asked + len(ss.queue) + len(ss.back) }

// Pos is the index of the card being asked, counting the cards put up so
// far; Len when the session is over.
func (ss *Session) Pos() int {
	if !ss.has {
		return ss.Len()
	}
	return ss.asked - 1
}

// Done reports whether every card has been asked and none comes back.
func (ss *Session) Done() bool { return !ss.has }

// Current is the card being asked, and false when the session is over.
func (ss *Session) Current() (Card, bool) { return ss.cur, ss.has }

// Exercise is the current card's exercise, drawn once when the card was
// put up (a card that comes back draws a new one); the zero Exercise for a
// written item.
func (ss *Session) Exercise() visual.Exercise {
	if !ss.has {
		return visual.Exercise{}
	}
	return ss.ex
}

// Shown marks the moment the current card was put on screen, from which
// an answer's time is counted.
func (ss *Session) Shown() { ss.shownAt = ss.s.Now() }

// Grade records grade g for the current card: the card's new state now,
// and the record to append to the review log (see Service.Save). It does
// not move to the next card. A card whose new wait is a learning step of
// at most LearnAhead is put back to be asked again in this session.
func (ss *Session) Grade(g review.Grade) review.Record {
	s := ss.s
	now := s.Now()
	c := ss.cur
	card := s.Sched.Review(s.Cards[c.ID], g, now)
	s.Cards[c.ID] = card
	if s.First == nil {
		s.First = map[string]time.Time{}
	}
	if _, ok := s.First[c.ID]; !ok {
		s.First[c.ID] = now
	}
	ss.Answers++
	if g > review.Again {
		ss.Right++
	} else {
		ss.Again++
	}
	ss.seen[c.ID] = true
	if ss.has && !ss.answered && comesBack(card, now) {
		ss.back = append(ss.back, pending{card: c, due: card.Due})
	}
	ss.answered = true
	return s.remember(review.Record{Time: now, Card: c.ID, Grade: g, Took: max(now.Sub(ss.shownAt), 0)})
}

// comesBack reports whether a card just answered at now is in a learning
// step short enough to be asked again in the session.
func comesBack(c review.Card, now time.Time) bool {
	return (c.State == review.Learning || c.State == review.Relearning) && c.Due.Sub(now) <= LearnAhead
}

// Next moves to the next card: a card back from its learning step whose
// time has come (the earliest first), else the next card not asked yet,
// else the card back soonest even before its time (Anki's learn-ahead), so
// that a failed card is seen again before the session ends. The card just
// answered is not asked again at once while another card is waiting.
func (ss *Session) Next() {
	if !ss.has {
		return
	}
	ss.advance(ss.cur.ID)
}

// advance puts up the next card, avoiding the card last if it can.
func (ss *Session) advance(last string) {
	ss.has, ss.answered, ss.ex, ss.order = false, false, visual.Exercise{}, nil
	now := ss.s.Now()
	pick := -1
	for i, p := range ss.back {
		if p.due.After(now) || (p.card.ID == last && len(ss.back)+len(ss.queue) > 1) {
			continue
		}
		if pick < 0 || p.due.Before(ss.back[pick].due) {
			pick = i
		}
	}
	switch {
	case pick >= 0:
	case len(ss.queue) > 0:
		ss.cur, ss.queue = ss.queue[0], ss.queue[1:]
		ss.put()
		return
	default:
		for i, p := range ss.back {
			if p.card.ID == last && len(ss.back) > 1 {
				continue
			}
			if pick < 0 || p.due.Before(ss.back[pick].due) {
				pick = i
			}
		}
		if pick < 0 {
			return
		}
	}
	ss.cur = ss.back[pick].card
	ss.back = append(ss.back[:pick], ss.back[pick+1:]...)
	ss.put()
}

// put makes ss.cur the card being asked.
func (ss *Session) put() {
	ss.has = true
	ss.asked++
	if ss.cur.Kind != nil {
		ss.ex = ss.cur.Kind.New(ss.s.Rand)
	}
	ss.order = ss.orderFor(ss.cur)
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

// NextDue is when the first card of the deck that has been reviewed comes
// due, the cards this session has not asked yet included (an unfinished
// session's cards are due now): zero when none is scheduled.
func (ss *Session) NextDue() time.Time {
	var first time.Time
	for _, id := range ss.deck {
		card, ok := ss.s.Cards[id]
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

// End stops the session's clock: the summary's time is from Start to the
// first End. The session can still be read.
func (ss *Session) End() {
	if ss.end.IsZero() {
		ss.end = ss.s.Now()
	}
}

// Summary is a session's account, wherever it ended.
type Summary struct {
	// Seen is how many different cards were answered; Answers counts
	// every answer, a card that came back once more each time.
	Seen, Answers int
	// Right and Again split the answers: better than Again, and Again.
	Right, Again int
	// Time is from the start of the session to its end (or to now).
	Time time.Duration
	// NextDue is Session.NextDue, and Now the clock when it was taken.
	NextDue, Now time.Time
	// Unasked is how many cards of this session were never asked and
	// Waiting how many were to come back after a learning step, when the
	// learner left early; LeftDue and LeftNew how many the caps kept for
	// later.
	Unasked, Waiting, LeftDue, LeftNew int
}

// Summary is the session's account so far.
func (ss *Session) Summary() Summary {
	now := ss.s.Now()
	end := ss.end
	if end.IsZero() {
		end = now
	}
	unasked, waiting := len(ss.queue), len(ss.back)
	if ss.has && !ss.answered {
		if ss.seen[ss.cur.ID] {
			waiting++
		} else {
			unasked++
		}
	}
	return Summary{
		Seen: len(ss.seen), Answers: ss.Answers, Right: ss.Right, Again: ss.Again,
		Time: max(end.Sub(ss.start), 0), NextDue: ss.NextDue(), Now: now,
		Unasked: unasked, Waiting: waiting, LeftDue: ss.LeftDue, LeftNew: ss.LeftNew,
	}
}
