package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"tutor/internal/lessons"
	"tutor/internal/review"
)

// Order is the order the current choice card shows its choices in:
// Order()[i] is the index, in the quiz file, of the choice shown i-th. It
// is a shuffle seeded by the card's id and the number of answers it had
// when it was put up, so it stays the same however often the card is
// drawn, also after it is answered, and may differ at its next review (or
// when it comes back in the session). Nil for a card that is not a choice.
func (ss *Session) Order() []int {
	if !ss.has {
		return nil
	}
	return ss.order
}

// orderFor is the shuffle of c's choices at its current number of answers.
func (ss *Session) orderFor(c Card) []int {
	if c.Item == nil || c.Item.Kind != lessons.Choice {
		return nil
	}
	return shuffle(c.ID, ss.s.Cards[c.ID].Reps, len(c.Item.Choices))
}

// shuffle is a permutation of n seeded by id and reps.
func shuffle(id string, reps, n int) []int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return rand.New(rand.NewPCG(h.Sum64(), uint64(reps))).Perm(n)
}

// Choose answers the current choice card with the choice shown i-th (see
// Order): Good when it is the right one, Again when not. It reports which
// shown position holds the right answer and the record of the answer.
func (ss *Session) Choose(i int) (right bool, answer int, rec review.Record) {
	order := ss.Order()
	c, _ := ss.Current()
	for pos, idx := range order {
		if idx == c.Item.Answer {
			answer = pos
		}
	}
	right = i >= 0 && i < len(order) && order[i] == c.Item.Answer
	g := review.Again
	if right {
		g = review.Good
	}
	return right, answer, ss.Grade(g)
}

// Submit answers the current exercise with answer. An answer the exercise
// refuses but whose Hint names a format to fix is not graded: graded is
// false and hint says what to change, for the learner to try again.
// Otherwise the answer is graded Good when right and Again when not.
func (ss *Session) Submit(answer string) (right bool, hint string, graded bool, rec review.Record) {
	e := ss.Exercise()
	right = e.Check != nil && e.Check(answer)
	if !right && e.Hint != nil {
		if hint = strings.TrimSpace(e.Hint(answer)); hint != "" {
			return false, hint, false, review.Record{}
		}
	}
	g := review.Again
	if right {
		g = review.Good
	}
	return right, "", true, ss.Grade(g)
}
