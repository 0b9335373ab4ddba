package quiz

import (
	"slices"
	"time"

	"tutor/internal/review"
)

// Replay sets the cards' state and their first answers from the review
// log's records, in file order. The Service keeps the records, and adds
// every answer given since (Session.Grade, Predicted), so that Rename can
// replay them all again.
func (s *Service) Replay(recs []review.Record) {
	s.history = slices.Clip(recs) // an answer appended later must not write into recs
	s.replay()
}

func (s *Service) replay() {
	s.Cards = review.Replay(s.Sched, s.history)
	s.First = map[string]time.Time{}
	for _, r := range s.history {
		if _, ok := s.First[r.Card]; !ok && r.Grade.IsValid() {
			s.First[r.Card] = r.Time
		}
	}
}

// Rename counts the answers given under each card id that former maps
// for the id it maps to, as though they had been given under that id: the
// cards' state and first answers are replayed from the records of Replay
// and the answers since, with those ids renamed. A card a note had under
// another id (see lessons.Catalog.FormerIDs) keeps its history this way,
// also when the notes are read after the log. The review log itself is
// not touched. Rename does nothing when no record has an id in former.
func (s *Service) Rename(former map[string]string) {
	if len(former) == 0 {
		return
	}
	renamed := false
	for i, r := range s.history {
		if id, ok := former[r.Card]; ok {
			if !renamed {
				s.history, renamed = slices.Clone(s.history), true
			}
			s.history[i].Card = id
		}
	}
	if renamed {
		s.replay()
	}
}

// remember adds an answer given in this run to the history Rename replays.
func (s *Service) remember(rec review.Record) review.Record {
	s.history = append(s.history, rec)
	return rec
}
