package quiz

import (
	"maps"
	"testing"
	"time"

	"tutor/internal/review"
)

// TestRenameReplaysUnderTheNewID: answers logged under a card's former
// id and under its id now, interleaved, and an answer given in this run
// after the log was replayed, all count for the id now once Rename is
// told the former id, in the order they were given: the state is that of
// a log in which every answer had the new id from the start.
func TestRenameReplaysUnderTheNewID(t *testing.T) {
	at := func(d int) time.Time { return epoch.Add(time.Duration(d) * 24 * time.Hour) }
	rec := func(card string, d int, g review.Grade) review.Record {
		return review.Record{Time: at(d), Card: card, Grade: g, Took: time.Second}
	}
	log := append(make([]review.Record, 0, 8), // room to append: the log must not be written
		rec("old", 0, review.Good),
		rec("new", 3, review.Again),
		rec("other", 3, review.Easy),
		rec("old", 5, review.Good),
	)
	logged := append([]review.Record(nil), log...)
	now := at(9)
	s := service(&now)
	s.Replay(log)
	if s.Cards["old"].Reps != 2 || s.Cards["new"].Reps != 1 {
		t.Fatalf("before Rename: old %+v new %+v", s.Cards["old"], s.Cards["new"])
	}
	// An answer in this run, through the predict path, before the notes
	// that say old is new are read.
	s.Predicted("new", true, time.Second)
	s.Rename(map[string]string{"old": "new", "gone": "elsewhere"})

	// What a log written under the new id from the start replays to.
	want := service(&now)
	want.Replay([]review.Record{
		rec("new", 0, review.Good),
		rec("new", 3, review.Again),
		rec("other", 3, review.Easy),
		rec("new", 5, review.Good),
		{Time: at(9), Card: "new", Grade: review.Good, Took: time.Second},
	})
	if !maps.Equal(s.Cards, want.Cards) {
		t.Errorf("cards after Rename\n got %+v\nwant %+v", s.Cards, want.Cards)
	}
	if _, ok := s.Cards["old"]; ok {
		t.Errorf("the former id is still a card of its own: %+v", s.Cards["old"])
	}
	if s.Cards["new"].Reps != 4 {
		t.Errorf("new has %d reps, want the 4 answers", s.Cards["new"].Reps)
	}
	if !s.First["new"].Equal(at(0)) || !maps.Equal(s.First, want.First) {
		t.Errorf("first answers %v, want %v (new first answered at day 0, as old)", s.First, want.First)
	}
	for i := range log {
		if log[i] != logged[i] {
			t.Fatalf("the records passed to Replay were changed: %+v", log)
		}
	}
	if full := log[:len(log)+1]; full[len(log)] != (review.Record{}) {
		t.Errorf("an answer was appended into the caller's records: %+v", full[len(log)])
	}
}

// TestRenameWithoutFormerIDsKeepsTheState: a Rename that renames no
// record leaves the cards as they are, a card set without a record
// included.
func TestRenameWithoutFormerIDsKeepsTheState(t *testing.T) {
	now := epoch
	s := service(&now)
	s.Replay([]review.Record{{Time: epoch, Card: "a", Grade: review.Good}})
	s.Cards["set"] = s.Sched.Review(review.Card{}, review.Easy, epoch)
	before := maps.Clone(s.Cards)
	s.Rename(map[string]string{"nothing": "a"})
	s.Rename(nil)
	if !maps.Equal(s.Cards, before) {
		t.Errorf("cards %+v, want %+v", s.Cards, before)
	}
}
