package quiz

import (
	"time"

	"tutor/internal/review"
	"tutor/internal/visual"
)

// Predicted grades an answer given in a visual's predict mode, outside any
// session: card is the visual's predict card (visual.PredictCard), right
// whether the learner chose the solution's own next event, took how long
// the choice took. The answer is graded Good when right and Again when
// not, the way every choice is; the card's new state counts at once, and
// the record returned is what to append to the review log (Save, in a
// command). A card predicted for the first time counts as a new card of
// the day.
func (s *Service) Predicted(card string, right bool, took time.Duration) review.Record {
	now := s.Now()
	g := review.Again
	if right {
		g = review.Good
	}
	if s.Cards == nil {
		s.Cards = map[string]review.Card{}
	}
	s.Cards[card] = s.Sched.Review(s.Cards[card], g, now)
	if s.First == nil {
		s.First = map[string]time.Time{}
	}
	if _, ok := s.First[card]; !ok {
		s.First[card] = now
	}
	return s.remember(review.Record{Time: now, Card: card, Grade: g, Took: max(took, 0)})
}

// PredictKinds are the exercise kinds a deck holds for visual v beyond its
// own: its predict card (visual.PredictKind), once the learner has
// predicted in one of its runs, so that the scheduler brings the visual
// back when predictions start going wrong. A visual never predicted adds
// no card.
func (s *Service) PredictKinds(v visual.Visual) []visual.ExerciseKind {
	if _, ok := s.Cards[visual.PredictCard(v.Name())]; !ok {
		return nil
	}
	return []visual.ExerciseKind{visual.PredictKind(v)}
}
