package ui

import (
	"time"

	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/home"
)

// lessonProgress counts each lesson's cards of deck (every lesson's) by
// where they are, from the quiz service's replayed cards, at now: learned
// (graduated: in review or relearning), due now, new, and the last time
// one was answered or the lesson was left.
func (m Model) lessonProgress(deck []quiz.Card, now time.Time) map[string]home.Progress {
	out := map[string]home.Progress{}
	seen := make(map[string]bool, len(deck))
	for _, c := range deck {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		p := out[c.Lesson]
		card := m.opts.Quiz.Cards[c.ID]
		switch card.State {
		case review.New:
			p.New++
		case review.Review, review.Relearning:
			p.Learned++
		}
		if card.IsDue(now) {
			p.Due++
		}
		if card.LastReview.After(p.Studied) {
			p.Studied = card.LastReview
		}
		out[c.Lesson] = p
	}
	// A lesson read or stepped through was studied too.
	for id, pl := range m.resumes().places {
		if p, ok := out[id]; ok && pl.At.After(p.Studied) {
			p.Studied = pl.At
			out[id] = p
		}
	}
	return out
}
