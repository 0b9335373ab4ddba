package review

import (
	"math"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var refStart = time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)

// days returns the whole days from c's last review to its due time, the
// way py-fsrs's tests measure an interval ((due - last_review).days).
func days(c Card) int { return elapsedDays(c.LastReview, c.Due) }

// TestReferenceSequence checks the sequence of docs/review-log.md and
// py-fsrs tests/test_basic.py (test_review_card): one new card, each
// review at the moment it comes due, grades Good x6, Again x2, Good x5.
func TestReferenceSequence(t *testing.T) {
	s := DefaultScheduler()
	grades := []Grade{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
	wantDays := []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}
	wantStates := []State{Learning, Review, Review, Review, Review, Review,
		Relearning, Relearning, Review, Review, Review, Review, Review}

	var c Card
	now := refStart
	var got []int
	for i, g := range grades {
		c = s.Review(c, g, now)
		got = append(got, days(c))
		if c.State != wantStates[i] {
			t.Errorf("review %d (%v): state %v, want %v", i+1, g, c.State, wantStates[i])
		}
		if !c.LastReview.Equal(now) {
			t.Errorf("review %d: LastReview %v, want %v", i+1, c.LastReview, now)
		}
		now = c.Due
	}
	for i := range wantDays {
		if got[i] != wantDays[i] {
			t.Fatalf("intervals in days:\n got %v\nwant %v", got, wantDays)
		}
	}
	if c.Reps != len(grades) || c.Lapses != 1 {
		t.Errorf("Reps, Lapses = %d, %d; want %d, 1", c.Reps, c.Lapses, len(grades))
	}
}

// TestMemoState checks py-fsrs tests/test_basic.py (test_memo_state):
// Again, then Good x5 at day offsets 0, 0, 1, 3, 8, 21 from the start.
func TestMemoState(t *testing.T) {
	s := DefaultScheduler()
	grades := []Grade{Again, Good, Good, Good, Good, Good}
	offsets := []int{0, 0, 1, 3, 8, 21}
	var c Card
	now := refStart
	for i, g := range grades {
		now = now.Add(time.Duration(offsets[i]) * day)
		c = s.Review(c, g, now)
	}
	if math.Abs(c.Stability-53.62691) > 1e-4 || math.Abs(c.Difficulty-6.3574867) > 1e-4 {
		t.Errorf("S, D = %.7f, %.7f; want 53.62691, 6.3574867 (±1e-4)", c.Stability, c.Difficulty)
	}
}

// TestNoLearningSteps checks docs/review-log.md: with no learning steps a
// first Good gives S = 2.3065, D = 2.1181 and an interval of 2 days.
func TestNoLearningSteps(t *testing.T) {
	s := DefaultScheduler()
	s.LearningSteps = nil
	c := s.Review(Card{}, Good, refStart)
	if c.State != Review {
		t.Errorf("state %v, want Review", c.State)
	}
	if math.Abs(c.Stability-2.3065) > 5e-5 || math.Abs(c.Difficulty-2.1181) > 5e-5 {
		t.Errorf("S, D = %.5f, %.5f; want 2.3065, 2.1181", c.Stability, c.Difficulty)
	}
	if got := c.Due.Sub(refStart); got != 2*day {
		t.Errorf("interval %v, want 48h", got)
	}
	// Every grade graduates at once; a first Again gets the 1-day floor.
	if c := s.Review(Card{}, Again, refStart); c.State != Review || c.Due.Sub(refStart) != day {
		t.Errorf("first Again without steps: %v due in %v, want Review in 24h", c.State, c.Due.Sub(refStart))
	}
}

func TestFirstAnswer(t *testing.T) {
	s := DefaultScheduler()
	for g := Again; g <= Easy; g++ {
		c := s.Review(Card{}, g, refStart)
		if c.Stability != defaultWeights[g-1] {
			t.Errorf("%v: S0 = %v, want w%d = %v", g, c.Stability, g-1, defaultWeights[g-1])
		}
		d0 := defaultWeights[4] - math.Exp(defaultWeights[5]*float64(g-1)) + 1
		if c.Difficulty != min(max(d0, 1), 10) {
			t.Errorf("%v: D0 = %v, want %v", g, c.Difficulty, d0)
		}
		if c.Reps != 1 || c.Lapses != 0 {
			t.Errorf("%v: Reps, Lapses = %d, %d", g, c.Reps, c.Lapses)
		}
	}
}

