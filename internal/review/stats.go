package review

import (
	"cmp"
	"slices"
	"time"
)

// StatsDays is how many days of reviews [ComputeStats] counts day by day,
// today included, and the span of its recent retention.
const StatsDays = 30

// ForecastDays is how many days ahead, today included, [ComputeStats]
// counts the cards that come due.
const ForecastDays = 14

// MaxLapsed is how many of the most forgotten cards [Stats] lists.
const MaxLapsed = 5

// MatureDays is the interval from which a review card counts as mature,
// as in Anki: 21 days.
const MatureDays = 21

// Stats is what the review log says about a learner's study, after
// Anki's statistics, kept to what a learner acts on: how much they study,
// whether they remember as well as the scheduler aims for, what is coming,
// and which cards keep being forgotten. Days are calendar days in the
// clock's time zone, midnight to midnight.
type Stats struct {
	// Now is the clock the stats were computed at.
	Now time.Time
	// Days are the last StatsDays days, oldest first: Days[StatsDays-1]
	// is today.
	Days [StatsDays]Day
	// Reviews counts every answer in the log; Took sums their time.
	Reviews int
	Took    time.Duration
	// Recent is the true retention of the last StatsDays days; All of
	// the whole log.
	Recent, All Retention
	// Desired is the scheduler's desired retention, what Recent and All
	// are to be read against.
	Desired float64
	// Forecast counts the cards of the deck due each of the next
	// ForecastDays days: Forecast[0] is today, the cards overdue
	// included, up to midnight.
	Forecast [ForecastDays]int
	// Lapsed are the cards of the deck forgotten most often, the most
	// lapses first (ties by card id), at most MaxLapsed, none with no
	// lapse.
	Lapsed []Lapsed
	// Cards counts the deck's cards by where they are.
	Cards CardCounts
}

// Day is one calendar day of reviews.
type Day struct {
	// Date is the day's midnight in the clock's time zone.
	Date time.Time
	// Reviews counts the answers of the day, Again those graded Again.
	Reviews, Again int
	// Took is the time the day's answers took.
	Took time.Duration
}

// Retention is true retention, after the True Retention table of Anki's
// manual (reviews of cards with an interval of a day or more, the first of
// a day, Again a fail): of the reviews of cards that had graduated and
// were due (a card in Review, answered at or after its due time), those
// not graded Again passed. Reviews in the learning and relearning steps
// are left out: they test minutes-old memories.
type Retention struct {
	Passed, Failed int
}

// Rate is the share of passed reviews, and false when there were none.
func (r Retention) Rate() (float64, bool) {
	n := r.Passed + r.Failed
	if n == 0 {
		return 0, false
	}
	return float64(r.Passed) / float64(n), true
}

// Lapsed is a card and how often it was forgotten after graduating.
type Lapsed struct {
	Card   string
	Lapses int
	Reps   int
}

// CardCounts counts cards by where they are: never answered, in their
// (re)learning steps, in review with an interval under MatureDays days
// (young) or from it (mature).
type CardCounts struct {
	New, Learning, Young, Mature int
}

// ComputeStats replays recs (the log, in file order) with s and returns the
// stats at now. ids is the deck: the forecast, the lapsed cards and the
// card counts are of those ids alone (a repeated id counts once), while the
// reviews, their time and the retention count every answer of the log. A
// record with an invalid grade is skipped, as [Replay] skips it. The cost
// is one replay of the log and one pass over ids: 100,000 records in about
// 16 ms, 1.1 times a bare [Replay] (BenchmarkComputeStats).
func ComputeStats(s Scheduler, recs []Record, ids []string, now time.Time) Stats {
	st := Stats{Now: now, Desired: s.Retention}
	loc := now.Location()
	today := civilDay(now, loc)
	for i := range st.Days {
		y, m, d := now.Date()
		st.Days[i].Date = time.Date(y, m, d-(StatsDays-1-i), 0, 0, 0, 0, loc)
	}
	m := s.model()
	cards := make(map[string]Card)
	// The day of the last record, kept while records fall on it: the
	// log is in time order but for clocks set back.
	var dayFrom, dayTo time.Time
	day := 0
	for _, r := range recs {
		if !r.Grade.IsValid() {
			continue
		}
		st.Reviews++
		st.Took += r.Took
		if r.Time.Before(dayFrom) || !r.Time.Before(dayTo) {
			day = civilDay(r.Time, loc)
			y, mo, d := r.Time.In(loc).Date()
			dayFrom = time.Date(y, mo, d, 0, 0, 0, 0, loc)
			dayTo = time.Date(y, mo, d+1, 0, 0, 0, 0, loc)
		}
		ago := today - day
		recent := ago >= 0 && ago < StatsDays
		if recent {
			dd := &st.Days[StatsDays-1-ago]
			dd.Reviews++
			dd.Took += r.Took
			if r.Grade == Again {
				dd.Again++
			}
		}
		c := cards[r.Card]
		if c.State == Review && !r.Time.Before(c.Due) {
			pass := r.Grade != Again
			st.All.add(pass)
			if recent {
				st.Recent.add(pass)
			}
		}
		cards[r.Card] = m.review(c, r.Grade, r.Time)
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		c := cards[id]
		switch c.State {
		case New:
			st.Cards.New++
			continue
		case Learning, Relearning:
			st.Cards.Learning++
		case Review:
			if c.Due.Sub(c.LastReview) >= MatureDays*24*time.Hour {
				st.Cards.Mature++
			} else {
				st.Cards.Young++
			}
		}
		if ahead := max(civilDay(c.Due, loc)-today, 0); ahead < ForecastDays {
			st.Forecast[ahead]++
		}
		if c.Lapses > 0 {
			st.Lapsed = append(st.Lapsed, Lapsed{Card: id, Lapses: c.Lapses, Reps: c.Reps})
		}
	}
	slices.SortFunc(st.Lapsed, func(a, b Lapsed) int {
		return cmp.Or(cmp.Compare(b.Lapses, a.Lapses), cmp.Compare(a.Card, b.Card))
	})
	st.Lapsed = st.Lapsed[:min(len(st.Lapsed), MaxLapsed)]
	return st
}

func (r *Retention) add(pass bool) {
	if pass {
		r.Passed++
	} else {
		r.Failed++
	}
}

// civilDay numbers t's calendar day in loc: consecutive days differ by 1,
// whatever the clock changes between them.
func civilDay(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Today is the last day of s.Days: the answers given today.
func (s Stats) Today() Day { return s.Days[StatsDays-1] }

// Recently sums the reviews and time of the last StatsDays days, and
// counts the days with at least one review.
func (s Stats) Recently() (reviews int, took time.Duration, studied int) {
	for _, d := range s.Days {
		reviews += d.Reviews
		took += d.Took
		if d.Reviews > 0 {
			studied++
		}
	}
	return reviews, took, studied
}
