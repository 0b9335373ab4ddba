package review

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// statsLog is n answers to cards c0 … c(cards-1), a few minutes to a few
// days apart, ending before now, graded mostly Good.
func statsLog(n, cards int, now time.Time, seed uint64) []Record {
	r := rand.New(rand.NewPCG(seed, 7))
	t := now.Add(-time.Duration(n) * 3 * time.Hour / time.Duration(max(cards/10, 1)))
	recs := make([]Record, n)
	for i := range recs {
		t = t.Add(time.Duration(r.IntN(int(6*time.Hour/time.Minute))) * time.Minute / time.Duration(max(cards/10, 1)))
		g := Good
		switch x := r.IntN(10); {
		case x < 2:
			g = Again
		case x < 3:
			g = Hard
		case x < 4:
			g = Easy
		}
		recs[i] = Record{Time: t, Card: fmt.Sprintf("c%d", r.IntN(cards)), Grade: g, Took: time.Duration(r.IntN(20000)) * time.Millisecond}
	}
	return recs
}

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("c%d", i)
	}
	return out
}

// TestStatsAgainstBruteForce checks every figure against a slow oracle that
// replays each card's history from scratch before each answer and names
// days by their printed date.
func TestStatsAgainstBruteForce(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("UTC-7", -7*3600), time.FixedZone("UTC+13", 13*3600)}
	if ny, err := time.LoadLocation("America/New_York"); err == nil {
		zones = append(zones, ny) // days of 23 and 25 hours
	}
	s := DefaultScheduler()
	for _, loc := range zones {
		for seed := range uint64(4) {
			now := time.Date(2026, 11, 3, 10, 30, 0, 0, loc)
			recs := statsLog(400, 12, now, seed)
			deck := append(ids(10), "c3", "missing") // c10, c11 are not in the deck
			got := ComputeStats(s, recs, deck, now)

			var want Stats
			date := func(t time.Time) string { return t.In(loc).Format("2006-01-02") }
			dayOf := map[string]int{}
			for k := range StatsDays {
				y, m, d := now.Date()
				dayOf[date(time.Date(y, m, d-k, 12, 0, 0, 0, loc))] = StatsDays - 1 - k
			}
			for i, r := range recs {
				want.Reviews++
				want.Took += r.Took
				var prior []Record
				for _, p := range recs[:i] {
					if p.Card == r.Card {
						prior = append(prior, p)
					}
				}
				c := Replay(s, prior)[r.Card]
				k, recent := dayOf[date(r.Time)]
				if recent {
					want.Days[k].Reviews++
					want.Days[k].Took += r.Took
					if r.Grade == Again {
						want.Days[k].Again++
					}
				}
				if c.State == Review && !r.Time.Before(c.Due) {
					want.All.add(r.Grade != Again)
					if recent {
						want.Recent.add(r.Grade != Again)
					}
				}
			}
			cards := Replay(s, recs)
			for _, id := range ids(10) {
				c, ok := cards[id]
				if !ok {
					continue
				}
				for k := range ForecastDays {
					y, m, d := now.Date()
					if day := date(time.Date(y, m, d+k, 12, 0, 0, 0, loc)); day == date(c.Due) || (k == 0 && date(c.Due) < day) {
						want.Forecast[k]++
					}
				}
			}
			name := fmt.Sprintf("%s seed %d", loc, seed)
			if got.Reviews != want.Reviews || got.Took != want.Took {
				t.Errorf("%s: reviews %d took %v, want %d %v", name, got.Reviews, got.Took, want.Reviews, want.Took)
			}
			for k := range StatsDays {
				g, w := got.Days[k], want.Days[k]
				if g.Reviews != w.Reviews || g.Again != w.Again || g.Took != w.Took {
					t.Errorf("%s: day %d (%s): %+v, want %+v", name, k, g.Date.Format(time.DateOnly), g, w)
				}
				if g.Date.Hour() != 0 || date(g.Date) != date(now.AddDate(0, 0, k-(StatsDays-1))) {
					t.Errorf("%s: day %d is dated %v", name, k, g.Date)
				}
			}
			if got.All != want.All || got.Recent != want.Recent {
				t.Errorf("%s: retention all %+v recent %+v, want %+v %+v", name, got.All, got.Recent, want.All, want.Recent)
			}
			if want.All.Passed+want.All.Failed == 0 {
				t.Errorf("%s: the log has no due review to count", name)
			}
			if got.Forecast != want.Forecast {
				t.Errorf("%s: forecast %v, want %v", name, got.Forecast, want.Forecast)
			}
		}
	}
}