// TestSteps checks the learning and relearning steps against py-fsrs's
// test_*_learning_steps, test_review_state and test_relearning.
func TestSteps(t *testing.T) {
	s := DefaultScheduler()
	type want struct {
		state State
		step  int
		wait  time.Duration // 0: a Review interval of at least a day
	}
	check := func(name string, c Card, now time.Time, w want) {
		t.Helper()
		if c.State != w.state || c.Step != w.step {
			t.Errorf("%s: state %v step %d, want %v step %d", name, c.State, c.Step, w.state, w.step)
		}
		got := c.Due.Sub(now)
		if w.wait != 0 && got != w.wait {
			t.Errorf("%s: waits %v, want %v", name, got, w.wait)
		}
		if w.wait == 0 && (got < day || got%day != 0) {
			t.Errorf("%s: waits %v, want whole days >= 1", name, got)
		}
	}

	now := refStart
	check("new, Again", s.Review(Card{}, Again, now), now, want{Learning, 0, time.Minute})
	check("new, Hard", s.Review(Card{}, Hard, now), now, want{Learning, 0, 5*time.Minute + 30*time.Second})
	check("new, Good", s.Review(Card{}, Good, now), now, want{Learning, 1, 10 * time.Minute})
	check("new, Easy", s.Review(Card{}, Easy, now), now, want{Review, 0, 0})

	step1 := s.Review(Card{}, Good, now)
	now = step1.Due
	check("step 1, Again", s.Review(step1, Again, now), now, want{Learning, 0, time.Minute})
	check("step 1, Hard", s.Review(step1, Hard, now), now, want{Learning, 1, 10 * time.Minute})
	check("step 1, Good", s.Review(step1, Good, now), now, want{Review, 0, 0})

	one := s
	one.LearningSteps = []time.Duration{4 * time.Minute}
	check("one step, Hard", one.Review(Card{}, Hard, now), now, want{Learning, 0, 6 * time.Minute})
	check("one step, Good", one.Review(Card{}, Good, now), now, want{Review, 0, 0})

	rev := s.Review(step1, Good, now)
	now = rev.Due
	lapse := s.Review(rev, Again, now)
	check("lapse", lapse, now, want{Relearning, 0, 10 * time.Minute})
	if lapse.Lapses != 1 {
		t.Errorf("lapse: Lapses = %d, want 1", lapse.Lapses)
	}
	now = lapse.Due
	check("relearning, Again", s.Review(lapse, Again, now), now, want{Relearning, 0, 10 * time.Minute})
	check("relearning, Hard", s.Review(lapse, Hard, now), now, want{Relearning, 0, 15 * time.Minute})
	check("relearning, Good", s.Review(lapse, Good, now), now, want{Review, 0, 0})
	check("relearning, Easy", s.Review(lapse, Easy, now), now, want{Review, 0, 0})
	if c := s.Review(lapse, Again, now); c.Lapses != 1 {
		t.Errorf("Again in Relearning counted as a lapse: Lapses = %d", c.Lapses)
	}

	noRelearn := s
	noRelearn.RelearningSteps = nil
	now = rev.Due
	c := noRelearn.Review(rev, Again, now)
	check("lapse without relearning steps", c, now, want{Review, 0, 0})
	if c.Lapses != 1 {
		t.Errorf("lapse without relearning steps: Lapses = %d, want 1", c.Lapses)
	}

	// A card left on a step the scheduler no longer has graduates
	// (py-fsrs: the steps were shortened since).
	past := Card{State: Learning, Step: 5, Stability: 3, Difficulty: 5, LastReview: now, Due: now}
	check("step past the end, Hard", s.Review(past, Hard, now), now, want{Review, 0, 0})
	check("step past the end, Again", s.Review(past, Again, now), now, want{Learning, 0, time.Minute})
}

// TestRepeatedEasy checks py-fsrs test_repeated_correct_reviews: ten Easy
// answers a microsecond apart drive difficulty to exactly 1.
func TestRepeatedEasy(t *testing.T) {
	s := DefaultScheduler()
	var c Card
	for i := range 10 {
		c = s.Review(c, Easy, refStart.Add(time.Duration(i)*time.Microsecond))
	}
	if c.Difficulty != 1 {
		t.Errorf("difficulty %v, want 1", c.Difficulty)
	}
}

