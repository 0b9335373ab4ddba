package review_test

import (
	"fmt"
	"log"
	"os"
	"time"

	"tutor/internal/review"
)

// The reference sequence of docs/review-log.md: a new card answered each
// time it comes due, Good six times, Again twice, Good five times.
func ExampleScheduler_Review() {
	s := review.DefaultScheduler()
	now := time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)
	var c review.Card // the zero Card is a new card
	for _, g := range []review.Grade{
		review.Good, review.Good, review.Good, review.Good, review.Good, review.Good,
		review.Again, review.Again,
		review.Good, review.Good, review.Good, review.Good, review.Good,
	} {
		c = s.Review(c, g, now)
		fmt.Printf("%-5v -> %-10v due in %v\n", g, c.State, c.Due.Sub(now))
		now = c.Due
	}
	// Output:
	// Good  -> Learning   due in 10m0s
	// Good  -> Review     due in 48h0m0s
	// Good  -> Review     due in 264h0m0s
	// Good  -> Review     due in 1104h0m0s
	// Good  -> Review     due in 3912h0m0s
	// Good  -> Review     due in 11952h0m0s
	// Again -> Relearning due in 10m0s
	// Again -> Relearning due in 10m0s
	// Good  -> Review     due in 48h0m0s
	// Good  -> Review     due in 96h0m0s
	// Good  -> Review     due in 168h0m0s
	// Good  -> Review     due in 288h0m0s
	// Good  -> Review     due in 504h0m0s
}

// What the answer buttons of a new card say.
func ExampleScheduler_Preview() {
	s := review.DefaultScheduler()
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	waits := s.Preview(review.Card{}, now)
	for g := review.Again; g <= review.Easy; g++ {
		fmt.Printf("%d %-5v %v\n", g, g, waits[g-1])
	}
	// Output:
	// 1 Again 1m0s
	// 2 Hard  5m30s
	// 3 Good  10m0s
	// 4 Easy  192h0m0s
}

func ExampleScheduler_Retrievability() {
	s := review.DefaultScheduler()
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	c := s.Review(review.Card{}, review.Easy, now) // stability w3 = 8.2956 days
	for _, d := range []int{0, 8, 30, 365} {
		fmt.Printf("after %3d days: %.3f\n", d, s.Retrievability(c, now.AddDate(0, 0, d)))
	}
	// Output:
	// after   0 days: 1.000
	// after   8 days: 0.902
	// after  30 days: 0.792
	// after 365 days: 0.558
}

func ExampleQueue() {
	s := review.DefaultScheduler()
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	cards := review.Replay(s, []review.Record{
		{Time: t0, Card: "tcp/1", Grade: review.Again},
		{Time: t0, Card: "tcp/2", Grade: review.Easy},
		{Time: t0.Add(time.Minute), Card: "kv/1", Grade: review.Again},
		{Time: t0, Card: "removed/9", Grade: review.Again}, // no longer in the deck
	})
	deck := []string{"kv/1", "kv/2", "tcp/1", "tcp/2", "tcp/3"}
	fmt.Println(review.Queue(deck, cards, t0.Add(time.Hour), 1))
	// Output:
	// [tcp/1 kv/1 kv/2]
}

func ExampleLog() {
	dir, err := os.MkdirTemp("", "tutor-state")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	l, err := review.OpenLog(dir)
	if err != nil {
		log.Fatal(err) // the quiz would run on, saying answers are not saved
	}
	defer l.Close()
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i, g := range []review.Grade{review.Good, review.Good} {
		at := t0.Add(time.Duration(i) * 10 * time.Minute)
		if err := l.Append(review.Record{Time: at, Card: "kvstore/0", Grade: g, Took: 3 * time.Second}); err != nil {
			log.Fatal(err)
		}
	}

	recs, warns, err := l.Load()
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range warns {
		fmt.Println("warning:", w)
	}
	c := review.Replay(review.DefaultScheduler(), recs)["kvstore/0"]
	fmt.Println(len(recs), "answers;", c.State, "due", c.Due.Format(time.DateTime))
	// Output:
	// 2 answers; Review due 2026-01-03 09:10:00
}

func ExampleParseGrade() {
	for _, s := range []string{"good", "4", "meh"} {
		g, err := review.ParseGrade(s)
		fmt.Println(g, err)
	}
	// Output:
	// Good <nil>
	// Easy <nil>
	// Grade(0) review: unknown grade "meh" (want again, hard, good, easy or 1-4)
}