// TestStatsByHand follows one card through a sequence whose figures are
// worked out by hand: two learning steps (not counted in retention), a
// review forgotten on its due day, relearning, and a review remembered.
func TestStatsByHand(t *testing.T) {
	s := DefaultScheduler()
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	recs := []Record{
		{Time: t0, Card: "a", Grade: Good, Took: 3 * time.Second},                                       // learning step 1
		{Time: t0.Add(10 * time.Minute), Card: "a", Grade: Good, Took: 2 * time.Second},                 // graduates: due in 2 days
		{Time: t0.Add(48*time.Hour + 10*time.Minute), Card: "a", Grade: Again, Took: 9 * time.Second},   // due: a lapse
		{Time: t0.Add(48*time.Hour + 20*time.Minute), Card: "a", Grade: Good, Took: time.Second},        // relearning step
		{Time: t0.Add(96 * time.Hour), Card: "a", Grade: Good, Took: time.Second},                       // due again: passed
		{Time: t0.Add(96 * time.Hour), Card: "b", Grade: Grade(7)},                                      // skipped
		{Time: t0.Add(96*time.Hour + time.Minute), Card: "b", Grade: Again, Took: 4 * time.Second},      // a new card failed
		{Time: t0.Add(96*time.Hour + 11*time.Minute), Card: "gone", Grade: Easy, Took: 5 * time.Second}, // not in the deck
	}
	now := t0.Add(96*time.Hour + 12*time.Minute)
	st := ComputeStats(s, recs, []string{"a", "b", "c"}, now)
	if st.Reviews != 7 || st.Took != 25*time.Second {
		t.Errorf("reviews %d took %v, want 7 and 25s", st.Reviews, st.Took)
	}
	if st.All != (Retention{Passed: 1, Failed: 1}) || st.Recent != st.All {
		t.Errorf("retention %+v recent %+v, want 1 passed 1 failed", st.All, st.Recent)
	}
	if r, ok := st.All.Rate(); !ok || r != 0.5 {
		t.Errorf("rate %v %v", r, ok)
	}
	today := st.Today()
	if today.Reviews != 3 || today.Again != 1 || today.Took != 10*time.Second {
		t.Errorf("today %+v", today)
	}
	if d := st.Days[StatsDays-3]; d.Reviews != 2 || d.Again != 1 {
		t.Errorf("two days ago %+v", d)
	}
	if n, took, studied := st.Recently(); n != 7 || took != 25*time.Second || studied != 3 {
		t.Errorf("recently %d %v %d", n, took, studied)
	}
	// b is in learning, due in a minute (today); a is young, due in days.
	if st.Forecast[0] != 1 || st.Cards != (CardCounts{New: 1, Learning: 1, Young: 1}) {
		t.Errorf("forecast %v cards %+v", st.Forecast, st.Cards)
	}
	if len(st.Lapsed) != 1 || st.Lapsed[0] != (Lapsed{Card: "a", Lapses: 1, Reps: 5}) {
		t.Errorf("lapsed %+v", st.Lapsed)
	}
	if st.Desired != 0.9 {
		t.Errorf("desired %v", st.Desired)
	}
}

// TestStatsLapsedOrder: the most lapses first, ties by id, at most
// MaxLapsed, none without a lapse.
func TestStatsLapsedOrder(t *testing.T) {
	s := DefaultScheduler()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var recs []Record
	lapses := map[string]int{"a": 1, "b": 3, "c": 3, "d": 2, "e": 1, "f": 1, "g": 0}
	now := t0
	for id, n := range lapses {
		c := Card{}
		at := t0
		answer := func(g Grade) {
			recs = append(recs, Record{Time: at, Card: id, Grade: g})
			c = s.Review(c, g, at)
			at = c.Due
		}
		answer(Easy)
		for range n {
			answer(Again)
			answer(Easy)
		}
		now = maxTime(now, at)
	}
	slicesSortByTime(recs)
	st := ComputeStats(s, recs, []string{"a", "b", "c", "d", "e", "f", "g"}, now)
	want := []string{"b", "c", "d", "a", "e"}
	if len(st.Lapsed) != len(want) {
		t.Fatalf("lapsed %+v", st.Lapsed)
	}
	for i, l := range st.Lapsed {
		if l.Card != want[i] || l.Lapses != lapses[l.Card] {
			t.Errorf("lapsed[%d] = %+v, want %s with %d", i, l, want[i], lapses[want[i]])
		}
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func slicesSortByTime(recs []Record) {
	for i := 1; i < len(recs); i++ {
		for j := i; j > 0 && recs[j].Time.Before(recs[j-1].Time); j-- {
			recs[j], recs[j-1] = recs[j-1], recs[j]
		}
	}
}

// TestStatsEmpty: no log, no figures, and no retention to claim.
func TestStatsEmpty(t *testing.T) {
	st := ComputeStats(DefaultScheduler(), nil, []string{"a"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if _, ok := st.Recent.Rate(); ok || st.Reviews != 0 || st.Cards.New != 1 || st.Forecast != [ForecastDays]int{} {
		t.Errorf("%+v", st)
	}
}

// BenchmarkComputeStats computes the stats of a log of 100,000 answers to
// 2,000 cards beside its floor, one replay of the same log (the stats
// cannot cost less than the replay they are made of).
func BenchmarkComputeStats(b *testing.B) {
	s := DefaultScheduler()
	now := time.Date(2026, 11, 3, 10, 30, 0, 0, time.Local)
	recs := statsLog(100_000, 2000, now, 1)
	deck := ids(2000)
	b.Run("stats", func(b *testing.B) {
		for b.Loop() {
			ComputeStats(s, recs, deck, now)
		}
	})
	b.Run("replay", func(b *testing.B) {
		for b.Loop() {
			Replay(s, recs)
		}
	})
}