func TestMaxInterval(t *testing.T) {
	s := DefaultScheduler()
	s.MaxInterval = 30
	var c Card
	now := refStart
	for range 12 {
		c = s.Review(c, Easy, now)
		if c.State == Review && c.Due.Sub(now) > 30*day {
			t.Fatalf("interval %v over MaxInterval 30 days", c.Due.Sub(now))
		}
		now = c.Due
	}
	if c.Due.Sub(c.LastReview) != 30*day {
		t.Errorf("after 12 Easy answers the interval is %v, want the cap of 30 days", c.Due.Sub(c.LastReview))
	}
}

func TestRetrievability(t *testing.T) {
	s := DefaultScheduler()
	if r := s.Retrievability(Card{}, refStart); r != 0 {
		t.Errorf("new card: R = %v, want 0", r)
	}
	c := Card{State: Review, Stability: 10, Difficulty: 5, LastReview: refStart}
	if r := s.Retrievability(c, refStart); r != 1 {
		t.Errorf("R at t=0: %v, want 1", r)
	}
	if r := s.Retrievability(c, refStart.Add(10*day)); math.Abs(r-0.9) > 1e-12 {
		t.Errorf("R at t=S: %v, want 0.9", r)
	}
	// Whole days only: 10 days minus a second is 9 days.
	if a, b := s.Retrievability(c, refStart.Add(10*day-time.Second)), s.Retrievability(c, refStart.Add(9*day)); a != b {
		t.Errorf("R counts fractions of a day: %v != %v", a, b)
	}
	if r := s.Retrievability(c, refStart.Add(-3*day)); r != 1 {
		t.Errorf("R before the last review: %v, want 1", r)
	}
	prev := 1.0
	for d := 1; d < 2000; d += 37 {
		r := s.Retrievability(c, refStart.Add(time.Duration(d)*day))
		if !(r < prev && r > 0) {
			t.Fatalf("R(%d days) = %v, not in (0, R(earlier) = %v)", d, r, prev)
		}
		prev = r
	}
}

func TestElapsedDays(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want int
	}{
		{0, 0}, {day - 1, 0}, {day, 1}, {47 * time.Hour, 1}, {-time.Second, -1}, {-day, -1}, {-day - 1, -2},
	} {
		if got := elapsedDays(refStart, refStart.Add(tc.d)); got != tc.want {
			t.Errorf("elapsedDays(%v) = %d, want %d", tc.d, got, tc.want)
		}
	}
}

func TestGradeAndState(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Grade
	}{
		{"again", Again}, {" Hard ", Hard}, {"GOOD", Good}, {"easy", Easy}, {"1", Again}, {"4", Easy},
	} {
		g, err := ParseGrade(tc.in)
		if err != nil || g != tc.want {
			t.Errorf("ParseGrade(%q) = %v, %v; want %v", tc.in, g, err, tc.want)
		}
	}
	for _, bad := range []string{"", "0", "5", "good!", "ok"} {
		if _, err := ParseGrade(bad); err == nil || !strings.Contains(err.Error(), `"`+bad+`"`) {
			t.Errorf("ParseGrade(%q): error %v, want one naming the input", bad, err)
		}
	}
	for g := Again; g <= Easy; g++ {
		if p, err := ParseGrade(g.String()); err != nil || p != g {
			t.Errorf("ParseGrade(%v.String()) = %v, %v", g, p, err)
		}
	}
	if Grade(0).String() != "Grade(0)" || Grade(7).IsValid() || Grade(0).IsValid() {
		t.Error("invalid grades are not reported as such")
	}
	names := map[State]string{New: "New", Learning: "Learning", Review: "Review", Relearning: "Relearning", 9: "State(9)"}
	for st, want := range names {
		if st.String() != want {
			t.Errorf("State(%d).String() = %q, want %q", int(st), st.String(), want)
		}
	}
}

