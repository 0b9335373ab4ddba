package review

import (
	"slices"
	"time"
)

// A Record is one answer in the review log: at Time, the card with id Card
// was answered with Grade, after thinking for Took. Card ids are the
// caller's: any non-empty UTF-8 string that names a card and keeps naming
// it. (Generated exercises are scheduled per kind, so such an id names the
// kind, not one drawn exercise.)
type Record struct {
	Time  time.Time
	Card  string
	Grade Grade
	Took  time.Duration
}

// Replay folds the records, in the order given (the log's order), into the
// current card of every id they name, starting each from a new card. The
// result holds every id found in recs, including ids the caller no longer
// knows: it is for the caller to look up only the ids it has, so a removed
// or renamed card costs nothing and breaks nothing. A record with an invalid
// grade is skipped. Records out of time order (a clock set back) are taken
// as they come: an answer that seems earlier than the last counts as a
// same-day answer. The same records always give the same cards. The cost is
// one review per record, with the scheduler's constants worked out once
// (about 350 ns of CPU a record, see BenchmarkReplay).
func Replay(s Scheduler, recs []Record) map[string]Card {
	cards := make(map[string]Card)
	m := s.model()
	for _, r := range recs {
		if !r.Grade.IsValid() {
			continue
		}
		cards[r.Card] = m.review(cards[r.Card], r.Grade, r.Time)
	}
	return cards
}

// Queue returns the ids to ask at now, in the order to ask them: first every
// card that is due (see [Card.IsDue]), the most overdue (earliest due) first
// and, at equal due times, in the order of ids; then up to newLimit new cards
// in the order of ids. A card missing from cards is new. Cards reviewed but
// not yet due are left out, and so are ids of cards that are not in ids,
// whatever cards holds for them. A repeated id counts once. A newLimit of
// zero or less gives no new cards. The cost is O(n log n) for n ids.
func Queue(ids []string, cards map[string]Card, now time.Time, newLimit int) []string {
	type dueCard struct {
		id  string
		due time.Time
	}
	var due []dueCard
	var fresh []string
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		c := cards[id]
		switch {
		case c.IsNew():
			if len(fresh) < newLimit {
				fresh = append(fresh, id)
			}
		case c.IsDue(now):
			due = append(due, dueCard{id, c.Due})
		}
	}
	slices.SortStableFunc(due, func(a, b dueCard) int { return a.due.Compare(b.due) })
	out := make([]string, 0, len(due)+len(fresh))
	for _, d := range due {
		out = append(out, d.id)
	}
	return append(out, fresh...)
}