func TestIsNewIsDue(t *testing.T) {
	s := DefaultScheduler()
	var c Card
	if !c.IsNew() || c.IsDue(refStart) || c.IsDue(refStart.Add(1000*day)) {
		t.Error("the zero Card must be new and never due")
	}
	c = s.Review(c, Again, refStart)
	if c.IsNew() {
		t.Error("a reviewed card is still new")
	}
	if c.IsDue(refStart.Add(59 * time.Second)) {
		t.Error("due before its 1-minute step is over")
	}
	if !c.IsDue(refStart.Add(time.Minute)) || !c.IsDue(refStart.Add(time.Hour)) {
		t.Error("not due once its step is over")
	}
}

func TestInvalidGradeKeepsCard(t *testing.T) {
	s := DefaultScheduler()
	c := s.Review(Card{}, Good, refStart)
	for _, g := range []Grade{0, 5, -1} {
		if got := s.Review(c, g, refStart.Add(day)); got != c {
			t.Errorf("Review with %v changed the card: %+v", g, got)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultScheduler().Validate(); err != nil {
		t.Fatalf("DefaultScheduler: %v", err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Scheduler)
		words string
	}{
		{"zero", func(s *Scheduler) { *s = Scheduler{} }, "w0 = 0"},
		{"weight", func(s *Scheduler) { s.Weights[20] = 0.9 }, "w20 = 0.9"},
		{"nan weight", func(s *Scheduler) { s.Weights[3] = math.NaN() }, "w3 = NaN"},
		{"retention", func(s *Scheduler) { s.Retention = 1 }, "retention 1"},
		{"step", func(s *Scheduler) { s.LearningSteps = []time.Duration{time.Minute, 0} }, "learning step 1 is 0s"},
		{"relearning step", func(s *Scheduler) { s.RelearningSteps = []time.Duration{-time.Second} }, "relearning step 0 is -1s"},
		{"max interval", func(s *Scheduler) { s.MaxInterval = 0 }, "maximum interval 0"},
	} {
		s := DefaultScheduler()
		tc.edit(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%s: Validate() = %v, want an error containing %q", tc.name, err, tc.words)
		}
	}
}

// history draws a random history of answers for one card under s and
// returns the card and a time at or after its last review.
func history(t *rapid.T, s Scheduler) (Card, time.Time) {
	now := refStart
	var c Card
	n := rapid.IntRange(0, 25).Draw(t, "answers")
	for range n {
		c = s.Review(c, Grade(rapid.IntRange(1, 4).Draw(t, "grade")), now)
		now = nextTime(t, c, now)
	}
	return c, now
}

// nextTime draws when a card is answered next: when it comes due, late, or
// early (possibly the same day).
func nextTime(t *rapid.T, c Card, now time.Time) time.Time {
	switch rapid.IntRange(0, 2).Draw(t, "when") {
	case 0:
		return c.Due
	case 1:
		return c.Due.Add(time.Duration(rapid.Int64Range(0, int64(400*day)).Draw(t, "late")))
	default:
		return now.Add(time.Duration(rapid.Int64Range(0, int64(3*day)).Draw(t, "after")))
	}
}

func drawScheduler(t *rapid.T) Scheduler {
	s := DefaultScheduler()
	s.Retention = rapid.Float64Range(0.7, 0.99).Draw(t, "retention")
	s.MaxInterval = rapid.IntRange(1, 36500).Draw(t, "maxInterval")
	return s
}

// TestPropertyBounds: whatever the answers and their times, difficulty
// stays in [1, 10], stability at least 0.001, and a Review card's interval
// is whole days in [1, MaxInterval].
func TestPropertyBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		now := refStart
		var c Card
		for i := range rapid.IntRange(1, 40).Draw(t, "answers") {
			g := Grade(rapid.IntRange(1, 4).Draw(t, "grade"))
			c = s.Review(c, g, now)
			if !(c.Difficulty >= 1 && c.Difficulty <= 10) {
				t.Fatalf("answer %d: D = %v outside [1, 10]", i, c.Difficulty)
			}
			if !(c.Stability >= 0.001) || math.IsInf(c.Stability, 0) {
				t.Fatalf("answer %d: S = %v", i, c.Stability)
			}
			if c.Reps != i+1 {
				t.Fatalf("answer %d: Reps = %d", i, c.Reps)
			}
			wait := c.Due.Sub(now)
			if c.State == Review {
				if wait%day != 0 || wait < day || wait > time.Duration(s.MaxInterval)*day {
					t.Fatalf("answer %d: Review interval %v outside whole days [1, %d]", i, wait, s.MaxInterval)
				}
			} else if wait <= 0 || wait > 15*time.Minute {
				t.Fatalf("answer %d: %v step waits %v", i, c.State, wait)
			}
			now = nextTime(t, c, now)
		}
	})
}

// TestPropertyGrades: for any card at any later time, a better grade never
// brings the card back sooner nor leaves it less stable; Again always
// brings it back sooner than Good and never raises stability; Easy comes
// back no sooner than Good.
func TestPropertyGrades(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		c, now := history(t, s)
		p := s.Preview(c, now)
		if !(p[0] < p[2] && p[0] <= p[1] && p[1] <= p[2] && p[2] <= p[3]) {
			t.Fatalf("waits Again..Easy not in order: %v (card %+v)", p, c)
		}
		var st [4]float64
		for g := Again; g <= Easy; g++ {
			st[g-1] = s.Review(c, g, now).Stability
		}
		if !(st[0] <= st[1] && st[1] <= st[2] && st[2] <= st[3]) {
			t.Fatalf("stability Again..Easy not in order: %v", st)
		}
		if !c.IsNew() && st[0] > c.Stability {
			t.Fatalf("Again raised stability from %v to %v", c.Stability, st[0])
		}
	})
}

// TestPropertyStabilityGrows: a successful answer a day or more after the
// last one raises stability; Good and Easy never lower it, even the same day.
func TestPropertyStabilityGrows(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		c, now := history(t, s)
		if c.IsNew() {
			return
		}
		g := Grade(rapid.IntRange(2, 4).Draw(t, "grade"))
		next := s.Review(c, g, now)
		if g >= Good && next.Stability < c.Stability {
			t.Fatalf("%v lowered stability %v -> %v", g, c.Stability, next.Stability)
		}
		if elapsedDays(c.LastReview, now) >= 1 && next.Stability <= c.Stability {
			t.Fatalf("%v after %d days did not raise stability %v -> %v",
				g, elapsedDays(c.LastReview, now), c.Stability, next.Stability)
		}
	})
}

// TestPropertyPreviewAgrees: Preview shows exactly what Review does.
func TestPropertyPreviewAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		c, now := history(t, s)
		p := s.Preview(c, now)
		for g := Again; g <= Easy; g++ {
			if got := s.Review(c, g, now).Due.Sub(now); got != p[g-1] {
				t.Fatalf("%v: Preview says %v, Review gives %v", g, p[g-1], got)
			}
		}
	})
}

// TestPropertyNoPanic: nonsense schedulers and hand-made cards never make
// Review, Preview or Retrievability panic, and Review still records the
// answer.
func TestPropertyNoPanic(t *testing.T) {
	anyFloat := rapid.OneOf(rapid.Float64(), rapid.Float64Range(-10, 10),
		rapid.SampledFrom([]float64{0, math.NaN(), math.Inf(1), math.Inf(-1)}))
	anyDur := rapid.Map(rapid.Int64(), func(n int64) time.Duration { return time.Duration(n) })
	rapid.Check(t, func(t *rapid.T) {
		var s Scheduler
		for i := range s.Weights {
			s.Weights[i] = anyFloat.Draw(t, "w")
		}
		s.Retention = anyFloat.Draw(t, "retention")
		s.MaxInterval = rapid.Int().Draw(t, "maxInterval")
		s.LearningSteps = rapid.SliceOfN(anyDur, 0, 3).Draw(t, "steps")
		s.RelearningSteps = rapid.SliceOfN(anyDur, 0, 3).Draw(t, "relearning")
		c := Card{
			State:      State(rapid.IntRange(-1, 5).Draw(t, "state")),
			Step:       rapid.IntRange(-3, 5).Draw(t, "step"),
			Stability:  anyFloat.Draw(t, "S"),
			Difficulty: anyFloat.Draw(t, "D"),
			LastReview: refStart.Add(anyDur.Draw(t, "last")),
		}
		now := refStart.Add(anyDur.Draw(t, "now"))
		g := Grade(rapid.IntRange(1, 4).Draw(t, "grade"))
		next := s.Review(c, g, now)
		if !next.LastReview.Equal(now) || next.Reps != c.Reps+1 {
			t.Fatalf("answer not recorded: %+v", next)
		}
		s.Preview(c, now)
		s.Retrievability(c, now)
	})
}
